// GET /api/v1/home per demo login (docs/api.md, "Home"): each role its blocks on phường Lý Thái Tổ, the charts'
// figures equal to the reports they come from, a city block for the system administrator and for a user granted on
// Thành phố Hà Nội, the as_of parameter checked by the contract, and 401 without a session.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertJsonError, fetchText, makeTempDir, removeDir, runCli, sendJson, startServer } from './support.mjs';

const PASSWORD = 'danvan-demo-2022';
let dir;
let server;

before(async () => {
  dir = makeTempDir('danvan-home-');
  const dbPath = path.join(dir, 'danvan.db');
  const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`, '--set', 'log.level=warn'], { timeoutMs: 120_000 });
  assert.equal(seeded.status, 0, `${seeded.stdout}${seeded.stderr}`);
  server = await startServer({ dbPath });
});
after(async () => {
  await server?.stop();
  removeDir(dir);
});

/** Logs in and returns a GET that carries the session (and the user with its CSRF token). */
async function as(username, password = PASSWORD) {
  const res = await sendJson(`${server.url}/api/v1/session`, 'POST', { username, password });
  assert.equal(res.status, 200, `${username}: ${res.body}`);
  const cookie = /danvan_session=[^;]+/.exec(res.headers['set-cookie'])[0];
  const { user, csrf_token: csrf } = res.json;
  const get = (p) => fetchText(`${server.url}/api/v1${p}`, { headers: { cookie } });
  const post = (p, body) => sendJson(`${server.url}/api/v1${p}`, 'POST', body, { headers: { cookie, 'x-csrf-token': csrf } });
  return { user, get, post };
}

const EXPECTED = {
  'canbo.lythaito': ['officer'],
  todanvan3: ['member'],
  'lanhdao.lythaito': ['signer'],
  'hoidong.lythaito': ['council'],
  'xem.lythaito': [],
  admin: ['city'],
};

test('each demo login gets the blocks of its role, and the charts are the reports’ figures', async () => {
  for (const [username, kinds] of Object.entries(EXPECTED)) {
    const s = await as(username);
    const res = await s.get('/home');
    assert.equal(res.status, 200, `${username}: ${res.body}`);
    const home = res.json;
    assert.match(home.as_of, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(home.year, Number(home.as_of.slice(0, 4)));
    assert.deepEqual(home.blocks.map((b) => b.kind), kinds, username);
    const unit = home.charts.unit.id;
    if (username !== 'admin') {
      const ltt = s.user.grants[0].unit_id;
      assert.equal(unit, ltt, `${username}: the charts are of its ward`);
      for (const b of home.blocks) assert.equal(b.unit.id, ltt);
    }

    // Models per field × level add up to the models report of the same unit, rolled up.
    const models = (await s.get(`/reports/models-by-unit?unit_id=${unit}&roll_up=true`)).json;
    const c = home.charts.models_by_field_level;
    assert.equal(c.total, models.total.models, username);
    assert.equal(c.cells.reduce((n, x) => n + x.models, 0), c.total);
    assert.equal(c.fields.length, 4);
    // Concerns per month of the year: twelve months, the figures' total.
    const figures = (await s.get(`/reports/concerns?unit_id=${unit}&year=${home.year}&group_by=unit`)).json;
    const months = home.charts.concerns_by_month;
    assert.equal(months.months.length, 12);
    assert.equal(months.months.reduce((n, m) => n + m.received, 0), figures.total.received, username);
    assert.equal(months.received, figures.total.received);

    const block = home.blocks[0];
    if (username === 'canbo.lythaito') {
      assert.equal(block.plan, null, 'the plan’s place, until plans fill it');
      assert.ok(block.campaign, 'the ward’s current campaign');
      const reg = (await s.get(`/campaigns/${block.campaign.id}/registration`)).json;
      const missing = reg.rows.filter((r) => r.state === 'missing').map((r) => r.organisation_id).sort();
      assert.deepEqual(block.registrations_expected.map((r) => r.organisation_id).sort(), missing);
      const due = (await s.get(`/concerns?queue=due_soon&unit_id=${block.unit.id}`)).json;
      assert.equal(block.concerns.total, due.total);
    }
    if (username === 'todanvan3') {
      const org = s.user.grants[0].organisation_id;
      assert.equal(block.organisation.id, org);
      const own = (await s.get(`/models?unit_id=${block.unit.id}&organisation_id=${org}`)).json;
      assert.ok(own.total >= 1);
      assert.equal(block.models.total, own.total);
      assert.equal(block.registration?.organisation_id, org);
    }
    if (username === 'lanhdao.lythaito') {
      const waiting = (await s.get(`/proposals?unit_id=${block.unit.id}&status=awaiting_signature`)).json;
      assert.equal(block.proposals.total, waiting.total);
    }
    if (username === 'hoidong.lythaito') assert.deepEqual(block.sessions, [], 'the demo’s session is closed');
    if (username === 'admin') {
      assert.equal(block.unit.name, 'Thành phố Hà Nội');
      const hk = block.wards.find((w) => w.unit.name === 'Phường Hoàn Kiếm');
      assert.ok(hk?.rolled_up_from.includes('Phường Lý Thái Tổ'), JSON.stringify(hk));
      assert.ok(!block.wards.some((w) => w.unit.name === 'Phường Lý Thái Tổ'), 'rolled up');
      assert.equal(block.wards.reduce((n, w) => n + w.models, 0), block.total.models);
    }
  }
});

test('a user granted on the city compares every ward; as_of is checked; no session, no home', async () => {
  const admin = await as('admin');
  const units = (await admin.get('/units?q=ha%20noi&page_size=20')).json;
  const hanoi = units.items.find((u) => u.name === 'Thành phố Hà Nội');
  const made = await admin.post('/users', { username: 'canbo.hanoi', display_name: 'Cán bộ thành phố',
    password: 'mật-khẩu-thành-phố-2025', grants: [{ role: 'unit_admin', unit_id: hanoi.id }] });
  assert.equal(made.status, 201, made.body);
  const city = await as('canbo.hanoi', 'mật-khẩu-thành-phố-2025');
  const home = (await city.get('/home?as_of=01/01/2026')).json;
  assert.equal(home.as_of, '2026-01-01');
  assert.deepEqual(home.blocks.map((b) => b.kind), ['officer', 'city']);
  const block = home.blocks[1];
  const report = (await city.get(`/reports/models-by-unit?unit_id=${hanoi.id}&roll_up=true&as_of=01/01/2026`)).json;
  assert.equal(block.total.models, report.total.models);
  for (const row of report.rows) {
    const w = block.wards.find((x) => x.unit.id === row.unit.id);
    assert.ok(w, row.unit.name);
    assert.equal(w.models, row.models, row.unit.name);
  }
  const names = block.wards.map((w) => w.unit.name);
  assert.ok(names.includes('Phường Ba Đình') && names.includes('Phường Cửa Nam'), `every ward of the day: ${names}`);

  assertJsonError(await city.get('/home?as_of=31/02/2026'), { status: 400, code: 'invalid_parameter' });
  assertJsonError(await city.get(`/home?as_of=${'9'.repeat(11)}`), { status: 400 });
  assertJsonError(await fetchText(`${server.url}/api/v1/home`), { status: 401 });
});
