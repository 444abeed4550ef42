// jobs.test.mjs - document uploads become import jobs run by worker
// processes: 202 and polling to the result, who may see a job, the bounds
// of the queue, the server answering while conversions run, converters
// without network, and a large import that is not a "duplicate".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, teardown, login, assertError, request, dbQuery, multipart, T_FILE, T_TEST,
} from './harness.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
const seeds = fs.readdirSync(path.join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

const upload = (s, files, opts = {}) => {
  const m = multipart(files);
  return s.request('POST', '/api/v1/documents', { body: m.body, contentType: m.contentType, ...opts });
};

/** Polls GET /api/v1/jobs/ID until the job has a result; returns the job. */
async function waitJob(s, id, timeout = 150_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const r = await s.get(`/api/v1/jobs/${id}`);
    assert.equal(r.status, 200, r.text);
    if (r.json.result) return r.json;
    if (Date.now() > end) throw new Error(`job ${id} did not end: ${r.text}`);
    await sleep(200);
  }
}

/** An .odt whose image is a link to url (LibreOffice fetches it while converting). */
function linkedImageOdt(file, url) {
  execFileSync('/usr/bin/python3', ['-c', `
import zipfile, sys
content = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">
<office:body><office:text>
<text:p>ỦY BAN NHÂN DÂN TỈNH KON TUM</text:p>
<text:p>Số: 77/BC-UBND</text:p>
<text:p>Kon Tum, ngày 10 tháng 6 năm 2019</text:p>
<text:p>BÁO CÁO</text:p>
<text:p>Kết quả công tác thông tin đối ngoại</text:p>
<text:p><draw:frame draw:name="i1" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="URL" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
</office:text></office:body></office:document-content>'''.replace('URL', sys.argv[2])
manifest = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>'''
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text', compress_type=zipfile.ZIP_STORED)
    z.writestr('content.xml', content, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr('META-INF/manifest.xml', manifest, compress_type=zipfile.ZIP_DEFLATED)
`, file, url]);
  return fs.readFileSync(file);
}

