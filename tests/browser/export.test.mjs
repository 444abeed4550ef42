// export.test.mjs - a department exports its report in a browser: opens
// "Tải về Word / PDF" on its report page, enters number, date and signer,
// downloads the Word file (checked with python-docx like the HTTP tests);
// the next visit shows the signer remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
let env;
before(async () => {
  env = await start([{ login: 'xuat', org: 'P51-SVHTTDL', role: 'reporter', password: 'xuat-password-1' }]);
});
after(async () => { await stop(env); });

test('a department downloads its report as Word with its signer, remembered next time', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, server.base, 'xuat', 'xuat-password-1');
  await page.locator('table tbody tr').first().locator('a').first().click();
  await page.waitForSelector('#export');
  assert.match(page.url(), /\/rounds\/\d+\/reports\/P51-SVHTTDL$/);
  await page.click('#export summary');
  await page.fill('#export-number', '21');
  await page.fill('#export-date', '05/02/2027');
  await page.fill('#export-authority', 'KT. GIÁM ĐỐC');
  await page.fill('#export-signer_title', 'Phó Giám đốc');
  await page.fill('#export-signer_name', 'Trần Thị Bình');
  await page.screenshot({ path: path.join(SHOTS, 'export-form.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-docx')]);
  assert.match(download.suggestedFilename(), /^bao-cao-P51-SVHTTDL-dot-\d+\.docx$/);
  const file = path.join(SHOTS, 'export-bao-cao.docx');
  await download.saveAs(file);
  const expect = path.join(SHOTS, 'export-bao-cao.expect.json');
  fs.writeFileSync(expect, JSON.stringify({
    type: 'BÁO CÁO', symbol: '21/BC-SVHTTDL', date_line: 'Quảng Ngãi, ngày 05 tháng 02 năm 2027',
  }));
  let found;
  try {
    found = JSON.parse(execFileSync(PY, [path.resolve('tests/http/docx_check.py'), file, expect], { encoding: 'utf8' }));
  } catch (e) {
    assert.fail(`docx_check: ${e.stderr || e.message}`);
  }
  for (const t of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình']) assert.ok(found.texts.includes(t), t);

  await page.reload();
  assert.equal(await page.inputValue('#export-signer_name'), 'Trần Thị Bình');
  assert.equal(await page.inputValue('#export-number'), '', 'the number is not remembered');
  await context.close();
});
