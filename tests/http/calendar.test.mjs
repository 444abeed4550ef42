// calendar.test.mjs - each user's calendar feed at a secret address: the
// address is made (and made anew) by its owner with the CSRF token, shown
// once, audited; the feed (iCalendar, parsed here) holds the reports the
// user's body has not submitted, the due days of the rounds a coordinator's
// body runs and the plan tasks the body leads due within 12 months, with the
// right days and a reminder 3 days before, and nothing of other bodies; a new
// address ends the old one, a wrong or malformed token and a disabled
// account's token answer 404; long UTF-8 lines are folded at 75 octets and
// never inside a character.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, ok, assertError, departmentsOf, createRound, rp, cli, addUser, request, watchServer, dbQuery,
  T_FILE, T_TEST,
} from './harness.mjs';

const SERVER_NOW = '2026-06-10T08:00:00+07:00';
const LONG_TITLE = 'Báo cáo kết quả công tác thông tin đối ngoại sáu tháng đầu năm 2026 và phương hướng, '
  + 'nhiệm vụ trọng tâm sáu tháng cuối năm của các sở, ban, ngành, địa phương trên địa bàn tỉnh';
const OTHER_TITLE = 'Báo cáo chuyên đề về hợp tác quốc tế với các địa phương nước ngoài';
const BASE = 'https://ttdn.example.vn';

/* A small RFC 5545 reader: checks the physical lines (CRLF, at most 75
 * octets, each valid UTF-8 by itself), unfolds them and returns the tree of
 * components with their properties (name, params, value as unescaped). */
function parseIcs(buf) {
  const raw = buf.toString('latin1'); // one char per octet, to measure and split
  assert.ok(raw.endsWith('\r\n'), 'the feed ends with CRLF');
  const physical = raw.slice(0, -2).split('\r\n');
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (const l of physical) {
    assert.ok(!l.includes('\n') && !l.includes('\r'), `bare CR or LF in ${JSON.stringify(l)}`);
    assert.ok(l.length <= 75, `line of ${l.length} octets: ${l}`);
    // each physical line decodes on its own: no fold inside a UTF-8 sequence
    dec.decode(Buffer.from(l, 'latin1'));
  }
  const lines = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const root = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const octets of lines) {
    const l = Buffer.from(octets, 'latin1').toString('utf8');
    const colon = l.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    assert.ok(colon > 0, `a content line has a colon: ${l}`);
    const [name, ...params] = l.slice(0, colon).split(';');
    const value = l.slice(colon + 1);
    if (name === 'BEGIN') {
      const c = { name: value, props: [], children: [] };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      assert.equal(stack.pop().name, value, 'END matches BEGIN');
    } else {
      stack[stack.length - 1].props.push({
        name, params, value,
        text: value.replace(/\\([nN;,\\])/g, (_, ch) => (ch === 'n' || ch === 'N' ? '\n' : ch)),
      });
    }
  }
  assert.equal(stack.length, 1, 'every component ends');
  assert.equal(root.children.length, 1);
  return root.children[0];
}
const prop = (c, name) => c.props.find((p) => p.name === name);

