// schedules.test.mjs - the schedules page in a real browser (PC 1366×768 and
// phone 390×844), with the clock fixed by TTDN_NOW: a coordinator makes a
// half-year schedule from the rounds page, finds it in the list, opens it
// and changes its days; the page fits the screen. Screenshots go to
// tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, stop, logIn, SHOTS } from './browser.mjs';

let env;
before(async () => {
  env = await start([{ login: 'lichbc', org: 'P51', role: 'coordinator', password: 'lichbc-password-1' }],
    { env: { TTDN_NOW: '2026-06-10T08:00:00+07:00' } });
});
after(async () => { await stop(env); });

for (const [label, viewport] of [['pc', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a coordinator makes and edits a schedule (${label})`, { timeout: 300_000 }, async () => {
    const { server, browser } = env;
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logIn(page, server.base, 'lichbc', 'lichbc-password-1');
    await page.goto(server.base + '/rounds');
    await Promise.all([page.waitForURL(/\/schedules$/), page.click('a[href="/schedules"]')]);
    await page.fill('#title', `Báo cáo thông tin đối ngoại (${label})`);
    await page.fill('#due_days', '5');
    await page.fill('#up_due_days', '10');
    await page.locator('input[name=org]').nth(0).check();
    await page.locator('input[name=org]').nth(1).check();
    await page.screenshot({ path: path.join(SHOTS, `schedules-new-${label}.png`), fullPage: false });
    await Promise.all([page.waitForURL(/\/schedules\/\d+\?msg=saved/),
      page.click('#schedule-form button[type=submit]')]);
    const id = page.url().match(/\/schedules\/(\d+)/)[1];
    const s = await page.evaluate(async (sid) => (await fetch(`/api/v1/schedules/${sid}`)).json(), id);
    assert.deepEqual(s.kinds, ['half_year', 'year']);
    assert.equal(s.due_days, 5);
    assert.equal(s.up_due_days, 10);
    assert.equal(s.orgs.length, 2);
    assert.equal(s.sections.length, 4);
    assert.equal(s.counts[0].name, 'Số đoàn nước ngoài vào');
    // edit: quarters too, 7 days
    await page.locator('input[name=kind][value=quarter]').check();
    await page.fill('#due_days', '7');
    await Promise.all([page.waitForURL(/\/schedules\/\d+\?msg=saved/),
      page.click('#schedule-form button[type=submit]')]);
    const t = await page.evaluate(async (sid) => (await fetch(`/api/v1/schedules/${sid}`)).json(), id);
    assert.deepEqual(t.kinds, ['quarter', 'half_year', 'year']);
    assert.equal(t.due_days, 7);
    assert.equal(t.version, 2);
    await page.goto(server.base + '/schedules');
    assert.match(await page.textContent('#schedules'), new RegExp(`Báo cáo thông tin đối ngoại \\(${label}\\)`));
    await page.screenshot({ path: path.join(SHOTS, `schedules-list-${label}.png`), fullPage: false });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page fits');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the round page copies a round to the next period', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await logIn(page, server.base, 'lichbc', 'lichbc-password-1');
  const made = await page.evaluate(async () => {
    const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
    const orgs = (await (await fetch('/api/v1/orgs?kind=department&limit=1000')).json())
      .filter((o) => o.parent_code === 'P51').slice(0, 2).map((o) => o.code);
    const r = await fetch('/api/v1/rounds', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ title: 'Báo cáo thông tin đối ngoại 6 tháng đầu năm 2026', period: '2026-H1', due: '2026-06-20',
        orgs, sections: [{ key: 'a', heading: 'Kết quả' }] }) });
    return r.json();
  });
  assert.ok(made.id, JSON.stringify(made));
  await page.goto(`${server.base}/rounds/${made.id}`);
  await page.locator('#copy-form').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'round-copy-pc.png'), fullPage: false });
  await page.selectOption('#copy-period', '2026-H2');
  await Promise.all([page.waitForURL((u) => /\/rounds\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${made.id}`)),
    page.click('#copy-form button[type=submit]')]);
  assert.match(await page.textContent('h1'), /6 tháng cuối năm 2026/);
  await page.close();
});

test('the schedule page charts the rates of its rounds over the periods', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const { runCli, addUser } = await import('../http/harness.mjs');
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await logIn(page, server.base, 'lichbc', 'lichbc-password-1');
  const sid = await page.evaluate(async () => {
    const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
    const orgs = (await (await fetch('/api/v1/orgs?kind=department&limit=1000')).json())
      .filter((o) => o.parent_code === 'P51').slice(0, 4).map((o) => o.code);
    const r = await fetch('/api/v1/schedules', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ title: 'Báo cáo nhanh hằng tháng', kinds: ['month'], orgs, due_days: 5,
        sections: [{ key: 'a', heading: 'Kết quả' }] }) });
    return (await r.json()).id;
  });
  assert.ok(sid);
  for (const day of ['2026-06-14', '2026-07-14', '2026-08-14']) {
    const t = await runCli(['tick', '--db', server.db], { env: { TTDN_NOW: `${day}T08:00:00+07:00` } });
    assert.equal(t.code, 0, t.stderr);
  }
  // the first body submits June and July, the second June
  const done = await page.evaluate(async () => {
    const rounds = (await (await fetch('/api/v1/rounds')).json()).filter((x) => /^Báo cáo nhanh hằng tháng/.test(x.title))
      .sort((a, b) => a.period_end.localeCompare(b.period_end));
    const reps = await Promise.all(rounds.map(async (x) => (await (await fetch(`/api/v1/rounds/${x.id}/reports`)).json())));
    return { n: rounds.length, ids: rounds.map((x) => x.id), orgs: reps.map((r) => r.map((x) => x.org_code)) };
  });
  assert.equal(done.n, 3, 'June, July and August');
  const submit = async (rid, org) => {
    const login = `rep-${org.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 30);
    try { await addUser(server.db, login, org, 'reporter', 'reporter-password-1'); } catch { /* made already */ }
    const p = await browser.newPage();
    await logIn(p, server.base, login, 'reporter-password-1');
    const st = await p.evaluate(async ([id, o]) => {
      const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
      const h = { 'content-type': 'application/json', 'x-csrf-token': csrf };
      const u = `/api/v1/rounds/${id}/reports/${encodeURIComponent(o)}`;
      await fetch(u, { method: 'PUT', headers: h, body: JSON.stringify({ sections: { a: 'Đã thực hiện.' } }) });
      return (await fetch(u + '/submit', { method: 'POST', headers: h, body: '{}' })).status;
    }, [rid, org]);
    await p.close();
    assert.equal(st, 200);
  };
  await submit(done.ids[0], done.orgs[0][0]);
  await submit(done.ids[0], done.orgs[0][1]);
  await submit(done.ids[1], done.orgs[1][0]);
  await page.goto(`${server.base}/schedules/${sid}`);
  const chart = page.locator('#schedule-rates svg.chart.lines');
  await chart.scrollIntoViewIfNeeded();
  assert.equal(await chart.locator('circle').count(), 6, 'three periods, two lines');
  assert.match(await page.textContent('#schedule-rates'), /Tháng 6 năm 2026.*50,0%/s);
  await page.screenshot({ path: path.join(SHOTS, 'schedule-rates-pc.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'schedule-rates-phone.png'), fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page fits a phone');
  await page.close();
});
