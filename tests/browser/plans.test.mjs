// plans.test.mjs - the plan in a real browser: the Kon Tum coordinator
// makes a plan from seed 002 on its document page and puts it into force;
// the reporter of the Sở Thông tin và Truyền thông posts progress on a task
// it leads (a bad date first) and sees the status chip change, on a PC and
// on a phone, where tasks are cards no wider than the screen. Screenshots go
// to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli } from '../http/harness.mjs';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser, docId;

before(async () => {
  env = await start([
    { login: 'ktcoord', org: 'OP-KON-TUM', role: 'coordinator', password: 'ktcoord-password-1' },
    { login: 'kttttt', org: 'OP-KON-TUM-STTTT', role: 'reporter', password: 'kttttt-password-1' },
  ]);
  ({ server, browser } = env);
  const out = (await cli(['import', path.join(process.env.TTDN_SHARED || '../shared', 'seeds',
    '002_fc7beda4cce84e5d.txt'), '--db', server.db])).stdout;
  docId = Number(/^imported\t[^\t]*\t(\d+)/m.exec(out)[1]);
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);
const card = (page, label, nth = 0) =>
  page.locator('article.task', { has: page.locator('h3', { hasText: new RegExp(`^${label.replace('.', '\\.')}$`) }) }).nth(nth);

let planUrl;

test('the coordinator makes a plan from the document and puts it into force', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await logIn(page, 'ktcoord', 'ktcoord-password-1');
  await page.goto(`${server.base}/documents/${docId}`);
  await Promise.all([page.waitForURL(/\/plans\/\d+/), page.click('#make-plan')]);
  planUrl = page.url().replace(/\?.*$/, '');
  assert.match(await page.textContent('.flash'), /Đã tạo kế hoạch/);
  assert.equal(await page.locator('article.task').count(), 20);
  assert.match(await page.textContent('h1'), /Kon Tum năm 2019/);
  // each task with its full text, its bodies as links
  assert.match(await card(page, '1.1').textContent(), /Hướng dẫn, theo dõi, đôn đốc/);
  assert.equal(await card(page, '1.1').locator('a[href="/orgs/OP-KON-TUM-STTTT"]').count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'plan-1-draft-pc.png'), fullPage: false });
  await Promise.all([page.waitForURL(/msg=plan_saved/), page.click('button[value=active]')]);
  assert.equal((await page.textContent('#plan-state')).trim(), 'Đang thực hiện');
  // the status as it stood on a day of 2019
  await page.fill('form.at input[name=at]', '01/05/2019');
  await Promise.all([page.waitForURL(/at=01%2F05%2F2019/), page.click('form.at button[type=submit]')]);
  assert.equal(await page.inputValue('form.at input[name=at]'), '01/05/2019', 'the day is shown back day first');
  assert.equal((await card(page, '5.1').locator('.chip').textContent()).trim(), 'Đang thực hiện');
  assert.equal((await card(page, '2').locator('.chip').textContent()).trim(), 'Chưa đến hạn');
  assert.equal((await card(page, '1.1').locator('.chip').textContent()).trim(), 'Thường xuyên');
  // the document now leads to its plan instead of making another
  await page.goto(`${server.base}/documents/${docId}`);
  assert.equal(await page.locator('#make-plan').count(), 0);
  assert.equal(await page.getAttribute('#open-plan', 'href'), new URL(planUrl).pathname);
  // the navigation leads to the plans
  await page.click('header nav a[href="/plans"]');
  assert.match(await page.textContent('table'), /Kon Tum năm 2019/);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a reporter posts progress and sees the chip change (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, 'kttttt', 'kttttt-password-1');
    await page.goto(planUrl);
    const task = label === 'pc' ? '5.4' : '2';
    const c = card(page, task);
    // the timeframe (Quý IV/2019, Quý III năm 2019) is long past
    assert.equal((await c.locator('.chip').textContent()).trim(), 'Quá hạn');
    assert.equal(await c.locator('form.progress').count(), 1, 'the lead body has the form');
    assert.equal(await card(page, '5.1').locator('form.progress').count(), 0, 'not on another body\'s task');
    // the form is folded away until asked for
    assert.equal(await c.locator('select[name=state]').isVisible(), false);
    await c.locator('details.progress summary').click();
    // a day that does not exist: a Vietnamese message, nothing saved
    await c.locator('select[name=state]').selectOption('done');
    await c.locator('input[name=done_on]').fill('31/02/2019');
    const before = page.url();
    await c.locator('button[type=submit]').click();
    // the page refuses the day before it is sent (the server refuses it too: plans.test.mjs)
    const done = c.locator('input[name=done_on]');
    assert.equal(await done.evaluate((e) => e.validity.valid), false);
    assert.match(await done.evaluate((e) => e.validationMessage), /ngày/i);
    assert.equal(page.url(), before, 'nothing was sent');
    assert.equal(await done.inputValue(), '31/02/2019');
    // then a real day within the timeframe (the failed form is open)
    const c2 = card(page, task);
    assert.equal(await c2.locator('details.progress').getAttribute('open'), '');
    await c2.locator('select[name=state]').selectOption('done');
    await c2.locator('input[name=done_on]').fill(label === 'pc' ? '15/10/2019' : '20/10/2019');
    await c2.locator('textarea[name=note]').fill('Đã ban hành kế hoạch triển khai.');
    await Promise.all([page.waitForURL(/msg=progress/), c2.locator('button[type=submit]').click()]);
    const after = card(page, task);
    assert.equal((await after.locator('.chip').textContent()).trim(),
      label === 'pc' ? 'Hoàn thành đúng hạn' : 'Hoàn thành trễ hạn');
    assert.match(await after.textContent(), /Đã ban hành kế hoạch triển khai\./);
    if (label === 'phone') {
      // cards, no table cut at the right edge
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `page is ${width}px wide on a 390px screen`);
      const box = await after.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    }
    await after.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `plan-2-progress-${label}.png`), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
