// round_suggest.test.mjs - a report whose counts are suggested by the
// activity register, in a real browser: the reporter of the Sở Văn hóa,
// Thể thao và Du lịch sees the suggestion with a link to the records,
// accepts it ("Dùng số này") and saves, and the value is stored; on the
// phone another number is typed, the note is asked, saved with it. The new
// round form offers the indicators. Screenshots in tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { login, vnDate } from '../http/harness.mjs';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

const DEPT = 'P51-SVHTTDL';
let env, server, browser, rep;
const rounds = {};

before(async () => {
  env = await start([
    { login: 'sgcoord', org: 'P51', role: 'coordinator', password: 'sgcoord-password-1' },
    { login: 'sgvanhoa', org: DEPT, role: 'reporter', password: 'sgvanhoa-password-1' },
  ]);
  ({ server, browser } = env);
  const coord = await login(server, { login: 'sgcoord', password: 'sgcoord-password-1' });
  rep = await login(server, { login: 'sgvanhoa', password: 'sgvanhoa-password-1' });
  for (const [start_on, people] of [['2025-04-10', 4], ['2025-05-20', 3], ['2025-08-01', 50]]) {
    const r = await rep.post('/api/v1/activities', {
      type: 'foreign_press', title: `Đón phóng viên NHK ${start_on}`, start_on, people, countries: ['JP'],
      fields: { outlet: 'NHK' },
    });
    assert.equal(r.status, 201, r.text);
  }
  for (const label of ['pc', 'phone']) {
    const r = await coord.post('/api/v1/rounds', {
      title: `Báo cáo quý II năm 2025 (${label})`, period_start: '2025-04-01', period_end: '2025-06-30',
      due: vnDate(20), orgs: [DEPT], sections: [{ key: 'kq', heading: 'Kết quả' }],
      counts: [{ key: 'pv', name: 'Số phóng viên nước ngoài', indicator: 'foreign_press.people' },
        { key: 'hop', name: 'Số cuộc họp báo', unit: 'cuộc' }],
    });
    assert.equal(r.status, 201, r.text);
    rounds[label] = r.json.id;
  }
});

after(async () => { await stop(env); });

const logIn = (page, l, password) => formLogIn(page, server.base, l, password);

test('the new round form offers the indicators of the register', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, 'sgcoord', 'sgcoord-password-1');
  await page.goto(`${server.base}/rounds/new`);
  await page.selectOption('#ci3', 'foreign_press.people');
  assert.equal(await page.inputValue('#ci3'), 'foreign_press.people');
  assert.match(await page.textContent('#ci1'), /Số phóng viên nước ngoài \(người\)/);
  await page.locator('#count-rows').screenshot({ path: path.join(SHOTS, 'suggest-0-new-round-pc.png') });
  await context.close();
});

for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the reporter works from the register's suggestion (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => d.accept());
    await logIn(page, 'sgvanhoa', 'sgvanhoa-password-1');
    await page.goto(`${server.base}/rounds/${rounds[label]}/reports/${DEPT}`);
    await page.waitForSelector('#sg-pv');
    assert.match(await page.textContent('#sg-pv'), /7/);
    assert.match(await page.textContent('#sg-pv'), /từ 2 bản ghi/);
    const href = await page.getAttribute('#sg-pv a', 'href');
    assert.equal(href, `/activities?org=${DEPT}&from=2025-04-01&to=2025-06-30&type=foreign_press`);
    assert.equal(await page.isVisible('#n-pv'), false, 'no note asked before a number is typed');
    assert.equal(await page.isVisible('#sg-hop'), false, 'a count without an indicator has no suggestion');
    if (label === 'pc') {
      await page.click('#sg-pv button:has-text("Dùng số này")');
      assert.equal(await page.inputValue('#c-pv'), '7');
      assert.equal(await page.isVisible('#n-pv'), false, 'the suggestion needs no note');
    } else {
      await page.fill('#c-pv', '9');
      await page.waitForSelector('#n-pv', { state: 'visible' });
      assert.match(await page.textContent('label[for="n-pv"]'), /Ghi chú vì sao khác/);
      await page.fill('#n-pv', 'Hai phóng viên đi cùng đoàn chưa ghi vào sổ.');
    }
    await page.screenshot({ path: path.join(SHOTS, `suggest-1-report-${label}.png`), fullPage: true });
    await page.click('button[value=save]');
    await page.waitForSelector('.flash');
    const g = (await rep.get(`/api/v1/rounds/${rounds[label]}/reports/${DEPT}`)).json;
    if (label === 'pc') {
      assert.equal(g.counts.pv, 7, 'the accepted suggestion is stored');
      assert.deepEqual(g.notes, {});
    } else {
      assert.equal(g.counts.pv, 9);
      assert.equal(g.notes.pv, 'Hai phóng viên đi cùng đoàn chưa ghi vào sổ.');
      assert.equal(await page.inputValue('#n-pv'), 'Hai phóng viên đi cùng đoàn chưa ghi vào sổ.');
    }
    await page.screenshot({ path: path.join(SHOTS, `suggest-2-saved-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the coordinator reads the difference from the register on the consolidated page', { timeout: 300_000 }, async () => {
  for (const label of ['pc', 'phone']) {
    const r = await rep.post(`/api/v1/rounds/${rounds[label]}/reports/${DEPT}/submit`);
    assert.equal(r.status, 200, r.text);
  }
  for (const [label, viewport] of [['pc', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await logIn(page, 'sgcoord', 'sgcoord-password-1');
    await page.goto(`${server.base}/rounds/${rounds.pc}/consolidated`);
    assert.match(await page.textContent('#register-match'), /khớp với sổ hoạt động/);
    await page.goto(`${server.base}/rounds/${rounds.phone}/consolidated`);
    const row = page.locator('#register-diff tbody tr');
    assert.equal(await row.count(), 1);
    const text = await row.textContent();
    assert.match(text, /Số phóng viên nước ngoài/);
    assert.match(text, /\+2/);
    assert.match(text, /Hai phóng viên đi cùng đoàn chưa ghi vào sổ\./);
    await page.locator('#register').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `suggest-3-consolidated-${label}.png`), fullPage: true });
    await context.close();
  }
});
