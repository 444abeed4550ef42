// round_pages.test.mjs - the round pages a new user stumbled on, in a real
// browser on a PC (1366x768) and a phone (390x844): the new round form's
// search through the bodies and its tick for those shown, kept after a
// refusal; the round page's five cards on one row on the PC; the report
// draft kept in the browser after a closed tab, restored with a notice and
// cleared on save; the consolidated charts one per unit. Screenshots go to
// tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser;

before(async () => {
  env = await start([
    { login: 'pgcoord', org: 'P51', role: 'coordinator', password: 'pgcoord-password-1' },
    { login: 'pgvanhoa', org: 'P51-SVHTTDL', role: 'reporter', password: 'pgvanhoa-password-1' },
  ]);
  ({ server, browser } = env);
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);

for (const [label, viewport] of [['pc', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
  test(`new round form, round page and report draft (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => d.accept());
    await logIn(page, 'pgcoord', 'pgcoord-password-1');

    // New round: search without diacritics, tick the bodies shown.
    await page.goto(`${server.base}/rounds/new`);
    assert.equal(await page.isVisible('#org-search'), true);
    const all = await page.locator('ul.checks li').count();
    await page.fill('#org-search', 'ngoai vu');
    const shown = await page.locator('ul.checks li:visible').count();
    assert.ok(shown >= 1 && shown < all, `${shown} of ${all} shown`);
    await page.click('#select-shown');
    assert.equal(await page.locator('ul.checks input[name=org]:checked').count(), shown);
    await page.fill('#org-search', 'phuong');
    const wards = await page.locator('ul.checks li:visible').count();
    assert.ok(wards > 5, `${wards} wards`);
    await page.click('#select-shown');
    const ticked = shown + wards;
    assert.match(await page.textContent('#org-count'), new RegExp(`đã chọn ${ticked}`));
    await page.screenshot({ path: path.join(SHOTS, `round-new-search-${label}.png`) });
    // refused (due before the period): every field, every ticked body is kept
    await page.fill('#title', 'Đợt có hạn nộp sai');
    await page.fill('#period_start', '2026-01-01');
    await page.fill('#period_end', '2026-06-30');
    await page.fill('#due', '2025-12-01');
    await Promise.all([page.waitForLoadState(), page.click('form.card button[type=submit]')]);
    await page.waitForSelector('.alert');
    assert.match(await page.textContent('.alert'), /Hạn nộp không thể trước ngày bắt đầu/);
    assert.equal(await page.locator('ul.checks input[name=org]:checked').count(), ticked);
    assert.equal(await page.inputValue('#title'), 'Đợt có hạn nộp sai');
    await page.screenshot({ path: path.join(SHOTS, `round-new-refused-${label}.png`) });

    // The round page: five cards on one row on the PC, with percentages.
    await page.goto(`${server.base}/rounds/1`);
    const tops = await page.locator('.grid.stats .stat').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    assert.equal(tops.length, 5);
    if (label === 'pc') assert.equal(new Set(tops).size, 1, `one row: ${tops}`);
    assert.match(await page.textContent('#completeness'), /%/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= viewport.width, `page ${wide}px wide`);
    await page.screenshot({ path: path.join(SHOTS, `round-page-${label}.png`), fullPage: label === 'pc' });
    await page.click('header form button');
    await page.waitForURL((u) => u.pathname === '/login');

    // The report draft survives a closed tab, then is cleared on save.
    await logIn(page, 'pgvanhoa', 'pgvanhoa-password-1');
    const url = `${server.base}/rounds/1/reports/P51-SVHTTDL`;
    await page.goto(url);
    const typed = `Bản đang gõ dở (${label}).`;
    await page.fill('textarea[name="section.ket_qua"]', typed);
    await page.waitForTimeout(500);
    await page.close();
    const again = await context.newPage();
    again.on('pageerror', (e) => errors.push(String(e)));
    again.on('dialog', (d) => d.accept());
    await again.goto(url);
    await again.waitForSelector('#autosave-notice');
    assert.match(await again.textContent('#autosave-notice'), /Đã khôi phục nội dung bạn gõ dở/);
    assert.equal(await again.inputValue('textarea[name="section.ket_qua"]'), typed);
    await again.screenshot({ path: path.join(SHOTS, `report-restored-${label}.png`) });
    await again.click('button[value=save]');
    await again.waitForSelector('.flash');
    assert.equal(await again.locator('#autosave-notice').count(), 0);
    assert.equal(await again.evaluate(() => window.localStorage.length), 0, 'cleared on save');
    assert.equal(await again.inputValue('textarea[name="section.ket_qua"]'), typed, 'saved');
    await again.click('header form button');
    await again.waitForURL((u) => u.pathname === '/login');

    // The consolidated charts: one per unit.
    await logIn(again, 'pgcoord', 'pgcoord-password-1');
    await again.goto(`${server.base}/rounds/1/consolidated`);
    assert.ok(await again.locator('figure.unit-chart').count() >= 2);
    await again.screenshot({ path: path.join(SHOTS, `consolidated-charts-${label}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
