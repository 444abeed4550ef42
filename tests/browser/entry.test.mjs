// entry.test.mjs - data entry in a real browser (Debian's Chromium driven
// by Playwright): a reporter types numbers the Vietnamese way ("1.200",
// "350,5") and sees them shown back, on a PC and a phone screen; two people
// editing the same draft: the second save shows both texts, nothing lost.
// Screenshots go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';
import { login as apiLogin, roundSpec, createRound, rp, ok } from '../http/harness.mjs';

let env, server, browser, coord;
const ORG = 'P51-SVHTTDL';

before(async () => {
  env = await start([
    { login: 'coord', org: 'P51', role: 'coordinator', password: 'coord-password-1' },
    { login: 'vanhoa', org: ORG, role: 'reporter', password: 'vanhoa-password-1' },
    { login: 'vanhoa2', org: ORG, role: 'reporter', password: 'vanhoa2-password-1' },
  ]);
  ({ server, browser } = env);
  coord = await apiLogin(server, 'coord', 'coord-password-1');
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);
const newRound = (title) => createRound(coord, roundSpec([ORG], {
  title,
  counts: [
    { key: 'nguoi', name: 'Số người được đón tiếp', unit: 'người' },
    { key: 'kinh_phi', name: 'Kinh phí', unit: 'triệu đồng', type: 'decimal' },
  ],
}));

for (const [label, viewport] of [['pc', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a reporter types 1.200 and 350,5 and sees them shown back (${label})`, { timeout: 300_000 }, async () => {
    const id = await newRound(`Đợt nhập số ${label}`);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, 'vanhoa', 'vanhoa-password-1');
    await page.goto(`${server.base}/rounds/${id}/reports/${ORG}`);
    // Each number field is a text field with a decimal keypad and its label.
    assert.equal(await page.getAttribute('#c-nguoi', 'type'), 'text');
    assert.equal(await page.getAttribute('#c-nguoi', 'inputmode'), 'decimal');
    await page.getByLabel('Kinh phí (triệu đồng)').fill('350,5');
    await page.getByLabel(/Số người được đón tiếp/).fill('1.200');
    await page.fill('textarea[name="section.tinh_hinh"]', 'Đón 1.200 lượt khách quốc tế.');
    await page.click('button[value=save]');
    await page.waitForSelector('.flash');
    assert.equal(await page.inputValue('#c-nguoi'), '1.200');
    assert.equal(await page.inputValue('#c-kinh_phi'), '350,5');
    const stored = ok(await coord.get(rp(id, ORG)), 'GET');
    assert.equal(stored.counts.nguoi, 1200);
    assert.equal(stored.counts.kinh_phi, 350.5);
    await page.screenshot({ path: path.join(SHOTS, `entry-numbers-${label}.png`), fullPage: true });

    // "1.5" is refused next to its field; what was typed stays.
    await page.fill('#c-kinh_phi', '1.5');
    await page.fill('textarea[name="section.tinh_hinh"]', 'Nội dung đang gõ dở.');
    await page.click('button[value=save]');
    await page.waitForSelector('#e-kinh_phi');
    assert.match(await page.textContent('#e-kinh_phi'), /1,5/);
    assert.equal(await page.inputValue('#c-kinh_phi'), '1.5');
    assert.equal(await page.inputValue('textarea[name="section.tinh_hinh"]'), 'Nội dung đang gõ dở.');
    await page.screenshot({ path: path.join(SHOTS, `entry-refused-${label}.png`), fullPage: true });
    assert.equal(ok(await coord.get(rp(id, ORG)), 'GET').counts.kinh_phi, 350.5);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`two people edit the same draft: the second save shows both texts (${label})`, { timeout: 300_000 }, async () => {
    const id = await newRound(`Đợt hai người sửa ${label}`);
    const one = await browser.newContext({ viewport });
    const two = await browser.newContext({ viewport });
    const p1 = await one.newPage();
    const p2 = await two.newPage();
    await logIn(p1, 'vanhoa', 'vanhoa-password-1');
    await logIn(p2, 'vanhoa2', 'vanhoa2-password-1');
    const url = `${server.base}/rounds/${id}/reports/${ORG}`;
    await p1.goto(url);
    await p2.goto(url);
    const first = 'Chị Lan: đón 3 đoàn khách Hàn Quốc.';
    const second = 'Anh Minh: 2 đoàn Nhật Bản, 4 tin bài.';
    await p1.fill('textarea[name="section.tinh_hinh"]', first);
    await p1.fill('#c-nguoi', '12');
    await p1.click('button[value=save]');
    await p1.waitForSelector('.flash');
    await p2.fill('textarea[name="section.tinh_hinh"]', second);
    await p2.fill('#c-nguoi', '1.500');
    await p2.click('button[value=save]');
    await p2.waitForSelector('#conflict');
    assert.match(await p2.textContent('#conflict'), /người khác lưu/);
    assert.equal((await p2.textContent('#stored-s-tinh_hinh')).trim(), first);
    assert.equal(await p2.inputValue('textarea[name="section.tinh_hinh"]'), second);
    assert.equal(await p2.inputValue('#c-nguoi'), '1.500');
    assert.match(await p2.textContent('#stored-c-nguoi'), /12/);
    assert.ok(await p2.isVisible('#stored-s-tinh_hinh'));
    await p2.screenshot({ path: path.join(SHOTS, `entry-conflict-${label}.png`), fullPage: true });
    // Nothing lost: the first save is stored; saving again from here applies.
    assert.equal(ok(await coord.get(rp(id, ORG)), 'GET').sections.tinh_hinh, first);
    await p2.click('button[value=save]');
    await p2.waitForSelector('.flash');
    const end = ok(await coord.get(rp(id, ORG)), 'GET');
    assert.equal(end.sections.tinh_hinh, second);
    assert.equal(end.counts.nguoi, 1500);
    await one.close();
    await two.close();
  });
}
