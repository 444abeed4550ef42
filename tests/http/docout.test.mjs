// docout.test.mjs - official documents out: a body's report in a round and
// a plan as Word files in the Decree 30 layout, checked with python-docx
// (tests/http/docx_check.py) the way a clerk would check them; read back
// by `ttdn parse`; converted to PDF (pdftotext finds the header lines,
// pdffonts shows fonts with Vietnamese letters); page 1 rendered into
// tests/out/docout/ to look at. Export settings given as query parameters,
// remembered per body; bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, cli,
  watchServer, vnDate, BIN, T_FILE, T_TEST,
} from './harness.mjs';

const OUT = path.resolve('tests/out/docout');
const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const CHECK = path.resolve('tests/http/docx_check.py');
const SHARED = process.env.TTDN_SHARED || '../shared';
const SEED = path.join(SHARED, 'seeds', '002_fc7beda4cce84e5d.txt');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function save(name, buf) {
  fs.mkdirSync(OUT, { recursive: true });
  const p = path.join(OUT, name);
  fs.writeFileSync(p, buf);
  return p;
}

/** Runs docx_check.py; fails the test with its reasons. Returns what it found. */
function check(file, expect) {
  const ex = save(`${path.basename(file)}.expect.json`, JSON.stringify(expect));
  try {
    const out = execFileSync(PY, [CHECK, file, ex], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out);
  } catch (e) {
    assert.fail(`docx_check ${path.basename(file)}:\n${e.stderr || e.message}`);
  }
}

