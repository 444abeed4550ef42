// plan_pages.test.mjs - the finished plan pages in a real browser, on a PC
// (1366×768) and a phone (390×844): the chart of statuses whose bars
// filter the tasks, the filter form, the picker for a name not matched,
// "Việc của đơn vị tôi" with its folded progress form, and a plan written
// on the page. Screenshots go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli } from '../http/harness.mjs';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser, planUrl;

before(async () => {
  env = await start([
    { login: 'pgcoord', org: 'OP-KON-TUM', role: 'coordinator', password: 'pgcoord-password-1' },
    { login: 'pgrep', org: 'OP-KON-TUM-STTTT', role: 'reporter', password: 'pgrep-password-1' },
  ]);
  ({ server, browser } = env);
  const out = (await cli(['import', path.join(process.env.TTDN_SHARED || '../shared', 'seeds',
    '002_fc7beda4cce84e5d.txt'), '--db', server.db])).stdout;
  const docId = Number(/^imported\t[^\t]*\t(\d+)/m.exec(out)[1]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await formLogIn(page, server.base, 'pgcoord', 'pgcoord-password-1');
  await page.goto(`${server.base}/documents/${docId}`);
  await Promise.all([page.waitForURL(/\/plans\/\d+/), page.click('#make-plan')]);
  planUrl = page.url().replace(/\?.*$/, '');
  await Promise.all([page.waitForURL(/msg=plan_saved/), page.click('button[value=active]')]);
  await context.close();
});

after(async () => { await stop(env); });

const sizes = [['pc', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]];
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
const noWiderThan = async (page, w) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= w, `page is ${width}px wide on a ${w}px screen`);
};

for (const [label, viewport] of sizes) {
  test(`the chart filters the tasks and the picker resolves a name (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await formLogIn(page, server.base, 'pgcoord', 'pgcoord-password-1');
    await page.goto(`${planUrl}?at=2019-11-01`);
    assert.match(await page.getAttribute('svg.chart.share', 'aria-label'), /Tình trạng nhiệm vụ/);
    await page.locator('#chart').scrollIntoViewIfNeeded();
    await shot(page, `plan-3-chart-${label}.png`);
    await noWiderThan(page, viewport.width);
    // a bar of the chart is a link to the tasks of that status
    const bar = page.locator('svg.chart.share a').nth(4); // Quá hạn
    await Promise.all([page.waitForURL(/status=overdue/), bar.click()]);
    const n = await page.locator('article.task').count();
    assert.ok(n > 0);
    assert.equal(await page.locator('article.task[data-status=overdue]').count(), n);
    assert.match(await page.textContent('#filter-result'), new RegExp(`Đang hiện ${n} / 20 nhiệm vụ · Quá hạn`));
    // the body filter
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-org', 'OP-KON-TUM-STTTT');
    await Promise.all([page.waitForURL(/org=OP-KON-TUM-STTTT/), page.click('form.filter button[type=submit]')]);
    assert.match(await page.textContent('#chart-scope'), /nhiệm vụ có Sở Thông tin và Truyền thông/);
    await page.locator('#chart').scrollIntoViewIfNeeded();
    await shot(page, `plan-4-filter-${label}.png`);
    await noWiderThan(page, viewport.width);
    await page.click('#filter-clear');
    assert.equal(await page.locator('article.task').count(), 20);
    if (label === 'pc') {
      // the picker: search the province for a name not matched, choose
      const item = page.locator('ul.unmatched-list li').first();
      const text = await item.locator('b').textContent();
      await item.locator('input[name=q]').fill('ngoại vụ');
      await Promise.all([page.waitForURL(/pick=/), item.locator('form.pick-search button').click()]);
      const choice = page.locator('.pick-results button[value="OP-KON-TUM-SNGV"]');
      await choice.scrollIntoViewIfNeeded();
      await shot(page, `plan-5-picker-${label}.png`);
      await Promise.all([page.waitForURL(/msg=plan_saved/), choice.click()]);
      const remaining = await page.locator('ul.unmatched-list li b').allTextContents();
      assert.equal(remaining.filter((t) => t === text).length <= 1, true);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`my body's tasks, overdue first, with the folded progress form (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await formLogIn(page, server.base, 'pgrep', 'pgrep-password-1');
    assert.match(await page.textContent('#my-tasks'), /nhiệm vụ chủ trì, \d+ quá hạn/);
    await Promise.all([page.waitForURL(/\/my-tasks$/), page.click('#my-tasks a')]);
    const statuses = await page.locator('article.task').evaluateAll((a) => a.map((x) => x.dataset.status));
    assert.ok(statuses.length >= 3);
    assert.equal(statuses[0], 'overdue');
    await shot(page, `my-tasks-1-${label}.png`);
    await noWiderThan(page, viewport.width);
    const first = page.locator('article.task').first();
    await first.locator('details.progress summary').click();
    await first.locator('select[name=state]').selectOption('in_progress');
    await first.locator('textarea[name=note]').fill(`Đang triển khai (${label})`);
    await first.locator('form.progress').scrollIntoViewIfNeeded();
    await shot(page, `my-tasks-2-form-${label}.png`);
    await Promise.all([page.waitForURL(/\/my-tasks\?msg=progress/), first.locator('form.progress button[type=submit]').click()]);
    assert.match(await page.textContent('main'), new RegExp(`Đang triển khai \\(${label}\\)`));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`a coordinator writes a plan on the page (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await formLogIn(page, server.base, 'pgcoord', 'pgcoord-password-1');
    await page.goto(`${server.base}/plans`);
    await page.click('#new-plan summary');
    await page.fill('#np-title', `Kế hoạch bổ sung (${label})`);
    await page.fill('#period_start', '01/01/2019');
    await page.fill('#period_end', '31/12/2019');
    await shot(page, `plan-6-new-${label}.png`);
    await Promise.all([page.waitForURL(/msg=plan_created/), page.click('#new-plan button[type=submit]')]);
    await page.fill('#ng-label', '1');
    await page.fill('#ng-heading', 'Thông tin đối ngoại');
    await Promise.all([page.waitForURL(/msg=plan_saved/), page.click('#add-group button[type=submit]')]);
    await page.fill('#nt-label', '1.1');
    await page.fill('#nt-text', 'Cập nhật tin bài đối ngoại');
    await page.fill('#nt-leads', 'Sở Thông tin và Truyền thông');
    await page.fill('#nt-tf', 'khi nào xong');
    await page.click('#add-task button[type=submit]');
    await page.waitForSelector('#form-error');
    assert.match(await page.textContent('#form-error'), /Không đọc được thời gian/);
    assert.equal(await page.inputValue('#nt-text'), 'Cập nhật tin bài đối ngoại');
    await page.fill('#nt-tf', 'Quý II/2019');
    await Promise.all([page.waitForURL(/msg=plan_saved/), page.click('#add-task button[type=submit]')]);
    const card = page.locator('article.task');
    assert.equal(await card.count(), 1);
    assert.match(await card.textContent(), /Quý II\/2019/);
    assert.equal(await card.locator('a[href="/orgs/OP-KON-TUM-STTTT"]').count(), 1);
    await page.locator('#add').scrollIntoViewIfNeeded();
    await shot(page, `plan-7-compose-${label}.png`);
    await noWiderThan(page, viewport.width);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