describe('import jobs', { timeout: T_FILE }, () => {
  let env, admin, reporter, other, viewer;
  before(async () => {
    env = await setup({ users: [
      { login: 'jobadmin', org: 'P51', role: 'admin' },
      { login: 'jobrep', org: 'P51', role: 'reporter' },
      { login: 'jobother', org: 'P51', role: 'reporter' },
      { login: 'jobviewer', org: 'P51', role: 'viewer' },
    ] });
    admin = await login(env.server, env.users.jobadmin);
    reporter = await login(env.server, env.users.jobrep);
    other = await login(env.server, env.users.jobother);
    viewer = await login(env.server, env.users.jobviewer);
  });
  after(async () => { await teardown(env); });

  it('an upload answers 202 with its jobs, which end with the document or the error', { timeout: T_TEST }, async () => {
    const seed = seeds.find((f) => /215|KH/i.test(fs.readFileSync(path.join(SHARED, 'seeds', f), 'utf8'))) || seeds[0];
    const r = await upload(reporter, [
      { name: seed, data: fs.readFileSync(path.join(SHARED, 'seeds', seed)) },
      { name: 'hong.docx', data: Buffer.from('PK\x03\x04 not a zip') },
    ]);
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.jobs.length, 2);
    for (const j of r.json.jobs) {
      assert.equal(j.state, 'queued');
      assert.equal(j.url, `/api/v1/jobs/${j.id}`);
    }
    assert.equal(r.json.jobs[1].filename, 'hong.docx');
    const ok = await waitJob(reporter, r.json.jobs[0].id);
    assert.equal(ok.state, 'done');
    assert.equal(ok.progress, 100);
    assert.equal(ok.result.status, 'imported', JSON.stringify(ok));
    assert.ok(ok.result.document_id > 0);
    assert.ok(ok.result.symbol && ok.result.title, JSON.stringify(ok));
    const doc = await reporter.get(`/api/v1/documents/${ok.result.document_id}`);
    assert.equal(doc.status, 200);
    assert.equal(doc.json.symbol, ok.result.symbol);
    const bad = await waitJob(reporter, r.json.jobs[1].id);
    assert.equal(bad.state, 'failed');
    assert.equal(bad.result.status, 'failed');
    assert.equal(bad.result.code, 'parse_error');
    assert.equal(bad.result.document_id, null);
    assert.match(bad.result.message, /hong\.docx/);
    // The import was audited as the uploader.
    const audit = await admin.get('/api/v1/audit?limit=50');
    assert.ok(audit.json.some((e) => e.action === 'document.import' && e.login === 'jobrep' &&
      e.entity_id === String(ok.result.document_id)), 'audited as the uploader');
    const mine = await reporter.get('/api/v1/jobs?mine=1');
    assert.equal(mine.status, 200);
    assert.ok(mine.json.some((j) => j.id === ok.id));
  });

  it("only the uploader or an admin sees a job; a viewer may not upload", { timeout: T_TEST }, async () => {
    const r = await upload(reporter, [{ name: 'x.txt', data: Buffer.from('Số: 5/TB-UBND\nTHÔNG BÁO\nVề việc thử nghiệm\n') }]);
    assert.equal(r.status, 202, r.text);
    const id = r.json.jobs[0].id;
    assertError(await other.get(`/api/v1/jobs/${id}`), 404, 'not_found', "another user's job");
    assertError(await viewer.get(`/api/v1/jobs/${id}`), 404, 'not_found', "a viewer and another's job");
    assert.ok(!(await other.get('/api/v1/jobs')).json.some((j) => j.id === id), 'not in the list of another user');
    assert.equal((await admin.get(`/api/v1/jobs/${id}`)).status, 200);
    assert.equal((await reporter.get(`/api/v1/jobs/${id}`)).status, 200);
    const anon = await request(env.server, 'GET', `/api/v1/jobs/${id}`);
    assertError(anon, 401, 'unauthenticated', 'anonymous');
    assertError(await other.get('/api/v1/jobs/abc'), 404, 'not_found', 'bad id');
    assertError(await upload(viewer, [{ name: 'v.txt', data: Buffer.from('Số: 6/TB-UBND\n') }]), 403, 'forbidden', 'viewer upload');
    await waitJob(reporter, id);
  });

  it('a document that links an image by URL makes no network connection', { timeout: T_TEST }, async () => {
    const hits = [];
    const srv = net.createServer((sock) => { hits.push(Date.now()); sock.destroy(); });
    await new Promise((res) => srv.listen(0, '127.0.0.1', res));
    try {
      const port = srv.address().port;
      const odt = linkedImageOdt(path.join(env.dir, 'ssrf.odt'), `http://127.0.0.1:${port}/x.png`);
      const r = await upload(reporter, [{ name: 'anh-lien-ket.odt', data: odt }]);
      // (A server that converts inside the request has finished already.)
      const job = r.status === 202 ? await waitJob(reporter, r.json.jobs[0].id) : null;
      await sleep(500);
      // The converter never reached the listening socket ...
      assert.equal(hits.length, 0, `the converter connected to 127.0.0.1:${port} ${hits.length} time(s)`);
      // ... and ran to its end (LibreOffice read the text).
      assert.equal(r.status, 202, r.text);
      assert.equal(job.result.status, 'imported', JSON.stringify(job));
      assert.equal(job.result.symbol, '77/BC-UBND');
    } finally {
      srv.close();
    }
  });

  it('a large .docx with many citations imports, and only the same file again is a duplicate', { timeout: T_TEST }, async () => {
    const file = path.join(env.dir, 'nhieu-trich-dan.docx');
    const n = 300000;
    execFileSync('/usr/bin/python3', ['-c', `
import docx, sys
n = int(sys.argv[2])
d = docx.Document()
for t in ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số: 999/BC-UBND', 'Quảng Ngãi, ngày 15 tháng 11 năm 2024', 'BÁO CÁO',
          'Tổng hợp các văn bản chỉ đạo công tác thông tin đối ngoại']:
    d.add_paragraph(t)
i = 1
while i <= n:
    parts = []
    for k in range(100):
        parts.append(f'Kế hoạch số {i}/KH-UBND ngày {1 + i % 28:02d}/{1 + i % 12:02d}/{2000 + i % 24}')
        i += 1
    d.add_paragraph('Thực hiện ' + '; '.join(parts) + '.')
d.save(sys.argv[1])
`, file, String(n)]);
    const data = fs.readFileSync(file);
    // Through the API: it imports (a server that imports inside the
    // request answers at once, with what it made of it).
    const r = await upload(reporter, [{ name: 'nhieu-trich-dan.docx', data }]);
    const first = r.status === 202 ? (await waitJob(reporter, r.json.jobs[0].id)).result
      : { ...r.json.files[0], document_id: r.json.files[0].id };
    assert.equal(first.status, 'imported', JSON.stringify(first));
    assert.equal(r.status, 202, r.text);
    assert.ok(first.document_id > 0);
    assert.equal(first.symbol, '999/BC-UBND');
    const stored = await dbQuery(env.db, `SELECT count(*) FROM document_citation WHERE document_id = ${first.document_id}`);
    assert.equal(Number(stored), n, 'every citation is stored');
    // On the page, the same file again: redirected to the page that
    // follows its job, which ends as a duplicate of that document.
    const m = multipart([{ name: 'lan-hai.docx', data }]);
    const page = await reporter.request('POST', '/documents', { body: m.body, contentType: m.contentType });
    assert.equal(page.status, 303, page.text.slice(0, 300));
    const loc = page.headers.location;
    const second = await waitJob(reporter, Number(/jobs=(\d+)/.exec(loc)[1]));
    assert.equal(second.result.status, 'duplicate', JSON.stringify(second));
    const shown = await reporter.get(loc);
    assert.equal(shown.status, 200);
    assert.match(shown.text, new RegExp(`href="/documents/${first.document_id}">999/BC-UBND – Tổng hợp`));
    assert.match(shown.text, /Đã có từ trước/);
    assert.doesNotMatch(shown.text, /ttdn-import-/, 'no temporary file name');
    assert.equal(second.result.document_id, first.document_id);
  });
});

