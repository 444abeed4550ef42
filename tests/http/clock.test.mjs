// clock.test.mjs - one clock: TTDN_NOW fixes "now" for the server, its
// workers and every subcommand. Deadlines (a due day ends at 24:00 Vietnam
// time), audit entries, submission times and command-line changes all
// carry that time; a TTDN_NOW that is not an ISO 8601 time with a zone
// stops `ttdn serve` before it listens.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, departmentsOf, roundSpec, createRound, rp, runCli,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

const MORNING_AFTER = '2026-06-18T08:00:00+07:00'; // 2026-06-18T01:00:00Z
const LATE_EVENING = '2026-06-17T23:00:00+07:00'; // 2026-06-17T16:00:00Z

describe('TTDN_NOW: one clock for server and command line', { timeout: T_FILE }, () => {
  let env;
  let coord; let admin;
  let deps;
  let id;

  before(async () => {
    env = await setup({
      users: [{ login: 'coord51', org: 'P51', role: 'coordinator' }, { login: 'admin51', org: 'P51', role: 'admin' }],
      env: { TTDN_NOW: MORNING_AFTER },
    });
    coord = await login(env.server, env.users.coord51);
    admin = await login(env.server, env.users.admin51);
    deps = (await departmentsOf(coord, 'P51', 2)).slice(0, 2);
    for (const d of deps) env.users[d.code] = await addUser(env.db, `rep-${d.code.toLowerCase()}`, d.code, 'reporter');
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  const spec = () => roundSpec(deps.map((d) => d.code), {
    title: 'Báo cáo hạn 17/6/2026', period_start: '2026-01-01', period_end: '2026-06-15', due: '2026-06-17',
    allow_past_due: true, // made the morning after its due day
  });

  it('the morning after the due day, unsent reports are overdue', { timeout: T_TEST }, async () => {
    id = await createRound(coord, spec());
    const c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.equal(c.expected, 2);
    assert.equal(c.overdue, 2, JSON.stringify(c));
    assert.equal(c.not_due, 0, JSON.stringify(c));
    const page = await coord.get(`/rounds/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Quá hạn chưa nộp/);
  });

  it('the audit entry of that change carries the fixed time', { timeout: T_TEST }, async () => {
    const log = ok(await admin.get('/api/v1/audit?limit=1000'), 'audit');
    const e = log.find((x) => x.action === 'round.create' && String(x.entity_id) === String(id));
    assert.ok(e, `no round.create entry: ${JSON.stringify(log.slice(0, 3))}`);
    assert.equal(e.at, '2026-06-18T01:00:00Z');
  });

  it('at 23:00 on the due day nothing is due yet, and a report sent then is on time', { timeout: T_TEST }, async () => {
    await env.server.stop('SIGTERM');
    env.server.env = { TTDN_NOW: LATE_EVENING };
    await env.server.start();
    coord = await login(env.server, env.users.coord51);
    const c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.equal(c.not_due, 2, JSON.stringify(c));
    assert.equal(c.overdue, 0, JSON.stringify(c));
    const rep = await login(env.server, env.users[deps[0].code]);
    ok(await rep.put(rp(id, deps[0].code), { texts: { tinh_hinh: 'Đã đón 2 đoàn.' }, counts: { doan_vao: 2 } }), 'save');
    ok(await rep.post(rp(id, deps[0].code, '/submit'), {}), 'submit');
    const got = ok(await rep.get(rp(id, deps[0].code)), 'report');
    const report = got.report || got;
    assert.equal(report.submitted_at, '2026-06-17T16:00:00Z', JSON.stringify(got).slice(0, 400));
    const c2 = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.equal(c2.submitted_on_time, 1, JSON.stringify(c2));
    assert.equal(c2.not_due, 1, JSON.stringify(c2));
  });

  it('a command-line change stamps TTDN_NOW', { timeout: T_TEST }, async () => {
    await runCli(['user', 'add', '--login', 'clock-cli', '--org', 'P51', '--role', 'viewer', '--db', env.db],
      { input: 'mật khẩu đủ dài 123\n', env: { TTDN_NOW: '2026-01-01T03:04:05+07:00' } })
      .then((r) => assert.equal(r.code, 0, r.stderr));
    admin = await login(env.server, env.users.admin51);
    const users = ok(await admin.get('/api/v1/users'), 'users');
    const u = users.find((x) => x.login === 'clock-cli');
    assert.ok(u, 'user created');
    assert.equal(u.created_at, '2025-12-31T20:04:05Z');
    const log = ok(await admin.get('/api/v1/audit?limit=1000'), 'audit');
    const e = log.find((x) => x.action === 'user.create' && x.after && x.after.login === 'clock-cli');
    assert.ok(e, 'user.create entry');
    assert.equal(e.login, 'system');
    assert.equal(e.at, '2025-12-31T20:04:05Z');
  });

  it('a TTDN_NOW that is not an ISO time with a zone stops serve with a message', { timeout: T_TEST }, async () => {
    for (const bad of ['18/06/2026', '2026-06-18T08:00:00', '2026-02-30T08:00:00Z']) {
      const r = await runCli(['serve', '--db', env.db, '--listen', '127.0.0.1:0', '--workers', '0'],
        { env: { TTDN_NOW: bad }, timeout: 60_000 });
      assert.notEqual(r.code, 0, `serve with TTDN_NOW=${bad} must not start`);
      assert.equal(r.signal, null, `serve with TTDN_NOW=${bad} must exit by itself`);
      assert.match(r.stderr, /TTDN_NOW/);
    }
    const r = await runCli(['org', 'show', 'P51', '--db', env.db], { env: { TTDN_NOW: 'tomorrow' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /TTDN_NOW/);
  });
});
