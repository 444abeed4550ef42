// periods.test.mjs - the legal period picker of the new round form in a
// real browser (PC and phone), with the clock fixed by TTDN_NOW: choosing
// "6 tháng đầu năm 2026" fills the period's days day first, typing a day
// clears the choice, and a due day before today is refused with a message.
// Screenshots go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([{ login: 'kybaocao', org: 'P51', role: 'coordinator', password: 'kybaocao-password-1' }],
    { env: { TTDN_NOW: '2026-03-10T08:00:00+07:00' } });
});
after(async () => { await stop(env); });

for (const [label, viewport] of [['pc', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the period picker fills the period's days (${label})`, { timeout: 300_000 }, async () => {
    const { server, browser } = env;
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, server.base, 'kybaocao', 'kybaocao-password-1');
    await page.goto(server.base + '/rounds/new');
    await page.fill('#title', `Báo cáo 6 tháng đầu năm 2026 (${label})`);
    await page.selectOption('#period', '2026-H1');
    assert.equal(await page.inputValue('#period_start'), '15/12/2025');
    assert.equal(await page.inputValue('#period_end'), '14/06/2026');
    await page.selectOption('#period', '2026-M01');
    assert.equal(await page.inputValue('#period_start'), '15/12/2025');
    assert.equal(await page.inputValue('#period_end'), '14/01/2026');
    // Typing a day by hand drops the chosen period.
    await page.fill('#period_end', '31/01/2026');
    assert.equal(await page.inputValue('#period'), '');
    await page.selectOption('#period', '2026-H1');
    assert.equal(await page.inputValue('#period_end'), '14/06/2026');
    await page.locator('#period').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `round-new-period-${label}.png`), fullPage: false });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the form fits');
    // A due day before today (10/03/2026) is refused, the choice kept.
    await page.fill('#due', '09/03/2026');
    await page.locator('input[name=org]').first().check();
    await Promise.all([page.waitForLoadState(), page.click('main button[type=submit] >> text=Tạo đợt báo cáo')]);
    await page.waitForSelector('.alert');
    assert.match(await page.textContent('.alert'), /Hạn nộp 09\/03\/2026 đã qua \(hôm nay là 10\/03\/2026\)/);
    assert.equal(await page.inputValue('#period'), '2026-H1');
    await page.screenshot({ path: path.join(SHOTS, `round-new-period-past-due-${label}.png`), fullPage: false });
    await page.fill('#due', '20/06/2026');
    await Promise.all([page.waitForURL(/\/rounds\/\d+\?msg=created/), page.click('main button[type=submit] >> text=Tạo đợt báo cáo')]);
    const id = page.url().match(/\/rounds\/(\d+)/)[1];
    const round = await page.evaluate(async (rid) => (await fetch(`/api/v1/rounds/${rid}`)).json(), id);
    assert.equal(round.period_start, '2025-12-15');
    assert.equal(round.period_end, '2026-06-14');
    assert.equal(round.due, '2026-06-20');
    assert.deepEqual(errors, []);
    await page.close();
  });
}
