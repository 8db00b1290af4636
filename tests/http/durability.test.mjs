// Durability: a write the API acknowledged survives the server being killed (SIGKILL) while other writes are in
// flight. Eight clients create units as fast as the server takes them; the server is killed mid-stream and
// restarted on the same SQLite file, three times. After each restart every acknowledged unit is there, with its
// id; nothing is there that nobody sent; the file passes `PRAGMA integrity_check`; and the audit log is intact,
// with exactly one entry per unit that exists (a unit and its audit entry commit together or not at all).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  auditEntryCount, createAdminWithToken, fetchText, makeTempDir, removeDir, sendJson, sqliteIntegrityCheck,
  startServer,
} from './support.mjs';

const CYCLES = 3;
const CLIENTS = 8;
const MIN_WRITE_MS = 1500; // write at least this long before the kill…
const TARGET_ACKS = 300; // …and until this many units are acknowledged in the cycle…
const MAX_WRITE_MS = 5000; // …but no longer than this, on a slow machine
const MIN_ACKS = 50; // fewer acknowledged writes than this would make the cycle prove little

const dir = makeTempDir('danvan-durability-');
const dbPath = path.join(dir, 'danvan.db');
let server;
let token;
let provinceId;
let setupWrites = 0; // audit entries that are not unit creations under the province

const acknowledged = new Map(); // code → id, for every unit whose POST got a 2xx
const unanswered = new Set(); // codes of POSTs the kill cut off: they may or may not have been committed

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every unit under the province, read back page by page: code → id.
async function unitsUnderProvince(url) {
  const found = new Map();
  for (let page = 1; ; page++) {
    const res = await fetchText(`${url}/api/v1/units?parent_id=${provinceId}&page_size=200&page=${page}`);
    assert.equal(res.status, 200, `list page ${page}: ${res.body.slice(0, 300)}`);
    for (const unit of res.json.items) {
      assert.ok(!found.has(unit.code), `unit code ${unit.code} listed twice`);
      found.set(unit.code, unit.id);
    }
    if (res.json.items.length < 200) {
      assert.equal(found.size, res.json.total, 'the list holds as many units as its total says');
      return found;
    }
  }
}

// Writes through the API with CLIENTS parallel loops until told to stop; resolves when every loop has ended.
function writeUnits(url, cycle, { stopped }) {
  const rejected = [];
  const cut = new Set(); // this cycle's POSTs that the kill cut off
  let acks = 0;
  const loop = async (client) => {
    for (let i = 0; !stopped(); i++) {
      const code = `C${cycle}-${client}-${i}`;
      const body = {
        code, name: `Phường Bền Vững ${code}`, level: 'commune', kind: 'phuong', parent_id: provinceId,
        valid_from: '01/07/2025',
      };
      let res;
      try {
        res = await sendJson(`${url}/api/v1/units`, 'POST', body, { token });
      } catch {
        cut.add(code); // the connection died under the request: it was in flight at the kill
        unanswered.add(code);
        return;
      }
      // Failures are collected, not thrown: the loops run unawaited until the kill.
      if (res.status < 200 || res.status >= 300 || res.json?.code !== code || !Number.isInteger(res.json?.id)) {
        rejected.push(`${code}: ${res.status} ${res.body.slice(0, 200)}`);
        return;
      }
      acknowledged.set(code, res.json.id);
      acks++;
    }
  };
  const loops = Promise.all(Array.from({ length: CLIENTS }, (_, client) => loop(client)));
  return { loops, rejected, cut, acks: () => acks };
}

describe('acknowledged writes survive SIGKILL', { timeout: 90_000 }, () => {
  before(async () => {
    ({ token } = createAdminWithToken(dbPath));
    setupWrites += 2; // the user and its token
    server = await startServer({ dbPath });
    const res = await sendJson(`${server.url}/api/v1/units`, 'POST', {
      code: 'HN', name: 'Thành phố Hà Nội', level: 'province', kind: 'thanh_pho', valid_from: '01/01/2008',
    }, { token });
    assert.equal(res.status, 201, res.body);
    provinceId = res.json.id;
    setupWrites += 1;
  });

  after(async () => {
    if (server) await server.stop();
    removeDir(dir);
  });

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    test(`kill ${cycle} of ${CYCLES}: every acknowledged unit is there after the restart`, async (t) => {
      const ackedBefore = acknowledged.size;
      // The clients write until the server has died, so that the kill finds every client with a POST outstanding.
      let dead = false;
      server.exited.then(() => (dead = true));
      const writer = writeUnits(server.url, cycle, { stopped: () => dead });

      const started = Date.now();
      while (true) {
        await sleep(25);
        const elapsed = Date.now() - started;
        if (writer.rejected.length > 0) break;
        if (elapsed >= MAX_WRITE_MS || (elapsed >= MIN_WRITE_MS && writer.acks() >= TARGET_ACKS)) break;
      }
      const exit = await server.kill();
      await writer.loops;
      const writeMs = Date.now() - started;
      assert.deepEqual(writer.rejected, [], 'every write answered before the kill was a 2xx naming its unit');
      assert.equal(exit, 'SIGKILL', 'the server died of the kill');

      const acked = acknowledged.size - ackedBefore;
      const inFlight = writer.cut.size;
      assert.ok(acked >= MIN_ACKS, `at least ${MIN_ACKS} writes acknowledged before the kill, got ${acked}`);
      assert.ok(inFlight >= 1, 'some writes were in flight when the server was killed');

      server = await startServer({ dbPath });
      const found = await unitsUnderProvince(server.url);

      const lost = [];
      for (const [code, id] of acknowledged) {
        if (!found.has(code)) lost.push(`${code} (id ${id})`);
        else assert.equal(found.get(code), id, `${code} has the id the API answered with`);
      }
      assert.deepEqual(lost, [], `acknowledged units missing after kill ${cycle}`);
      // Spot check: the acknowledged units read back one by one as well.
      for (const [code, id] of [...acknowledged].slice(-5)) {
        const res = await fetchText(`${server.url}/api/v1/units/${id}`);
        assert.equal(res.status, 200, `GET /api/v1/units/${id}`);
        assert.equal(res.json.code, code);
      }
      const phantoms = [...found.keys()].filter((code) => !acknowledged.has(code) && !unanswered.has(code));
      assert.deepEqual(phantoms, [], 'no unit appeared that no client sent');
      const inFlightKept = [...writer.cut].filter((code) => found.has(code)).length;

      assert.equal(sqliteIntegrityCheck(dbPath), 'ok', 'PRAGMA integrity_check after the restart');
      const audited = auditEntryCount(dbPath);
      assert.ok(audited >= setupWrites + acknowledged.size,
        `an audit entry for every acknowledged unit: ${audited} < ${setupWrites} + ${acknowledged.size}`);
      assert.equal(audited, setupWrites + found.size, 'exactly one audit entry per unit that exists');

      t.diagnostic(`kill ${cycle}: ${acked} acknowledged in ${writeMs} ms, all ${acked} found; ` +
        `${inFlight} in flight at the kill, ${inFlightKept} of them committed; ` +
        `totals: ${acknowledged.size} acknowledged, ${found.size} units, ${audited} audit entries`);
    });
  }

  test('the file is sound after a clean stop', async () => {
    const code = await server.stop();
    server = undefined;
    assert.equal(code, 0, 'the restarted server stops cleanly');
    assert.equal(sqliteIntegrityCheck(dbPath), 'ok');
    assert.ok(auditEntryCount(dbPath) >= setupWrites + acknowledged.size);
  });
});
