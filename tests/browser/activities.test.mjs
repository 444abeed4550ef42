// activities.test.mjs - the activity register in a real browser: a
// department's reporter records a delegation received from Japan (a date
// written wrong first, then right), sees it on its record page, attaches a
// photo, and finds it in the list filtered by country, on a PC and on a
// phone, where the list is cards no wider than the screen. Screenshots go
// to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser;

before(async () => {
  env = await start([
    { login: 'qnrep', org: 'P51-SVHTTDL', role: 'reporter', password: 'qnrep-password-1' },
  ]);
  ({ server, browser } = env);
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);

for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a reporter records an activity and sees it listed (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, 'qnrep', 'qnrep-password-1');
    await page.click('header nav a[href="/activities"]');
    await page.click('a[href="/activities/new"]');
    await page.selectOption('select[name=type]', 'delegation_in');
    await Promise.all([page.waitForURL(/type=delegation_in/), page.click('#type-choice button')]);
    const title = `Đón đoàn tỉnh Shizuoka (${label})`;
    await page.fill('#title', title);
    await page.fill('#start_on', '31/04/2025'); // no such day
    await page.fill('#end_on', '05/05/2025');
    await page.fill('#place', 'Quảng Ngãi');
    await page.fill('#people', '12');
    await page.fill('#countries', 'Nhật');
    await page.fill('#f_foreign_org', 'Chính quyền tỉnh Shizuoka');
    await page.selectOption('#f_level', 'province');
    await page.screenshot({ path: path.join(SHOTS, `activity-0-form-${label}.png`), fullPage: true });
    await page.click('#activity-form button[type=submit]');
    await page.waitForSelector('p.error');
    assert.match(await page.textContent('p.error'), /Ngày bắt đầu phải là ngày có thật, viết dd\/mm\/yyyy/);
    assert.equal(await page.inputValue('#title'), title, 'the form keeps what was typed');
    await page.fill('#start_on', '03/05/2025');
    await Promise.all([page.waitForURL(/\/activities\/\d+\?msg=activity_saved/),
      page.click('#activity-form button[type=submit]')]);
    assert.match(await page.textContent('.flash'), /Đã lưu hoạt động/);
    assert.equal((await page.textContent('h1')).trim(), title);
    const facts = await page.textContent('dl.facts');
    assert.match(facts, /Đoàn vào/);
    assert.match(facts, /03\/05\/2025 – 05\/05\/2025/);
    assert.match(facts, /Nhật/);
    assert.match(facts, /Chính quyền tỉnh Shizuoka/);
    assert.match(facts, /Cấp tỉnh/);
    // a photo
    await page.setInputFiles('#file', { name: 'anh-doan.png', mimeType: 'image/png', buffer: Buffer.from('PNG-test') });
    await Promise.all([page.waitForURL(/msg=attached/), page.click('form[enctype="multipart/form-data"] button')]);
    assert.match(await page.textContent('ul.attachments'), /anh-doan\.png/);
    await page.screenshot({ path: path.join(SHOTS, `activity-1-record-${label}.png`), fullPage: true });
    // the list, filtered by country
    await page.goto(`${server.base}/activities`);
    await page.fill('#country', 'Nhật');
    await page.fill('#from', '01/01/2025');
    await Promise.all([page.waitForURL(/country=/), page.click('form.filters button')]);
    const row = page.locator('#activities tbody tr', { hasText: title });
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /Nhật/);
    if (label === 'phone') {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `page is ${width}px wide on a 390px screen`);
      const box = await row.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    }
    // a period written wrong is said so
    await page.fill('#from', '0101202');
    await page.click('form.filters button');
    await page.waitForSelector('p.error');
    assert.match(await page.textContent('p.error'), /dd\/mm\/yyyy/);
    await page.goto(`${server.base}/activities?country=JP`);
    await page.screenshot({ path: path.join(SHOTS, `activity-2-list-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
