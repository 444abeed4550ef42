// calendar.test.mjs - the calendar card of the account page in a browser: a
// reporter makes the feed's address, sees it once in the read-only field,
// the address serves the feed, and after "Tạo liên kết mới" the old one no
// longer does. Screenshots (desktop and phone) go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([{ login: 'lich', org: 'P51-SYT', role: 'reporter', password: 'lich-password-1' }],
    { env: { TTDN_NOW: '2026-06-10T08:00:00+07:00' } });
});
after(async () => { await stop(env); });

test('a reporter makes the calendar address and makes it anew', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await logIn(page, server.base, 'lich', 'lich-password-1');
  await page.goto(server.base + '/account/password');
  assert.equal(await page.textContent('#calendar-state'), 'Bạn chưa có liên kết lịch.');
  await Promise.all([page.waitForURL(/\/account\/calendar$/), page.click('#calendar-rotate')]);
  const first = await page.inputValue('#calendar-url');
  assert.match(first, /^http:\/\/127\.0\.0\.1:8080\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.equal(await page.getAttribute('#calendar-url', 'readonly'), '');
  await page.screenshot({ path: path.join(SHOTS, 'calendar-desktop.png'), fullPage: true });
  const feed = (u) => page.request.get(server.base + new URL(u).pathname);
  const r1 = await feed(first);
  assert.equal(r1.status(), 200);
  assert.equal(r1.headers()['content-type'], 'text/calendar; charset=utf-8');
  assert.match(await r1.text(), /^BEGIN:VCALENDAR\r\n/);
  // back on the page the same address is shown with the day it was made
  await page.goto(server.base + '/account/password');
  assert.match(await page.textContent('#calendar-state'), /Bạn đã tạo liên kết lịch ngày 10\/06\/2026/);
  assert.equal(await page.inputValue('#calendar-url'), first);
  await page.setViewportSize({ width: 390, height: 844 });
  await Promise.all([page.waitForURL(/\/account\/calendar$/), page.click('#calendar-rotate')]);
  const second = await page.inputValue('#calendar-url');
  assert.notEqual(second, first);
  await page.screenshot({ path: path.join(SHOTS, 'calendar-phone.png'), fullPage: true });
  assert.equal((await feed(first)).status(), 404);
  assert.equal((await feed(second)).status(), 200);
  await page.close();
});
