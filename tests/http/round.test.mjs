// round.test.mjs - a reporting round end to end through the API: create,
// save drafts, submit, completeness, consolidation, return and resubmit;
// a round already past due; Vietnamese text round-trips in NFC.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, vnDate,
  watchServer, T_FILE, T_TEST,
} from './harness.mjs';

const ISO_TS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const SUM_KEYS = ['submitted_on_time', 'submitted_late', 'not_due', 'overdue'];

function assertSums(c, what) {
  for (const k of ['expected', ...SUM_KEYS]) {
    assert.ok(Number.isInteger(c[k]) && c[k] >= 0, `${what}: ${k} is not a count: ${JSON.stringify(c)}`);
  }
  const total = SUM_KEYS.reduce((s, k) => s + c[k], 0);
  assert.equal(total, c.expected, `${what}: the four states must add to expected: ${JSON.stringify(c)}`);
}

async function completeness(s, id, what) {
  const c = ok(await s.get(`/api/v1/rounds/${id}/completeness`), `completeness ${what}`);
  assertSums(c, what);
  return c;
}

const pick = (c) => Object.fromEntries(['expected', ...SUM_KEYS].map((k) => [k, c[k]]));

describe('round through the API', { timeout: T_FILE }, () => {
  let env;
  let coord; let repA; let repB; let repC;
  let A; let B; let C; // department objects
  let id;

  // Texts: NFC Vietnamese with punctuation, newlines, emoji and quotes.
  const textA1 = 'Tình hình thông tin đối ngoại quý III:\n- Đón 3 đoàn khách quốc tế (Hàn Quốc, Nhật Bản).\n- Tổ chức "Tuần lễ văn hoá" — thành công 🇻🇳.\tKết thúc.';
  const textA2 = 'Kiến nghị: bổ sung kinh phí cho Sở Văn hoá, Thể thao và Du lịch; ưu tiên đường truyền.';
  const textB1 = 'Sở Nội vụ: Không phát sinh đoàn ra, đoàn vào. Ứng phó thông tin sai lệch kịp thời.';
  const countsA = { doan_vao: 3, tin_bai: 12 };
  const countsB = { doan_vao: 4, tin_bai: 20 };

  before(async () => {
    env = await setup({ users: [{ login: 'coord51', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.coord51);
    [A, B, C] = await departmentsOf(coord, 'P51', 3);
    env.users.repA = await addUser(env.db, 'rep-a', A.code, 'reporter');
    env.users.repB = await addUser(env.db, 'rep-b', B.code, 'reporter');
    env.users.repC = await addUser(env.db, 'rep-c', C.code, 'reporter');
    repA = await login(env.server, env.users.repA);
    repB = await login(env.server, env.users.repB);
    repC = await login(env.server, env.users.repC);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('coordinator of P51 creates a round for three departments', { timeout: T_TEST }, async () => {
    id = await createRound(coord, roundSpec([A.code, B.code, C.code]));
    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports list');
    assert.ok(Array.isArray(list), 'reports list is an array');
    assert.deepEqual(list.map((r) => r.org_code).sort(), [A.code, B.code, C.code].sort());
    for (const r of list) {
      assert.equal(r.status, 'draft', `fresh report of ${r.org_code}`);
      assert.ok(r.submitted_at === null || r.submitted_at === undefined || r.submitted_at === '',
        `fresh report has no submitted_at: ${JSON.stringify(r)}`);
    }
    const c = await completeness(coord, id, 'fresh round');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 0, not_due: 3, overdue: 0 });
  });

  it('reporters of A and B save drafts and read them back', { timeout: T_TEST }, async () => {
    ok(await repA.put(rp(id, A.code), { sections: { tinh_hinh: textA1, kien_nghi: textA2 }, counts: countsA }),
      'PUT A', [200, 204]);
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: textB1 }, counts: countsB }), 'PUT B', [200, 204]);

    const a = ok(await repA.get(rp(id, A.code)), 'GET A');
    assert.equal(a.org_code, A.code);
    assert.equal(a.status, 'draft');
    assert.equal(a.sections.tinh_hinh, textA1, 'A section text round-trips byte for byte');
    assert.equal(a.sections.kien_nghi, textA2);
    assert.equal(a.counts.doan_vao, 3);
    assert.equal(a.counts.tin_bai, 12);
    assert.ok(a.return_comment === null || a.return_comment === undefined || a.return_comment === '',
      `no return comment yet: ${JSON.stringify(a.return_comment)}`);

    const b = ok(await repB.get(rp(id, B.code)), 'GET B');
    assert.equal(b.status, 'draft');
    assert.equal(b.sections.tinh_hinh, textB1);
    assert.equal(b.counts.doan_vao, 4);
    assert.equal(b.counts.tin_bai, 20);

    // The coordinator sees the same draft.
    const a2 = ok(await coord.get(rp(id, A.code)), 'coordinator GET A');
    assert.equal(a2.sections.tinh_hinh, textA1);
    assert.equal(a2.counts.tin_bai, 12);

    // Saving again replaces the value.
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: textB1 }, counts: { doan_vao: 2, tin_bai: 20 } }),
      'PUT B again', [200, 204]);
    assert.equal(ok(await repB.get(rp(id, B.code)), 'GET B').counts.doan_vao, 2);
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: textB1 }, counts: countsB }), 'PUT B back', [200, 204]);
  });

  it('A submits; the list, completeness and consolidation follow', { timeout: T_TEST }, async () => {
    ok(await repA.post(rp(id, A.code, '/submit')), 'submit A', [200, 204]);

    const a = ok(await repA.get(rp(id, A.code)), 'GET A');
    assert.equal(a.status, 'submitted');

    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports list');
    const byOrg = Object.fromEntries(list.map((r) => [r.org_code, r]));
    assert.equal(byOrg[A.code].status, 'submitted');
    assert.match(String(byOrg[A.code].submitted_at), ISO_TS, 'A has submitted_at');
    assert.equal(byOrg[B.code].status, 'draft');
    assert.ok(!byOrg[B.code].submitted_at, 'B has no submitted_at');
    assert.equal(byOrg[C.code].status, 'draft');

    const c = await completeness(coord, id, 'after A submitted');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 1, submitted_late: 0, not_due: 2, overdue: 0 });

    const cons = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated');
    assert.equal(cons.counts.doan_vao, 3, `drafts are not counted: ${JSON.stringify(cons.counts)}`);
    assert.equal(cons.counts.tin_bai, 12);
    const th = cons.sections.tinh_hinh;
    assert.ok(Array.isArray(th), `sections.tinh_hinh is a list: ${JSON.stringify(cons.sections)}`);
    assert.equal(th.length, 1, `only A's text: ${JSON.stringify(th)}`);
    assert.equal(th[0].org_code, A.code);
    assert.equal(th[0].org_name, A.name);
    assert.equal(th[0].text, textA1);
    const kn = cons.sections.kien_nghi;
    assert.equal(kn.length, 1);
    assert.equal(kn[0].text, textA2);
  });

  it('saving or submitting a submitted report is a conflict', { timeout: T_TEST }, async () => {
    assertError(await repA.put(rp(id, A.code), { sections: { tinh_hinh: 'đổi' }, counts: countsA }), 409, null,
      'save after submit');
    assertError(await repA.post(rp(id, A.code, '/submit')), 409, null, 'submit twice');
    const a = ok(await repA.get(rp(id, A.code)), 'GET A');
    assert.equal(a.sections.tinh_hinh, textA1, 'text unchanged by the refused save');
  });

  it('coordinator returns A with a comment; A edits and resubmits', { timeout: T_TEST }, async () => {
    const comment = 'Đề nghị bổ sung số liệu tin, bài của tháng 9.';
    assertError(await coord.post(rp(id, A.code, '/return'), { comment: '' }), 400, null, 'return with empty comment');
    assertError(await coord.post(rp(id, A.code, '/return'), {}), 400, null, 'return without comment');
    assert.equal(ok(await repA.get(rp(id, A.code)), 'GET A').status, 'submitted', 'refused return changes nothing');

    ok(await coord.post(rp(id, A.code, '/return'), { comment }), 'return A', [200, 204]);

    const a = ok(await repA.get(rp(id, A.code)), 'GET A after return');
    assert.equal(a.status, 'returned');
    assert.equal(a.return_comment, comment);
    assert.equal(a.sections.tinh_hinh, textA1, 'returning keeps the text');

    const list = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports list');
    assert.equal(list.find((r) => r.org_code === A.code).status, 'returned');

    const c = await completeness(coord, id, 'after return');
    assert.equal(c.submitted_on_time, 0, `a returned report is not submitted: ${JSON.stringify(c)}`);
    assert.equal(c.not_due, 3);

    const cons = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated after return');
    assert.ok(!cons.counts.doan_vao, `returned report no longer counted: ${JSON.stringify(cons.counts)}`);
    assert.equal((cons.sections.tinh_hinh || []).length, 0, `returned text no longer listed: ${JSON.stringify(cons.sections)}`);

    const fixed = { doan_vao: 3, tin_bai: 15 };
    ok(await repA.put(rp(id, A.code), { sections: { tinh_hinh: textA1 + '\nBổ sung: 15 tin, bài.', kien_nghi: textA2 }, counts: fixed }),
      'PUT A after return', [200, 204]);
    const a2 = ok(await repA.get(rp(id, A.code)), 'GET A edited');
    assert.equal(a2.counts.tin_bai, 15);
    assert.equal(a2.sections.tinh_hinh, textA1 + '\nBổ sung: 15 tin, bài.');
    ok(await repA.post(rp(id, A.code, '/submit')), 'resubmit A', [200, 204]);
    const a3 = ok(await repA.get(rp(id, A.code)), 'GET A resubmitted');
    assert.equal(a3.status, 'submitted');

    const list2 = ok(await coord.get(`/api/v1/rounds/${id}/reports`), 'reports list');
    const ra = list2.find((r) => r.org_code === A.code);
    assert.equal(ra.status, 'submitted');
    assert.match(String(ra.submitted_at), ISO_TS);
  });

  it('B submits; consolidated counts are the sums; C stays out', { timeout: T_TEST }, async () => {
    ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
    const c = await completeness(coord, id, 'after B submitted');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 2, submitted_late: 0, not_due: 1, overdue: 0 });

    const cons = ok(await coord.get(`/api/v1/rounds/${id}/consolidated`), 'consolidated');
    assert.equal(cons.counts.doan_vao, 3 + 4);
    assert.equal(cons.counts.tin_bai, 15 + 20);
    const th = cons.sections.tinh_hinh;
    assert.equal(th.length, 2, JSON.stringify(th));
    const tA = th.find((e) => e.org_code === A.code);
    const tB = th.find((e) => e.org_code === B.code);
    assert.equal(tA.text, textA1 + '\nBổ sung: 15 tin, bài.');
    assert.equal(tA.org_name, A.name);
    assert.equal(tB.text, textB1);
    assert.equal(tB.org_name, B.name);
    assert.ok(!th.some((e) => e.org_code === C.code));
    // B wrote no kien_nghi; only A's text is listed there.
    const kn = cons.sections.kien_nghi.filter((e) => e.text && e.text.length);
    assert.deepEqual(kn.map((e) => e.org_code), [A.code]);

    // The reporter of C (draft, untouched) can still read its empty report.
    const rc = ok(await repC.get(rp(id, C.code)), 'GET C');
    assert.equal(rc.status, 'draft');
    assert.equal(rc.org_code, C.code);
  });

  it('a round past due: unsubmitted is overdue, submitted is late', { timeout: T_TEST }, async () => {
    const pid = await createRound(coord, roundSpec([A.code, B.code, C.code], {
      title: 'Báo cáo đã quá hạn',
      period_start: '2025-07-01', period_end: '2025-09-30', due: '2025-10-05', allow_past_due: true,
    }));
    let c = await completeness(coord, pid, 'past round fresh');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 0, not_due: 0, overdue: 3 });

    ok(await repA.put(rp(pid, A.code), { sections: { tinh_hinh: 'Nộp muộn.' }, counts: { doan_vao: 1, tin_bai: 2 } }),
      'PUT A (past)', [200, 204]);
    c = await completeness(coord, pid, 'past round, A draft');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 0, not_due: 0, overdue: 3 });

    ok(await repA.post(rp(pid, A.code, '/submit')), 'submit A (past)', [200, 204]);
    c = await completeness(coord, pid, 'past round, A late');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 1, not_due: 0, overdue: 2 });

    ok(await repB.post(rp(pid, B.code, '/submit')), 'submit B (past, empty)', [200, 204]);
    c = await completeness(coord, pid, 'past round, A+B late');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 2, not_due: 0, overdue: 1 });

    const cons = ok(await coord.get(`/api/v1/rounds/${pid}/consolidated`), 'consolidated past');
    assert.equal(cons.counts.doan_vao, 1);
    assert.equal(cons.counts.tin_bai, 2);

    // Returning a late report makes it overdue again.
    ok(await coord.post(rp(pid, A.code, '/return'), { comment: 'Thiếu số liệu.' }), 'return A (past)', [200, 204]);
    c = await completeness(coord, pid, 'past round, A returned');
    assert.deepEqual(pick(c), { expected: 3, submitted_on_time: 0, submitted_late: 1, not_due: 0, overdue: 2 });

    // The first round was not touched by the second.
    const c1 = await completeness(coord, id, 'first round still');
    assert.equal(c1.submitted_on_time, 2);
  });

  it('a round due today is not yet due (the day ends at 24:00 Vietnam time)', { timeout: T_TEST }, async () => {
    const tid = await createRound(coord, roundSpec([A.code, B.code], { due: vnDate(0), period_end: vnDate(0) }));
    ok(await repA.post(rp(tid, A.code, '/submit')), 'submit A (due today)', [200, 204]);
    const c = await completeness(coord, tid, 'due today');
    assert.deepEqual(pick(c), { expected: 2, submitted_on_time: 1, submitted_late: 0, not_due: 1, overdue: 0 });
  });

  it('Vietnamese text round-trips exactly; NFD input comes back NFC', { timeout: T_TEST }, async () => {
    const vid = await createRound(coord, roundSpec([A.code], { title: 'Kiểm tra Unicode' }));
    const nfc = 'Thành phố Hồ Chí Minh, Đắk Lắk, Quảng Ngãi — “trích dẫn” ‘đơn’ … ỹ Ỵ ữ Ợ ậ ẫ ẩ ḳ';
    const nfd = 'Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh; Tuyên Quang, Điện Biên'.normalize('NFD');
    assert.notEqual(nfd, nfd.normalize('NFC'), 'the test input really is decomposed');
    ok(await repA.put(rp(vid, A.code), { sections: { tinh_hinh: nfc, kien_nghi: nfd }, counts: {} }), 'PUT unicode',
      [200, 204]);
    const r = ok(await repA.get(rp(vid, A.code)), 'GET unicode');
    assert.equal(r.sections.tinh_hinh, nfc, 'NFC text comes back identical');
    assert.equal(r.sections.kien_nghi, nfd.normalize('NFC'), 'NFD text comes back in NFC');
    assert.equal(Buffer.from(r.sections.kien_nghi, 'utf8').equals(Buffer.from(nfd.normalize('NFC'), 'utf8')), true);

    ok(await repA.post(rp(vid, A.code, '/submit')), 'submit unicode', [200, 204]);
    const cons = ok(await coord.get(`/api/v1/rounds/${vid}/consolidated`), 'consolidated unicode');
    assert.equal(cons.sections.kien_nghi[0].text, nfd.normalize('NFC'));
    assert.equal(cons.sections.tinh_hinh[0].text, nfc);
  });
});
