// Residents' concerns over HTTP: the public channel (send, follow with the code and PIN, support, rate, reopen) and
// the staff steps behind it, against the real server on the demo data (docs/concerns.md).
//
// The demo's Lý Thái Tổ was merged into Phường Hoàn Kiếm on 01/07/2025 and concerns go to wards in force today, so
// everything here happens in Phường Hoàn Kiếm. As the system admin we add (unless the demo has them) its Fatherland
// Front (MTTQ) and People's Committee (UBND), then a member of each, a viewer, a normal and a sensitive category
// routed to the Front. What is proved:
//   - a resident's name and contact are in no public answer, and staff see them only when the resident allowed it
//     and they handle the concern (Nghị định 13/2023/NĐ-CP);
//   - a sensitive category hides description and address and rounds the point to 2 decimals (4 otherwise);
//   - a photo is served re-encoded, without its Exif block (the GPS position of the phone that took it);
//   - the honeypot, the per-address rate limit (its own server, concerns.sent_per_hour=2), the PIN lock;
//   - a lifecycle across the Front and the Committee; refusals never read as resolved; one rating per answer;
//   - bad input answers 400 with a stable code, in Vietnamese and English.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  assertJsonError, createAdminWithToken, fetchText, makeTempDir, removeDir, runCli, sendJson, startServer, tinyJpeg,
  withExifGps,
} from './support.mjs';

const PIN = /^\d{6}$/;
const CODE = /^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/; // Crockford's base 32: no I, L, O, U
const RESIDENT = { name: 'Nghiêm Thị Kín Đáo', contact: '0904 135 792' };
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// Near Hoàn Kiếm lake, with more decimals than the public may see.
const POINT = { latitude: 21.028567, longitude: 105.852134 };

