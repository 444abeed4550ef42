// dbcopy.test.mjs - `ttdn db copy` moves a running deployment: from an
// SQLite file to PostgreSQL (when the suite runs with a cluster) or to
// another SQLite file, and back. Row counts match on both sides, logins,
// reports, documents with their original bytes and the audit trail survive,
// and new rows get new ids after the copied ones.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, cli, runCli, templateDb, addUser, Server, login, ok, request, departmentsOf, roundSpec, createRound, rp,
  PG_SOCKET, createPgDb, pgName, T_FILE, T_TEST,
} from './harness.mjs';

const SEEDS = path.resolve(ROOT, process.env.TTDN_SHARED || '../shared', 'seeds');

/** Parses the table printed by `ttdn db copy` into {table: [from, to]}. */
function counts(stdout) {
  const out = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\w+)\s+(\d+)\s+(\d+)$/.exec(line.trim());
    if (m && m[1] !== 'table') out[m[1]] = [Number(m[2]), Number(m[3])];
  }
  return out;
}

describe('db copy', { timeout: T_FILE }, () => {
  let dir; let src; let rid; let A; let docId; let original;

  before(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ttdn-copy-'));
    src = path.join(dir, 'source.db');
    const tpl = await templateDb();
    // The SQLite template, whichever engine the rest of the suite runs on.
    const sqliteTpl = PG_SOCKET ? process.env.TTDN_SQLITE_TEMPLATE : tpl;
    assert.ok(sqliteTpl && fs.existsSync(sqliteTpl), `an SQLite template database: ${sqliteTpl}`);
    await fsp.copyFile(sqliteTpl, src);
    await addUser(src, 'coord51', 'P51', 'coordinator');
    const srv = await new Server(src).start();
    try {
      const c = await login(srv, 'coord51');
      [A] = await departmentsOf(c, 'P51', 1);
      await addUser(src, 'rep-a', A.code, 'reporter');
      rid = await createRound(c, roundSpec([A.code], { title: 'Trước khi chuyển' }));
      const rep = await login(srv, 'rep-a');
      ok(await rep.put(rp(rid, A.code), { sections: { tinh_hinh: 'Đã nộp trước khi chuyển cơ sở dữ liệu.' }, counts: { doan_vao: 4 } }), 'PUT', [200, 204]);
      ok(await rep.post(rp(rid, A.code, '/submit')), 'submit', [200, 204]);
    } finally {
      await srv.stopClean();
    }
    const seed = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[0];
    original = await fsp.readFile(path.join(SEEDS, seed));
    await cli(['import', path.join(SEEDS, seed), '--db', src]);
  }, { timeout: T_TEST });

  after(async () => { if (dir) await fsp.rm(dir, { recursive: true, force: true }); });

  it('copies every table with equal counts, and the copy serves the same data', { timeout: T_TEST }, async () => {
    const target = PG_SOCKET ? await createPgDb(pgName()) : path.join(dir, 'target.db');
    const r = await cli(['db', 'copy', '--from', src, '--to', target]);
    const n = counts(r.stdout);
    for (const t of ['org', 'account', 'audit', 'round', 'report', 'report_value', 'document', 'document_citation']) {
      assert.ok(n[t], `table ${t} in the counts: ${r.stdout}`);
      assert.equal(n[t][0], n[t][1], `${t}: ${n[t][0]} read, ${n[t][1]} written`);
    }
    assert.ok(n.org[0] > 14000, 'the national registry was copied');
    assert.ok(n.audit[0] >= 4, 'the audit trail was copied');
    assert.match(r.stdout, PG_SOCKET ? /copied sqlite -> postgresql/ : /copied sqlite -> sqlite/);

    const srv = await new Server(target).start();
    try {
      const rep = await login(srv, 'rep-a'); // the password hash came along
      const a = ok(await rep.get(rp(rid, A.code)), 'GET report on the copy');
      assert.equal(a.status, 'submitted');
      assert.equal(a.sections.tinh_hinh, 'Đã nộp trước khi chuyển cơ sở dữ liệu.');
      assert.equal(a.counts.doan_vao, 4);
      const c = await login(srv, 'coord51');
      const docs = ok(await c.get('/api/v1/documents'), 'documents');
      assert.equal(docs.length, 1);
      docId = docs[0].id;
      const orig = await request(srv, 'GET', `/documents/${docId}/original`, { headers: { cookie: c.cookie } });
      assert.equal(orig.status, 200);
      assert.ok(orig.buf.equals(original), 'the original file is byte for byte the same');
      // New rows get ids after the copied ones.
      const rid2 = await createRound(c, roundSpec([A.code], { title: 'Sau khi chuyển' }));
      assert.ok(rid2 > rid, `new round id ${rid2} after copied ${rid}`);
    } finally {
      await srv.stopClean();
    }

    // And back: the copy copies again into a new SQLite file with the same counts.
    const back = path.join(dir, 'back.db');
    const r2 = await cli(['db', 'copy', '--from', target, '--to', back]);
    const m = counts(r2.stdout);
    for (const t of Object.keys(n)) assert.equal(m[t][0], m[t][1], `${t}: copied back whole`);
    for (const t of ['org', 'org_successor', 'document', 'document_citation', 'report_value']) {
      assert.equal(m[t][1], n[t][1], `${t}: unchanged by serving`);
    }
    assert.equal(m.round[1], n.round[1] + 1, 'the round made on the copy came back too');
    assert.ok(m.audit[1] > n.audit[1], 'and its audit entries');
  });

  it('refuses a target that already holds data, and writes nothing', { timeout: T_TEST }, async () => {
    const target = path.join(dir, 'busy.db');
    await fsp.copyFile(src, target);
    const before = await runCli(['org', 'show', 'P51', '--db', target]);
    const r = await runCli(['db', 'copy', '--from', src, '--to', target]);
    assert.equal(r.code, 1, `exit 1: ${r.stdout} ${r.stderr}`);
    assert.match(r.stderr, /already holds rows/);
    const after = await runCli(['org', 'show', 'P51', '--db', target]);
    assert.equal(after.stdout, before.stdout);
    const same = await runCli(['db', 'copy', '--from', src, '--to', src]);
    assert.equal(same.code, 2, 'the same database on both sides is a usage error');
  });
});
