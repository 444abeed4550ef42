// badinput.test.mjs - what the API refuses: malformed JSON, invalid UTF-8,
// oversize bodies, wrong types and values, unknown rounds and bodies,
// state conflicts, and repeated wrong passwords.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, loginRaw, addUser, ok, request, assertError, departmentsOf, roundSpec, createRound, rp,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

describe('bad input', { timeout: T_FILE }, () => {
  let env;
  let coord; let repA; let repB;
  let A; let B;
  let id;
  const draftA = { sections: { tinh_hinh: 'Nội dung gốc.', kien_nghi: 'Kiến nghị gốc.' }, counts: { doan_vao: 7, tin_bai: 8 } };

  before(async () => {
    env = await setup({
      users: [
        { login: 'coord51', org: 'P51', role: 'coordinator' },
        { login: 'victim', org: 'P51', role: 'viewer' },
      ],
    });
    coord = await login(env.server, env.users.coord51);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.repA = await addUser(env.db, 'rep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'rep-b', B.code, 'reporter');
    [repA, repB] = await Promise.all([login(env.server, env.users.repA), login(env.server, env.users.repB)]);
    id = await createRound(coord, roundSpec([A.code, B.code]));
    ok(await repA.put(rp(id, A.code), draftA), 'PUT A', [200, 204]);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  async function assertAUnchanged(what) {
    const a = ok(await repA.get(rp(id, A.code)), `GET A after ${what}`);
    assert.equal(a.status, 'draft', `${what}: status`);
    assert.deepEqual(a.sections.tinh_hinh, draftA.sections.tinh_hinh, `${what}: text unchanged`);
    assert.deepEqual(a.sections.kien_nghi, draftA.sections.kien_nghi, `${what}: text unchanged`);
    assert.equal(a.counts.doan_vao, 7, `${what}: count unchanged`);
    assert.equal(a.counts.tin_bai, 8, `${what}: count unchanged`);
  }

  describe('malformed bodies', () => {
    it('malformed JSON -> 400 invalid_json', { timeout: T_TEST }, async () => {
      const bad = ['{"sections": {"tinh_hinh": "x"', '{sections: 1}', 'not json at all', '{"a":1}}', '[1,2,', '{"a":1,}'];
      for (const body of bad) {
        assertError(await repA.put(rp(id, A.code), undefined, { body }), 400, 'invalid_json', `PUT ${JSON.stringify(body)}`);
      }
      assertError(await coord.post('/api/v1/rounds', undefined, { body: '{"title": "x",' }), 400, 'invalid_json', 'POST rounds');
      assertError(await coord.post(rp(id, A.code, '/return'), undefined, { body: '{"comment": ' }), [400, 409], null,
        'POST return malformed');
      assertError(await request(env.server, 'POST', '/api/v1/login', { body: '{"login": "repA", "password": ' }),
        400, 'invalid_json', 'POST login malformed');
      await assertAUnchanged('malformed JSON');
    });

    it('invalid UTF-8 inside a JSON string -> 400 invalid_utf8', { timeout: T_TEST }, async () => {
      const cases = [
        Buffer.from([0xff, 0xfe]),             // never valid
        Buffer.from([0xc3]),                   // truncated sequence
        Buffer.from([0xc0, 0xaf]),             // overlong '/'
        Buffer.from([0xed, 0xa0, 0x80]),       // UTF-16 surrogate
        Buffer.from([0xe1, 0xbb]),             // truncated "ệ"
      ];
      for (const bytes of cases) {
        const body = Buffer.concat([
          Buffer.from('{"sections": {"tinh_hinh": "Tỉnh ', 'utf8'), bytes,
          Buffer.from(' Quảng Ngãi"}, "counts": {"doan_vao": 1}}', 'utf8'),
        ]);
        assertError(await repA.put(rp(id, A.code), undefined, { body }), 400, 'invalid_utf8', `PUT with bytes ${bytes.toString('hex')}`);
      }
      const body = Buffer.concat([Buffer.from('{"title": "Vòng ', 'utf8'), Buffer.from([0xfe]), Buffer.from('", "period_start": "2026-01-01"}')]);
      assertError(await coord.post('/api/v1/rounds', undefined, { body }), 400, 'invalid_utf8', 'POST rounds with bad bytes');
      await assertAUnchanged('invalid UTF-8');
    });

    it('a 2 MiB body -> 413 too_large', { timeout: T_TEST }, async () => {
      const big = JSON.stringify({ sections: { tinh_hinh: 'a'.repeat(2 * 1024 * 1024) }, counts: { doan_vao: 1 } });
      assertError(await repA.put(rp(id, A.code), undefined, { body: big }), 413, 'too_large', 'PUT 2 MiB');
      const bigRound = JSON.stringify(roundSpec([A.code], { title: 'x'.repeat(2 * 1024 * 1024) }));
      assertError(await coord.post('/api/v1/rounds', undefined, { body: bigRound }), 413, 'too_large', 'POST rounds 2 MiB');
      await assertAUnchanged('oversize body');
      // The server is still healthy and the session still valid.
      ok(await repA.get(rp(id, A.code)), 'GET after 413');
    });

    it('the limit is 1 MiB: exactly 1 MiB is parsed, one byte more is 413', { timeout: T_TEST }, async () => {
      const MiB = 1024 * 1024;
      // A valid report padded with JSON whitespace to an exact size, so
      // only the size of the body is at stake (not a section's length).
      const make = (size) => {
        const json = JSON.stringify(draftA);
        const b = json.slice(0, -1) + ' '.repeat(size - Buffer.byteLength(json)) + '}';
        assert.equal(Buffer.byteLength(b), size);
        return b;
      };
      ok(await repA.put(rp(id, A.code), undefined, { body: make(MiB) }), 'PUT exactly 1 MiB', [200, 204]);
      await assertAUnchanged('exactly 1 MiB');
      assertError(await repA.put(rp(id, A.code), undefined, { body: make(MiB + 1) }), 413, 'too_large', 'PUT 1 MiB + 1');
      await assertAUnchanged('1 MiB + 1');
    });

    it('a chunked body (no Content-Length) is read', { timeout: T_TEST }, async () => {
      const body = JSON.stringify({ sections: { tinh_hinh: 'Gửi theo từng khúc.' }, counts: { doan_vao: 9 } });
      ok(await repB.put(rp(id, B.code), undefined, { body, chunked: true }), 'chunked PUT', [200, 204]);
      const b = ok(await repB.get(rp(id, B.code)), 'GET B');
      assert.equal(b.sections.tinh_hinh, 'Gửi theo từng khúc.');
      assert.equal(b.counts.doan_vao, 9);
    });

    it('a 2 MiB chunked body (no Content-Length) -> 413 too_large', { timeout: T_TEST }, async () => {
      const big = JSON.stringify({ sections: { tinh_hinh: 'b'.repeat(2 * 1024 * 1024) }, counts: {} });
      assertError(await repA.put(rp(id, A.code), undefined, { body: big, chunked: true }), 413, 'too_large', 'chunked PUT 2 MiB');
      await assertAUnchanged('chunked oversize body');
      ok(await repA.get(rp(id, A.code)), 'GET after chunked 413');
    });

    it('a body just under 1 MiB is not refused as too large', { timeout: T_TEST }, async () => {
      // 150 kB of text: well within both the body limit and a section's limit.
      const text = 'Văn bản dài. '.repeat(10_000);
      const r = await repB.put(rp(id, B.code), { sections: { tinh_hinh: text }, counts: {} });
      ok(r, 'PUT 150 kB', [200, 204]);
      assert.equal(ok(await repB.get(rp(id, B.code)), 'GET B').sections.tinh_hinh, text);
    });
  });

  describe('wrong types and values in a report', () => {
    const cases = [
      ['sections is an array', { sections: ['a', 'b'], counts: {} }],
      ['sections is a string', { sections: 'Nội dung', counts: {} }],
      ['a section text is a number', { sections: { tinh_hinh: 5 }, counts: {} }],
      ['counts is an array', { sections: {}, counts: [1, 2] }],
      ['a count is "abc"', { sections: {}, counts: { doan_vao: 'abc' } }],
      ['a count is a numeric string', { sections: {}, counts: { doan_vao: '12' } }],
      ['a count is negative', { sections: {}, counts: { doan_vao: -1 } }],
      ['a count is a tiny negative', { sections: {}, counts: { tin_bai: -0.5 } }],
      ['a count is true', { sections: {}, counts: { doan_vao: true } }],
      ['a count is an object', { sections: {}, counts: { doan_vao: { n: 1 } } }],
      ['an unknown section key', { sections: { khong_co: 'x' }, counts: {} }],
      ['an unknown count key', { sections: {}, counts: { khong_co: 1 } }],
      ['the body is an array', [{ sections: {} }]],
      ['the body is a number', 42],
    ];
    for (const [what, body] of cases) {
      it(`${what} -> 400`, { timeout: T_TEST }, async () => {
        assertError(await repA.put(rp(id, A.code), body), 400, null, `PUT ${what}`);
        await assertAUnchanged(what);
      });
    }
  });

  describe('wrong round specs', () => {
    const base = () => roundSpec([]);
    let nextRoundId;
    before(() => { nextRoundId = Number(id) + 1; });
    const cases = [
      ['missing title', (s) => { delete s.title; }],
      ['empty title', (s) => { s.title = '   '; }],
      ['title is a number', (s) => { s.title = 12; }],
      ['bad date 2026-02-30', (s) => { s.due = '2026-02-30'; }],
      ['bad date 2025-13-01', (s) => { s.period_start = '2025-13-01'; }],
      ['date not ISO (30/09/2025)', (s) => { s.period_end = '30/09/2025'; }],
      ['period_start after period_end', (s) => { s.period_start = '2025-10-01'; s.period_end = '2025-09-01'; }],
      ['missing due', (s) => { delete s.due; }],
      ['orgs not a list', (s) => { s.orgs = 'P51-SNV'; }],
      ['no orgs', (s) => { s.orgs = []; }],
      ['unknown org code', (s) => { s.orgs = [s.orgs[0], 'P51-KHONG-CO']; }],
      ['sections not a list', (s) => { s.sections = { tinh_hinh: 'x' }; }],
      ['section without key', (s) => { s.sections = [{ heading: 'Không có khoá' }]; }],
      ['duplicate section key', (s) => { s.sections = [{ key: 'a', heading: 'A' }, { key: 'a', heading: 'B' }]; }],
      ['counts not a list', (s) => { s.counts = 'abc'; }],
    ];
    for (const [what, mutate] of cases) {
      it(`${what} -> 400`, { timeout: T_TEST }, async () => {
        const spec = base();
        spec.orgs = [A.code];
        mutate(spec);
        const r = await coord.post('/api/v1/rounds', spec);
        // If the server wrongly created it, later probes look past it.
        const created = [200, 201].includes(r.status) && r.json && r.json.id;
        const probeId = nextRoundId;
        if (created) nextRoundId = Number(r.json.id) + 1;
        assertError(r, 400, null, `POST rounds: ${what}`);
        // Nothing was created.
        const probe = await coord.get(`/api/v1/rounds/${probeId}/reports`);
        assert.equal(probe.status, 404, `${what}: no round was created (round ${probeId}: ${probe.status})`);
      });
    }
  });

  describe('unknown things', () => {
    it('unknown round id -> 404', { timeout: T_TEST }, async () => {
      const n = 987654;
      assertError(await coord.get(`/api/v1/rounds/${n}/reports`), 404, null, 'reports');
      assertError(await coord.get(`/api/v1/rounds/${n}/completeness`), 404, null, 'completeness');
      assertError(await coord.get(`/api/v1/rounds/${n}/consolidated`), 404, null, 'consolidated');
      assertError(await coord.get(rp(n, A.code)), 404, null, 'report');
      assertError(await repA.put(rp(n, A.code), { sections: {}, counts: {} }), 404, null, 'PUT');
      assertError(await repA.post(rp(n, A.code, '/submit')), 404, null, 'submit');
      assertError(await coord.post(rp(n, A.code, '/return'), { comment: 'x' }), 404, null, 'return');
    });

    it('non-numeric or odd round ids -> 404 or 400', { timeout: T_TEST }, async () => {
      for (const bad of ['abc', '1abc', '-1', '0', '1.5', '99999999999999999999999', '%00', '1%2F2']) {
        assertError(await coord.get(`/api/v1/rounds/${bad}/reports`), [400, 404], null, `round id ${bad}`);
        assertError(await repA.put(rp(bad, A.code), { sections: {}, counts: {} }), [400, 404], null, `PUT round id ${bad}`);
      }
    });

    it('unknown org in a report path -> 404', { timeout: T_TEST }, async () => {
      assertError(await coord.get(rp(id, 'P51-KHONG-CO')), [403, 404], null, 'report of unknown org');
      assertError(await coord.get(rp(id, 'P01')), [403, 404], null, 'report of an org not asked');
    });

    it('unknown org code -> 404 for GET /api/v1/orgs/{code}', { timeout: T_TEST }, async () => {
      assertError(await coord.get('/api/v1/orgs/KHONG-CO'), 404, null, 'org');
      assertError(await coord.get('/api/v1/orgs/KHONG-CO/successors'), 404, null, 'successors');
    });

    it('an unknown API path -> 404 JSON', { timeout: T_TEST }, async () => {
      assertError(await coord.get('/api/v1/khong-co'), 404, null, 'unknown path');
    });
  });

  describe('state conflicts', () => {
    it('submit twice -> 409; save after submit -> 409', { timeout: T_TEST }, async () => {
      ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: 'B nộp.' }, counts: { doan_vao: 1 } }), 'PUT B', [200, 204]);
      ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
      const first = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'list').find((r) => r.org_code === B.code);
      assertError(await repB.post(rp(id, B.code, '/submit')), 409, null, 'submit twice');
      assertError(await repB.put(rp(id, B.code), { sections: { tinh_hinh: 'sửa sau khi nộp' }, counts: {} }), 409, null,
        'save after submit');
      const b = ok(await repB.get(rp(id, B.code)), 'GET B');
      assert.equal(b.status, 'submitted');
      assert.equal(b.sections.tinh_hinh, 'B nộp.');
      const again = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'list').find((r) => r.org_code === B.code);
      assert.equal(again.submitted_at, first.submitted_at, 'the refused submit did not move submitted_at');
    });

    it('return needs a non-empty comment -> 400', { timeout: T_TEST }, async () => {
      for (const body of [{}, { comment: '' }, { comment: '   \n\t' }, { comment: 5 }, { comment: null }]) {
        assertError(await coord.post(rp(id, B.code, '/return'), body), 400, null, `return ${JSON.stringify(body)}`);
      }
      assert.equal(ok(await repB.get(rp(id, B.code)), 'GET B').status, 'submitted');
    });

    it('returning a draft is refused (409 or 400)', { timeout: T_TEST }, async () => {
      assertError(await coord.post(rp(id, A.code, '/return'), { comment: 'Trả bản nháp?' }), [400, 409], null, 'return a draft');
      await assertAUnchanged('return of a draft');
    });
  });

  describe('login', () => {
    it('wrong password -> 401 without a session cookie', { timeout: T_TEST }, async () => {
      const r = await loginRaw(env.server, 'rep-a', 'mật-khẩu-sai-12345');
      assertError(r, 401, null, 'wrong password');
      assert.ok(!r.setCookies.some((c) => /=[^;]+/.test(c.split(';')[0]) && !/max-age=0|expires=thu, 01 jan 1970/i.test(c)),
        `no session cookie on failure: ${r.setCookies}`);
      assertError(await loginRaw(env.server, 'khong-ton-tai', 'mat-khau-bat-ky'), 401, null, 'unknown login');
    });

    it('missing fields -> 400 or 401', { timeout: T_TEST }, async () => {
      assertError(await request(env.server, 'POST', '/api/v1/login', { json: { login: 'rep-a' } }), [400, 401], null, 'no password');
      assertError(await request(env.server, 'POST', '/api/v1/login', { json: { password: 'x' } }), [400, 401], null, 'no login');
      assertError(await request(env.server, 'POST', '/api/v1/login', { json: { login: 5, password: [] } }), [400, 401], null,
        'wrong types');
    });

    it('5+ wrong passwords -> throttled (429) even with the right password', { timeout: T_TEST }, async () => {
      const u = env.users.victim;
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const r = await loginRaw(env.server, u.login, `sai-mat-khau-${i}-xyz`);
        statuses.push(r.status);
        assert.ok([401, 429].includes(r.status), `wrong password #${i + 1}: ${r.status} ${r.text}`);
        assertError(r, [401, 429], null, `wrong password #${i + 1}`);
      }
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], `the first five failures are 401: ${statuses}`);
      const r = await loginRaw(env.server, u.login, u.password);
      assertError(r, 429, null, 'right password after 6 failures');
      assert.ok(!r.json.csrf_token, 'no token while throttled');
      // Other accounts are not locked out by it.
      await login(env.server, env.users.repB);
    });
  });
});
