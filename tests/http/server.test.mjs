// server.test.mjs - the server itself: health, security headers, cookie
// flags, static assets with ETag, clean shutdown on SIGTERM, and durability
// of a saved report across SIGKILL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, request, Server,
  loginRaw, freshDb, watchServer, T_FILE, T_TEST,
} from './harness.mjs';

function assertSecurityHeaders(res, what) {
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, `${what}: Content-Security-Policy present`);
  assert.match(csp, /frame-ancestors\s+'none'/, `${what}: CSP has frame-ancestors 'none': ${csp}`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok(res.headers['referrer-policy'] && res.headers['referrer-policy'].trim(), `${what}: Referrer-Policy present`);
}

describe('server', { timeout: T_FILE }, () => {
  let env;
  let coord;

  before(async () => {
    env = await setup({ users: [{ login: 'coord51', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.coord51);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('GET /healthz -> 200 without a session', { timeout: T_TEST }, async () => {
    const r = await request(env.server, 'GET', '/healthz');
    assert.equal(r.status, 200, r.text);
  });

  it('security headers on an HTML page', { timeout: T_TEST }, async () => {
    const r = await request(env.server, 'GET', '/login');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers['content-type'] || '', /^text\/html/);
    assert.match(r.headers['content-type'] || '', /charset=utf-8/i);
    assertSecurityHeaders(r, 'GET /login');
  });

  it('security headers on API responses (success and error)', { timeout: T_TEST }, async () => {
    const good = await coord.get('/api/v1/orgs/P51');
    assert.equal(good.status, 200);
    assert.match(good.headers['content-type'] || '', /^application\/json/);
    assertSecurityHeaders(good, 'GET /api/v1/orgs/P51');
    const bad = await request(env.server, 'GET', '/api/v1/orgs/P51');
    assertError(bad, 401, null, 'unauthenticated');
    assert.match(bad.headers['content-type'] || '', /^application\/json/);
    assertSecurityHeaders(bad, '401 from the API');
    const nf = await coord.get('/api/v1/rounds/987654/reports');
    assertError(nf, 404, null, 'unknown round');
    assertSecurityHeaders(nf, '404 from the API');
    const h = await request(env.server, 'GET', '/healthz');
    assertSecurityHeaders(h, '/healthz');
  });

  it('session cookie is HttpOnly and SameSite', { timeout: T_TEST }, async () => {
    const r = await loginRaw(env.server, 'coord51', env.users.coord51.password);
    assert.equal(r.status, 200, r.text);
    const session = r.setCookies.filter((c) => /=[^;]+/.test(c.split(';')[0]));
    assert.ok(session.length >= 1, `a Set-Cookie: ${r.setCookies}`);
    for (const c of session) {
      assert.match(c, /;\s*HttpOnly/i, `HttpOnly: ${c}`);
      assert.match(c, /;\s*SameSite=(Strict|Lax)/i, `SameSite: ${c}`);
      assert.match(c, /;\s*Path=\//i, `Path=/: ${c}`);
      const value = c.split(';')[0].split('=').slice(1).join('=');
      assert.ok(value.length >= 32, `the session token is long: ${value.length}`);
      assert.ok(!value.includes(r.json.csrf_token), 'the cookie is not the CSRF token');
    }
  });

  it('a static asset linked from /login has an ETag; If-None-Match gives 304', { timeout: T_TEST }, async () => {
    const page = await request(env.server, 'GET', '/login');
    assert.equal(page.status, 200);
    const links = [...page.text.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]);
    const css = links.find((l) => /rel=["']?stylesheet/i.test(l));
    assert.ok(css, `a <link rel=stylesheet> on /login: ${links}`);
    const href = /href=["']([^"']+)["']/i.exec(css)[1];
    const url = new URL(href, env.server.base);
    assert.equal(url.origin, new URL(env.server.base).origin, 'the stylesheet is served by ttdn itself');
    const p = url.pathname + url.search;

    const r1 = await request(env.server, 'GET', p);
    assert.equal(r1.status, 200, `GET ${p}`);
    assert.match(r1.headers['content-type'] || '', /^text\/css/);
    assert.ok(r1.buf.length > 0, 'the stylesheet is not empty');
    const etag = r1.headers.etag;
    assert.ok(etag, `ETag on ${p}`);
    assert.match(etag, /^(W\/)?"[^"]+"$/, `ETag is a quoted string: ${etag}`);

    const r2 = await request(env.server, 'GET', p, { headers: { 'if-none-match': etag } });
    assert.equal(r2.status, 304, `If-None-Match ${etag}`);
    assert.equal(r2.buf.length, 0, '304 has no body');
    assert.equal(r2.headers.etag, etag, '304 repeats the ETag');

    const r3 = await request(env.server, 'GET', p, { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(r3.status, 200, 'another ETag gives the full body');
    assert.ok(r3.buf.equals(r1.buf), 'same bytes');
  });

  it('If-None-Match with a list of ETags or * (RFC 9110 13.1.2) gives 304', { timeout: T_TEST }, async () => {
    const page = await request(env.server, 'GET', '/login');
    const css = [...page.text.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]).find((l) => /rel=["']?stylesheet/i.test(l));
    const url = new URL(/href=["']([^"']+)["']/i.exec(css)[1], env.server.base);
    const p = url.pathname + url.search;
    const { etag } = (await request(env.server, 'GET', p)).headers;
    const r4 = await request(env.server, 'GET', p, { headers: { 'if-none-match': `"x", ${etag}` } });
    assert.equal(r4.status, 304, `an ETag in a list matches: If-None-Match: "x", ${etag}`);
    const r5 = await request(env.server, 'GET', p, { headers: { 'if-none-match': '*' } });
    assert.equal(r5.status, 304, 'If-None-Match: * matches an existing asset');
  });

  it('unknown static asset -> 404', { timeout: T_TEST }, async () => {
    const r = await request(env.server, 'GET', '/static/khong-co.css');
    assert.equal(r.status, 404);
    const t = await request(env.server, 'GET', '/static/../../etc/passwd');
    assert.ok([400, 404].includes(t.status), `path traversal: ${t.status}`);
    assert.ok(!/root:/.test(t.text), 'no file outside the assets');
  });

  it('SIGTERM stops the server with exit code 0', { timeout: T_TEST }, async () => {
    const srv = new Server(env.db);
    try {
      await srv.start();
      const h = await request(srv, 'GET', '/healthz');
      assert.equal(h.status, 200);
      const r = await srv.stop('SIGTERM');
      assert.ok(!r.timedOut, `stopped within 30 s after SIGTERM: stderr ${srv.stderr.slice(-2000)}`);
      assert.equal(r.signal, null, `exited by itself, not by a signal: ${JSON.stringify(r)}`);
      assert.equal(r.code, 0, `exit code 0: stderr ${srv.stderr.slice(-2000)}`);
      await assert.rejects(request(srv, 'GET', '/healthz'), 'nothing listens any more');
    } finally {
      await srv.stop('SIGKILL');
    }
  });

  it('SIGTERM while a request is being served still exits 0', { timeout: T_TEST }, async () => {
    const srv = new Server(env.db);
    try {
      await srv.start();
      const s = await login(srv, env.users.coord51);
      const inflight = Promise.allSettled([
        s.get('/api/v1/orgs?kind=commune&limit=1000'),
        s.get('/api/v1/orgs?q=xa&limit=1000'),
      ]);
      await new Promise((res) => setTimeout(res, 20));
      const r = await srv.stop('SIGTERM');
      await inflight;
      assert.ok(!r.timedOut, 'stopped after SIGTERM');
      assert.equal(r.code, 0, `exit code 0: ${JSON.stringify(r)} stderr ${srv.stderr.slice(-2000)}`);
    } finally {
      await srv.stop('SIGKILL');
    }
  });

  it('two servers on one database share sessions and data (stateless app servers)', { timeout: T_TEST }, async () => {
    const [A] = await departmentsOf(coord, 'P51', 1);
    const fresh = await freshDb();
    const one = new Server(fresh.db);
    const two = new Server(fresh.db);
    try {
      await addUser(fresh.db, 'coord51', 'P51', 'coordinator');
      await addUser(fresh.db, 'rep-a', A.code, 'reporter');
      await one.start();
      await two.start();
      assert.notEqual(one.port, two.port);
      const c = await login(one, 'coord51');
      const id = await createRound(c, roundSpec([A.code], { title: 'Hai máy chủ' }));
      // The session cookie and CSRF token made on server one work on server two.
      const viaTwo = await request(two, 'GET', `/api/v1/rounds/${id}`, { headers: { cookie: c.cookie } });
      assert.equal(viaTwo.status, 200, `session of server one on server two: ${viaTwo.status}`);
      assert.equal(viaTwo.json.title, 'Hai máy chủ');
      const rep = await login(two, 'rep-a');
      ok(await rep.put(rp(id, A.code), { sections: { tinh_hinh: 'Lưu qua máy chủ hai.' }, counts: { doan_vao: 3 } }),
        'PUT via two', [200, 204]);
      const seen = await request(one, 'GET', rp(id, A.code), { headers: { cookie: rep.cookie } });
      assert.equal(seen.status, 200, 'the reporter session works on server one');
      assert.equal(seen.json.sections.tinh_hinh, 'Lưu qua máy chủ hai.');
      assert.equal(seen.json.counts.doan_vao, 3);
      // Logging out on one ends the session on both.
      const out = await request(one, 'POST', '/api/v1/logout', { headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf } });
      assert.ok([200, 204].includes(out.status), `logout: ${out.status}`);
      const after = await request(two, 'GET', rp(id, A.code), { headers: { cookie: rep.cookie } });
      assert.equal(after.status, 401, 'a session ended on one server is ended on the other');
      await one.stopClean();
      await two.stopClean();
    } finally {
      await one.stop('SIGKILL');
      await two.stop('SIGKILL');
      await fsp.rm(fresh.dir, { recursive: true, force: true });
    }
  });

  it('a saved report survives SIGKILL of the server', { timeout: T_TEST }, async () => {
    // A database of its own, so no other process keeps it open.
    const [A] = await departmentsOf(coord, 'P51', 1);
    const fresh = await freshDb();
    const srv = new Server(fresh.db);
    let srv2;
    try {
      await addUser(fresh.db, 'coord51', 'P51', 'coordinator');
      await addUser(fresh.db, 'rep-a', A.code, 'reporter');
      await srv.start();
      const c = await login(srv, 'coord51');
      const rep = await login(srv, 'rep-a');
      const id = await createRound(c, roundSpec([A.code], { title: 'Độ bền dữ liệu' }));
      const text = 'Đã lưu trước khi máy chủ bị dừng đột ngột. Ồ! Ừ. Ỷ lại.';
      ok(await rep.put(rp(id, A.code), { sections: { tinh_hinh: text }, counts: { doan_vao: 11, tin_bai: 25 } }),
        'PUT', [200, 204]);
      const k = await srv.stop('SIGKILL');
      assert.equal(k.signal, 'SIGKILL');

      srv2 = new Server(fresh.db);
      await srv2.start();
      const rep2 = await login(srv2, 'rep-a');
      const a = ok(await rep2.get(rp(id, A.code)), 'GET after restart');
      assert.equal(a.sections.tinh_hinh, text);
      assert.equal(a.counts.doan_vao, 11);
      assert.equal(a.counts.tin_bai, 25);
      assert.equal(a.status, 'draft');
      // The old session survives a restart too (sessions live in the DB).
      const viaOld = await request(srv2, 'GET', rp(id, A.code), { headers: { cookie: rep.cookie } });
      assert.equal(viaOld.status, 200, `session from before the restart still valid: ${viaOld.status}`);
      const r = await srv2.stop('SIGTERM');
      assert.equal(r.code, 0, `restarted server exits 0: ${srv2.stderr.slice(-2000)}`);
    } finally {
      await srv.stop('SIGKILL');
      if (srv2) await srv2.stop('SIGKILL');
      await fsp.rm(fresh.dir, { recursive: true, force: true });
    }
  });
});
