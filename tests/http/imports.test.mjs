// Imports from an Excel workbook over HTTP (docs/api.md, "Imports"): the media type says it is one; the dry run
// answers with each problem's sheet row and column and writes nothing; "all" writes nothing while one row is bad,
// and everything once the file is good; organisations the same, a parent made by a row further up.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  assertJsonError, createAdminWithToken, fetchText, makeTempDir, makeXlsx, removeDir, runCli, startServer, XLSX_TYPE,
} from './support.mjs';

describe('imports from XLSX', () => {
  let dir;
  let server;
  let token;
  let ward;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const post = (p, body, contentType = XLSX_TYPE) =>
    fetchText(`${server.url}${p}`, { method: 'POST', headers: { ...auth(), 'content-type': contentType }, body });
  const get = async (p) => (await fetchText(`${server.url}${p}`, { headers: auth() })).json;

  before(async () => {
    dir = makeTempDir('danvan-import-xlsx-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    token = createAdminWithToken(dbPath, 'import-admin').token;
    server = await startServer({ dbPath });
    const units = await get('/api/v1/units?q=ly%20thai%20to&page_size=200');
    ward = units.items.find((u) => u.name === 'Phường Lý Thái Tổ');
    assert.ok(ward, 'the demo ward');
  });
  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  const HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Điện thoại', 'Tổ chức', 'Chức danh', 'Từ ngày'];

  test('people: dry run, all or nothing, then all', async () => {
    const good = [
      [1, 'Quách Thị Ngọc', 1979, 'Nữ', '0987000111', 'Tổ dân phố số 2', 'Tổ viên', { date: '2023-04-05' }],
      [2, 'Lò Văn Khải', '1964', 'Nam', null, null, null, null],
    ];
    const bad = makeXlsx([HEADER, ...good, [3, 'Mạc Văn Tâm', 'x1970', 'Nam', null, null, null, null]]);
    const url = `/api/v1/people/import?unit_id=${ward.id}`;
    const dry = await post(`${url}&mode=dry_run`, bad);
    assert.equal(dry.status, 200, dry.body);
    assert.equal(dry.json.dry_run, true);
    assert.equal(dry.json.rows, 3);
    assert.equal(dry.json.valid_rows, 2);
    assert.equal(dry.json.written, 0);
    assert.deepEqual(dry.json.issues.map((i) => [i.line, i.column]), [[4, 'birth_year']]);
    assert.match(dry.json.issues[0].message, /Năm sinh/);
    assert.deepEqual(dry.json.names, ['Quách Thị Ngọc', 'Lò Văn Khải']);
    const all = await post(`${url}&mode=all`, bad);
    assert.equal(all.status, 200, all.body);
    assert.equal(all.json.written, 0);
    const none = await get(`/api/v1/people?unit_id=${ward.id}&q=quach%20thi%20ngoc`);
    assert.equal(none.total, 0, 'nothing written');

    const wrote = await post(`${url}&mode=all`, makeXlsx([HEADER, ...good]));
    assert.equal(wrote.status, 200, wrote.body);
    assert.deepEqual(wrote.json.issues, []);
    assert.equal(wrote.json.written, 2);
    const found = await get(`/api/v1/people?unit_id=${ward.id}&q=quach%20thi%20ngoc`);
    assert.equal(found.total, 1);
    assert.equal(found.items[0].gender, 'female');
    assert.equal(found.items[0].birth_year, 1979);
    assert.deepEqual(found.items[0].memberships.map((m) => [m.organisation_name, m.title, m.valid_from]),
      [['Tổ dân phố số 2', 'Tổ viên', '2023-04-05']]);
  });

  test('organisations: a parent by name and one made further up the sheet', async () => {
    const sheet = makeXlsx([
      ['Tên tổ chức', 'Loại tổ chức', 'Tổ chức cấp trên', 'Từ ngày'],
      ['Tổ dân vận số 21', 'Tổ dân vận', 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ', { date: '2023-01-10' }],
      ['Nhóm hòa giải tổ 21', 'to_dan_van', 'Tổ dân vận số 21', '15/01/2023'],
    ]);
    const url = `/api/v1/organisations/import?unit_id=${ward.id}`;
    const dry = await post(url, sheet);
    assert.equal(dry.status, 200, dry.body);
    assert.equal(dry.json.dry_run, true, 'a dry run by default');
    assert.equal(dry.json.valid_rows, 2);
    assert.equal((await get(`/api/v1/organisations?unit_id=${ward.id}&q=to%20dan%20van%20so%2021`)).total, 0);
    const wrote = await post(`${url}&mode=all`, sheet);
    assert.equal(wrote.status, 200, wrote.body);
    assert.equal(wrote.json.written, 2);
    const team = (await get(`/api/v1/organisations?unit_id=${ward.id}&q=to%20dan%20van%20so%2021`)).items
      .find((o) => o.name === 'Tổ dân vận số 21');
    assert.equal(team?.valid_from, '2023-01-10');
    const group = (await get(`/api/v1/organisations?unit_id=${ward.id}&q=nhom%20hoa%20giai%20to%2021`)).items[0];
    assert.equal(group?.parent_id, team.id);

    const again = await post(url, sheet);
    // The team exists now, so its row is refused, and with it the row whose parent it is.
    assert.deepEqual(again.json.issues.map((i) => [i.line, i.column]), [[2, 'name'], [3, 'parent']],
      'the file was imported already');
  });

  test('a file that is not a workbook, and a media type that is not a sheet', async () => {
    assertJsonError(await post(`/api/v1/people/import?unit_id=${ward.id}`, 'full_name\nA\n'), { status: 400, code: 'xlsx_not_zip' });
    assertJsonError(await post(`/api/v1/organisations/import?unit_id=${ward.id}`, 'x', 'application/pdf'),
      { status: 415, code: 'unsupported_media_type' });
    const empty = await post(`/api/v1/organisations/import?unit_id=${ward.id}`, makeXlsx([]));
    assertJsonError(empty, { status: 400, code: 'import_empty' });
  });
});
