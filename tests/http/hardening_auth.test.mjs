// hardening_auth.test.mjs - attacks on login, report status and data entry:
// simultaneous status changes (exactly one wins, 409 for the other, one
// audit entry with the true before state); login throttling per address and
// login (the owner elsewhere still logs in); login CSRF (pre-session token
// on the form, JSON only on the API); the password length limit; strict
// count parsing; open redirects through `next`; spreadsheet formulas in the
// CSV export; LIKE wildcards in document search; the audit of org import.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  setup, teardown, login, addUser, cli, ok, assertError, departmentsOf, roundSpec, createRound, rp,
  cookiePairs, passwordOf, watchServer, ROOT, T_FILE, T_TEST,
} from './harness.mjs';

// Reports raced on. Each race sends RIVALS simultaneous requests (the
// server's thread pool has one thread per core; with two requests both often
// land on one thread and run one after the other): with 60 races the old
// check-then-act code loses at least one with near certainty.
const PAIRS = 60;
const RIVALS = 4;
const BATCH = 5; // races in flight at once

/** Runs fn over items, `BATCH` at a time; resolves the results in order. */
async function inBatches(items, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...await Promise.all(items.slice(i, i + BATCH).map(fn)));
  return out;
}

/**
 * One request, optionally from a given local address (127.0.0.x) so that
 * tests can play several clients. opts: json, form (object, urlencoded),
 * body, contentType, headers, localAddress. Unsafe requests carry a
 * same-origin Origin and Sec-Fetch-Site, as a browser's own would.
 */
function req(server, method, p, opts = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.headers || {}) };
    let body = null;
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json));
      headers['content-type'] ??= 'application/json';
    } else if (opts.form !== undefined) {
      body = Buffer.from(new URLSearchParams(opts.form).toString());
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      body = Buffer.from(opts.body);
      headers['content-type'] ??= opts.contentType || 'application/octet-stream';
    }
    if (!['GET', 'HEAD'].includes(method)) {
      headers['content-length'] = String(body ? body.length : 0);
      headers.origin ??= `http://${server.host}:${server.port}`;
      headers['sec-fetch-site'] ??= 'same-origin';
    }
    for (const k of Object.keys(headers)) if (headers[k] === null) delete headers[k];
    const started = process.hrtime.bigint();
    const r = http.request({
      host: server.host, port: server.port, method, path: p, headers, agent: false,
      localAddress: opts.localAddress,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({
          status: res.statusCode, headers: res.headers, setCookies: [].concat(res.headers['set-cookie'] || []),
          text, json, ms: Number(process.hrtime.bigint() - started) / 1e6,
        });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.setTimeout(120_000, () => r.destroy(new Error(`timeout ${method} ${p}`)));
    r.end(body || undefined);
  });
}

const apiLogin = (server, login, password, localAddress) =>
  req(server, 'POST', '/api/v1/login', { json: { login, password }, localAddress });

/** GET /login: the pre-session cookie pair and the form's hidden token. */
async function loginPage(server, query = '') {
  const r = await req(server, 'GET', `/login${query}`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const pre = r.setCookies.find((c) => /^ttdn_pre=/.test(c));
  const field = /name="pre" value="([^"]*)"/.exec(r.text);
  return { res: r, cookie: pre ? pre.split(';')[0] : null, setCookie: pre, field: field ? field[1] : null };
}

const sessionCookie = (res) => res.setCookies.find((c) => /^ttdn_session=[0-9a-f]{16,}/.test(c));

/** The audit trail (admin session), oldest first. */
async function auditTrail(admin) {
  const r = await admin.get('/api/v1/audit?limit=1000');
  return ok(r, 'GET /api/v1/audit').slice().reverse();
}

