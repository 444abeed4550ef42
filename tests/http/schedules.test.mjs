// schedules.test.mjs - reporting regimes and levels, with TTDN_NOW:
// a schedule opens its round on the cut-off day, once (a second tick and two
// racing ticks open nothing more), never for periods that ended before it
// was made; a round is copied to another period; the ministry (Cục Thông
// tin cơ sở và Thông tin đối ngoại) asks all 34 provinces, a province's
// coordinator sees only its own report there, and the ministry drills down
// into a province's own round of the period; an indicator compared across
// the 2025 merger counts Kon Tum 2024 under Quảng Ngãi.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, ok, assertError, departmentsOf, runCli, watchServer, addUser, dbQuery, Server, T_FILE, T_TEST,
} from './harness.mjs';

const SERVER_NOW = '2026-06-10T08:00:00+07:00';
const MINISTRY = 'BVHTTDL-CTTCSDN';

describe('schedules, ticks, copies and the ministry level', { timeout: T_FILE }, () => {
  let env, coord, other, mcoord, rep, A, B, sid, monthly, opened;
  const tick = (now) => runCli(['tick', '--db', env.db], { env: { TTDN_NOW: now } });
  const rounds = async (s = coord) => ok(await s.get('/api/v1/rounds'), 'rounds');
  const spec = (over = {}) => ({
    title: 'Báo cáo công tác thông tin đối ngoại',
    kinds: ['half_year', 'year'],
    orgs: [A.code, B.code],
    sections: [{ key: 'ket_qua', heading: 'Kết quả thực hiện' }],
    counts: [{ key: 'hoc_vien', name: 'Số học viên được bồi dưỡng', indicator: 'training.people' }],
    due_days: 5,
    up_due_days: 10,
    ...over,
  });

  before(async () => {
    env = await setup({
      users: [
        { login: 'sc-coord', org: 'P51', role: 'coordinator' },
        { login: 'sc-other', org: 'P01', role: 'coordinator' },
      ],
      env: { TTDN_NOW: SERVER_NOW },
    });
    // the ministry level (part of `ttdn setup`, not of the demo template)
    const m = await runCli(['org', 'add-ministry', '--db', env.db]);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /4 ministry bodies/);
    env.users['sc-ministry'] = await addUser(env.db, 'sc-ministry', MINISTRY, 'coordinator');
    coord = await login(env.server, env.users['sc-coord']);
    other = await login(env.server, env.users['sc-other']);
    mcoord = await login(env.server, env.users['sc-ministry']);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.rep = await addUser(env.db, 'sc-rep', A.code, 'reporter');
    rep = await login(env.server, env.users.rep);
  });
  after(() => teardown(env));
  watchServer(() => env);

  it('makes a schedule, and refuses bad ones with a Vietnamese message', { timeout: T_TEST }, async () => {
    const c = ok(await coord.post('/api/v1/schedules', spec()), 'create', [201]);
    sid = c.id;
    const s = ok(await coord.get(`/api/v1/schedules/${sid}`), 'get');
    assert.deepEqual(s.kinds, ['half_year', 'year']);
    assert.equal(s.starts_on, '2026-06-10');
    assert.equal(s.due_days, 5);
    assert.equal(s.up_due_days, 10);
    assert.deepEqual(s.orgs, [A.code, B.code]);
    assert.equal(s.counts[0].unit, 'người', 'the indicator gives its unit');
    assert.equal(s.can_edit, true);
    const bad = [
      [spec({ up_due_days: 5 }), 400, /cấp trên/],
      [spec({ kinds: ['week'] }), 400, /Loại kỳ/],
      [spec({ kinds: [] }), 400, /loại kỳ/],
      [spec({ due_days: 0 }), 400, /due_days/],
      [spec({ title: '  ' }), 400, /tên lịch/],
      [spec({ orgs: ['P01'] }), 403, /phạm vi/],
      [spec({ counts: [{ key: 'x', name: 'X', indicator: 'nope' }] }), 400, /nope/],
    ];
    for (const [body, status, says] of bad) {
      const r = await coord.post('/api/v1/schedules', body);
      assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
      assert.match(r.json.error.message, says);
    }
    assertError(await rep.post('/api/v1/schedules', spec()), 403, 'forbidden', 'a reporter');
    assertError(await other.get(`/api/v1/schedules/${sid}`), 404, 'not_found', 'another province');
    const list = ok(await coord.get('/api/v1/schedules'), 'list');
    assert.deepEqual(list.map((x) => x.id), [sid]);
    assert.deepEqual(ok(await other.get('/api/v1/schedules'), 'other list'), []);
    // monthly, for the no-backfill and racing checks
    monthly = ok(await coord.post('/api/v1/schedules', spec({ title: 'Báo cáo tháng', kinds: ['month'],
      up_due_days: null })), 'monthly', [201]).id;
    const audit = await runCli(['--version']);
    assert.equal(audit.code, 0);
  });

  it('opens the round on the cut-off day, once, and no past periods', { timeout: T_TEST }, async () => {
    const before = (await rounds()).length;
    let t = await tick('2026-06-13T08:00:00+07:00');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /opened 0 round/);
    assert.equal((await rounds()).length, before, 'nothing before the cut-off');
    t = await tick('2026-06-14T07:00:00+07:00');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /opened 2 round/, 'H1 and the month of June');
    const all = await rounds();
    assert.equal(all.length, before + 2);
    const h1 = all.find((x) => x.title === 'Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2026');
    assert.ok(h1, `H1 round: ${JSON.stringify(all.map((x) => x.title))}`);
    assert.equal(h1.period_start, '2025-12-15');
    assert.equal(h1.period_end, '2026-06-14');
    assert.equal(h1.due, '2026-06-19');
    assert.equal(h1.expected, 2);
    const g = ok(await coord.get(`/api/v1/rounds/${h1.id}`), 'get H1');
    assert.equal(g.schedule_id, sid);
    assert.equal(g.period_key, '2026-H1');
    assert.equal(g.up_due, '2026-06-24');
    assert.equal(g.counts[0].indicator, 'training.people');
    const june = all.find((x) => x.title === 'Báo cáo tháng Tháng 6 năm 2026');
    assert.ok(june, 'the month round');
    // no backfill: January to May 2026 and the year 2025 ended before the schedules
    assert.equal(all.filter((x) => /Báo cáo tháng/.test(x.title)).length, 1);
    assert.ok(!all.some((x) => /Năm 2025/.test(x.title)));
    opened = h1.id;
    // the round page shows both deadlines
    const page = await coord.get(`/rounds/${h1.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="up-due"/);
    assert.match(page.text, /ngày 24 tháng 06 năm 2026/);
    // again, the same day and the next: nothing new
    t = await tick('2026-06-14T20:00:00+07:00');
    assert.match(t.stdout, /opened 0 round\(s\); 2 already open/);
    t = await tick('2026-06-20T08:00:00+07:00');
    assert.match(t.stdout, /opened 0 round/);
    assert.equal((await rounds()).length, before + 2);
  });

  it('two ticks racing open the period once', { timeout: T_TEST }, async () => {
    const before = await rounds();
    const [a, b] = await Promise.all([tick('2026-07-14T08:00:00+07:00'), tick('2026-07-14T08:00:00+07:00')]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const n = [a, b].map((t) => Number(/opened (\d+)/.exec(t.stdout)[1]));
    assert.equal(n[0] + n[1], 1, `${a.stdout} / ${b.stdout}`);
    const all = await rounds();
    assert.equal(all.length, before.length + 1);
    assert.equal(all.filter((x) => x.title === 'Báo cáo tháng Tháng 7 năm 2026').length, 1);
    // a round deleted by hand is not opened again by the next tick
    const july = all.find((x) => x.title === 'Báo cáo tháng Tháng 7 năm 2026');
    const pg = /^postgres(ql)?:\/\//.test(env.db);
    await dbQuery(env.db, `${pg ? '' : 'PRAGMA foreign_keys=ON; '}DELETE FROM round WHERE id = ${Number(july.id)}`);
    const t = await tick('2026-07-20T08:00:00+07:00');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /opened 0 round/);
    assert.ok(!(await rounds()).some((x) => x.title === 'Báo cáo tháng Tháng 7 năm 2026'));
  });

  it('an inactive or deleted schedule opens nothing; edits are audited', { timeout: T_TEST }, async () => {
    const s = ok(await coord.get(`/api/v1/schedules/${monthly}`), 'get');
    const put = ok(await coord.put(`/api/v1/schedules/${monthly}`, { ...spec({ title: s.title, kinds: ['month'],
      up_due_days: null }), active: false }), 'pause');
    assert.equal(put.active, false);
    assert.equal(put.version, 2);
    const t = await tick('2026-08-14T08:00:00+07:00');
    assert.doesNotMatch((await rounds()).map((x) => x.title).join('|'), /Tháng 8 năm 2026/);
    assert.equal(t.code, 0);
    assertError(await other.request('DELETE', `/api/v1/schedules/${monthly}`), 404, 'not_found', 'other deletes');
    ok(await coord.request('DELETE', `/api/v1/schedules/${monthly}`), 'delete');
    assertError(await coord.get(`/api/v1/schedules/${monthly}`), 404, 'not_found', 'deleted');
    assert.ok((await rounds()).some((x) => x.title === 'Báo cáo tháng Tháng 6 năm 2026'), 'its rounds stay');
    const admin = await addUser(env.db, 'sc-admin', 'P51', 'admin');
    const as = await login(env.server, admin);
    const audit = ok(await as.get('/api/v1/audit?limit=200'), 'audit');
    const rows = Array.isArray(audit) ? audit : audit.items || audit.entries;
    for (const a of ['schedule.create', 'schedule.update', 'schedule.delete']) {
      assert.ok(rows.some((e) => e.action === a), `${a} audited`);
    }
    assert.ok(rows.some((e) => e.action === 'round.create' && e.login === 'system'), 'the tick audited as the system');
  });

  it('copies a round to another period', { timeout: T_TEST }, async () => {
    const c = ok(await coord.post(`/api/v1/rounds/${opened}/copy`, { period: '2026-H2' }), 'copy', [201]);
    const g = ok(await coord.get(`/api/v1/rounds/${c.id}`), 'get copy');
    assert.equal(g.title, 'Báo cáo công tác thông tin đối ngoại 6 tháng cuối năm 2026');
    assert.equal(g.period_start, '2026-06-15');
    assert.equal(g.period_end, '2026-12-14');
    assert.equal(g.due, '2026-12-19', 'the same 5 days after the cut-off');
    assert.deepEqual(g.sections.map((s) => s.key), ['ket_qua']);
    assert.equal(g.counts[0].indicator, 'training.people');
    assert.equal(g.schedule_id, null);
    const reps = ok(await coord.get(`/api/v1/rounds/${c.id}/reports`), 'reports');
    assert.deepEqual(reps.map((x) => x.org_code).sort(), [A.code, B.code].sort());
    assertError(await coord.post(`/api/v1/rounds/${opened}/copy`, { period: '2026-X9' }), 400, 'invalid', 'bad period');
    assertError(await coord.post(`/api/v1/rounds/${opened}/copy`, { period: '2026-H2', period_start: '2026-06-15' }),
      400, 'invalid', 'both');
    const r = await rep.post(`/api/v1/rounds/${opened}/copy`, { period: '2026-H2' });
    assert.ok([403, 404].includes(r.status), `a reporter copies: ${r.status}`);
    assertError(await other.post(`/api/v1/rounds/${opened}/copy`, { period: '2026-H2' }), 404, 'not_found', 'other');
  });

  it('the ministry asks all 34 provinces and drills down', { timeout: T_TEST }, async () => {
    const provinces = ok(await mcoord.get('/api/v1/ministry/provinces'), 'provinces');
    assert.equal(provinces.length, 34);
    assert.ok(provinces.some((p) => p.code === 'P51'));
    const before2025 = ok(await mcoord.get('/api/v1/ministry/provinces?at=2025-04-01'), 'old map');
    assert.equal(before2025.length, 63);
    assert.deepEqual(ok(await coord.get('/api/v1/ministry/provinces'), 'a province asks'), []);
    const form = await mcoord.get('/rounds/new');
    assert.equal(form.status, 200);
    assert.match(form.text, /Tất cả tỉnh, thành phố/);
    assert.equal((form.text.match(/data-group="reporting"/g) || []).length, 34);
    assert.doesNotMatch((await coord.get('/rounds/new')).text, /id="provinces"/);
    const m = ok(await mcoord.post('/api/v1/rounds', {
      title: 'Báo cáo công tác thông tin đối ngoại của các tỉnh 6 tháng đầu năm 2026', period: '2026-H1',
      due: '2026-06-30', orgs: 'all_provinces', sections: [{ key: 'ket_qua', heading: 'Kết quả' }],
    }), 'ministry round', [201]);
    const mr = ok(await mcoord.get(`/api/v1/rounds/${m.id}`), 'get');
    assert.equal(mr.expected, 34);
    assert.equal(mr.owner_code, MINISTRY);
    // a province may not ask the others
    const pr = await coord.post('/api/v1/rounds', { title: 'x', period: '2026-H1', due: '2026-06-30',
      orgs: ['P01'], sections: [{ key: 'a', heading: 'A' }] });
    assert.equal(pr.status, 403, pr.text);
    // each province sees its own report only
    ok(await coord.get(`/api/v1/rounds/${m.id}/reports/P51`), 'own report');
    assertError(await coord.get(`/api/v1/rounds/${m.id}/reports/P01`), 404, 'not_found', 'another province');
    const theirs = ok(await coord.get(`/api/v1/rounds/${m.id}/reports`), 'reports of P51');
    assert.deepEqual(theirs.map((x) => x.org_code), ['P51']);
    assert.ok([403, 404].includes((await coord.get(`/api/v1/rounds/${m.id}/consolidated`)).status));
    // drill-down: P51's own H1 round (opened by its schedule)
    const drill = ok(await mcoord.get(`/api/v1/rounds/${m.id}/drill`), 'drill');
    assert.equal(drill.length, 34);
    const p51 = drill.find((d) => d.org_code === 'P51');
    assert.equal(p51.own_round.id, opened);
    assert.equal(p51.own_round.expected, 2);
    assert.ok(drill.filter((d) => d.own_round).length === 1);
    ok(await mcoord.get(`/api/v1/rounds/${opened}/consolidated`), 'the ministry reads P51 consolidated');
    ok(await mcoord.get(`/api/v1/rounds/${opened}`), 'and the round');
    assertError(await other.get(`/api/v1/rounds/${opened}`), 404, 'not_found', 'P01 does not see P51');
    assertError(await other.get(`/api/v1/rounds/${opened}/consolidated`), 404, 'not_found', 'nor its view');
    const put = await mcoord.put(`/api/v1/rounds/${opened}/reports/${A.code}`, { texts: { ket_qua: 'x' } });
    assert.ok([403, 404].includes(put.status), `the ministry does not write a body's report: ${put.status}`);
    assert.ok([403, 404].includes((await coord.get(`/api/v1/rounds/${m.id}/drill`)).status), 'P51 no drill');
    const page = await mcoord.get(`/rounds/${m.id}`);
    assert.match(page.text, new RegExp(`/rounds/${opened}/consolidated`));
    const cons = await mcoord.get(`/rounds/${m.id}/consolidated`);
    assert.equal(cons.status, 200);
    assert.match(cons.text, /id="drill"/);
    assert.match(cons.text, new RegExp(`href="/rounds/${m.id}/reports/P51"`));
    assert.match(cons.text, new RegExp(`href="/rounds/${opened}/consolidated"`));
    assert.equal((await mcoord.get(`/rounds/${opened}/consolidated`)).status, 200, 'the page of P51 too');
    assert.doesNotMatch((await coord.get(`/rounds/${opened}/consolidated`)).text, /id="drill"/);
  });

  it('compares an indicator across the 2025 merger', { timeout: T_TEST }, async () => {
    const rows = [['sc-kt', 'OP-KON-TUM', '2024-05-01', 30], ['sc-qn', 'OP-QUANG-NGAI', '2024-06-01', 12],
      ['sc-qn2', 'OP-QUANG-NGAI', '2023-05-01', 99], ['sc-new', 'P51', '2025-09-01', 7]];
    for (const [login_, org, day, people] of rows) {
      const u = await addUser(env.db, login_, org, 'reporter');
      const s = await login(env.server, u);
      ok(await s.post('/api/v1/activities', { type: 'training', title: 'Lớp bồi dưỡng', start_on: day, people }),
        `activity of ${org}`, [201]);
    }
    const c = ok(await mcoord.get('/api/v1/indicators/training.people/compare?years=2024,2025&at=2026-01-01'),
      'compare');
    assert.deepEqual(c.years, [2024, 2025]);
    assert.equal(c.rows.length, 34);
    const qn = c.rows.find((x) => x.code === 'P51');
    assert.equal(qn.values['2024'], 42, 'Kon Tum 30 + Quảng Ngãi 12');
    assert.equal(qn.values['2025'], 7);
    assert.match(qn.sources['2024'], /Kon Tum/);
    assert.match(qn.sources['2024'], /Quảng Ngãi/);
    const mine = ok(await coord.get('/api/v1/indicators/training.people/compare?years=2024&at=2026-01-01'), 'P51');
    assert.deepEqual(mine.rows.map((x) => x.code), ['P51'], 'a province sees its own row');
    assertError(await coord.get('/api/v1/indicators/training.people/compare?years=20x4'), 400, 'invalid', 'years');
    assertError(await coord.get('/api/v1/indicators/nope/compare?years=2024'), 404, 'not_found', 'indicator');
    const page = await mcoord.get('/indicators/training.people/compare?years=2024,2025&at=2026-01-01');
    assert.equal(page.status, 200);
    assert.match(page.text, /Kon Tum/);
  });

  it('the server ticks by itself when it starts', { timeout: T_TEST }, async () => {
    const title = 'Báo cáo công tác thông tin đối ngoại Năm 2026';
    const count = async () => Number(await dbQuery(env.db, `SELECT count(*) FROM round WHERE title = '${title}'`));
    assert.equal(await count(), 0);
    const second = new Server(env.db);
    second.env = { TTDN_NOW: '2026-12-14T09:00:00+07:00', TTDN_WORKERS: '0' };
    await second.start();
    try {
      let n = 0;
      for (let i = 0; i < 100 && n === 0; i++) {
        await new Promise((res) => setTimeout(res, 200));
        n = await count();
      }
      assert.equal(n, 1, `the year's round opened on its cut-off day\n${second.stderr.slice(-2000)}`);
    } finally {
      await second.stopClean();
    }
    const t = await tick('2026-12-14T10:00:00+07:00');
    assert.match(t.stdout, /opened 0 round/, 'and the CLI finds it open');
    assert.equal(await count(), 1);
  });

  it('the schedules page lists and edits', { timeout: T_TEST }, async () => {
    const page = await coord.get('/schedules');
    assert.equal(page.status, 200);
    assert.match(page.text, /Báo cáo công tác thông tin đối ngoại/);
    assert.match((await coord.get('/rounds')).text, /href="\/schedules"/);
    const one = await coord.get(`/schedules/${sid}`);
    assert.equal(one.status, 200);
    assert.match(one.text, /id="schedule-form"/);
  });
});
