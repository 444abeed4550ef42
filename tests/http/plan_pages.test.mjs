// plan_pages.test.mjs - the plan pages over HTTP: the chart of statuses
// (counts and shares, links that filter), the filter by status and body
// (bad values refused with a Vietnamese message), progress forms folded
// away, "Việc của đơn vị tôi" (overdue first, the form returns there), the
// count of overdue tasks on the home page, a plan written on the page and
// copied to the next year, and the picker for names not matched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, teardown, login, ok, cli, T_FILE, T_TEST } from './harness.mjs';

const SHARED = process.env.TTDN_SHARED || '../shared';
const SEED = path.join(SHARED, 'seeds', '002_fc7beda4cce84e5d.txt');
const STTTT = 'OP-KON-TUM-STTTT';

describe('plan pages', { timeout: T_FILE }, () => {
  let env, coord, rep, planId, plan;
  const task = (label) => plan.tasks.find((t) => t.label === label);
  const form = (s, p, fields) => s.request('POST', p, {
    body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
  });
  const html = async (s, p, status = 200) => {
    const r = await s.get(p);
    assert.equal(r.status, status, `${p}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.text;
  };
  const cards = (h) => [...h.matchAll(/<article class="task[^"]*" id="task-(\d+)" data-status="([a-z_]+)"/g)]
    .map((m) => ({ id: Number(m[1]), status: m[2] }));

  before(async () => {
    env = await setup({ users: [
      { login: 'ppcoord', org: 'OP-KON-TUM', role: 'coordinator' },
      { login: 'pprep', org: STTTT, role: 'reporter' },
    ] });
    coord = await login(env.server, env.users.ppcoord);
    rep = await login(env.server, env.users.pprep);
    const out = (await cli(['import', SEED, '--db', env.db])).stdout;
    const docId = Number(/^(?:imported|duplicate)\t[^\t]*\t(\d+)/m.exec(out)[1]);
    planId = ok(await coord.post('/api/v1/plans', { document_id: docId }), 'create', [201]).id;
    ok(await coord.put(`/api/v1/plans/${planId}`, { state: 'active' }), 'activate');
    plan = ok(await coord.get(`/api/v1/plans/${planId}?at=2019-11-01`), 'read');
  });
  after(async () => { await teardown(env); });

  it('draws the chart of statuses with counts and shares, bars linking to the filter', { timeout: T_TEST }, async () => {
    const st = ok(await coord.get(`/api/v1/plans/${planId}/status?at=2019-11-01`), 'status');
    const h = await html(coord, `/plans/${planId}?at=2019-11-01`);
    const svg = /<svg class="chart share"[^]*?<\/svg>/.exec(h);
    assert.ok(svg, 'the chart is there');
    assert.match(svg[0], /role="img" aria-label="Tình trạng nhiệm vụ của kế hoạch"/);
    assert.match(svg[0], /<title>Tình trạng nhiệm vụ của kế hoạch<\/title>/);
    const labels = ['Chưa đến hạn', 'Đang thực hiện', 'Hoàn thành đúng hạn', 'Hoàn thành trễ hạn', 'Quá hạn', 'Thường xuyên'];
    const names = ['not_due', 'in_progress', 'done_on_time', 'done_late', 'overdue', 'continuous'];
    for (const [i, l] of labels.entries()) {
      const n = st.counts[names[i]];
      const pct = Math.round(n * 1000 / 20) / 10;
      const share = `${String(pct).replace('.', ',')}%`;
      assert.ok(svg[0].includes(`>${l}</text>`), `label ${l}`);
      assert.ok(svg[0].includes(`>${n} (${share})</text>`), `${l}: ${n} (${share}) in ${svg[0]}`);
      assert.ok(svg[0].includes(`<a href="/plans/${planId}?at=2019-11-01&amp;status=${names[i]}#tasks">`), `link ${l}`);
    }
    assert.match(h, /id="chart-scope">Tính trên toàn bộ 20 nhiệm vụ của kế hoạch, tại ngày 01\/11\/2019/);
    assert.equal(cards(h).length, 20);
  });

  it('filters by status and by body; the chart says what it covers', { timeout: T_TEST }, async () => {
    const overdue = plan.tasks.filter((t) => t.status === 'overdue');
    assert.ok(overdue.length > 0);
    let h = await html(coord, `/plans/${planId}?at=2019-11-01&status=overdue`);
    assert.deepEqual(cards(h).map((c) => c.id).sort(), overdue.map((t) => t.id).sort());
    assert.ok(cards(h).every((c) => c.status === 'overdue'));
    assert.match(h, new RegExp(`id="filter-result" role="status">Đang hiện <b>${overdue.length}</b> / 20 nhiệm vụ · Quá hạn`));
    assert.match(h, /<option value="overdue" selected>/);
    // the body filter lists the bodies the plan names
    assert.match(h, new RegExp(`<option value="${STTTT}">Sở Thông tin và Truyền thông`));
    assert.match(h, /<option value="OD-KON-TUM\.[^"]+">/);
    const named = plan.tasks.filter((t) => [...t.leads, ...t.coordinating].some((l) => l.orgs.some((o) => o.code === STTTT)));
    h = await html(coord, `/plans/${planId}?at=2019-11-01&org=${STTTT}`);
    assert.deepEqual(cards(h).map((c) => c.id).sort(), named.map((t) => t.id).sort());
    assert.match(h, new RegExp(`id="chart-scope">Tính trên ${named.length} nhiệm vụ có <b>Sở Thông tin và Truyền thông[^<]*</b> chủ trì hoặc phối hợp`));
    assert.match(h, new RegExp(`<option value="${STTTT}" selected>`));
    // both at once; nothing left says so
    h = await html(coord, `/plans/${planId}?at=2019-11-01&org=${STTTT}&status=done_late`);
    assert.equal(cards(h).length, 0);
    assert.match(h, /id="no-tasks">Không có nhiệm vụ nào khớp bộ lọc/);
    assert.match(h, /id="filter-clear"/);
    // bad values: a Vietnamese message
    h = await html(coord, `/plans/${planId}?status=late`, 400);
    assert.match(h, /Tình trạng &quot;late&quot; không có/);
    h = await html(coord, `/plans/${planId}?org=P01`, 400);
    assert.match(h, /Kế hoạch không giao nhiệm vụ nào cho đơn vị mã P01/);
    await html(coord, `/plans/${planId}?at=2019-02-30`, 400);
  });

  it('folds progress forms away and lists the body\'s tasks overdue first', { timeout: T_TEST }, async () => {
    let h = await html(rep, `/plans/${planId}`);
    const forms = (h.match(/<details class="progress"><summary>Cập nhật tiến độ<\/summary><form method="post" class="progress"/g) || []).length;
    const led = plan.tasks.filter((t) => t.leads.some((l) => l.orgs.some((o) => o.code === STTTT)));
    assert.ok(led.length >= 3);
    assert.equal(forms, led.length, 'one folded form per task the body leads');
    // today (long after 2019) every dated task of the body is overdue
    const t = led.find((x) => x.timeframe.end);
    ok(await rep.post(`/api/v1/plans/${planId}/tasks/${t.id}/progress`, { state: 'done', done_on: '2019-10-01' }), 'done', [201]);
    h = await html(rep, '/my-tasks');
    const mine = cards(h);
    assert.deepEqual(mine.map((c) => c.id).sort(), led.map((x) => x.id).sort());
    const order = ['overdue', 'in_progress', 'not_due', 'continuous', 'done_late', 'done_on_time'];
    const ranks = mine.map((c) => order.indexOf(c.status));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `overdue first: ${mine.map((c) => c.status)}`);
    assert.equal(mine[0].status, 'overdue');
    assert.equal(mine.find((c) => c.id === t.id).status, t.timeframe.end >= '2019-10-01' ? 'done_on_time' : 'done_late');
    assert.match(h, new RegExp(`<a href="/plans/${planId}">[^<]*Kon Tum năm 2019</a>`));
    assert.match(h, /Đã hoàn thành<\/b> \(01\/10\/2019\)/, 'the last progress');
    assert.match(h, /Xem toàn văn|class="task-text"/);
    assert.match(h, /<a href="\/my-tasks" aria-current="page">Việc của đơn vị tôi<\/a>/);
    // the form there returns there
    const other = mine.find((c) => c.status === 'overdue');
    const r = await form(rep, `/plans/${planId}/tasks/${other.id}/progress`,
      { back: 'mine', org: STTTT, state: 'in_progress', done_on: '', note: 'Đang làm' });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    assert.equal(r.headers.location, `/my-tasks?msg=progress#task-${other.id}`);
    h = await html(rep, '/my-tasks');
    assert.match(h, /Đang thực hiện<\/b> · Đang làm/);
    // the home page counts the overdue tasks
    const overdue = cards(h).filter((c) => c.status === 'overdue').length;
    h = await html(rep, '/');
    assert.match(h, new RegExp(`id="my-tasks"><a href="/my-tasks">Việc của đơn vị tôi</a>: ${mine.length} nhiệm vụ chủ trì, <span class="[^"]*" id="my-overdue"><b>${overdue}</b> quá hạn`));
    // a body that leads nothing
    h = await html(coord, '/my-tasks');
    assert.match(h, /id="no-tasks"/);
  });

  it('writes a plan on the page: owner, period as dd/mm/yyyy, groups and tasks one by one, edits and a copy', { timeout: T_TEST }, async () => {
    let h = await html(coord, '/plans');
    assert.match(h, /<details class="card" id="new-plan"><summary>Lập kế hoạch mới/);
    assert.match(h, /<option value="OP-KON-TUM">/);
    assert.doesNotMatch(await html(rep, '/plans'), /id="new-plan"/, 'a reporter makes no plans');
    const fields = { owner: 'OP-KON-TUM', title: 'Kế hoạch thông tin đối ngoại năm 2019 (bổ sung)', period_start: '01/01/2019', period_end: '31/12/2019' };
    let r = await form(coord, '/plans/new', { ...fields, period_start: '0101201' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Ngày bắt đầu kỳ kế hoạch “0101201”/, 'seven digits could be two days: refused, named');
    assert.match(r.text, /value="Kế hoạch thông tin đối ngoại năm 2019 \(bổ sung\)"/, 'the values are kept');
    r = await form(coord, '/plans/new', { ...fields, period_end: '31/02/2019' });
    assert.equal(r.status, 400);
    r = await form(coord, '/plans/new', { ...fields, title: '  ' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Vui lòng nhập tên kế hoạch/);
    r = await form(rep, '/plans/new', fields);
    assert.equal(r.status, 403);
    r = await form(coord, '/plans/new', fields);
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = Number(/^\/plans\/(\d+)\?msg=plan_created/.exec(r.headers.location)[1]);
    let p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.equal(p.period_start, '2019-01-01');
    assert.equal(p.period_end, '2019-12-31');
    assert.equal(p.state, 'draft');
    assert.equal(p.tasks.length, 0);
    h = await html(coord, `/plans/${id}`);
    assert.match(h, /<details id="add-group" open>/);
    // a group, then a task with its bodies matched and its timeframe read
    r = await form(coord, `/plans/${id}/groups`, { label: '1', heading: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Vui lòng nhập tên nhóm/);
    r = await form(coord, `/plans/${id}/groups`, { label: '1', heading: 'Thông tin đối ngoại' });
    assert.equal(r.status, 303);
    p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.deepEqual(p.groups.map((g) => [g.label, g.heading]), [['1', 'Thông tin đối ngoại']]);
    const gid = p.groups[0].id;
    const t = { group: String(gid), label: '1.1', text: 'Cập nhật tin bài đối ngoại trên cổng thông tin',
      leads: 'Sở Thông tin và Truyền thông\nUBND các huyện, thành phố', coordinating: 'Sở Ngoại vụ; Hội hữu nghị không có thật',
      timeframe: 'Quý II/2019' };
    r = await form(coord, `/plans/${id}/tasks`, { ...t, timeframe: 'khi nào rảnh' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Không đọc được thời gian &quot;khi nào rảnh&quot;/);
    assert.match(r.text, /Cập nhật tin bài đối ngoại trên cổng thông tin<\/textarea>/, 'the task form keeps what was typed');
    r = await form(coord, `/plans/${id}/tasks`, { ...t, text: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Vui lòng nhập nội dung nhiệm vụ/);
    r = await form(coord, `/plans/${id}/tasks`, { ...t, group: '999999' });
    assert.equal(r.status, 400);
    r = await form(rep, `/plans/${id}/tasks`, t);
    assert.equal(r.status, 404, 'a draft is not the reporter\'s to see');
    r = await form(coord, `/plans/${id}/tasks`, t);
    assert.equal(r.status, 303, r.text.slice(0, 300));
    r = await form(coord, `/plans/${id}/tasks`, { ...t, label: '1.2', text: 'Tọa đàm', leads: 'Sở Ngoại vụ', coordinating: '', timeframe: 'Thường xuyên' });
    assert.equal(r.status, 303);
    p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.equal(p.tasks.length, 2);
    const t1 = p.tasks[0];
    assert.equal(t1.label, '1.1');
    assert.deepEqual(t1.timeframe, { kind: 'quarter', start: '2019-04-01', end: '2019-06-30', text: 'Quý II/2019' });
    assert.deepEqual(t1.leads[0].orgs.map((o) => o.code), [STTTT]);
    assert.equal(t1.leads[1].orgs.length, 10, 'the group phrase expands to the districts');
    assert.deepEqual(t1.coordinating.map((c) => c.text), ['Sở Ngoại vụ', 'Hội hữu nghị không có thật']);
    assert.deepEqual(t1.coordinating[0].orgs.map((o) => o.code), ['OP-KON-TUM-SNGV']);
    assert.deepEqual(t1.coordinating[1].orgs, []);
    assert.equal(p.tasks[1].timeframe.kind, 'continuous');
    // edit a task: text and timeframe
    r = await form(coord, `/plans/${id}/tasks/${t1.id}/edit`, { version: String(t1.version), text: t1.text, timeframe: 'khi nào xong' });
    assert.equal(r.status, 400);
    r = await form(coord, `/plans/${id}/tasks/${t1.id}/edit`, { version: String(t1.version), text: 'Cập nhật tin bài mỗi tuần', timeframe: 'Quý III/2019' });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    r = await form(coord, `/plans/${id}/tasks/${t1.id}/edit`, { version: String(t1.version), text: 'cũ', timeframe: 'Quý III/2019' });
    assert.equal(r.status, 409, 'an old version');
    p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.equal(p.tasks[0].text, 'Cập nhật tin bài mỗi tuần');
    assert.deepEqual(p.tasks[0].timeframe, { kind: 'quarter', start: '2019-07-01', end: '2019-09-30', text: 'Quý III/2019' });
    // the picker: search the province's bodies, choose one, remembered as an alias
    const ph = p.tasks[0].coordinating[1];
    const key = `${p.tasks[0].id}-coord-${ph.pos}`;
    h = await html(coord, `/plans/${id}`);
    assert.match(h, new RegExp(`<li id="pick-${key}">`));
    h = await html(coord, `/plans/${id}?pick=${key}&q=${encodeURIComponent('ngoai vu')}`);
    const btn = new RegExp(`<button type="submit" class="secondary" name="org" value="OP-KON-TUM-SNGV">Chọn: Sở Ngoại vụ`);
    assert.match(h, btn);
    h = await html(coord, `/plans/${id}?pick=${key}&q=${encodeURIComponent('không có gì như vậy')}`);
    assert.match(h, /id="pick-none"/);
    r = await form(coord, `/plans/${id}/tasks/${p.tasks[0].id}/resolve`, { role: 'coord', pos: String(ph.pos), org: 'OP-KON-TUM-SNGV' });
    assert.equal(r.status, 303);
    p = ok(await coord.get(`/api/v1/plans/${id}`), 'read');
    assert.deepEqual(p.tasks[0].coordinating[1].orgs.map((o) => o.code), ['OP-KON-TUM-SNGV']);
    const org = ok(await coord.get('/api/v1/orgs/OP-KON-TUM-SNGV'), 'org');
    assert.ok(org.aliases.includes('Hội hữu nghị không có thật'), JSON.stringify(org.aliases));
    // copy to the next year
    h = await html(coord, `/plans/${id}`);
    assert.match(h, /id="copy-plan">Sao chép sang năm sau/);
    r = await form(coord, `/plans/${id}/copy`, {});
    assert.equal(r.status, 303);
    const cid = Number(/^\/plans\/(\d+)\?msg=plan_created/.exec(r.headers.location)[1]);
    const c = ok(await coord.get(`/api/v1/plans/${cid}`), 'copy');
    assert.equal(c.period_start, '2020-01-01');
    assert.equal(c.tasks.length, 2);
    assert.equal(c.tasks[0].timeframe.start, '2020-07-01');
    // a closed plan takes no new tasks
    ok(await coord.put(`/api/v1/plans/${id}`, { state: 'closed' }), 'close');
    r = await form(coord, `/plans/${id}/groups`, { label: '2', heading: 'Khác' });
    assert.equal(r.status, 409);
    assert.match(r.text, /Kế hoạch đã kết thúc/);
  });
});