describe('calendar feed', { timeout: T_FILE }, () => {
  let env, coord, admin, A, B, repA, repB, viewB, round1, round2, planId;

  const feedPath = (url) => {
    assert.ok(url.startsWith(`${BASE}/calendar/`), url);
    return new URL(url).pathname;
  };
  const fetchFeed = (p) => request(env.server, 'GET', p);
  const readFeed = async (p, what) => {
    const r = await fetchFeed(p);
    assert.equal(r.status, 200, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
    assert.equal(r.headers['content-type'], 'text/calendar; charset=utf-8');
    const cal = parseIcs(r.buf);
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(prop(cal, 'VERSION').value, '2.0');
    // the template's demo round (made before this file's rounds) is left aside
    const events = cal.children.filter((c) => c.name === 'VEVENT').filter((e) => {
      const m = prop(e, 'URL').value.match(/\/rounds\/(\d+)/);
      return !m || Number(m[1]) >= round1;
    });
    return { cal, events, byUid: new Map(events.map((e) => [prop(e, 'UID').value, e])) };
  };
  const rotate = async (s) => {
    const r = ok(await s.post('/api/v1/me/calendar', {}), 'rotate', [201]);
    return feedPath(r.calendar_url);
  };

  before(async () => {
    env = await setup({
      users: [{ login: 'cal-coord', org: 'P51', role: 'coordinator' }, { login: 'cal-admin', org: 'P51', role: 'admin' }],
      env: { TTDN_NOW: SERVER_NOW },
    });
    await cli(['setting', 'set', 'base_url', `${BASE}/`, '--db', env.db]);
    coord = await login(env.server, env.users['cal-coord']);
    admin = await login(env.server, env.users['cal-admin']);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    repA = await login(env.server, await addUser(env.db, 'cal-rep-a', A.code, 'reporter'));
    repB = await login(env.server, await addUser(env.db, 'cal-rep-b', B.code, 'reporter'));
    viewB = await login(env.server, await addUser(env.db, 'cal-view-b', B.code, 'viewer'));
    const spec = (title, due, orgs) => ({
      title, period_start: '2026-01-01', period_end: '2026-06-30', due, orgs,
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }],
      counts: [{ key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' }],
    });
    round1 = await createRound(coord, spec(LONG_TITLE, '2026-06-17', [A.code, B.code]));
    round2 = await createRound(coord, spec(OTHER_TITLE, '2026-07-01', [B.code]));
    ok(await repB.put(rp(round1, B.code), { texts: { tinh_hinh: 'Đã làm.' }, counts: { doan_vao: 1 } }), 'save B');
    ok(await repB.post(rp(round1, B.code, '/submit'), {}), 'submit B');
    const task = (label, text, end, org) => ({
      label, text, timeframe: { kind: 'date', start: end, end, text: end },
      leads: [{ text: 'Sở', orgs: [org] }],
    });
    planId = ok(await coord.post('/api/v1/plans', {
      owner: 'P51', title: 'Kế hoạch thông tin đối ngoại năm 2026',
      period_start: '2026-01-01', period_end: '2027-12-31',
      groups: [{ label: '1', heading: 'Tuyên truyền', tasks: [
        task('1.1', 'Tổ chức hội nghị quảng bá hình ảnh tỉnh với các cơ quan đại diện nước ngoài', '2026-09-30', A.code),
        task('1.2', 'Biên soạn ấn phẩm giới thiệu tỉnh bằng tiếng Anh', '2027-12-31', A.code),
        task('1.3', 'Cập nhật trang thông tin điện tử đối ngoại', '2026-03-31', A.code),
        task('1.4', 'Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ', '2026-08-15', B.code),
      ] }],
    }), 'plan', [201]).id;
    ok(await coord.put(`/api/v1/plans/${planId}`, { state: 'active', version: 1 }), 'activate');
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('makes the address for its owner only, with the CSRF token, gives it again in /me and audits it', { timeout: T_TEST }, async () => {
    const me0 = ok(await repA.get('/api/v1/me'), 'me');
    assert.equal(me0.calendar_url, null);
    assert.equal(me0.calendar_created_at, null);
    assertError(await repA.post('/api/v1/me/calendar', {}, { csrf: null }), 403, 'csrf', 'no CSRF');
    assertError(await request(env.server, 'POST', '/api/v1/me/calendar', { json: {} }), 401, null, 'no session');
    const r = ok(await repA.post('/api/v1/me/calendar', {}), 'rotate', [201]);
    assert.match(r.calendar_url, /^https:\/\/ttdn\.example\.vn\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const me1 = ok(await repA.get('/api/v1/me'), 'me');
    assert.equal(me1.calendar_url, r.calendar_url, 'GET /api/v1/me gives the same address again');
    assert.ok(!JSON.stringify(ok(await repB.get('/api/v1/me'), 'me B')).includes(r.calendar_url.slice(-47)),
      'another user does not get it');
    const stored = await dbQuery(env.db, 'SELECT token_hash, nonce FROM calendar_token');
    assert.match(stored, /^[0-9a-f]{64}\|[0-9a-f]{32}$/, 'the hash and the nonce');
    assert.ok(!stored.includes(r.calendar_url.split('/').pop().slice(0, 43)), 'the token itself is not stored');
    assert.match(me1.calendar_created_at, /^2026-06-10T01:00:00Z$/);
    const audit = ok(await admin.get('/api/v1/audit?limit=50'), 'audit');
    const list = Array.isArray(audit) ? audit : audit.entries || audit.items;
    assert.ok(list.some((e) => e.action === 'calendar.rotate' && e.login === 'cal-rep-a'), JSON.stringify(list).slice(0, 400));
    assert.ok(!JSON.stringify(list).includes(r.calendar_url.split('/').pop().slice(0, 43)), 'the token is not in the audit');
  });

  it('gives a reporter the reports of their body not yet submitted, with the days and a reminder', { timeout: T_TEST }, async () => {
    const { cal, events, byUid } = await readFeed(await rotate(repA), 'A');
    assert.match(prop(cal, 'X-WR-CALNAME').text, new RegExp(A.name));
    const ev = [...byUid.values()].find((e) => prop(e, 'UID').value.startsWith('report-'));
    assert.ok(ev, 'the report of round 1');
    assert.equal(prop(ev, 'SUMMARY').text, `Hạn báo cáo: ${LONG_TITLE}`, 'the long UTF-8 summary unfolds whole');
    assert.deepEqual(prop(ev, 'DTSTART').params, ['VALUE=DATE']);
    assert.equal(prop(ev, 'DTSTART').value, '20260617');
    assert.equal(prop(ev, 'DTEND').value, '20260618');
    const desc = prop(ev, 'DESCRIPTION').text;
    assert.match(desc, /từ ngày 01\/01\/2026 đến ngày 30\/06\/2026/);
    assert.match(desc, /Hạn nộp: 17\/06\/2026/);
    const form = `${BASE}/rounds/${round1}/reports/${encodeURIComponent(A.code)}`;
    assert.ok(desc.includes(form), desc);
    assert.equal(prop(ev, 'URL').value, form);
    const alarm = ev.children.find((c) => c.name === 'VALARM');
    assert.ok(alarm, 'a reminder');
    assert.equal(prop(alarm, 'TRIGGER').value, '-P3D');
    assert.equal(prop(alarm, 'ACTION').value, 'DISPLAY');
    // the task A leads within 12 months; not the one past, nor the one in 2027-12
    const tasks = events.filter((e) => prop(e, 'UID').value.startsWith('task-'));
    assert.equal(tasks.length, 1, tasks.map((t) => prop(t, 'SUMMARY').text).join(' | '));
    assert.equal(prop(tasks[0], 'DTSTART').value, '20260930');
    assert.match(prop(tasks[0], 'SUMMARY').text, /^Hạn nhiệm vụ: 1\.1 Tổ chức hội nghị/);
    assert.ok(prop(tasks[0], 'URL').value.startsWith(`${BASE}/plans/${planId}#task-`));
    // nothing of B: not round 2, not B's task, no round events for a reporter
    assert.equal(events.length, 2, events.map((e) => prop(e, 'SUMMARY').text).join(' | '));
    assert.ok(!events.some((e) => prop(e, 'SUMMARY').text.includes(OTHER_TITLE)));
    assert.ok(!events.some((e) => prop(e, 'UID').value.startsWith('round-')));
    // the same report keeps its UID from one feed to the next
    const again = await readFeed(await rotate(repA), 'A again');
    assert.ok(again.byUid.has(prop(ev, 'UID').value));
  });

  it('leaves out a submitted report and shows the body\'s other deadlines', { timeout: T_TEST }, async () => {
    const { events } = await readFeed(await rotate(viewB), 'B viewer');
    const reports = events.filter((e) => prop(e, 'UID').value.startsWith('report-'));
    assert.deepEqual(reports.map((e) => prop(e, 'SUMMARY').text), [`Hạn báo cáo: ${OTHER_TITLE}`]);
    assert.equal(prop(reports[0], 'DTSTART').value, '20260701');
    const tasks = events.filter((e) => prop(e, 'UID').value.startsWith('task-'));
    assert.deepEqual(tasks.map((e) => prop(e, 'DTSTART').value), ['20260815']);
  });

  it('gives a coordinator the due days of the rounds their body runs', { timeout: T_TEST }, async () => {
    const { events } = await readFeed(await rotate(coord), 'coordinator');
    const rounds = events.filter((e) => prop(e, 'UID').value.startsWith('round-'));
    assert.deepEqual(rounds.map((e) => [prop(e, 'UID').value, prop(e, 'DTSTART').value]).sort(),
      [[`round-${round1}@ttdn`, '20260617'], [`round-${round2}@ttdn`, '20260701']]);
    const r1 = rounds.find((e) => prop(e, 'UID').value === `round-${round1}@ttdn`);
    assert.match(prop(r1, 'DESCRIPTION').text, /Đã nộp: 1\/2 đơn vị/);
    assert.equal(prop(r1, 'URL').value, `${BASE}/rounds/${round1}`);
    assert.ok(!events.some((e) => prop(e, 'UID').value.startsWith('report-')), 'the province reports in neither');
  });

  it('ends the old address when a new one is made; refuses wrong tokens with 404', { timeout: T_TEST }, async () => {
    const old = await rotate(repB);
    await readFeed(old, 'B before');
    const fresh = await rotate(repB);
    assert.notEqual(fresh, old);
    assert.equal((await fetchFeed(old)).status, 404, 'the old address');
    await readFeed(fresh, 'B after');
    const tok = fresh.slice('/calendar/'.length, -'.ics'.length);
    // the access log keeps no token
    assert.match(env.server.stderr, /"GET \/calendar\/\(token\)\.ics" 200/);
    assert.ok(!env.server.stderr.includes(tok), 'the token is not logged');
    const flip = (tok[0] === 'A' ? 'B' : 'A') + tok.slice(1);
    for (const p of [`/calendar/${flip}.ics`, `/calendar/${tok.slice(1)}.ics`, `/calendar/${tok}x.ics`,
      `/calendar/${tok.slice(0, 42)}%2B.ics`, '/calendar/.ics', `/calendar/${'A'.repeat(43)}.ics`]) {
      const r = await fetchFeed(p);
      assert.equal(r.status, 404, `${p}: ${r.status}`);
      assert.doesNotMatch(r.headers['content-type'] || '', /calendar/);
    }
  });

  it('answers 404 for the address of a disabled account', { timeout: T_TEST }, async () => {
    const u = await addUser(env.db, 'cal-gone', A.code, 'reporter');
    const s = await login(env.server, u);
    const p = await rotate(s);
    await readFeed(p, 'before disabling');
    ok(await admin.put('/api/v1/users/cal-gone', { disabled: true }), 'disable');
    assert.equal((await fetchFeed(p)).status, 404);
    ok(await admin.put('/api/v1/users/cal-gone', { disabled: false }), 'enable');
    await readFeed(p, 'enabled again');
  });

  it('the account page shows the card and makes a new address with the CSRF token', { timeout: T_TEST }, async () => {
    const form = (s, fields) => s.request('POST', '/account/calendar', {
      body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded', csrf: null,
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
    const page = await repA.get('/account/password');
    assert.equal(page.status, 200);
    assert.match(page.text, /Lịch hạn nộp trên điện thoại/);
    assert.match(page.text, /Bạn đã tạo liên kết lịch ngày 10\/06\/2026/);
    assert.match(page.text, /Tạo liên kết mới/);
    const shown = page.text.match(/id="calendar-url" readonly value="([^"]+)"/);
    assert.ok(shown, 'the address is shown again');
    assert.equal(shown[1], ok(await repA.get('/api/v1/me'), 'me').calendar_url, 'the same as in /api/v1/me');
    assert.equal((await form(repA, {})).status, 403, 'no CSRF token');
    const r = await form(repA, { csrf: repA.csrf });
    assert.equal(r.status, 200);
    const m = r.text.match(/id="calendar-url" readonly value="(https:\/\/ttdn\.example\.vn\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/);
    assert.ok(m, r.text.slice(0, 2000));
    assert.notEqual(m[1], shown[1], 'a new address replaces the old');
    await readFeed(new URL(m[1]).pathname, 'from the page');
  });
});
