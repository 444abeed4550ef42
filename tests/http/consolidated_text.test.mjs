// consolidated_text.test.mjs - the consolidated text of a round, edited
// before export: each section starts as the bodies' submitted texts named
// by body; the coordinator saves one narrative (versions checked: a stale
// save is 409 and stores nothing); the page pre-fills the fields, redrafts
// one section without storing it, and needs its CSRF token; only the
// round's managers read and write it (another province: 404); bad input
// (oversize, malformed UTF-8, wrong types, unknown section) stores nothing;
// each save is audited; consolidated.docx prints the saved narrative and
// falls back to the bodies' texts where nothing is saved. Both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, teardown, login, addUser, ok, assertError, departmentsOf, roundSpec, createRound, rp, watchServer,
  T_FILE, T_TEST,
} from './harness.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const OUT = path.resolve('tests/out/consolidated_text');

/** The paragraph texts of a .docx (python-docx), tables included. */
function docxTexts(buf, name) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  fs.writeFileSync(file, buf);
  const out = execFileSync(PY, ['-c', `
import json, sys
from docx import Document
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
d = Document(sys.argv[1])
print(json.dumps([''.join(t.text or '' for t in p.iter(W + 't')) for p in d.element.body.iter(W + 'p')], ensure_ascii=False))
`, file], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('consolidated text edited before export', { timeout: T_FILE }, () => {
  let env, coord, repA, repB, other, admin, A, B, id;
  const url = () => `/api/v1/rounds/${id}/consolidated/text`;
  const textA = 'Sở đã đón 3 đoàn khách Hàn Quốc.\nTổ chức hội nghị báo chí.';
  const textB = 'Đăng 12 tin, bài về tỉnh.';
  const kienA = 'Đề nghị bổ sung kinh phí.';
  const narrative = 'Trong kỳ, các sở, ngành đã đón 3 đoàn khách Hàn Quốc và đăng 12 tin, bài.\nCông tác phối hợp được tăng cường.';
  const form = (ses, p, fields, csrf = ses.csrf) => {
    const body = new URLSearchParams(fields);
    if (csrf) body.set('csrf', csrf);
    return ses.request('POST', p, {
      body: body.toString(), contentType: 'application/x-www-form-urlencoded', csrf: null,
      headers: { origin: `http://${env.server.host}:${env.server.port}`, 'sec-fetch-site': 'same-origin' },
    });
  };
  const get = async () => ok(await coord.get(url()), 'GET text');
  const sec = (j, key) => j.sections.find((s) => s.key === key);

  before(async () => {
    env = await setup({ users: [
      { login: 'ctcoord', org: 'P51', role: 'coordinator' },
      { login: 'ctother', org: 'P01', role: 'coordinator' },
      { login: 'ctadmin', org: 'P51', role: 'admin' },
    ] });
    coord = await login(env.server, env.users.ctcoord);
    other = await login(env.server, env.users.ctother);
    admin = await login(env.server, env.users.ctadmin);
    [A, B] = await departmentsOf(coord, 'P51', 2);
    env.users.ra = await addUser(env.db, 'ct-rep-a', A.code, 'reporter');
    env.users.rb = await addUser(env.db, 'ct-rep-b', B.code, 'reporter');
    repA = await login(env.server, env.users.ra);
    repB = await login(env.server, env.users.rb);
    id = await createRound(coord, roundSpec([A.code, B.code]));
    ok(await repA.put(rp(id, A.code), { sections: { tinh_hinh: textA, kien_nghi: kienA }, counts: { doan_vao: 3, tin_bai: 0 } }), 'PUT A', [200, 204]);
    ok(await repB.put(rp(id, B.code), { sections: { tinh_hinh: textB }, counts: { doan_vao: 0, tin_bai: 12 } }), 'PUT B', [200, 204]);
    ok(await repA.post(rp(id, A.code, '/submit')), 'submit A', [200, 204]);
    ok(await repB.post(rp(id, B.code, '/submit')), 'submit B', [200, 204]);
  }, { timeout: T_TEST });
  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('starts each section as the bodies\' texts, named by body', { timeout: T_TEST }, async () => {
    const j = await get();
    assert.equal(j.round_id, id);
    assert.equal(j.submitted, 2);
    assert.deepEqual(j.sections.map((s) => [s.key, s.title]),
      [['tinh_hinh', 'Tình hình thông tin đối ngoại'], ['kien_nghi', 'Khó khăn, kiến nghị']]);
    const t = sec(j, 'tinh_hinh');
    assert.equal(t.version, 0);
    assert.equal(t.saved, false);
    assert.equal(t.text, t.draft, 'nothing saved: the text is the draft');
    const groups = t.draft.split('\n\n').sort();
    assert.deepEqual(groups, [`${A.name}: ${textA}`, `${B.name}: ${textB}`].sort());
    assert.equal(sec(j, 'kien_nghi').draft, `${A.name}: ${kienA}`, 'a body that wrote nothing is left out');
  });

  it('lets only the round\'s managers read and write it', { timeout: T_TEST }, async () => {
    assertError(await other.get(url()), 404, 'not_found', 'another province');
    assertError(await other.put(url(), { sections: [{ key: 'tinh_hinh', text: 'x', version: 0 }] }), 404, 'not_found', 'another province writes');
    const r = await repA.get(url());
    assertError(r, 403, 'forbidden', 'a reporter of an asked body');
    assert.match(r.json.error.message, /điều phối/);
    assertError(await repA.put(url(), { sections: [{ key: 'tinh_hinh', text: 'x', version: 0 }] }), 403, 'forbidden', 'reporter writes');
    assert.equal((await other.get(`/rounds/${id}/consolidated/text`)).status, 404, 'page of another province');
    assert.equal(sec(await get(), 'tinh_hinh').version, 0, 'nothing stored');
  });

  it('refuses bad input and stores nothing', { timeout: T_TEST }, async () => {
    const put = (b, opts) => coord.put(url(), b, opts);
    let r = await put({ sections: [{ key: 'tinh_hinh', text: 'x'.repeat(200001), version: 0 }] });
    assert.equal(r.status, 413, r.text.slice(0, 200));
    assert.match(r.json.error.message, /200000/);
    r = await coord.request('PUT', url(), { body: Buffer.concat([Buffer.from('{"sections":[{"key":"tinh_hinh","version":0,"text":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]) });
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.equal(r.json.error.code, 'invalid_utf8');
    r = await put({ sections: [{ key: 'khong_co', text: 'x', version: 0 }] });
    assertError(r, 400, 'invalid', 'unknown section');
    assert.match(r.json.error.message, /khong_co/);
    assertError(await put({ sections: [{ key: 'tinh_hinh', text: 5, version: 0 }] }), 400, 'invalid', 'text not a string');
    assertError(await put({ sections: [{ key: 'tinh_hinh', text: 'x' }] }), 400, 'invalid', 'no version');
    assertError(await put({ sections: [{ key: 'tinh_hinh', text: 'x', version: -1 }] }), 400, 'invalid', 'negative version');
    assertError(await put({ sections: { tinh_hinh: 'x' } }), 400, 'invalid', 'sections not an array');
    assertError(await put({ sections: [{ key: 'tinh_hinh', text: 'x', version: 0 }, { key: 'tinh_hinh', text: 'y', version: 0 }] }), 400, 'invalid', 'twice');
    r = await put({ sections: [{ key: 'tinh_hinh', text: 'x', version: 0 }] }, { csrf: null });
    assert.equal(r.status, 403, 'no CSRF token');
    // A bad section after a good one: the good one is not stored either.
    assertError(await put({ sections: [{ key: 'tinh_hinh', text: 'tốt', version: 0 }, { key: 'kien_nghi', text: 'y'.repeat(200001), version: 0 }] }), 413, 'too_large', 'second too large');
    const j = await get();
    assert.deepEqual(j.sections.map((s) => [s.version, s.saved]), [[0, false], [0, false]], 'nothing stored');
  });

  it('saves a narrative, checks versions and audits', { timeout: T_TEST }, async () => {
    let j = ok(await coord.put(url(), { sections: [{ key: 'tinh_hinh', text: narrative, version: 0 }] }), 'save');
    let t = sec(j, 'tinh_hinh');
    assert.equal(t.text, narrative);
    assert.equal(t.saved, true);
    assert.equal(t.version, 1);
    assert.match(t.draft, new RegExp(`^${A.name}|${B.name}`), 'the draft stays available');
    assert.equal(sec(j, 'kien_nghi').version, 0, 'a section not sent is left alone');

    // Someone who read version 0 saves later: refused, nothing changes.
    const r = await coord.put(url(), { sections: [{ key: 'tinh_hinh', text: 'cũ', version: 0 }] });
    assertError(r, 409, 'conflict', 'stale version');
    assert.match(r.json.error.message, /người khác lưu/);
    j = await get();
    assert.equal(sec(j, 'tinh_hinh').text, narrative);
    assert.equal(sec(j, 'tinh_hinh').version, 1);

    // The same text again, or the draft unchanged: nothing to store.
    j = ok(await coord.put(url(), { sections: [
      { key: 'tinh_hinh', text: narrative + '\n', version: 1 },
      { key: 'kien_nghi', text: sec(j, 'kien_nghi').draft, version: 0 },
    ] }), 'unchanged');
    assert.deepEqual(j.sections.map((s) => s.version), [1, 0]);

    const audit = ok(await admin.get('/api/v1/audit?limit=50'), 'audit');
    const list = Array.isArray(audit) ? audit : audit.items || audit.entries;
    const e = list.filter((x) => x.action === 'round.text.save');
    assert.equal(e.length, 1, 'one save audited');
    assert.equal(String(e[0].entity_id), String(id));
    assert.equal(e[0].after.tinh_hinh, narrative);
    assert.equal(e[0].before.tinh_hinh, null);
  });

  it('edits on the page: pre-filled fields, redraft without storing, CSRF', { timeout: T_TEST }, async () => {
    const page = `/rounds/${id}/consolidated/text`;
    let r = await coord.get(`/rounds/${id}/consolidated`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(`href="${page}"`), 'linked from the consolidated page');
    r = await coord.get(page);
    assert.equal(r.status, 200);
    assert.match(r.text, /<textarea id="t-kien_nghi" name="text.kien_nghi"[^>]*>[^<]*Đề nghị bổ sung kinh phí/);
    assert.match(r.text, /name="version.tinh_hinh" value="1"/);
    assert.ok(r.text.includes('Trong kỳ, các sở, ngành đã đón 3 đoàn'), 'the saved narrative in its field');

    // Redraft a section: its field gets the bodies' texts back; nothing stored.
    r = await form(coord, page, { 'text.tinh_hinh': 'đang sửa dở', 'version.tinh_hinh': '1', 'text.kien_nghi': 'x', 'version.kien_nghi': '0', redraft: 'tinh_hinh' });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /<textarea id="t-tinh_hinh"[^>]*>[^<]*Đăng 12 tin, bài về tỉnh/);
    assert.match(r.text, /<textarea id="t-kien_nghi"[^>]*>x</, 'the other field keeps what was typed');
    assert.equal(sec(await get(), 'tinh_hinh').text, narrative, 'a redraft stores nothing');

    // Without the token: refused.
    r = await form(coord, page, { 'text.kien_nghi': 'Kiến nghị chung.', 'version.kien_nghi': '0' }, null);
    assert.equal(r.status, 403);
    assert.equal(sec(await get(), 'kien_nghi').version, 0);

    // Stale version on the page: 409, what was typed is still there.
    r = await form(coord, page, { 'text.tinh_hinh': 'bản cũ của tôi', 'version.tinh_hinh': '0' });
    assert.equal(r.status, 409);
    assert.match(r.text, /người khác lưu/);
    assert.match(r.text, /<textarea id="t-tinh_hinh"[^>]*>bản cũ của tôi</);

    r = await form(coord, page, { 'text.tinh_hinh': narrative, 'version.tinh_hinh': '1', 'text.kien_nghi': 'Kiến nghị chung của tỉnh.', 'version.kien_nghi': '0' });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const j = await get();
    assert.equal(sec(j, 'kien_nghi').text, 'Kiến nghị chung của tỉnh.');
    assert.equal(sec(j, 'kien_nghi').version, 1);
    assert.equal(sec(j, 'tinh_hinh').version, 1, 'an unchanged section is not saved again');
  });

  it('prints the saved narrative in consolidated.docx, the bodies\' texts where none is saved', { timeout: T_TEST }, async () => {
    // Back to the draft for one section: an empty text.
    ok(await coord.put(url(), { sections: [{ key: 'kien_nghi', text: '', version: 1 }] }), 'back to the draft');
    const j = await get();
    assert.equal(sec(j, 'kien_nghi').saved, false);
    assert.equal(sec(j, 'kien_nghi').version, 2);
    const r = await coord.get(`/rounds/${id}/consolidated.docx`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    const t = docxTexts(r.buf, 'tong-hop.docx');
    const i1 = t.indexOf('I. TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI'), i2 = t.indexOf('II. KHÓ KHĂN, KIẾN NGHỊ');
    assert.ok(i1 >= 0 && i2 > i1, t.join(' | ').slice(0, 500));
    assert.deepEqual(t.slice(i1 + 1, i2), narrative.split('\n'), 'the narrative, not the bodies\' texts');
    assert.ok(!t.slice(i1, i2).some((x) => x.startsWith(`${A.name}:`)), 'no body label in the edited section');
    assert.deepEqual(t.slice(i2 + 1, i2 + 3), [`${A.name}:`, kienA], 'the section without a saved text: by body');
  });
});
