// xlsx.test.mjs - the Excel exports: a round's consolidated table and its
// completeness, a plan's tasks with their status. Each download is opened
// with openpyxl (tests/http/xlsx_dump.py): title row, Vietnamese headers
// with units, numbers stored as numbers, dates as dates, totals equal to
// the JSON consolidation, frozen header; one file goes through LibreOffice
// Calc headless to CSV, numbers unquoted. Permissions follow the pages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, vnDate,
  watchServer, T_FILE, T_TEST, ROOT,
} from './harness.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DUMP = path.join(ROOT, 'tests/http/xlsx_dump.py');
const dmy = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

let dir;

/** Downloads an export, checks it is an xlsx attachment, and returns the
 * file's path and its openpyxl dump. */
async function download(s, url, name) {
  const r = await s.get(url);
  assert.equal(r.status, 200, `${url}: ${r.status} ${r.text.slice(0, 300)}`);
  assert.equal(r.headers['content-type'], XLSX, `${url}: content type`);
  assert.match(r.headers['content-disposition'] || '', /^attachment; filename="[a-z0-9-]+\.xlsx"$/);
  assert.equal(Number(r.headers['content-length']), r.buf.length, `${url}: length`);
  assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK', `${url}: a zip file`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, r.buf);
  const book = JSON.parse(execFileSync('/usr/bin/python3', [DUMP, file], { encoding: 'utf8' }));
  return { file, book };
}

const texts = (row) => row.map((c) => c.v);

