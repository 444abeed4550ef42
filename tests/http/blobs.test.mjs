// blobs.test.mjs - originals are stored as chunked blobs and downloaded as
// a stream: a large original comes back byte for byte while the server's
// memory grows by far less than the file; a database written by the
// previous release (originals inside document.original) keeps them
// downloadable after the upgrade; a document with thousands of citations
// shows them a page at a time.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, ADDRESS_JSON, cli, runCli, setup, teardown, login, ok, Server, dbQuery, watchServer,
  T_FILE, T_TEST,
} from './harness.mjs';

// The binary of the previous release (schema version 5: originals in
// document.original, queued files in job.data, accounts in "user").
const OLD_BIN = process.env.TTDN_OLD_BIN || '/work/old/ttdn-asan-2';

function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** A .docx with a title page the parser reads and `extra` bytes of random
 * media stored uncompressed, so the file is large but quick to parse. */
function makeDocx(file, extra, symbol) {
  execFileSync('/usr/bin/python3', ['-c', `
import docx, os, sys, zipfile
d = docx.Document()
for t in ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số: ${symbol}', 'Quảng Ngãi, ngày 05 tháng 12 năm 2024', 'BÁO CÁO',
          'Kết quả công tác thông tin đối ngoại năm 2024', 'Đã đón 4 đoàn khách quốc tế.']:
    d.add_paragraph(t)
d.save(sys.argv[1])
with zipfile.ZipFile(sys.argv[1], 'a', zipfile.ZIP_STORED) as z:
    n = int(sys.argv[2])
    with z.open('word/media/big.bin', 'w', force_zip64=True) as w:
        while n > 0:
            k = min(n, 1 << 20)
            w.write(os.urandom(k))
            n -= k
`, file, String(extra)]);
  return fs.statSync(file).size;
}

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

/** Downloads p, hashing as the bytes arrive (the test keeps none of them);
 * onData is called after each piece. Resolves {status, headers, size, sha}. */
