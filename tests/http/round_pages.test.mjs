// round_pages.test.mjs - what a new user stumbled on in the round pages:
// the new round form keeps ticked bodies after a refusal; the round page
// shows percentages and one vocabulary of report states (who has started a
// draft); a submitted report reads as text; an empty submit asks for
// confirmation naming what is empty; the consolidated chart has one chart
// per unit with Vietnamese numbers; the CSV has Vietnamese headers under
// the round's title, and header=codes keeps the machine headers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, departmentsOf, createRound, rp, vnDate, watchServer, T_FILE, T_TEST,
} from './harness.mjs';

describe('round pages', { timeout: T_FILE }, () => {
  let env, coord, repA, A, B, C, id;
  const form = (s, p, fields) => s.request('POST', p, {
    body: (fields instanceof URLSearchParams ? fields : new URLSearchParams({ csrf: s.csrf, ...fields })).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });
  const page = (org) => `/rounds/${id}/reports/${encodeURIComponent(org)}`;
  const versionIn = (html) => html.match(/name="version" value="(\d+)"/)[1];

  before(async () => {
    env = await setup({ users: [{ login: 'pgcoord', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.pgcoord);
    [A, B, C] = await departmentsOf(coord, 'P51', 3);
    env.users.repA = await addUser(env.db, 'pg-rep-a', A.code, 'reporter');
    repA = await login(env.server, env.users.repA);
    id = await createRound(coord, {
      title: 'Báo cáo TTĐN quý IV/2026', period_start: vnDate(-60), period_end: vnDate(-1), due: vnDate(30),
      orgs: [A.code, B.code, C.code],
      sections: [{ key: 'ket_qua', heading: 'Kết quả thực hiện' }, { key: 'kien_nghi', heading: 'Kiến nghị' }],
      counts: [
        { key: 'doan_ra', name: 'Đoàn ra', unit: 'đoàn' },
        { key: 'doan_vao', name: 'Đoàn vào', unit: 'đoàn' },
        { key: 'nguoi', name: 'Phóng viên', unit: 'người' },
        { key: 'kinh_phi', name: 'Kinh phí', unit: 'triệu đồng', type: 'decimal' },
      ],
    });
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('the new round form keeps every field, ticked bodies too, after a refusal', { timeout: T_TEST }, async () => {
    const blank = (await coord.get('/rounds/new')).text;
    assert.match(blank, /id="org-search"/, 'a search through the bodies');
    assert.match(blank, /Chọn tất cả [^<]* thuộc Tỉnh Quảng Ngãi/);
    const body = new URLSearchParams({ csrf: coord.csrf, title: 'Đợt thiếu hạn', period_start: '2026-01-01',
      period_end: '2026-06-30', due: '', sections: 'Kết quả' });
    body.append('org', A.code);
    body.append('org', C.code);
    const r = await form(coord, '/rounds', body);
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.text, /value="Đợt thiếu hạn"/);
    for (const d of [A, C]) assert.match(r.text, new RegExp(`value="${d.code}" checked>`), `${d.code} stays ticked`);
    assert.doesNotMatch(r.text, new RegExp(`value="${B.code}" checked>`), 'an unticked body stays unticked');
  });

  it('the round page: percentages, who started a draft, one vocabulary', { timeout: T_TEST }, async () => {
    ok(await repA.put(rp(id, A.code), { sections: { ket_qua: 'Đang soạn' } }), 'A saves a draft');
    const html = (await coord.get(`/rounds/${id}`)).text;
    assert.match(html, /id="completeness"><b>0\/3<\/b>[^<]*<span class="pct">0%<\/span>/);
    assert.match(html, /id="state-not_due"><b>3<\/b>Chưa gửi, còn hạn <span class="pct">100%<\/span>/);
    assert.match(html, /id="drafts">[^<]*<b>1<\/b> đơn vị đã lưu nháp, <b>0<\/b> bị trả lại, <b>2<\/b> chưa bắt đầu/);
    const row = (code) => html.match(new RegExp(`<tr data-org="${code}">(.*?)</tr>`))[1];
    assert.match(row(A.code), /class="badge draft report-status">Chưa gửi</);
    assert.match(row(A.code), /Lưu nháp \d\d\/\d\d\/\d{4}/);
    assert.match(row(B.code), /class="badge not_started report-status">Chưa bắt đầu</);
    assert.match(row(B.code), /class="badge not_due due-state">Còn hạn</);
    assert.doesNotMatch(html, /Chưa đến hạn/, 'the plan word is not used for reports');
  });

  it('an empty submit asks for confirmation naming what is empty', { timeout: T_TEST }, async () => {
    const v = versionIn((await repA.get(page(A.code))).text);
    const r = await form(repA, page(A.code), { version: v, action: 'submit', 'section.ket_qua': 'Đã làm',
      'section.kien_nghi': '  ', 'count.doan_ra': '3', 'count.doan_vao': '1.200', 'count.nguoi': '',
      'count.kinh_phi': '350,5' });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /id="confirm-empty"/);
    assert.match(r.text, /mục 2 \(Kiến nghị\); số liệu &quot;Phóng viên&quot;|mục 2 \(Kiến nghị\); số liệu "Phóng viên"/);
    assert.match(r.text, /id="submit-empty"/);
    assert.equal(ok(await repA.get(rp(id, A.code))).status, 'draft', 'not submitted');
    const s = await form(repA, page(A.code), { version: v, action: 'submit_empty', 'section.ket_qua': 'Đã làm',
      'section.kien_nghi': '', 'count.doan_ra': '3', 'count.doan_vao': '1.200', 'count.nguoi': '',
      'count.kinh_phi': '350,5' });
    assert.equal(s.status, 303, s.text.slice(0, 300));
    assert.equal(ok(await repA.get(rp(id, A.code))).status, 'submitted');
  });

  it('a submitted report reads as text', { timeout: T_TEST }, async () => {
    const html = (await repA.get(page(A.code))).text;
    assert.doesNotMatch(html, /<textarea[^>]*name="section\./, 'no text areas');
    assert.match(html, /<div class="report-text" id="s-ket_qua">Đã làm<\/div>/);
    assert.match(html, /<p class="report-value" id="c-kinh_phi">350,5<\/p>/);
    assert.match(html, /id="s-kien_nghi"><i class="muted">\(để trống\)<\/i>/);
    assert.match(html, /class="badge submitted" id="status">Đã gửi</);
  });

  it('the consolidated chart: one chart per unit, Vietnamese numbers', { timeout: T_TEST }, async () => {
    const html = (await coord.get(`/rounds/${id}/consolidated`)).text;
    const charts = html.match(/<figure class="unit-chart">/g) || [];
    assert.equal(charts.length, 3, 'đoàn, người, triệu đồng');
    const doan = html.match(/<figcaption>Đơn vị tính: đoàn<\/figcaption>(<svg.*?<\/svg>)/)[1];
    assert.match(doan, />Đoàn ra<\/text>/);
    assert.match(doan, />Đoàn vào<\/text>/);
    assert.match(doan, />1\.200<\/text>/);
    assert.doesNotMatch(doan, /Kinh phí/);
    const money = html.match(/<figcaption>Đơn vị tính: triệu đồng<\/figcaption>(<svg.*?<\/svg>)/)[1];
    assert.match(money, />350,5<\/text>/);
  });

  it('the CSV: Vietnamese headers under the title; header=codes for machines', { timeout: T_TEST }, async () => {
    const lines = (await coord.get(`/rounds/${id}/consolidated.csv`)).text.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Đợt báo cáo,Báo cáo TTĐN quý IV/2026');
    assert.match(lines[1], /^Kỳ báo cáo,\d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}$/);
    assert.match(lines[2], /^Hạn nộp,\d\d\/\d\d\/\d{4}$/);
    assert.equal(lines[3], 'Số báo cáo đã gửi,1/3');
    assert.equal(lines[4], '');
    assert.equal(lines[5], 'Mã đơn vị,Tên đơn vị,Đoàn ra (đoàn),Đoàn vào (đoàn),Phóng viên (người),Kinh phí (triệu đồng)');
    assert.match(lines[6], new RegExp(`^${A.code},(?:"[^"]+"|[^,]+),3,1200,,350\\.5$`));
    const codes = (await coord.get(`/rounds/${id}/consolidated.csv?header=codes`)).text.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(codes[0], 'org_code,org_name,Đoàn ra,Đoàn vào,Phóng viên,Kinh phí');
  });
});
