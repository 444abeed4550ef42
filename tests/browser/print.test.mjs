// print.test.mjs - printing a page: with the print stylesheet the
// navigation, buttons and forms are gone and the body's name and the day
// printed are on top; the page prints on A4 (a PDF of it is kept in the
// screenshots folder to look at).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([{ login: 'inan', org: 'P51', role: 'coordinator', password: 'inan-password-1' }]);
});
after(async () => { await stop(env); });

test('a page prints without navigation, buttons or forms, with the body and the day on top', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await logIn(page, server.base, 'inan', 'inan-password-1');
  for (const url of ['/rounds', '/plans', '/orgs']) {
    await page.goto(server.base + url);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.isVisible('#print-head'), false, `${url}: the print header is not on screen`);
    assert.equal(await page.isVisible('header.top nav'), true, `${url}: navigation on screen`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('header.top'), false, `${url}: no navigation in print`);
    assert.equal(await page.isVisible('footer'), false, `${url}: no footer in print`);
    for (const b of await page.locator('button, form, a.button').all()) {
      assert.equal(await b.isVisible(), false, `${url}: no buttons or forms in print`);
    }
    const head = await page.textContent('#print-head');
    assert.ok(await page.isVisible('#print-head'), `${url}: the print header is shown`);
    assert.match(head, /Quảng Ngãi/);
    assert.match(head, /In ngày \d{2}\/\d{2}\/\d{4}/);
  }
  await page.goto(server.base + '/rounds');
  await page.pdf({ path: path.join(SHOTS, 'print-rounds.pdf'), preferCSSPageSize: true });
});
