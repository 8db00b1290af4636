// `danvan import people FILE.csv --unit ID` (issue 3): a dry run by default that reports each bad row's line,
// column and reason and writes nothing; `--apply` writes only when every row is valid; `--apply --skip-bad-rows`
// writes the valid rows. What was written is read back through the API of a server running on the same file.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { auditEntryCount, createAdminWithToken, fetchText, makeTempDir, removeDir, runCli, startServer } from './support.mjs';

const MERGER = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'src', 'services', 'demo',
  'hoan-kiem-2025-merger.tsv');

describe('danvan import people', () => {
  let dir;
  let dbPath;
  let server;
  let admin;
  let unitId;

  const importPeople = (file, ...flags) =>
    runCli(['import', 'people', file, '--unit', String(unitId), '--db', `sqlite:${dbPath}`, ...flags], { timeoutMs: 60_000 });
  const csv = (name, lines) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  /** The full names of the unit's people, as the API lists them. */
  const peopleNames = async () => {
    const res = await fetchText(`${server.url}/api/v1/people?unit_id=${unitId}&page_size=200`,
      { headers: { authorization: `Bearer ${admin.token}` } });
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body).items.map((p) => p.full_name).sort();
  };

  before(async () => {
    dir = makeTempDir('danvan-import-');
    dbPath = path.join(dir, 'danvan.db');
    const units = runCli(['import', 'units', MERGER, '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(units.status, 0, `${units.stdout}${units.stderr}`);
    admin = createAdminWithToken(dbPath);
    server = await startServer({ dbPath });
    const res = await fetchText(`${server.url}/api/v1/units?q=ly%20thai%20to&as_of=13/10/2022`);
    assert.equal(res.status, 200, res.body);
    unitId = JSON.parse(res.body).items.find((u) => u.name === 'Phường Lý Thái Tổ')?.id;
    assert.ok(unitId, 'Phường Lý Thái Tổ');
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  test('bad rows: a dry run by default, each bad row reported by line, column and reason; nothing written', async () => {
    const file = csv('co-loi.csv', [
      'full_name,birth_year,gender,phone',
      'Nguyễn Văn An,1980,male,0912345678',
      'Trần Thị Bình,một chín tám mươi,female,',
      ',1975,male,',
      'Lê Văn Cường,1990,nam giới,',
    ]);
    const audit = auditEntryCount(dbPath);

    const dry = importPeople(file);
    assert.notEqual(dry.status, 0, 'bad rows make the command fail');
    assert.match(dry.stderr, /line 3, cột \/ column birth_year: .+\/ The birth year must be a number/);
    assert.match(dry.stderr, /line 4, cột \/ column full_name: /);
    assert.match(dry.stderr, /line 5, cột \/ column gender: /);
    assert.doesNotMatch(dry.stderr, /line 2\b/, 'the valid row is not reported');
    assert.match(dry.stdout, /4 dòng \/ rows, 1 hợp lệ \/ valid, 0 đã ghi \/ written \(chạy thử/);
    assert.deepEqual(await peopleNames(), []);

    const all = importPeople(file, '--apply');
    assert.notEqual(all.status, 0);
    assert.match(all.stderr, /line 3, cột \/ column birth_year/);
    assert.match(all.stdout, /0 đã ghi \/ written/);
    assert.deepEqual(await peopleNames(), [], 'nothing is written while a row is bad');
    assert.equal(auditEntryCount(dbPath), audit, 'nor audited');

    const usage = importPeople(file, '--skip-bad-rows');
    assert.notEqual(usage.status, 0, '--skip-bad-rows needs --apply');
    assert.deepEqual(await peopleNames(), []);

    const skipped = importPeople(file, '--apply', '--skip-bad-rows');
    assert.equal(skipped.status, 0, skipped.stderr);
    assert.match(skipped.stderr, /line 3, cột \/ column birth_year/, 'the skipped rows are still reported');
    assert.match(skipped.stdout, /4 dòng \/ rows, 1 hợp lệ \/ valid, 1 đã ghi \/ written/);
    assert.deepEqual(await peopleNames(), ['Nguyễn Văn An']);
    assert.equal(auditEntryCount(dbPath), audit + 1, 'one person, one audit entry');
  });

  test('valid rows: the dry run writes nothing, --apply writes them all', async () => {
    const file = csv('hop-le.csv', [
      'full_name;birth_year;gender',
      'Phạm Thị Dung;1985;female',
      'Đỗ Văn Em;;male',
    ]);
    const before = await peopleNames();

    const dry = importPeople(file, '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(dry.stderr, '');
    assert.match(dry.stdout, /2 dòng \/ rows, 2 hợp lệ \/ valid, 0 đã ghi \/ written \(chạy thử/);
    assert.deepEqual(await peopleNames(), before);

    const byDefault = importPeople(file);
    assert.equal(byDefault.status, 0, byDefault.stderr);
    assert.match(byDefault.stdout, /0 đã ghi \/ written/, 'no flag is a dry run too');
    assert.deepEqual(await peopleNames(), before);

    assert.notEqual(importPeople(file, '--dry-run', '--apply').status, 0, 'a dry run that applies is a usage error');

    const applied = importPeople(file, '--apply');
    assert.equal(applied.status, 0, applied.stderr);
    assert.match(applied.stdout, /2 dòng \/ rows, 2 hợp lệ \/ valid, 2 đã ghi \/ written\s*$/);
    assert.deepEqual(await peopleNames(), [...before, 'Phạm Thị Dung', 'Đỗ Văn Em'].sort());
  });
});
