// search.test.mjs - the search box in every page's header and the /search
// page in a real browser, on a PC and on a phone: a viewer types words
// without diacritics, lands on the results with the words marked, narrows
// them with a facet and pages on. Screenshots go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';
import { cli } from '../http/harness.mjs';

let env, server, browser;

before(async () => {
  env = await start([{ login: 'qnview', org: 'P51', role: 'viewer', password: 'qnview-password-1' }]);
  ({ server, browser } = env);
  // 25 documents about the border gate, so there are two pages.
  const dir = path.join(env.dir, 'docs');
  fs.mkdirSync(dir);
  for (let i = 1; i <= 25; i++) {
    fs.writeFileSync(path.join(dir, `bc-${i}.txt`),
      `ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: ${i}/BC-UBND\nBÁO CÁO\nTình hình cửa khẩu quốc tế Bờ Y tháng ${i}\n` +
      `Đồn Biên phòng cửa khẩu quốc tế Bờ Y phối hợp tổ chức giao lưu hữu nghị <lần ${i}> với nước bạn.\n`);
  }
  await cli(['import', dir, '--db', server.db]);
});

after(async () => { await stop(env); });

for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a viewer searches from the header and narrows the results (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await formLogIn(page, server.base, 'qnview', 'qnview-password-1');
    await page.fill('header .top-search input[name=q]', 'cua khau bo y');
    await Promise.all([page.waitForURL(/\/search\?q=cua\+khau\+bo\+y/), page.press('header .top-search input[name=q]', 'Enter')]);
    assert.match(await page.textContent('#search-total'), /Tìm thấy 2\d kết quả/);
    assert.equal(await page.inputValue('#search-q'), 'cua khau bo y');
    const marks = await page.$$eval('.hits mark', (m) => m.map((x) => x.textContent));
    assert.ok(marks.includes('Bờ') && marks.includes('khẩu'), JSON.stringify(marks.slice(0, 8)));
    // What a document holds is shown as text, never as markup.
    assert.ok((await page.textContent('.hits')).includes('<lần'), 'escaped snippet text');
    await page.screenshot({ path: path.join(SHOTS, `search-1-results-${label}.png`), fullPage: true });
    await Promise.all([page.waitForURL(/type=document/), page.click('.facets a[href*="type=document"]')]);
    assert.match(await page.textContent('#search-total'), /Tìm thấy 25 kết quả/);
    assert.equal(await page.$$eval('.hits > li', (l) => l.length), 20);
    await Promise.all([page.waitForURL(/offset=20/), page.click('.pager a[rel=next]')]);
    assert.equal(await page.$$eval('.hits > li', (l) => l.length), 5);
    assert.match(await page.textContent('.pager'), /Trang 2 \/ 2/);
    // No horizontal scroll on a phone.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(wide, false, 'the page fits the screen');
    await page.screenshot({ path: path.join(SHOTS, `search-2-page2-${label}.png`), fullPage: true });
    // A query without a word: the message next to the box.
    await page.fill('#search-q', '" ? "');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.click('.search-form button[type=submit]')]);
    assert.match(await page.textContent('#search-error'), /ít nhất một chữ hoặc số/);
    await page.screenshot({ path: path.join(SHOTS, `search-3-error-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