let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${(++seq).toString(36)}`;

/** A seeded demo database in a fresh directory: {dir, dbPath, admin}. */
function seededDb(prefix) {
  const dir = makeTempDir(prefix);
  const dbPath = path.join(dir, 'danvan.db');
  const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
  assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
  return { dir, dbPath, admin: createAdminWithToken(dbPath, 'concerns-admin') };
}

/** The ward's fixtures, as the system admin through the API. */
async function setUpWard(url, adminToken) {
  const as = (token) => (method, p, body) => sendJson(`${url}${p}`, method, body, { token });
  const admin = as(adminToken);
  const must = async (promise, status, what) => {
    const res = await promise;
    assert.equal(res.status, status, `${what}: ${res.body.slice(0, 300)}`);
    return res.json;
  };
  const units = await must(admin('GET', '/api/v1/units?q=hoan%20kiem&page_size=200'), 200, 'units');
  const ward = units.items.find((u) => u.name === 'Phường Hoàn Kiếm' && u.valid_to === null);
  assert.ok(ward, 'Phường Hoàn Kiếm is in force today');
  // The ward's Front and Committee: the demo's, or made now if the demo has none.
  const orgs = (await must(admin('GET', `/api/v1/organisations?unit_id=${ward.id}&page_size=200`), 200, 'organisations')).items;
  const org = async (kind, name) => orgs.find((o) => o.kind === kind && o.unit_id === ward.id && o.status === 'active')
    ?? must(admin('POST', '/api/v1/organisations', { unit_id: ward.id, kind, name, valid_from: '01/07/2025' }), 201, name);
  const front = await org('mttq', 'Ủy ban MTTQ Việt Nam phường Hoàn Kiếm');
  const committee = await org('ubnd', 'Ủy ban nhân dân phường Hoàn Kiếm');
  const user = async (username, grant) => {
    const u = await must(admin('POST', '/api/v1/users', {
      username, display_name: `Cán bộ ${username}`, password: `Mật khẩu ${username}`, grants: [{ unit_id: ward.id, ...grant }],
    }), 201, username);
    return (await must(admin('POST', '/api/v1/tokens', { user_id: u.id, name: 'concerns test' }), 201, `token ${username}`)).token;
  };
  const tokens = {
    admin: adminToken,
    unitAdmin: await user('canbo.pa', { role: 'unit_admin' }),
    front: await user('mattran.pa', { role: 'unit_member', organisation_id: front.id }),
    committee: await user('uyban.pa', { role: 'unit_member', organisation_id: committee.id }),
    viewer: await user('xem.pa', { role: 'viewer' }),
  };
  const category = (name, extra = {}) => must(admin('POST', '/api/v1/concern-categories', {
    unit_id: ward.id, code: `pa-${uniq()}`, name, default_organisation_id: front.id, ...extra,
  }), 201, name);
  return {
    ward, front, committee, tokens,
    normal: await category('Vệ sinh môi trường'),
    sensitive: await category('An ninh trật tự', { sensitive: true }),
  };
}

describe('residents’ concerns over HTTP', () => {
  let db;
  let server;
  let w; // the ward's fixtures
  const get = (p, init) => fetchText(`${server.url}${p}`, init);
  const post = (p, body, options) => sendJson(`${server.url}${p}`, 'POST', body, options);
  /** A public send as a resident: {code, pin, id}. */
  const send = async (extra = {}) => {
    const res = await post('/api/v1/public/concerns', {
      unit_id: w.ward.id, category_code: w.normal.code, description: `Rác thải tồn đọng ở ngõ ${uniq()}`,
      address: 'Ngõ 12 phố Hàng Bè', ...POINT, ...extra,
    });
    assert.equal(res.status, 201, res.body);
    assert.match(res.json.code, CODE);
    assert.match(res.json.pin, PIN);
    return res.json;
  };
  const staff = (who) => ({
    get: async (id) => get(`/api/v1/concerns/${id}`, { headers: { authorization: `Bearer ${w.tokens[who]}` } }),
    step: (id, body) => post(`/api/v1/concerns/${id}/steps`, body, { token: w.tokens[who] }),
  });
  const stepOk = async (who, id, body) => {
    const res = await staff(who).step(id, body);
    assert.equal(res.status, 200, `${who} ${body.action}: ${res.body.slice(0, 300)}`);
    return res.json;
  };
  const EVIDENCE = [{ file_name: 'anh-sau-xu-ly.png', content_base64: TINY_PNG }];
  const publicView = async (code) => {
    const res = await get(`/api/v1/public/concerns/${code}`);
    assert.equal(res.status, 200, res.body);
    return res;
  };

  before(async () => {
    db = seededDb('danvan-concerns-');
    // Every test sends from 127.0.0.1; the rate limit has its own server below.
    server = await startServer({ dbPath: db.dbPath, settings: { 'concerns.sent_per_hour': 1000, 'concerns.sent_per_day': 10000 } });
    w = await setUpWard(server.url, db.admin.token);
  });

  after(async () => {
    await server?.stop();
    if (db) removeDir(db.dir);
  });

  test('a resident sends with a photo, a name and a contact: none of it personal reaches a public answer', async () => {
    const photo = withExifGps(tinyJpeg(32, 24));
    assert.ok(photo.includes(Buffer.from('Exif\0\0', 'latin1')) && photo.includes(Buffer.from('DanvanGpsCam')), 'the photo sent has Exif');
    const sent = await send({
      name: RESIDENT.name, contact: RESIDENT.contact, contact_visible: true,
      photos: [{ file_name: 'anh-ngo-12.jpg', content_base64: photo.toString('base64') }],
    });
    const text = `Rác thải ở ngõ 12 ${uniq()}`;
    const twin = await send({ description: text, name: RESIDENT.name, contact: RESIDENT.contact, contact_visible: true });

    const answers = {
      list: await get(`/api/v1/public/concerns?unit_id=${w.ward.id}&page_size=200`),
      one: await publicView(sent.code),
      follow: await post(`/api/v1/public/concerns/${sent.code}/follow`, { pin: sent.pin }),
      similar: await post('/api/v1/public/concerns/similar', { unit_id: w.ward.id, category_code: w.normal.code, ...POINT, text }),
      support: await post(`/api/v1/public/concerns/${twin.code}/support`, {}),
      information: await post(`/api/v1/public/concerns/${sent.code}/information`, { pin: sent.pin, text: 'Rác đã để ba ngày' }),
      open311List: await get('/open311/v2/requests.json?jurisdiction_id=phuong-hoan-kiem'),
      open311One: await get(`/open311/v2/requests/${sent.code}.json?jurisdiction_id=phuong-hoan-kiem`),
    };
    for (const [what, res] of Object.entries(answers)) {
      assert.equal(res.status, 200, `${what}: ${res.body.slice(0, 300)}`);
      for (const secret of Object.values(RESIDENT)) assert.ok(!res.body.includes(secret), `${what} shows "${secret}"`);
      assert.doesNotMatch(res.body, /reporter_|"contact"|actor_name/, `${what} has no personal field`);
    }
    assert.ok(answers.list.json.items.some((c) => c.code === sent.code), 'the concern is on the public list');
    assert.ok(answers.similar.json.items.some((c) => c.code === twin.code), 'the twin is offered as similar');
    assert.equal(answers.support.json.supporters, 1);
    assert.deepEqual(answers.follow.json.concern.status.code, 'submitted');
    assert.equal(answers.open311One.json[0].service_request_id, sent.code);

    // The photo, as the public gets it: re-encoded, its Exif block (and with it the GPS position) gone.
    const [file] = answers.one.json.files;
    assert.equal(file.media_type, 'image/jpeg');
    assert.equal(file.url, `/api/v1/public/concerns/${sent.code}/files/${file.id}`);
    for (const url of [file.url, file.thumbnail_url]) {
      const res = await fetch(`${server.url}${url}`);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'image/jpeg', url);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], `${url} is a JPEG`);
      assert.ok(!bytes.includes(Buffer.from('Exif\0\0', 'latin1')), `${url} keeps an Exif header`);
      assert.ok(!bytes.includes(Buffer.from('DanvanGpsCam')), `${url} keeps the camera's Exif data`);
      assert.ok(!bytes.equals(photo), `${url} is not the file as sent`);
    }
  });

  test('staff see the name and contact only when allowed and only if they handle the concern', async () => {
    const allowed = await send({ name: RESIDENT.name, contact: RESIDENT.contact, contact_visible: true });
    const withheld = await send({ name: RESIDENT.name, contact: RESIDENT.contact, contact_visible: false });
    const seen = async (who, id) => {
      const res = await staff(who).get(id);
      assert.equal(res.status, 200, `${who}: ${res.body.slice(0, 200)}`);
      return { shown: res.json.contact_shown, raw: res.body.includes(RESIDENT.name) && res.body.includes(RESIDENT.contact) };
    };
    // Routed to the Front: its member and the unit admin handle it; the viewer and the Committee's member read it only.
    for (const [who, shown] of [['admin', true], ['unitAdmin', true], ['front', true], ['viewer', false], ['committee', false]]) {
      assert.deepEqual(await seen(who, allowed.id), { shown, raw: shown }, `${who}, contact allowed`);
      assert.deepEqual(await seen(who, withheld.id), { shown: false, raw: false }, `${who}, contact withheld`);
    }
    // Handed to the Committee: the Front's member no longer handles it, the Committee's member does.
    await stepOk('front', allowed.id, { action: 'hand_over', organisation_id: w.committee.id, text: 'Thuộc thẩm quyền UBND' });
    assert.deepEqual(await seen('front', allowed.id), { shown: false, raw: false }, 'the Front after the hand-over');
    assert.deepEqual(await seen('committee', allowed.id), { shown: true, raw: true }, 'the Committee after the hand-over');
    // The viewer's queue carries no contact either.
    const queue = await get(`/api/v1/concerns?unit_id=${w.ward.id}&page_size=200`, { headers: { authorization: `Bearer ${w.tokens.viewer}` } });
    assert.equal(queue.status, 200);
    assert.ok(queue.json.items.some((c) => c.id === allowed.id));
    assert.ok(!queue.body.includes(RESIDENT.name) && !queue.body.includes(RESIDENT.contact), "the viewer's queue shows the contact");
  });

  test('a sensitive category hides the text and rounds the point to 2 decimals; a normal one to 4', async () => {
    const description = `Có người lạ tụ tập ban đêm ${uniq()}`;
    const address = 'Số 3 ngõ Bí Mật';
    const sensitive = await send({ category_code: w.sensitive.code, description, address,
      photos: [{ file_name: 'anh-nhay-cam.jpg', content_base64: tinyJpeg().toString('base64') }] });
    const normal = await send({ description, address });

    const list = (await get(`/api/v1/public/concerns?unit_id=${w.ward.id}&page_size=200`)).json.items;
    const views = {
      sensitive: [(await publicView(sensitive.code)).json, list.find((c) => c.code === sensitive.code),
        (await post(`/api/v1/public/concerns/${sensitive.code}/follow`, { pin: sensitive.pin })).json.concern],
      normal: [(await publicView(normal.code)).json, list.find((c) => c.code === normal.code)],
    };
    for (const v of views.sensitive) {
      assert.deepEqual([v.sensitive, v.description, v.address, v.latitude, v.longitude], [true, '', '', 21.03, 105.85], 'sensitive');
    }
    for (const v of views.normal) {
      assert.deepEqual([v.sensitive, v.description, v.address, v.latitude, v.longitude], [false, description, address, 21.0286, 105.8521], 'normal');
    }
    const raw = (await publicView(sensitive.code)).body;
    for (const secret of [description, address, '21.028567', '105.852134']) assert.ok(!raw.includes(secret), `"${secret}" is public`);
    // Staff still see it all.
    const full = (await staff('viewer').get(sensitive.id)).json;
    assert.deepEqual([full.description, full.address, full.latitude], [description, address, POINT.latitude]);
    // Its photo is not served to the public.
    const fileId = full.files[0].id;
    for (const suffix of ['', '/thumbnail']) {
      assertJsonError(await get(`/api/v1/public/concerns/${sensitive.code}/files/${fileId}${suffix}`), { status: 404, code: 'file_not_found' });
    }
  });

  // docs/concerns.md: for sensitive categories "the description, address and photos hidden". The files are not served
  // (above), but the public view still lists them (file name, size, width and height, links), and what the resident
  // adds later is on the public timeline word for word. Both fail today: a server bug (ConcernService::ResidentOf).
  test('the public view of a sensitive concern lists no photos and shows no text the resident added', async () => {
    const sensitive = await send({ category_code: w.sensitive.code,
      photos: [{ file_name: 'nha-so-3-ngo-bi-mat.jpg', content_base64: tinyJpeg().toString('base64') }] });
    const added = `Người lạ ở nhà số 3, biển số 29A-${uniq()}`;
    assert.equal((await post(`/api/v1/public/concerns/${sensitive.code}/information`, { pin: sensitive.pin, text: added })).status, 200);
    const res = await publicView(sensitive.code);
    const problems = [];
    if (res.json.files.length) problems.push(`BUG: the public view lists the photos of a sensitive concern: ${res.json.files.map((f) => f.file_name)}`);
    if (res.body.includes(added)) problems.push('BUG: the public timeline of a sensitive concern shows the text the resident added');
    assert.deepEqual(problems, []);
  });

  test('the honeypot filled: 400 honeypot_filled, nothing stored', async () => {
    const total = async () => (await get(`/api/v1/public/concerns?unit_id=${w.ward.id}&page_size=1`)).json.total;
    const staffTotal = async () => (await get(`/api/v1/concerns?unit_id=${w.ward.id}&page_size=1`,
      { headers: { authorization: `Bearer ${w.tokens.admin}` } })).json.total;
    const before = [await total(), await staffTotal()];
    const res = await post('/api/v1/public/concerns', {
      unit_id: w.ward.id, category_code: w.normal.code, description: 'Mua thuốc giá rẻ', address: 'Phố Thử', website: 'http://spam.example',
    });
    assertJsonError(res, { status: 400, code: 'honeypot_filled', details: { field: 'website' } });
    assert.deepEqual([await total(), await staffTotal()], before, 'no concern was stored');
  });

  test('five wrong PINs lock the code: then even the right PIN is refused, on every resident route', async () => {
    const c = await send();
    const wrong = c.pin === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i += 1) {
      assertJsonError(await post(`/api/v1/public/concerns/${c.code}/follow`, { pin: wrong }),
        { status: 403, code: 'wrong_pin', details: { field: 'pin' } }, `wrong PIN ${i}`);
    }
    // Locked, a wrong PIN is answered like the right one: the answer tells nothing about the PIN.
    assertJsonError(await post(`/api/v1/public/concerns/${c.code}/follow`, { pin: wrong }), { status: 429, code: 'pin_locked' }, 'a wrong PIN, locked');
    for (const [route, body] of [['follow', {}], ['information', { text: 'Thêm thông tin' }], ['rating', { stars: 5 }],
      ['reopening', { reason: 'Chưa xong' }]]) {
      const res = await post(`/api/v1/public/concerns/${c.code}/${route}`, { pin: c.pin, ...body });
      const error = assertJsonError(res, { status: 429, code: 'pin_locked' }, `${route} with the right PIN`);
      assert.ok(error.details.retry_after_seconds > 0 && error.details.retry_after_seconds <= 900, 'locked for at most 15 minutes');
      assert.match(res.headers['retry-after'] ?? '', /^\d+$/, 'Retry-After');
    }
    // Locking a code does not lock others.
    const other = await send();
    assert.equal((await post(`/api/v1/public/concerns/${other.code}/follow`, { pin: other.pin })).status, 200);
  });

  test('a lifecycle across the Front and the Committee: answered with evidence, reopened, rated once per answer', async () => {
    const c = await send({ name: RESIDENT.name, contact: RESIDENT.contact, contact_visible: true });
    const status = async () => (await publicView(c.code)).json.status.code;
    assert.equal((await staff('front').get(c.id)).json.organisation_id, w.front.id, 'routed to the Front by its category');

    await stepOk('front', c.id, { action: 'receive' });
    assert.equal(await status(), 'received');
    await stepOk('front', c.id, { action: 'hand_over', organisation_id: w.committee.id, text: 'Thuộc thẩm quyền UBND phường' });
    assert.equal(await status(), 'assigned');
    // The Front reads it still (a grant on the ward) but no longer acts on it.
    assertJsonError(await staff('front').step(c.id, { action: 'start' }), { status: 403, code: 'forbidden' }, 'the Front after the hand-over');
    await stepOk('committee', c.id, { action: 'start' });
    assertJsonError(await staff('committee').step(c.id, { action: 'resolve', text: 'Đã thu gom' }),
      { status: 400, code: 'evidence_required', details: { field: 'files' } }, 'an answer without evidence');
    await stepOk('committee', c.id, { action: 'resolve', text: 'Đã thu gom rác, vệ sinh ngõ.', files: EVIDENCE });

    const resolved = (await publicView(c.code)).json;
    assert.deepEqual([resolved.status.code, resolved.status.open, resolved.answer], ['resolved', false, 'Đã thu gom rác, vệ sinh ngõ.']);
    const handOver = resolved.timeline.find((e) => e.kind === 'hand_over');
    assert.deepEqual([handOver.organisation_name, handOver.to_organisation_name], [w.front.name, w.committee.name]);
    assert.ok(resolved.timeline.every((e) => !('actor_name' in e)), 'no staff names on the public timeline');
    assert.ok(resolved.files.some((f) => f.file_name === 'anh-sau-xu-ly.png'), 'the evidence is public');

    // Reopened within the window: routed again, open again.
    const view = (await post(`/api/v1/public/concerns/${c.code}/follow`, { pin: c.pin })).json;
    assert.deepEqual([view.can_rate, view.can_reopen, typeof view.reopen_until], [true, true, 'string']);
    const reopened = await post(`/api/v1/public/concerns/${c.code}/reopening`, { pin: c.pin, reason: 'Rác lại bị đổ ra ngõ' });
    assert.equal(reopened.status, 200, reopened.body);
    assert.deepEqual([reopened.json.concern.status.code, reopened.json.concern.status.open, reopened.json.concern.answer], ['reopened', true, null]);
    assertJsonError(await post(`/api/v1/public/concerns/${c.code}/rating`, { pin: c.pin, stars: 3 }),
      { status: 422, code: 'not_resolved' }, 'rating a reopened concern');

    // The second answer is rated once; a second rating of the same answer is refused.
    const reopenedStaff = (await staff('admin').get(c.id)).json;
    const handler = reopenedStaff.organisation_id === w.committee.id ? 'committee' : 'front';
    await stepOk(handler, c.id, { action: 'resolve', text: 'Đã đặt thùng rác và biển cấm đổ rác.', files: EVIDENCE });
    const rated = await post(`/api/v1/public/concerns/${c.code}/rating`, { pin: c.pin, stars: 5, comment: 'Cảm ơn phường' });
    assert.equal(rated.status, 200, rated.body);
    assert.deepEqual([rated.json.concern.status.code, rated.json.can_rate, rated.json.can_reopen], ['closed', false, false]);
    assertJsonError(await post(`/api/v1/public/concerns/${c.code}/rating`, { pin: c.pin, stars: 1 }),
      { status: 409, code: 'already_rated' }, 'a second rating');
    const ratings = (await staff('admin').get(c.id)).json.ratings;
    assert.deepEqual(ratings.map((r) => [r.resolution, r.stars]), [[2, 5]], 'one rating, of the second answer');
  });

  test('rejected, out of scope and duplicate concerns never read as resolved to the public', async () => {
    const reasons = (await get('/api/v1/concern-reasons')).json;
    const complaint = reasons.scope_exclusions.find((x) => x.code === 'complaint');
    assert.ok(complaint && complaint.channel && complaint.channel_en, 'the complaint exclusion names its channel');
    const reason = reasons.rejection_reasons[0];

    const rejected = await send();
    assertJsonError(await staff('unitAdmin').step(rejected.id, { action: 'reject' }),
      { status: 400, code: 'rejection_reason_required', details: { field: 'reason_code', allowed: reasons.rejection_reasons.map((r) => r.code) } });
    assertJsonError(await staff('front').step(rejected.id, { action: 'reject', reason_code: reason.code }),
      { status: 403, code: 'forbidden' }, 'rejecting is the unit admin’s');
    await stepOk('unitAdmin', rejected.id, { action: 'reject', reason_code: reason.code });

    const redirected = await send({ description: 'Tôi khiếu nại quyết định xử phạt của phường' });
    assertJsonError(await staff('unitAdmin').step(redirected.id, { action: 'out_of_scope', reason_code: 'insufficient_information' }),
      { status: 400, code: 'scope_exclusion_required', details: { field: 'reason_code' } });
    await stepOk('unitAdmin', redirected.id, { action: 'out_of_scope', reason_code: complaint.code });

    const original = await send();
    const twin = await send();
    await stepOk('unitAdmin', twin.id, { action: 'mark_duplicate', duplicate_of_code: original.code });

    const views = {
      rejected: (await publicView(rejected.code)).json,
      out_of_scope: (await publicView(redirected.code)).json,
      duplicate: (await publicView(twin.code)).json,
    };
    assert.deepEqual(Object.values(views).map((v) => v.status.code), ['rejected', 'wrong_channel', 'duplicate']);
    for (const [what, v] of Object.entries(views)) {
      assert.equal(v.status.open, false, `${what} is closed`);
      assert.doesNotMatch(`${v.status.label} ${v.status.label_en}`, /Đã xử lý|resolved/i, `${what} reads as resolved`);
      assert.equal(v.answer, null, `${what} has no answer`);
    }
    assert.deepEqual([views.rejected.reason, views.rejected.reason_en], [reason.label, reason.label_en]);
    assert.ok(views.out_of_scope.reason.includes(complaint.channel) && views.out_of_scope.reason.includes(complaint.legal_basis),
      `the channel in Vietnamese: ${views.out_of_scope.reason}`);
    assert.ok(views.out_of_scope.reason_en.includes(complaint.channel_en), `the channel in English: ${views.out_of_scope.reason_en}`);
    assert.equal(views.duplicate.duplicate_of_code, original.code);
    assert.equal((await publicView(original.code)).json.supporters, 1, "the twin's sender supports the original");
    // Nothing more to do for the resident on a refused concern.
    const follow = (await post(`/api/v1/public/concerns/${rejected.code}/follow`, { pin: rejected.pin })).json;
    assert.deepEqual([follow.can_add_information, follow.can_rate, follow.can_reopen], [false, false, false]);
    assertJsonError(await post(`/api/v1/public/concerns/${rejected.code}/reopening`, { pin: rejected.pin, reason: 'Không đồng ý' }),
      { status: 422, code: 'invalid_transition' }, 'reopening a rejected concern');
  });

  test('bad input: 400 with a stable code, in Vietnamese and English', async () => {
    const base = { unit_id: w.ward.id, category_code: w.normal.code, description: 'Cống bị tắc', address: 'Phố Thử' };
    const without = (key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
    const cases = [
      ['no category_code', without('category_code'), { code: 'field_required', details: { field: 'category_code' } }],
      ['latitude without longitude', { ...base, latitude: 21.03 }, { code: 'location_incomplete', details: { field: 'longitude' } }],
      ['longitude without latitude', { ...base, longitude: 105.85 }, { code: 'location_incomplete', details: { field: 'latitude' } }],
      ['neither a point nor an address', without('address'), { code: 'location_required', details: { field: 'address' } }],
      ['a category of no unit', { ...base, category_code: 'khong-co-linh-vuc' }, { code: 'category_not_found', details: { field: 'category_code' } }],
      ['a photo that is no photo', { ...base, photos: [{ file_name: 'a.jpg', content_base64: Buffer.from('không phải ảnh').toString('base64') }] }, {}],
    ];
    const total = async () => (await get(`/api/v1/public/concerns?unit_id=${w.ward.id}&page_size=1`)).json.total;
    const before = await total();
    for (const [what, body, expected] of cases) {
      const res = await post('/api/v1/public/concerns', body);
      assert.ok(res.status === 400 || res.status === 415, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
      assertJsonError(res, expected, what);
    }
    // A merged ward takes no concerns: its successor does.
    const units = (await get('/api/v1/units?q=ly%20thai%20to&as_of=13/10/2022')).json.items;
    const ltt = units.find((u) => u.name === 'Phường Lý Thái Tổ');
    assertJsonError(await post('/api/v1/public/concerns', { ...base, unit_id: ltt.id }),
      { status: 400, code: 'unit_not_current', details: { field: 'unit_id' } }, 'a merged ward');
    assert.equal(await total(), before, 'nothing was stored');
  });
});

