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
});
