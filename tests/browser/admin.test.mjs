// admin.test.mjs - the admin pages in a browser: create an account, reset a
// password (the new one is shown once and works), lock an account, and
// read the audit trail of those changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([
    { login: 'quantri', org: 'P51', role: 'admin', password: 'quantri-password-1' },
    { login: 'canbo', org: 'P51-SYT', role: 'reporter', password: 'canbo-password-1' },
  ]);
});
after(async () => { await stop(env); });

test('admin creates, resets and locks accounts; the audit shows it', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('dialog', (d) => d.accept());
  await logIn(page, server.base, 'quantri', 'quantri-password-1');
  await page.goto(server.base + '/admin/users');
  await page.fill('#login', 'moi');
  await page.fill('#name', 'Nguyễn Văn Mới');
  await page.fill('#org', 'P51-STC');
  await page.click('text=Thêm tài khoản >> nth=-1');
  const created = (await page.textContent('#new-password')).trim();
  assert.equal(created.length, 16);

  // Reset canbo's password from its row.
  const row = page.locator('tr', { hasText: 'canbo' });
  const reset = row.locator('button', { hasText: 'Đặt lại mật khẩu' });
  assert.ok(await reset.isVisible());
  await reset.click();
  await page.waitForSelector('#new-password');
  const fresh = (await page.textContent('#new-password')).trim();
  assert.equal(fresh.length, 16);
  assert.match(await page.textContent('.flash'), /canbo/);
  await page.screenshot({ path: path.join(SHOTS, 'admin-reset-phone.png'), fullPage: true });

  // Lock the new account.
  const newRow = page.locator('tr', { hasText: 'moi' }).first();
  await newRow.locator('input[name=disabled]').check();
  await newRow.locator('button', { hasText: 'Lưu' }).click();
  await page.waitForSelector('.flash');
  assert.match(await page.locator('tr', { hasText: 'moi' }).first().textContent(), /đã khóa/);

  await page.goto(server.base + '/admin/audit');
  const audit = await page.textContent('#audit');
  for (const a of ['Tạo tài khoản', 'Đặt lại mật khẩu', 'Đổi vai trò hoặc khóa tài khoản']) assert.ok(audit.includes(a), a);
  assert.ok(!/user\.create|"role"/.test(audit), 'no codes or raw JSON');
  // Phone: one card per entry; time, user and action are in view.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'audit fits a phone');
  const first = page.locator('#audit tbody tr').first();
  for (const cell of ['td.audit-at', 'td.audit-action']) {
    const b = await first.locator(cell).boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 390, `${cell} in view: ${JSON.stringify(b)}`);
  }
  await page.screenshot({ path: path.join(SHOTS, 'audit-phone.png'), fullPage: false });
  // Desktop: the table fits the page, "Thay đổi" is in view.
  await page.setViewportSize({ width: 1366, height: 768 });
  const table = await page.locator('#audit').boundingBox();
  assert.ok(table.width <= 1366, `audit table ${table.width}px wide`);
  const head = await page.locator('#audit thead th').last().boundingBox();
  assert.ok(head.x + head.width <= 1366, 'the last column is in view');
  await page.screenshot({ path: path.join(SHOTS, 'audit-desktop.png'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });

  // The reset password works; the old one does not.
  const other = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await other.goto(server.base + '/login');
  // "Quên mật khẩu?" says whom to ask.
  await other.click('#forgot summary');
  assert.match(await other.textContent('#forgot'), /quản trị viên/);
  await other.screenshot({ path: path.join(SHOTS, 'login-forgot-phone.png'), fullPage: true });
  await other.setViewportSize({ width: 1366, height: 768 });
  await other.screenshot({ path: path.join(SHOTS, 'login-forgot-desktop.png'), fullPage: false });
  await other.fill('#login', 'canbo');
  await other.fill('#password', 'canbo-password-1');
  await other.click('button[type=submit]');
  await other.waitForSelector('.alert');
  await logIn(other, server.base, 'canbo', fresh);
  assert.equal(new URL(other.url()).pathname, '/');
  // The new password typed twice: a mismatch is stopped in the browser.
  await other.goto(server.base + '/account/password');
  await other.fill('#old', fresh);
  await other.fill('#new', 'mat-khau-moi-cua-toi');
  await other.fill('#new2', 'mat-khau-moi-cua-ban');
  await other.click('main button[type=submit]');
  assert.equal(new URL(other.url()).pathname, '/account/password');
  assert.equal(await other.evaluate(() => document.getElementById('new2').validity.customError), true);
  await other.screenshot({ path: path.join(SHOTS, 'password-desktop.png'), fullPage: false });
  await other.fill('#new2', 'mat-khau-moi-cua-toi');
  await Promise.all([other.waitForURL(/msg=password/), other.click('main button[type=submit]')]);
  await other.setViewportSize({ width: 390, height: 844 });
  await other.screenshot({ path: path.join(SHOTS, 'password-phone.png'), fullPage: true });
  await other.close();
  await page.close();
});
