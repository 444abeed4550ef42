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
  for (const a of ['user.create', 'user.password_reset', 'user.update']) assert.ok(audit.includes(a), a);

  // The reset password works; the old one does not.
  const other = await browser.newPage();
  await other.goto(server.base + '/login');
  await other.fill('#login', 'canbo');
  await other.fill('#password', 'canbo-password-1');
  await other.click('button[type=submit]');
  await other.waitForSelector('.alert');
  await logIn(other, server.base, 'canbo', fresh);
  assert.equal(new URL(other.url()).pathname, '/');
  await other.close();
  await page.close();
});
