// plans.test.mjs - plans over HTTP: seed 002 imported becomes a plan of 20
// tasks each with its text, owned by the Kon Tum People's Committee of
// 2019; the owner's coordinator activates it and resolves a body; a lead
// body's reporter posts progress and no other body's may; statuses at
// several dates; a plan written by hand and copied to the next year with a
// body that ended replaced by its successor; bad input and CSRF.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, teardown, login, assertError, ok, cli, T_FILE, T_TEST } from './harness.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
const SEED = path.join(SHARED, 'seeds', '002_fc7beda4cce84e5d.txt');
const STTTT = 'OP-KON-TUM-STTTT';
const SNGV = 'OP-KON-TUM-SNGV';

describe('plans', { timeout: T_FILE }, () => {
  let env, admin, coord, rep, other, viewer, p51coord, docId, planId;
  let plan; // the plan as last read
  const task = (label, nth = 0) => plan.tasks.filter((t) => t.label === label)[nth];
  const read = async (s, at) => {
    plan = ok(await s.get(`/api/v1/plans/${planId}${at ? `?at=${at}` : ''}`), 'plan');
    return plan;
  };

  before(async () => {
    env = await setup({ users: [
      { login: 'pladmin', org: 'P51', role: 'admin' },
      { login: 'plcoord', org: 'OP-KON-TUM', role: 'coordinator' },
      { login: 'plrep', org: STTTT, role: 'reporter' },
      { login: 'plother', org: SNGV, role: 'reporter' },
      { login: 'plview', org: 'OP-KON-TUM', role: 'viewer' },
      { login: 'plp51', org: 'P51', role: 'coordinator' },
    ] });
    admin = await login(env.server, env.users.pladmin);
    coord = await login(env.server, env.users.plcoord);
    rep = await login(env.server, env.users.plrep);
    other = await login(env.server, env.users.plother);
    viewer = await login(env.server, env.users.plview);
    p51coord = await login(env.server, env.users.plp51);
    const out = (await cli(['import', SEED, '--db', env.db])).stdout;
    const m = /^(imported|duplicate)\t[^\t]*\t(\d+)/m.exec(out);
    assert.ok(m, out);
    docId = Number(m[2]);
  });
  after(async () => { await teardown(env); });

  it('makes a plan of 20 tasks from seed 002, owned by OP-KON-TUM', { timeout: T_TEST }, async () => {
    assertError(await rep.post('/api/v1/plans', { document_id: docId }), 403, 'forbidden', 'a reporter');
    assertError(await p51coord.post('/api/v1/plans', { document_id: docId }), 403, 'forbidden',
      'a coordinator of another province');
    assertError(await coord.post('/api/v1/plans', { document_id: 'x' }), 400, 'invalid', 'document_id type');
    assertError(await coord.post('/api/v1/plans', { document_id: 999999 }), 400, 'invalid', 'no such document');
    assertError(await coord.post('/api/v1/plans', { document_id: docId }, { csrf: null }), 403, 'csrf', 'no CSRF');
    const r = ok(await coord.post('/api/v1/plans', { document_id: docId }), 'create', [201]);
    planId = r.id;
    assertError(await coord.post('/api/v1/plans', { document_id: docId }), 409, 'conflict', 'a second plan from it');
    await read(coord, '2019-05-01');
    assert.equal(plan.owner.code, 'OP-KON-TUM');
    assert.equal(plan.period_start, '2019-01-01');
    assert.equal(plan.period_end, '2019-12-31');
    assert.equal(plan.state, 'draft');
    assert.equal(plan.document_id, docId);
    assert.equal(plan.version, 1);
    assert.equal(plan.can_edit, true);
    assert.equal(plan.tasks.length, 20);
    assert.deepEqual(plan.groups.map((g) => g.label), ['1', '2', '3', '4', '5', '6', '7', '8']);
    assert.match(plan.groups[0].heading, /^Công tác tuyên truyền/);
    const ids = new Set(plan.tasks.map((t) => t.id));
    assert.equal(ids.size, 20, 'task ids are unique although labels repeat');
    assert.equal(plan.tasks.filter((t) => t.label === '7.2').length, 4);
    for (const t of plan.tasks) {
      assert.equal(typeof t.text, 'string');
      assert.ok(t.text.length > 40, `task ${t.label} has its text: ${t.text}`);
      assert.ok(t.leads.length >= 1, `task ${t.label} has a lead`);
      for (const l of [...t.leads, ...t.coordinating]) {
        assert.equal(typeof l.text, 'string');
        assert.ok(Array.isArray(l.orgs));
        for (const o of l.orgs) assert.ok(o.code && o.name);
      }
      assert.ok(['not_due', 'in_progress', 'done_on_time', 'done_late', 'overdue', 'continuous'].includes(t.status));
    }
    assert.match(task('1.1').text, /Hướng dẫn, theo dõi, đôn đốc/);
    assert.equal(task('1.1').group.label, '1');
    assert.equal(task('5.1').group.label, '5');
    assert.equal(task('1.1').leads[0].text, 'Sở Thông tin và Truyền thông');
    // leads matched to the Kon Tum bodies of 2019
    assert.deepEqual(task('1.1').leads[0].orgs.map((o) => o.code), [STTTT]);
    assert.deepEqual(task('1.3').leads[0].orgs.map((o) => o.code), [SNGV]);
    const districts = task('1.2').leads.find((l) => l.text === 'UBND các huyện, thành phố');
    assert.ok(districts, JSON.stringify(task('1.2').leads));
    assert.equal(districts.group, true);
    assert.equal(districts.orgs.length, 10, JSON.stringify(districts.orgs));
    for (const o of districts.orgs) assert.match(o.code, /^OD-KON-TUM\./);
    assert.deepEqual(task('5.1').timeframe, { kind: 'quarter', start: '2019-04-01', end: '2019-06-30', text: 'Quý II/2019' });
    assert.equal(task('1.1').status, 'continuous');
    assert.equal(task('5.1').status, 'in_progress');
    assert.equal(task('2').status, 'not_due');
    const st = ok(await coord.get(`/api/v1/plans/${planId}/status?at=2019-05-01`), 'status');
    assert.equal(st.tasks, 20);
    assert.equal(Object.values(st.counts).reduce((a, b) => a + b, 0), 20);
    assert.equal(st.counts.continuous, plan.tasks.filter((t) => t.status === 'continuous').length);
    const list = ok(await admin.get('/api/v1/plans'), 'list');
    assert.ok(list.some((p) => p.id === planId && p.owner.code === 'OP-KON-TUM' && p.tasks === 20));
  });

  it('keeps drafts from the bodies named and lets only the owner\'s coordinator edit', { timeout: T_TEST }, async () => {
    assertError(await rep.get(`/api/v1/plans/${planId}`), 404, 'not_found', 'a named body before activation');
    ok(await viewer.get(`/api/v1/plans/${planId}`), 'the owner\'s viewer reads the draft');
    assertError(await viewer.put(`/api/v1/plans/${planId}`, { state: 'active' }), 403, 'forbidden', 'viewer edits');
    assertError(await coord.put(`/api/v1/plans/${planId}`, { state: 'done' }), 400, 'invalid', 'bad state');
    assertError(await coord.put(`/api/v1/plans/${planId}`, { state: 'active', version: 'one' }), 400, 'invalid', 'version type');
    assertError(await coord.put(`/api/v1/plans/${planId}`, { state: 'active' }, { csrf: null }), 403, 'csrf');
    const p = ok(await coord.put(`/api/v1/plans/${planId}`, { state: 'active', version: 1 }), 'activate');
    assert.equal(p.state, 'active');
    assert.equal(p.version, 2);
    assertError(await coord.put(`/api/v1/plans/${planId}`, { title: 'Tên khác', version: 1 }), 409, 'conflict', 'old version');
    await read(coord);
    assert.equal(plan.title, p.title, 'nothing changed on the conflict');
  });

  it('resolves a body, edits a task, and refuses bad edits', { timeout: T_TEST }, async () => {
    await read(coord);
    for (const label of ['2', '5.4']) {
      const t = task(label);
      const r = ok(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
        { resolve: { role: 'lead', pos: 0, orgs: [STTTT] } }), `resolve ${label}`);
      assert.equal(r.leads[0].text, 'Sở Thông tin và Truyền thông');
      assert.deepEqual(r.leads[0].orgs.map((o) => o.code), [STTTT]);
    }
    const ngv = ok(await coord.put(`/api/v1/plans/${planId}/tasks/${task('1.3').id}`,
      { resolve: { role: 'lead', pos: 0, orgs: [SNGV] } }), 'resolve 1.3');
    assert.equal(ngv.leads[0].text, 'Sở Ngoại vụ');
    // an unmatched name chosen once is remembered as the body's alias
    const cuc = task('2').coordinating.find((c) => c.text === 'Cục Thông tin đối ngoại');
    assert.ok(cuc && cuc.orgs.length === 0, JSON.stringify(task('2').coordinating));
    const before = plan.unmatched;
    ok(await coord.put(`/api/v1/plans/${planId}/tasks/${task('2').id}`,
      { resolve: { role: 'coord', pos: cuc.pos, orgs: [SNGV] } }), 'resolve an unmatched name');
    const org = ok(await coord.get(`/api/v1/orgs/${SNGV}`), 'org');
    assert.ok(org.aliases.includes('Cục Thông tin đối ngoại'), JSON.stringify(org.aliases));
    // a body outside the coordinator's province may be chosen, without the alias
    const bo = task('2').coordinating.find((c) => c.text === 'Bộ Thông tin và Truyền thông');
    const r2 = ok(await coord.put(`/api/v1/plans/${planId}/tasks/${task('2').id}`,
      { resolve: { role: 'coord', pos: bo.pos, orgs: ['P01'] } }), 'resolve outside the province');
    assert.deepEqual(r2.coordinating.find((c) => c.pos === bo.pos).orgs.map((o) => o.code), ['P01']);
    const p01 = ok(await coord.get('/api/v1/orgs/P01'), 'org');
    assert.ok(!p01.aliases.includes('Bộ Thông tin và Truyền thông'));
    await read(coord);
    assert.equal(plan.unmatched, before - 2);
    const t = task('5.4');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
      { resolve: { role: 'lead', pos: 0, orgs: ['NO-SUCH-ORG'] } }), 400, 'invalid', 'unknown org');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
      { resolve: { role: 'boss', pos: 0, orgs: [STTTT] } }), 400, 'invalid', 'bad role');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
      { resolve: { role: 'lead', pos: 40, orgs: [STTTT] } }), 400, 'invalid', 'no such phrase');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
      { timeframe: { kind: 'quarter', start: '2019-13-01', end: '2019-12-31' } }), 400, 'invalid', 'bad date');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`, { text: 5 }), 400, 'invalid', 'text type');
    assertError(await rep.put(`/api/v1/plans/${planId}/tasks/${t.id}`, { notes: 'x' }), 403, 'forbidden', 'reporter edits');
    const e = ok(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`,
      { expected_output: 'Kế hoạch được ban hành', version: t.version }), 'edit');
    assert.equal(e.expected_output, 'Kế hoạch được ban hành');
    assert.equal(e.version, t.version + 1);
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/${t.id}`, { notes: 'x', version: t.version }),
      409, 'conflict', 'old task version');
    assertError(await coord.put(`/api/v1/plans/${planId}/tasks/999999`, { notes: 'x' }), 404, 'not_found');
  });

  it('takes progress from the lead body only, with clear errors', { timeout: T_TEST }, async () => {
    await read(rep, '2019-11-01');
    const t = task('5.4');
    assert.equal(t.can_progress, true);
    const url = `/api/v1/plans/${planId}/tasks/${t.id}/progress`;
    assertError(await other.post(url, { org: SNGV, state: 'done', done_on: '2019-10-15' }), 403, 'forbidden',
      'a body that does not lead it');
    assertError(await other.post(url, { org: STTTT, state: 'done', done_on: '2019-10-15' }), 403, 'forbidden',
      'a reporter for another body');
    assertError(await viewer.post(url, { org: STTTT, state: 'in_progress' }), 403, 'forbidden', 'a viewer');
    assertError(await rep.post(url, { org: STTTT, state: 'xong' }), 400, 'invalid', 'bad state');
    assertError(await rep.post(url, { org: STTTT, state: 5 }), 400, 'invalid', 'state type');
    assertError(await rep.post(url, { org: STTTT }), 400, 'invalid', 'missing state');
    assertError(await rep.post(url, { org: STTTT, state: 'done' }), 400, 'invalid', 'done without done_on');
    assertError(await rep.post(url, { org: STTTT, state: 'done', done_on: '15/10/2019' }), 400, 'invalid', 'bad date');
    assertError(await rep.post(url, { org: STTTT, state: 'in_progress', done_on: '2019-10-15' }), 400, 'invalid',
      'done_on without done');
    assertError(await rep.post(url, { org: 'NO-SUCH-ORG', state: 'in_progress' }), 400, 'invalid', 'unknown org');
    assertError(await rep.post(url, { org: STTTT, state: 'in_progress' }, { csrf: null }), 403, 'csrf');
    const other54 = task('2');
    assertError(await rep.post(`/api/v1/plans/${planId}/tasks/${task('5.1').id}/progress`, { org: STTTT, state: 'in_progress' }),
      403, 'forbidden', 'a task its body does not lead');
    ok(await rep.post(url, { org: STTTT, state: 'in_progress', note: 'Đang soạn thảo' }), 'in progress', [201]);
    ok(await rep.post(url, { state: 'done', done_on: '2019-10-15', note: 'Đã ban hành' }), 'done (own body)', [201]);
    ok(await rep.post(`/api/v1/plans/${planId}/tasks/${other54.id}/progress`,
      { org: STTTT, state: 'done', done_on: '2019-10-20' }), 'task 2 done late', [201]);

    await read(coord, '2019-11-01');
    assert.equal(task('5.4').status, 'done_on_time');
    assert.equal(task('5.4').progress.length, 1, 'the latest progress of each lead');
    assert.equal(task('5.4').progress[0].note, 'Đã ban hành');
    assert.equal(task('5.4').progress[0].done_on, '2019-10-15');
    assert.equal(task('2').status, 'done_late');
    // statuses at several dates
    await read(coord, '2019-06-01');
    assert.equal(task('2').status, 'not_due');
    assert.equal(task('5.4').status, 'not_due');
    await read(coord, '2019-08-01');
    assert.equal(task('2').status, 'in_progress');
    await read(coord, '2019-10-10');
    assert.equal(task('2').status, 'overdue');
    assert.equal(task('5.4').status, 'in_progress');
    await read(coord, '2020-01-05');
    assert.equal(task('5.1').status, 'overdue');
    assert.equal(task('1.1').status, 'continuous');
    const st = ok(await coord.get(`/api/v1/plans/${planId}/status?at=2020-01-05`), 'status');
    assert.equal(st.counts.done_on_time, 1);
    assert.equal(st.counts.done_late, 1);
    assert.equal(st.counts.in_progress, 2, 'the open-ended tasks 3 and 4 ("Năm 2019 và các năm tiếp theo")');
    assert.equal(st.counts.not_due, 0);
    assertError(await coord.get(`/api/v1/plans/${planId}/status?at=2019-02-30`), 400, 'invalid', 'bad at');
    assertError(await coord.get(`/api/v1/plans/${planId}?at=tomorrow`), 400, 'invalid', 'bad at');
    // the audit trail has the progress
    const audit = ok(await admin.get('/api/v1/audit'), 'audit');
    assert.ok(audit.some((e) => e.action === 'plan.progress'), 'progress audited');
    // now active, the named body reads it; another province does not
    ok(await rep.get(`/api/v1/plans/${planId}`), 'named body reads the active plan');
    assertError(await p51coord.get(`/api/v1/plans/${planId}`), 404, 'not_found');
  });

  it('shows progress by evidence: an activity of the lead body and a document, and refuses others', { timeout: T_TEST }, async () => {
    await read(rep, '2019-11-01');
    const t = task('5.4');
    const url = `/api/v1/plans/${planId}/tasks/${t.id}/progress`;
    const mine = ok(await rep.post('/api/v1/activities', { type: 'training', title: 'Lớp tập huấn TTĐN 2019',
      start_on: '2019-10-10', people: 35, plan_task_id: t.id, in_plan: true }), 'activity of the lead body', [201]);
    const theirs = ok(await other.post('/api/v1/activities', { type: 'training', title: 'Lớp của Sở Ngoại vụ',
      start_on: '2019-10-11', people: 20 }), 'activity of another body', [201]);
    assertError(await rep.post(url, { state: 'in_progress', evidence_activity: theirs.id }), 400, 'invalid',
      'another body\'s activity');
    assertError(await rep.post(url, { state: 'in_progress', evidence_activity: 99999999 }), 400, 'invalid',
      'no such activity');
    assertError(await rep.post(url, { state: 'in_progress', evidence_document: 99999999 }), 400, 'invalid',
      'no such document');
    assertError(await rep.post(url, { state: 'in_progress', evidence_activity: 'x' }), 400, 'invalid', 'type');
    ok(await rep.post(url, { state: 'done', done_on: '2019-10-16', note: 'Xong, có minh chứng',
      evidence_activity: mine.id, evidence_document: docId }), 'with evidence', [201]);
    await read(coord, '2019-11-01');
    const p = task('5.4').progress[0];
    assert.equal(p.note, 'Xong, có minh chứng');
    assert.deepEqual(p.evidence_activity, { id: mine.id, title: 'Lớp tập huấn TTĐN 2019' },
      'the coordinator of the province reads the activity of a body under it');
    assert.equal(p.evidence_document.id, docId);
    assert.equal(p.evidence_document.symbol, '215/KH-UBND');
    // a body that may not read the activity sees that there is evidence, not its title
    await read(other, '2019-11-01');
    assert.deepEqual(task('5.4').progress[0].evidence_activity, { id: mine.id });
    // the page links both
    const page = await coord.get(`/plans/${planId}?at=01/11/2019`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`href="/activities/${mine.id}">Lớp tập huấn TTĐN 2019</a>`));
    assert.match(page.text, new RegExp(`href="/documents/${docId}">215/KH-UBND</a>`));
    // the form offers the activities recorded for the task
    const form = await rep.get(`/plans/${planId}`);
    assert.match(form.text, new RegExp(`<option value="${mine.id}"[^>]*>10/10/2019 · Lớp tập huấn TTĐN 2019</option>`));
    assert.doesNotMatch(form.text, new RegExp(`<option value="${theirs.id}"`));
  });

  it('writes a plan by hand and copies it to the next year with successors', { timeout: T_TEST }, async () => {
    const spec = {
      owner: 'OP-KON-TUM',
      title: 'Kế hoạch thông tin đối ngoại năm 2025',
      period_start: '2025-01-01',
      period_end: '2025-12-31',
      groups: [{ label: '1', heading: 'Tuyên truyền', tasks: [
        { label: '1.1', text: 'Cập nhật trang thông tin đối ngoại của tỉnh',
          timeframe: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31', text: 'Quý I/2025' },
          leads: [{ text: 'Sở TT&TT', orgs: [STTTT] }],
          coordinating: [{ text: 'Công ty Truyền thông Tây Nguyên' }] },
      ] }],
    };
    assertError(await coord.post('/api/v1/plans', { ...spec, groups: 'x' }), 400, 'invalid', 'groups type');
    assertError(await coord.post('/api/v1/plans', { ...spec, period_start: '2025-02-30' }), 400, 'invalid', 'bad period');
    assertError(await coord.post('/api/v1/plans', { ...spec, owner: 'NOPE' }), 400, 'invalid', 'unknown owner');
    assertError(await coord.post('/api/v1/plans', { ...spec, groups: [{ tasks: [{ label: '1' }] }] }), 400, 'invalid',
      'task without text');
    assertError(await coord.post('/api/v1/plans', { ...spec, groups: [{ tasks: [{ text: 'x', leads: [{ text: 'A', orgs: ['NOPE'] }] }] }] }),
      400, 'invalid', 'unknown org');
    assertError(await rep.post('/api/v1/plans', spec), 403, 'forbidden', 'reporter');
    const id = ok(await coord.post('/api/v1/plans', spec), 'by hand', [201]).id;
    const p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.equal(p.tasks.length, 1);
    assert.deepEqual(p.tasks[0].leads[0].orgs.map((o) => o.code), [STTTT]);
    assert.deepEqual(p.tasks[0].coordinating[0].orgs, []);
    assert.ok(p.unmatched >= 1);

    assertError(await rep.post(`/api/v1/plans/${id}/copy`), 404, 'not_found', 'a draft is not shown to the lead');
    const c = ok(await coord.post(`/api/v1/plans/${id}/copy`), 'copy', [201]).id;
    const q = ok(await coord.get(`/api/v1/plans/${c}`), 'copy read');
    assert.equal(q.title, 'Kế hoạch thông tin đối ngoại năm 2026');
    assert.equal(q.period_start, '2026-01-01');
    assert.equal(q.state, 'draft');
    assert.deepEqual(q.tasks[0].timeframe, { kind: 'quarter', start: '2026-01-01', end: '2026-03-31', text: 'Quý I/2026' });
    // the Sở TT&TT of Kon Tum ended in 2025: the body that carries it on leads
    assert.equal(q.tasks[0].leads[0].text, 'Sở TT&TT');
    assert.deepEqual(q.tasks[0].leads[0].orgs.map((o) => o.code).sort(), ['P51-SKHCN', 'P51-SVHTTDL']);

    // the seed plan copied: 2020, bodies kept (still in office)
    const c2 = ok(await coord.post(`/api/v1/plans/${planId}/copy`), 'copy seed plan', [201]).id;
    const q2 = ok(await coord.get(`/api/v1/plans/${c2}`), 'copy read');
    assert.equal(q2.tasks.length, 20);
    assert.equal(q2.period_end, '2020-12-31');
    const t54 = q2.tasks.find((t) => t.label === '5.4');
    assert.equal(t54.timeframe.start, '2020-10-01');
    assert.deepEqual(t54.leads[0].orgs.map((o) => o.code), [STTTT]);
  });
});