describe('hardening: login, report status, data entry', { timeout: T_FILE }, () => {
  let env;
  let admin; let admin2; let coord;
  let deps;

  before(async () => {
    env = await setup({
      users: [
        { login: 'boss', org: 'P51', role: 'admin' },
        { login: 'coord51', org: 'P51', role: 'coordinator' },
        { login: 'owner', org: 'P51', role: 'viewer' },
        { login: 'walker', org: 'P51', role: 'viewer' },
        { login: 'nexter', org: 'P51', role: 'viewer' },
        { login: 'former', org: 'P51', role: 'viewer' },
      ],
    });
    [admin, admin2, coord] = await Promise.all([
      login(env.server, env.users.boss), login(env.server, env.users.boss), login(env.server, env.users.coord51),
    ]);
    // The departments of P51, then communes of P51 up to PAIRS bodies.
    deps = await departmentsOf(admin, 'P51', 3);
    const communes = ok(await admin.get('/api/v1/orgs?kind=commune&parent=P51&limit=1000&at=2026-01-01'), 'communes')
      .filter((o) => o.parent_code === 'P51' && !o.valid_to);
    deps = [...deps, ...communes].slice(0, PAIRS);
    assert.equal(deps.length, PAIRS, 'enough bodies for the race pairs');
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  describe('report status races', () => {
    // Each test uses a fresh round of PAIRS reports, each holding a draft
    // with doan_vao = 1, and fires one pair of requests per report.
    async function freshRound(title) {
      const id = await createRound(admin, roundSpec(deps.map((d) => d.code), { title }));
      for (const d of deps) {
        ok(await admin.put(rp(id, d.code), { sections: { tinh_hinh: `Bản nháp ${d.code}` }, counts: { doan_vao: 1 } }),
          `draft ${d.code}`);
      }
      return id;
    }
    // Vietnamese text of about n bytes (real text takes real work to check).
    const filler = (n) => 'Tăng cường thông tin đối ngoại, quảng bá hình ảnh địa phương. '.repeat(Math.ceil(n / 70)).slice(0, Math.floor(n / 1.2));
    const oneWins = (res) => res.filter((r) => r.status === 200).length === 1 &&
      res.filter((r) => r.status === 409).length === res.length - 1;

    it('simultaneous submits: exactly one 200, the others 409, one audited submit from draft', { timeout: T_TEST }, async () => {
      const id = await freshRound('Đợt thử nộp đồng thời');
      const races = await inBatches(deps, async (d) => ({
        org: d.code,
        res: await Promise.all([...Array(RIVALS)].map((_, i) => (i % 2 ? admin2 : admin).post(rp(id, d.code, '/submit')))),
      }));
      const bad = races.filter((x) => !oneWins(x.res)).map((x) => [x.org, ...x.res.map((r) => r.status)]);
      assert.deepEqual(bad, [], `each race must give one 200 and the rest 409: ${JSON.stringify(bad)}`);
      const trail = await auditTrail(admin);
      for (const { org, res } of races) {
        for (const loser of res.filter((r) => r.status === 409)) {
          assertError(loser, 409, 'conflict', `losing submit of ${org}`);
          assert.match(loser.json.error.message, /tải lại trang/, 'the 409 says to reload');
        }
        const st = ok(await admin.get(rp(id, org)), `GET ${org}`);
        assert.equal(st.status, 'submitted');
        const subs = trail.filter((e) => e.action === 'report.submit' && e.entity_id === `${id}/${org}`);
        assert.equal(subs.length, 1, `one audited submit for ${org}: ${JSON.stringify(subs)}`);
        assert.equal(subs[0].before.status, 'draft', `before state of ${org}`);
      }
    });

    it('simultaneous returns: exactly one 200, the others 409, the winner\'s comment stored', { timeout: T_TEST }, async () => {
      const id = await freshRound('Đợt thử trả lại đồng thời');
      for (const d of deps) ok(await admin.post(rp(id, d.code, '/submit')), `submit ${d.code}`);
      const races = await inBatches(deps, async (d) => ({
        org: d.code,
        res: await Promise.all([...Array(RIVALS)].map((_, i) => (i % 2 ? admin2 : admin).post(rp(id, d.code, '/return'),
          { comment: `Trả lại lần ${i} ${d.code}. ${filler(4000)}` }))),
      }));
      const bad = races.filter((x) => !oneWins(x.res)).map((x) => [x.org, ...x.res.map((r) => r.status)]);
      assert.deepEqual(bad, [], `each race must give one 200 and the rest 409: ${JSON.stringify(bad)}`);
      const trail = await auditTrail(admin);
      for (const { org, res } of races) {
        const st = ok(await admin.get(rp(id, org)), `GET ${org}`);
        assert.equal(st.status, 'returned');
        const winner = res.findIndex((r) => r.status === 200);
        assert.ok(st.return_comment.startsWith(`Trả lại lần ${winner} ${org}.`), 'the winner\'s comment is stored');
        const rets = trail.filter((e) => e.action === 'report.return' && e.entity_id === `${id}/${org}`);
        assert.equal(rets.length, 1, `one audited return for ${org}: ${JSON.stringify(rets)}`);
        assert.equal(rets[0].before.status, 'submitted');
      }
    });

    it('saves racing submits never change the submitted report', { timeout: T_TEST }, async () => {
      const id = await freshRound('Đợt thử lưu và nộp đồng thời');
      // Per report: two saves (values 70 and 71) and two submits at once.
      const races = await inBatches(deps, async (d) => {
        const res = await Promise.all([...Array(RIVALS)].map((_, i) => (i % 2
          ? admin2.post(rp(id, d.code, '/submit'))
          : admin.put(rp(id, d.code), { sections: { tinh_hinh: `Sửa ${i} ${d.code}. ${filler(150_000)}` }, counts: { doan_vao: 70 + i / 2 } }))));
        return { org: d.code, saves: res.filter((_, i) => i % 2 === 0), submits: res.filter((_, i) => i % 2) };
      });
      const trail = await auditTrail(admin);
      const late = []; const wrong = [];
      for (const { org, saves, submits } of races) {
        for (const r of saves) assert.ok([200, 409].includes(r.status), `save: ${r.status} ${r.text.slice(0, 200)}`);
        const mine = trail.filter((e) => e.entity_id === `${id}/${org}`);
        const subIdx = mine.findIndex((e) => e.action === 'report.submit');
        const st = ok(await admin.get(rp(id, org)), `GET ${org}`);
        assert.equal(st.status, 'submitted');
        // A save after the first submit changed a submitted report.
        if (mine.slice(subIdx + 1).some((e) => e.action === 'report.save')) late.push(org);
        // What was submitted stays: the last save before the submit, else
        // the draft (1); and every 200 save is one recorded before it.
        const before = mine.slice(0, subIdx).filter((e) => e.action === 'report.save' && e.after.counts.doan_vao >= 70);
        const want = before.length ? before[before.length - 1].after.counts.doan_vao : 1;
        const oks = saves.filter((r) => r.status === 200).length;
        if (st.counts.doan_vao !== want || oks !== before.length) {
          wrong.push({ org, saves: saves.map((r) => r.status), stored: st.counts.doan_vao, want, savedFirst: before.length });
        }
      }
      assert.deepEqual(late, [], `saves landed after the submit on: ${late.join(', ')}`);
      assert.deepEqual(wrong, [], 'stored content is what was submitted');
      for (const { org, submits } of races) {
        assert.ok(oneWins(submits), `${org}: one submit wins: ${submits.map((r) => r.status)}`);
      }
      for (const { org, saves } of races) {
        for (const r of saves.filter((x) => x.status === 409)) {
          assertError(r, 409, 'conflict', `late save of ${org}`);
          assert.match(r.json.error.message, /tải lại trang/);
        }
      }
    });
  });

  describe('login throttling', () => {
    it('5 failures lock the (address, login) pair only; the owner logs in from elsewhere', { timeout: T_TEST }, async () => {
      const u = env.users.owner;
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await apiLogin(env.server, u.login, `sai-mat-khau-${i}-xyz`, '127.0.0.2')).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429], 'attacker address: five 401 then 429');
      const locked = await apiLogin(env.server, u.login, u.password, '127.0.0.2');
      assertError(locked, 429, 'throttled', 'the right password from the attacker address');
      assert.ok(!sessionCookie(locked), 'no session while throttled');
      const owner = await apiLogin(env.server, u.login, u.password, '127.0.0.3');
      assert.equal(owner.status, 200, `the owner from another address: ${owner.status} ${owner.text}`);
      assert.ok(sessionCookie(owner), 'the owner gets a session');
      // Another login from the attacker's address is not locked by this pair.
      const other = await apiLogin(env.server, env.users.walker.login, env.users.walker.password, '127.0.0.2');
      assert.equal(other.status, 200, `another login from the same address: ${other.text}`);
    });

    it('30 failures from one address lock that address for every login, not others', { timeout: T_TEST }, async () => {
      const addr = '127.0.0.4';
      for (let i = 0; i < 30; i++) {
        const r = await apiLogin(env.server, `khong-co-${i}`, 'mat-khau-sai-123', addr);
        assert.equal(r.status, 401, `failure #${i + 1} with a different login: ${r.status} ${r.text}`);
      }
      const w = env.users.walker;
      assertError(await apiLogin(env.server, w.login, w.password, addr), 429, 'throttled',
        'a real account from the address over the overall limit');
      assertError(await apiLogin(env.server, 'khong-co-moi', 'mat-khau-sai-123', addr), 429, 'throttled', 'a new login');
      assert.equal((await apiLogin(env.server, w.login, w.password, '127.0.0.5')).status, 200, 'the same account elsewhere');
    });

    it('a throttled answer takes the hashing time like a real check', { timeout: T_TEST }, async () => {
      const addr = '127.0.0.6';
      const fails = [];
      for (let i = 0; i < 5; i++) {
        const r = await apiLogin(env.server, 'former', `sai-${i}-mat-khau`, addr);
        assert.equal(r.status, 401);
        fails.push(r.ms);
      }
      const throttled = [];
      for (let i = 0; i < 3; i++) {
        const r = await apiLogin(env.server, 'former', `sai-${i}-mat-khau`, addr);
        assert.equal(r.status, 429);
        throttled.push(r.ms);
      }
      fails.sort((a, b) => a - b);
      const median = fails[2];
      assert.ok(Math.min(...throttled) >= 0.4 * median,
        `throttled answers (${throttled.map(Math.round)} ms) must cost about a check (${fails.map(Math.round)} ms)`);
    });
  });

  describe('login CSRF', () => {
    it('GET /login sets a short-lived HttpOnly SameSite=Strict pre-session cookie and a form token', { timeout: T_TEST }, async () => {
      const p = await loginPage(env.server);
      assert.ok(p.setCookie, `ttdn_pre cookie: ${p.res.setCookies}`);
      assert.match(p.cookie, /^ttdn_pre=[0-9a-f]{64}$/);
      assert.match(p.setCookie, /HttpOnly/i);
      assert.match(p.setCookie, /SameSite=Strict/i);
      assert.match(p.setCookie, /Max-Age=\d+/i);
      assert.ok(p.field && p.field.length >= 32, 'hidden pre field');
    });

    it('a login form posted without the pre-session pair is refused (403) and logs nobody in', { timeout: T_TEST }, async () => {
      const u = env.users.walker;
      const forged = await req(env.server, 'POST', '/login', { form: { login: u.login, password: u.password } });
      assert.equal(forged.status, 403, `a cross-site form post without cookie or token: ${forged.status}`);
      assert.ok(!sessionCookie(forged), 'no session for a forged post');
      const good = await loginPage(env.server);
      const other = await loginPage(env.server);
      const cases = [
        ['cookie without the token', {}, good.cookie],
        ['token without the cookie', { pre: good.field }, null],
        ["token of another page's cookie", { pre: good.field }, other.cookie],
        ['tampered token', { pre: good.field.slice(0, -1) + (good.field.endsWith('0') ? '1' : '0') }, good.cookie],
        ['cookie value as the token', { pre: good.cookie.split('=')[1] }, good.cookie],
      ];
      for (const [what, extra, cookie] of cases) {
        const r = await req(env.server, 'POST', '/login', {
          form: { login: u.login, password: u.password, ...extra },
          headers: cookie ? { cookie } : {},
        });
        assert.equal(r.status, 403, `${what}: ${r.status}`);
        assert.ok(!sessionCookie(r), `${what}: no session cookie`);
        assert.match(r.text, /tải lại trang đăng nhập/, `${what}: Vietnamese message`);
      }
      const r = await req(env.server, 'POST', '/login', {
        form: { login: u.login, password: u.password, pre: good.field }, headers: { cookie: good.cookie },
      });
      assert.equal(r.status, 303, `with the pair: ${r.status} ${r.text.slice(0, 300)}`);
      assert.ok(sessionCookie(r), 'session cookie with the pair');
    });

    it('the API login takes JSON only (415 for text/plain or a form)', { timeout: T_TEST }, async () => {
      const u = env.users.walker;
      const body = JSON.stringify({ login: u.login, password: u.password });
      for (const ct of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const r = await req(env.server, 'POST', '/api/v1/login', { body, contentType: ct });
        assertError(r, 415, 'unsupported', `login with ${ct}`);
        assert.ok(!sessionCookie(r), `no session with ${ct}`);
      }
      const r = await req(env.server, 'POST', '/api/v1/login', { body, contentType: 'application/json; charset=utf-8' });
      assert.equal(r.status, 200, r.text);
    });
  });

  it('a post-login destination with a tab, newline or backslash goes to / instead', { timeout: T_TEST }, async () => {
    const u = env.users.nexter;
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/x\\evil', '\t//evil.example']) {
      const page = await loginPage(env.server, `?next=${encodeURIComponent(next)}`);
      const r = await req(env.server, 'POST', '/login', {
        form: { login: u.login, password: u.password, pre: page.field ?? '', next },
        headers: page.cookie ? { cookie: page.cookie } : {},
      });
      assert.equal(r.status, 303, `login: ${r.status}`);
      assert.equal(r.headers.location, '/', `next ${JSON.stringify(next)} -> ${JSON.stringify(r.headers.location)}`);
      const hidden = /name="next" value="([^"]*)"/.exec(page.res.text);
      assert.equal(hidden && hidden[1], '/', `form keeps no unsafe next (${JSON.stringify(next)})`);
    }
    const page = await loginPage(env.server, '?next=%2Frounds%3Fx%3D1');
    const r = await req(env.server, 'POST', '/login', {
      form: { login: u.login, password: u.password, pre: page.field ?? '', next: '/rounds?x=1' },
      headers: page.cookie ? { cookie: page.cookie } : {},
    });
    assert.equal(r.headers.location, '/rounds?x=1', 'a local path is kept');
  });

  it('a password over 1024 bytes is refused at creation; 1024 bytes works', { timeout: T_TEST }, async () => {
    const long = 'a'.repeat(1025);
    assertError(await admin.post('/api/v1/users', { login: 'dai-qua', password: long, org_code: 'P51', role: 'viewer' }),
      400, 'invalid', '1025-byte password');
    // Multibyte: 342 × "ầ" (3 bytes) = 1026 bytes, only 342 characters.
    assertError(await admin.post('/api/v1/users', { login: 'dai-qua-2', password: 'ầ'.repeat(342), org_code: 'P51', role: 'viewer' }),
      400, 'invalid', '1026-byte multibyte password');
    const users = ok(await admin.get('/api/v1/users'), 'users');
    assert.ok(!users.some((x) => x.login.startsWith('dai-qua')), 'no account was created');
    const max = 'b'.repeat(1024);
    ok(await admin.post('/api/v1/users', { login: 'vua-du', password: max, org_code: 'P51', role: 'viewer' }), 'create', [201]);
    assert.equal((await apiLogin(env.server, 'vua-du', max, '127.0.0.7')).status, 200, 'the 1024-byte password logs in');
  });

  it('count fields take Vietnamese numbers only (no hex, exponent, sign, inf, nan, decimal dot)', { timeout: T_TEST }, async () => {
    const [d] = deps;
    const id = await createRound(admin, roundSpec([d.code], { title: 'Đợt thử số liệu' }));
    ok(await admin.put(rp(id, d.code), { counts: { doan_vao: 5 } }), 'initial value');
    const page = `/rounds/${id}/reports/${encodeURIComponent(d.code)}`;
    const post = async (value) => {
      const { version } = ok(await admin.get(rp(id, d.code)), 'GET');
      return admin.request('POST', page, {
        body: new URLSearchParams({ csrf: admin.csrf, action: 'save', version: String(version), 'count.doan_vao': value }).toString(),
        contentType: 'application/x-www-form-urlencoded',
        headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
      });
    };
    // doan_vao is an integer count: fractions are refused too.
    for (const bad of ['0x10', '0X1A', '1e3', '1E2', 'inf', 'Infinity', 'nan', '-1', '+5', '1.2.3', '.', '12abc', '0x', '1,5',
      '١٢', '12.5', '1.5', '3.', '.5']) {
      const r = await post(bad);
      assert.equal(r.status, 400, `${JSON.stringify(bad)} -> ${r.status}`);
      assert.match(r.text, /class="field-error" id="e-doan_vao"/, `${JSON.stringify(bad)}: message next to the field`);
      const st = ok(await admin.get(rp(id, d.code)), 'GET');
      assert.equal(st.counts.doan_vao, 5, `${JSON.stringify(bad)} changed nothing`);
    }
    for (const [good, want] of [['16', 16], [' 1.200 ', 1200], ['0', 0], ['007', 7], ['1 200', 1200], ['2,0', 2]]) {
      const r = await post(good);
      assert.equal(r.status, 303, `${JSON.stringify(good)} -> ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(ok(await admin.get(rp(id, d.code)), 'GET').counts.doan_vao, want, `${JSON.stringify(good)} stored`);
    }
  });

  it('CSV export: cells starting with = + - @ tab or CR are neutralised with an apostrophe', { timeout: T_TEST }, async () => {
    const [d] = deps;
    const names = ['=HYPERLINK("http://evil.example","bấm")', '+1+2', '-3+4', '@SUM(1)', '\tTab', '=1,2'];
    const spec = roundSpec([d.code], {
      title: 'Đợt thử CSV',
      sections: [],
      counts: names.map((name, i) => ({ key: `k${i}`, name, unit: '' })),
    });
    const id = await createRound(admin, spec);
    ok(await admin.put(rp(id, d.code), { counts: { k0: 1 } }), 'save');
    ok(await admin.post(rp(id, d.code, '/submit')), 'submit');
    const r = await admin.get(`/rounds/${id}/consolidated.csv?header=codes`);
    assert.equal(r.status, 200);
    const header = r.text.replace(/^\uFEFF/, '').split('\r\n')[0];
    assert.equal(header, 'org_code,org_name,"\'=HYPERLINK(""http://evil.example"",""bấm"")",\'+1+2,\'-3+4,' +
      '\'@SUM(1),\'\tTab,"\'=1,2"');
    assert.doesNotMatch(r.text, /(^|,)"?[=+@\t-]/m, 'no cell starts a formula');
    const vi = await admin.get(`/rounds/${id}/consolidated.csv`);
    assert.equal(vi.status, 200);
    assert.doesNotMatch(vi.text, /(^|,)"?[=+@\t-]/m, 'no cell starts a formula (Vietnamese headers)');
  });

  it('document search: % and _ are literal, not wildcards', { timeout: T_TEST }, async () => {
    const data = path.join(ROOT, 'tests/data');
    const files = fs.readdirSync(data).filter((f) => f.endsWith('.txt')).slice(0, 4).map((f) => path.join(data, f));
    await cli(['import', ...files, '--db', env.db]);
    const all = ok(await admin.get('/api/v1/documents'), 'all documents');
    assert.ok(all.length >= 3, `documents imported: ${all.length}`);
    // A symbol with one character replaced by _ (or a run by %) would still
    // match it if they were wildcards.
    const doc = all.find((x) => x.symbol && /^[0-9]+\/[A-Za-z-]+$/.test(x.symbol));
    assert.ok(doc, `a document with a plain symbol: ${JSON.stringify(all.map((x) => x.symbol))}`);
    const sym = doc.symbol.toLowerCase();
    const under = sym[0] + '_' + sym.slice(2);
    const pct = sym[0] + '%' + sym.slice(-2);
    assert.ok(ok(await admin.get(`/api/v1/documents?q=${encodeURIComponent(sym)}`), sym).some((x) => x.id === doc.id),
      'the plain search finds the document');
    for (const q of ['%', '%%', '_', under, pct, '\\']) {
      const r = ok(await admin.get(`/api/v1/documents?q=${encodeURIComponent(q)}`), `q=${q}`);
      const hits = r.filter((x) => !`${x.symbol || ''} ${x.title || ''} ${x.filename}`.includes(q));
      assert.deepEqual(hits.map((x) => x.filename), [], `q=${JSON.stringify(q)} matches only keys containing it`);
    }
    const pageAll = await admin.get('/documents');
    const pageQ = await admin.get('/documents?q=%25');
    const pageU = await admin.get(`/documents?q=${encodeURIComponent(under)}`);
    const links = (t) => new Set([...t.matchAll(/href="\/documents\/(\d+)"/g)].map((m) => m[1])).size;
    assert.ok(links(pageAll.text) >= 3, 'the page lists documents');
    assert.equal(links(pageQ.text), 0, 'the page search for % lists none');
    assert.equal(links(pageU.text), 0, `the page search for ${under} lists none`);
  });

  it('org import audits a body moved to another parent with its before and after', { timeout: T_TEST }, async () => {
    const csv = path.join(env.dir, 'move.csv');
    fs.writeFileSync(csv, 'code,name,kind,parent_code,aliases,valid_from,valid_to\n' +
      'P51-STC,Sở Tài chính,department,P01,,,2026-12-31\n' +
      'P51-MOI,Ban Mới,other,P51,,2026-01-01,\n');
    await cli(['org', 'import', csv, '--db', env.db]);
    const trail = await auditTrail(admin);
    const upd = trail.filter((e) => e.entity === 'org' && e.entity_id === 'P51-STC');
    assert.equal(upd.length, 1, `one audit entry for the moved body: ${JSON.stringify(upd)}`);
    assert.equal(upd[0].action, 'org.update');
    assert.equal(upd[0].before.parent_code, 'P51');
    assert.equal(upd[0].after.parent_code, 'P01');
    assert.equal(upd[0].before.valid_to ?? null, null);
    assert.equal(upd[0].after.valid_to, '2026-12-31');
    assert.equal(upd[0].after.name, 'Sở Tài chính');
    const created = trail.filter((e) => e.entity === 'org' && e.entity_id === 'P51-MOI');
    assert.equal(created.length, 1);
    assert.equal(created[0].action, 'org.create');
    assert.equal(created[0].before, null);
    assert.equal(created[0].after.parent_code, 'P51');
  });
});
