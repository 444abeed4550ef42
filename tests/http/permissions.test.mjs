// permissions.test.mjs - who may do what: reporters only their own body's
// report, viewers read only, coordinators only their own province's rounds,
// nobody without a session, and a logged-out cookie is dead.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, request,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

describe('permissions', { timeout: T_FILE }, () => {
  let env;
  let coord51; let coord01; let repA; let repB; let viewer; let admin;
  let A; let B; let C;
  let id; // round of coord51 for A, B, C
  let hnCommunes; // two communes of Hà Nội

  const draftA = { sections: { tinh_hinh: 'Bản nháp của A.' }, counts: { doan_vao: 1, tin_bai: 2 } };
  const draftB = { sections: { tinh_hinh: 'Bản nháp của B.' }, counts: { doan_vao: 5, tin_bai: 6 } };

  before(async () => {
    env = await setup({
      users: [
        { login: 'coord51', org: 'P51', role: 'coordinator' },
        { login: 'coord01', org: 'P01', role: 'coordinator' },
        { login: 'viewer51', org: 'P51', role: 'viewer' },
        { login: 'admin01', org: 'P01', role: 'admin' },
      ],
    });
    coord51 = await login(env.server, env.users.coord51);
    [A, B, C] = await departmentsOf(coord51, 'P51', 3);
    env.users.repA = await addUser(env.db, 'rep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'rep-b', B.code, 'reporter');
    [coord01, repA, repB, viewer, admin] = await Promise.all([
      login(env.server, env.users.coord01),
      login(env.server, env.users.repA),
      login(env.server, env.users.repB),
      login(env.server, env.users.viewer51),
      login(env.server, env.users.admin01),
    ]);
    id = await createRound(coord51, roundSpec([A.code, B.code, C.code]));
    ok(await repA.put(rp(id, A.code), draftA), 'PUT A', [200, 204]);
    ok(await repB.put(rp(id, B.code), draftB), 'PUT B', [200, 204]);

    const hn = ok(await coord01.get('/api/v1/orgs?kind=commune&at=2026-01-01&limit=1000'), 'communes');
    hnCommunes = hn.filter((o) => o.parent_code === 'P01').slice(0, 2).map((o) => o.code);
    assert.equal(hnCommunes.length, 2, 'Hà Nội has communes');
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  const reportB = async () => ok(await coord51.get(rp(id, B.code)), 'coordinator GET B');

  describe('reporter of A', () => {
    it('reads and saves its own report', { timeout: T_TEST }, async () => {
      const a = ok(await repA.get(rp(id, A.code)), 'GET own');
      assert.equal(a.sections.tinh_hinh, draftA.sections.tinh_hinh);
    });

    it("cannot read, save or submit B's report", { timeout: T_TEST }, async () => {
      assertError(await repA.get(rp(id, B.code)), [403, 404], null, 'GET B as A');
      assertError(await repA.put(rp(id, B.code), { sections: { tinh_hinh: 'A ghi đè B' }, counts: { doan_vao: 99 } }),
        [403, 404], null, 'PUT B as A');
      assertError(await repA.post(rp(id, B.code, '/submit')), [403, 404], null, 'submit B as A');
      const b = await reportB();
      assert.equal(b.status, 'draft', 'B still a draft');
      assert.equal(b.sections.tinh_hinh, draftB.sections.tinh_hinh, 'B text untouched');
      assert.equal(b.counts.doan_vao, 5, 'B count untouched');
    });

    it('sees only its own body in the reports list (or is refused the list)', { timeout: T_TEST }, async () => {
      const r = await repA.get(`/api/v1/rounds/${id}/reports`);
      if (r.status === 200) {
        assert.ok(Array.isArray(r.json));
        assert.deepEqual(r.json.map((x) => x.org_code), [A.code], 'a reporter sees only its own body in the list');
      } else {
        assertError(r, [403, 404], null, 'reports list as reporter');
      }
    });

    it('has no report in a round its body is not asked in', { timeout: T_TEST }, async () => {
      const onlyB = await createRound(coord51, roundSpec([B.code], { title: 'Chỉ hỏi B' }));
      assertError(await repA.get(rp(onlyB, A.code)), [403, 404], null, 'GET own body in a round not asking it');
      assertError(await repA.put(rp(onlyB, A.code), { sections: { tinh_hinh: 'chen vao' }, counts: {} }), [403, 404], null,
        'PUT own body in a round not asking it');
      assertError(await repA.post(rp(onlyB, A.code, '/submit')), [403, 404], null, 'submit in a round not asking it');
      assertError(await repA.get(rp(onlyB, B.code)), [403, 404], null, "GET B's report in a round not asking A");
      const list = ok(await coord51.get(`/api/v1/rounds/${onlyB}/reports`), 'reports of the B-only round');
      assert.deepEqual(list.map((r) => r.org_code), [B.code], 'no report was added for A');
    });

    it('cannot create rounds', { timeout: T_TEST }, async () => {
      assertError(await repA.post('/api/v1/rounds', roundSpec([A.code])), 403, null, 'create as reporter');
    });

    it('cannot return reports, not even its own', { timeout: T_TEST }, async () => {
      ok(await repA.post(rp(id, A.code, '/submit')), 'submit own', [200, 204]);
      assertError(await repA.post(rp(id, A.code, '/return'), { comment: 'tự trả lại' }), 403, null, 'return own as reporter');
      assertError(await repA.post(rp(id, B.code, '/return'), { comment: 'trả lại B' }), [403, 404], null,
        'return B as reporter');
      const a = ok(await repA.get(rp(id, A.code)), 'GET own');
      assert.equal(a.status, 'submitted', 'still submitted');
    });
  });

  describe('viewer of P51', () => {
    it('can GET the lists of P51 rounds', { timeout: T_TEST }, async () => {
      const list = ok(await viewer.get(`/api/v1/rounds/${id}/reports`), 'viewer reports');
      assert.equal(list.length, 3);
      const c = ok(await viewer.get(`/api/v1/rounds/${id}/completeness`), 'viewer completeness');
      assert.equal(c.expected, 3);
      const cons = ok(await viewer.get(`/api/v1/rounds/${id}/consolidated`), 'viewer consolidated');
      assert.equal(cons.counts.doan_vao, 1, 'only submitted A counted');
      ok(await viewer.get('/api/v1/orgs?q=quang%20ngai'), 'viewer orgs');
    });

    it('cannot PUT, submit, create or return', { timeout: T_TEST }, async () => {
      assertError(await viewer.put(rp(id, B.code), { sections: { tinh_hinh: 'viewer' }, counts: {} }), 403, null, 'PUT as viewer');
      assertError(await viewer.post(rp(id, B.code, '/submit')), 403, null, 'submit as viewer');
      assertError(await viewer.post('/api/v1/rounds', roundSpec([A.code])), 403, null, 'create as viewer');
      assertError(await viewer.post(rp(id, A.code, '/return'), { comment: 'viewer trả lại' }), 403, null, 'return as viewer');
      const b = await reportB();
      assert.equal(b.status, 'draft');
      assert.equal(b.sections.tinh_hinh, draftB.sections.tinh_hinh);
      const a = ok(await coord51.get(rp(id, A.code)), 'GET A');
      assert.equal(a.status, 'submitted');
    });
  });

  describe('coordinator of P01 (Hà Nội)', () => {
    it("cannot see, complete or return P51's round", { timeout: T_TEST }, async () => {
      assertError(await coord01.get(`/api/v1/rounds/${id}/reports`), [403, 404], null, 'reports of P51 round');
      assertError(await coord01.get(`/api/v1/rounds/${id}/completeness`), [403, 404], null, 'completeness of P51 round');
      assertError(await coord01.get(`/api/v1/rounds/${id}/consolidated`), [403, 404], null, 'consolidated of P51 round');
      assertError(await coord01.get(rp(id, A.code)), [403, 404], null, 'report of P51 round');
      assertError(await coord01.post(rp(id, A.code, '/return'), { comment: 'Hà Nội trả lại' }), [403, 404], null,
        'return in P51 round');
      assertError(await coord01.put(rp(id, B.code), { sections: { tinh_hinh: 'HN' }, counts: {} }), [403, 404], null,
        'PUT in P51 round');
      assertError(await coord01.post(rp(id, B.code, '/submit')), [403, 404], null, 'submit in P51 round');
      const a = ok(await coord51.get(rp(id, A.code)), 'GET A');
      assert.equal(a.status, 'submitted', 'A not returned');
      assert.equal((await reportB()).status, 'draft');
    });

    it('cannot create a round asking P51 departments', { timeout: T_TEST }, async () => {
      assertError(await coord01.post('/api/v1/rounds', roundSpec([A.code, B.code])), 403, null, 'P01 asks P51 departments');
      assertError(await coord01.post('/api/v1/rounds', roundSpec([hnCommunes[0], A.code])), 403, null,
        'P01 asks its commune and a P51 department');
    });

    it('may create a round for its own communes, which P51 cannot see', { timeout: T_TEST }, async () => {
      const hid = await createRound(coord01, roundSpec(hnCommunes, { title: 'Vòng của Hà Nội' }));
      const list = ok(await coord01.get(`/api/v1/rounds/${hid}/reports`), 'P01 own round');
      assert.deepEqual(list.map((r) => r.org_code).sort(), [...hnCommunes].sort());
      assertError(await coord51.get(`/api/v1/rounds/${hid}/reports`), [403, 404], null, 'P51 sees P01 round');
      assertError(await coord51.get(`/api/v1/rounds/${hid}/completeness`), [403, 404], null, 'P51 completeness of P01 round');
      assertError(await viewer.get(`/api/v1/rounds/${hid}/consolidated`), [403, 404], null, 'P51 viewer P01 round');
      assertError(await repA.get(`/api/v1/rounds/${hid}/reports`), [403, 404], null, 'P51 reporter P01 round');
    });
  });

  describe('coordinator of P51', () => {
    it('cannot create a round asking bodies outside P51', { timeout: T_TEST }, async () => {
      assertError(await coord51.post('/api/v1/rounds', roundSpec([hnCommunes[0]])), 403, null, 'P51 asks a Hà Nội commune');
      assertError(await coord51.post('/api/v1/rounds', roundSpec(['P01'])), 403, null, 'P51 asks Hà Nội itself');
    });

    it('may ask its own communes', { timeout: T_TEST }, async () => {
      const qn = ok(await coord51.get('/api/v1/orgs?kind=commune&at=2026-01-01&limit=1000&offset=0&q=kon%20tum'), 'communes');
      const mine = qn.filter((o) => o.parent_code === 'P51').map((o) => o.code);
      assert.ok(mine.length >= 1, `a commune named Kon Tum under P51: ${JSON.stringify(qn).slice(0, 300)}`);
      await createRound(coord51, roundSpec([mine[0], A.code], { title: 'Vòng cho xã và sở' }));
    });
  });

  describe('admin', () => {
    it('can read and manage any round', { timeout: T_TEST }, async () => {
      const list = ok(await admin.get(`/api/v1/rounds/${id}/reports`), 'admin reports');
      assert.equal(list.length, 3);
      ok(await admin.get(`/api/v1/rounds/${id}/completeness`), 'admin completeness');
      ok(await admin.get(`/api/v1/rounds/${id}/consolidated`), 'admin consolidated');
      const aid = await createRound(admin, roundSpec([A.code, hnCommunes[0]], { title: 'Vòng của quản trị' }));
      assert.ok(aid);
      ok(await admin.post(rp(id, A.code, '/return'), { comment: 'Quản trị trả lại.' }), 'admin returns A', [200, 204]);
      const a = ok(await repA.get(rp(id, A.code)), 'GET A');
      assert.equal(a.status, 'returned');
      assert.equal(a.return_comment, 'Quản trị trả lại.');
    });
  });

  describe('no session', () => {
    it('every API endpoint answers 401', { timeout: T_TEST }, async () => {
      const s = env.server;
      const calls = [
        ['GET', '/api/v1/orgs?q=quang%20ngai'],
        ['GET', '/api/v1/orgs/P51'],
        ['GET', '/api/v1/orgs/OP-KON-TUM/successors'],
        ['POST', '/api/v1/rounds', roundSpec([A.code])],
        ['GET', `/api/v1/rounds/${id}/reports`],
        ['GET', rp(id, B.code)],
        ['PUT', rp(id, B.code), { sections: { tinh_hinh: 'ẩn danh' }, counts: {} }],
        ['POST', rp(id, B.code, '/submit')],
        ['POST', rp(id, A.code, '/return'), { comment: 'ẩn danh' }],
        ['GET', `/api/v1/rounds/${id}/completeness`],
        ['GET', `/api/v1/rounds/${id}/consolidated`],
        ['POST', '/api/v1/logout'],
      ];
      for (const [m, p, json] of calls) {
        assertError(await request(s, m, p, json === undefined ? {} : { json }), 401, null, `${m} ${p} without cookie`);
        // A bogus cookie is no better, even with a token-looking CSRF header.
        const bogus = await request(s, m, p, {
          ...(json === undefined ? {} : { json }),
          headers: { cookie: repB.cookie.replace(/=([^;]*)/, '=' + '0'.repeat(64)), 'x-csrf-token': repB.csrf },
        });
        assertError(bogus, 401, null, `${m} ${p} with a bogus cookie`);
      }
      const b = await reportB();
      assert.equal(b.status, 'draft');
      assert.equal(b.sections.tinh_hinh, draftB.sections.tinh_hinh);
    });
  });

  describe('logout', () => {
    it('the cookie stops working after logout', { timeout: T_TEST }, async () => {
      const s = await login(env.server, env.users.repB);
      ok(await s.get(rp(id, B.code)), 'GET before logout');
      ok(await s.post('/api/v1/logout'), 'logout', [200, 204]);
      assertError(await s.get(rp(id, B.code)), 401, null, 'GET after logout');
      assertError(await s.put(rp(id, B.code), { sections: { tinh_hinh: 'sau khi thoát' }, counts: {} }), 401, null,
        'PUT after logout');
      assertError(await s.get('/api/v1/orgs?q=quang'), 401, null, 'orgs after logout');
      // The other session of the same user is unaffected.
      ok(await repB.get(rp(id, B.code)), 'other session of repB still works');
      assert.equal((await reportB()).sections.tinh_hinh, draftB.sections.tinh_hinh);
    });
  });
});