function parsed(file) {
  const out = execFileSync(BIN, ['parse', file, '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

function vnLong(iso) {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

describe('official documents out', { timeout: T_FILE }, () => {
  let env, coord, repA, repB, viewer, A, B, id, province, kc, planId;
  const textA1 = 'Trong kỳ, Sở đã đón 3 đoàn khách quốc tế (Hàn Quốc, Nhật Bản).\nTổ chức "Tuần lễ văn hoá" thành công.';
  const textA2 = 'Đề nghị bổ sung kinh phí cho công tác thông tin đối ngoại.';

  before(async () => {
    env = await setup({ users: [{ login: 'dcoord', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.dcoord);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.repA = await addUser(env.db, 'd-rep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'd-rep-b', B.code, 'reporter');
    env.users.view = await addUser(env.db, 'd-view', A.code, 'viewer');
    repA = await login(env.server, env.users.repA);
    repB = await login(env.server, env.users.repB);
    viewer = await login(env.server, env.users.view);
    province = ok(await coord.get('/api/v1/orgs/P51'), 'province');
    id = await createRound(coord, roundSpec([A.code, B.code]));
    ok(await repA.put(rp(id, A.code), {
      sections: { tinh_hinh: textA1, kien_nghi: textA2 },
      counts: { doan_vao: 1234, tin_bai: 12 },
    }), 'PUT A', [200, 204]);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  const abbr = () => (A.code === 'P51-SVHTTDL' ? 'SVHTTDL' : null);

  it('writes the body\'s report as a Decree 30 BÁO CÁO', { timeout: T_TEST }, async () => {
    const q = '?number=15&date=05/02/2027&place=Qu%E1%BA%A3ng%20Ng%C3%A3i';
    const r = await repA.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}.docx${q}`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.headers['content-type'], DOCX);
    assert.match(r.headers['content-disposition'], /attachment; filename="bao-cao-.*\.docx"/);
    const file = save('bao-cao.docx', r.buf);
    const spec = roundSpec([]);
    const found = check(file, {
      type: 'BÁO CÁO',
      symbol: `15/BC-${abbr() ?? 'X'}`,
      date_line: 'Quảng Ngãi, ngày 05 tháng 02 năm 2027',
      table: {
        header: ['STT', 'Nội dung', 'Đơn vị tính', 'Số lượng'],
        rows: [['1', spec.counts[0].name, 'đoàn', '1.234'], ['2', spec.counts[1].name, 'tin/bài', '12']],
        sum_col: 3, sum: 1246,
      },
    });
    assert.deepEqual(found.headings, ['I. TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI', 'II. KHÓ KHĂN, KIẾN NGHỊ', 'III. SỐ LIỆU']);
    const owner = `Ủy ban nhân dân ${province.name[0].toLowerCase()}${province.name.slice(1)}`;
    assert.ok(found.texts.includes(`Kính gửi: ${owner}.`), `Kính gửi the round's owner: ${found.texts.slice(0, 14).join(' | ')}`);
    assert.ok(found.texts.includes('Tổ chức "Tuần lễ văn hoá" thành công.'), 'each line of a section is a paragraph');
    assert.deepEqual(found.recipients, [`- ${owner};`, '- Lưu: VT.']);
    assert.ok(found.texts.includes(A.name.toUpperCase()), 'the issuing body in capitals');

    // ttdn reads what it writes.
    const p = parsed(file);
    assert.equal(p.kind, 'BC');
    assert.equal(p.symbol, `15/BC-${abbr() ?? p.symbol.split('-').pop()}`);
    assert.equal(p.date, '2027-02-05');
    assert.equal(p.place, 'Quảng Ngãi');
    assert.match(p.title, /^Công tác thông tin đối ngoại quý/);
    const top = p.sections.filter((s) => /^[IVX]+$/.test(s.label || s.number || '')).map((s) => s.heading ?? s.title);
    assert.deepEqual(top, ['TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI', 'KHÓ KHĂN, KIẾN NGHỊ', 'SỐ LIỆU'],
      JSON.stringify(p.sections).slice(0, 600));
  });

  it('leaves the number blank for the clerk and dates today by default; the API gives the same file',
    { timeout: T_TEST }, async () => {
      const r = await repA.get(`/api/v1/rounds/${id}/reports/${encodeURIComponent(A.code)}.docx`);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      const file = save('bao-cao-mac-dinh.docx', r.buf);
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const seat = province.name.replace(/^(Tỉnh|Thành phố) /, '');
      const found = check(file, {
        type: 'BÁO CÁO', symbol: `     /BC-${abbr() ?? 'X'}`, date_line: `${seat}, ${vnLong(today)}`,
      });
      assert.ok(found.texts.length > 10);
      // the coordinator reads every report of the round, the file too
      const c = await coord.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}.docx`);
      assert.equal(c.status, 200);
    });

  it('remembers the body\'s signer and recipients from the export form; query parameters override them',
    { timeout: T_TEST }, async () => {
      const a = encodeURIComponent(A.code);
      const form = new URLSearchParams({
        number: '7', date: '', place: '', authority: 'KT. GIÁM ĐỐC', signer_title: 'Phó Giám đốc',
        signer_name: 'Nguyễn Văn An', recipients: 'UBND tỉnh\nBan Tuyên giáo Tỉnh ủy\nLưu: VT, VP',
        remember: '1', format: 'docx',
      }).toString();
      const post = (s, body) => s.request('POST', `/rounds/${id}/reports/${a}/export`,
        { body, contentType: 'application/x-www-form-urlencoded' });
      const r = await post(repA, form);
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.match(r.headers.location, new RegExp(`^/rounds/${id}/reports/${a}\\.docx\\?number=7&`));
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const seat = province.name.replace(/^(Tỉnh|Thành phố) /, '');
      const expect = (n) => ({ type: 'BÁO CÁO', symbol: `${n}/BC-${abbr() ?? 'X'}`, date_line: `${seat}, ${vnLong(today)}` });
      // a later export without parameters starts from what was saved
      const found = check(save('bao-cao-ky.docx', (await repA.get(`/rounds/${id}/reports/${a}.docx`)).buf), expect('     '));
      for (const t of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An']) assert.ok(found.texts.includes(t), t);
      assert.deepEqual(found.recipients, ['- UBND tỉnh;', '- Ban Tuyên giáo Tỉnh ủy;', '- Lưu: VT, VP.']);
      // the form shows them
      const page = await repA.get(`/rounds/${id}/reports/${a}`);
      assert.match(page.text, /id="export-signer_name" value="Nguyễn Văn An"/);
      // a query parameter wins for one file
      const o = check(save('bao-cao-ky2.docx', (await repA.get(`/rounds/${id}/reports/${a}.docx?signer_name=L%C3%AA%20Th%E1%BB%8B%20B`)).buf), expect('     '));
      assert.ok(o.texts.includes('Lê Thị B'));
      // a viewer, or another body, does not change what the body saved
      assert.equal((await post(viewer, form.replace('An', 'Ai'))).status, 403);
      assert.equal((await post(repB, form)).status, 404);
      const bad = await post(repA, form.replace('KT.', 'XX.'));
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Thẩm quyền ký/);
      const again = check(save('bao-cao-ky3.docx', (await repA.get(`/rounds/${id}/reports/${a}.docx`)).buf), expect('     '));
      assert.ok(again.texts.includes('Nguyễn Văn An'));
    });

  it('refuses other bodies, bad dates and bad settings', { timeout: T_TEST }, async () => {
    const a = encodeURIComponent(A.code);
    assertError(await repB.get(`/api/v1/rounds/${id}/reports/${a}.docx`), 404, 'not_found', 'another body\'s report');
    assert.equal((await repB.get(`/rounds/${id}/reports/${a}.docx`)).status, 404);
    assertError(await repA.get(`/api/v1/rounds/999999/reports/${a}.docx`), 404, 'not_found', 'no such round');
    for (const d of ['31/02/2027', '2027-13-01', '5/2/27', 'mai']) {
      const r = await repA.get(`/api/v1/rounds/${id}/reports/${a}.docx?date=${encodeURIComponent(d)}`);
      assertError(r, 400, 'invalid', `date ${d}`);
      assert.match(r.json.error.message, /Ngày ban hành/);
    }
    for (const [k, v] of [['authority', 'GIÁM ĐỐC'], ['number', '15/BC'], ['signer_name', 'x'.repeat(500)]]) {
      assertError(await repA.get(`/api/v1/rounds/${id}/reports/${a}.docx?${k}=${encodeURIComponent(v)}`), 400, 'invalid', k);
    }
    assertError(await repA.get(`/api/v1/plans/999999.docx`), 404, 'not_found', 'no such plan');
    assert.equal((await repA.get(`/plans/999999.docx`)).status, 404);
  });

  it('writes a plan as KẾ HOẠCH with its legal basis and task table', { timeout: T_TEST }, async () => {
    env.users.kcoord = await addUser(env.db, 'd-kcoord', 'OP-KON-TUM', 'coordinator');
    kc = await login(env.server, env.users.kcoord);
    const out = (await cli(['import', SEED, '--db', env.db])).stdout;
    const m = /^(imported|duplicate)\t[^\t]*\t(\d+)/m.exec(out);
    assert.ok(m, out);
    planId = ok(await kc.post('/api/v1/plans', { document_id: Number(m[2]) }), 'plan', [201]).id;
    const plan = ok(await kc.get(`/api/v1/plans/${planId}`), 'read plan');
    const r = await kc.get(`/plans/${planId}.docx?date=2019-01-05`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    const file = save('ke-hoach.docx', r.buf);
    const rows = [];
    let n = 0;
    let g = null;
    for (const t of plan.tasks) {
      if (t.group && t.group.id !== g) {
        g = t.group.id;
        rows.push([t.group.label, null, '', '', '']);
      }
      rows.push([String(++n), t.text, null, null, null]);
    }
    const found = check(file, {
      type: 'KẾ HOẠCH', symbol: '     /KH-UBND', date_line: `Kon Tum, ngày 05 tháng 01 năm 2019`,
      table: { header: ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện'], rows },
    });
    assert.ok(found.texts.some((t) => /^Căn cứ .*;$/.test(t)), 'Căn cứ lines end with ";"');
    assert.ok(found.texts.some((t) => /^Căn cứ .*\.$/.test(t)), 'the last Căn cứ line ends with "."');
    const p = parsed(file);
    assert.equal(p.kind, 'KH');
    assert.equal(p.date, '2019-01-05');
    assert.equal(p.title, plan.title.replace(/^Kế hoạch (.)/, (_, c) => c.toUpperCase()));
    assertError(await repB.get(`/api/v1/plans/${planId}.docx`), 404, 'not_found', 'a body not named in a draft');
  });

  it('writes the consolidated report of the round as the owner\'s BÁO CÁO with an appendix per body', { timeout: T_TEST }, async () => {
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: 'Sở B: không phát sinh đoàn vào.' }, counts: { doan_vao: 6, tin_bai: 30 } }),
      'PUT B', [200, 204]);
    ok(await repA.post(rp(id, A.code, '/submit')), 'submit A', [200, 204]);
    ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
    assertError(await repA.get(`/api/v1/rounds/${id}/consolidated.docx`), 403, 'forbidden', 'a reporter');
    const r = await coord.get(`/rounds/${id}/consolidated.docx?number=3&date=2027-02-10`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.headers['content-type'], DOCX);
    const file = save('bao-cao-tong-hop.docx', r.buf);
    const spec = roundSpec([]);
    const found = check(file, {
      type: 'BÁO CÁO', symbol: '3/BC-UBND',
      date_line: `${province.name.replace(/^(Tỉnh|Thành phố) /, '')}, ngày 10 tháng 02 năm 2027`,
      table: {
        header: ['STT', 'Nội dung', 'Đơn vị tính', 'Tổng số'],
        rows: [['1', spec.counts[0].name, 'đoàn', '1.240'], ['2', spec.counts[1].name, 'tin/bài', '42']],
      },
    });
    assert.deepEqual(found.headings, ['I. TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI', 'II. KHÓ KHĂN, KIẾN NGHỊ', 'III. SỐ LIỆU TỔNG HỢP']);
    assert.ok(found.texts.includes(`${A.name}:`) && found.texts.includes(`${B.name}:`), 'each body\'s text named by body');
    assert.ok(found.texts.includes('Sở B: không phát sinh đoàn vào.'));
    // the appendix: a row per body and the totals, which are the sums of the rows
    const app = found.tables[found.tables.length - 1];
    assert.deepEqual(app[0], ['STT', 'Cơ quan, đơn vị', `${spec.counts[0].name} (đoàn)`, `${spec.counts[1].name} (tin/bài)`]);
    const body = app.slice(1, -1);
    assert.deepEqual(body.map((row) => row[1]).sort(), [A.name, B.name].sort());
    const num = (t) => Number(t.replace(/\./g, '').replace(',', '.'));
    const total = app[app.length - 1];
    assert.equal(total[1], 'TỔNG CỘNG');
    for (const k of [2, 3]) assert.equal(num(total[k]), body.reduce((a, row) => a + num(row[k]), 0));
    assert.equal(num(total[2]), 1240);
    const p = parsed(file);
    assert.equal(p.kind, 'BC');
    assert.equal(p.symbol, '3/BC-UBND');
    assert.equal(p.date, '2027-02-10');
  });

  it('prints the narrative the coordinator saved, not the bodies\' texts', { timeout: T_TEST }, async () => {
    const narrative = 'Trong kỳ, các sở đã đón 1.240 đoàn khách quốc tế.\nCông tác phối hợp được tăng cường.';
    ok(await coord.put(`/api/v1/rounds/${id}/consolidated/text`, { sections: [{ key: 'tinh_hinh', text: narrative, version: 0 }] }), 'save the narrative');
    const r = await coord.get(`/rounds/${id}/consolidated.docx?number=3&date=2027-02-10`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    const file = save('bao-cao-tong-hop-da-sua.docx', r.buf);
    const found = check(file, {
      type: 'BÁO CÁO', symbol: '3/BC-UBND',
      date_line: `${province.name.replace(/^(Tỉnh|Thành phố) /, '')}, ngày 10 tháng 02 năm 2027`,
    });
    const i1 = found.texts.indexOf('I. TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI'), i2 = found.texts.indexOf('II. KHÓ KHĂN, KIẾN NGHỊ');
    assert.deepEqual(found.texts.slice(i1 + 1, i2), narrative.split('\n'), 'the saved narrative is section I');
    assert.ok(!found.texts.includes('Sở B: không phát sinh đoàn vào.'), 'the by-body draft is not printed');
    assert.ok(found.texts.slice(i2).includes(`${A.name}:`), 'section II, never edited, stays by body');
    assert.deepEqual(found.orientations, ['portrait', 'portrait'], 'two counts: the appendix stays portrait');
  });

  it('writes the register\'s activities as a landscape appendix, alone or with the consolidated report', { timeout: T_TEST }, async () => {
    const press = (start, people, title) => ({
      type: 'foreign_press', title, start_on: start, people, countries: ['JP'], fields: { outlet: 'NHK', products: 1 },
    });
    for (const a of [press(vnDate(-10), 5, 'Đón phóng viên NHK'), press(vnDate(-5), 7, 'Đón phóng viên Kyodo'),
      press(vnDate(-90), 100, 'Ngoài kỳ báo cáo')]) ok(await repA.post('/api/v1/activities', a), 'record', [201]);
    const head = ['STT', 'Ngày', 'Loại hoạt động', 'Nội dung', 'Đơn vị', 'Quốc gia/đối tác', 'Số người'];
    const dmy = (iso) => iso.split('-').reverse().join('/');
    const spec = roundSpec([]);

    // The consolidated report with activities=1: a landscape appendix of the period's activities.
    let r = await coord.get(`/rounds/${id}/consolidated.docx?number=3&date=2027-02-10&activities=1`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    let found = check(save('bao-cao-tong-hop-hoat-dong.docx', r.buf), {
      type: 'BÁO CÁO', symbol: '3/BC-UBND',
      date_line: `${province.name.replace(/^(Tỉnh|Thành phố) /, '')}, ngày 10 tháng 02 năm 2027`,
    });
    assert.deepEqual(found.orientations, ['portrait', 'portrait', 'landscape']);
    let t = found.tables[found.tables.length - 1];
    assert.deepEqual(t[0], head);
    assert.deepEqual(t.slice(1, -1).map((row) => row[0]), ['1', '2']);
    assert.deepEqual(t.slice(1, -1).map((row) => [row[1], row[3], row[4], row[5], row[6]]).sort(), [
      [dmy(vnDate(-10)), 'Đón phóng viên NHK', A.name, 'Nhật Bản', '5'],
      [dmy(vnDate(-5)), 'Đón phóng viên Kyodo', A.name, 'Nhật Bản', '7'],
    ].sort(), 'the period\'s activities of the round\'s bodies, not the one outside');
    assert.ok(t.slice(1, -1).every((row) => row[2] === 'Đón phóng viên nước ngoài'), 'the type by its name');
    assert.deepEqual(t[t.length - 1].slice(1), ['TỔNG CỘNG', '', '2 hoạt động', '', '', '12']);
    assert.ok(found.texts.includes('Phụ lục 2') && found.texts.includes('Phụ lục 1'));
    assertError(await coord.get(`/api/v1/rounds/${id}/consolidated.docx?activities=yes`), 400, 'invalid', 'activities=yes');
    r = await coord.get(`/rounds/${id}/consolidated.docx?number=3&date=2027-02-10`);
    assert.deepEqual(check(save('khong-hoat-dong.docx', r.buf), {
      type: 'BÁO CÁO', symbol: '3/BC-UBND',
      date_line: `${province.name.replace(/^(Tỉnh|Thành phố) /, '')}, ngày 10 tháng 02 năm 2027`,
    }).orientations, ['portrait', 'portrait'], 'no activity appendix unless asked');

    // The activity list page's filters as a PHỤ LỤC of the user's body.
    const q = `from=${dmy(vnDate(-60))}&to=${dmy(vnDate(-1))}&number=4&date=05/02/2027`;
    r = await repA.get(`/activities.docx?${q}`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.headers['content-type'], DOCX);
    assert.match(r.headers['content-disposition'], /filename="danh-sach-hoat-dong.docx"/);
    found = check(save('phu-luc-hoat-dong.docx', r.buf), {
      type: 'PHỤ LỤC', symbol: `4/PL-${abbr() ?? 'X'}`, date_line: 'Quảng Ngãi, ngày 05 tháng 02 năm 2027',
      table: { header: head, rows: [['1', null, null, null, A.name, 'Nhật Bản', null], ['2'], ['', 'TỔNG CỘNG', '', '2 hoạt động', '', '', '12']] },
    });
    assert.deepEqual(found.orientations, ['landscape']);
    assert.ok(found.texts.includes('Danh sách hoạt động thông tin đối ngoại'));
    assert.ok(found.texts.includes(`(từ ngày ${dmy(vnDate(-60))} đến ngày ${dmy(vnDate(-1))})`));
    const api = await repA.get(`/api/v1/activities.docx?${q}`);
    assert.equal(api.status, 200);
    // Everything A reads, no period: the record outside the round counts too.
    found = check(save('phu-luc-tat-ca.docx', (await repA.get('/activities.docx?number=4&date=05/02/2027')).buf), {
      type: 'PHỤ LỤC', symbol: `4/PL-${abbr() ?? 'X'}`, date_line: 'Quảng Ngãi, ngày 05 tháng 02 năm 2027',
    });
    const all = found.tables.find((x) => x[0][0] === 'STT');
    assert.deepEqual(all[all.length - 1].slice(3), ['3 hoạt động', '', '', '112']);
    assertError(await repA.get('/api/v1/activities.docx?from=31/02/2026'), 400, 'invalid', 'a day that does not exist');
    assertError(await repA.get('/api/v1/activities.docx?type=nope'), 400, 'invalid', 'an unknown type');
    const page = await repA.get('/activities');
    assert.match(page.text, /id="activities-docx" href="\/activities.docx\?type=&amp;org=/, 'linked next to the Excel export');
    assert.match(page.text, /href="\/activities.xlsx\?type=&amp;org=[^"]*">Tải danh sách \(Excel\)<\/a> · <a id="activities-docx" href="\/activities.docx\?type=&amp;org=[^"]*">Tải phụ lục \(Word\)<\/a> · <a href="\/activities.csv\?type=&amp;org=[^"]*">Tải danh sách \(CSV\)/, 'Excel, Word and CSV with the same filters');
  });

  /** The PDF of url: its header lines, its fonts, page 1 rendered to look at. */
  async function pdfCheck(session, url, name, lines) {
    const r = await session.get(url);
    if (r.status === 415) {
      assert.match(r.text, /LibreOffice/);
      return false; // not installed here
    }
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.buf.subarray(0, 5).toString(), '%PDF-');
    const file = save(`${name}.pdf`, r.buf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const l of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', ...lines, 'Nơi nhận:']) {
      assert.ok(text.includes(l), `${name}: pdftotext finds ${l}:\n${text.slice(0, 800)}`);
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
      .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    assert.ok(fonts.length > 0);
    for (const f of fonts) {
      // Times New Roman itself, or a font of the same widths with Vietnamese letters
      assert.match(f, /^(TimesNewRoman|Times|LiberationSerif|Tinos)/, `${name}: font ${f} may lack Vietnamese letters`);
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(OUT, `${name}-trang-1`)]);
    return true;
  }

  it('converts to PDF with LibreOffice and renders page 1 of each kind to look at', { timeout: T_TEST }, async () => {
    const a = encodeURIComponent(A.code);
    if (await pdfCheck(repA, `/rounds/${id}/reports/${a}.pdf?number=15&date=05/02/2027`, 'bao-cao',
      ['BÁO CÁO', 'ngày 05 tháng 02 năm 2027', 'Số: 15/BC-'])) {
      await pdfCheck(kc, `/api/v1/plans/${planId}.pdf?date=05/01/2019`, 'ke-hoach',
        ['KẾ HOẠCH', 'Kon Tum, ngày 05 tháng 01 năm 2019', 'Nội dung']);
    }
    assertError(await repB.get(`/api/v1/rounds/${id}/reports/${a}.pdf`), 404, 'not_found', 'another body\'s PDF');
    // At most two conversions at a time: a request beyond that is told to
    // come back. A server of six threads, so that six can arrive at once.
    const child = spawn(BIN, ['serve', '--db', env.db, '--listen', '127.0.0.1:0', '--threads', '6'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr.resume();
    const port = await new Promise((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 60_000);
      child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
      child.stdout.setEncoding('utf8').on('data', (d) => {
        out += d;
        const m = /listening on http:\/\/[0-9.]+:(\d+)/.exec(out);
        if (m) { clearTimeout(t); resolve(Number(m[1])); }
      });
    });
    let many;
    try {
      const wide = await login({ host: '127.0.0.1', port }, env.users.repA);
      // a little apart, so that each is taken by a thread of its own
      const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
      many = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => {
        await sleep(i * 100);
        return wide.get(`/api/v1/rounds/${id}/reports/${a}.pdf`);
      }));
    } finally {
      const gone = new Promise((res) => child.on('exit', res));
      child.kill('SIGTERM');
      await gone;
    }
    for (const m of many) {
      if (m.status === 415) continue; // no LibreOffice here
      assert.ok([200, 503].includes(m.status), `${m.status} ${m.text.slice(0, 200)}`);
      if (m.status === 503) {
        assertError(m, 503, 'busy');
        assert.equal(m.headers['retry-after'], '10');
      }
    }
    if (many[0].status !== 415) {
      assert.ok(many.some((m) => m.status === 200), 'some conversions run');
      assert.ok(many.some((m) => m.status === 503), `no more than two at a time: ${many.map((m) => m.status)}`);
    }
    assertError(await repA.get(`/api/v1/rounds/${id}/reports/${a}.pdf?date=32/01/2027`), 400, 'invalid', 'bad date, PDF');
  });
});

