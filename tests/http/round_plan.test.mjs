// round_plan.test.mjs - a round tied to a plan: seed 002 made an active
// plan, a round of the Kon Tum People's Committee tied to it; the Sở TT&TT
// reporter posts progress on the tasks its body leads with the report (API
// and form, in the report's transaction), another body cannot, and the
// consolidated view (JSON, page, CSV) has the plan's execution table with
// each lead body's status at the round's period end.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  setup, teardown, login, assertError, ok, cli, rp, vnDate, watchServer, T_FILE, T_TEST,
} from './harness.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
const SEED = path.join(SHARED, 'seeds', '002_fc7beda4cce84e5d.txt');
const STTTT = 'OP-KON-TUM-STTTT';
const SNGV = 'OP-KON-TUM-SNGV';

describe('a round tied to a plan', { timeout: T_FILE }, () => {
  let env, coord, rep, other, p51coord, planId, roundId, plan;
  const task = (label, nth = 0) => plan.tasks.filter((t) => t.label === label)[nth];
  const spec = (over = {}) => ({
    title: 'Báo cáo kết quả thực hiện Kế hoạch TTĐN năm 2019',
    period_start: '2019-01-01',
    period_end: '2019-12-31',
    due: vnDate(30),
    orgs: [STTTT, SNGV],
    sections: [{ key: 'ket_qua', heading: 'Kết quả thực hiện' }],
    counts: [{ key: 'tin_bai', name: 'Số tin, bài', unit: 'tin/bài' }],
    ...over,
  });
  const form = (s, p, fields) => s.request('POST', p, {
    body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });

  before(async () => {
    env = await setup({ users: [
      { login: 'rpcoord', org: 'OP-KON-TUM', role: 'coordinator' },
      { login: 'rprep', org: STTTT, role: 'reporter' },
      { login: 'rpother', org: SNGV, role: 'reporter' },
      { login: 'rpp51', org: 'P51', role: 'coordinator' },
    ] });
    coord = await login(env.server, env.users.rpcoord);
    rep = await login(env.server, env.users.rprep);
    other = await login(env.server, env.users.rpother);
    p51coord = await login(env.server, env.users.rpp51);
    const out = (await cli(['import', SEED, '--db', env.db])).stdout;
    const m = /^(imported|duplicate)\t[^\t]*\t(\d+)/m.exec(out);
    assert.ok(m, out);
    planId = ok(await coord.post('/api/v1/plans', { document_id: Number(m[2]) }), 'plan', [201]).id;
    plan = ok(await coord.get(`/api/v1/plans/${planId}`), 'read plan');
    // 1.3 is led by the Sở Ngoại vụ, as the plans test resolves it
    ok(await coord.put(`/api/v1/plans/${planId}/tasks/${task('1.3').id}`,
      { resolve: { role: 'lead', pos: 0, orgs: [SNGV] } }), 'resolve 1.3');
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('ties a round only to an active plan the creator owns', { timeout: T_TEST }, async () => {
    assertError(await coord.post('/api/v1/rounds', spec({ plan_id: planId })), 400, 'invalid', 'a draft plan');
    ok(await coord.put(`/api/v1/plans/${planId}`, { state: 'active' }), 'activate');
    assertError(await coord.post('/api/v1/rounds', spec({ plan_id: 'một' })), 400, 'invalid', 'plan_id type');
    assertError(await coord.post('/api/v1/rounds', spec({ plan_id: 999999 })), 400, 'invalid', 'no such plan');
    assertError(await p51coord.post('/api/v1/rounds', spec({ plan_id: planId, orgs: ['P51'] })), [400, 403],
      undefined, 'a plan of another province');
    const r = ok(await coord.post('/api/v1/rounds', spec({ plan_id: planId })), 'create', [201]);
    roundId = r.id;
    const got = ok(await coord.get(`/api/v1/rounds/${roundId}`), 'round');
    assert.equal(got.plan_id, planId);
    const plain = ok(await coord.post('/api/v1/rounds', spec({ plan_id: null })), 'no plan', [201]);
    assert.equal(ok(await coord.get(`/api/v1/rounds/${plain.id}`)).plan_id, null);
    // the new round form offers the plan
    const page = await coord.get('/rounds/new');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<option value="${planId}"`));
  });

  it('lists the tasks each body leads on its report', { timeout: T_TEST }, async () => {
    const a = ok(await rep.get(rp(roundId, STTTT)), 'STTTT report');
    assert.equal(a.plan_id, planId);
    const labels = a.tasks.map((t) => t.label);
    assert.ok(labels.includes('1.1'), JSON.stringify(labels));
    assert.ok(!labels.includes('1.3'), 'a task another body leads is not listed');
    for (const t of a.tasks) {
      assert.equal(t.progress, null);
      assert.ok(t.text.length > 20);
    }
    const b = ok(await other.get(rp(roundId, SNGV)), 'SNGV report');
    assert.ok(b.tasks.some((t) => t.label === '1.3'));
    assert.ok(!b.tasks.some((t) => t.label === '1.1'));
  });

  it('saves progress with the report, from the lead body only', { timeout: T_TEST }, async () => {
    const t11 = task('1.1').id, t13 = task('1.3').id;
    const before = ok(await rep.get(rp(roundId, STTTT)));
    // a task its body does not lead: nothing is saved, the report neither
    assertError(await rep.put(rp(roundId, STTTT), {
      sections: { ket_qua: 'Không được lưu' },
      progress: [{ task: t11, state: 'in_progress' }, { task: t13, state: 'in_progress' }],
    }), 403, 'forbidden', 'progress on a task of another body');
    const still = ok(await rep.get(rp(roundId, STTTT)));
    assert.equal(still.version, before.version, 'the report was not saved');
    assert.equal(still.sections.ket_qua, undefined);
    assert.equal(still.tasks.find((t) => t.id === t11).progress, null, 'no progress was saved');
    // another body's reporter cannot post on STTTT's tasks through its own report
    assertError(await other.put(rp(roundId, SNGV), { progress: [{ task: t11, state: 'in_progress' }] }),
      403, 'forbidden', 'SNGV on a task STTTT leads');
    assertError(await other.put(rp(roundId, STTTT), { progress: [{ task: t11, state: 'in_progress' }] }),
      [403, 404], undefined, 'SNGV on the report of STTTT');
    assertError(await rep.put(rp(roundId, STTTT), { progress: [{ task: t11, state: 'xong' }] }), 400, 'invalid',
      'bad state');
    assertError(await rep.put(rp(roundId, STTTT), { progress: [{ task: t11, state: 'done' }] }), 400, 'invalid',
      'done without a date');
    assertError(await rep.put(rp(roundId, STTTT), { progress: { task: t11 } }), 400, 'invalid', 'not an array');
    const saved = ok(await rep.put(rp(roundId, STTTT), {
      sections: { ket_qua: 'Đã triển khai' },
      progress: [{ task: t11, state: 'in_progress', note: 'Đang hướng dẫn các huyện' }],
    }), 'save with progress');
    assert.equal(saved.sections.ket_qua, 'Đã triển khai');
    const p = saved.tasks.find((t) => t.id === t11).progress;
    assert.equal(p.state, 'in_progress');
    assert.equal(p.note, 'Đang hướng dẫn các huyện');
    // the same progress again is not recorded twice; the plan has it
    ok(await rep.put(rp(roundId, STTTT), { progress: [{ task: t11, state: 'in_progress', note: 'Đang hướng dẫn các huyện' }] }));
    plan = ok(await coord.get(`/api/v1/plans/${planId}?at=2019-12-31`));
    const pr = task('1.1').progress.find((x) => x.org.code === STTTT || x.org_code === STTTT || x.org === STTTT);
    assert.ok(pr, JSON.stringify(task('1.1').progress));
    assert.equal(pr.note, 'Đang hướng dẫn các huyện');
    // SNGV posts on its own task
    ok(await other.put(rp(roundId, SNGV), { progress: [{ task: task('1.4').id, state: 'done', done_on: '2019-03-10' }] }),
      'SNGV done');
  });

  it('takes progress from the report form, dates read dd/mm/yyyy strictly', { timeout: T_TEST }, async () => {
    const page = `/rounds/${roundId}/reports/${encodeURIComponent(STTTT)}`;
    const html = (await rep.get(page)).text;
    assert.match(html, /id="plan-tasks"/);
    const version = html.match(/name="version" value="(\d+)"/)[1];
    const t = ok(await rep.get(rp(roundId, STTTT))).tasks.find((x) => x.label === '2');
    assert.equal(t.status, 'overdue', 'task 2 ended before the round\'s period end');
    const bad = await form(rep, page, {
      version, action: 'save', 'section.ket_qua': 'Bản có ngày sai',
      [`progress.${t.id}.state`]: 'done', [`progress.${t.id}.done_on`]: '31/02/2019',
    });
    assert.equal(bad.status, 400, bad.text.slice(0, 300));
    assert.match(bad.text, /Ngày hoàn thành &quot;31\/02\/2019&quot; không hợp lệ|Ngày hoàn thành "31\/02\/2019" không hợp lệ/);
    assert.match(bad.text, /Bản có ngày sai/, 'what was typed is kept');
    assert.notEqual(ok(await rep.get(rp(roundId, STTTT))).sections.ket_qua, 'Bản có ngày sai');
    const good = await form(rep, page, {
      version, action: 'save', 'section.ket_qua': 'Đã triển khai xong',
      [`progress.${t.id}.state`]: 'done', [`progress.${t.id}.done_on`]: '20/10/2019',
      [`progress.${t.id}.note`]: 'Đã ban hành',
    });
    assert.equal(good.status, 303, good.text.slice(0, 300));
    const after = ok(await rep.get(rp(roundId, STTTT))).tasks.find((x) => x.id === t.id);
    assert.equal(after.progress.state, 'done');
    assert.equal(after.progress.done_on, '2019-10-20');
    assert.equal(after.status, 'done_late');
    // submitted: the progress shows as text, without fields
    ok(await rep.post(rp(roundId, STTTT, '/submit'), {}), 'submit');
    const done = (await rep.get(page)).text;
    assert.doesNotMatch(done, new RegExp(`name="progress\\.${t.id}\\.state"`));
    assert.match(done, /Đã hoàn thành ngày 20\/10\/2019/);
  });

  it('shows the execution table in the consolidated view', { timeout: T_TEST }, async () => {
    const c = ok(await coord.get(`/api/v1/rounds/${roundId}/consolidated`), 'consolidated');
    assert.ok(c.plan, 'the plan is there');
    assert.equal(c.plan.id, planId);
    assert.equal(c.plan.at, '2019-12-31');
    assert.equal(c.plan.tasks.length, 20);
    const lead = (label, org) => c.plan.tasks.find((t) => t.label === label).leads.find((l) => l.org_code === org);
    assert.equal(lead('1.1', STTTT).status, 'continuous');
    assert.equal(lead('1.1', STTTT).note, 'Đang hướng dẫn các huyện');
    assert.equal(lead('1.4', SNGV).status, 'done_on_time');
    assert.equal(lead('1.4', SNGV).done_on, '2019-03-10');
    assert.equal(lead('2', STTTT).status, 'done_late');
    assert.equal(lead('1.4', STTTT), undefined, 'only lead bodies');
    // a task nobody reported on whose timeframe ended is overdue
    const t51 = c.plan.tasks.find((t) => t.label === '5.1');
    assert.ok(t51.leads.length >= 1, JSON.stringify(t51));
    assert.ok(t51.leads.every((l) => l.status === 'overdue'), JSON.stringify(t51.leads));
    const html = (await coord.get(`/rounds/${roundId}/consolidated`)).text;
    assert.match(html, /id="execution-table"/);
    assert.match(html, /class="chip overdue">Quá hạn</);
    const csv = (await coord.get(`/rounds/${roundId}/consolidated.csv`)).text;
    assert.match(csv, /Tình hình thực hiện kế hoạch/);
    assert.match(csv, /Nhiệm vụ,Nội dung nhiệm vụ,Mã đơn vị,Đơn vị chủ trì,Tình trạng,Ngày hoàn thành,Ghi chú\r\n/);
    assert.match(csv, new RegExp(`\r\n1\\.4,[^\r\n]*,${SNGV},[^,\r\n]*,Hoàn thành đúng hạn,2019-03-10,\r\n`));
    assert.match(csv, new RegExp(`\r\n2,[^\r\n]*,${STTTT},[^,\r\n]*,Hoàn thành trễ hạn,2019-10-20,Đã ban hành\r\n`));
  });
});
