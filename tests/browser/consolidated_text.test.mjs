// consolidated_text.test.mjs - a coordinator writes the consolidated
// report in a browser: from the consolidated page to "Soạn bản tổng hợp",
// the fields pre-filled with the departments' texts named by body; one
// section rewritten into a narrative and saved, another redrafted; then the
// BÁO CÁO downloaded as Word, with the activity appendix, and checked with
// python-docx: the narrative is in it, not the departments' texts. A phone
// screenshot of the page too. Then the province's report to a ministry
// round of the same period, drafted from that round: the narrative in the
// field, the sum offered with "Dùng số này", saved by the person. Screenshots
// in tests/out/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { login, vnDate, cli, addUser } from '../http/harness.mjs';
import { start, stop, logIn, SHOTS } from './browser.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const A = 'P51-SVHTTDL';
const B = 'P51-SNV';
let env, id;
const narrative = 'Trong kỳ, các sở đã đón 5 đoàn khách quốc tế, tổ chức 2 hội nghị báo chí.';

before(async () => {
  env = await start([
    { login: 'thcoord', org: 'P51', role: 'coordinator', password: 'thcoord-password-1' },
    { login: 'thvanhoa', org: A, role: 'reporter', password: 'thvanhoa-password-1' },
    { login: 'thnoivu', org: B, role: 'reporter', password: 'thnoivu-password-1' },
  ]);
  const coord = await login(env.server, { login: 'thcoord', password: 'thcoord-password-1' });
  const r = await coord.post('/api/v1/rounds', {
    title: 'Báo cáo công tác thông tin đối ngoại quý', period_start: vnDate(-60), period_end: vnDate(-1),
    due: vnDate(20), orgs: [A, B],
    sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }, { key: 'kien_nghi', heading: 'Kiến nghị' }],
    counts: [{ key: 'doan', name: 'Số đoàn vào', unit: 'đoàn' }],
  });
  assert.equal(r.status, 201, r.text);
  id = r.json.id;
  for (const [who, org, text, n] of [['thvanhoa', A, 'Sở Văn hóa đón 2 đoàn Hàn Quốc.', 2], ['thnoivu', B, 'Sở Nội vụ đón 3 đoàn Lào.', 3]]) {
    const s = await login(env.server, { login: who, password: `${who}-password-1` });
    const p = `/api/v1/rounds/${id}/reports/${org}`;
    assert.ok([200, 204].includes((await s.put(p, { sections: { tinh_hinh: text, kien_nghi: `${org}: thêm kinh phí.` }, counts: { doan: n } })).status));
    assert.ok([200, 204].includes((await s.post(`${p}/submit`)).status));
    if (org === A) {
      const a = await s.post('/api/v1/activities', {
        type: 'foreign_press', title: 'Đón phóng viên KBS', start_on: vnDate(-7), people: 4, countries: ['KR'], fields: { outlet: 'KBS' },
      });
      assert.equal(a.status, 201, a.text);
    }
  }
});
after(async () => { await stop(env); });

