// approval.test.mjs - a coordinator approves a submitted report, which locks
// it: no return (409), no save, no submit; only an admin takes the approval
// back, with a reason. States draft -> submitted -> (returned -> submitted)*
// -> approved; approved reports count as submitted in completeness and the
// consolidation. Approve and return racing on one report: exactly one wins,
// the other gets 409. Each report's timeline (saves folded per user and
// day, the reasons of returns and unapprovals kept after resubmission) is
// in the API and on the report page of both sides; every step is audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, createRound, rp, watchServer, T_FILE, T_TEST,
} from './harness.mjs';

const NOW = '2026-06-10T08:00:00+07:00';

describe('approval of reports and their timeline', { timeout: T_FILE }, () => {
  let env, coord, admin, other, deps, id;
  const reps = {};
  const rep = (org) => reps[org.code];
  const submit = async (o, text) => {
    ok(await rep(o).put(rp(id, o.code), { sections: { tinh_hinh: text }, counts: { doan_vao: 2 } }), `save ${o.code}`);
    ok(await rep(o).post(rp(id, o.code, '/submit'), {}), `submit ${o.code}`);
  };

  before(async () => {
    env = await setup({
      users: [
        { login: 'ap-coord', org: 'P51', role: 'coordinator' },
        { login: 'ap-admin', org: 'P51', role: 'admin' },
        { login: 'ap-coord01', org: 'P01', role: 'coordinator' },
      ],
      env: { TTDN_NOW: NOW },
    });
    coord = await login(env.server, env.users['ap-coord']);
    admin = await login(env.server, env.users['ap-admin']);
    other = await login(env.server, env.users['ap-coord01']);
    deps = (await departmentsOf(coord, 'P51', 10)).slice(0, 10);
    for (const o of deps.slice(0, 2)) {
      const u = await addUser(env.db, `ap-rep-${o.code.toLowerCase()}`, o.code, 'reporter');
      reps[o.code] = await login(env.server, u);
    }
    id = await createRound(coord, {
      title: 'Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2026',
      period_start: '2025-12-15', period_end: '2026-06-14', due: '2026-06-17',
      orgs: deps.map((d) => d.code),
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }],
      counts: [{ key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' }],
    });
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('a draft cannot be approved; a reporter cannot approve; another province does not see it', { timeout: T_TEST }, async () => {
    const [A] = deps;
    assertError(await coord.post(rp(id, A.code, '/approve'), {}), 409, null, 'approve a draft');
    await submit(A, 'Đã đón 2 đoàn.');
    assertError(await rep(A).post(rp(id, A.code, '/approve'), {}), 403, null, 'reporter approves');
    assertError(await other.post(rp(id, A.code, '/approve'), {}), 404, null, 'other province');
    assert.equal(ok(await coord.get(rp(id, A.code)), 'A').status, 'submitted');
  });

  it('approval locks the report: no return, save or submit; counted as submitted', { timeout: T_TEST }, async () => {
    const [A] = deps;
    const before = ok(await coord.get(rp(id, A.code)), 'A');
    assert.equal(before.can_approve, true);
    const r = ok(await coord.post(rp(id, A.code, '/approve'), {}), 'approve');
    assert.equal(r.status, 'approved');
    assert.ok(r.approved_at);
    assert.equal(r.can_return, false);
    assert.equal(r.can_approve, false);
    assert.equal(r.can_unapprove, false, 'a coordinator cannot unapprove');
    assertError(await coord.post(rp(id, A.code, '/approve'), {}), 409, null, 'approve twice');
    const ret = await coord.post(rp(id, A.code, '/return'), { comment: 'Bổ sung số liệu.' });
    assertError(ret, 409, null, 'return after approval');
    assert.match(ret.json.error.message, /đã được duyệt/);
    assertError(await rep(A).put(rp(id, A.code), { sections: { tinh_hinh: 'Sửa.' } }), 409, null, 'save after approval');
    assertError(await rep(A).post(rp(id, A.code, '/submit'), {}), 409, null, 'submit after approval');
    const mine = ok(await rep(A).get(rp(id, A.code)), 'A as reporter');
    assert.equal(mine.status, 'approved');
    assert.equal(mine.sections.tinh_hinh, 'Đã đón 2 đoàn.');
    assert.equal(mine.can_edit, false);
    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports');
    assert.equal(list.find((x) => x.org_code === A.code).status, 'approved');
    const c = ok(await coord.get(`/api/v1/rounds/${id}/completeness`), 'completeness');
    assert.equal(c.submitted_on_time, 1, JSON.stringify(c));
    const cons = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated');
    assert.equal(cons.counts.doan_vao, 2, 'approved report summed');
    const rates = ok(await coord.get(`/api/v1/rounds/${id}/rates`), 'rates');
    assert.deepEqual([rates.submitted, rates.approved], [1, 1]);
  });

  it('only an admin unapproves, and only with a reason', { timeout: T_TEST }, async () => {
    const [A] = deps;
    assertError(await coord.post(rp(id, A.code, '/unapprove'), { reason: 'Sai số liệu.' }), 403, null, 'coordinator');
    assertError(await rep(A).post(rp(id, A.code, '/unapprove'), { reason: 'x' }), 403, null, 'reporter');
    assertError(await admin.post(rp(id, A.code, '/unapprove'), {}), 400, null, 'no reason');
    assertError(await admin.post(rp(id, A.code, '/unapprove'), { reason: '  ' }), 400, null, 'blank reason');
    assertError(await admin.post(rp(id, A.code, '/unapprove'), { reason: 7 }), 400, null, 'reason type');
    assert.equal(ok(await coord.get(rp(id, A.code)), 'A').status, 'approved', 'still approved');
    const r = ok(await admin.post(rp(id, A.code, '/unapprove'), { reason: 'Số đoàn vào chưa khớp sổ theo dõi.' }), 'unapprove');
    assert.equal(r.status, 'submitted');
    assert.equal(r.approved_at, null);
    assertError(await admin.post(rp(id, A.code, '/unapprove'), { reason: 'lần hai' }), 409, null, 'unapprove twice');
  });

  it('return, resubmit: the timeline keeps every step and both reasons', { timeout: T_TEST }, async () => {
    const [A] = deps;
    ok(await coord.post(rp(id, A.code, '/return'), { comment: 'Ghi rõ tên các đoàn.' }), 'return');
    for (const t of ['Đoàn Nhật Bản.', 'Đoàn Nhật Bản, Hàn Quốc.', 'Đoàn Nhật Bản, Hàn Quốc (12 người).']) {
      ok(await rep(A).put(rp(id, A.code), { sections: { tinh_hinh: t } }), 'save');
    }
    ok(await rep(A).post(rp(id, A.code, '/submit'), {}), 'resubmit');
    for (const who of [coord, rep(A)]) {
      const r = ok(await who.get(rp(id, A.code)), 'report');
      assert.deepEqual(r.timeline.map((e) => [e.kind, e.note ?? null, e.count]), [
        ['saved', null, 1],
        ['submitted', null, 1],
        ['approved', null, 1],
        ['unapproved', 'Số đoàn vào chưa khớp sổ theo dõi.', 1],
        ['returned', 'Ghi rõ tên các đoàn.', 1],
        ['saved', null, 3],
        ['resubmitted', null, 1],
      ], who.login);
      assert.equal(r.timeline[2].login, 'ap-coord');
      assert.equal(r.timeline[3].login, 'ap-admin');
      assert.equal(r.timeline[0].login, `ap-rep-${A.code.toLowerCase()}`);
      for (const e of r.timeline) assert.match(e.at, /^2026-06-10T01:00:00Z$/);
      const page = await who.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Diễn biến báo cáo/);
      assert.match(page.text, /Lý do: Ghi rõ tên các đoàn\./, 'the return reason stays after resubmission');
      assert.match(page.text, /Lý do: Số đoàn vào chưa khớp sổ theo dõi\./);
      assert.match(page.text, /Gửi lại báo cáo/);
      assert.match(page.text, /\(3 lần\)/);
    }
  });

  it('the pages: Duyệt for the coordinator, Bỏ duyệt for the admin, the Đã duyệt chip for everyone', { timeout: T_TEST }, async () => {
    const [A] = deps;
    const round = await coord.get(`/rounds/${id}`);
    assert.match(round.text, /class="approve"/);
    const page = await coord.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`);
    assert.match(page.text, /id="approve"/);
    const origin = `http://${env.server.host}:${env.server.port}`;
    const form = (s, p, fields) => s.request('POST', p, {
      body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
      contentType: 'application/x-www-form-urlencoded', csrf: null,
      headers: { origin, 'sec-fetch-site': 'same-origin' },
    });
    const r = await form(coord, `/rounds/${id}/reports/${encodeURIComponent(A.code)}/approve`, {});
    assert.equal(r.status, 303, r.text.slice(0, 300));
    for (const who of [coord, rep(A), admin]) {
      const p = await who.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`);
      assert.match(p.text, /<span class="badge approved" id="status">Đã duyệt<\/span>/, who.login);
      assert.doesNotMatch(p.text, /id="approve"/);
    }
    assert.doesNotMatch((await coord.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`)).text, /id="unapprove"/);
    const noWhy = await form(admin, `/rounds/${id}/reports/${encodeURIComponent(A.code)}/unapprove`, { reason: '' });
    assert.equal(noWhy.status, 400);
    assert.match(noWhy.text, /id="form-error">Vui lòng ghi rõ lý do bỏ duyệt\./);
    const again = await form(coord, `/rounds/${id}/reports/${encodeURIComponent(A.code)}/approve`, {});
    assert.equal(again.status, 409);
    assert.match(again.text, /id="form-error">Chỉ duyệt được báo cáo đã gửi và chưa duyệt/);
    assert.match((await admin.get(`/rounds/${id}/reports/${encodeURIComponent(A.code)}`)).text, /id="unapprove"/);
    const list = await coord.get(`/rounds/${id}`);
    assert.match(list.text, /badge approved report-status">Đã duyệt/);
    const log = ok(await admin.get('/api/v1/audit?limit=500'), 'audit');
    const entity = `${id}/${A.code}`;
    const actions = log.filter((x) => x.entity_id === entity).map((x) => x.action);
    for (const a of ['report.approve', 'report.unapprove', 'report.return', 'report.submit']) {
      assert.ok(actions.includes(a), `${a} audited: ${actions}`);
    }
    const un = log.find((x) => x.action === 'report.unapprove' && x.entity_id === entity);
    assert.equal(un.after.reason, 'Số đoàn vào chưa khớp sổ theo dõi.');
    assert.equal(un.login, 'ap-admin');
    const auditPage = await admin.get('/admin/audit');
    assert.equal(auditPage.status, 200);
    assert.match(auditPage.text, /Bỏ duyệt báo cáo/);
  });

  it('approve and return racing on one report: exactly one wins, the other gets 409', { timeout: T_TEST }, async () => {
    const coord2 = await login(env.server, env.users['ap-coord']);
    const racers = deps.slice(2);
    for (const d of racers) {
      const u = await addUser(env.db, `ap-rep-${d.code.toLowerCase()}`, d.code, 'reporter');
      reps[d.code] = await login(env.server, u);
      await submit(d, `Báo cáo của ${d.name}.`);
    }
    const res = await Promise.all(racers.map(async (d) => {
      const [a, b] = await Promise.all([
        coord.post(rp(id, d.code, '/approve'), {}),
        coord2.post(rp(id, d.code, '/return'), { comment: 'Thiếu số liệu.' }),
      ]);
      const now = ok(await coord.get(rp(id, d.code)), 'after');
      return { d, a: a.status, b: b.status, status: now.status, timeline: now.timeline.map((e) => e.kind) };
    }));
    for (const x of res) {
      assert.deepEqual([x.a, x.b].sort(), [200, 409], `${x.d.code}: ${x.a} ${x.b}`);
      assert.equal(x.status, x.a === 200 ? 'approved' : 'returned', x.d.code);
      assert.deepEqual(x.timeline, ['saved', 'submitted', x.a === 200 ? 'approved' : 'returned'], x.d.code);
    }
  });
});
