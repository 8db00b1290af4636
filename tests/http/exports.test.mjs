// Reports and lists as spreadsheets (docs/api.md, "Reports" and "Exports"): ?format=xlsx downloads the same
// figures or rows as the JSON answer, and LibreOffice (what a ward's office opens it with) reads them back without
// complaint, cell by cell.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  assertJsonError, createAdminWithToken, fetchText, makeTempDir, removeDir, runCli, sendJson, startServer,
} from './support.mjs';
import { sheetAsShown } from '../support/xlsx.mjs'; // standalone: allowed (tests/support, inside the checkout)

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

// ---------------------------------------------------------------------------------------------------------
// The paged lists: every row the filters match, in the list's order, with the page's columns in Vietnamese.

/** The day an instant ("2026-03-15T17:30:00.000Z") falls on in Vietnam (+07:00), as the sheet shows it. */
const vietnamDay = (instant) => (instant ? vietnameseDate(new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 10)) : '');
const day = (iso) => (iso ? vietnameseDate(iso) : '');
// 01/01/1900 stands for an unknown start: an empty cell, as the web app shows "Không rõ".
const start = (iso) => (iso === '1900-01-01' ? '' : day(iso));
const shownCount = (n) => n.toLocaleString('en-US');
const money = (n) => `${n.toLocaleString('en-US')} ₫`;
const or = (v) => (v === null || v === undefined ? '' : String(v));

// What the web app shows for the codes (web/src/i18n): the sheet carries the Vietnamese words.
const ROLES = { system_admin: 'Quản trị hệ thống', unit_admin: 'Cán bộ dân vận (quản trị đơn vị)', unit_member: 'Thành viên đơn vị',
  council_member: 'Thành viên Hội đồng Thi đua – Khen thưởng', signer: 'Lãnh đạo ký', viewer: 'Người xem' };
const LEVELS = { province: 'Tỉnh / thành phố', district: 'Quận / huyện', commune: 'Xã / phường' };
const ORG_STATUSES = { active: 'Đang hoạt động', closed: 'Đã giải thể', moved: 'Đã chuyển', merged: 'Đã sáp nhập' };
const GENDERS = { female: 'Nữ', male: 'Nam', other: 'Khác' };
const MODEL_STATUSES = { draft: 'Bản nháp', registered: 'Đã đăng ký', active: 'Đang thực hiện', proposed: 'Đề nghị công nhận',
  recognised: 'Được công nhận', not_recognised: 'Không được công nhận', carried_over: 'Chuyển sang năm sau', stopped: 'Đã dừng' };
const MODEL_KINDS = { model: 'Mô hình', exemplar: 'Điển hình' };
const SUBJECTS = { collective: 'Tập thể', individual: 'Cá nhân' };
const PROPOSAL_STATUSES = { draft: 'Bản nháp', submitted: 'Đã gửi', in_review: 'Đang thẩm định', voted: 'Đã bỏ phiếu',
  awaiting_signature: 'Chờ ký', decided: 'Đã có quyết định', returned: 'Bị trả lại', revoked: 'Đã thu hồi' };
const DECISION_STATUSES = { issued: 'Đã ban hành', revoked: 'Đã thu hồi' };
const CERTIFICATE_STATUSES = { valid: 'Còn hiệu lực', revoked: 'Đã thu hồi' };
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const PERSONAL_HEADERS = ['Năm sinh', 'Điện thoại', 'Thư điện tử', 'Địa chỉ'];