function download(session, p, onData = () => {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: session.server.host, port: session.server.port, method: 'GET', path: p,
      headers: { cookie: session.cookie }, agent: false,
    }, (res) => {
      const h = crypto.createHash('sha256');
      let size = 0;
      res.on('data', (c) => { h.update(c); size += c.length; onData(); });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size, sha: h.digest('hex') }));
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: GET ${p}`)));
    req.on('error', reject);
    req.end();
  });
}

/** The id printed by `ttdn import` (not on a terminal): "imported\tPATH\tID". */
function importedId(stdout) {
  const m = /^(imported|duplicate)\t[^\t]*\t(\d+)/m.exec(stdout);
  assert.ok(m, `an imported document in: ${stdout}`);
  return Number(m[2]);
}

describe('blobs: originals as streams', { timeout: T_FILE }, () => {
  let env; let admin;
  before(async () => {
    // ASan keeps freed memory in a quarantine (256 MB by default), which
    // would count every freed chunk buffer as resident: keep it small so
    // the RSS shows what the server really holds.
    const asan = `${process.env.ASAN_OPTIONS || ''}:quarantine_size_mb=1:thread_local_quarantine_size_kb=256`;
    env = await setup({ users: [{ login: 'blobadmin', org: 'P51', role: 'admin' }], env: { ASAN_OPTIONS: asan } });
    admin = await login(env.server, 'blobadmin');
  }, { timeout: T_TEST });
  after(() => teardown(env));
  watchServer(() => env);

  it('downloads a large original in constant memory, byte for byte, with its length and name', { timeout: T_TEST }, async () => {
    const file = path.join(env.dir, 'bao cao lớn.docx');
    const size = makeDocx(file, 48 << 20, '77/BC-UBND');
    assert.ok(size > 48 << 20 && size < 50 << 20, `file size ${size}`);
    const want = sha256(fs.readFileSync(file));
    // The CLI imports without a request arena and writes the blob from the file.
    const id = importedId((await cli(['import', file, '--db', env.db])).stdout);
    const doc = ok(await admin.get(`/api/v1/documents/${id}`), 'document');
    assert.equal(doc.size, size);

    const pid = env.server.child.pid;
    // A small request first, so the thread's connection and caches exist.
    ok(await admin.get(`/api/v1/documents/${id}`), 'warm-up');
    const rss0 = rssKiB(pid);
    let peak = rss0;
    const timer = setInterval(() => { peak = Math.max(peak, rssKiB(pid)); }, 20);
    let r;
    try {
      r = await download(admin, `/documents/${id}/original`, () => { peak = Math.max(peak, rssKiB(pid)); });
    } finally {
      clearInterval(timer);
    }
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), size);
    assert.equal(r.headers['content-type'], 'application/octet-stream');
    assert.equal(r.headers['content-disposition'], 'attachment; filename="bao_cao_l___n.docx"');
    assert.equal(r.size, size);
    assert.equal(r.sha, want, 'the downloaded bytes are the imported file');
    const grown = peak - rss0;
    assert.ok(grown < 16 * 1024, `server memory grew ${grown} KiB while sending a ${size >> 20} MiB original`);

    // The blob is stored in 1 MiB chunks with the file's size and hash.
    const q = await dbQuery(env.db, `SELECT b.size || ' ' || b.sha256 || ' ' || (SELECT count(*) FROM blob_chunk c WHERE c.blob_id = b.id) FROM blob b JOIN document d ON d.original_blob_id = b.id WHERE d.id = ${id}`);
    assert.equal(q, `${size} ${want} ${Math.ceil(size / (1 << 20))}`);
  });

  it('refuses a file over 50 MB from the command line before reading it, storing nothing', { timeout: T_TEST }, async () => {
    const file = path.join(env.dir, 'qua_lon.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, (50 << 20) + 1); // sparse: nothing to write
    const before = await dbQuery(env.db, 'SELECT count(*) FROM blob');
    const r = await runCli(['import', file, '--db', env.db]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Tệp qua_lon\.txt lớn hơn 50 MB\. \(too_large\)/);
    assert.equal(await dbQuery(env.db, 'SELECT count(*) FROM blob'), before);
  });

  it('stores an original uploaded through the queue as a blob too', { timeout: T_TEST }, async () => {
    const file = path.join(env.dir, 'nho.docx');
    const size = makeDocx(file, (1 << 20) + 1 - 30000, '78/BC-UBND');
    const data = fs.readFileSync(file);
    const boundary = `----ttdnblob${Date.now()}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nho.docx"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n');
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const up = await admin.request('POST', '/api/v1/documents', {
      body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}`,
    });
    assert.equal(up.status, 202, up.text);
    let job;
    for (let t = 0; ; t++) {
      job = ok(await admin.get(`/api/v1/jobs/${up.json.jobs[0].id}`), 'job');
      if (job.result) break;
      assert.ok(t < 1500, 'the job did not end');
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(job.result.status, 'imported', JSON.stringify(job));
    const id = job.result.document_id;
    const r = await download(admin, `/documents/${id}/original`);
    assert.equal(r.status, 200);
    assert.equal(r.size, size);
    assert.equal(r.sha, sha256(data));
    // The queued file went into a blob of its own, deleted when the job ended.
    assert.equal(await dbQuery(env.db, 'SELECT count(*) FROM job WHERE data IS NOT NULL OR data_blob_id IS NOT NULL'), '0');
    assert.equal(await dbQuery(env.db, 'SELECT count(*) FROM blob WHERE id NOT IN ' +
      '(SELECT original_blob_id FROM document WHERE original_blob_id IS NOT NULL)'), '0');
  });

  it('pages the citations of a document that cites thousands of others', { timeout: T_TEST }, async () => {
    const n = 2500;
    const lines = ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số: 99/KH-UBND', 'Quảng Ngãi, ngày 05 tháng 12 năm 2024',
      'KẾ HOẠCH', 'Thông tin đối ngoại năm 2025', ''];
    for (let i = 1; i <= n; i++) lines.push(`Căn cứ Quyết định số ${i}/QĐ-UBND ngày 01/02/2020 của Ủy ban nhân dân tỉnh;`);
    lines.push('', 'Nơi nhận:', '- Như trên;');
    const file = path.join(env.dir, 'nhieu_trich_dan.txt');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const id = importedId((await cli(['import', file, '--db', env.db])).stdout);
    const d = ok(await admin.get(`/api/v1/documents/${id}`), 'document');
    assert.equal(d.citation_count, n);
    assert.equal(d.citations_offset, 0);
    assert.equal(d.citation_links.length, 1000);
    assert.equal(d.citation_links[0].symbol, '1/QĐ-UBND');
    const d2 = ok(await admin.get(`/api/v1/documents/${id}?citations_offset=2000`), 'second page');
    assert.equal(d2.citation_links.length, n - 2000);
    assert.equal(d2.citation_links[0].symbol, '2001/QĐ-UBND');
    const page = await admin.get(`/documents/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`\\(${n}\\)</h2><p class="muted">Chỉ hiện 1000 trích dẫn đầu tiên.`));
    assert.equal((page.text.match(/<li>/g) || []).length >= 1000, true);
  });
});

