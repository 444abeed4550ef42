// round_life.test.mjs - the life of a round after it is made, with the
// server's clock fixed by TTDN_NOW: PUT /api/v1/rounds/{id} changes title,
// due date, sections and counts (only while nothing was submitted) and the
// bodies asked (a body that submitted cannot be removed: 409 naming it); a
// body gets its own later due date, which completeness, on-time and rates
// then use; a closed round takes no saves or submits (409) until reopened;
// a round is deleted only while nothing was submitted; rates per round, by
// body and by level; rights (reporter 403, another province's coordinator
// 404); every change in the audit trail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, createRound, rp, watchServer, cli, passwordOf, dbQuery,
  T_FILE, T_TEST,
} from './harness.mjs';
import { startSmtpSink } from './smtp_sink.mjs';

const NOW = '2026-06-10T08:00:00+07:00';
const LATER = '2026-06-20T08:00:00+07:00'; // after the round's due day, before B's own
const spec = (orgs, over = {}) => ({
  title: 'Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2026',
  period_start: '2025-12-15', period_end: '2026-06-14', due: '2026-06-17',
  orgs,
  sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }, { key: 'kien_nghi', heading: 'Kiến nghị' }],
  counts: [{ key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' }],
  ...over,
});

describe('the life of a round', { timeout: T_FILE }, () => {
  let env, sink, coord, admin, other, A, B, C, D, id;
  const reps = {};
  const rep = (org) => reps[org.code];

  before(async () => {
    sink = await startSmtpSink();
    env = await setup({
      users: [
        { login: 'life-coord', org: 'P51', role: 'coordinator' },
        { login: 'life-admin', org: 'P51', role: 'admin' },
        { login: 'life-coord01', org: 'P01', role: 'coordinator' },
        { login: 'life-admin01', org: 'P01', role: 'admin' },
      ],
      env: { TTDN_NOW: NOW },
    });
    coord = await login(env.server, env.users['life-coord']);
    admin = await login(env.server, env.users['life-admin']);
    other = await login(env.server, env.users['life-coord01']);
    [A, B, C, D] = await departmentsOf(coord, 'P51', 4);
    for (const o of [A, B, C, D]) {
      const u = await addUser(env.db, `life-rep-${o.code.toLowerCase()}`, o.code, 'reporter');
      reps[o.code] = await login(env.server, u);
    }
    await cli(['user', 'add', '--login', 'life-mail-a', '--org', A.code, '--role', 'reporter', '--email',
      'van.thu.a@so.gov.vn', '--db', env.db], { input: passwordOf('life-mail-a') + '\n' });
    await cli(['setting', 'set', 'smtp_url', `smtp://127.0.0.1:${sink.port}`, '--db', env.db]);
    await cli(['setting', 'set', 'smtp_from', 'ttdn@so-ngoai-vu.gov.vn', '--db', env.db]);
    id = await createRound(coord, spec([A.code, B.code, C.code]));
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); if (sink) await sink.close(); }, { timeout: T_TEST });
  watchServer(() => env);

  it('PUT changes the title and the due date of every body, audited and on each timeline', { timeout: T_TEST }, async () => {
    const r = ok(await coord.put(`/api/v1/rounds/${id}`, { title: 'Báo cáo TTĐN 6 tháng (sửa)', due: '2026-06-19' }), 'put');
    assert.equal(r.title, 'Báo cáo TTĐN 6 tháng (sửa)');
    assert.equal(r.due, '2026-06-19');
    const g = ok(await coord.get(`/api/v1/rounds/${id}`), 'get');
    assert.equal(g.title, 'Báo cáo TTĐN 6 tháng (sửa)');
    assert.equal(g.due, '2026-06-19');
    assert.equal(g.closed, false);
    const t = ok(await rep(A).get(rp(id, A.code)), 'report').timeline;
    assert.deepEqual(t.map((e) => [e.kind, e.note]), [['extended', '2026-06-19']]);
    const log = ok(await admin.get('/api/v1/audit?limit=200'), 'audit');
    const e = log.find((x) => x.action === 'round.update' && String(x.entity_id) === String(id));
    assert.ok(e, 'round.update audited');
    assert.equal(e.before.due, '2026-06-17');
    assert.equal(e.after.due, '2026-06-19');
  });

  it('bad edits are refused with a Vietnamese message and change nothing', { timeout: T_TEST }, async () => {
    assertError(await coord.put(`/api/v1/rounds/${id}`, { title: '   ' }), 400, null, 'blank title');
    assertError(await coord.put(`/api/v1/rounds/${id}`, { due: '2026-02-30' }), 400, null, 'bad date');
    const past = await coord.put(`/api/v1/rounds/${id}`, { due: '2026-06-01' });
    assertError(past, 400, null, 'past due');
    assert.match(past.json.error.message, /đã qua/);
    assertError(await coord.put(`/api/v1/rounds/${id}`, { title: 5 }), 400, null, 'title type');
    assertError(await coord.put(`/api/v1/rounds/${id}`, { orgs: ['KHONG-CO'] }), 400, null, 'unknown body');
    assertError(await coord.put(`/api/v1/rounds/${id}`, { sections: [], counts: [] }), 400, null, 'empty layout');
    const g = ok(await coord.get(`/api/v1/rounds/${id}`), 'get');
    assert.equal(g.title, 'Báo cáo TTĐN 6 tháng (sửa)');
    assert.equal(g.due, '2026-06-19');
    assert.equal(g.expected, 3);
  });

  it('sections and counts change while nothing is submitted; texts of removed sections go', { timeout: T_TEST }, async () => {
    ok(await rep(A).put(rp(id, A.code), { sections: { tinh_hinh: 'Đã đón 2 đoàn.', kien_nghi: 'Không.' } }), 'save A');
    const r = ok(await coord.put(`/api/v1/rounds/${id}`, {
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình chung' }],
      counts: [{ key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' }, { key: 'tin_bai', name: 'Số tin bài', unit: 'tin' }],
    }), 'put layout');
    assert.deepEqual(r.sections.map((s) => [s.key, s.heading]), [['tinh_hinh', 'Tình hình chung']]);
    assert.deepEqual(r.counts.map((c) => c.key), ['doan_vao', 'tin_bai']);
    const a = ok(await rep(A).get(rp(id, A.code)), 'A');
    assert.deepEqual(a.sections, { tinh_hinh: 'Đã đón 2 đoàn.' });
  });

  it('bodies are added and removed; a body that submitted stays (409 naming it)', { timeout: T_TEST }, async () => {
    const r = ok(await coord.put(`/api/v1/rounds/${id}`, { orgs: [A.code, B.code, D.code] }), 'swap C for D');
    assert.equal(r.expected, 3);
    let list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports');
    assert.deepEqual(list.map((x) => x.org_code).sort(), [A.code, B.code, D.code].sort());
    assertError(await rep(C).get(rp(id, C.code)), 404, null, 'C no longer asked');
    ok(await rep(B).put(rp(id, B.code), { sections: { tinh_hinh: 'B xong.' }, counts: { doan_vao: 1, tin_bai: 3 } }), 'save B');
    ok(await rep(B).post(rp(id, B.code, '/submit'), {}), 'submit B');
    const bad = await coord.put(`/api/v1/rounds/${id}`, { orgs: [A.code, D.code, C.code] });
    assertError(bad, 409, null, 'remove B');
    assert.ok(bad.json.error.message.includes(B.code), bad.json.error.message);
    list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports');
    assert.deepEqual(list.map((x) => x.org_code).sort(), [A.code, B.code, D.code].sort(), 'nothing changed (C not added)');
    const lay = await coord.put(`/api/v1/rounds/${id}`, { sections: [{ key: 'moi', heading: 'Mục mới' }] });
    assertError(lay, 409, null, 'layout after a submit');
    assert.match(lay.json.error.message, /gửi báo cáo/);
    const g = ok(await coord.get(`/api/v1/rounds/${id}`), 'get');
    assert.deepEqual(g.sections.map((s) => s.key), ['tinh_hinh']);
  });

  it('only the coordinator of the round changes it: reporter 403, another province 404', { timeout: T_TEST }, async () => {
    assertError(await rep(A).put(`/api/v1/rounds/${id}`, { title: 'x' }), 403, null, 'reporter put');
    assertError(await rep(A).post(`/api/v1/rounds/${id}/close`, {}), 403, null, 'reporter close');
    assertError(await rep(A).post(rp(id, A.code, '/extend'), { due: '2026-06-30' }), 403, null, 'reporter extend');
    assertError(await other.put(`/api/v1/rounds/${id}`, { title: 'x' }), 404, null, 'other province put');
    assertError(await other.request('DELETE', `/api/v1/rounds/${id}`), 404, null, 'other province delete');
    assertError(await other.post(`/api/v1/rounds/${id}/close`, {}), 404, null, 'other province close');
    assertError(await other.get(`/api/v1/rounds/${id}/rates`), 404, null, 'other province rates');
    assert.equal(ok(await coord.get(`/api/v1/rounds/${id}`), 'get').title, 'Báo cáo TTĐN 6 tháng (sửa)');
  });

  it('a body gets its own later due date: on its report, timeline and list', { timeout: T_TEST }, async () => {
    assertError(await coord.post(rp(id, D.code, '/extend'), { due: '2026-06-18' }), 400, null, 'before the round due');
    assertError(await coord.post(rp(id, D.code, '/extend'), { due: 'ngày mai' }), 400, null, 'not a date');
    assertError(await coord.post(rp(id, D.code, '/extend'), {}), 400, null, 'missing');
    assertError(await coord.post(rp(id, B.code, '/extend'), { due: '2026-06-30' }), 409, null, 'B submitted already');
    const r = ok(await coord.post(rp(id, D.code, '/extend'), { due: '2026-06-25' }), 'extend D');
    assert.equal(r.due, '2026-06-25');
    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports');
    assert.equal(list.find((x) => x.org_code === D.code).due, '2026-06-25');
    assert.equal(list.find((x) => x.org_code === A.code).due, '2026-06-19');
    const t = ok(await rep(D).get(rp(id, D.code)), 'D').timeline;
    assert.deepEqual(t.map((e) => [e.kind, e.note]), [['extended', '2026-06-25']], 'D came after the round change');
    const page = await rep(D).get(`/rounds/${id}/reports/${encodeURIComponent(D.code)}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="due">ngày 25 tháng 06 năm 2026/);
    assert.match(page.text, /đã gia hạn riêng/);
    const log = ok(await admin.get('/api/v1/audit?limit=200'), 'audit');
    const e = log.find((x) => x.action === 'report.extend' && x.entity_id === `${id}/${D.code}`);
    assert.ok(e, 'report.extend audited');
    assert.equal(e.after.due, '2026-06-25');
  });

  it('after the round due day the extended body is still due, and its late submit is on time', { timeout: T_TEST }, async () => {
    await env.server.stop('SIGTERM');
    env.server.env = { TTDN_NOW: LATER };
    await env.server.start();
    coord = await login(env.server, env.users['life-coord']);
    admin = await login(env.server, env.users['life-admin']);
    for (const o of [A, B, D]) reps[o.code] = await login(env.server, `life-rep-${o.code.toLowerCase()}`);
    let c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.deepEqual([c.submitted_on_time, c.not_due, c.overdue], [1, 1, 1], JSON.stringify(c));
    ok(await rep(D).put(rp(id, D.code), { sections: { tinh_hinh: 'D xong.' } }), 'save D');
    ok(await rep(D).post(rp(id, D.code, '/submit'), {}), 'submit D');
    c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.deepEqual([c.submitted_on_time, c.submitted_late, c.overdue], [2, 0, 1], JSON.stringify(c));
    const rates = ok(await coord.get(`/api/v1/rounds/${id}/rates`), 'rates');
    assert.deepEqual(rates, { expected: 3, submitted: 2, rate: 66.7, on_time: 2, on_time_rate: 66.7, approved: 0 });
  });

  it('rates by body and by level', { timeout: T_TEST }, async () => {
    ok(await coord.post(rp(id, B.code, '/approve'), {}), 'approve B');
    const byOrg = ok(await coord.get(`/api/v1/rounds/${id}/rates?by=org`), 'by org');
    assert.equal(byOrg.by, 'org');
    assert.equal(byOrg.approved, 1);
    const row = (k) => byOrg.rows.find((x) => x.key === k);
    assert.equal(byOrg.rows.length, 3);
    assert.deepEqual([row(B.code).submitted, row(B.code).approved, row(B.code).rate], [1, 1, 100]);
    assert.deepEqual([row(A.code).submitted, row(A.code).rate], [0, 0]);
    assert.equal(row(A.code).name, A.name);
    const byLevel = ok(await coord.get(`/api/v1/rounds/${id}/rates?by=level`), 'by level');
    assert.deepEqual(byLevel.rows.map((x) => [x.key, x.expected, x.submitted]), [['department', 3, 2]]);
    assert.equal(byLevel.rows[0].name.length > 0, true);
    assertError(await coord.get(`/api/v1/rounds/${id}/rates?by=tinh`), 400, null, 'bad by');
    assertError(await rep(A).get(`/api/v1/rounds/${id}/rates`), 403, null, 'reporter');
    const page = await coord.get(`/rounds/${id}`);
    assert.match(page.text, /id="rate">Tỷ lệ nộp <span class="rate">66,7%<\/span>/);
    assert.match(page.text, /id="on-time-rate">Tỷ lệ nộp đúng hạn <span class="rate">66,7%<\/span>/);
    assert.match(page.text, /id="approved-count">1<\/span>/);
  });

  it('by body, a round asking provinces drills into the round each province runs for the same period', { timeout: T_TEST }, async () => {
    const nat = await login(env.server, env.users['life-admin01']);
    const nid = await createRound(nat, spec(['P51', 'P01'], { title: 'Báo cáo TTĐN của các tỉnh', due: '2026-06-30' }));
    const byOrg = ok(await nat.get(`/api/v1/rounds/${nid}/rates?by=org`), 'by org');
    const p51 = byOrg.rows.find((x) => x.key === 'P51');
    const p01 = byOrg.rows.find((x) => x.key === 'P01');
    assert.deepEqual([p51.expected, p51.submitted], [1, 0]);
    assert.deepEqual(p51.subtree, { rounds: 1, expected: 3, submitted: 2, rate: 66.7, on_time: 2, on_time_rate: 66.7, approved: 1 });
    assert.equal(p01.subtree, undefined, 'P01 runs no round of that period but this one');
    ok(await nat.request('DELETE', `/api/v1/rounds/${nid}`), 'clean up');
  });

  it('a closed round takes no saves or submits until reopened', { timeout: T_TEST }, async () => {
    const c = ok(await coord.post(`/api/v1/rounds/${id}/close`, {}), 'close');
    assert.equal(c.closed, true);
    assert.ok(c.closed_at);
    assertError(await coord.post(`/api/v1/rounds/${id}/close`, {}), 409, null, 'close twice');
    const save = await rep(A).put(rp(id, A.code), { sections: { tinh_hinh: 'Muộn.' } });
    assertError(save, 409, null, 'save in a closed round');
    assert.match(save.json.error.message, /đã đóng/);
    assertError(await rep(A).post(rp(id, A.code, '/submit'), {}), 409, null, 'submit in a closed round');
    const a = ok(await rep(A).get(rp(id, A.code)), 'A');
    assert.equal(a.sections.tinh_hinh, 'Đã đón 2 đoàn.', 'nothing saved');
    assert.equal(a.status, 'draft');
    assert.equal(a.can_edit, false);
    assert.equal(a.round_closed, true);
    const page = await rep(A).get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`);
    assert.match(page.text, /id="round-closed"/);
    const quiet = ok(await coord.post(`/api/v1/rounds/${id}/remind`, {}), 'remind a closed round');
    assert.deepEqual([quiet.reports, quiet.mails], [0, 0]);
    assert.equal(sink.messages.length, 0);
    const r = ok(await coord.post(`/api/v1/rounds/${id}/reopen`, {}), 'reopen');
    const loud = ok(await coord.post(`/api/v1/rounds/${id}/remind`, {}), 'remind after reopening');
    assert.deepEqual([loud.reports, loud.mails], [1, 1]);
    assert.deepEqual(sink.messages.map((m) => m.to[0]), ['van.thu.a@so.gov.vn']);
    assert.equal(r.closed, false);
    assertError(await coord.post(`/api/v1/rounds/${id}/reopen`, {}), 409, null, 'reopen twice');
    ok(await rep(A).put(rp(id, A.code), { sections: { tinh_hinh: 'Muộn.' } }), 'save after reopening');
    const log = ok(await admin.get('/api/v1/audit?limit=200'), 'audit');
    for (const action of ['round.close', 'round.reopen']) {
      assert.ok(log.find((x) => x.action === action && String(x.entity_id) === String(id)), `${action} audited`);
    }
  });

  it('a round is deleted only while nothing was submitted', { timeout: T_TEST }, async () => {
    const del = await coord.request('DELETE', `/api/v1/rounds/${id}`);
    assertError(del, 409, null, 'delete after a submit');
    assert.match(del.json.error.message, /không xóa được/);
    ok(await coord.get(`/api/v1/rounds/${id}`), 'still there');
    const id2 = await createRound(coord, spec([A.code, C.code], { due: '2026-06-30', title: 'Đợt tạo nhầm' }));
    ok(await rep(A).put(rp(id2, A.code), { sections: { tinh_hinh: 'Nháp về đoàn Xiêng Khoảng.' } }), 'a draft');
    const found = ok(await rep(A).get('/api/v1/search?q=xieng+khoang&type=report'), 'search the draft');
    assert.equal(found.total, 1, 'the draft is in the index');
    const rowsBefore = await dbQuery(env.db, `SELECT count(*) FROM search_doc WHERE kind = 'report' AND parent_id = ${id2}`);
    assert.equal(rowsBefore, '1');
    assertError(await rep(A).request('DELETE', `/api/v1/rounds/${id2}`), 403, null, 'reporter delete');
    const r = ok(await coord.request('DELETE', `/api/v1/rounds/${id2}`), 'delete');
    assert.deepEqual(r, { id: id2, deleted: true });
    assertError(await coord.get(`/api/v1/rounds/${id2}`), 404, null, 'gone');
    assertError(await rep(A).get(rp(id2, A.code)), 404, null, 'its report gone');
    assert.equal(ok(await rep(A).get('/api/v1/search?q=xieng+khoang&type=report'), 'search').total, 0);
    assert.equal(await dbQuery(env.db, `SELECT count(*) FROM search_doc WHERE kind = 'report' AND parent_id = ${id2}`),
      '0', 'its index row is gone in the same transaction');
    const list = ok(await coord.get('/api/v1/rounds'), 'rounds');
    assert.ok(!list.some((x) => x.id === id2));
    const log = ok(await admin.get('/api/v1/audit?limit=200'), 'audit');
    const e = log.find((x) => x.action === 'round.delete' && String(x.entity_id) === String(id2));
    assert.ok(e, 'round.delete audited');
    assert.equal(e.before.title, 'Đợt tạo nhầm');
  });

  it('ttdn remind counts from a body\'s own due date', { timeout: T_TEST }, async () => {
    await cli(['user', 'add', '--login', 'life-mail-c', '--org', C.code, '--role', 'reporter', '--email',
      'van.thu.c@so.gov.vn', '--db', env.db], { input: passwordOf('life-mail-c') + '\n' });
    const title = 'Báo cáo nhanh tình hình đoàn vào';
    const id3 = await createRound(coord, spec([A.code, C.code], { title, due: '2026-06-22' }));
    ok(await coord.post(rp(id3, C.code, '/extend'), { due: '2026-06-30' }), 'extend C');
    const mine = () => sink.messages.filter((m) => m.subject && m.subject.includes(title));
    const remind = (now) => cli(['remind', '--db', env.db], { env: { TTDN_NOW: now } });
    await remind('2026-06-21T08:00:00+07:00');
    assert.deepEqual(mine().map((m) => m.to[0]), ['van.thu.a@so.gov.vn'], 'C is not due for 9 days');
    await remind('2026-06-28T08:00:00+07:00');
    const second = mine().slice(1);
    assert.deepEqual(second.map((m) => m.to[0]).sort(), ['van.thu.a@so.gov.vn', 'van.thu.c@so.gov.vn']);
    const c = second.find((m) => m.to[0] === 'van.thu.c@so.gov.vn');
    assert.match(c.subject, /^Sắp đến hạn/);
    assert.ok(c.body.includes('30/06/2026'), c.body);
  });

  it('the round page offers the coordinator edit, close and delete; the forms work', { timeout: T_TEST }, async () => {
    const page = await coord.get(`/rounds/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Sửa đợt/);
    assert.match(page.text, /id="close-round"/);
    assert.doesNotMatch(page.text, /id="delete-round"/, 'no delete once a body submitted');
    const repPage = await rep(A).get(`/rounds/${id}`);
    assert.doesNotMatch(repPage.text, /Sửa đợt|id="close-round"/);
    const origin = `http://${env.server.host}:${env.server.port}`;
    const form = (p, fields) => coord.request('POST', p, {
      body: new URLSearchParams({ csrf: coord.csrf, ...fields }).toString(),
      contentType: 'application/x-www-form-urlencoded', csrf: null,
      headers: { origin, 'sec-fetch-site': 'same-origin' },
    });
    const r = await form(`/rounds/${id}/edit`, { title: 'Báo cáo TTĐN 6 tháng đầu năm 2026', due: '2026-06-19',
      orgs: `${A.code}\n${B.code}\n${D.code}\n` });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    assert.equal(ok(await coord.get(`/api/v1/rounds/${id}`), 'get').title, 'Báo cáo TTĐN 6 tháng đầu năm 2026');
    const blank = await form(`/rounds/${id}/edit`, { title: ' ', due: '2026-06-19' });
    assert.equal(blank.status, 400);
    assert.match(blank.text, /id="form-error">Vui lòng nhập tiêu đề đợt báo cáo\./);
    const drop = await form(`/rounds/${id}/edit`, { title: 'x', due: '2026-06-19', orgs: `${A.code}\n` });
    assert.equal(drop.status, 409);
    assert.match(drop.text, /id="form-error">Không bỏ được đơn vị đã gửi báo cáo/);
    assert.equal(ok(await coord.get(`/api/v1/rounds/${id}`), 'get').title, 'Báo cáo TTĐN 6 tháng đầu năm 2026');
    assert.match((await coord.get(`/rounds/${id}`)).text, /class="extend-link no-print" href="\/rounds\/\d+\/reports\/[^"]+#extend-form"/);
    assert.equal((await form(`/rounds/${id}/close`, {})).status, 303);
    assert.equal(ok(await coord.get(`/api/v1/rounds/${id}`), 'get').closed, true);
    assert.match((await coord.get(`/rounds/${id}`)).text, /id="reopen-round"/);
    assert.equal((await form(`/rounds/${id}/reopen`, {})).status, 303);
    assert.equal(ok(await coord.get(`/api/v1/rounds/${id}`), 'get').closed, false);
  });
});
