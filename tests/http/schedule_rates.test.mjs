// schedule_rates.test.mjs - a regime over time: the rates of the rounds a
// schedule opened, oldest period first, in GET /api/v1/schedules/{id}/rates
// and as a line chart with its table on the schedule page; another
// province's coordinator gets 404.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, ok, assertError, departmentsOf, runCli, watchServer, addUser, rp, T_FILE, T_TEST,
} from './harness.mjs';

describe('the rates of a schedule over its periods', { timeout: T_FILE }, () => {
  let env, coord, other, rep, A, B, sid;
  const tick = (now) => runCli(['tick', '--db', env.db], { env: { TTDN_NOW: now } });

  before(async () => {
    env = await setup({
      users: [
        { login: 'sr-coord', org: 'P51', role: 'coordinator' },
        { login: 'sr-other', org: 'P01', role: 'coordinator' },
      ],
      env: { TTDN_NOW: '2026-06-10T08:00:00+07:00' },
    });
    coord = await login(env.server, env.users['sr-coord']);
    other = await login(env.server, env.users['sr-other']);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.rep = await addUser(env.db, 'sr-rep', A.code, 'reporter');
    rep = await login(env.server, env.users.rep);
    sid = ok(await coord.post('/api/v1/schedules', {
      title: 'Báo cáo tháng',
      kinds: ['month'],
      orgs: [A.code, B.code],
      sections: [{ key: 'ket_qua', heading: 'Kết quả thực hiện' }],
      due_days: 5,
    }), 'schedule', [201]).id;
  });
  after(() => teardown(env));
  watchServer(() => env);

  it('gives one point per round, oldest first, with its rates', { timeout: T_TEST }, async () => {
    const none = ok(await coord.get(`/api/v1/schedules/${sid}/rates`), 'no rounds yet');
    assert.deepEqual(none.rounds, []);
    for (const day of ['2026-06-14T08:00:00+07:00', '2026-07-14T08:00:00+07:00']) {
      const t = await tick(day);
      assert.equal(t.code, 0, t.stderr);
      assert.match(t.stdout, /opened 1 round/);
    }
    const rounds = ok(await coord.get('/api/v1/rounds'), 'rounds').filter((x) => /^Báo cáo tháng/.test(x.title));
    const june = rounds.find((x) => /Tháng 6/.test(x.title));
    assert.ok(june, JSON.stringify(rounds.map((x) => x.title)));
    // A submits June (the server's day is 10/06, before the due day): on time
    ok(await rep.put(rp(june.id, A.code), { sections: { ket_qua: 'Đã đón 2 đoàn.' } }), 'save');
    ok(await rep.post(rp(june.id, A.code, '/submit'), {}), 'submit');
    ok(await coord.post(rp(june.id, A.code, '/approve'), {}), 'approve');

    const r = ok(await coord.get(`/api/v1/schedules/${sid}/rates`), 'rates');
    assert.equal(r.schedule_id, sid);
    assert.deepEqual(r.rounds.map((x) => x.period), ['2026-M06', '2026-M07']);
    assert.deepEqual(r.rounds.map((x) => x.label), ['Tháng 6 năm 2026', 'Tháng 7 năm 2026']);
    const [m6, m7] = r.rounds;
    assert.equal(m6.round_id, june.id);
    assert.deepEqual([m6.expected, m6.submitted, m6.rate, m6.on_time, m6.on_time_rate, m6.approved],
      [2, 1, 50, 1, 50, 1]);
    assert.deepEqual([m7.expected, m7.submitted, m7.rate, m7.on_time, m7.approved], [2, 0, 0, 0, 0]);
  });

  it('draws the line chart and the table on the schedule page', { timeout: T_TEST }, async () => {
    const page = await coord.get(`/schedules/${sid}`);
    assert.equal(page.status, 200);
    const sec = page.text.match(/<section class="card" id="schedule-rates">([\s\S]*?)<\/section>/);
    assert.ok(sec, 'the rates section');
    const svg = sec[1].match(/<svg class="chart lines"[\s\S]*?<\/svg>/);
    assert.ok(svg, 'the line chart');
    assert.equal((svg[0].match(/<polyline /g) || []).length, 2, 'rate and on-time rate');
    assert.equal((svg[0].match(/<circle /g) || []).length, 4, 'two points per line');
    assert.match(svg[0], /Tỷ lệ nộp, Tháng 6 năm 2026: 50%/);
    assert.match(svg[0], /Tỷ lệ nộp đúng hạn, Tháng 7 năm 2026: 0%/);
    assert.match(sec[1], /<td><a href="\/rounds\/\d+">Tháng 6 năm 2026<\/a><\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">50,0%<\/td>/);
  });

  it('shows nothing of it to another province', { timeout: T_TEST }, async () => {
    assertError(await other.get(`/api/v1/schedules/${sid}/rates`), 404, 'not_found', 'another province');
    assertError(await rep.get(`/api/v1/schedules/${sid}/rates`), 404, 'not_found', 'a reporter of a body asked');
    const page = await other.get(`/schedules/${sid}`);
    assert.equal(page.status, 404);
    assert.doesNotMatch(page.text, /schedule-rates/);
  });
});
