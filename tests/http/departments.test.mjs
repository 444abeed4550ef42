// departments.test.mjs - `ttdn org add-departments` on the real registry:
// the standard bodies of a former province with their 2025 history, added
// once (running it again changes nothing), and what the API then shows of
// who carries a 2019 body today.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, login, ok, runCli, cli, dbQuery, watchServer, T_FILE, T_TEST } from './harness.mjs';

describe('org add-departments', { timeout: T_FILE }, () => {
  let env;
  let s;
  const count = async () => Number(await dbQuery(env.db, 'SELECT COUNT(*) FROM org'));
  const links = async () => Number(await dbQuery(env.db, 'SELECT COUNT(*) FROM org_successor'));

  before(async () => {
    env = await setup({ users: [{ login: 'xem', org: 'P51', role: 'viewer' }] });
    s = await login(env.server, env.users.xem);
  });
  after(async () => teardown(env));
  watchServer(() => env);

  it('adds the bodies of Quảng Bình at 2019-01-01 once; again changes nothing', { timeout: T_TEST }, async () => {
    const before0 = await count();
    const r1 = await cli(['org', 'add-departments', 'OP-QUANG-BINH', '--at', '2019-01-01', '--db', env.db]);
    const n1 = Number(/added (\d+) bodies/.exec(r1.stdout)?.[1]);
    assert.ok(n1 > 25, `created: ${r1.stdout}`);
    const after1 = await count();
    assert.equal(after1, before0 + n1);
    const links1 = await links();
    const r2 = await cli(['org', 'add-departments', 'OP-QUANG-BINH', '--at', '2019-01-01', '--db', env.db]);
    assert.match(r2.stdout, /added 0 bodies/);
    assert.equal(await count(), after1);
    assert.equal(await links(), links1);
    // The 2019 Sở TT&TT of Quảng Bình is carried today by Quảng Trị's bodies.
    const st = ok(await s.get('/api/v1/orgs/OP-QUANG-BINH-STTTT'), 'OP-QUANG-BINH-STTTT');
    assert.equal(st.name, 'Sở Thông tin và Truyền thông tỉnh Quảng Bình');
    assert.equal(st.valid_to, '2025-02-28');
    const today = ok(await s.get('/api/v1/orgs/OP-QUANG-BINH-STTTT/successors'), 'successors');
    const names = today.map((o) => o.name).sort();
    assert.deepEqual(names, ['Sở Khoa học và Công nghệ tỉnh Quảng Trị', 'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị']);
  });

  it('the demo has Kon Tum of 2019: its Sở TT&TT passes to Quảng Ngãi', { timeout: T_TEST }, async () => {
    const today = ok(await s.get('/api/v1/orgs/OP-KON-TUM-STTTT/successors'), 'successors');
    const codes = today.map((o) => o.code).sort();
    assert.deepEqual(codes, ['P51-SKHCN', 'P51-SVHTTDL']);
    const r = await cli(['org', 'add-departments', 'OP-KON-TUM', '--at', '2019-01-01', '--db', env.db]);
    assert.match(r.stdout, /added 0 bodies/);
  });

  it('bad input: unknown code, bad date, missing --at, a date after the province ended', { timeout: T_TEST }, async () => {
    const before0 = await count();
    const bad = [
      [['NOPE'], 1, /NOPE/],
      [['OP-KON-TUM', '--at', '2019-02-30'], 1, /YYYY-MM-DD/],
      [['OP-KON-TUM'], 2, /--at/],
      [['OP-KON-TUM', '--at', '2026-01-01'], 1, /2025-06-30/],
      [['X23293', '--at', '2026-01-01'], 1, /tỉnh/],
    ];
    for (const [args, code, msg] of bad) {
      const full = ['org', 'add-departments', ...args, '--db', env.db];
      if (!args.includes('--at') && code === 1) full.push('--at', '2019-01-01');
      const r = await runCli(full);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stdout} ${r.stderr}`);
      assert.match(r.stderr, msg, args.join(' '));
    }
    assert.equal(await count(), before0);
  });
});