// The per-address limit, on a server of its own that allows 2 concerns an hour (and no reopening: 0 days).
test('the (sent_per_hour + 1)th concern from one address: 429 rate_limited with Retry-After; no reopening past the window', async () => {
  const db = seededDb('danvan-concerns-rate-');
  const server = await startServer({ dbPath: db.dbPath, settings: { 'concerns.sent_per_hour': 2, 'concerns.reopen_days': 0 } });
  try {
    const w = await setUpWard(server.url, db.admin.token);
    const body = () => ({ unit_id: w.ward.id, category_code: w.normal.code, description: `Ổ gà trên đường ${uniq()}`, address: 'Phố Thử' });
    const send = () => sendJson(`${server.url}/api/v1/public/concerns`, 'POST', body());
    const before = (await fetchText(`${server.url}/api/v1/public/concerns?unit_id=${w.ward.id}`)).json.total; // the demo's
    const sent = [];
    for (let i = 1; i <= 2; i += 1) {
      const res = await send();
      assert.equal(res.status, 201, `concern ${i}`);
      sent.push(res.json);
    }
    // No proxy is trusted on this server: an X-Forwarded-For a client writes itself changes nothing.
    const forged = await sendJson(`${server.url}/api/v1/public/concerns`, 'POST', body(), { headers: { 'x-forwarded-for': '198.51.100.77' } })
    assertJsonError(forged, { status: 429, code: 'rate_limited' })
    const refused = await send();
    const error = assertJsonError(refused, { status: 429, code: 'rate_limited', details: { retry_after_seconds: 3600 } });
    assert.ok(error.message.includes('Nội dung vẫn còn'), 'the resident is told that what they wrote is kept');
    assert.equal(refused.headers['retry-after'], '3600');
    const list = await fetchText(`${server.url}/api/v1/public/concerns?unit_id=${w.ward.id}`);
    assert.equal(list.json.total, before + 2, 'the refused concern was not stored');

    // Past the reopening window (concerns.reopen_days=0): the resident is told to send a new concern.
    const [c] = sent;
    const resolved = await sendJson(`${server.url}/api/v1/concerns/${c.id}/steps`, 'POST',
      { action: 'resolve', text: 'Đã vá ổ gà.', files: [{ file_name: 'anh.png', content_base64: TINY_PNG }] }, { token: db.admin.token });
    assert.equal(resolved.status, 200, resolved.body);
    const view = await sendJson(`${server.url}/api/v1/public/concerns/${c.code}/follow`, 'POST', { pin: c.pin });
    assert.deepEqual([view.json.can_reopen, view.json.can_rate], [false, true]);
    assertJsonError(await sendJson(`${server.url}/api/v1/public/concerns/${c.code}/reopening`, 'POST', { pin: c.pin, reason: 'Lại hỏng' }),
      { status: 422, code: 'reopen_window_passed' });
  } finally {
    await server.stop();
    removeDir(db.dir);
  }
});

