// round.test.mjs - the first reporting round in a real browser (Debian's
// Chromium driven by Playwright): a reporter fills in and submits, then the
// coordinator sees completeness 1 of N and the summed count. Screenshots of
// each step, on a PC and a phone screen, go to tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn as formLogIn, SHOTS } from './browser.mjs';

let env, server, browser;

before(async () => {
  env = await start([
    { login: 'coord', org: 'P51', role: 'coordinator', password: 'coord-password-1' },
    { login: 'vanhoa', org: 'P51-SVHTTDL', role: 'reporter', password: 'vanhoa-password-1' },
    { login: 'ngoaivu', org: 'P51-SNGV', role: 'reporter', password: 'ngoaivu-password-1' },
  ]);
  ({ server, browser } = env);
});

after(async () => { await stop(env); });

const logIn = (page, login, password) => formLogIn(page, server.base, login, password);

// On the PC one body submits; on the phone another body only saves a draft.
for (const [label, viewport, reporter] of [['pc', { width: 1280, height: 900 }, 'vanhoa'],
  ['phone', { width: 390, height: 844 }, 'ngoaivu']]) {
  test(`reporter fills in, coordinator sees completeness and sums (${label})`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => d.accept());

    // Wrong password: an error in Vietnamese, still on the login page.
    await page.goto(server.base + '/login');
    await page.fill('#login', reporter);
    await page.fill('#password', 'sai-mat-khau-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('.alert');
    assert.match(await page.textContent('.alert'), /không đúng/);

    // The reporter sees the open round and its deadline on the home page.
    await logIn(page, reporter, `${reporter}-password-1`);
    await page.screenshot({ path: path.join(SHOTS, `1-reporter-home-${label}.png`), fullPage: true });
    const row = page.locator('table tbody tr').first();
    assert.match(await row.textContent(), /Báo cáo kết quả công tác thông tin đối ngoại/);
    assert.match(await row.textContent(), /ngày \d{2} tháng \d{2} năm \d{4}/);

    // Fill in, save a draft, then submit.
    await row.locator('a').click();
    await page.waitForSelector('textarea[name="section.ket_qua"]');
    const text = label === 'pc' ? 'Đón 7 đoàn phóng viên nước ngoài với 72 phóng viên.' : 'Tổ chức 2 lớp tập huấn.';
    await page.fill('textarea[name="section.ket_qua"]', text);
    await page.fill('input[name="count.phong_vien"]', label === 'pc' ? '72' : '3');
    await page.click('button[value=save]');
    await page.waitForSelector('.flash');
    assert.equal(await page.inputValue('input[name="count.phong_vien"]'), label === 'pc' ? '72' : '3');
    await page.screenshot({ path: path.join(SHOTS, `2-report-draft-${label}.png`), fullPage: true });
    if (label === 'pc') {
      await page.click('button[value=submit]');
      // the other sections and counts are empty: asked to confirm, naming them
      await page.waitForSelector('#confirm-empty');
      assert.match(await page.textContent('#confirm-empty'), /Đánh giá chung/);
      await page.screenshot({ path: path.join(SHOTS, `3-report-confirm-empty-${label}.png`), fullPage: true });
      await page.click('#submit-empty');
      await page.waitForSelector('#status.submitted');
      assert.equal((await page.textContent('#status')).trim(), 'Đã gửi');
      assert.equal(await page.locator('button[value=submit]').count(), 0); // read-only now
      await page.screenshot({ path: path.join(SHOTS, `3-report-submitted-${label}.png`), fullPage: true });
    }
    await page.click('header form button'); // log out
    await page.waitForURL((u) => u.pathname === '/login');

    // The coordinator sees completeness 1 of 20 and the summed count.
    await logIn(page, 'coord', 'coord-password-1');
    await page.goto(server.base + '/rounds/1');
    assert.equal((await page.textContent('#completeness b')).trim(), '1/20');
    assert.equal((await page.textContent('#state-on_time b')).trim(), '1');
    assert.equal((await page.textContent('#state-not_due b')).trim(), '19');
    assert.equal(await page.locator('svg.chart').count(), 1);
    await page.screenshot({ path: path.join(SHOTS, `4-completeness-${label}.png`), fullPage: true });
    await page.click('text=Xem báo cáo tổng hợp');
    await page.waitForSelector('#sums');
    // Only the submitted report counts: 72 in both runs (the phone run only saved a draft).
    assert.equal((await page.textContent('#sums tr[data-key=phong_vien] td.num')).trim(), '72');
    assert.match(await page.textContent('.merged'), /Sở Văn hóa, Thể thao và Du lịch:\s*Đón 7 đoàn/);
    await page.screenshot({ path: path.join(SHOTS, `5-consolidated-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
