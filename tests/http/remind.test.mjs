// remind.test.mjs - reminders by e-mail into a local SMTP sink on loopback:
// `ttdn remind` with TTDN_NOW three days before the due day, on it and after
// it sends one mail of each kind to the reporters (with an address) of the
// bodies that have not submitted, and running it again, even two at once,
// sends nothing new; the coordinator's "Nhắc nhở" button reminds now, needs
// the CSRF token and the round's coordinator; the mail's headers are
// UTF-8-correct and its link leads to the form.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, ok, assertError, departmentsOf, createRound, rp, runCli, cli, passwordOf, watchServer,
  T_FILE, T_TEST,
} from './harness.mjs';
import { startSmtpSink } from './smtp_sink.mjs';

const SERVER_NOW = '2026-06-10T08:00:00+07:00';
const at = (day) => `2026-06-${day}T08:00:00+07:00`;
const TITLE = 'Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2026';

describe('reminders by e-mail', { timeout: T_FILE }, () => {
  let env, sink, coord, id, A, B, C;

  const addUserEmail = async (login, org, role, email) => {
    const args = ['user', 'add', '--login', login, '--org', org, '--role', role, '--db', env.db];
    if (email) args.push('--email', email);
    await cli(args, { input: passwordOf(login) + '\n' });
    return { login, password: passwordOf(login), org, role };
  };
  const remind = (now) => runCli(['remind', '--db', env.db], { env: { TTDN_NOW: now } });
  const form = (s, p, fields, csrf = s.csrf) => s.request('POST', p, {
    body: new URLSearchParams(csrf ? { csrf, ...fields } : fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
    csrf: null,
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });

  before(async () => {
    sink = await startSmtpSink();
    env = await setup({
      users: [{ login: 'rm-coord', org: 'P51', role: 'coordinator' }, { login: 'rm-admin', org: 'P51', role: 'admin' }],
      env: { TTDN_NOW: SERVER_NOW },
    });
    coord = await login(env.server, env.users['rm-coord']);
    [A, B, C] = await departmentsOf(coord, 'P51', 3);
    env.users.a = await addUserEmail('rm-rep-a', A.code, 'reporter', 'phong.a@so.gov.vn');
    env.users.a2 = await addUserEmail('rm-rep-a2', A.code, 'reporter', 'can.bo.a2@so.gov.vn');
    env.users.b = await addUserEmail('rm-rep-b', B.code, 'reporter', 'phong.b@so.gov.vn');
    env.users.c = await addUserEmail('rm-rep-c', C.code, 'reporter', null);
    env.users.v = await addUserEmail('rm-view-a', A.code, 'viewer', 'viewer.a@so.gov.vn');
    await cli(['setting', 'set', 'smtp_url', `smtp://127.0.0.1:${sink.port}`, '--db', env.db]);
    await cli(['setting', 'set', 'smtp_from', 'ttdn@so-ngoai-vu.gov.vn', '--db', env.db]);
    await cli(['setting', 'set', 'base_url', 'https://ttdn.example.vn/', '--db', env.db]);
    id = await createRound(coord, {
      title: TITLE, period_start: '2025-12-15', period_end: '2026-06-14', due: '2026-06-17',
      orgs: [A.code, B.code, C.code],
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }],
      counts: [{ key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' }],
    });
    const repB = await login(env.server, env.users.b);
    ok(await repB.put(rp(id, B.code), { texts: { tinh_hinh: 'Đã làm.' }, counts: { doan_vao: 1 } }), 'save B');
    ok(await repB.post(rp(id, B.code, '/submit'), {}), 'submit B');
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); if (sink) await sink.close(); }, { timeout: T_TEST });
  watchServer(() => env);

  it('settings: set, get, and bad values refused', { timeout: T_TEST }, async () => {
    const g = await cli(['setting', 'get', 'smtp_from', '--db', env.db]);
    assert.equal(g.stdout.trim(), 'ttdn@so-ngoai-vu.gov.vn');
    for (const [k, v] of [['smtp_url', 'http://127.0.0.1:25'], ['smtp_from', 'a@b.vn\r\nBcc: x@evil.vn'],
      ['smtp_from', 'khong-phai-dia-chi'], ['base_url', 'javascript:alert(1)'], ['prelogin_key', 'x']]) {
      const r = await runCli(['setting', 'set', k, v, '--db', env.db]);
      assert.equal(r.code, 1, `${k}=${v}: ${r.stdout} ${r.stderr}`);
    }
    const r = await runCli(['setting', 'get', 'prelogin_key', '--db', env.db]);
    assert.equal(r.code, 1, 'secret settings are not shown');
    assert.doesNotMatch(r.stdout, /[0-9a-f]{32}/);
  });

  it('user add --email refuses an address with CR/LF or too long', { timeout: T_TEST }, async () => {
    for (const bad of ['x@y.vn\r\nBcc: z@evil.vn', 'không dấu@y.vn', `${'a'.repeat(250)}@y.vn`, 'a@b']) {
      const r = await runCli(['user', 'add', '--login', 'rm-bad', '--org', A.code, '--role', 'reporter',
        '--email', bad, '--db', env.db], { input: passwordOf('rm-bad') + '\n' });
      assert.equal(r.code, 1, `${JSON.stringify(bad)}: ${r.stdout}`);
      assert.match(r.stderr, /thư điện tử/);
    }
  });

  it('four days before the due day nothing goes out', { timeout: T_TEST }, async () => {
    const r = await remind(at('13'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sink.messages.length, 0);
  });

  it('three days before: one mail to each reporter with an address of the unsent body, once', { timeout: T_TEST }, async () => {
    const r = await remind(at('14'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /reminded 1 report\(s\): 2 mail\(s\) sent, 0 failed/);
    assert.equal(sink.messages.length, 2);
    assert.deepEqual(sink.messages.map((m) => m.to[0]).sort(), ['can.bo.a2@so.gov.vn', 'phong.a@so.gov.vn']);
    const m = sink.messages.find((x) => x.to[0] === 'phong.a@so.gov.vn');
    assert.equal(m.from, 'ttdn@so-ngoai-vu.gov.vn');
    assert.equal(m.subject, `Sắp đến hạn nộp báo cáo: ${TITLE}`);
    assert.match(m.headers['content-type'], /^text\/plain; charset=UTF-8$/i);
    assert.match(m.headers.subject, /^=\?UTF-8\?B\?/);
    assert.match(m.headers.date, /^Sun, 14 Jun 2026 01:00:00 \+0000$/);
    assert.match(m.headers['message-id'], /^<[0-9a-f]+\.\d+@so-ngoai-vu\.gov\.vn>$/);
    assert.equal(m.headers.to, '<phong.a@so.gov.vn>');
    assert.equal(m.headers['mime-version'], '1.0');
    // Headers are 7-bit ASCII: Vietnamese text only encoded.
    assert.match(m.head, /^[\x20-\x7e\r\n\t]*$/);
    assert.ok(m.body.includes(TITLE), m.body);
    assert.ok(m.body.includes(A.name), m.body);
    assert.ok(m.body.includes('từ ngày 15/12/2025 đến ngày 14/06/2026'), m.body);
    assert.ok(m.body.includes('Hạn nộp: 17/06/2026'), m.body);
    assert.ok(m.body.includes(`https://ttdn.example.vn/rounds/${id}/reports/${encodeURIComponent(A.code)}\n`), m.body);
    const again = await remind(at('15'));
    assert.equal(again.code, 0, again.stderr);
    assert.equal(sink.messages.length, 2, 'the "before" reminder goes out once');
  });

  it('on the due day, two runs at once send it once', { timeout: T_TEST }, async () => {
    const [r1, r2] = await Promise.all([remind(at('17')), remind(at('17'))]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(sink.messages.length, 4);
    const day = sink.messages.slice(2);
    assert.ok(day.every((m) => m.subject === `Hôm nay là hạn nộp báo cáo: ${TITLE}`), day.map((m) => m.subject).join('|'));
    assert.equal((await remind(at('17'))).code, 0);
    assert.equal(sink.messages.length, 4);
  });

  it('the day after: the overdue reminder, once; the submitted body never gets one', { timeout: T_TEST }, async () => {
    assert.equal((await remind(at('18'))).code, 0);
    assert.equal((await remind(at('19'))).code, 0);
    assert.equal(sink.messages.length, 6);
    assert.ok(sink.messages.slice(4).every((m) => m.subject === `Đã quá hạn nộp báo cáo: ${TITLE}`));
    const to = new Set(sink.messages.flatMap((m) => m.to));
    assert.ok(!to.has('phong.b@so.gov.vn'), 'B submitted');
    assert.ok(!to.has('viewer.a@so.gov.vn'), 'viewers are not reporters');
  });

  it('the "Nhắc nhở" button reminds now, once an hour, with CSRF and the coordinator role', { timeout: T_TEST }, async () => {
    const page = await coord.get(`/rounds/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`action="/rounds/${id}/remind"`));
    assert.match(page.text, /Nhắc nhở/);
    const repA = await login(env.server, env.users.a);
    const pageA = await repA.get(`/rounds/${id}`);
    assert.doesNotMatch(pageA.text, /\/remind"/);
    const noCsrf = await form(coord, `/rounds/${id}/remind`, {}, null);
    assert.equal(noCsrf.status, 403, noCsrf.text.slice(0, 200));
    const byRep = await form(repA, `/rounds/${id}/remind`, {});
    assert.ok([403, 404].includes(byRep.status), `reporter: ${byRep.status}`);
    assert.equal(sink.messages.length, 6);
    const r = await form(coord, `/rounds/${id}/remind`, {});
    assert.equal(r.status, 303, r.text.slice(0, 300));
    assert.equal(r.headers.location, `/rounds/${id}?msg=reminded&n=2&f=0`);
    assert.equal(sink.messages.length, 8);
    assert.ok(sink.messages.slice(6).every((m) => m.subject === `Nhắc nộp báo cáo: ${TITLE}`));
    const flash = await coord.get(r.headers.location);
    assert.match(flash.text, /Đã gửi 2 thư nhắc nhở\./);
    const again = await form(coord, `/rounds/${id}/remind`, {});
    assert.equal(again.headers.location, `/rounds/${id}?msg=reminded&n=0&f=0`);
    assert.equal(sink.messages.length, 8);
    // the same through the API: the coordinator only, with CSRF, and the hour holds there too
    const url = `/api/v1/rounds/${id}/remind`;
    assertError(await coord.post(url, {}, { csrf: null }), 403, 'csrf', 'no CSRF');
    const byRepApi = await repA.post(url, {});
    assert.ok([403, 404].includes(byRepApi.status), `reporter: ${byRepApi.status}`);
    assert.deepEqual(ok(await coord.post(url, {}), 'remind by API'), { reports: 0, mails: 0, failed: 0 });
    assert.equal(sink.messages.length, 8);
  });

  it('the admin page edits the address; a body given one later gets its overdue reminder', { timeout: T_TEST }, async () => {
    const admin = await login(env.server, env.users['rm-admin']);
    const bad = await form(admin, '/admin/users/rm-rep-c', { role: 'reporter', email: 'c@so.gov.vn\r\nBcc: x@evil.vn' });
    assert.equal(bad.status, 400, bad.text.slice(0, 200));
    assert.match(bad.text, /Địa chỉ thư điện tử không hợp lệ/);
    const good = await form(admin, '/admin/users/rm-rep-c', { role: 'reporter', email: 'phong.c@so.gov.vn' });
    assert.equal(good.status, 303, good.text.slice(0, 200));
    const list = await admin.get('/admin/users');
    assert.match(list.text, /value="phong\.c@so\.gov\.vn"/);
    const log = ok(await admin.get('/api/v1/audit?limit=1000'), 'audit');
    assert.ok(log.some((e) => e.action === 'user.email'), 'user.email audited');
    assert.ok(log.some((e) => e.action === 'remind.send'), 'remind.send audited');
    assert.ok(log.some((e) => e.action === 'setting.set' && e.entity_id === 'smtp_url'), 'setting.set audited');
    const r = await remind(at('20'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sink.messages.length, 9);
    const m = sink.messages[8];
    assert.deepEqual(m.to, ['phong.c@so.gov.vn']);
    assert.equal(m.subject, `Đã quá hạn nộp báo cáo: ${TITLE}`);
    assert.ok(m.body.includes(`/rounds/${id}/reports/${encodeURIComponent(C.code)}`));
  });
});
