// activity_import.test.mjs - activities many at once from XLSX and CSV:
// 1,000 rows of an .xlsx (made here with python3-openpyxl) are all
// recorded in one request; a bad row at line 999, a truncated zip or a
// wrong header store nothing and name the line and the column; the CSV
// template reads back as an import. Runs on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, teardown, login, assertError, ok, multipart, T_FILE, T_TEST } from './harness.mjs';

const DEPT = 'P51-SVHTTDL';
const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// Writes an .xlsx from rows (arrays; a JS Date-like {date:'YYYY-MM-DD'} becomes a real date cell).
export function makeXlsx(rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttdn-xlsx-'));
  const json = path.join(dir, 'rows.json');
  const out = path.join(dir, 'book.xlsx');
  fs.writeFileSync(json, JSON.stringify(rows));
  execFileSync(PY, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for r in json.load(open(sys.argv[1])):
    ws.append([datetime.date.fromisoformat(c['date']) if isinstance(c, dict) else c for c in r])
wb.save(sys.argv[2])
`, json, out]);
  const data = fs.readFileSync(out);
  fs.rmSync(dir, { recursive: true, force: true });
  return data;
}

const HEAD = ['Tên hoạt động', 'Ngày bắt đầu', 'Ngày kết thúc', 'Địa điểm', 'Quốc gia', 'Số thành viên đoàn',
  'Tổ chức nước ngoài', 'Cấp đón', 'Ngày văn bản cho phép'];
const row = (i) => [`Đón đoàn số ${i}`, { date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-10` },
  `${String(12 + (i % 3)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2024`, 'Kon Tum',
  i % 2 ? 'JP' : 'KR; LA', i % 20 + 1, `Tổ chức ${i}`, i % 2 ? 'Cấp tỉnh' : 'commune', { date: '2024-01-02' }];