describe('import jobs: the server answers while conversions run', { timeout: T_FILE }, () => {
  let env, rep, savedPath, savedTimeout;
  before(async () => {
    // A stand-in for LibreOffice that takes 30 s, and a job deadline of 8 s.
    const bin = fs.mkdtempSync(path.join(process.cwd(), 'build', 'fake-soffice-'));
    fs.writeFileSync(path.join(bin, 'soffice'), '#!/bin/sh\nsleep 30\nexit 1\n', { mode: 0o755 });
    savedPath = process.env.PATH;
    savedTimeout = process.env.TTDN_JOB_TIMEOUT;
    process.env.PATH = `${bin}:${savedPath}`;
    process.env.TTDN_JOB_TIMEOUT = '8';
    try {
      env = await setup({ users: [{ login: 'slowrep', org: 'P51', role: 'reporter' }] });
    } finally {
      process.env.PATH = savedPath;
      if (savedTimeout === undefined) delete process.env.TTDN_JOB_TIMEOUT; else process.env.TTDN_JOB_TIMEOUT = savedTimeout;
    }
    env.bin = bin;
    rep = await login(env.server, env.users.slowrep);
  });
  after(async () => {
    try {
      await teardown(env);
    } finally {
      if (env && env.bin) fs.rmSync(env.bin, { recursive: true, force: true });
    }
  });

  it('/healthz answers within 5 s while two slow conversions run; the deadline ends them', { timeout: T_TEST }, async () => {
    const odt = (k) => linkedImageOdt(path.join(env.dir, `slow${k}.odt`), 'http://192.0.2.1/x.png');
    // Six uploads at once, as six requests (a server that converts inside
    // the request has every HTTP thread busy with them).
    const ups = [1, 2, 3, 4, 5, 6].map((k) => upload(rep, [{ name: `cham${k}.odt`, data: odt(k) }]));
    const t0 = Date.now();
    const quick = await Promise.race([
      Promise.all(ups).then((rs) => rs),
      sleep(5000).then(() => null),
    ]);
    if (!quick) {
      // A server that converts inside the request: is it still answering?
      const waited = Date.now() - t0;
      const h = await Promise.race([request(env.server, 'GET', '/healthz'), sleep(5000).then(() => null)]);
      assert.fail(`the uploads did not answer within 5 s (${waited} ms); ` +
        `/healthz ${h ? `answered ${h.status}` : 'did not answer within 5 s either'}`);
    }
    for (const r of quick) assert.equal(r.status, 202, r.text);
    const all = quick.map((r) => r.json.jobs[0].id);
    // Wait until two conversions are running (one per worker).
    let ids = [];
    const end = Date.now() + 30_000;
    for (;;) {
      const st = await Promise.all(all.map((id) => rep.get(`/api/v1/jobs/${id}`)));
      ids = st.filter((s) => s.json.state === 'running').map((s) => s.json.id);
      if (ids.length === 2) break;
      assert.ok(Date.now() < end, 'two jobs run');
      await sleep(100);
    }
    const h0 = Date.now();
    const health = await Promise.race([request(env.server, 'GET', '/healthz'), sleep(5000).then(() => null)]);
    assert.ok(health, '/healthz did not answer within 5 s');
    assert.equal(health.status, 200);
    assert.ok(Date.now() - h0 < 5000);
    const still = await Promise.all(ids.map((id) => rep.get(`/api/v1/jobs/${id}`)));
    for (const s of still) assert.equal(s.json.state, 'running', 'the conversions were still running');
    // One deadline per job: each fails at 8 s, long before the stand-in's 30 s.
    for (const id of all) {
      const job = await waitJob(rep, id, 90_000);
      assert.equal(job.state, 'failed');
      assert.equal(job.result.code, 'timeout', JSON.stringify(job));
      assert.match(job.result.message, /8 giây/);
      const took = Date.parse(job.finished_at) - Date.parse(job.started_at);
      assert.ok(took < 20_000, `ended after ${took} ms`);
    }
  });
});