test('a coordinator rewrites the consolidated text and exports it as Word', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, server.base, 'thcoord', 'thcoord-password-1');
  await page.goto(`${server.base}/rounds/${id}/consolidated`);
  await page.click('#consolidated-text');
  await page.waitForSelector('#t-tinh_hinh');
  const draft = await page.inputValue('#t-tinh_hinh');
  assert.match(draft, /Sở Văn hóa đón 2 đoàn Hàn Quốc\./);
  assert.match(draft, /Sở Nội vụ đón 3 đoàn Lào\./);
  assert.match(draft, /^Sở [^:]+: /, 'each group named by body');
  await page.screenshot({ path: path.join(SHOTS, 'consolidated-text.png'), fullPage: true });

  await page.fill('#t-tinh_hinh', narrative);
  await page.fill('#t-kien_nghi', 'đang sửa');
  await page.click('#redraft-kien_nghi');
  await page.waitForSelector('#text-notice');
  assert.match(await page.inputValue('#t-kien_nghi'), /thêm kinh phí/, 'the draft back in its field');
  assert.equal(await page.inputValue('#t-tinh_hinh'), narrative, 'the other field keeps what was typed');
  await page.click('#text-save');
  await page.waitForSelector('.flash');
  assert.equal(await page.inputValue('#t-tinh_hinh'), narrative);
  assert.match(await page.textContent('#state-tinh_hinh'), /Đã sửa và lưu/);
  assert.match(await page.textContent('#state-kien_nghi'), /chưa sửa/);

  await page.check('#with-activities');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#text-docx')]);
  assert.match(download.suggestedFilename(), /^bao-cao-tong-hop-dot-\d+\.docx$/);
  const file = path.join(SHOTS, 'consolidated-text.docx');
  await download.saveAs(file);
  const out = execFileSync(PY, ['-c', `
import json, sys
from docx import Document
d = Document(sys.argv[1])
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
texts = [''.join(t.text or '' for t in p.iter(W + 't')) for p in d.element.body.iter(W + 'p')]
print(json.dumps({'texts': texts, 'orient': [s.orientation for s in d.sections], 'last': [[c.text for c in r.cells] for r in d.tables[-1].rows]}, ensure_ascii=False))
`, file], { encoding: 'utf8' });
  const j = JSON.parse(out);
  assert.ok(j.texts.includes(narrative), 'the narrative is printed');
  assert.ok(!j.texts.includes('Sở Văn hóa đón 2 đoàn Hàn Quốc.'), 'not the departments\' texts of that section');
  assert.equal(j.orient[j.orient.length - 1], 1, 'the activity appendix is landscape');
  assert.equal(j.last[1][3], 'Đón phóng viên KBS');
  assert.equal(j.last[1][5], 'Hàn Quốc');

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
  const p2 = await phone.newPage();
  await p2.goto(`${server.base}/rounds/${id}/consolidated/text`);
  await p2.screenshot({ path: path.join(SHOTS, 'consolidated-text-phone.png'), fullPage: true });
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
  await phone.close();
  await context.close();
});

test('the province\'s report to the ministry is drafted from its own round', { timeout: 300_000 }, async () => {
  const { server, browser } = env;
  const csv = path.join(env.dir, 'ministry.csv');
  fs.writeFileSync(csv, 'code,name,kind,parent_code,aliases,valid_from,valid_to\nBO-TEST,Bộ Văn hóa Thể thao và Du lịch,ministry,,,,\n');
  await cli(['org', 'import', csv, '--db', server.db]);
  await addUser(server.db, 'thbo', 'BO-TEST', 'admin', 'thbo-password-1');
  const bo = await login(server, { login: 'thbo', password: 'thbo-password-1' });
  const r = await bo.post('/api/v1/rounds', {
    title: 'Báo cáo thông tin đối ngoại gửi Bộ', period_start: vnDate(-60), period_end: vnDate(-1), due: vnDate(30),
    orgs: ['P51'], sections: [{ key: 'tinh_hinh', heading: 'Tình hình' }],
    counts: [{ key: 'doan', name: 'Số đoàn vào', unit: 'đoàn' }],
  });
  assert.equal(r.status, 201, r.text);
  const higher = r.json.id;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, server.base, 'thcoord', 'thcoord-password-1');
  await page.goto(`${server.base}/rounds/${higher}/reports/P51`);
  assert.equal(await page.inputValue('#s-tinh_hinh'), narrative, 'the consolidated text below, for a person to edit');
  assert.match(await page.textContent('#below-doan'), /Tổng hợp từ các đơn vị: 5 \(từ 2 báo cáo của đợt/);
  assert.equal(await page.inputValue('#c-doan'), '', 'the number is not filled in by itself');
  await page.screenshot({ path: path.join(SHOTS, 'report-from-below.png'), fullPage: true });
  await page.click('#below-doan button[data-use="c-doan"]');
  assert.equal(await page.inputValue('#c-doan'), '5');
  await page.fill('#s-tinh_hinh', `${narrative} Tỉnh đề nghị Bộ hỗ trợ tài liệu.`);
  await Promise.all([page.waitForLoadState('load'), page.click('button[name=action][value=save]')]);
  const coord = await login(server, { login: 'thcoord', password: 'thcoord-password-1' });
  const j = (await coord.get(`/api/v1/rounds/${higher}/reports/P51`)).json;
  assert.equal(j.counts.doan, 5);
  assert.equal(j.sections.tinh_hinh, `${narrative} Tỉnh đề nghị Bộ hỗ trợ tài liệu.`);
  await context.close();
});
