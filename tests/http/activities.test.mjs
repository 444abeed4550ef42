// activities.test.mjs - the activity register over HTTP: a department's
// reporter records, reads, edits (versions) and deletes its activities;
// the province's coordinator reads them but does not edit them, another
// province sees nothing; every bad input is a 400 with a Vietnamese
// message and stores nothing; attachments streamed in and out; statistics
// with Vietnamese country names; indicator values over the province's
// subtree and a period. Runs on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { setup, teardown, login, assertError, ok, multipart, T_FILE, T_TEST } from './harness.mjs';

const DEPT = 'P51-SVHTTDL';
const DEPT2 = 'P51-SNV';
const OTHER = 'P01';

describe('activities', { timeout: T_FILE }, () => {
  let env, admin, coord, rep, rep2, viewer, other;
  const mine = []; // ids recorded by rep

  const press = (over = {}) => ({
    type: 'foreign_press', title: 'Đón đoàn phóng viên NHK', start_on: '2025-04-10', end_on: '2025-04-12',
    place: 'Lý Sơn', people: 7, countries: ['JP'], fields: { outlet: 'NHK', products: 3 }, ...over,
  });
  const total = async (s, q = '') => ok(await s.get(`/api/v1/activities?limit=200${q}`), 'list').total;

  before(async () => {
    env = await setup({ users: [
      { login: 'acadmin', org: 'P51', role: 'admin' },
      { login: 'accoord', org: 'P51', role: 'coordinator' },
      { login: 'acrep', org: DEPT, role: 'reporter' },
      { login: 'acrep2', org: DEPT2, role: 'reporter' },
      { login: 'acview', org: DEPT, role: 'viewer' },
      { login: 'acother', org: OTHER, role: 'coordinator' },
    ] });
    admin = await login(env.server, env.users.acadmin);
    coord = await login(env.server, env.users.accoord);
    rep = await login(env.server, env.users.acrep);
    rep2 = await login(env.server, env.users.acrep2);
    viewer = await login(env.server, env.users.acview);
    other = await login(env.server, env.users.acother);
  });
  after(async () => { await teardown(env); });

  it('lists the types, the indicators and the countries in Vietnamese', { timeout: T_TEST }, async () => {
    const types = ok(await rep.get('/api/v1/activities/types'), 'types');
    assert.equal(types.length, 11);
    const din = types.find((t) => t.key === 'delegation_in');
    assert.equal(din.people, true);
    const org = din.fields.find((f) => f.key === 'foreign_org');
    assert.equal(org.required, true);
    assert.equal(org.kind, 'text');
    const lvl = din.fields.find((f) => f.key === 'level');
    assert.deepEqual(lvl.values.map((v) => v.value), ['province', 'commune']);
    const ind = ok(await rep.get('/api/v1/indicators'), 'indicators');
    for (const t of types) assert.ok(ind.find((i) => i.key === `${t.key}.count`), `${t.key}.count`);
    for (const k of ['delegation_in.people', 'delegation_out.people', 'foreign_press.people', 'training.people',
      'conference.foreign_delegates', 'delegation_out.budget_vnd', 'budget.vnd']) {
      const i = ind.find((x) => x.key === k);
      assert.ok(i, k);
      assert.ok(i.name && i.unit && i.definition && ['integer', 'decimal'].includes(i.type), k);
    }
    const countries = ok(await rep.get('/api/v1/countries'), 'countries');
    assert.ok(countries.length > 240);
    assert.equal(countries.find((c) => c.code === 'JP').name, 'Nhật Bản');
    assert.equal(countries.find((c) => c.code === 'LA').name_en, "Lao People's Democratic Republic");
  });

  it('records, reads, edits with versions and deletes', { timeout: T_TEST }, async () => {
    const a = ok(await rep.post('/api/v1/activities', press()), 'create', [201]);
    mine.push(a.id);
    assert.equal(a.org.code, DEPT);
    assert.equal(a.type, 'foreign_press');
    assert.equal(a.people, 7);
    assert.deepEqual(a.countries, [{ code: 'JP', name: 'Nhật Bản' }]);
    assert.deepEqual(a.fields, { outlet: 'NHK', products: 3 });
    assert.equal(a.recorded_by, 'acrep');
    assert.equal(a.version, 1);
    assert.equal(a.can_edit, true);
    const g = ok(await rep.get(`/api/v1/activities/${a.id}`), 'get');
    assert.equal(g.title, 'Đón đoàn phóng viên NHK');
    // edit with the version seen; a stale version is a conflict
    const u = ok(await rep.put(`/api/v1/activities/${a.id}`, press({ people: 8, version: 1, countries: ['jp', 'kr'] })),
      'put');
    assert.equal(u.version, 2);
    assert.equal(u.people, 8);
    assert.deepEqual(u.countries.map((c) => c.code), ['JP', 'KR']);
    assertError(await rep.put(`/api/v1/activities/${a.id}`, press({ version: 1 })), 409, 'conflict', 'stale');
    assert.equal(ok(await rep.get(`/api/v1/activities/${a.id}`)).people, 8, 'the stale edit stored nothing');
    // a second one, then deleted
    const b = ok(await rep.post('/api/v1/activities', { type: 'training', title: 'Lớp bồi dưỡng', start_on: '2025-05-01',
      people: 40 }), 'create 2', [201]);
    ok(await rep.request('DELETE', `/api/v1/activities/${b.id}`), 'delete');
    assertError(await rep.get(`/api/v1/activities/${b.id}`), 404, 'not_found', 'deleted');
    assertError(await rep.request('DELETE', `/api/v1/activities/${b.id}`), 404, 'not_found', 'deleted twice');
    const audit = ok(await admin.get('/api/v1/audit?limit=20'), 'audit');
    const rows = Array.isArray(audit) ? audit : audit.items || audit.entries;
    const del = rows.find((e) => e.action === 'activity.delete' && String(e.entity_id) === String(b.id));
    assert.ok(del, 'the delete is audited');
    assert.match(JSON.stringify(del.before), /Lớp bồi dưỡng/);
  });

  it('refuses bad input with a Vietnamese message and stores nothing', { timeout: T_TEST }, async () => {
    const before = await total(admin);
    const cases = [
      [{ ...press(), type: undefined }, /type/, 'no type'],
      [press({ type: 'picnic' }), /picnic/, 'unknown type'],
      [press({ title: '' }), /title/, 'no title'],
      [press({ start_on: undefined }), /start_on/, 'no start'],
      [press({ start_on: '2025-02-30' }), /start_on/, 'not a day'],
      [press({ end_on: '2025-04-01' }), /end_on/, 'end before start'],
      [press({ countries: ['XX'] }), /XX/, 'unknown country'],
      [press({ countries: 'JP' }), /countries/, 'countries not a list'],
      [press({ people: -1 }), /âm/, 'negative people'],
      [press({ people: 'bảy' }), /people/, 'people not a number'],
      [press({ fields: { products: 2 } }), /outlet/, 'missing required field'],
      [press({ fields: { outlet: 'NHK', products: -2 } }), /products/, 'negative number'],
      [press({ fields: { outlet: 'NHK', products: 2.5 } }), /products/, 'not an integer'],
      [press({ fields: { outlet: 'NHK', colour: 'red' } }), /colour/, 'unknown field'],
      [press({ fields: [] }), /fields/, 'fields not an object'],
      [{ type: 'budget', title: 'x', start_on: '2025-01-01', fields: { source: 'bank', amount_vnd: 5 } }, /source/, 'bad enum'],
      [{ type: 'conference', title: 'x', start_on: '2025-01-01', people: 3, fields: { role: 'hosted' } }, /people/,
        'people on a type without people'],
      [press({ plan_task_id: 99999999 }), /plan_task_id/, 'no such task'],
      [press({ org: 'KHONG-CO' }), /KHONG-CO/, 'unknown body'],
    ];
    for (const [body, says, what] of cases) {
      const r = await rep.post('/api/v1/activities', body);
      assertError(r, 400, 'invalid', what);
      assert.match(r.json.error.message, says, what);
      assert.match(r.json.error.message, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, `${what}: Vietnamese`);
    }
    assertError(await rep.post('/api/v1/activities', undefined, { body: '{"type":', contentType: 'application/json' }),
      400, undefined, 'broken JSON');
    assertError(await rep.post('/api/v1/activities', [1, 2]), 400, 'invalid', 'an array');
    assertError(await rep.get('/api/v1/activities?from=2025-13-01'), 400, 'invalid', 'bad from');
    assertError(await rep.get('/api/v1/activities?type=picnic'), 400, 'invalid', 'bad type filter');
    assertError(await rep.get('/api/v1/activities/stats?group=weekday'), 400, 'invalid', 'bad group');
    assertError(await rep.get('/api/v1/activities/abc'), 404, 'not_found', 'bad id');
    assertError(await rep.post('/api/v1/activities', press(), { csrf: null }), 403, 'csrf', 'no CSRF');
    assert.equal(await total(admin), before, 'nothing stored');
  });

  it('lets each body edit its own and read its subtree only', { timeout: T_TEST }, async () => {
    const id = mine[0];
    // the viewer of the body reads, may not record
    ok(await viewer.get(`/api/v1/activities/${id}`), 'viewer reads');
    assertError(await viewer.post('/api/v1/activities', press()), 403, 'forbidden', 'viewer records');
    // another department's reporter: not its body
    assertError(await rep2.get(`/api/v1/activities/${id}`), 404, 'not_found', 'another body reads');
    assertError(await rep2.put(`/api/v1/activities/${id}`, press()), 404, 'not_found', 'another body edits');
    assertError(await rep2.post('/api/v1/activities', press({ org: DEPT })), 403, 'forbidden', 'records for another');
    assertError(await rep2.get(`/api/v1/activities?org=${DEPT}`), 403, 'forbidden', 'lists another body');
    // the province's coordinator reads the department's, does not edit it
    const c = ok(await coord.get(`/api/v1/activities/${id}`), 'coordinator reads');
    assert.equal(c.can_edit, false);
    assertError(await coord.put(`/api/v1/activities/${id}`, press()), 403, 'forbidden', 'coordinator edits');
    assertError(await coord.request('DELETE', `/api/v1/activities/${id}`), 403, 'forbidden', 'coordinator deletes');
    const list = ok(await coord.get('/api/v1/activities'), 'coordinator lists');
    assert.ok(list.items.some((a) => a.id === id));
    // another province sees nothing of it
    assertError(await other.get(`/api/v1/activities/${id}`), 404, 'not_found', 'other province');
    assert.equal(await total(other), 0);
    assertError(await other.get('/api/v1/activities?org=P51'), 403, 'forbidden', 'other province lists P51');
  });

  it('filters and pages the list, newest start first', { timeout: T_TEST }, async () => {
    for (const [d, t, c] of [['2025-01-15', 'delegation_in', 'KR'], ['2025-02-20', 'delegation_in', 'LA'],
      ['2025-03-05', 'training', null], ['2024-11-30', 'delegation_in', 'KR']]) {
      const body = t === 'training'
        ? { type: t, title: `Lớp ${d}`, start_on: d, people: 20 }
        : { type: t, title: `Đoàn ${d}`, start_on: d, people: 4, countries: [c], fields: { foreign_org: 'Tỉnh bạn' } };
      mine.push(ok(await rep.post('/api/v1/activities', body), d, [201]).id);
    }
    const all = ok(await rep.get('/api/v1/activities'), 'all');
    const days = all.items.map((a) => a.start_on);
    assert.deepEqual(days, [...days].sort().reverse());
    const din = ok(await rep.get('/api/v1/activities?type=delegation_in&from=2025-01-01&to=2025-12-31'), 'filtered');
    assert.deepEqual(din.items.map((a) => a.start_on), ['2025-02-20', '2025-01-15']);
    const kr = ok(await rep.get('/api/v1/activities?country=KR'), 'by country');
    assert.equal(kr.total, 3); // the NHK press trip names KR too
    const page = ok(await rep.get('/api/v1/activities?limit=2&offset=2'), 'page');
    assert.equal(page.items.length, 2);
    assert.equal(page.total, all.total);
    assert.deepEqual(page.items.map((a) => a.id), all.items.slice(2, 4).map((a) => a.id));
  });

  it('keeps attachments as blobs and streams them back', { timeout: T_TEST }, async () => {
    const id = mine[0];
    const data = crypto.randomBytes(3 * 1024 * 1024 + 17); // several chunks
    const mp = multipart([{ name: 'ảnh đoàn.jpg', data }]);
    const r = await rep.request('POST', `/api/v1/activities/${id}/attachments`, { body: mp.body, contentType: mp.contentType });
    const a = ok(r, 'attach', [201]);
    assert.equal(a.attachments.length, 1);
    const att = a.attachments[0];
    assert.equal(att.size, data.length);
    assert.equal(att.content_type, 'image/jpeg');
    assert.equal(att.filename, 'ảnh đoàn.jpg');
    const got = await coord.get(`/api/v1/activities/${id}/attachments/${att.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.buf.length, data.length);
    assert.ok(got.buf.equals(data), 'the same bytes');
    assert.match(got.headers['content-disposition'], /^attachment/);
    assertError(await other.get(`/api/v1/activities/${id}/attachments/${att.id}`), 404, 'not_found', 'other province');
    assertError(await viewer.request('POST', `/api/v1/activities/${id}/attachments`, { body: mp.body, contentType: mp.contentType }),
      403, 'forbidden', 'viewer attaches');
    assertError(await rep2.request('POST', `/api/v1/activities/${id}/attachments`, { body: mp.body, contentType: mp.contentType }),
      404, 'not_found', 'another body attaches');
    const empty = multipart([], { note: 'x' });
    assertError(await rep.request('POST', `/api/v1/activities/${id}/attachments`, { body: empty.body, contentType: empty.contentType }),
      400, 'invalid', 'no file');
    ok(await rep.request('DELETE', `/api/v1/activities/${id}/attachments/${att.id}`), 'delete attachment');
    assertError(await rep.get(`/api/v1/activities/${id}/attachments/${att.id}`), 404, 'not_found', 'deleted attachment');
  });

  it('gives statistics with Vietnamese country names', { timeout: T_TEST }, async () => {
    const byCountry = ok(await coord.get('/api/v1/activities/stats?group=country&from=2025-01-01&to=2025-12-31'), 'country');
    const kr = byCountry.groups.find((g) => g.key === 'KR');
    assert.equal(kr.count, 2);
    assert.equal(kr.name, 'Hàn Quốc');
    assert.equal(byCountry.groups.find((g) => g.key === 'JP').name, 'Nhật Bản');
    assert.equal(byCountry.groups.find((g) => g.key === 'LA').name, 'Lào');
    const byType = ok(await coord.get('/api/v1/activities/stats?group=type&from=2025-01-01&to=2025-12-31'), 'type');
    const din = byType.groups.find((g) => g.key === 'delegation_in');
    assert.equal(din.count, 2);
    assert.match(din.name, /^Đoàn vào/);
    const byMonth = ok(await coord.get('/api/v1/activities/stats?group=month&from=2025-01-01&to=2025-12-31'), 'month');
    assert.deepEqual(byMonth.groups.map((g) => g.key), ['2025-01', '2025-02', '2025-03', '2025-04']);
    const byOrg = ok(await coord.get('/api/v1/activities/stats?group=org'), 'org');
    assert.equal(byOrg.groups[0].key, DEPT);
    assert.equal(byOrg.groups[0].count, 5);
    assert.deepEqual(ok(await other.get('/api/v1/activities/stats?group=type')).groups, []);
  });

  it('links an activity to a plan task the body leads', { timeout: T_TEST }, async () => {
    const made = ok(await coord.post('/api/v1/plans', {
      owner: 'P51', title: 'Kế hoạch thông tin đối ngoại năm 2025',
      period_start: '2025-01-01', period_end: '2025-12-31',
      groups: [{ label: '1', heading: 'Quảng bá', tasks: [
        { label: '1.1', text: 'Đón các đoàn phóng viên nước ngoài đến tìm hiểu tỉnh',
          timeframe: { kind: 'within', start: '2025-01-01', end: '2025-12-31', text: 'Năm 2025' },
          leads: [{ text: 'Sở Văn hóa, Thể thao và Du lịch', orgs: [DEPT] }] },
      ] }],
    }), 'plan', [201]);
    const plan = ok(await coord.get(`/api/v1/plans/${made.id}`), 'plan');
    const taskId = plan.tasks[0].id;
    ok(await coord.put(`/api/v1/plans/${made.id}`, { state: 'active' }), 'activate');
    const a = ok(await rep.post('/api/v1/activities', press({ plan_task_id: taskId, title: 'Đoàn phóng viên KBS' })),
      'linked', [201]);
    assert.equal(a.plan_task.id, taskId);
    assert.equal(a.plan_task.plan_id, made.id);
    assert.equal(a.plan_task.label, '1.1');
    assert.equal(a.in_plan, true);
    const byTask = ok(await coord.get(`/api/v1/activities?plan_task=${taskId}`), 'by task');
    assert.deepEqual(byTask.items.map((x) => x.id), [a.id]);
    // another province's body does not see the plan, so cannot link to it
    const r = await other.post('/api/v1/activities', press({ plan_task_id: taskId }));
    assertError(r, 400, 'invalid', 'a task of a plan it does not read');
    assert.match(r.json.error.message, /plan_task_id/);
    ok(await rep.request('DELETE', `/api/v1/activities/${a.id}`), 'clean up');
  });

  it('computes indicators over the subtree and the period', { timeout: T_TEST }, async () => {
    // the province's own (its coordinator records for it) and another province's
    ok(await coord.post('/api/v1/activities', press({ people: 10, countries: [] })), 'province', [201]);
    ok(await other.post('/api/v1/activities', press({ people: 1000 })), 'other province', [201]);
    ok(await rep.post('/api/v1/activities', press({ start_on: '2026-01-01', end_on: null, people: 500 })), 'next year', [201]);
    const val = async (s, key, org) => ok(await s.get(`/api/v1/indicators/${key}?org=${org}&from=2025-01-01&to=2025-12-31`), key);
    let v = await val(coord, 'foreign_press.people', 'P51');
    assert.equal(v.value, 18);
    assert.equal(v.sources, 2);
    v = await val(rep, 'foreign_press.people', DEPT);
    assert.equal(v.value, 8);
    assert.equal(v.sources, 1);
    v = await val(coord, 'delegation_in.count', 'P51');
    assert.equal(v.value, 2);
    assert.equal(v.unit, 'đoàn');
    v = await val(other, 'foreign_press.people', OTHER);
    assert.equal(v.value, 1000);
    assertError(await other.get('/api/v1/indicators/foreign_press.people?org=P51&from=2025-01-01&to=2025-12-31'),
      403, 'forbidden', 'another province');
    assertError(await coord.get('/api/v1/indicators/nope.count?org=P51&from=2025-01-01&to=2025-12-31'), 404, 'not_found');
    assertError(await coord.get('/api/v1/indicators/budget.vnd?org=P51&from=2025-12-31&to=2025-01-01'), 400, 'invalid');
  });
});