describe('Excel exports', { timeout: T_FILE }, () => {
  let env;
  let coord; let repA; let repB; let repC; let other; let viewerC;
  let A; let B; let C;
  let id;
  let plan;
  const countsA = { doan_vao: 3, tin_bai: 1234, kinh_phi: 12.5 };
  const countsB = { doan_vao: 4, tin_bai: 20 };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttdn-xlsx-'));
    env = await setup({
      users: [
        { login: 'coord51x', org: 'P51', role: 'coordinator' },
        { login: 'viewer01x', org: 'P01', role: 'viewer' },
      ],
    });
    coord = await login(env.server, env.users.coord51x);
    other = await login(env.server, env.users.viewer01x);
    [A, B, C] = await departmentsOf(coord, 'P51', 3);
    env.users.repA = await addUser(env.db, 'xrep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'xrep-b', B.code, 'reporter');
    env.users.repC = await addUser(env.db, 'xrep-c', C.code, 'reporter');
    env.users.viewerC = await addUser(env.db, 'xview-c', C.code, 'viewer');
    [repA, repB, repC, viewerC] = await Promise.all(
      [env.users.repA, env.users.repB, env.users.repC, env.users.viewerC].map((u) => login(env.server, u)));
    const spec = roundSpec([A.code, B.code, C.code]);
    spec.counts.push({ key: 'kinh_phi', name: 'Kinh phí', unit: 'triệu đồng', type: 'decimal' });
    id = await createRound(coord, spec);
    ok(await repA.put(rp(id, A.code), { sections: { tinh_hinh: '=SUM(1,2) không phải công thức' }, counts: countsA }),
      'PUT A', [200, 204]);
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: 'B' }, counts: countsB }), 'PUT B', [200, 204]);
    ok(await repA.post(rp(id, A.code, '/submit')), 'submit A', [200, 204]);
    ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
  }, { timeout: T_TEST });

  after(async () => {
    await teardown(env);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, { timeout: T_TEST });
  watchServer(() => env);

  it('the consolidated table: title, headers with units, numbers, totals equal to the JSON, frozen header', { timeout: T_TEST }, async () => {
    const json = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated JSON');
    const { book } = await download(coord, `/rounds/${id}/consolidated.xlsx`, 'consolidated.xlsx');
    assert.equal(book.length, 1);
    const ws = book[0];
    assert.equal(ws.title, 'Tổng hợp');
    assert.equal(ws.freeze, 'C4', 'header rows and the body columns frozen');
    assert.equal(ws.rows[0][0].v, 'Báo cáo tổng hợp: Báo cáo công tác thông tin đối ngoại quý');
    assert.ok(ws.rows[0][0].bold, 'title in bold');
    assert.match(ws.rows[1][0].v, new RegExp(`^Kỳ báo cáo: ${dmy(vnDate(-60))} – ${dmy(vnDate(-1))}\\.`));
    assert.deepEqual(texts(ws.rows[2]), ['Mã đơn vị', 'Đơn vị', 'Đơn vị cấp trên',
      'Số đoàn nước ngoài vào (đoàn)', 'Số tin, bài (tin/bài)', 'Kinh phí (triệu đồng)']);
    const data = ws.rows.slice(3, 5);
    assert.deepEqual(data.map((r) => r[0].v).sort(), [A.code, B.code].sort());
    const rowA = data.find((r) => r[0].v === A.code);
    const rowB = data.find((r) => r[0].v === B.code);
    assert.deepEqual(rowA.slice(3).map((c) => [c.t, c.v]), [['n', 3], ['n', 1234], ['n', 12.5]]);
    assert.equal(rowA[4].fmt, '#,##0', 'whole numbers shown with thousands separators');
    assert.equal(rowA[5].fmt, '#,##0.0#', 'decimal count');
    assert.equal(rowB[5].v, null, 'a count not given stays empty');
    const total = ws.rows[5];
    assert.equal(total[1].v, 'TỔNG CỘNG');
    const keys = ['doan_vao', 'tin_bai', 'kinh_phi'];
    keys.forEach((k, i) => {
      const c = total[3 + i];
      assert.equal(c.t, 'f', `total of ${k} is a formula`);
      assert.match(c.v, /^=SUM\([A-Z]+4:[A-Z]+5\)$/);
      assert.equal(c.c, json.counts[k], `total of ${k} equals the JSON consolidation`);
    });
    assert.deepEqual(json.counts, { doan_vao: 7, tin_bai: 1254, kinh_phi: 12.5 });
    assert.ok(ws.widths.B >= 10 && ws.widths.B <= 52, `body column width ${ws.widths.B}`);
    // The API URL answers the same file.
    const api = await download(coord, `/api/v1/rounds/${id}/consolidated.xlsx`, 'consolidated-api.xlsx');
    assert.deepEqual(api.book[0].rows.map(texts), ws.rows.map(texts));
    // The page links to it.
    const page = await coord.get(`/rounds/${id}/consolidated`);
    assert.ok(page.text.includes(`href="/rounds/${id}/consolidated.xlsx"`), 'download link on the page');
  });

  it('LibreOffice Calc reads the numbers as numbers', { timeout: T_TEST }, async () => {
    const { file } = await download(coord, `/rounds/${id}/consolidated.xlsx`, 'calc.xlsx');
    const profile = fs.mkdtempSync(path.join(dir, 'lo-'));
    // CSV: text cells quoted, numbers as stored (not as shown), UTF-8.
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: profile } });
    const csv = fs.readFileSync(path.join(dir, 'calc.csv'), 'utf8').trim().split(/\r?\n/);
    const lineA = csv.find((l) => l.startsWith(`"${A.code}"`));
    assert.ok(lineA, `row of ${A.code} in ${csv.join('\n')}`);
    assert.ok(lineA.endsWith(',3,1234,12.5'), `numbers unquoted: ${lineA}`);
    const tot = csv.find((l) => l.includes('"TỔNG CỘNG"'));
    assert.ok(tot && tot.endsWith(',7,1254,12.5'), `totals as numbers: ${tot}`);
  });

  it('completeness: each body with state, time sent and lateness, then the rates', { timeout: T_TEST }, async () => {
    const c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    const { book } = await download(coord, `/rounds/${id}/completeness.xlsx`, 'completeness.xlsx');
    const ws = book[0];
    assert.equal(ws.title, 'Tình hình nộp');
    assert.equal(ws.freeze, 'D4');
    assert.equal(ws.rows[0][0].v, 'Tình hình nộp báo cáo: Báo cáo công tác thông tin đối ngoại quý');
    assert.match(ws.rows[1][0].v, new RegExp(`Hạn nộp: ${dmy(vnDate(30))}`));
    assert.deepEqual(texts(ws.rows[2]), ['STT', 'Mã đơn vị', 'Đơn vị', 'Trạng thái', 'Hạn nộp', 'Thời điểm gửi']);
    const body = ws.rows.slice(3, 6);
    assert.deepEqual(body.map((r) => [r[0].t, r[0].v]), [['n', 1], ['n', 2], ['n', 3]]);
    const byCode = Object.fromEntries(body.map((r) => [r[1].v, r]));
    for (const code of [A.code, B.code]) {
      // the words of the round page: the report's state, then the deadline's
      assert.equal(byCode[code][3].v, 'Đã gửi');
      assert.equal(byCode[code][4].v, 'Đúng hạn');
      assert.equal(byCode[code][5].t, 'd', 'time sent is a date');
      assert.equal(byCode[code][5].fmt, 'dd/mm/yyyy hh:mm');
    }
    assert.ok(['Chưa bắt đầu', 'Chưa gửi'].includes(byCode[C.code][3].v), byCode[C.code][3].v);
    assert.equal(byCode[C.code][4].v, 'Còn hạn');
    assert.equal(byCode[C.code][5].v, null);
    const line = (label) => ws.rows.find((r) => r[0].v === label).slice(0, 3);
    assert.equal(line('Số đơn vị phải nộp').at(-1).v, c.expected);
    assert.equal(line('Nộp đúng hạn').at(-1).v, c.submitted_on_time);
    assert.equal(line('Chưa gửi, còn hạn').at(-1).v, c.not_due);
    const rate = line('Tỉ lệ đã gửi').at(-1);
    assert.equal(rate.t, 'n');
    assert.ok(Math.abs(rate.v - 2 / 3) < 1e-9, `rate ${rate.v}`);
    assert.equal(rate.fmt, '0.0%');
    const page = await coord.get(`/rounds/${id}`);
    assert.ok(page.text.includes(`href="/rounds/${id}/completeness.xlsx"`), 'download link on the round page');
    await download(coord, `/api/v1/rounds/${id}/completeness.xlsx`, 'completeness-api.xlsx');
  });

  it('a round nobody has submitted yet: a total row of zeros, no formula that refers to itself', { timeout: T_TEST }, async () => {
    const empty = await createRound(coord, roundSpec([C.code], { title: 'Đợt chưa ai gửi' }));
    const { book } = await download(coord, `/rounds/${empty}/consolidated.xlsx`, 'empty.xlsx');
    const ws = book[0];
    assert.equal(ws.rows.length, 4, 'title, period, header and total');
    assert.equal(ws.rows[3][1].v, 'TỔNG CỘNG');
    assert.deepEqual(ws.rows[3].slice(3).map((c) => [c.t, c.v]), [['n', 0], ['n', 0]]);
  });

  it('another body sees no round export; the API answers JSON errors', { timeout: T_TEST }, async () => {
    for (const s of [repC, viewerC, other]) {
      for (const what of ['consolidated', 'completeness']) {
        const r = await s.get(`/rounds/${id}/${what}.xlsx`);
        assert.ok([403, 404].includes(r.status), `${s.login} ${what}: ${r.status}`);
        assert.notEqual(r.headers['content-type'], XLSX);
        assertError(await s.get(`/api/v1/rounds/${id}/${what}.xlsx`), [403, 404], undefined, `${s.login} API ${what}`);
      }
    }
    assertError(await coord.get('/api/v1/rounds/999999/consolidated.xlsx'), 404, 'not_found');
    assertError(await coord.get('/api/v1/rounds/abc/completeness.xlsx'), 404, 'not_found');
    const anon = await env.server.request('GET', `/api/v1/rounds/${id}/consolidated.xlsx`);
    assert.equal(anon.status, 401);
  });

  it('plan tasks with their status at a day, and their latest progress', { timeout: T_TEST }, async () => {
    const year = Number(vnDate(0).slice(0, 4));
    const created = ok(await coord.post('/api/v1/plans', {
      owner: 'P51',
      title: `Kế hoạch thông tin đối ngoại năm ${year}`,
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      groups: [{ label: '1', heading: 'Tuyên truyền', tasks: [
        { label: '1.1', text: 'Cập nhật trang thông tin đối ngoại của tỉnh',
          timeframe: { kind: 'continuous', text: 'Thường xuyên' },
          leads: [{ text: A.name, orgs: [A.code] }], coordinating: [{ text: B.name, orgs: [B.code] }] },
        { label: '1.2', text: 'Tổ chức hội nghị',
          timeframe: { kind: 'range', start: `${year}-01-01`, end: `${year}-12-31`, text: `Năm ${year}` },
          leads: [{ text: A.name, orgs: [A.code] }] },
      ] }],
    }), 'create plan', [201]);
    plan = created.id;
    ok(await coord.put(`/api/v1/plans/${plan}`, { state: 'active' }), 'activate');
    const p = ok(await coord.get(`/api/v1/plans/${plan}`), 'plan');
    const t2 = p.tasks.find((t) => t.label === '1.2');
    ok(await repA.post(`/api/v1/plans/${plan}/tasks/${t2.id}/progress`,
      { state: 'done', done_on: vnDate(0), note: 'Đã tổ chức' }), 'progress', [201]);
    const at = dmy(vnDate(0));
    const { book } = await download(coord, `/plans/${plan}.xlsx?at=${at}`, 'plan.xlsx');
    const ws = book[0];
    assert.equal(ws.title, 'Nhiệm vụ');
    assert.equal(ws.freeze, 'A4');
    assert.equal(ws.rows[0][0].v, `Kế hoạch: Kế hoạch thông tin đối ngoại năm ${year}`);
    assert.match(ws.rows[1][0].v, new RegExp(`Tình trạng tại ngày ${at}\\.$`));
    assert.deepEqual(texts(ws.rows[2]), ['STT', 'Nhóm nhiệm vụ', 'Số hiệu', 'Nội dung', 'Cơ quan chủ trì',
      'Cơ quan phối hợp', 'Thời gian thực hiện', 'Tình trạng', 'Ngày báo cáo tiến độ gần nhất', 'Ghi chú tiến độ']);
    const [r1, r2] = [ws.rows[3], ws.rows[4]];
    assert.deepEqual([r1[0].t, r1[0].v, r2[0].v], ['n', 1, 2]);
    assert.deepEqual(texts(r1).slice(1, 8), ['1. Tuyên truyền', '1.1', 'Cập nhật trang thông tin đối ngoại của tỉnh',
      A.name, B.name, 'Thường xuyên', 'Thường xuyên']);
    assert.equal(r2[7].v, 'Hoàn thành đúng hạn');
    assert.equal(r2[8].t, 'd');
    assert.equal(r2[8].v.slice(0, 10), vnDate(0));
    assert.equal(r2[8].fmt, 'dd/mm/yyyy');
    assert.equal(r2[9].v, 'Đã tổ chức');
    const total = ws.rows.find((r) => r[0].v === 'Tổng số nhiệm vụ');
    assert.deepEqual([total[2].t, total[2].v], ['n', 2]);
    // The page links to it with its day; the API URL; a bad day.
    const page = await coord.get(`/plans/${plan}?at=${at}`);
    assert.ok(page.text.includes(`href="/plans/${plan}.xlsx?at=${at}"`), 'download link on the plan page');
    await download(repA, `/api/v1/plans/${plan}.xlsx`, 'plan-api.xlsx');
    assertError(await coord.get(`/api/v1/plans/${plan}.xlsx?at=31/02/2026`), 400, 'invalid');
    assert.equal((await coord.get(`/plans/${plan}.xlsx?at=abc`)).status, 400);
  });

  it('another province does not see the plan export', { timeout: T_TEST }, async () => {
    assert.equal((await other.get(`/plans/${plan}.xlsx`)).status, 404);
    assertError(await other.get(`/api/v1/plans/${plan}.xlsx`), 404, 'not_found');
    assert.equal((await coord.get('/plans/999999.xlsx')).status, 404);
  });
});
