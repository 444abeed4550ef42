// entry.test.mjs - data entry keeps what people type: reports carry a
// version (ETag / If-Match in the API, a hidden field in the form), two
// saves from the same copy never silently wipe each other, numbers in the
// form are read the Vietnamese way (1.200 is 1200, 350,5 is 350.5), counts
// have a type, and document corrections carry their version too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, ok, assertError, roundSpec, createRound, rp, T_FILE, T_TEST,
} from './harness.mjs';

const TEXT_A = 'Bản của chị Lan: đón 3 đoàn khách Hàn Quốc, tổ chức 1 hội nghị.';
const TEXT_B = 'Bản của anh Minh: 2 đoàn Nhật Bản, 4 tin bài trên cổng thông tin.';

describe('data entry keeps what people type', { timeout: T_FILE }, () => {
  let env, coord, rep, admin, dep, id;

  // The counts of every round here: an integer and a decimal one.
  const counts = [
    { key: 'nguoi', name: 'Số người được đón tiếp', unit: 'người' },
    { key: 'kinh_phi', name: 'Kinh phí', unit: 'triệu đồng', type: 'decimal' },
  ];

  before(async () => {
    env = await setup({ users: [
      { login: 'entry-coord', org: 'P51', role: 'coordinator' },
      { login: 'entry-rep', org: 'P51-SVHTTDL', role: 'reporter' },
      { login: 'entry-admin', org: 'P51', role: 'admin' },
    ] });
    coord = await login(env.server, env.users['entry-coord']);
    rep = await login(env.server, env.users['entry-rep']);
    admin = await login(env.server, env.users['entry-admin']);
    dep = { code: 'P51-SVHTTDL' };
    id = await createRound(coord, roundSpec([dep.code], { title: 'Đợt thử nhập liệu', counts }));
  });
  after(async () => { await teardown(env); });

  const page = (rid = id) => `/rounds/${rid}/reports/${encodeURIComponent(dep.code)}`;
  const form = (s, p, fields) => s.request('POST', p, {
    body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });
  const versionIn = (html) => {
    const m = html.match(/name="version" value="(\d+)"/);
    assert.ok(m, 'the form carries the version');
    return m[1];
  };
  const fieldValue = (html, name) => {
    const m = html.match(new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]*)"`));
    return m ? m[1] : null;
  };
  const textareaOf = (html, name) => {
    const m = html.match(new RegExp(`name="${name.replace('.', '\\.')}"[^>]*>([^<]*)</textarea>`));
    return m ? m[1] : null;
  };

  it('counts have a type: stored, shown by GET, and 2.5 refused for an integer count (400 naming it)', { timeout: T_TEST }, async () => {
    const round = ok(await coord.get(`/api/v1/rounds/${id}`), 'round');
    assert.deepEqual(round.counts.map((c) => [c.key, c.type]), [['nguoi', 'integer'], ['kinh_phi', 'decimal']]);
    const r = ok(await rep.get(rp(id, dep.code)), 'report');
    assert.deepEqual(r.count_types, { nguoi: 'integer', kinh_phi: 'decimal' });
    const bad = await rep.put(rp(id, dep.code), { counts: { nguoi: 2.5 } });
    assertError(bad, 400, 'invalid', '2.5 people');
    assert.match(bad.json.error.message, /Số người được đón tiếp/);
    ok(await rep.put(rp(id, dep.code), { counts: { kinh_phi: 2.5 } }), 'a decimal count takes 2.5');
    assertError(await coord.post('/api/v1/rounds', roundSpec([dep.code], { counts: [{ key: 'x', name: 'X', type: 'float' }] })),
      400, 'invalid', 'unknown type');
  });

  it('GET gives an ETag and the version; a stale If-Match is refused with 412 and changes nothing', { timeout: T_TEST }, async () => {
    const g = await rep.get(rp(id, dep.code));
    const body = ok(g, 'GET');
    assert.equal(typeof body.version, 'number');
    assert.match(g.headers.etag, /^"r\d+-v\d+"$/);
    assert.ok(g.headers.etag.endsWith(`-v${body.version}"`));
    const first = await rep.put(rp(id, dep.code), { sections: { tinh_hinh: TEXT_A } }, { headers: { 'if-match': g.headers.etag } });
    const after1 = ok(first, 'PUT with the current ETag');
    assert.equal(after1.version, body.version + 1);
    assert.notEqual(first.headers.etag, g.headers.etag, 'a new ETag');
    const stale = await rep.put(rp(id, dep.code), { sections: { tinh_hinh: TEXT_B } }, { headers: { 'if-match': g.headers.etag } });
    assertError(stale, 412, 'precondition_failed', 'stale If-Match');
    assert.match(stale.json.error.message, /người khác/);
    const now = ok(await rep.get(rp(id, dep.code)), 'GET after');
    assert.equal(now.sections.tinh_hinh, TEXT_A, 'stored report unchanged');
    assert.equal(now.version, after1.version);
    // A tag of another report or a malformed one never matches.
    assertError(await rep.put(rp(id, dep.code), { sections: { tinh_hinh: TEXT_B } }, { headers: { 'if-match': '"r999999-v2"' } }),
      412, 'precondition_failed', 'another report');
    assertError(await rep.put(rp(id, dep.code), { sections: { tinh_hinh: TEXT_B } }, { headers: { 'if-match': 'abc' } }),
      412, 'precondition_failed', 'malformed');
    // Without If-Match the last write wins (documented for API clients).
    const lw = ok(await rep.put(rp(id, dep.code), { sections: { tinh_hinh: TEXT_A } }), 'PUT without If-Match');
    assert.equal(lw.version, now.version + 1);
    // A status change moves the version too.
    const sub = ok(await rep.post(rp(id, dep.code, '/submit')), 'submit');
    assert.equal(sub.version, lw.version + 1);
    ok(await coord.post(rp(id, dep.code, '/return'), { comment: 'Bổ sung số liệu.' }), 'return');
  });

  it('two form saves from the same version: the second shows both texts and loses nothing; saving again works', { timeout: T_TEST }, async () => {
    const html = (await rep.get(page())).text;
    const v = versionIn(html);
    const a = await form(rep, page(), { version: v, action: 'save', 'section.tinh_hinh': TEXT_A, 'count.nguoi': '12' });
    assert.equal(a.status, 303, a.text.slice(0, 300));
    const b = await form(rep, page(), { version: v, action: 'save', 'section.tinh_hinh': TEXT_B, 'count.nguoi': '15' });
    assert.equal(b.status, 409, b.text.slice(0, 300));
    assert.match(b.text, /id="conflict"/);
    assert.match(b.text, /người khác lưu/);
    // Both visible: the stored text beside, the typed one in the editable field.
    assert.match(b.text, new RegExp(`id="stored-s-tinh_hinh">${TEXT_A}`));
    assert.equal(textareaOf(b.text, 'section.tinh_hinh'), TEXT_B);
    assert.equal(fieldValue(b.text, 'count.nguoi'), '15');
    assert.match(b.text, /id="stored-c-nguoi">[^<]*<b>12<\/b>/);
    // Nothing lost: the first save is what is stored.
    const stored = ok(await rep.get(rp(id, dep.code)), 'GET');
    assert.equal(stored.sections.tinh_hinh, TEXT_A);
    assert.equal(stored.counts.nguoi, 12);
    // The conflict page carries the new version: saving from it applies.
    const v2 = versionIn(b.text);
    assert.equal(Number(v2), stored.version);
    const c = await form(rep, page(), { version: v2, action: 'save', 'section.tinh_hinh': TEXT_B, 'count.nguoi': '15' });
    assert.equal(c.status, 303, c.text.slice(0, 300));
    const end = ok(await rep.get(rp(id, dep.code)), 'GET');
    assert.equal(end.sections.tinh_hinh, TEXT_B);
    assert.equal(end.counts.nguoi, 15);
    // A form without its version is refused too, and changes nothing.
    const nov = await form(rep, page(), { action: 'save', 'section.tinh_hinh': 'không có phiên bản' });
    assert.equal(nov.status, 409);
    assert.equal(ok(await rep.get(rp(id, dep.code)), 'GET').sections.tinh_hinh, TEXT_B);
  });

  it('numbers are read the Vietnamese way and shown back in Vietnamese format', { timeout: T_TEST }, async () => {
    for (const [typed, want] of [['1.200', 1200], ['1 200', 1200], [' 2.345.678 ', 2345678]]) {
      const v = versionIn((await rep.get(page())).text);
      const r = await form(rep, page(), { version: v, action: 'save', 'count.nguoi': typed, 'count.kinh_phi': '350,5' });
      assert.equal(r.status, 303, `${typed}: ${r.text.slice(0, 300)}`);
      const g = ok(await rep.get(rp(id, dep.code)), 'GET');
      assert.equal(g.counts.nguoi, want, `${typed} stored`);
      assert.equal(g.counts.kinh_phi, 350.5, '350,5 stored');
    }
    const html = (await rep.get(page())).text;
    assert.equal(fieldValue(html, 'count.nguoi'), '2.345.678');
    assert.equal(fieldValue(html, 'count.kinh_phi'), '350,5');
    // Text inputs with a decimal keypad, each with its label; never type=number.
    assert.match(html, /<label for="c-nguoi">/);
    assert.match(html, /<input type="text" inputmode="decimal"[^>]*id="c-nguoi"/);
    assert.doesNotMatch(html, /type="number"/);
    // Saving the values unchanged round-trips.
    const v = versionIn(html);
    const again = await form(rep, page(), { version: v, action: 'save', 'count.nguoi': '2.345.678', 'count.kinh_phi': '350,5' });
    assert.equal(again.status, 303);
    const g = ok(await rep.get(rp(id, dep.code)), 'GET');
    assert.equal(g.counts.nguoi, 2345678);
    assert.equal(g.counts.kinh_phi, 350.5);
  });

  it('a refused number leaves the report unsaved, every field as typed, the error next to the field', { timeout: T_TEST }, async () => {
    const before = ok(await rep.get(rp(id, dep.code)), 'GET');
    const v = versionIn((await rep.get(page())).text);
    const typedText = 'Nội dung mới chưa lưu <b>đậm</b> & "ngoặc"';
    const r = await form(rep, page(), {
      version: v, action: 'save', 'section.tinh_hinh': typedText, 'section.kien_nghi': 'Kiến nghị mới',
      'count.nguoi': '1 300', 'count.kinh_phi': '1.5',
    });
    assert.equal(r.status, 400);
    assert.match(r.text, /<p class="field-error" id="e-kinh_phi">[^<]*viết sau dấu phẩy, ví dụ 1,5/);
    assert.match(r.text, /aria-describedby="e-kinh_phi"/);
    assert.equal(fieldValue(r.text, 'count.kinh_phi'), '1.5');
    assert.equal(fieldValue(r.text, 'count.nguoi'), '1 300');
    assert.equal(textareaOf(r.text, 'section.tinh_hinh'), 'Nội dung mới chưa lưu &lt;b&gt;đậm&lt;/b&gt; &amp; &quot;ngoặc&quot;');
    assert.equal(textareaOf(r.text, 'section.kien_nghi'), 'Kiến nghị mới');
    assert.equal(versionIn(r.text), v, 'the form keeps the version it was opened at');
    const after = ok(await rep.get(rp(id, dep.code)), 'GET');
    assert.deepEqual(after.sections, before.sections, 'no text saved');
    assert.deepEqual(after.counts, before.counts, 'no number saved');
    assert.equal(after.version, before.version);
    // An integer count refuses a fraction written the Vietnamese way.
    const f = await form(rep, page(), { version: v, action: 'save', 'count.nguoi': '2,5' });
    assert.equal(f.status, 400);
    assert.match(f.text, /id="e-nguoi">[^<]*số nguyên/);
    assert.equal(ok(await rep.get(rp(id, dep.code)), 'GET').counts.nguoi, before.counts.nguoi);
  });

  it('pages show numbers the Vietnamese way; JSON and CSV keep machine numbers', { timeout: T_TEST }, async () => {
    const v = versionIn((await rep.get(page())).text);
    ok(await form(rep, page(), { version: v, action: 'submit', confirm_empty: '1', 'count.nguoi': '1.200', 'count.kinh_phi': '1.234.917,5' }), 'submit', [303]);
    const cons = (await coord.get(`/rounds/${id}/consolidated`)).text;
    assert.match(cons, /1\.234\.917,5/);
    assert.match(cons, /1\.200/);
    const j = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'JSON');
    assert.equal(j.counts.kinh_phi, 1234917.5);
    const csv = (await coord.get(`/rounds/${id}/consolidated.csv`)).text;
    assert.match(csv, /1234917\.5/);
    // submitted: the figure is shown as text, written the Vietnamese way
    const shown = (await rep.get(page())).text;
    assert.match(shown, /<p class="report-value" id="c-kinh_phi">1\.234\.917,5<\/p>/);
    assert.doesNotMatch(shown, /name="count\.kinh_phi"/, 'no field once submitted');
  });

  it('the round creation page lets the coordinator choose each count\'s type, and keeps the rows on a refusal', { timeout: T_TEST }, async () => {
    const newPage = (await coord.get('/rounds/new')).text;
    assert.match(newPage, /<label for="ct1">[^<]*<\/label><select id="ct1" name="count_type">/);
    const body = new URLSearchParams({ csrf: coord.csrf, title: 'Đợt tạo bằng biểu mẫu', period_start: '2026-01-01',
      period_end: '2026-06-30', due: '2099-07-15', sections: 'Kết quả' });
    for (const [name, unit, type] of [['Đoàn vào', 'đoàn', 'integer'], ['', '', 'integer'], ['Kinh phí', 'triệu đồng', 'decimal']]) {
      body.append('count_name', name);
      body.append('count_unit', unit);
      body.append('count_type', type);
    }
    const post = (b) => coord.request('POST', '/rounds', {
      body: b.toString(), contentType: 'application/x-www-form-urlencoded',
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
    // No body chosen: refused, and the typed rows come back with their types.
    const refused = await post(body);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /id="cn3" name="count_name" value="Kinh phí"/);
    assert.match(refused.text, /<select id="ct3" name="count_type"><option value="integer">[^<]*<\/option><option value="decimal" selected>/);
    body.append('org', dep.code);
    const made = await post(body);
    assert.equal(made.status, 303, made.text.slice(0, 300));
    const rid = made.headers.location.match(/\/rounds\/(\d+)/)[1];
    const round = ok(await coord.get(`/api/v1/rounds/${rid}`), 'round');
    assert.deepEqual(round.counts.map((c) => [c.name, c.unit, c.type]), [['Đoàn vào', 'đoàn', 'integer'], ['Kinh phí', 'triệu đồng', 'decimal']]);
  });

  it('dates are typed the Vietnamese way: 15/12/2017 and 15122017 are that day, ambiguous or impossible ones are refused', { timeout: T_TEST }, async () => {
    const post = (fields) => coord.request('POST', '/rounds', {
      body: new URLSearchParams({ csrf: coord.csrf, title: 'Đợt có ngày gõ tay', sections: 'Kết quả', org: dep.code, ...fields }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
    const page = (await coord.get('/rounds/new')).text;
    assert.match(page, /<input type="text" id="due" name="due" value="" inputmode="numeric"[^>]*data-date/);
    assert.match(page, /class="date-pick"[^>]*data-for="due"/);
    for (const [due, why] of [['151217', /nhiều ngày khác nhau/], ['1122099', /nhiều ngày khác nhau/],
      ['15/12/99', /nhiều ngày khác nhau/], ['31/02/2099', /không có ngày này/], ['12/31/2099', /không có ngày này/],
      ['mai', /không đọc được ngày/]]) {
      const r = await post({ period_start: '01/01/2026', period_end: '30062026', due });
      assert.equal(r.status, 400, `${due}: ${r.text.slice(0, 200)}`);
      assert.match(r.text, /role="alert">Hạn nộp “/, due);
      assert.match(r.text, why, due);
      assert.equal(fieldValue(r.text, 'due'), due, 'what was typed comes back to be corrected');
      assert.equal(fieldValue(r.text, 'period_end'), '30062026');
    }
    const made = await post({ period_start: '1/1/2026', period_end: '30062026', due: '15/12/2099' });
    assert.equal(made.status, 303, made.text.slice(0, 300));
    const rid = made.headers.location.match(/\/rounds\/(\d+)/)[1];
    const round = ok(await coord.get(`/api/v1/rounds/${rid}`), 'round');
    assert.equal(round.period_start, '2026-01-01');
    assert.equal(round.period_end, '2026-06-30');
    assert.equal(round.due, '2099-12-15');
    // The unit list: a date typed day first is that day, a wrong one is named.
    const orgs = (await coord.get('/orgs?at=31122024')).text;
    assert.match(orgs, /id="at"[^>]*value="31\/12\/2024"/);
    const bad = (await coord.get('/orgs?at=' + encodeURIComponent('31/12/24'))).text;
    assert.match(bad, /id="at-error"[^>]*>Ngày “31\/12\/24”: /);
  });

  it('document corrections: a correction from an old copy shows the stored values beside the typed ones', { timeout: T_TEST }, async () => {
    const text = 'ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 15/KH-UBND\nQuảng Ngãi, ngày 10 tháng 01 năm 2024\n\nKẾ HOẠCH\nThông tin đối ngoại năm 2024\n\nNội dung kế hoạch về thông tin đối ngoại.\n';
    const boundary = '----ttdnentry';
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kh.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`);
    const up = await admin.request('POST', '/api/v1/documents', { body, contentType: `multipart/form-data; boundary=${boundary}` });
    assert.equal(up.status, 202, up.text);
    let docId;
    for (let t = 0; t < 600 && !docId; t++) {
      const g = ok(await admin.get(`/api/v1/jobs/${up.json.jobs[0].id}`), 'job');
      if (g.result) {
        docId = g.result.document_id;
        assert.ok(docId, JSON.stringify(g.result));
      } else await new Promise((res) => setTimeout(res, 100));
    }
    const p = `/documents/${docId}`;
    const html = (await admin.get(p)).text;
    const m = html.match(/name="corrected" value="([^"]*)"/);
    assert.ok(m, 'the form carries the version');
    const seen = m[1];
    const one = await form(admin, p, { corrected: seen, kind: 'Kế hoạch', place: 'Quảng Ngãi', title: 'Bản thứ nhất' });
    assert.equal(one.status, 303, one.text.slice(0, 300));
    const two = await form(admin, p, { corrected: seen, kind: 'Kế hoạch', place: 'Đức Phổ', title: 'Bản thứ hai' });
    assert.equal(two.status, 409, two.text.slice(0, 300));
    assert.match(two.text, /id="conflict"/);
    assert.equal(fieldValue(two.text, 'place'), 'Đức Phổ');
    assert.match(two.text, /id="stored-place">[^<]*<b>Quảng Ngãi<\/b>/);
    assert.match(two.text, /name="title" rows="3">Bản thứ hai<\/textarea><p class="stored-value" id="stored-title">[^<]*<b>Bản thứ nhất<\/b>/);
    const doc = ok(await admin.get(`/api/v1/documents/${docId}`), 'document');
    assert.equal(doc.place, 'Quảng Ngãi', 'the first correction is kept');
    assert.equal(doc.title, 'Bản thứ nhất');
    const seen2 = two.text.match(/name="corrected" value="([^"]*)"/)[1];
    assert.equal(seen2, doc.corrected_at);
    const three = await form(admin, p, { corrected: seen2, kind: 'Kế hoạch', place: 'Đức Phổ', title: 'Bản thứ hai' });
    assert.equal(three.status, 303, three.text.slice(0, 300));
    assert.equal(ok(await admin.get(`/api/v1/documents/${docId}`), 'document').place, 'Đức Phổ');
    // The date of issue typed day first; one read the other way round is refused.
    const seen3 = ok(await admin.get(`/api/v1/documents/${docId}`), 'document').corrected_at;
    const wrong = await form(admin, p, { corrected: seen3, date: '01/15/2024' });
    assert.equal(wrong.status, 400, wrong.text.slice(0, 300));
    assert.match(wrong.text, /Ngày ban hành “01\/15\/2024”: không có ngày này/);
    assert.equal(ok(await admin.get(`/api/v1/documents/${docId}`), 'document').date, '2024-01-10');
    const right = await form(admin, p, { corrected: seen3, date: '15012024' });
    assert.equal(right.status, 303, right.text.slice(0, 300));
    assert.equal(ok(await admin.get(`/api/v1/documents/${docId}`), 'document').date, '2024-01-15');
    assert.match((await admin.get(p)).text, /id="date"[^>]*value="15\/01\/2024"/);
  });
});