describe('blobs: upgrading a database of the previous release', { timeout: T_FILE }, () => {
  let dir; let server;
  const skip = !fs.existsSync(OLD_BIN) && `the previous release's binary ${OLD_BIN} (TTDN_OLD_BIN) is not here`;

  after(async () => {
    if (server) await server.stopClean();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  it('moves the stored originals into blobs and keeps them downloadable', { skip, timeout: T_TEST }, async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ttdn-upgrade-'));
    const db = path.join(dir, 'old.db');
    const oldCli = (args, input = '') => new Promise((resolve, reject) => {
      try {
        resolve(execFileSync(OLD_BIN, args, { cwd: ROOT, input, env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).toString());
      } catch (e) {
        reject(new Error(`${OLD_BIN} ${args.join(' ')}: ${e.stderr}`));
      }
    });
    await oldCli(['init', '--db', db]);
    await oldCli(['org', 'load-admin-units', ADDRESS_JSON, '--db', db]);
    await oldCli(['user', 'add', '--login', 'upadmin', '--org', 'P51', '--role', 'admin', '--db', db], 'pw-upadmin-S3cret!\n');
    const small = path.join(ROOT, 'tests/data/cv_so_tttt.txt');
    const big = path.join(dir, 'nhieu_phan.docx');
    makeDocx(big, (2 << 20) + 12345, '12/BC-UBND'); // three chunks
    const ids = {};
    for (const f of [small, big]) ids[f] = importedId(await oldCli(['import', f, '--db', db]));
    assert.equal(await dbQuery(db, 'SELECT count(*) FROM document WHERE length(original) > 0'), '2');
    // An upload still waiting in the queue, its file in job.data.
    const queued = path.join(ROOT, 'tests/data/kh_bang_laocai.txt');
    await dbQuery(db, "INSERT INTO job(kind, state, user_id, filename, size, data, created_at) SELECT 'import', 'queued', id, " +
      `'kh_bang_laocai.txt', ${fs.statSync(queued).size}, readfile('${queued}'), '2026-01-01T00:00:00Z' FROM "user" WHERE login = 'upadmin'`);

    // The new release migrates on start.
    server = await new Server(db).start();
    const s = await login(server, 'upadmin');
    for (const f of [small, big]) {
      const want = fs.readFileSync(f);
      const r = await download(s, `/documents/${ids[f]}/original`);
      assert.equal(r.status, 200, f);
      assert.equal(r.size, want.length, f);
      assert.equal(r.sha, sha256(want), `${f}: the same bytes after the upgrade`);
    }
    // The waiting upload is imported by a worker from its blob.
    let job;
    for (let t = 0; ; t++) {
      job = ok(await s.get('/api/v1/jobs'), 'jobs')[0];
      if (job.result) break;
      assert.ok(t < 1500, 'the queued job did not end');
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(job.result.status, 'imported', JSON.stringify(job));
    const q = await download(s, `/documents/${job.result.document_id}/original`);
    assert.equal(q.sha, sha256(fs.readFileSync(queued)));
    assert.equal(await dbQuery(db, "SELECT count(*) FROM document WHERE original_blob_id IS NULL OR length(original) > 0"), '0');
    assert.equal(await dbQuery(db, 'SELECT count(*) FROM job WHERE data IS NOT NULL OR data_blob_id IS NOT NULL'), '0');
    assert.equal(await dbQuery(db, 'SELECT count(*) FROM blob_chunk'), String(1 + 3 + 1));
    // The copy of the old database still serves them (db copy takes the new tables).
    await server.stopClean();
    server = null;
    const copy = path.join(dir, 'copy.db');
    await cli(['db', 'copy', '--from', db, '--to', copy]);
    server = await new Server(copy).start();
    const c = await login(server, 'upadmin');
    const r = await download(c, `/documents/${ids[big]}/original`);
    assert.equal(r.sha, sha256(fs.readFileSync(big)));
  });
});
