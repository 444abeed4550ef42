// documents.test.mjs - importing old documents in a real browser: upload
// several files at once, see the result of each, open a document beside
// its text, correct a field, and follow a citation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
let env, server, browser, dir;

before(async () => {
  env = await start([{ login: 'vanthu', org: 'P51-SVHTTDL', role: 'reporter', password: 'vanthu-password-1' }]);
  ({ server, browser, dir } = env);
});

after(async () => { await stop(env); });

test('upload old documents, correct one, follow a citation', { timeout: 300_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await logIn(page, server.base, 'vanthu', 'vanthu-password-1');
  await page.click('nav >> text=Văn bản');
  // The progress line stays hidden until an upload starts.
  assert.equal(await page.isVisible('label[for="upload-progress"]'), false);
  assert.equal(await page.isVisible('#upload-progress'), false);
  // The type filter speaks Vietnamese: no codes, no English.
  const kinds = await page.locator('#kind option').allTextContents();
  assert.ok(kinds.includes('Kế hoạch') && kinds.includes('Báo cáo') && kinds.includes('Khác'), kinds.join('|'));
  assert.ok(!kinds.some((k) => /^(other|BC|KH|QĐ)$/.test(k)), kinds.join('|'));
  const seeds = fs.readdirSync(path.join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => path.join(SHARED, 'seeds', f));
  const broken = path.join(dir, 'hong.docx');
  fs.writeFileSync(broken, 'PK\x03\x04 not a zip');
  await page.setInputFiles('#file', [...seeds, broken]);
  // Hold the upload back a moment so the progress bar can be seen.
  await page.route(/\/documents(\?.*)?$/, (route) => (route.request().method() === 'POST'
    ? new Promise((res) => setTimeout(res, 1500)).then(() => route.continue()) : route.continue()));
  await page.click('text=Tải lên và đọc');
  // The page sends the files with a progress bar, then follows the import
  // jobs on a page of their own until each has ended.
  await page.waitForSelector('#upload-progress:visible', { timeout: 5000 });
  await page.waitForSelector('#import-jobs');
  assert.match(page.url(), /\/documents\/imports\?jobs=\d+(,\d+)*$/);
  const rows = page.locator('#import-jobs tbody tr');
  assert.equal(await rows.count(), seeds.length + 1);
  await page.waitForFunction(() => !document.querySelector(
    '#import-jobs tr[data-state="queued"], #import-jobs tr[data-state="running"]'), null, { timeout: 120_000 });
  assert.match(await rows.last().textContent(), /Lỗi.*hong\.docx/s);
  assert.match(await rows.first().textContent(), /Đã nhập/);
  // A finished file shows its document's number and title as a link.
  assert.match(await rows.first().locator('.job-result a').getAttribute('href'), /^\/documents\/\d+$/);
  assert.match(await rows.first().locator('.job-result a').textContent(), /\/[A-ZĐ]+-[A-ZĐ]+ – /);
  // The document comes first; the (often hashed) file name is only a small note after it.
  assert.match(await rows.first().locator('td').first().textContent(), /\/[A-ZĐ]+-[A-ZĐ]+ – /);
  assert.equal(await page.locator('#import-jobs thead th').first().textContent(), 'Văn bản');
  assert.equal(await page.textContent('#import-summary [data-count="failed"]'), '1');
  await page.screenshot({ path: path.join(SHOTS, 'documents-import.png'), fullPage: true });

  await page.goto(server.base + '/documents?kind=KH');
  await page.click('#documents a:has-text("215/KH-UBND")');
  await page.waitForSelector('.doctext');
  assert.match(await page.textContent('.doctext'), /Căn cứ Nghị định số 72\/2015\/NĐ-CP/);
  assert.ok(await page.locator('#tasks tbody tr').count() >= 10, 'the plan shows its tasks');
  await page.fill('#place', 'Thành phố Kon Tum');
  await page.click('text=Lưu thông tin');
  await page.waitForSelector('.flash');
  assert.equal(await page.inputValue('#place'), 'Thành phố Kon Tum');
  await page.screenshot({ path: path.join(SHOTS, 'document-plan.png'), fullPage: true });
  // Desktop: the text uses the width of the page and runs its full length
  // beside the fields, not in a small box.
  await page.setViewportSize({ width: 1366, height: 768 });
  const box = await page.locator('.doctext').boundingBox();
  assert.ok(box.width >= 600, `text column ${box.width}px wide`);
  assert.equal(await page.evaluate(() => { const t = document.querySelector('.doctext'); return t.scrollHeight > t.clientHeight + 2; }), false,
    'the text is not in a scroll box');
  await page.screenshot({ path: path.join(SHOTS, 'document-plan-desktop.png'), fullPage: false });
  // Phone: nothing is cut at the right edge; the tasks become cards.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    `page ${await page.evaluate(() => document.documentElement.scrollWidth)}px wide on a 390px phone`);
  assert.equal(await page.locator('#tasks thead').isVisible(), false, 'tasks as cards');
  await page.locator('#tasks').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'document-plan-phone.png'), fullPage: false });
  await page.goto(server.base + '/documents');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'documents list fits a phone');
  await page.screenshot({ path: path.join(SHOTS, 'documents-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: path.join(SHOTS, 'documents-desktop.png'), fullPage: true });
  await page.goBack();
  await page.setViewportSize({ width: 1280, height: 900 });
  // The report of seed 000 cites documents that are not stored: listed as missing.
  await page.goto(server.base + '/documents?q=167');
  await page.click('#documents a:has-text("167/BC-BQLKKT")');
  assert.match(await page.textContent('#citations'), /838\/STTTT-TTBCXB.*chưa có trong hệ thống/s);
  assert.deepEqual(errors, []);
  await page.close();
});
