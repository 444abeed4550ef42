// periods.test.mjs - the legal reporting periods of Decree 09/2019
// (GET /api/v1/periods), a round made by period key, and a due day before
// today refused unless the API caller confirms it. The clock is fixed by
// TTDN_NOW. Runs on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, login, assertError, ok, roundSpec, watchServer, T_FILE, T_TEST } from './harness.mjs';

const NOW = '2026-03-10T08:00:00+07:00'; // Vietnam day 2026-03-10

describe('reporting periods', { timeout: T_FILE }, () => {
  let env, coord;
  const periods = async (q) => ok(await coord.get(`/api/v1/periods?${q}`), `periods ${q}`);

  before(async () => {
    env = await setup({ users: [{ login: 'coord51', org: 'P51', role: 'coordinator' }], env: { TTDN_NOW: NOW } });
    coord = await login(env.server, env.users.coord51);
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('lists each kind with the Decree 09 cut-offs and Vietnamese labels', { timeout: T_TEST }, async () => {
    assert.deepEqual(await periods('kind=year&year=2026'), [
      { key: '2026-Y', kind: 'year', label: 'Năm 2026', start: '2025-12-15', end: '2026-12-14' }]);
    assert.deepEqual(await periods('kind=half_year&year=2026'), [
      { key: '2026-H1', kind: 'half_year', label: '6 tháng đầu năm 2026', start: '2025-12-15', end: '2026-06-14' },
      { key: '2026-H2', kind: 'half_year', label: '6 tháng cuối năm 2026', start: '2026-06-15', end: '2026-12-14' }]);
    assert.deepEqual(await periods('kind=nine_months&year=2026'), [
      { key: '2026-9M', kind: 'nine_months', label: '9 tháng năm 2026', start: '2025-12-15', end: '2026-09-14' }]);
    const q = await periods('kind=quarter&year=2026');
    assert.deepEqual(q.map((p) => [p.key, p.label, p.start, p.end]), [
      ['2026-Q1', 'Quý I năm 2026', '2025-12-15', '2026-03-14'],
      ['2026-Q2', 'Quý II năm 2026', '2026-03-15', '2026-06-14'],
      ['2026-Q3', 'Quý III năm 2026', '2026-06-15', '2026-09-14'],
      ['2026-Q4', 'Quý IV năm 2026', '2026-09-15', '2026-12-14']]);
    const m = await periods('kind=month&year=2026');
    assert.equal(m.length, 12);
    assert.deepEqual(m[0], { key: '2026-M01', kind: 'month', label: 'Tháng 1 năm 2026', start: '2025-12-15', end: '2026-01-14' });
    assert.deepEqual(m[2], { key: '2026-M03', kind: 'month', label: 'Tháng 3 năm 2026', start: '2026-02-15', end: '2026-03-14' });
    assert.equal(m[11].end, '2026-12-14');
    // Without a year: the current year of the request's clock.
    assert.equal((await periods('kind=year'))[0].key, '2026-Y');
  });

  it('refuses a bad kind or year with a Vietnamese message', { timeout: T_TEST }, async () => {
    for (const q of ['kind=week&year=2026', 'year=2026', 'kind=&year=2026', 'kind=year&year=abc',
      'kind=year&year=1800', 'kind=year&year=-2026', 'kind=year&year=20260']) {
      const r = await coord.get(`/api/v1/periods?${q}`);
      assertError(r, 400, null, q);
      assert.match(r.json.error.message, /kind|year|Tham số/, q);
    }
    assert.match((await coord.get('/api/v1/periods?kind=week')).json.error.message,
      /month, quarter, half_year, nine_months hoặc year/);
  });

  it('makes a round from a period key', { timeout: T_TEST }, async () => {
    const spec = roundSpec(['P51-SVHTTDL'], { period: '2026-H1', due: '2026-06-20' });
    delete spec.period_start; delete spec.period_end;
    const made = ok(await coord.post('/api/v1/rounds', spec), 'round by period', [201]);
    const round = ok(await coord.get(`/api/v1/rounds/${made.id}`), 'GET round');
    assert.equal(round.period_start, '2025-12-15');
    assert.equal(round.period_end, '2026-06-14');
    // Both forms at once, or a key that names no period: 400.
    assertError(await coord.post('/api/v1/rounds', { ...spec, period_start: '2026-01-01', period_end: '2026-06-30' }),
      400, null, 'period and dates');
    assertError(await coord.post('/api/v1/rounds', { ...spec, period_start: '2026-01-01' }), 400, null, 'period and start');
    for (const bad of ['2026-H3', 'H1', '2026-M13', 42]) {
      const r = await coord.post('/api/v1/rounds', { ...spec, period: bad });
      assertError(r, 400, null, `period ${bad}`);
      assert.match(r.json.error.message, /mã kỳ báo cáo/);
    }
    // The typed form still works.
    ok(await coord.post('/api/v1/rounds', roundSpec(['P51-SVHTTDL'], { period_start: '2026-01-01', period_end: '2026-03-14', due: '2026-03-31' })), 'round by dates', [201]);
  });

  it('refuses a due day before today unless allow_past_due is true', { timeout: T_TEST }, async () => {
    const spec = roundSpec(['P51-SVHTTDL'], { period_start: '2025-12-15', period_end: '2026-03-01', due: '2026-03-09' });
    const r = await coord.post('/api/v1/rounds', spec);
    assertError(r, 400, null, 'past due');
    assert.match(r.json.error.message, /Hạn nộp 09\/03\/2026 đã qua \(hôm nay là 10\/03\/2026\)/);
    assertError(await coord.post('/api/v1/rounds', { ...spec, allow_past_due: false }), 400, null, 'false');
    assertError(await coord.post('/api/v1/rounds', { ...spec, allow_past_due: 'yes' }), 400, null, 'not a boolean');
    const before = ok(await coord.get('/api/v1/rounds'), 'list').length;
    ok(await coord.post('/api/v1/rounds', { ...spec, allow_past_due: true }), 'confirmed past due', [201]);
    ok(await coord.post('/api/v1/rounds', { ...spec, due: '2026-03-10' }), 'due today', [201]);
    assert.equal(ok(await coord.get('/api/v1/rounds'), 'list').length, before + 2);
  });

  it('the new round page: a period select of this year and the last, past due refused', { timeout: T_TEST }, async () => {
    const form = (body) => coord.request('POST', '/rounds', {
      body: body.toString(), contentType: 'application/x-www-form-urlencoded',
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
    const page = (await coord.get('/rounds/new')).text;
    assert.match(page, /<select id="period" name="period" data-period>/);
    assert.match(page, /<optgroup label="Năm 2026">/);
    assert.match(page, /<optgroup label="Năm 2025">/);
    assert.doesNotMatch(page, /<optgroup label="Năm 2027">/);
    assert.match(page, /<option value="2026-H1" data-start="2025-12-15" data-end="2026-06-14">6 tháng đầu năm 2026 \(15\/12\/2025 – 14\/06\/2026\)<\/option>/);
    assert.match(page, /<option value="2025-Q4" data-start="2025-09-15" data-end="2025-12-14">Quý IV năm 2025/);
    assert.equal((page.match(/<option value="202[56]-/g) || []).length, 40);
    // The typed days are no longer required in the page (a period may stand for them).
    assert.doesNotMatch(page, /id="period_start"[^>]*required/);

    const base = (over) => {
      const b = new URLSearchParams({ csrf: coord.csrf, title: 'Đợt theo kỳ', due: '20/06/2026', sections: 'Kết quả', ...over });
      b.append('org', 'P51-SVHTTDL');
      return b;
    };
    // Without JavaScript: the period alone.
    let r = await form(base({ period: '2026-H1' }));
    assert.equal(r.status, 303, r.text.slice(0, 500));
    const id = Number(/\/rounds\/(\d+)/.exec(r.headers.location)[1]);
    const g = ok(await coord.get(`/api/v1/rounds/${id}`), 'round');
    assert.deepEqual([g.period_start, g.period_end], ['2025-12-15', '2026-06-14']);
    // With JavaScript the days are filled in too, and agree.
    r = await form(base({ period: '2026-Q1', period_start: '15/12/2025', period_end: '14/03/2026' }));
    assert.equal(r.status, 303, r.text.slice(0, 500));
    // Days that disagree with the period, or a period that is none: refused, the choice kept.
    r = await form(base({ period: '2026-Q1', period_start: '01/01/2026', period_end: '14/03/2026' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert">Ngày đã nhập không khớp với kỳ “Quý I năm 2026”/);
    assert.match(r.text, /<option value="2026-Q1"[^>]* selected>/);
    r = await form(base({ period: '2026-H9' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert">Kỳ báo cáo được chọn không hợp lệ/);
    // Neither a period nor days: the days are asked for.
    r = await form(base({}));
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert">Kỳ báo cáo từ ngày/);
    // A due day before today (10/03/2026) is refused on the page.
    r = await form(base({ period: '2026-M02', due: '09/03/2026' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert">Hạn nộp 09\/03\/2026 đã qua \(hôm nay là 10\/03\/2026\)/);
    r = await form(base({ period: '2026-M02', due: '10/03/2026' }));
    assert.equal(r.status, 303, r.text.slice(0, 500));
  });
});
