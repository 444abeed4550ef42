// admin.test.mjs - accounts and the audit trail: creating users, changing
// roles and locking, resetting passwords (CLI and admin page), and who may
// read the audit trail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, teardown, login, loginRaw, runCli, cli, request, assertError, passwordOf, T_FILE, T_TEST } from './harness.mjs';

describe('accounts and audit', { timeout: T_FILE }, () => {
  let env, admin, coord;
  before(async () => {
    env = await setup({ users: [
      { login: 'boss', org: 'P51', role: 'admin' },
      { login: 'dp', org: 'P51', role: 'coordinator' },
      { login: 'staff', org: 'P51-SNV', role: 'reporter' },
    ] });
    admin = await login(env.server, env.users.boss);
    coord = await login(env.server, env.users.dp);
  });
  after(async () => { await teardown(env); });

  it('admin creates a user; bad logins, roles and bodies are refused', { timeout: T_TEST }, async () => {
    const ok = await admin.post('/api/v1/users', { login: 'newbie', password: 'mat-khau-moi-1', org_code: 'P51-STC', role: 'reporter' });
    assert.equal(ok.status, 201, ok.text);
    const list = await admin.get('/api/v1/users');
    const u = list.json.find((x) => x.login === 'newbie');
    assert.equal(u.org_code, 'P51-STC');
    assert.equal(u.role, 'reporter');
    assertError(await admin.post('/api/v1/users', { login: 'newbie', password: 'mat-khau-moi-1', org_code: 'P51', role: 'viewer' }), 409, 'conflict', 'duplicate');
    assertError(await admin.post('/api/v1/users', { login: 'Bad Login', password: 'mat-khau-moi-1', org_code: 'P51', role: 'viewer' }), 400, 'invalid', 'login');
    assertError(await admin.post('/api/v1/users', { login: 'x1', password: 'short', org_code: 'P51', role: 'viewer' }), 400, 'invalid', 'password');
    assertError(await admin.post('/api/v1/users', { login: 'x2', password: 'mat-khau-moi-1', org_code: 'NOPE', role: 'viewer' }), 400, 'invalid', 'org');
    assertError(await admin.post('/api/v1/users', { login: 'x3', password: 'mat-khau-moi-1', org_code: 'P51', role: 'king' }), 400, 'invalid', 'role');
    assertError(await coord.post('/api/v1/users', { login: 'x4', password: 'mat-khau-moi-1', org_code: 'P51', role: 'admin' }), 403, 'forbidden', 'coordinator');
  });

  it('declared inputs: each wrong or missing field is named in the message', { timeout: T_TEST }, async () => {
    const base = { login: 'x5', password: 'mat-khau-moi-1', org_code: 'P51', role: 'viewer' };
    const cases = [
      [{ ...base, login: 5 }, /"login" phải là chuỗi/],
      [{ ...base, password: undefined }, /Thiếu trường "password"/],
      [{ ...base, role: ['admin'] }, /"role" phải là chuỗi/],
      [{ ...base, name: 'x'.repeat(300) }, /"name" dài quá 200 byte/],
    ];
    for (const [body, msg] of cases) {
      const r = await admin.post('/api/v1/users', body);
      assertError(r, 400, 'invalid', JSON.stringify(body).slice(0, 60));
      assert.match(r.json.error.message, msg);
    }
    const notObject = await admin.request('POST', '/api/v1/users', { body: '[1,2]' });
    assertError(notObject, 400, 'invalid', 'an array body');
    assert.equal((await admin.get('/api/v1/users')).json.filter((u) => u.login === 'x5').length, 0, 'nothing created');
    // Query parameters: decimal integers in range; a large page size is cut.
    for (const q of ['limit=abc', 'limit=-1', 'limit=0', 'offset=1e3', 'limit=0x10']) {
      const r = await admin.get(`/api/v1/audit?${q}`);
      assertError(r, 400, 'invalid', q);
      assert.match(r.json.error.message, /"(limit|offset)"/, q);
    }
    const big = await admin.get('/api/v1/audit?limit=5000');
    assert.equal(big.status, 200);
    assert.ok(big.json.length <= 1000);
    for (const q of ['year=20x6', 'year=1800', 'limit=ten']) assertError(await admin.get(`/api/v1/documents?${q}`), 400, 'invalid', q);
    assert.equal((await admin.get('/api/v1/documents?year=2019&limit=5')).status, 200);
  });

  it('locking ends sessions; a role-only change keeps the lock', { timeout: T_TEST }, async () => {
    const staff = await login(env.server, env.users.staff);
    assert.equal((await staff.get('/api/v1/me')).status, 200);
    assert.equal((await admin.put('/api/v1/users/staff', { disabled: true })).status, 200);
    assertError(await staff.get('/api/v1/me'), 401, 'unauthenticated', 'locked session');
    assertError(await loginRaw(env.server, 'staff', passwordOf('staff')), 401, 'unauthenticated', 'locked login');
    assert.equal((await admin.put('/api/v1/users/staff', { role: 'viewer' })).status, 200);
    const u = (await admin.get('/api/v1/users')).json.find((x) => x.login === 'staff');
    assert.equal(u.role, 'viewer');
    assert.equal(u.disabled, true, 'still locked');
    assert.equal((await admin.put('/api/v1/users/staff', { disabled: false })).status, 200);
    assert.equal((await loginRaw(env.server, 'staff', passwordOf('staff'))).status, 200);
    assertError(await admin.put('/api/v1/users/boss', { role: 'viewer' }), 409, 'conflict', 'demote self');
    assertError(await admin.put('/api/v1/users/nobody', { role: 'viewer' }), 404, 'not_found', 'unknown');
    assertError(await admin.put('/api/v1/users/staff', { disabled: 'yes' }), 400, 'invalid', 'wrong type');
  });

  it('a password reset by the CLI ends the old password and sessions', { timeout: T_TEST }, async () => {
    const dp2 = await login(env.server, env.users.dp);
    const r = await runCli(['user', 'passwd', '--login', 'dp', '--db', env.db], { input: 'mat-khau-dat-lai-1\n' });
    assert.equal(r.code, 0, r.stderr);
    assertError(await dp2.get('/api/v1/me'), 401, 'unauthenticated', 'old session');
    assertError(await loginRaw(env.server, 'dp', passwordOf('dp')), 401, 'unauthenticated', 'old password');
    assert.equal((await loginRaw(env.server, 'dp', 'mat-khau-dat-lai-1')).status, 200);
    const bad = await runCli(['user', 'passwd', '--login', 'ghost', '--db', env.db], { input: 'mat-khau-dat-lai-1\n' });
    assert.equal(bad.code, 1);
  });

  it('the audit trail records changes and only admins read it', { timeout: T_TEST }, async () => {
    const a = await admin.get('/api/v1/audit?limit=5000');
    assert.equal(a.status, 200);
    assert.ok(a.json.length <= 1000);
    const actions = a.json.map((e) => e.action);
    for (const want of ['user.create', 'user.update', 'user.password_reset']) assert.ok(actions.includes(want), want);
    const upd = a.json.find((e) => e.action === 'user.update' && e.after && e.after.role === 'viewer' && e.before.role !== e.after.role);
    assert.equal(upd.login, 'boss');
    assert.equal(upd.before.role, 'reporter');
    const staff = await login(env.server, env.users.staff);
    assertError(await staff.get('/api/v1/audit'), 403, 'forbidden', 'viewer reads audit');
  });

  it('the audit page names every action in Vietnamese and shows what changed, field by field', { timeout: T_TEST }, async () => {
    // Every action code the code records has a Vietnamese name on the page.
    const core = path.resolve('src/core');
    const codes = new Set();
    for (const f of fs.readdirSync(core).filter((x) => x.endsWith('.c')))
      for (const m of fs.readFileSync(path.join(core, f), 'utf8').matchAll(/"((?:user|org|round|report|document|plan|task|activity)\.[a-z_]+)"/g))
        codes.add(m[1]);
    assert.ok(codes.size >= 15, [...codes].join(' '));
    const ui = fs.readFileSync(path.resolve('src/web/ui_admin.c'), 'utf8');
    for (const c of codes) assert.match(ui, new RegExp(`\\{"${c.replace('.', '\\.')}", N_\\("[^"]+"\\)\\}`), `no Vietnamese name for ${c}`);
    const page = await admin.get('/admin/audit');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /"audit-action"[^>]*>\s*<code>/, 'no action shown as a code');
    assert.match(page.text, /data-action="user\.create">Tạo tài khoản</);
    assert.match(page.text, /data-action="user\.update">Đổi vai trò hoặc khóa tài khoản</);
    // A readable diff instead of raw JSON: the role went from reporter to viewer.
    assert.match(page.text, /<li><b>Vai trò:<\/b> <del>Cán bộ báo cáo<\/del> → <ins>Lãnh đạo \(xem\)<\/ins><\/li>/);
    assert.match(page.text, /<li><b>Bị khóa:<\/b> <del>không<\/del> → <ins>có<\/ins><\/li>/);
    assert.doesNotMatch(page.text, /\{&quot;|\{"role"/, 'no raw JSON');
    // A field that did not change is left out of the diff.
    const row = page.text.split('<tr>').find((t) => t.includes('<del>Cán bộ báo cáo</del> → <ins>Lãnh đạo (xem)</ins>'));
    assert.doesNotMatch(row, /Bị khóa/);
  });

  it('the password form asks for the new password twice and the server checks it', { timeout: T_TEST }, async () => {
    await cli(['user', 'add', '--login', 'doi-mk', '--org', 'P51-SNV', '--role', 'reporter', '--db', env.db], { input: 'mat-khau-cu-123\n' });
    const u = await login(env.server, { login: 'doi-mk', password: 'mat-khau-cu-123' });
    const page = await u.get('/account/password');
    assert.match(page.text, /<label for="new2">Nhập lại mật khẩu mới<\/label><input type="password" id="new2" name="new_password2"/);
    const post = (fields) => u.request('POST', '/account/password', {
      body: new URLSearchParams({ csrf: u.csrf, ...fields }).toString(), contentType: 'application/x-www-form-urlencoded',
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
    const differ = await post({ old_password: 'mat-khau-cu-123', new_password: 'mat-khau-moi-456', new_password2: 'mat-khau-moi-465' });
    assert.equal(differ.status, 400, differ.text.slice(0, 300));
    assert.match(differ.text, /role="alert">Hai lần nhập mật khẩu mới không giống nhau/);
    const missing = await post({ old_password: 'mat-khau-cu-123', new_password: 'mat-khau-moi-456' });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /Nhập lại mật khẩu mới/);
    assert.equal((await loginRaw(env.server, 'doi-mk', 'mat-khau-cu-123')).status, 200, 'the old password still works');
    assertError(await loginRaw(env.server, 'doi-mk', 'mat-khau-moi-456'), 401, 'unauthenticated', 'not changed');
    const same = await post({ old_password: 'mat-khau-cu-123', new_password: 'mat-khau-moi-456', new_password2: 'mat-khau-moi-456' });
    assert.equal(same.status, 303, same.text.slice(0, 300));
    assert.equal((await loginRaw(env.server, 'doi-mk', 'mat-khau-moi-456')).status, 200);
  });

  it('the login page says whom to ask for a forgotten password, the same for every visitor', { timeout: T_TEST }, async () => {
    await cli(['user', 'add', '--login', 'qtv-snv', '--name', 'Trần Thị Quản Trị', '--org', 'P51-SNV', '--role', 'admin', '--db', env.db],
      { input: 'mat-khau-qtv-123\n' });
    const a = await request(env.server, 'GET', '/login');
    assert.equal(a.status, 200);
    assert.match(a.text, /<details class="forgot" id="forgot"><summary>Quên mật khẩu\?<\/summary>/);
    const admins = a.text.split('<ul id="admins">')[1].split('</ul>')[0];
    assert.match(admins, /<li><b>Trần Thị Quản Trị<\/b> – Sở Nội vụ[^<]*<\/li>/);
    assert.doesNotMatch(admins, /qtv-snv|boss|staff/, 'no login is shown');
    // Nothing typed changes the answer: no way to learn which logins exist.
    const b = await request(env.server, 'GET', '/login?login=khong-co-ai');
    const c = await request(env.server, 'GET', '/login?login=staff');
    const help = (t) => t.split('<details class="forgot"')[1];
    assert.equal(help(b.text), help(a.text));
    assert.equal(help(c.text), help(a.text));
  });
});
