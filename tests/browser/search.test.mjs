// search.test.mjs - the search box in every page's header and the /search
// page in a real browser, on a PC and on a phone: a viewer types words
// without diacritics, lands on the results with the words marked, narrows
// them with a facet and pages on. Screenshots go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';
import { execFileSync } from 'node:child_process';
import { cli } from '../http/harness.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let env, server, browser;

before(async () => {
  env = await start([
    { login: 'qnview', org: 'P51', role: 'viewer', password: 'qnview-password-1' },
    { login: 'qncoord', org: 'P51', role: 'coordinator', password: 'qncoord-password-1' },
    { login: 'qnnv', org: 'P51-SNGV', role: 'reporter', password: 'qnnv-password-1' },
  ]);
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

/* Runs fn(a) in a page logged in as the user (fn fetches its CSRF token). */
async function asUser(login, password, fn, a) {
  const page = await browser.newPage();
  await formLogIn(page, server.base, login, password);
  const out = await page.evaluate(fn, a);
  await page.close();
  return out;
}

test('a phrase typed in the header finds it inside an imported .docx and a submitted report', { timeout: 300_000 }, async () => {
  // a plan in Word, imported as the documents page does
  const docx = path.join(env.dir, 'ke-hoach-quang-ba.docx');
  execFileSync(PY, ['-c', `
import docx, sys
d = docx.Document()
for t in ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số: 77/KH-UBND', 'Quảng Ngãi, ngày 10 tháng 3 năm 2025', 'KẾ HOẠCH',
          'Thông tin đối ngoại năm 2025',
          'Tổ chức tuần lễ quảng bá hình ảnh Lý Sơn tại Gyeongju cùng các đối tác Hàn Quốc.']:
    d.add_paragraph(t)
d.save(sys.argv[1])
`, docx]);
  const imp = await cli(['import', docx, '--db', server.db]);
  assert.equal(imp.code, 0, imp.stderr);
  // a round; the Sở Ngoại vụ submits a report with the same phrase
  const round = await asUser('qncoord', 'qncoord-password-1', async () => {
    const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
    const r = await fetch('/api/v1/rounds', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ title: 'Báo cáo nhanh', period_start: '2025-01-01', period_end: '2025-06-30', due: '2099-12-31',
        orgs: ['P51-SNGV'], sections: [{ key: 'ket_qua', heading: 'Kết quả' }] }) });
    return (await r.json()).id;
  });
  assert.ok(round > 0);
  const submitted = await asUser('qnnv', 'qnnv-password-1', async (a) => {
    const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
    const h = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const u = `/api/v1/rounds/${a}/reports/P51-SNGV`;
    await fetch(u, { method: 'PUT', headers: h,
      body: JSON.stringify({ sections: { ket_qua: 'Sở phối hợp tổ chức tuần lễ quảng bá hình ảnh Lý Sơn tại Gyeongju.' } }) });
    return (await fetch(u + '/submit', { method: 'POST', headers: h, body: '{}' })).status;
  }, round);
  assert.equal(submitted, 200);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await formLogIn(page, server.base, 'qnview', 'qnview-password-1');
  await page.fill('header .top-search input[name=q]', '"tuan le quang ba hinh anh ly son tai gyeongju"');
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('header .top-search input[name=q]', 'Enter')]);
  assert.match(await page.textContent('#search-total'), /Tìm thấy 2 kết quả/);
  const hits = await page.$$eval('.hits > li', (l) => l.map((x) => ({ text: x.textContent, href: x.querySelector('a').getAttribute('href') })));
  assert.equal(hits.length, 2, JSON.stringify(hits));
  const doc = hits.find((h) => /^\/documents\//.test(h.href));
  const rep = hits.find((h) => h.href === `/rounds/${round}/reports/P51-SNGV`);
  assert.ok(doc && /77\/KH-UBND/.test(doc.text), `the .docx: ${JSON.stringify(hits)}`);
  assert.ok(rep, `the report: ${JSON.stringify(hits)}`);
  const marks = await page.$$eval('.hits mark', (m) => m.map((x) => x.textContent));
  assert.ok(marks.includes('Gyeongju') && marks.includes('Lý'), JSON.stringify(marks));
  await page.screenshot({ path: path.join(SHOTS, 'search-4-phrase-pc.png'), fullPage: true });
  // the report hit opens the report
  await Promise.all([page.waitForURL(new RegExp(`/rounds/${round}/reports/P51-SNGV$`)), page.click(`.hits a[href="/rounds/${round}/reports/P51-SNGV"]`)]);
  assert.match(await page.textContent('main'), /tuần lễ quảng bá hình ảnh Lý Sơn tại Gyeongju/);
  await page.close();
});
