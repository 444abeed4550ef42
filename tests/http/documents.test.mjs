// documents.test.mjs - importing documents over HTTP: multipart upload of
// the seed documents and a generated .docx (queued as import jobs, followed
// to their end), deduplication by content, the parsed JSON, the citation
// graph, corrections, and bad uploads.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, teardown, login, assertError, multipart, T_FILE, T_TEST,
} from './harness.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
const seeds = fs.readdirSync(path.join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort();

describe('documents', { timeout: T_FILE }, () => {
  let env, admin, viewer;
  before(async () => {
    env = await setup({ users: [
      { login: 'docadmin', org: 'P51', role: 'admin' },
      { login: 'docviewer', org: 'P51', role: 'viewer' },
    ] });
    admin = await login(env.server, env.users.docadmin);
    viewer = await login(env.server, env.users.docviewer);
  });
  after(async () => { await teardown(env); });

  const upload = (s, files, opts = {}) => {
    const m = multipart(files);
    return s.request('POST', '/api/v1/documents', { body: m.body, contentType: m.contentType, ...opts });
  };

  // Uploads (202), then follows each job to its end: [{filename, status, id, code, message}].
  const importFiles = async (s, files) => {
    const r = await upload(s, files);
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.jobs.length, files.length);
    const out = [];
    for (const j of r.json.jobs) {
      for (let t = 0; ; t++) {
        const g = await s.get(`/api/v1/jobs/${j.id}`);
        assert.equal(g.status, 200, g.text);
        if (g.json.result) {
          const x = g.json.result;
          out.push({ filename: g.json.filename, status: x.status, id: x.document_id, code: x.code, message: x.message });
          break;
        }
        assert.ok(t < 1500, `job ${j.id} did not end`);
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    return out;
  };

  it('uploads the seeds, reads them, and deduplicates by content', { timeout: T_TEST }, async () => {
    const files = seeds.map((f) => ({ name: f, data: fs.readFileSync(path.join(SHARED, 'seeds', f)) }));
    const r = await importFiles(admin, files);
    assert.equal(r.length, files.length);
    for (const f of r) assert.equal(f.status, 'imported', JSON.stringify(f));
    const again = await importFiles(admin, files.slice(0, 1));
    assert.equal(again[0].status, 'duplicate');
    assert.equal(again[0].id, r[0].id);

    const list = await admin.get('/api/v1/documents?kind=KH');
    assert.equal(list.status, 200);
    const plan = list.json.find((d) => d.symbol === '215/KH-UBND');
    assert.ok(plan, JSON.stringify(list.json));
    assert.equal(plan.date, '2019-01-28');
    const doc = await admin.get(`/api/v1/documents/${plan.id}`);
    assert.equal(doc.status, 200);
    assert.equal(doc.json.parsed.symbol, '215/KH-UBND');
    assert.ok(doc.json.parsed.tasks.length >= 10, 'the plan has its tasks');
    const byYear = await admin.get('/api/v1/documents?year=2017');
    assert.ok(byYear.json.every((d) => d.year === 2017) && byYear.json.length >= 1);
    const search = await admin.get('/api/v1/documents?q=' + encodeURIComponent('thong tin doi ngoai'));
    assert.ok(search.json.length >= 2, 'diacritic-free search in titles');
  });

  it('links citations to stored documents and lists cited-by', { timeout: T_TEST }, async () => {
    const cited = Buffer.from('ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n\nSố: 215/KH-UBND\n\nKon Tum, ngày 28 tháng 01 năm 2019\n\n' +
      'KẾ HOẠCH\nHoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019\n');
    const citing = Buffer.from('SỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nSố: 301/BC-STTTT\n\nKon Tum, ngày 10 tháng 6 năm 2019\n\n' +
      'BÁO CÁO\nKết quả 6 tháng\n\nThực hiện Kế hoạch số 215/KH-UBND ngày 28/01/2019 của UBND tỉnh, Sở báo cáo như sau:\n');
    const r = await importFiles(admin, [{ name: 'citing.txt', data: citing }]);
    assert.equal(r[0].status, 'imported', JSON.stringify(r));
    const id = r[0].id;
    const d = await admin.get(`/api/v1/documents/${id}`);
    const link = d.json.citation_links.find((c) => c.symbol === '215/KH-UBND');
    assert.ok(link && link.target_id, JSON.stringify(d.json.citation_links)); // the seed plan is stored
    // "Thực hiện văn bản" links to the imported plan.
    const page = (await admin.get(`/documents/${id}`)).text;
    assert.match(page, new RegExp(`<dt>Thực hiện văn bản</dt><dd><a id="responds-to" href="/documents/${link.target_id}">Kế hoạch số 215/KH-UBND`));
    const by = await admin.get(`/api/v1/documents/${link.target_id}/cited-by`);
    assert.ok(by.json.some((x) => x.id === id));
    void cited;
  });

  it('a document cited several times is listed once with its count, and counted once as missing', { timeout: T_TEST }, async () => {
    const text = 'SỞ NGOẠI VỤ\n\nSố: 77/BC-SNgV\n\nKon Tum, ngày 10 tháng 6 năm 2020\n\nBÁO CÁO\nKết quả 6 tháng\n\n' +
      'Thực hiện Kế hoạch số 1/KH-TTDNX ngày 02/01/2020 của UBND tỉnh, Sở báo cáo như sau:\n' +
      'I. KẾT QUẢ\nTheo Kế hoạch số 1/KH-TTDNX, Sở đã tổ chức các hoạt động. Kế hoạch số 1/KH-TTDNX ngày 02/01/2020 ' +
      'đã được thực hiện đầy đủ.\n';
    const other = 'SỞ TƯ PHÁP\n\nSố: 78/BC-STP\n\nKon Tum, ngày 11 tháng 6 năm 2020\n\nBÁO CÁO\nKết quả\n\n' +
      'Thực hiện Kế hoạch số 1/KH-TTDNX ngày 02/01/2020 của UBND tỉnh, Sở báo cáo.\n';
    const r = await importFiles(admin, [{ name: 'lap-lai.txt', data: Buffer.from(text) }, { name: 'mot-lan.txt', data: Buffer.from(other) }]);
    assert.equal(r[0].status, 'imported', JSON.stringify(r));
    const d = await admin.get(`/api/v1/documents/${r[0].id}`);
    const links = d.json.citation_links.filter((c) => c.symbol === '1/KH-TTDNX');
    assert.equal(links.length, 1, JSON.stringify(d.json.citation_links));
    assert.equal(links[0].count, 3);
    assert.equal(links[0].date, '2020-01-02');
    assert.equal(links[0].target_id, null);
    assert.equal(d.json.citation_count, d.json.citation_links.length);
    const page = await admin.get(`/documents/${r[0].id}`);
    assert.equal((page.text.match(/1\/KH-TTDNX/g) || []).length >= 1, true);
    const items = page.text.split('<ul id="citations">')[1].split('</ul>')[0].match(/<li>/g) || [];
    assert.equal(items.length, d.json.citation_links.length);
    assert.match(page.text, /1\/KH-TTDNX[^<]*<\/?[^>]*>?[^]*?trích dẫn 3 lần/);
    const list = await admin.get('/documents');
    const missing = list.text.split('chưa có trong hệ thống</h2>')[1] || '';
    const mentions = missing.match(/<li>1\/KH-TTDNX[^<]*<span class="muted">\((\d+) /g) || [];
    assert.equal(mentions.length, 1, missing.slice(0, 2000));
    assert.match(mentions[0], /\(2 $/, 'two documents cite it, one of them three times');
    const api = await admin.get('/api/v1/documents/missing?limit=1000');
    assert.equal(api.status, 200);
    const mine = api.json.filter((m) => m.symbol === '1/KH-TTDNX');
    assert.deepEqual(mine, [{ kind: 'KH', symbol: '1/KH-TTDNX', date: '2020-01-02', count: 2 }]);
    assertError(await admin.get('/api/v1/documents/missing?limit=x'), 400, 'invalid', 'limit');
  });

  it('reads a .docx made by python3-docx with auto-numbered headings', { timeout: T_TEST }, async () => {
    const out = path.join(env.dir, 'made.docx');
    execFileSync('/usr/bin/python3', ['-c', `
import docx, sys
d = docx.Document()
for t in ['ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC', 'Số: 88/BC-UBND', 'Tuy Phước, ngày 05 tháng 12 năm 2018', 'BÁO CÁO',
          'Kết quả công tác thông tin đối ngoại năm 2018']:
    d.add_paragraph(t)
d.add_paragraph('Kết quả đạt được', style='List Number')
d.add_paragraph('Đã đón 4 đoàn khách quốc tế.')
d.add_paragraph('Phương hướng năm 2019', style='List Number')
d.save(sys.argv[1])
`, out]);
    const r = await importFiles(admin, [{ name: 'made.docx', data: fs.readFileSync(out) }]);
    assert.equal(r[0].status, 'imported', JSON.stringify(r));
    const d = await admin.get(`/api/v1/documents/${r[0].id}`);
    assert.equal(d.json.format, 'docx');
    assert.equal(d.json.symbol, '88/BC-UBND');
    assert.equal(d.json.date, '2018-12-05');
  });

  it('a file in the legacy TCVN3 encoding is converted and says so', { timeout: T_TEST }, async () => {
    // "Số: 16/BC-UBND / Kon Tum, ngày 28 tháng 01 năm 2019 / BÁO CÁO / Hoạt động thông tin đối ngoại" in TCVN3.
    const bytes = Buffer.from('53e83a2031362f42432d55424e440a4b6f6e2054756d2c206e67b579203238207468b86e67203031206ea86d2032303139' +
      '0a42b84f2043b84f0a486fb97420aee96e67207468ab6e672074696e20aee869206e676fb9690a', 'hex');
    const r = await importFiles(admin, [{ name: 'cu.txt', data: bytes }]);
    assert.equal(r[0].status, 'imported', JSON.stringify(r));
    const d = await admin.get(`/api/v1/documents/${r[0].id}`);
    assert.equal(d.json.encoding, 'TCVN3');
    assert.equal(d.json.symbol, '16/BC-UBND');
    assert.equal(d.json.date, '2019-01-28');
    assert.match(d.json.parsed.title, /Hoạt động thông tin đối ngoại/);
  });

  it('a Vietnamese text saved in Windows-1252 is refused, naming the encodings tried, not converted into nonsense', { timeout: T_TEST }, async () => {
    // "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI / ..." saved by a Western editor:
    // the letters Windows-1252 lacks became '?'. VNI once "converted" it
    // into "cơng tác thơng tin".
    const bytes = Buffer.from('3f592042414e204e48c24e2044c24e0a5448c04e482050483f2048c0204e3f490a0a533f3a2031322f42432d55424e440a0a48e0204e3f692c206e67e079203135207468e16e672033206e3f6d20323031390a0a42c14f2043c14f0a4b3f742071753f2063f46e672074e163207468f46e672074696e203f3f69206e676f3f69206e3f6d20323031380a0a4e3f6d20323031382c203f792062616e206e68e26e2064e26e207468e06e682070683f203fe320743f2063683f63206e68693f7520686f3f74203f3f6e67207468f46e672074696e203f3f69206e676f3f692c203ff36e2074693f702063e163203f6fe06e206b68e163682071753f6320743f2076e02071753f6e672062e12068ec6e68203f6e682054683f203ff42e0a', 'hex');
    const r = await importFiles(admin, [{ name: 'tay-au.txt', data: bytes }]);
    assert.equal(r[0].status, 'failed', JSON.stringify(r));
    assert.match(r[0].message, /TCVN3/);
    assert.match(r[0].message, /VNI/);
    assert.match(r[0].message, /UTF-8/);
    assert.match(r[0].message, /Windows-1252/);
    assert.equal((await admin.get('/api/v1/documents?q=' + encodeURIComponent('12/BC-UBND'))).json.filter((d) => d.filename === 'tay-au.txt').length, 0);
  });

  it('bad uploads give clear errors and store nothing', { timeout: T_TEST }, async () => {
    const before = (await admin.get('/api/v1/documents?limit=1000')).json.length;
    const bad = await importFiles(admin, [
      { name: 'broken.docx', data: Buffer.from('PK\x03\x04 not a zip') },
      { name: 'bad.txt', data: Buffer.from([0x53, 0x6f, 0xff, 0xfe, 0x41]) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ]);
    assert.deepEqual(bad.map((f) => f.code), ['parse_error', 'invalid_utf8', 'parse_error']);
    for (const f of bad) {
      assert.equal(f.status, 'failed', JSON.stringify(f));
      assert.ok(f.message && f.message.length > 5);
      assert.equal(f.id, null);
    }
    const after = (await admin.get('/api/v1/documents?limit=1000')).json.length;
    assert.equal(after, before);
    assertError(await admin.request('POST', '/api/v1/documents', { body: '{}', contentType: 'application/json' }),
      400, 'invalid', 'not multipart');
    assertError(await upload(admin, []), 400, 'invalid', 'no files');
  });

  it('permissions and CSRF on uploads and corrections', { timeout: T_TEST }, async () => {
    const one = [{ name: 'x.txt', data: Buffer.from('Số: 1/TB-UBND\nTHÔNG BÁO\nVề việc thử\n') }];
    assertError(await upload(viewer, one), 403, 'forbidden', 'viewer upload');
    assertError(await upload(admin, one, { csrf: null }), 403, 'csrf', 'no csrf');
    const anon = multipart(one);
    const r = await env.server.request('POST', '/api/v1/documents', { body: anon.body, contentType: anon.contentType });
    assertError(r, 401, 'unauthenticated', 'anonymous upload');
    assertError(await admin.get('/api/v1/documents/999999'), 404, 'not_found', 'unknown id');
    assertError(await admin.get('/api/v1/documents/abc'), 404, 'not_found', 'bad id');
    // "Sửa nếu chưa đúng" only for those who may correct; a viewer reads the fields.
    const plan = (await admin.get('/api/v1/documents?kind=KH')).json.find((d) => d.symbol === '215/KH-UBND');
    const mine = (await admin.get(`/documents/${plan.id}`)).text;
    assert.match(mine, /<legend>Sửa nếu chưa đúng<\/legend>/);
    assert.match(mine, /<h1>Kế hoạch 215\/KH-UBND<\/h1>/);
    const theirs = (await viewer.get(`/documents/${plan.id}`)).text;
    assert.doesNotMatch(theirs, /Sửa nếu chưa đúng|<fieldset|name="symbol"/);
    assert.match(theirs, /<dl class="meta" id="doc-fields"><dt>Loại văn bản<\/dt><dd>Kế hoạch<\/dd><dt>Số, ký hiệu<\/dt><dd>215\/KH-UBND<\/dd>/);
    assert.match(theirs, /<dt>Ngày ban hành<\/dt><dd>28\/01\/2019<\/dd>/);
    // Each task says what it is, not only its number.
    const row = mine.split('<table id="tasks"')[1].split('</tbody>')[0].split('<tr>')[2];
    assert.match(row, /class="task-content">[^<]{20,}</, row);
  });
});
