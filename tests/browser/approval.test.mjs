// approval.test.mjs - a coordinator, in a real browser, approves a submitted
// report from the round page and clicks "Nhắc nhở": the report shows "Đã
// duyệt" on both sides, its timeline lists the steps, and one reminder
// reaches the one body with a reporter's address in a local SMTP sink.
// Screenshots of the round page and the report page with its timeline on
// a PC (1366x768) and a phone (390x844) go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';
import { login, ok, rp, cli } from '../http/harness.mjs';
import { startSmtpSink } from '../http/smtp_sink.mjs';

let env, server, browser, sink, other;
const REPORTER = { login: 'apvanhoa', org: 'P51-SVHTTDL', role: 'reporter', password: 'apvanhoa-password-1' };
const COORD = { login: 'apcoord', org: 'P51', role: 'coordinator', password: 'apcoord-password-1' };

before(async () => {
  sink = await startSmtpSink();
  env = await start([COORD, REPORTER]);
  ({ server, browser } = env);
  const db = server.db;
  await cli(['setting', 'set', 'smtp_url', `smtp://127.0.0.1:${sink.port}`, '--db', db]);
  await cli(['setting', 'set', 'smtp_from', 'ttdn@so-ngoai-vu.gov.vn', '--db', db]);
  const coord = await login(server, COORD);
  const reports = ok(await coord.get('/api/v1/rounds/1/reports'), 'reports');
  other = reports.find((x) => x.org_code !== REPORTER.org && x.status === 'draft');
  assert.ok(other, 'another body that has not submitted');
  await cli(['user', 'add', '--login', 'apnhacnho', '--org', other.org_code, '--role', 'reporter',
    '--email', 'van.thu@so.gov.vn', '--db', db], { input: 'apnhacnho-password-1\n' });
  // The reporter saves twice and submits through the API.
  const rep = await login(server, REPORTER);
  const round = ok(await rep.get('/api/v1/rounds/1'), 'round');
  const sections = Object.fromEntries(round.sections.map((s) => [s.key, `Nội dung mục ${s.heading}.`]));
  ok(await rep.put(rp(1, REPORTER.org), { sections }), 'save');
  ok(await rep.put(rp(1, REPORTER.org), { sections }), 'save again');
  ok(await rep.post(rp(1, REPORTER.org, '/submit'), {}), 'submit');
});

after(async () => { await stop(env); if (sink) await sink.close(); });

const logIn = (page, u) => formLogIn(page, server.base, u.login, u.password);

test('the coordinator approves from the round page and reminds (pc)', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await logIn(page, COORD);
  await page.goto(`${server.base}/rounds/1`);
  const row = page.locator(`tr[data-org="${REPORTER.org}"]`);
  assert.match(await row.locator('.report-status').textContent(), /Đã gửi/);
  await Promise.all([page.waitForURL(/msg=approved/), row.locator('button.approve').click()]);
  assert.match(dialogs.at(-1), /Duyệt báo cáo này/);
  assert.match(await page.textContent('.flash'), /Đã duyệt báo cáo/);
  assert.equal((await row.locator('.report-status').textContent()).trim(), 'Đã duyệt');
  assert.equal(await row.locator('button.approve').count(), 0);
  assert.match(await page.textContent('#rate'), /Tỷ lệ nộp/);
  assert.equal((await page.textContent('#approved-count')).trim(), '1');
  const tops = await page.locator('.grid.stats .stat').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  assert.equal(new Set(tops).size, 1, `cards on one row: ${tops}`);
  await page.screenshot({ path: path.join(SHOTS, 'approval-round-pc.png'), fullPage: true });

  // "Nhắc nhở": one mail, to the one reporter with an address.
  assert.equal(sink.messages.length, 0);
  await Promise.all([page.waitForURL(/msg=reminded/), page.click('button[name=remind]')]);
  assert.match(await page.textContent('.flash'), /Đã gửi 1 thư nhắc nhở/);
  assert.equal(sink.messages.length, 1);
  assert.deepEqual(sink.messages[0].to, ['van.thu@so.gov.vn']);

  // The report page: approved, its timeline, no approve button.
  await page.goto(`${server.base}/rounds/1/reports/${REPORTER.org}`);
  assert.equal((await page.textContent('#status')).trim(), 'Đã duyệt');
  const steps = await page.locator('#timeline li').evaluateAll((els) => els.map((e) => e.className));
  assert.deepEqual(steps, ['saved', 'submitted', 'approved']);
  assert.match(await page.textContent('#timeline li.saved'), /\(2 lần\)/);
  assert.equal(await page.locator('#approve').count(), 0);
  await page.screenshot({ path: path.join(SHOTS, 'approval-report-pc.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the reporter sees the approval and the timeline (phone)', { timeout: 300_000 }, async () => {
  const viewport = { width: 390, height: 844 };
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await logIn(page, REPORTER);
  await page.goto(`${server.base}/rounds/1/reports/${REPORTER.org}`);
  assert.equal((await page.textContent('#status')).trim(), 'Đã duyệt');
  assert.equal(await page.locator('#timeline li').count(), 3);
  assert.equal(await page.locator('button[value=submit]').count(), 0, 'an approved report is locked');
  let wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= viewport.width, `report page ${wide}px wide`);
  await page.screenshot({ path: path.join(SHOTS, 'approval-report-phone.png'), fullPage: true });
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'approval-report-phone-timeline.png') });
  await page.click('header form button');
  await page.waitForURL((u) => u.pathname === '/login');
  await logIn(page, COORD);
  await page.goto(`${server.base}/rounds/1`);
  wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= viewport.width, `round page ${wide}px wide`);
  await page.locator('#round-edit summary').click();
  assert.equal(await page.isVisible('#edit-title'), true);
  await page.screenshot({ path: path.join(SHOTS, 'approval-round-phone.png'), fullPage: true });
  await page.locator('#completeness').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'approval-round-phone-cards.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'approval-round-phone-top.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
