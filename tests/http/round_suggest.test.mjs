// round_suggest.test.mjs - a round's counts that name an indicator of the
// activity register: the checks at creation (unknown indicator, unit and
// type that do not fit), the suggested values in the reports of a
// department and of its province (the province's includes the
// department's; records outside the period or in another province do not
// count), the note a differing number needs, and the consolidated
// difference after a record in a submitted period is corrected (the report
// keeps its submitted number). Runs on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, login, assertError, ok, rp, vnDate, watchServer, T_FILE, T_TEST } from './harness.mjs';

const DEPT = 'P51-SVHTTDL';
const DEPT2 = 'P51-SNV';
const OTHER = 'P01';
const FROM = '2025-04-01';
const TO = '2025-06-30';

describe('suggested counts from the activity register', { timeout: T_FILE }, () => {
  let env, coord, rep, rep2, other;
  let id;
  let corrected; // the department's record corrected after submission
  const form = (ses, p, body) => ses.request('POST', p, {
    body: body.toString(), contentType: 'application/x-www-form-urlencoded',
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });

  const press = (start, people, over = {}) => ({
    type: 'foreign_press', title: `Đón phóng viên ${start}`, start_on: start, people, countries: ['JP'],
    fields: { outlet: 'NHK', products: 1 }, ...over,
  });
  const spec = (counts) => ({
    title: 'Báo cáo quý II', period_start: FROM, period_end: TO, due: vnDate(30), orgs: ['P51', DEPT, DEPT2],
    sections: [{ key: 'kq', heading: 'Kết quả' }], counts,
  });
  const counts = [
    { key: 'pv', name: 'Số phóng viên nước ngoài', unit: 'người', indicator: 'foreign_press.people' },
    { key: 'doan', name: 'Số đoàn phóng viên', indicator: 'foreign_press.count' },
    { key: 'kp', name: 'Kinh phí', indicator: 'budget.vnd' },
    { key: 'khac', name: 'Số cuộc họp báo', unit: 'cuộc' },
  ];

  before(async () => {
    env = await setup({ users: [
      { login: 'sgcoord', org: 'P51', role: 'coordinator' },
      { login: 'sgrep', org: DEPT, role: 'reporter' },
      { login: 'sgrep2', org: DEPT2, role: 'reporter' },
      { login: 'sgother', org: OTHER, role: 'coordinator' },
    ] });
    coord = await login(env.server, env.users.sgcoord);
    rep = await login(env.server, env.users.sgrep);
    rep2 = await login(env.server, env.users.sgrep2);
    other = await login(env.server, env.users.sgother);
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('refuses an unknown indicator, a unit or a type that does not fit', { timeout: T_TEST }, async () => {
    let r = await coord.post('/api/v1/rounds', spec([{ key: 'x', name: 'X', indicator: 'foreign_press.nope' }]));
    assertError(r, 400, 'invalid', 'unknown indicator');
    assert.match(r.json.error.message, /foreign_press\.nope/);
    r = await coord.post('/api/v1/rounds', spec([{ key: 'x', name: 'X', unit: 'đoàn', indicator: 'foreign_press.people' }]));
    assertError(r, 400, 'invalid', 'unit of another indicator');
    assert.match(r.json.error.message, /người/);
    r = await coord.post('/api/v1/rounds', spec([{ key: 'x', name: 'X', type: 'integer', indicator: 'budget.vnd' }]));
    assertError(r, 400, 'invalid', 'integer count of an amount');
    assert.match(r.json.error.message, /thập phân/);
    r = await coord.post('/api/v1/rounds', spec([{ key: 'x', name: 'X', indicator: 7 }]));
    assertError(r, 400, 'invalid', 'indicator not a string');
    const rounds = ok(await coord.get('/api/v1/rounds'), 'rounds');
    assert.equal(rounds.filter((x) => x.title === 'Báo cáo quý II').length, 0, 'nothing stored');
  });

  it('creates a round whose counts name indicators', { timeout: T_TEST }, async () => {
    const r = ok(await coord.post('/api/v1/rounds', spec(counts)), 'create', [201]);
    id = r.id;
    const g = ok(await coord.get(`/api/v1/rounds/${id}`), 'round');
    const by = Object.fromEntries(g.counts.map((c) => [c.key, c]));
    assert.equal(by.pv.indicator, 'foreign_press.people');
    assert.equal(by.doan.unit, 'đoàn', 'the unit of the indicator when none is given');
    assert.equal(by.doan.type, 'integer');
    assert.equal(by.kp.type, 'decimal', 'the kind of the indicator when no type is given');
    assert.equal(by.kp.unit, 'VNĐ');
    assert.equal(by.khac.indicator, null);
  });

  it('suggests values from the activities of each body and the bodies below it', { timeout: T_TEST }, async () => {
    const add = async (s, a) => ok(await s.post('/api/v1/activities', a), 'record', [201]).id;
    corrected = await add(rep, press(FROM, 5)); // first day of the period
    await add(rep, press(TO, 2)); // last day
    await add(rep, press('2025-03-31', 100)); // the day before
    await add(rep, press('2025-07-01', 100)); // the day after
    await add(coord, press('2025-05-05', 3)); // the province itself
    await add(other, press('2025-05-05', 50)); // another province
    await add(rep, { type: 'budget', title: 'In tờ gấp', start_on: '2025-05-10', fields: { source: 'state', amount_vnd: 1500000.5 } });

    const dept = ok(await rep.get(rp(id, DEPT)), 'department report');
    assert.deepEqual(dept.suggestions.pv, {
      indicator: 'foreign_press.people', suggested: 7, sources: 2,
      records: `/activities?org=${DEPT}&from=${FROM}&to=${TO}&type=foreign_press`,
    });
    assert.equal(dept.suggestions.doan.suggested, 2);
    assert.equal(dept.suggestions.kp.suggested, 1500000.5);
    assert.equal(dept.suggestions.kp.sources, 1);
    assert.equal(dept.suggestions.khac, undefined, 'a count without an indicator has no suggestion');

    const prov = ok(await coord.get(rp(id, 'P51')), 'province report');
    assert.equal(prov.suggestions.pv.suggested, 10, 'the province includes its departments');
    assert.equal(prov.suggestions.pv.sources, 3);
    assert.equal(prov.suggestions.doan.suggested, 3);
    assert.equal(prov.suggestions.kp.suggested, 1500000.5);

    const dept2 = ok(await rep2.get(rp(id, DEPT2)), 'other department');
    assert.equal(dept2.suggestions.pv.suggested, 0);
    assert.equal(dept2.suggestions.pv.sources, 0);
  });

  it('asks a note for a number that differs from the suggestion', { timeout: T_TEST }, async () => {
    ok(await rep.put(rp(id, DEPT), { counts: { pv: 7 } }), 'the suggestion needs no note');
    let r = await rep.put(rp(id, DEPT), { counts: { doan: 5 } });
    assertError(r, 400, 'invalid', 'differs without a note');
    assert.match(r.json.error.message, /ghi chú vì sao khác/);
    let g = ok(await rep.get(rp(id, DEPT)), 'get');
    assert.equal(g.counts.doan, undefined, 'nothing stored');
    r = await rep.put(rp(id, DEPT), { counts: { doan: 5 }, notes: { doan: '   ' } });
    assertError(r, 400, 'invalid', 'a blank note');
    assertError(await rep.put(rp(id, DEPT), { notes: { khac: 'x' } }), 400, 'invalid', 'note on a count without indicator');
    assertError(await rep.put(rp(id, DEPT), { notes: { doan: 5 } }), 400, 'invalid', 'note not a string');
    g = ok(await rep.put(rp(id, DEPT), { counts: { doan: 5, khac: 4 }, notes: { doan: 'Ba đoàn chưa vào sổ' } }), 'with a note');
    assert.equal(g.counts.doan, 5);
    assert.equal(g.notes.doan, 'Ba đoàn chưa vào sổ');
    g = ok(await rep.put(rp(id, DEPT), { counts: { doan: 6 } }), 'the stored note still explains');
    assert.equal(g.counts.doan, 6);
    g = ok(await rep.put(rp(id, DEPT), { counts: { doan: 5 } }), 'back to 5');
    ok(await rep.post(rp(id, DEPT, '/submit')), 'submit');
  });

  it('the pages: a new round names indicators; the report form asks the note', { timeout: T_TEST }, async () => {
    const blank = (await coord.get('/rounds/new')).text;
    assert.match(blank, /<select id="ci1" name="count_indicator">/);
    assert.match(blank, /<option value="foreign_press.people">Số phóng viên nước ngoài \(người\)<\/option>/);
    const body = new URLSearchParams({ csrf: coord.csrf, title: 'Đợt qua biểu mẫu', period_start: '01/04/2025',
      period_end: '30/06/2025', due: vnDate(30).split('-').reverse().join('/'), sections: 'Kết quả' });
    body.append('org', DEPT2);
    for (const [name, unit, type, ind] of [['Phóng viên', '', 'integer', 'foreign_press.people'],
      ['Kinh phí', '', 'integer', 'budget.vnd'], ['Họp báo', 'cuộc', 'integer', '']]) {
      body.append('count_name', name);
      body.append('count_unit', unit);
      body.append('count_type', type);
      body.append('count_indicator', ind);
    }
    let r = await form(coord, '/rounds', body);
    assert.equal(r.status, 303, r.text.slice(0, 500));
    const fid = Number(/\/rounds\/(\d+)/.exec(r.headers.location)[1]);
    const g = ok(await coord.get(`/api/v1/rounds/${fid}`), 'round');
    assert.deepEqual(g.counts.map((c) => [c.unit, c.type, c.indicator]),
      [['người', 'integer', 'foreign_press.people'], ['VNĐ', 'decimal', 'budget.vnd'], ['cuộc', 'integer', null]]);

    const url = `/rounds/${fid}/reports/${DEPT2}`;
    let html = (await rep2.get(url)).text;
    assert.match(html, /id="sg-c1"/);
    assert.match(html, /Dùng số này/);
    assert.match(html, /<div class="note-field" id="nf-c1" hidden>/);
    const version = /name="version" value="(\d+)"/.exec(html)[1];
    r = await form(rep2, url, new URLSearchParams({ csrf: rep2.csrf, version, action: 'save', 'count.c1': '4', 'note.c1': '' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /ghi chú vì sao khác/);
    assert.match(r.text, /<div class="note-field" id="nf-c1">/, 'the note is shown when the number differs');
    r = await form(rep2, url, new URLSearchParams({ csrf: rep2.csrf, version, action: 'save', 'count.c1': '4',
      'note.c1': 'Số của tổ phóng viên thường trú' }));
    assert.equal(r.status, 303, r.text.slice(0, 500));
    const rep = ok(await rep2.get(rp(fid, DEPT2)), 'report');
    assert.equal(rep.counts.c1, 4);
    assert.equal(rep.notes.c1, 'Số của tổ phóng viên thường trú');
  });

  it('shows the difference from the register on the consolidated view after a correction', { timeout: T_TEST }, async () => {
    const a = ok(await rep.get(`/api/v1/activities/${corrected}`), 'record');
    ok(await rep.put(`/api/v1/activities/${corrected}`, press(FROM, 9, { version: a.version })), 'correct the record');
    const g = ok(await rep.get(rp(id, DEPT)), 'report');
    assert.equal(g.status, 'submitted');
    assert.equal(g.counts.pv, 7, 'the report keeps its submitted number');
    assert.equal(g.suggestions.pv.suggested, 11);

    const c = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated');
    const row = c.by_org.find((x) => x.org_code === DEPT);
    assert.deepEqual(row.register.pv, { reported: 7, register: 11, sources: 2, difference: -4, note: null });
    assert.deepEqual(row.register.doan, { reported: 5, register: 2, sources: 2, difference: 3, note: 'Ba đoàn chưa vào sổ' });
    assert.deepEqual(row.register.kp, { reported: null, register: 1500000.5, sources: 1, difference: null, note: null });
    assert.equal(row.register.khac, undefined);
    assert.equal(c.counts.pv, 7);

    const page = await coord.get(`/rounds/${id}/consolidated`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="register-diff"/);
    assert.match(page.text, /Ba đoàn chưa vào sổ/);
    assert.match(page.text, /−4|-4/);

    const csv = await coord.get(`/rounds/${id}/consolidated.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.text, /Sổ hoạt động/);
    const lines = csv.text.split('\r\n').filter((l) => l.startsWith(`${DEPT},`));
    assert.ok(lines.some((l) => l.endsWith(',Số phóng viên nước ngoài,7,11,-4,2,')), `pv line: ${csv.text}`);
    assert.ok(lines.some((l) => l.endsWith(',Số đoàn phóng viên,5,2,3,2,Ba đoàn chưa vào sổ')), `doan line: ${csv.text}`);
    assert.ok(lines.some((l) => l.endsWith(',Kinh phí,,1500000.5,-1500000.5,1,')), `kp line: ${csv.text}`);
  });
});