// Behind a trusted reverse proxy (server.trusted_proxies) each resident's address counts, read from the right of
// X-Forwarded-For; what a client puts to the left of the proxy's entry is not believed.
test('behind a trusted proxy the limit counts each resident, not the proxy, and a forged hop is ignored', async () => {
  const db = seededDb('danvan-concerns-proxy-');
  const server = await startServer({ dbPath: db.dbPath, settings: { 'concerns.sent_per_hour': 1, 'server.trusted_proxies': '127.0.0.1, ::1' } });
  try {
    const w = await setUpWard(server.url, db.admin.token);
    const from = (xff) => sendJson(`${server.url}/api/v1/public/concerns`, 'POST',
      { unit_id: w.ward.id, category_code: w.normal.code, description: `Ổ gà trên đường ${uniq()}`, address: 'Phố Thử' },
      { headers: { 'x-forwarded-for': xff } })
    assert.equal((await from('203.0.113.1')).status, 201, 'the first resident')
    assert.equal((await from('203.0.113.2')).status, 201, 'a second resident behind the same proxy')
    assertJsonError(await from('203.0.113.1'), { status: 429, code: 'rate_limited' })
    assertJsonError(await from('198.51.100.9, 203.0.113.2'), { status: 429, code: 'rate_limited' })
    assert.equal((await from('203.0.113.3')).status, 201, 'a third resident')
  } finally {
    await server.stop();
    removeDir(db.dir);
  }
});
