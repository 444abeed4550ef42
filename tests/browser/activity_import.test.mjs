// activity_import.test.mjs - activities many at once in a real browser: a
// department's reporter downloads nothing, uploads an .xlsx (made with
// python3-openpyxl) of 30 delegations, sees the count; a broken one shows
// its errors by line and column; then the month calendar (a grid on a PC,
// a list by day on a phone) and the statistics charts. Screenshots go to
// tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser;
const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttdn-bxlsx-'));

function xlsx(name, rows) {
  const json = path.join(dir, `${name}.json`);
  const out = path.join(dir, name);
  fs.writeFileSync(json, JSON.stringify(rows));
  execFileSync(PY, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for r in json.load(open(sys.argv[1])):
    ws.append([datetime.date.fromisoformat(c['date']) if isinstance(c, dict) else c for c in r])
wb.save(sys.argv[2])
`, json, out]);
  return out;
}

const HEAD = ['Tên hoạt động', 'Ngày bắt đầu', 'Ngày kết thúc', 'Quốc gia', 'Số thành viên đoàn', 'Tổ chức nước ngoài'];
const rows = (label, bad) => {
  const r = [HEAD];
  for (let i = 1; i <= 30; i++) {
    const d = 1 + (i % 27);
    r.push([`Đoàn ${label} ${i}`, { date: `2025-05-${String(d).padStart(2, '0')}` },
      i % 5 === 0 ? `${String(d + 2).padStart(2, '0')}/05/2025` : '', i % 3 ? 'JP' : 'KR, LA', bad && i === 7 ? 'nhiều' : 5 + i,
      `Tỉnh bạn ${i}`]);
  }
  return r;
};

before(async () => {
  env = await start([
    { login: 'imrep', org: 'P51-SVHTTDL', role: 'reporter', password: 'imrep-password-1' },
  ]);
  ({ server, browser } = env);
});

after(async () => { await stop(env); fs.rmSync(dir, { recursive: true, force: true }); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);

for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a reporter imports an .xlsx, sees the calendar and the charts (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, 'imrep', 'imrep-password-1');
    await page.goto(`${server.base}/activities`);
    await page.click('a[href="/activities/import"]');
    assert.equal((await page.textContent('h1')).trim(), 'Nhập từ Excel/CSV');
    // a broken file first: nothing stored, the error named by line and column
    await page.selectOption('#type', 'delegation_in');
    await page.setInputFiles('#file', xlsx(`bad-${label}.xlsx`, rows(label, true)));
    await page.click('#import-form button[type=submit]');
    await page.waitForSelector('#import-result.error');
    const err = await page.textContent('#import-result');
    assert.match(err, /chưa ghi hoạt động nào/);
    assert.match(err, /Dòng 8, cột “Số thành viên đoàn”: ./);
    await page.screenshot({ path: path.join(SHOTS, `import-0-errors-${label}.png`), fullPage: true });
    await page.selectOption('#type', 'delegation_in');
    await page.setInputFiles('#file', xlsx(`good-${label}.xlsx`, rows(label, false)));
    await page.click('#import-form button[type=submit]');
    await page.waitForSelector('#import-result.ok');
    assert.match(await page.textContent('#import-result'), /Đã nhập 30 hoạt động loại “Đoàn vào/);
    await page.screenshot({ path: path.join(SHOTS, `import-1-done-${label}.png`), fullPage: true });
    // the calendar of May 2025
    await page.goto(`${server.base}/activities/calendar?month=2025-05`);
    assert.match(await page.textContent('h1'), /Lịch hoạt động tháng 5\/2025/);
    if (label === 'pc') {
      assert.ok(await page.isVisible('table.cal-grid'));
      assert.ok(!(await page.isVisible('ol.cal-list')));
    } else {
      assert.ok(!(await page.isVisible('table.cal-grid')));
      assert.ok(await page.isVisible('ol.cal-list'));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scrolling: ${width}`);
    }
    assert.ok((await page.locator(`text=Đoàn ${label} 5`).count()) >= 1);
    await page.screenshot({ path: path.join(SHOTS, `import-2-calendar-${label}.png`), fullPage: true });
    await page.click('a[rel=next]');
    assert.match(await page.textContent('h1'), /tháng 6\/2025/);
    // the statistics
    await page.goto(`${server.base}/activities/stats`);
    await page.fill('#from', '01/05/2025');
    await page.fill('#to', '31/05/2025');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('#chart-countries svg');
    assert.match(await page.textContent('#stats-total'), /Tổng cộng (30|60) hoạt động/);
    assert.match(await page.textContent('#chart-months'), /05\/2025/);
    assert.match(await page.textContent('#chart-types'), /Đoàn vào/);
    await page.screenshot({ path: path.join(SHOTS, `import-3-stats-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
