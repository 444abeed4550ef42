// search.test.mjs - GET /api/v1/search and the /search page on the engine
// under test: diacritics and đ folded, exact spellings first, words ANDed,
// phrases, prefixes, symbols as one term (the document and those citing
// it), a phrase inside an imported .docx and inside a submitted report,
// read rights (another province's draft is not found, nor counted), a
// saved report found at once, and bad queries refused with a message.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  setup, teardown, login, ok, assertError, multipart, departmentsOf, roundSpec, createRound, rp, request,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

describe('search', { timeout: T_FILE }, () => {
  let env; let admin; let coord51; let repA; let repB; let coord01; let viewer01;
  let A; let B;
  let round;
  const docs = {};

  const importFiles = async (s, files) => {
    const m = multipart(files);
    const r = await s.request('POST', '/api/v1/documents', { body: m.body, contentType: m.contentType });
    assert.equal(r.status, 202, r.text);
    const out = [];
    for (const j of r.json.jobs) {
      for (let t = 0; ; t++) {
        const g = ok(await s.get(`/api/v1/jobs/${j.id}`), 'job');
        if (g.result) {
          assert.equal(g.result.status, 'imported', JSON.stringify(g.result));
          out.push(g.result.document_id);
          break;
        }
        assert.ok(t < 1500, `job ${j.id} did not end`);
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    return out;
  };

  const D = '&type=document';
  const search = async (s, q, extra = '') => ok(await s.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`), `search ${q}`);
  const ids = (res, type = 'document') => res.items.filter((x) => x.type === type).map((x) => x.id);

  before(async () => {
    env = await setup({
      users: [
        { login: 'sadmin', org: 'P51', role: 'admin' },
        { login: 'scoord51', org: 'P51', role: 'coordinator' },
        { login: 'scoord01', org: 'P01', role: 'coordinator' },
        { login: 'sviewer01', org: 'P01', role: 'viewer' },
      ],
    });
    admin = await login(env.server, env.users.sadmin);
    coord51 = await login(env.server, env.users.scoord51);
    coord01 = await login(env.server, env.users.scoord01);
    viewer01 = await login(env.server, env.users.sviewer01);
    [A, B] = await departmentsOf(coord51, 'P51', 2);
    const { addUser } = await import('./harness.mjs');
    env.users.srepA = await addUser(env.db, 'srep-a', A.code, 'reporter');
    env.users.srepB = await addUser(env.db, 'srep-b', B.code, 'reporter');
    repA = await login(env.server, env.users.srepA);
    repB = await login(env.server, env.users.srepB);

    // A plan in Word, the documents citing it, and near-misses for ranking.
    const docx = path.join(env.dir, 'ke-hoach.docx');
    execFileSync(PY, ['-c', `
import docx, sys
d = docx.Document()
for t in ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số: 215/KH-UBND', 'Quảng Ngãi, ngày 10 tháng 3 năm 2025', 'KẾ HOẠCH',
          'Thông tin đối ngoại năm 2025',
          'Quảng bá hình ảnh Quảng Ngãi tới bạn bè quốc tế qua xúc tiến đầu tư vào khu kinh tế Dung Quất.',
          'Phối hợp với tỉnh Đắk Lắk tổ chức đoàn công tác.']:
    d.add_paragraph(t)
d.save(sys.argv[1])
`, docx]);
    [docs.plan] = await importFiles(admin, [{ name: 'ke-hoach.docx', data: fs.readFileSync(docx) }]);
    const txt = (s) => Buffer.from(s);
    [docs.citing, docs.border, docs.plain, docs.other] = await importFiles(admin, [
      { name: 'thuc-hien.txt', data: txt('ỦY BAN NHÂN DÂN HUYỆN BA TƠ\nSố: 12/BC-UBND\nBÁO CÁO\nKết quả thực hiện Kế hoạch số 215/kh-ubnd của UBND tỉnh\nĐã tổ chức 3 hội nghị.\n') },
      { name: 'bien-gioi.txt', data: txt('Báo cáo tình hình đồn Biên phòng cửa khẩu quốc tế Bờ Y, tỉnh Kon Tum.\nCông tác đối ngoại biên giới.\n') },
      { name: 'khong-dau.txt', data: txt('Ghi chep: don dep doi ngoai san truoc hoi nghi.\n') },
      { name: 'khac.txt', data: txt('Hình ảnh quảng bá du lịch biển Mỹ Khê.\n') },
    ]);

    round = await createRound(coord51, roundSpec([A.code, B.code]));
    ok(await repB.put(rp(round, B.code), { sections: { tinh_hinh: 'Đã tổ chức giao lưu hữu nghị biên giới Việt Lào tại cửa khẩu.' }, counts: { doan_vao: 2 } }), 'PUT B', [200, 204]);
    ok(await repB.post(rp(round, B.code, '/submit')), 'submit B', [200, 204]);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('folds diacritics and đ: doi ngoai, bo y, dak lak', { timeout: T_TEST }, async () => {
    const r = await search(admin, 'doi ngoai', D);
    for (const id of [docs.plan, docs.border, docs.plain]) assert.ok(ids(r).includes(id), `doi ngoai finds ${id}: ${JSON.stringify(r.items.map((x) => x.title))}`);
    assert.deepEqual(ids(await search(admin, 'bo y', D)), [docs.border]);
    assert.deepEqual(ids(await search(admin, 'dak lak', D)), [docs.plan]);
    assert.deepEqual(ids(await search(admin, 'ĐẮK LẮK', D)), [docs.plan]);
    const hit = (await search(admin, 'bo y', D)).items[0];
    assert.equal(hit.url, `/documents/${docs.border}`);
    assert.match(hit.snippet, /<mark>Bờ<\/mark> <mark>Y<\/mark>/);
    assert.equal(typeof hit.score, 'number');
  });

  it('ranks exact spellings first when the query has diacritics', { timeout: T_TEST }, async () => {
    const r = await search(admin, 'đối ngoại', '&type=document');
    const got = ids(r);
    assert.ok(got.includes(docs.plain), 'the unaccented document is found too');
    assert.equal(got[got.length - 1], docs.plain, `exact first: ${JSON.stringify(r.items.map((x) => x.title))}`);
    assert.equal(r.total, got.length);
  });

  it('ANDs words, reads phrases in quotes and prefixes with *', { timeout: T_TEST }, async () => {
    assert.deepEqual(ids(await search(admin, 'dung quat dak lak', D)), [docs.plan]);
    assert.equal((await search(admin, 'dung quat my khe')).total, 0);
    assert.deepEqual(ids(await search(admin, '"quảng bá hình ảnh"', D)), [docs.plan]);
    const both = ids(await search(admin, 'quảng bá hình ảnh', D));
    assert.deepEqual(both.sort(), [docs.plan, docs.other].sort(), 'as words: both documents');
    assert.deepEqual(ids(await search(admin, '"hình ảnh quảng bá"', D)), [docs.other]);
    const pre = ids(await search(admin, 'quang* dung', D));
    assert.deepEqual(pre, [docs.plan]);
    assert.equal((await search(admin, 'quangz*')).total, 0);
  });

  it('finds a symbol as one term: the document and those citing it', { timeout: T_TEST }, async () => {
    for (const q of ['215/KH-UBND', '215/kh-ubnd']) {
      const got = ids(await search(admin, q, D));
      assert.deepEqual(got.sort(), [docs.plan, docs.citing].sort(), q);
    }
    assert.equal((await search(admin, '216/KH-UBND')).total, 0);
  });

  it('finds a phrase inside an imported .docx, with its snippet marked and escaped', { timeout: T_TEST }, async () => {
    const r = await search(admin, '"xúc tiến đầu tư vào khu kinh tế"', D);
    assert.deepEqual(ids(r), [docs.plan]);
    assert.match(r.items[0].snippet, /<mark>xúc<\/mark> <mark>tiến<\/mark>/);
    assert.match(r.items[0].title, /215\/KH-UBND/);
  });

  it('finds a phrase inside a submitted report; other provinces find nothing, nor count it', { timeout: T_TEST }, async () => {
    const q = '"giao luu huu nghi bien gioi"';
    const mine = await search(admin, q);
    assert.deepEqual(ids(mine, 'report').length, 1);
    assert.equal(mine.items[0].url, `/rounds/${round}/reports/${encodeURIComponent(B.code)}`);
    assert.equal((await search(coord51, q)).total, 1);
    assert.equal((await search(repB, q)).total, 1);
    for (const s of [coord01, viewer01, repA]) {
      const r = await search(s, q);
      assert.equal(r.total, 0);
      assert.deepEqual(r.items, []);
      assert.deepEqual(r.facets.type, []);
    }
  });

  it('finds a saved draft at once, only for those who may read it', { timeout: T_TEST }, async () => {
    const word = 'Phong Nha Kẻ Bàng hợp tác bảo tồn';
    ok(await repA.put(rp(round, A.code), { sections: { kien_nghi: word }, counts: {} }), 'PUT A', [200, 204]);
    const r = await search(repA, 'phong nha ke bang');
    assert.equal(r.total, 1);
    assert.equal(r.items[0].type, 'report');
    assert.equal((await search(coord51, 'phong nha ke bang')).total, 1);
    assert.equal((await search(repB, 'phong nha ke bang')).total, 0);
    assert.equal((await search(coord01, 'phong nha ke bang')).total, 0);
    // Saved again without the words: gone at once.
    ok(await repA.put(rp(round, A.code), { sections: { kien_nghi: 'Không có kiến nghị.' }, counts: {} }), 'PUT A again', [200, 204]);
    assert.equal((await search(repA, 'phong nha ke bang')).total, 0);
  });

  it('filters by type, year and body, with facets', { timeout: T_TEST }, async () => {
    const r = await search(admin, 'quang ngai');
    const types = Object.fromEntries(r.facets.type.map((f) => [f.key, f]));
    assert.ok(types.org && types.org.count >= 1, JSON.stringify(r.facets.type));
    assert.equal(types.org.label, 'Cơ quan, đơn vị');
    const orgs = await search(admin, 'quang ngai', '&type=org');
    assert.ok(orgs.items.every((x) => x.type === 'org'));
    assert.ok(orgs.items.some((x) => x.url === '/orgs/P51'), JSON.stringify(orgs.items.slice(0, 5)));
    assert.equal(orgs.total, types.org.count);
    const docsOnly = await search(admin, 'doi ngoai', '&type=document&limit=1&offset=1');
    assert.equal(docsOnly.items.length, 1);
    assert.ok(docsOnly.total >= 3);
    assertError(await admin.get('/api/v1/search?q=x&type=nope'), 400, 'invalid', 'type');
    assertError(await admin.get('/api/v1/search?q=x&org=NOPE'), 400, 'invalid', 'org');
    assertError(await admin.get('/api/v1/search?q=x&limit=0'), 400, 'invalid', 'limit');
  });

  it('refuses empty, oversize and malformed queries with a message', { timeout: T_TEST }, async () => {
    for (const q of ['', '%20%20', encodeURIComponent('a'.repeat(201)), '%FF%FE', encodeURIComponent('" * "')]) {
      const r = await admin.get(`/api/v1/search?q=${q}`);
      assertError(r, 400, 'invalid', `q=${q}`);
      assert.match(r.json.error.message, /[^\x00-\x7f]/, `a Vietnamese message: ${r.text}`);
    }
    assert.equal((await search(admin, 'ả'.repeat(200))).total, 0, '200 characters are fine');
    assertError(await request(env.server, 'GET', '/api/v1/search?q=doi'), 401, null, 'no session');
  });

  it('shows the page with marked snippets, facets and the header box', { timeout: T_TEST }, async () => {
    const r = await admin.get(`/search?q=${encodeURIComponent('bo y')}&type=document`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<form class="top-search" role="search"/);
    assert.match(r.text, /<mark>Bờ<\/mark> <mark>Y<\/mark>/);
    assert.match(r.text, /Tìm thấy 1 kết quả/);
    assert.match(r.text, /Văn bản/);
    const tag = await admin.get(`/search?q=${encodeURIComponent('<script>x')}`);
    assert.equal(tag.status, 200);
    assert.ok(!tag.text.includes('<script>x'), 'what was typed is escaped');
    assert.match(tag.text, /value="&lt;script&gt;x"/);
    const bad = await admin.get(`/search?q=${encodeURIComponent('" ? "')}`);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /role="alert" id="search-error">Từ cần tìm phải có ít nhất một chữ hoặc số/);
    const home = await admin.get('/');
    assert.match(home.text, /action="\/search"/);
  });
});

// A query matching more than the cap is neither counted nor ranked in full:
// the total stops at the cap (total_capped), the newest matches come first
// and the list ends at the cap. TTDN_SEARCH_CAP lowers the cap (10,000) so
// that a few documents exceed it.
describe('search over the cap', { timeout: T_FILE }, () => {
  let env; let admin;
  const docs = [];
  before(async () => {
    env = await setup({ users: [{ login: 'cadmin', org: 'P51', role: 'admin' }], env: { TTDN_SEARCH_CAP: '3' } });
    admin = await login(env.server, env.users.cadmin);
    // one at a time, so that the later one is the newer in the index
    for (let i = 0; i < 5; i++) {
      const m = multipart([{ name: `giao-luu-${i}.txt`, data: Buffer.from(`Giao lưu hữu nghị Việt Lào lần ${i}${i < 2 ? ' tại Bờ Y' : ''}.\n`) }]);
      const r = await admin.request('POST', '/api/v1/documents', { body: m.body, contentType: m.contentType });
      assert.equal(r.status, 202, r.text);
      for (let t = 0; ; t++) {
        const g = ok(await admin.get(`/api/v1/jobs/${r.json.jobs[0].id}`), 'job');
        if (g.result) { assert.equal(g.result.status, 'imported'); docs.push(g.result.document_id); break; }
        assert.ok(t < 1500, 'the import did not end');
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  const search = async (q, extra = '') => ok(await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`), `search ${q}`);

  it('stops counting at the cap and lists the newest first', { timeout: T_TEST }, async () => {
    const r = await search('giao luu huu nghi', '&type=document');
    assert.equal(r.total, 3);
    assert.equal(r.total_capped, true);
    assert.deepEqual(r.items.map((x) => x.id), [docs[4], docs[3], docs[2]], 'newest first, ending at the cap');
    const page2 = await search('giao luu huu nghi', '&type=document&limit=2&offset=2');
    assert.deepEqual(page2.items.map((x) => x.id), [docs[2]]);
    const facet = Object.fromEntries(r.facets.type.map((f) => [f.key, f.count]));
    assert.equal(facet.document, 3, 'the facets count the newest 3: ' + JSON.stringify(r.facets.type));
    // the phrase is still a phrase over the cap
    const none = await search('"huu nghi giao luu"');
    assert.equal(none.total, 0);
    assert.equal(none.total_capped, false);
  });

  it('counts and ranks in full within the cap', { timeout: T_TEST }, async () => {
    const r = await search('bo y', '&type=document');
    assert.equal(r.total, 2);
    assert.equal(r.total_capped, false);
    assert.deepEqual(r.items.map((x) => x.id).sort(), [docs[0], docs[1]].sort());
    const one = await search('"viet lao lan 4"');
    assert.equal(one.total, 1);
    assert.equal(one.total_capped, false);
    assert.deepEqual(one.items.map((x) => x.id), [docs[4]]);
  });

  it('says so on the page', { timeout: T_TEST }, async () => {
    const r = await admin.get(`/search?q=${encodeURIComponent('giao lưu')}&type=document`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Tìm thấy hơn 3 kết quả; kết quả mới nhất xếp trước/);
  });
});