describe('activity import', { timeout: T_FILE }, () => {
  let env, rep, viewer;
  before(async () => {
    env = await setup({ users: [
      { login: 'imrep', org: DEPT, role: 'reporter' },
      { login: 'imview', org: DEPT, role: 'viewer' },
    ] });
    rep = await login(env.server, env.users.imrep);
    viewer = await login(env.server, env.users.imview);
  });
  after(async () => { await teardown(env); });

  const count = async () => ok(await rep.get('/api/v1/activities?limit=1&type=delegation_in'), 'list').total;
  const upload = (s, type, name, data) => {
    const mp = multipart([{ name, data }]);
    return s.request('POST', `/api/v1/activities/import?type=${type}`, { body: mp.body, contentType: mp.contentType });
  };

  it('refuses a bad row at line 999 and stores nothing, naming line and column', { timeout: T_TEST }, async () => {
    const rows = [HEAD];
    for (let i = 1; i <= 1000; i++) rows.push(row(i));
    rows[998][5] = -3; // line 999
    rows[500][7] = 'Cấp huyện'; // line 501
    const r = await upload(rep, 'delegation_in', 'sai.xlsx', makeXlsx(rows));
    assertError(r, 400, 'invalid', 'bad rows');
    assert.equal(r.json.imported, 0);
    assert.equal(r.json.total_errors, 2);
    const e999 = r.json.errors.find((e) => e.line === 999);
    assert.ok(e999, JSON.stringify(r.json.errors));
    assert.equal(e999.column, 'Số thành viên đoàn');
    assert.match(e999.text, /^Dòng 999, cột “Số thành viên đoàn”: /);
    const e501 = r.json.errors.find((e) => e.line === 501);
    assert.equal(e501.column, 'Cấp đón');
    assert.match(e501.message, /Cấp tỉnh/);
    assert.equal(await count(), 0);
  });

  it('refuses a truncated zip and a wrong header, storing nothing', { timeout: T_TEST }, async () => {
    const good = makeXlsx([HEAD, row(1), row(2)]);
    let r = await upload(rep, 'delegation_in', 'cut.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    assertError(r, 400, 'invalid', 'truncated');
    assert.match(r.json.error.message, /Excel/);
    r = await upload(rep, 'delegation_in', 'head.xlsx', makeXlsx([[...HEAD.slice(0, 6), 'Tổ chức nứơc ngoài X'], row(1).slice(0, 7)]));
    assertError(r, 400, 'invalid', 'wrong header');
    const cols = r.json.errors.map((e) => `${e.line}:${e.column}`);
    assert.ok(cols.includes('1:Tổ chức nứơc ngoài X'), cols.join());
    assert.ok(cols.includes('1:Tổ chức nước ngoài'), cols.join()); // the required column is missing
    let big = 'title,start_on,foreign_org\r\n';
    for (let i = 0; i < 5001; i++) big += `Đoàn ${i},2024-01-01,X\r\n`;
    r = await upload(rep, 'delegation_in', 'big.csv', Buffer.from(big));
    assertError(r, 400, 'invalid', 'too many rows');
    assert.match(r.json.errors[0].message, /tối đa 5000 dòng/);
    r = await upload(rep, 'nope', 'x.xlsx', good);
    assertError(r, 400, 'invalid', 'unknown type');
    r = await upload(viewer, 'delegation_in', 'x.xlsx', good);
    assert.equal(r.status, 403);
    assert.equal(await count(), 0);
  });

  it('imports 1,000 rows of an .xlsx in one request', { timeout: T_TEST }, async () => {
    const rows = [HEAD];
    for (let i = 1; i <= 1000; i++) rows.push(row(i));
    const data = makeXlsx(rows);
    const t0 = Date.now();
    const r = await upload(rep, 'delegation_in', 'doan-vao.xlsx', data);
    const ms = Date.now() - t0;
    const body = ok(r, 'import 1000');
    assert.equal(body.imported, 1000);
    console.log(`# imported 1,000 rows in ${ms} ms`);
    assert.equal(await count(), 1000);
    const l = ok(await rep.get('/api/v1/activities?type=delegation_in&limit=200&from=2024-03-01&to=2024-03-31'), 'march');
    const a = l.items.find((x) => x.title === 'Đón đoàn số 2');
    assert.ok(a, 'row 2 is there');
    assert.equal(a.start_on, '2024-03-10');
    assert.equal(a.end_on, '2024-03-14');
    assert.equal(a.people, 3);
    assert.deepEqual(a.countries.map((c) => c.code).sort(), ['KR', 'LA']);
    assert.equal(a.fields.level, 'commune');
    assert.equal(a.fields.permit_date, '2024-01-02');
    assert.equal(a.org.code, DEPT);
  });

  it('gives a CSV template per type that imports back', { timeout: T_TEST }, async () => {
    const t = await rep.get('/activities/template.csv?type=training');
    assert.equal(t.status, 200);
    assert.match(t.headers['content-type'], /text\/csv/);
    const text = t.text.replace(/^\uFEFF/, '');
    const [head, ex] = text.trim().split('\r\n');
    assert.ok(head.startsWith('Tên hoạt động,Ngày bắt đầu'), head);
    assert.ok(head.includes('Số học viên'), head);
    assert.ok(ex, 'an example row');
    const r = await upload(rep, 'training', 'mau.csv', Buffer.from(t.text));
    assert.equal(ok(r, 'template import').imported, 1);
    // a semicolon CSV with field keys as headers and a bad date
    const csv = 'title;start_on;people\r\nLớp 1;05/06/2024;30\r\nLớp 2;31/02/2024;20\r\n';
    const bad = await upload(rep, 'training', 'lop.csv', Buffer.from(csv));
    assertError(bad, 400, 'invalid', 'bad date');
    assert.equal(bad.json.errors[0].line, 3);
    assert.equal(bad.json.errors[0].column, 'start_on');
    const n = ok(await rep.get('/api/v1/activities?type=training'), 'training').total;
    assert.equal(n, 1);
    // numbers the Vietnamese way; enum values by label; a stray ambiguous "1.5" refused
    const money = 'Tên hoạt động,Ngày bắt đầu,Nguồn kinh phí,Số tiền (VNĐ)\r\n' +
      'In tờ gấp,2024-02-01,Xã hội hóa,"1.700.000.000"\r\nDịch sách,01/03/2024,state,"2.500,5"\r\n';
    const m = ok(await upload(rep, 'budget', 'tien.csv', Buffer.from(money)), 'budget');
    assert.equal(m.imported, 2);
    const b = ok(await rep.get('/api/v1/activities?type=budget'), 'budget list').items;
    assert.deepEqual(b.map((x) => [x.fields.source, x.fields.amount_vnd]).sort(),
      [['private', 1700000000], ['state', 2500.5]]);
    const amb = await upload(rep, 'budget', 'x.csv', Buffer.from('title,start_on,source,amount_vnd\r\nX,2024-02-01,state,1.5\r\n'));
    assertError(amb, 400, 'invalid', 'ambiguous');
    assert.equal(amb.json.errors[0].column, 'amount_vnd');
  });

  it('draws the statistics as SVG charts with Vietnamese names and numbers', { timeout: T_TEST }, async () => {
    const r = await rep.get('/activities/stats?from=01/01/2024&to=31/12/2024');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /Tổng cộng 1\.002 hoạt động, 10\.500 lượt người/); // and two budget lines; the training is in 2025
    assert.match(r.text, /<svg class="chart columns"/);
    assert.match(r.text, />03\/2024</);
    assert.match(r.text, /Hàn Quốc/); // KR in Vietnamese
    assert.match(r.text, /href="\/activities\?country=JP&amp;from=2024-01-01&amp;to=2024-12-31"/);
    assert.match(r.text, />500 \(/); // JP on half the rows, with its share
    const bad = await rep.get('/activities/stats?from=31/02/2024');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Từ ngày/);
    const empty = await rep.get('/activities/stats?from=01/01/2030');
    assert.equal(empty.status, 200);
    assert.match(empty.text, /Chưa có hoạt động nào/);
  });

  it('shows a month calendar from Monday with multi-day activities on every day', { timeout: T_TEST }, async () => {
    const march = ok(await rep.get('/api/v1/activities?type=delegation_in&limit=200&from=2024-03-01&to=2024-03-31'), 'march');
    const a = march.items.find((x) => x.title === 'Đón đoàn số 2'); // 10/03 to 14/03
    const r = await rep.get('/activities/calendar?month=2024-03&type=delegation_in');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /<thead><tr><th scope="col">Thứ Hai<\/th>/);
    assert.match(r.text, /Chủ Nhật/);
    assert.match(r.text, /Lịch hoạt động tháng 3\/2024/);
    // 1 March 2024 is a Friday: four empty cells before it
    assert.match(r.text, /<tbody><tr>(<td class="out"><\/td>){4}<td><div class="day">1<\/div>/);
    const links = r.text.split(`href="/activities/${a.id}"`).length - 1;
    assert.equal(links, 10, 'five days in the grid and five in the list by day');
    assert.match(r.text, /href="\/activities\/calendar\?month=2024-02&amp;type=delegation_in"/);
    assert.match(r.text, /href="\/activities\/calendar\?month=2024-04&amp;type=delegation_in"/);
    const bad = await rep.get('/activities/calendar?month=2024-13');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /YYYY-MM/);
  });

  it('exports the filtered list as CSV with Vietnamese headers', { timeout: T_TEST }, async () => {
    const total = ok(await rep.get('/api/v1/activities?type=delegation_in&from=2024-03-01&to=2024-03-31'), 'march').total;
    const r = await rep.get('/activities.csv?type=delegation_in&from=01/03/2024&to=31/03/2024&org=&country=');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers['content-type'], /text\/csv/);
    const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.ok(lines[0].startsWith('Số hiệu,Loại hoạt động,Tên hoạt động,Ngày bắt đầu'), lines[0]);
    assert.equal(lines.length - 1, total);
    const two = lines.find((l) => l.includes(',Đón đoàn số 2,'));
    assert.match(two, /,10\/03\/2024,14\/03\/2024,Kon Tum,/);
    assert.match(two, /Cấp đón: Cấp xã/);
    const jp = await rep.get('/activities.csv?country=JP&from=01/03/2024&to=31/03/2024');
    assert.equal(jp.status, 200);
    assert.ok(!jp.text.includes(',Đón đoàn số 2,'), 'KR and LA only');
    assert.equal((await rep.get('/activities.csv?from=31/02/2024')).status, 400);
  });

  it('gives an Excel template that imports back and exports the list to Excel', { timeout: T_TEST }, async () => {
    const t = await rep.get('/activities/template.xlsx?type=delegation_in');
    assert.equal(t.status, 200);
    assert.match(t.headers['content-type'], /spreadsheetml/);
    const data = t.buf;
    const before = await count();
    const r = await upload(rep, 'delegation_in', 'mau.xlsx', data);
    assert.equal(ok(r, 'xlsx template import').imported, 1);
    assert.equal(await count(), before + 1);
    const x = await rep.get('/activities.xlsx?type=delegation_in&from=01/03/2024&to=31/03/2024');
    assert.equal(x.status, 200);
    assert.match(x.headers['content-type'], /spreadsheetml/);
    const total = ok(await rep.get('/api/v1/activities?type=delegation_in&from=2024-03-01&to=2024-03-31'), 'march').total;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttdn-xlsx-'));
    const f = path.join(dir, 'out.xlsx');
    fs.writeFileSync(f, x.buf);
    const out = JSON.parse(execFileSync(PY, ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(json.dumps([[str(c) if c is not None else None for c in r] for r in ws.iter_rows(values_only=True)]))
`, f]).toString());
    fs.rmSync(dir, { recursive: true, force: true });
    const head = out.findIndex((row) => row[0] === 'Số hiệu');
    assert.ok(head >= 0, JSON.stringify(out.slice(0, 3)));
    assert.equal(out[head][3], 'Ngày bắt đầu');
    const rows = out.slice(head + 1).filter((row) => row[0] !== null);
    assert.equal(rows.length, total);
    const two = rows.find((row) => row[2] === 'Đón đoàn số 2');
    assert.match(two[3], /^2024-03-10/); // a real date cell
  });
});