describe('lists as XLSX', () => {
  let dir;
  let server;
  let capped;
  let token;
  let viewerCookie;
  const ids = {};
  const ctx = {};
  const auth = (t) => (t?.cookie ? { cookie: t.cookie } : { authorization: `Bearer ${t ?? token}` });
  const get = (p, who) => fetch(`${server.url}${p}`, { headers: auth(who) });
  /** Every item of a paged list, page after page (200 at a time). */
  async function everyItem(p, who) {
    const items = [];
    for (let page = 1; ; ++page) {
      const res = await get(`${p}${p.includes('?') ? '&' : '?'}page=${page}&page_size=200`, who);
      assert.equal(res.status, 200, `${p}: ${await res.clone().text()}`);
      const body = await res.json();
      items.push(...body.items);
      if (body.items.length < 200) return items;
    }
  }
  async function sheetOf(p, name, who) {
    const res = await get(`${p}${p.includes('?') ? '&' : '?'}format=xlsx`, who);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(res.status, 200, bytes.toString('utf8', 0, 300));
    assert.equal(res.headers.get('content-type'), XLSX);
    assert.equal(Number(res.headers.get('content-length')), bytes.length, 'the length is sent ahead (the progress bar)');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    return { cells: sheetAsShown(dir, bytes, name), disposition: res.headers.get('content-disposition') };
  }

  before(async () => {
    dir = makeTempDir('danvan-xlsx-lists-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    token = createAdminWithToken(dbPath, 'xlsx-lists-admin').token;
    server = await startServer({ dbPath });
    // The same database behind a server that allows 3 rows an export.
    capped = await startServer({ dbPath, settings: { 'documents.export_max_rows': 3 } });
    const units = await everyItem('/api/v1/units?q=ly%20thai%20to&as_of=13/10/2022');
    ids.ltt = units.find((u) => u.name === 'Phường Lý Thái Tổ').id;
    ids.hk = (await everyItem('/api/v1/units?q=hoan%20kiem')).find((u) => u.name === 'Phường Hoàn Kiếm').id;
    // More people than one batch of the export (1,000) and than a page of the JSON list (200): the export reads
    // page after page and must bring each row once, in the list's order.
    const csv = path.join(dir, 'nhieu-nguoi.csv');
    fs.writeFileSync(csv, ['full_name,birth_year,gender,phone',
      ...Array.from({ length: 1200 }, (_, i) => `Người thử ${String(i).padStart(4, '0')},${1950 + (i % 50)},${i % 2 ? 'male' : 'female'},09${String(i).padStart(8, '0')}`),
    ].join('\n'));
    const imported = runCli(['import', 'people', csv, '--unit', String(ids.ltt), '--apply', '--db', `sqlite:${dbPath}`], { timeoutMs: 120_000 });
    assert.equal(imported.status, 0, `${imported.stdout}${imported.stderr}`);
    const login = await sendJson(`${server.url}/api/v1/session`, 'POST', { username: 'xem.lythaito', password: 'danvan-demo-2022' });
    assert.equal(login.status, 200, login.body);
    viewerCookie = { cookie: login.headers['set-cookie'].split(';')[0] };
    // A person whose personal data the admin knows: the viewer's export must not carry it.
    const person = await sendJson(`${server.url}/api/v1/people`, 'POST', { unit_id: ids.ltt, full_name: 'Nguyễn Thị Xuất',
      birth_year: 1985, phone: '0912 345 678', email: 'xuat.nguyen@example.vn', address: 'Số 7 phố Lý Thái Tổ' }, { token });
    assert.equal(person.status, 201, person.body);
    ctx.issuers = Object.fromEntries((await (await get(`/api/v1/issuers?unit_id=${ids.ltt}`)).json()).items.map((i) => [i.id, i.name]));
  });
  after(async () => {
    await capped?.stop();
    await server?.stop();
    if (dir) removeDir(dir);
  });

  // Each list: its query, its file's stem, the headers, and the row the sheet shows for a JSON item.
  const LISTS = [
    { name: 'users', path: () => '/api/v1/users', stem: 'nguoi-dung',
      headers: ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Trạng thái', 'Ngày tạo'],
      row: (u) => [u.username, u.display_name, u.grants.map((g) => ROLES[g.role]).join('; '), u.active ? 'Đang hoạt động' : 'Đã khóa',
        vietnamDay(u.created_at)] },
    { name: 'units', path: () => '/api/v1/units?q=hoan%20kiem', stem: 'don-vi-hanh-chinh',
      headers: ['Mã', 'Tên đơn vị', 'Cấp', 'Hiệu lực từ ngày', 'Hết hiệu lực từ ngày'],
      row: (u) => [u.code, u.name, LEVELS[u.level], start(u.valid_from), day(u.valid_to)] },
    { name: 'organisations', path: () => `/api/v1/organisations?unit_id=${ids.ltt}`, stem: 'to-chuc',
      headers: ['Tên tổ chức', 'Loại tổ chức', 'Trạng thái', 'Hiệu lực từ ngày', 'Hết hiệu lực từ ngày'],
      row: (o) => [o.name, ctx.kinds[o.kind], ORG_STATUSES[o.status], start(o.valid_from), day(o.valid_to)] },
    { name: 'people', path: () => `/api/v1/people?unit_id=${ids.ltt}`, stem: 'ca-nhan',
      headers: ['Họ và tên', 'Giới tính', ...PERSONAL_HEADERS, 'Chức danh'],
      row: (p) => [p.full_name, p.gender ? GENDERS[p.gender] : '', or(p.birth_year), or(p.phone), or(p.email), or(p.address),
        p.memberships.map((m) => (m.title ? `${m.title}, ${m.organisation_name}` : m.organisation_name)).join('; ')] },
    { name: 'models', path: () => `/api/v1/models?unit_id=${ids.ltt}`, stem: 'mo-hinh',
      headers: ['Tên mô hình, điển hình', 'Loại', 'Tập thể, cá nhân', 'Lĩnh vực', 'Trạng thái', 'Cấp công nhận', 'Ngày bắt đầu',
        'Địa chỉ'],
      // Fields are codes such as "van_hoa_xa_hoi": "_xa_" is an escape of the format, written so that it reads back.
      row: (m) => [m.title, MODEL_KINDS[m.kind], SUBJECTS[m.subject], m.field, MODEL_STATUSES[m.status], or(m.recognition_level),
        day(m.started_on), m.address] },
    { name: 'proposals', path: () => `/api/v1/proposals?unit_id=${ids.ltt}`, stem: 'de-nghi-khen-thuong',
      headers: ['Hồ sơ đề nghị', 'Năm', 'Cấp khen thưởng', 'Số đối tượng đề nghị', 'Trạng thái', 'Cập nhật'],
      row: (p) => [p.title, String(p.year), ctx.issuers[p.issuer_id] ?? '', shownCount(p.nominees.length), PROPOSAL_STATUSES[p.status],
        vietnamDay(p.updated_at)] },
    { name: 'decisions', path: () => `/api/v1/decisions?unit_id=${ids.ltt}`, stem: 'quyet-dinh-khen-thuong',
      headers: ['Số, ký hiệu', 'Ngày quyết định', 'Trích yếu', 'Số được khen thưởng', 'Tổng tiền thưởng', 'Người ký', 'Trạng thái'],
      row: (d) => [d.symbol, day(d.decided_on), d.summary, shownCount(d.beneficiaries.length), money(d.total_amount), d.signer_name,
        DECISION_STATUSES[d.status]] },
    { name: 'certificates', path: () => `/api/v1/certificates?unit_id=${ids.ltt}`, stem: 'giay-khen',
      headers: ['Tập thể, cá nhân', 'Thành tích', 'Hình thức khen thưởng', 'Quyết định', 'Ngày quyết định', 'Cơ quan ban hành',
        'Trạng thái', 'Mã tra cứu'],
      row: (c) => [c.beneficiary_name, c.achievement, c.award_type_name, c.decision_symbol, day(c.decided_on), c.issuer_name,
        CERTIFICATE_STATUSES[c.status], c.public_id] },
    { name: 'concerns', path: () => '/api/v1/concerns', stem: 'phan-anh-kien-nghi',
      headers: ['Mã', 'Lĩnh vực', 'Địa bàn', 'Đơn vị xử lý', 'Trạng thái', 'Hạn', 'Ngày gửi'],
      row: (c) => [c.code, c.category.name, c.unit_name, or(c.organisation_name), c.public_status.label,
        vietnamDay(c.received_at ? c.resolve_due_at : c.received_due_at), vietnamDay(c.created_at)] },
    { name: 'outreach', path: () => `/api/v1/outreach-activities?unit_id=${ids.hk}`, stem: 'hoat-dong-dan-van',
      headers: ['Ngày', 'Loại hoạt động', 'Chủ đề', 'Địa điểm', 'Đơn vị tổ chức', 'Số người dự', 'Tệp đính kèm', 'Ghi chú'],
      row: (a) => [day(a.held_on), a.kind_name, a.topic, a.place, a.organisation_name ?? 'Đơn vị', shownCount(a.attendance),
        shownCount(a.file_count), a.notes] },
  ];

  for (const list of LISTS) {
    test(`${list.name}: every row of the JSON list, in its order, with Vietnamese headers and dates as dates`, async () => {
      if (list.name === 'organisations')
        ctx.kinds = Object.fromEntries((await (await get('/api/v1/organisation-kinds')).json()).items.map((k) => [k.code, k.name]));
      const items = await everyItem(list.path());
      assert.ok(items.length > 0, `the demo has ${list.name}`);
      if (list.name === 'people') assert.ok(items.length > 1200, 'more people than one batch of the export');
      const { cells, disposition } = await sheetOf(list.path(), list.name);
      assert.match(disposition, new RegExp(`^attachment; filename="${list.stem}-${today()}\\.xlsx"`));
      assert.deepEqual(cells[0], list.headers);
      assert.equal(cells.length, 1 + items.length, 'a row per item, the header aside');
      items.forEach((item, i) => assert.deepEqual(cells[1 + i], list.row(item), `row ${i + 1} of ${list.name}`));
    });
  }

  test('people: a role without personal data gets neither the columns nor the data', async () => {
    const p = `/api/v1/people?unit_id=${ids.ltt}`;
    const asAdmin = await everyItem(p);
    const secrets = asAdmin.flatMap((x) => [x.phone, x.email, x.address]).filter(Boolean);
    assert.ok(secrets.includes('0912 345 678'), 'the admin sees the personal data');
    const asViewer = await everyItem(p, viewerCookie);
    assert.ok(asViewer.every((x) => !('phone' in x)), 'the JSON list hides them from a viewer too');
    const { cells } = await sheetOf(p, 'people-viewer', viewerCookie);
    assert.deepEqual(cells[0], ['Họ và tên', 'Giới tính', 'Chức danh']);
    assert.equal(cells.length, 1 + asViewer.length);
    const text = cells.flat().join('\n');
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} is not in the viewer's export`);
    assert.ok(!text.includes('1985'), 'nor the birth year');
    asViewer.forEach((x, i) => assert.equal(cells[1 + i][0], x.full_name));
  });

  test('the same permission rules as the list: a viewer may not export the users of others', async () => {
    const json = await everyItem('/api/v1/users', viewerCookie);
    const { cells } = await sheetOf('/api/v1/users', 'users-viewer', viewerCookie);
    assert.deepEqual(cells.slice(1).map((r) => r[0]), json.map((u) => u.username));
    const anon = await fetchText(`${server.url}/api/v1/people?unit_id=${ids.ltt}&format=xlsx`);
    assert.equal(anon.status, 401);
  });

  test('over the row cap: a clear error in both languages, counted or not', async () => {
    for (const p of [`/api/v1/organisations?unit_id=${ids.ltt}&format=xlsx`, `/api/v1/certificates?unit_id=${ids.ltt}&format=xlsx`]) {
      const res = await fetchText(`${capped.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      const error = assertJsonError(res, { status: 400, code: 'export_too_large', details: { limit: 3 } }, p);
      assert.match(error.message, /giới hạn 3 dòng/);
      assert.match(error.message_en, /3 rows/);
    }
    // Under the cap the same server exports.
    const few = await fetchText(`${capped.url}/api/v1/units?level=province&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(few.status, 200, few.body?.slice(0, 300));
  });
});