describe('import jobs: bounded queue', { timeout: T_FILE }, () => {
  let env;
  const users = ['q1', 'q2', 'q3', 'q4', 'q5'];
  before(async () => {
    // No workers: every job stays queued, so the bounds are reached.
    const saved = process.env.TTDN_WORKERS;
    process.env.TTDN_WORKERS = '0';
    try {
      env = await setup({ users: users.map((login) => ({ login, org: 'P51', role: 'reporter' })) });
    } finally {
      if (saved === undefined) delete process.env.TTDN_WORKERS; else process.env.TTDN_WORKERS = saved;
    }
  });
  after(async () => { await teardown(env); });

  it('50 waiting files per user (429), 200 in all (503), with a Vietnamese message', { timeout: T_TEST }, async () => {
    const s = {};
    for (const u of users) s[u] = await login(env.server, env.users[u]);
    const files = (u, k) => Array.from({ length: k }, (_, i) => ({ name: `${u}-${i}.txt`, data: Buffer.from(`Số: ${i + 1}/TB-${u}\nTHÔNG BÁO\n`) }));
    const r1 = await upload(s.q1, files('q1', 50));
    assert.equal(r1.status, 202, r1.text.slice(0, 300));
    assert.equal(r1.json.jobs.length, 50);
    const over = await upload(s.q1, files('q1', 1));
    assertError(over, 429, 'throttled', 'user over the limit');
    assert.match(over.json.error.message, /tối đa 50 tệp/);
    for (const u of ['q2', 'q3', 'q4']) assert.equal((await upload(s[u], files(u, 50))).status, 202);
    const full = await upload(s.q5, files('q5', 1));
    assertError(full, 503, 'busy', 'queue full');
    assert.match(full.json.error.message, /Hàng đợi .* đầy/);
    // Nothing of the refused uploads was queued; the page says the same.
    assert.equal((await s.q5.get('/api/v1/jobs?mine=1')).json.length, 0);
    const m = multipart(files('q5', 1));
    const page = await s.q5.request('POST', '/documents', { body: m.body, contentType: m.contentType });
    assert.equal(page.status, 503);
    assert.match(page.text, /Hàng đợi đọc văn bản đang đầy/);
  });
});
