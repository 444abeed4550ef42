// from_below.test.mjs - a province's report in a ministry's round drafted
// from below: the province's own round for the same period gives each
// count's suggested value (the sum of its submitted reports, by count key,
// else by indicator) with "từ N báo cáo của đợt ..." and a link to it, and
// each section's draft (the consolidated text saved there, else the
// bodies' texts by body). The form shows the draft for a person to edit;
// nothing is saved by itself. Both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, teardown, login, addUser, ok, departmentsOf, createRound, rp, cli, vnDate, watchServer,
  T_FILE, T_TEST,
} from './harness.mjs';

const FROM = '2025-12-15';
const TO = '2026-06-14';
const MIN = 'BVHTTDL-TEST';

describe('a province\'s report in a ministry round, drafted from below', { timeout: T_FILE }, () => {
  let env, coord, minister, A, B, C, reps = {}, own, higher;
  const textA = 'Sở Văn hóa đón 3 đoàn.';
  const textB = 'Sở Nội vụ đón 4 đoàn.';
  const narrative = 'Toàn tỉnh đón 7 đoàn khách nước ngoài.';

  before(async () => {
    env = await setup({ users: [{ login: 'fbcoord', org: 'P51', role: 'coordinator' }] });
    coord = await login(env.server, env.users.fbcoord);
    // The ministry above the provinces, and an admin of it who opens its
    // round asking a province.
    const csv = path.join(env.dir, 'ministry.csv');
    fs.writeFileSync(csv, `code,name,kind,parent_code,aliases,valid_from,valid_to\n${MIN},Bộ Văn hóa Thể thao và Du lịch,ministry,,,,\n`);
    await cli(['org', 'import', csv, '--db', env.db]);
    env.users.min = await addUser(env.db, 'fb-min', MIN, 'admin');
    minister = await login(env.server, env.users.min);
    [A, B, C] = await departmentsOf(coord, 'P51', 3);
    for (const d of [A, B, C]) {
      env.users[d.code] = await addUser(env.db, `fb-${d.code.toLowerCase()}`, d.code, 'reporter');
      reps[d.code] = await login(env.server, env.users[d.code]);
    }
    own = await createRound(coord, {
      title: 'Báo cáo thông tin đối ngoại 6 tháng của các sở', period_start: FROM, period_end: TO, due: vnDate(20),
      orgs: [A.code, B.code, C.code],
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }, { key: 'kien_nghi', heading: 'Kiến nghị' }],
      counts: [
        { key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' },
        { key: 'pv_tinh', name: 'Số phóng viên nước ngoài', indicator: 'foreign_press.people' },
      ],
    });
    higher = await createRound(minister, {
      title: 'Báo cáo thông tin đối ngoại 6 tháng đầu năm 2026', period_start: FROM, period_end: TO, due: vnDate(40),
      orgs: ['P51'],
      sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }, { key: 'de_xuat', heading: 'Đề xuất' }],
      counts: [
        { key: 'doan_vao', name: 'Số đoàn vào', unit: 'đoàn' },
        { key: 'phong_vien', name: 'Số phóng viên', indicator: 'foreign_press.people' },
        { key: 'khac', name: 'Số hội nghị', unit: 'cuộc' },
      ],
    });
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('has nothing to draft from while nothing below is submitted', { timeout: T_TEST }, async () => {
    ok(await reps[C.code].put(rp(own, C.code), { counts: { doan_vao: 100 } }), 'C saves, never submits', [200, 204]);
    const j = ok(await coord.get(rp(higher, 'P51')), 'province report');
    assert.equal(j.from_round, null);
    assert.deepEqual(j.drafts, {});
    assert.equal(j.suggestions.doan_vao, undefined);
    assert.equal(j.suggestions.phong_vien.suggested, 0, 'the register\'s suggestion as before');
  });

  it('suggests the sums of the submitted reports below, by key or indicator', { timeout: T_TEST }, async () => {
    ok(await reps[A.code].put(rp(own, A.code), { sections: { tinh_hinh: textA }, counts: { doan_vao: 3, pv_tinh: 5 }, notes: { pv_tinh: 'Chưa ghi sổ' } }), 'A', [200, 204]);
    ok(await reps[B.code].put(rp(own, B.code), { sections: { tinh_hinh: textB, kien_nghi: 'Thêm kinh phí.' }, counts: { doan_vao: 4, pv_tinh: 2 }, notes: { pv_tinh: 'Chưa ghi sổ' } }), 'B', [200, 204]);
    for (const d of [A, B]) ok(await reps[d.code].post(rp(own, d.code, '/submit')), 'submit', [200, 204]);

    const j = ok(await coord.get(rp(higher, 'P51')), 'province report');
    assert.deepEqual(j.from_round, {
      id: own, title: 'Báo cáo thông tin đối ngoại 6 tháng của các sở', submitted: 2, url: `/rounds/${own}/consolidated`,
    });
    const text = 'từ 2 báo cáo của đợt "Báo cáo thông tin đối ngoại 6 tháng của các sở"';
    assert.deepEqual(j.suggestions.doan_vao, { suggested: 7, sources: 2, text, from_round: j.from_round, indicator: null },
      'same key; the unsubmitted report does not count');
    assert.equal(j.suggestions.phong_vien.suggested, 7, 'same indicator under another key');
    assert.equal(j.suggestions.phong_vien.text, text);
    assert.equal(j.suggestions.phong_vien.indicator, 'foreign_press.people');
    assert.equal(j.suggestions.phong_vien.register.suggested, 0, 'the register\'s value beside it');
    assert.equal(j.suggestions.khac, undefined, 'no count below with that key or indicator');
    assert.deepEqual(j.counts, {}, 'nothing is saved by itself');
    assert.deepEqual(j.sections, {});

    const groups = j.drafts.tinh_hinh.split('\n\n').sort();
    assert.deepEqual(groups, [`${A.name}: ${textA}`, `${B.name}: ${textB}`].sort(), 'the bodies\' texts by body');
    assert.equal(j.drafts.de_xuat, undefined, 'no section below with that key');
  });

  it('drafts a section from the consolidated text saved below', { timeout: T_TEST }, async () => {
    ok(await coord.put(`/api/v1/rounds/${own}/consolidated/text`, { sections: [{ key: 'tinh_hinh', text: narrative, version: 0 }] }), 'narrative below');
    const j = ok(await coord.get(rp(higher, 'P51')), 'province report');
    assert.equal(j.drafts.tinh_hinh, narrative);
  });

  it('shows the drafts on the form for a person to edit, never over a saved text', { timeout: T_TEST }, async () => {
    const page = `/rounds/${higher}/reports/P51`;
    let r = await coord.get(page);
    assert.equal(r.status, 200);
    assert.match(r.text, new RegExp(`<textarea id="s-tinh_hinh"[^>]*>${narrative}</textarea>`), 'an empty section gets the draft');
    assert.match(r.text, /id="below-doan_vao"[\s\S]*?<b class="suggested">7<\/b>[\s\S]*?từ 2 báo cáo của đợt/);
    assert.match(r.text, new RegExp(`href="/rounds/${own}/consolidated"`));
    assert.match(r.text, /data-use="c-doan_vao" data-value="7"/, 'a button puts the number in the field');

    ok(await coord.put(rp(higher, 'P51'), { sections: { tinh_hinh: 'Bản của tỉnh.' }, counts: { doan_vao: 6 } }), 'the province writes its own', [200, 204]);
    r = await coord.get(page);
    assert.match(r.text, /<textarea id="s-tinh_hinh"[^>]*>Bản của tỉnh\.<\/textarea>/, 'the saved text stays in the field');
    assert.match(r.text, /data-use="s-tinh_hinh"/, 'the draft offered beside it');
    const j = ok(await coord.get(rp(higher, 'P51')), 'province report');
    assert.equal(j.sections.tinh_hinh, 'Bản của tỉnh.');
    assert.equal(j.counts.doan_vao, 6);
    assert.equal(j.suggestions.doan_vao.suggested, 7);
  });
});
