// round_plan.test.mjs - a round tied to a plan in a real browser: the
// reporter of the Kon Tum Sở Thông tin và Truyền thông finds the tasks its
// body leads on the report form, types a bad done date (refused, nothing
// lost), then a good one; the task's chip changes and the plan page shows
// the progress; the coordinator reads the execution table on the
// consolidated page. On a PC and a phone; screenshots in tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli, login, vnDate } from '../http/harness.mjs';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

const STTTT = 'OP-KON-TUM-STTTT';
let env, server, browser, planId;
const rounds = {};

before(async () => {
  env = await start([
    { login: 'rpcoord', org: 'OP-KON-TUM', role: 'coordinator', password: 'rpcoord-password-1' },
    { login: 'rptttt', org: STTTT, role: 'reporter', password: 'rptttt-password-1' },
  ]);
  ({ server, browser } = env);
  const out = (await cli(['import', path.join(process.env.TTDN_SHARED || '../shared', 'seeds',
    '002_fc7beda4cce84e5d.txt'), '--db', server.db])).stdout;
  const docId = Number(/^imported\t[^\t]*\t(\d+)/m.exec(out)[1]);
  const coord = await login(server, { login: 'rpcoord', password: 'rpcoord-password-1' });
  planId = (await coord.post('/api/v1/plans', { document_id: docId })).json.id;
  assert.equal((await coord.put(`/api/v1/plans/${planId}`, { state: 'active' })).status, 200);
  // the 2019 bodies have ended, so the round is made through the API
  for (const label of ['pc', 'phone']) {
    const r = await coord.post('/api/v1/rounds', {
      title: `Báo cáo thực hiện Kế hoạch TTĐN năm 2019 (${label})`,
      period_start: '2019-01-01', period_end: '2019-12-31', due: vnDate(20),
      orgs: [STTTT], plan_id: planId,
      sections: [{ key: 'ket_qua', heading: 'Kết quả thực hiện' }],
      counts: [{ key: 'tin_bai', name: 'Số tin, bài', unit: 'tin/bài' }],
    });
    assert.equal(r.status, 201, r.text);
    rounds[label] = r.json.id;
  }
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);

// Progress belongs to the plan, so each run takes another task.
for (const [label, viewport, no, text, was, now] of [
  ['pc', { width: 1366, height: 768 }, '2', /Tập huấn, bồi dưỡng nghiệp vụ/, 'Quá hạn', 'Hoàn thành trễ hạn'],
  ['phone', { width: 390, height: 844 }, '5.4', /Quyết định số 273\/QĐ-TTg/, 'Đang thực hiện', 'Hoàn thành đúng hạn']]) {
  test(`the reporter posts progress on its tasks with the report (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => d.accept());
    await logIn(page, 'rptttt', 'rptttt-password-1');
    await page.goto(`${server.base}/rounds/${rounds[label]}/reports/${STTTT}`);
    await page.waitForSelector('#plan-tasks');
    const task = page.locator('#plan-tasks .task-progress', { has: page.locator('b', { hasText: new RegExp(`^${no.replace('.', '\\.')}\\.$`) }) });
    assert.equal(await task.count(), 1);
    assert.match(await task.textContent(), text);
    assert.equal((await task.locator('.chip').textContent()).trim(), was);
    assert.equal(await page.locator('#plan-tasks .task-progress').count(), 12, 'the tasks STTTT leads');
    // no part of the form is wider than the screen
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= viewport.width, `page ${wide}px wide on a ${viewport.width}px screen`);
    await page.screenshot({ path: path.join(SHOTS, `round-plan-1-form-${label}.png`), fullPage: true });

    await page.fill('textarea[name="section.ket_qua"]', 'Đã tổ chức 2 lớp tập huấn.');
    await task.locator('select').selectOption('done');
    await task.locator('input[name$=".done_on"]').fill('31/02/2019');
    await task.locator('textarea').fill('Tổ chức 2 lớp');
    await page.click('button[value=save]');
    await page.waitForSelector('#form-error');
    assert.match(await task.locator('.field-error').textContent(), /31\/02\/2019.*không hợp lệ/);
    assert.equal(await page.inputValue('textarea[name="section.ket_qua"]'), 'Đã tổ chức 2 lớp tập huấn.');
    assert.equal(await task.locator('textarea').inputValue(), 'Tổ chức 2 lớp');
    await page.screenshot({ path: path.join(SHOTS, `round-plan-2-bad-date-${label}.png`), fullPage: true });

    await task.locator('input[name$=".done_on"]').fill('20/10/2019');
    await page.click('button[value=save]');
    await page.waitForSelector('.flash');
    assert.equal((await task.locator('.chip').textContent()).trim(), now);
    assert.equal(await task.locator('input[name$=".done_on"]').inputValue(), '20/10/2019');
    if (label === 'pc') {
      await page.click('button[value=submit]');
      await page.waitForSelector('#confirm-empty');
      assert.match(await page.textContent('#confirm-empty'), /Số tin, bài/);
      await page.click('#submit-empty');
      await page.waitForSelector('#status.submitted');
      assert.match(await task.locator('.progress-text').textContent(), /Đã hoàn thành ngày 20\/10\/2019: Tổ chức 2 lớp/);
      await page.screenshot({ path: path.join(SHOTS, `round-plan-3-submitted-${label}.png`), fullPage: true });
    }
    // the plan page has the progress
    await page.goto(`${server.base}/plans/${planId}?at=2019-12-31`);
    assert.match(await page.textContent('body'), /Tổ chức 2 lớp/);
    await page.click('header form button'); // log out
    await page.waitForURL((u) => u.pathname === '/login');

    await logIn(page, 'rpcoord', 'rpcoord-password-1');
    await page.goto(`${server.base}/rounds/${rounds[label]}/consolidated`);
    await page.waitForSelector('#execution-table');
    const row = page.locator('#execution-table tr', { has: page.locator('b', { hasText: new RegExp(`^${no.replace('.', '\\.')}$`) }) });
    assert.equal((await row.locator(`li[data-org="${STTTT}"] .chip`).textContent()).trim(), now);
    const wide2 = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide2 <= viewport.width, `consolidated page ${wide2}px wide on a ${viewport.width}px screen`);
    const box = await page.locator('#execution').boundingBox();
    await page.screenshot({ path: path.join(SHOTS, `round-plan-4-execution-${label}.png`), fullPage: true,
      clip: { x: 0, y: Math.max(0, box.y - 20), width: viewport.width, height: viewport.height } });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
