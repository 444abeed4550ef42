// dates.test.mjs - dates typed the Vietnamese way in a real browser: the
// date fields are text read day first, checked in the page as on the
// server, and a calendar button fills them. Screenshots of the new round
// form and the unit list on a PC and a phone go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([{ login: 'dieuphoi', org: 'P51', role: 'coordinator', password: 'dieuphoi-password-1' }]);
});
after(async () => { await stop(env); });

for (const [label, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a date typed 15/12/2099 is that day, an ambiguous one is refused (${label})`, { timeout: 300_000 }, async () => {
    const { server, browser } = env;
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, server.base, 'dieuphoi', 'dieuphoi-password-1');
    await page.goto(server.base + '/rounds/new');
    assert.equal(await page.getAttribute('#due', 'type'), 'text', 'no browser date input that reads the locale order');
    // The calendar fills the text field day first.
    await page.evaluate(() => {
      const pick = document.querySelector('.date-pick[data-for="period_start"]');
      pick.value = '2026-01-05';
      pick.dispatchEvent(new Event('change'));
    });
    assert.equal(await page.inputValue('#period_start'), '05/01/2026');
    await page.fill('#title', `Đợt thử ngày (${label})`);
    await page.fill('#period_end', '30062026');
    await page.locator('#period_end').blur();
    assert.equal(await page.inputValue('#period_end'), '30/06/2026', 'shown back day first');
    // Ambiguous: stopped in the page with the message.
    await page.fill('#due', '151299');
    await page.locator('#due').blur();
    assert.match(await page.evaluate(() => document.getElementById('due').validationMessage), /nhiều ngày khác nhau/);
    await page.screenshot({ path: path.join(SHOTS, `round-new-dates-${label}.png`), fullPage: false });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the form fits');
    await page.fill('#due', '15/12/2099');
    await page.locator('input[name=org]').first().check();
    await Promise.all([page.waitForURL(/\/rounds\/\d+\?msg=created/), page.click('main button[type=submit] >> text=Tạo đợt báo cáo')]);
    const id = page.url().match(/\/rounds\/(\d+)/)[1];
    const round = await page.evaluate(async (rid) => (await fetch(`/api/v1/rounds/${rid}`)).json(), id);
    assert.equal(round.period_start, '2026-01-05');
    assert.equal(round.period_end, '2026-06-30');
    assert.equal(round.due, '2099-12-15');
    // The unit list: the date of validity typed day first.
    await page.goto(server.base + '/orgs');
    await page.fill('#at', '30/06/2025');
    await Promise.all([page.waitForURL(/at=/), page.click('main button[type=submit] >> text=Tìm')]);
    assert.match(await page.textContent('main h2'), /30 tháng 06 năm 2025/);
    await page.screenshot({ path: path.join(SHOTS, `orgs-at-${label}.png`), fullPage: false });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
