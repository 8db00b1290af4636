// Reports as spreadsheets (docs/api.md, "Reports"): ?format=xlsx downloads the same figures as the JSON answer,
// and LibreOffice (what a ward's office opens it with) reads them back without complaint, cell by cell.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createAdminWithToken, fetchText, makeTempDir, removeDir, runCli, startServer } from './support.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first sheet as LibreOffice shows it: rows of cells (UTF-8 CSV). */
function sheetAsShown(dir, bytes, name) {
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, bytes);
  const out = path.join(dir, 'csv');
  const run = spawnSync('libreoffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `libreoffice: ${run.stdout}${run.stderr}`);
  const text = fs.readFileSync(path.join(out, `${name}.csv`), 'utf8');
  return parseCsv(text);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const count = (shown) => Number(shown.replaceAll(',', ''));
const vietnameseDate = (iso) => iso.split('-').reverse().join('/');

describe('reports as XLSX', () => {
  let dir;
  let server;
  let token;
  let ward;
  const get = (p) => fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    dir = makeTempDir('danvan-xlsx-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    token = createAdminWithToken(dbPath, 'xlsx-admin').token;
    server = await startServer({ dbPath });
    const units = (await fetchText(`${server.url}/api/v1/units?q=hoan%20kiem&page_size=200`,
      { headers: { authorization: `Bearer ${token}` } })).json;
    ward = units.items.find((u) => u.name === 'Phường Hoàn Kiếm' && u.valid_to === null);
    assert.ok(ward, 'Phường Hoàn Kiếm is in force today');
  });
  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  async function download(p) {
    const res = await get(p);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(res.status, 200, bytes.toString('utf8', 0, 300));
    assert.equal(res.headers.get('content-type'), XLSX);
    return { bytes, disposition: res.headers.get('content-disposition') };
  }

  test('the movement report: the JSON figures, a row per unit and the total', async () => {
    const query = `/api/v1/reports/models-by-unit?unit_id=${ward.id}&year=2022&roll_up=true`;
    const json = await (await get(query)).json();
    const { bytes, disposition } = await download(`${query}&format=xlsx`);
    assert.match(disposition, /^attachment; filename="bao-cao-mo-hinh-2022\.xlsx"/);
    const cells = sheetAsShown(dir, bytes, 'models');
    assert.deepEqual(cells[0], ['Đơn vị', 'Đơn vị cấp trên', 'Số mô hình', 'Đã đăng ký', 'Được công nhận', 'Nhân rộng',
      'Giấy khen, bằng khen', 'Số liệu đến ngày']);
    const expected = [...json.rows, json.total];
    assert.equal(cells.length, 1 + expected.length);
    assert.ok(json.total.models > 0, 'the demo has models in 2022');
    expected.forEach((t, i) => {
      const row = cells[1 + i];
      const last = i === expected.length - 1;
      assert.deepEqual(row.slice(0, 2), last ? ['Tổng cộng', ''] : [t.unit.name, t.unit.parent_name]);
      assert.deepEqual(row.slice(2, 7).map(count), [t.models, t.registered, t.recognised, t.adopted, t.certificates]);
      assert.equal(row[7], vietnameseDate(json.as_of));
    });
  });

  test('the concerns figures: the JSON figures by organisation, then the total', async () => {
    const query = `/api/v1/reports/concerns?unit_id=${ward.id}&group_by=organisation`;
    const json = await (await get(query)).json();
    const { bytes, disposition } = await download(`${query}&format=xlsx`);
    assert.match(disposition, new RegExp(`^attachment; filename="bao-cao-phan-anh-${json.as_of}\\.xlsx"`));
    const cells = sheetAsShown(dir, bytes, 'concerns');
    assert.deepEqual(cells[0], ['Tổ chức', 'Tiếp nhận', 'Đã giải quyết', 'Tiếp nhận đúng hạn', 'Giải quyết đúng hạn',
      'Từ chối', 'Ngoài thẩm quyền', 'Trùng lặp', 'Đang xử lý', 'Lượt đánh giá', 'Điểm hài lòng trung bình']);
    const expected = [...json.rows, json.total];
    assert.equal(cells.length, 1 + expected.length);
    assert.ok(json.total.received > 0, 'the demo has concerns');
    expected.forEach((r, i) => {
      const row = cells[1 + i];
      assert.equal(row[0], r.label);
      assert.deepEqual(row.slice(1, 10).map(count), [r.received, r.resolved, r.received_on_time, r.resolved_on_time,
        r.rejected, r.out_of_scope, r.duplicate, r.open, r.rating_count]);
      assert.equal(row[10], r.rating_mean === null ? '' : r.rating_mean.toFixed(2));
    });
  });

  test('format is checked by the contract', async () => {
    const res = await fetchText(`${server.url}/api/v1/reports/concerns?unit_id=${ward.id}&format=csv`,
      { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 400);
  });
});
