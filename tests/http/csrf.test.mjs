// csrf.test.mjs - every change needs the session's own X-CSRF-Token: none,
// a wrong one or another session's one gives 403 {code: "csrf"} and
// changes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

describe('CSRF', { timeout: T_FILE }, () => {
  let env;
  let coord; let coord2; let repA; let repA2; let repB;
  let A; let B;
  let id;
  const draftA = { sections: { tinh_hinh: 'Bản gốc của A.' }, counts: { doan_vao: 2, tin_bai: 3 } };
  const changed = { sections: { tinh_hinh: 'ĐÃ BỊ SỬA' }, counts: { doan_vao: 99, tin_bai: 99 } };

  before(async () => {
    env = await setup({ users: [{ login: 'coord51', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.coord51);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.repA = await addUser(env.db, 'rep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'rep-b', B.code, 'reporter');
    [coord2, repA, repA2, repB] = await Promise.all([
      login(env.server, env.users.coord51), // a second session of the same user
      login(env.server, env.users.repA),
      login(env.server, env.users.repA),
      login(env.server, env.users.repB),
    ]);
    assert.notEqual(coord.csrf, coord2.csrf, 'each session has its own CSRF token');
    assert.notEqual(repA.csrf, repA2.csrf, 'each session has its own CSRF token');
    id = await createRound(coord, roundSpec([A.code, B.code]));
    ok(await repA.put(rp(id, A.code), draftA), 'PUT A', [200, 204]);
    ok(await repB.put(rp(id, B.code), draftA), 'PUT B', [200, 204]);
    ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  // Variants of a bad token for a session s; `other` is a different session.
  const variants = (s, other, another) => [
    ['no token', null],
    ['empty token', ''],
    ["another user's token", other.csrf],
    ["another session's token of the same user", another.csrf],
    ['a made-up token', 'f'.repeat(s.csrf.length)],
    ['a truncated token', s.csrf.slice(0, -1)],
    ['the token with a suffix', s.csrf + '0'],
  ];

  const stateA = async () => ok(await repA.get(rp(id, A.code)), 'GET A');
  const stateB = async () => ok(await coord.get(rp(id, B.code)), 'GET B');

  async function probeNoRound(roundId) {
    const r = await coord.get(`/api/v1/rounds/${roundId}/reports`);
    assert.equal(r.status, 404, `no round ${roundId} may exist: ${r.status} ${r.text.slice(0, 200)}`);
  }

  it('POST /api/v1/rounds', { timeout: T_TEST }, async () => {
    for (const [what, tok] of variants(coord, repA, coord2)) {
      assertError(await coord.post('/api/v1/rounds', roundSpec([A.code], { title: `CSRF ${what}` }), { csrf: tok }),
        403, 'csrf', `create round with ${what}`);
    }
    // Nothing was created: the next id is still free, then a real create takes it.
    const probe = Number(id) + 1;
    await probeNoRound(probe);
    const nid = await createRound(coord, roundSpec([A.code], { title: 'Tạo thật' }));
    assert.equal(Number(nid), probe, 'the refused creates took no ids');
  });

  it('PUT a report', { timeout: T_TEST }, async () => {
    for (const [what, tok] of variants(repA, repB, repA2)) {
      assertError(await repA.put(rp(id, A.code), changed, { csrf: tok }), 403, 'csrf', `PUT with ${what}`);
    }
    const a = await stateA();
    assert.equal(a.sections.tinh_hinh, draftA.sections.tinh_hinh);
    assert.equal(a.counts.doan_vao, 2);
    assert.equal(a.status, 'draft');
  });

  it('POST submit', { timeout: T_TEST }, async () => {
    for (const [what, tok] of variants(repA, repB, repA2)) {
      assertError(await repA.post(rp(id, A.code, '/submit'), undefined, { csrf: tok }), 403, 'csrf', `submit with ${what}`);
    }
    const a = await stateA();
    assert.equal(a.status, 'draft');
    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'list');
    assert.ok(!list.find((r) => r.org_code === A.code).submitted_at, 'A has no submitted_at');
    const c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.equal(c.submitted_on_time, 1, 'only B submitted');
  });

  it('POST return', { timeout: T_TEST }, async () => {
    for (const [what, tok] of variants(coord, repA, coord2)) {
      assertError(await coord.post(rp(id, B.code, '/return'), { comment: 'Trả lại' }, { csrf: tok }), 403, 'csrf',
        `return with ${what}`);
    }
    const b = await stateB();
    assert.equal(b.status, 'submitted');
    assert.ok(!b.return_comment, 'no return comment');
  });

  it('the token is accepted in the right session (control)', { timeout: T_TEST }, async () => {
    ok(await repA2.put(rp(id, A.code), { sections: { tinh_hinh: 'Phiên thứ hai.' }, counts: { doan_vao: 4 } }),
      'PUT with second session and its own token', [200, 204]);
    assert.equal((await stateA()).sections.tinh_hinh, 'Phiên thứ hai.');
  });

  it('POST logout without the token does not end the session', { timeout: T_TEST }, async () => {
    for (const [what, tok] of variants(repA2, repB, repA)) {
      assertError(await repA2.post('/api/v1/logout', undefined, { csrf: tok }), 403, 'csrf', `logout with ${what}`);
    }
    ok(await repA2.get(rp(id, A.code)), 'session still alive after refused logouts');
  });

  it('a token in the query string or body does not count', { timeout: T_TEST }, async () => {
    assertError(await repA.put(`${rp(id, A.code)}?csrf_token=${repA.csrf}`, changed, { csrf: null }), 403, 'csrf',
      'token in query');
    assertError(await repA.put(rp(id, A.code), { ...changed, csrf_token: repA.csrf }, { csrf: null }), 403, 'csrf',
      'token in body');
    assert.equal((await stateA()).sections.tinh_hinh, 'Phiên thứ hai.');
  });

  it('login needs no token', { timeout: T_TEST }, async () => {
    await login(env.server, env.users.repB);
  });
});
