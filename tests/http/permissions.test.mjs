// Who may do what, seen from a client: every route of /api/openapi.json × every role × own and other ward.
//
// The demo ward (Phường Lý Thái Tổ, "LTT") comes with one login per role. As the system admin we add a second
// ward's staff (Phường Hàng Bạc, "HB": a unit admin and a viewer) and data in both wards: an organisation, a person
// whose personal data (Nghị định 13/2023/NĐ-CP) is known to us, and a person we may edit. Then each route is called
// by each actor on each target, and the outcome (2xx / 401 / 403 / 404 and the error code) is compared with the
// rules the services implement (src/services/*.cpp, src/domain/access.cpp). Refused writes must leave no trace:
// the audit log does not grow while they run, and a follow-up read shows the object unchanged.
//
// A route that appears in the OpenAPI document without a row in ROUTES below fails the suite: add its row.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  assertJsonError, auditEntryCount, fetchText, makeTempDir, operationsOf, removeDir, runCli, startServer,
} from './support.mjs';

const DEMO_PASSWORD = 'danvan-demo-2022';
const AS_OF_2022 = '13/10/2022';

// ---------------------------------------------------------------------------------------------------------
// Actors

/**
 * `unit`: the ward the actor's single grant is scoped to; `admin`: system admin (every ward).
 * `anon` sends no credentials; `revoked` sends a token that the admin has revoked.
 */
const ACTORS = [
  { key: 'anon', short: 'anon', anon: true },
  { key: 'revoked', short: 'rvk', revoked: true },
  { key: 'admin', short: 'adm', username: 'admin', role: 'system_admin', admin: true },
  { key: 'ltt.unit_admin', short: 'L.ua', username: 'canbo.lythaito', role: 'unit_admin', unit: 'ltt' },
  { key: 'ltt.member', short: 'L.mem', username: 'todanvan3', role: 'unit_member', unit: 'ltt' },
  { key: 'ltt.council', short: 'L.cou', username: 'hoidong.lythaito', role: 'council_member', unit: 'ltt' },
  { key: 'ltt.signer', short: 'L.sig', username: 'lanhdao.lythaito', role: 'signer', unit: 'ltt' },
  { key: 'ltt.viewer', short: 'L.vw', username: 'xem.lythaito', role: 'viewer', unit: 'ltt' },
  { key: 'hb.unit_admin', short: 'H.ua', username: 'canbo.hangbac', role: 'unit_admin', unit: 'hb', create: true },
  { key: 'hb.viewer', short: 'H.vw', username: 'xem.hangbac', role: 'viewer', unit: 'hb', create: true },
];
const authenticated = (a) => !a.anon && !a.revoked;
/**
 * Any grant on the ward (every role reads a ward's private data: Permission::kViewUnitPrivate). Note: this includes
 * the unit member, whose grant names one organisation (todanvan3 → Tổ dân vận số 3) but which access.cpp scopes to the
 * whole ward: it reads every person and every organisation's members of Lý Thái Tổ. The code is what is tested here;
 * the issue's "scoped to … an organisation" is not implemented.
 */
const granted = (a, unit) => Boolean(a.admin || (authenticated(a) && a.unit === unit));
/** Runs the ward: users, tokens, organisations, people, personal data (unit_admin of the ward, or system admin). */
const manages = (a, unit) => Boolean(a.admin || (a.role === 'unit_admin' && a.unit === unit));

// ---------------------------------------------------------------------------------------------------------
// Expected outcomes

const ok = (status = 200) => ({ status });
const FORBIDDEN = { status: 403, code: 'forbidden' };
const notFound = (code) => ({ status: 404, code });
const UNAUTHENTICATED = { status: 401, code: 'unauthenticated' };
const INVALID_TOKEN = { status: 401, code: 'invalid_token' };
const PUBLIC = () => ok();
const WARDS = ['ltt', 'hb'];

let seq = 0;
/** A short string unique within the run, for codes, usernames and names. */
const uniq = () => `${Date.now().toString(36).slice(-4)}${(++seq).toString(36)}`;

/**
 * One row per route. `auth`: needs a signed-in caller (anonymous → 401 unauthenticated, revoked token → 401
 * invalid_token); `targets`: what the call is aimed at ('ltt'/'hb' = an object of that ward, 'self' = the caller's
 * own); `expect(actor, target)` for signed-in actors (and for everyone on public routes); `prepare` builds the
 * request (fresh fixtures made as admin, unique names) and may return `check(res)` for a 2xx answer and
 * `verifyUnchanged()` for a refused write.
 */
const ROUTES = {
  // --- system ------------------------------------------------------------------------------------------
  'GET /healthz': { expect: PUBLIC },
  'GET /readyz': { expect: PUBLIC },
  'GET /metrics': { expect: PUBLIC },
  'GET /api/openapi.json': { expect: PUBLIC },

  // --- session and self --------------------------------------------------------------------------------
  'POST /api/v1/session': {
    // Public: anyone may log in. Each actor logs in as itself (anonymous and revoked as the viewer).
    expect: PUBLIC,
    prepare: (ctx, a) => {
      const username = a.username ?? 'xem.lythaito';
      return {
        body: { username, password: ctx.passwords[username] },
        check: (res) => {
          assert.equal(res.json.user.username, username);
          assert.match(res.headers['set-cookie'] ?? '', /^danvan_session=/);
        },
      };
    },
  },
  'DELETE /api/v1/session': { auth: true, expect: () => ok(204) }, // with an API token: nothing to end, still 204
  'GET /api/v1/me': {
    auth: true,
    expect: () => ok(),
    prepare: (ctx, a) => ({
      check: (res) => {
        assert.equal(res.json.username, a.username, 'the token speaks for its own user');
        assert.equal(res.json.csrf_token, '', 'no CSRF token for API tokens');
      },
    }),
  },
  'POST /api/v1/me/password': {
    auth: true,
    expect: () => ok(204),
    prepare: (ctx, a) => {
      const username = a.username ?? 'xem.lythaito';
      const next = `Mật khẩu mới ${uniq()}`;
      return {
        body: { current_password: ctx.passwords[username], new_password: next },
        after: (res) => {
          if (res.status === 204) ctx.passwords[username] = next;
        },
      };
    },
  },

  // --- users ---------------------------------------------------------------------------------------------
  'GET /api/v1/users': {
    auth: true,
    expect: () => ok(),
    prepare: (ctx, a) => ({
      query: '?page_size=200',
      check: (res) => {
        const ids = res.json.items.map((u) => u.id);
        const self = ctx.userIds[a.username];
        if (a.admin) {
          for (const [name, id] of Object.entries(ctx.userIds)) assert.ok(ids.includes(id), `admin sees ${name}`);
          return;
        }
        assert.ok(ids.includes(self), 'everyone sees themselves');
        if (a.role === 'unit_admin') {
          assert.ok(ids.includes(ctx.targetUsers[a.unit].id), 'a unit admin sees the users of the ward');
          for (const u of res.json.items) {
            if (u.id === self) continue;
            assert.ok(u.grants.length > 0 && u.grants.every((g) => g.role !== 'system_admin' && g.unit_id === ctx.units[a.unit]),
              `a unit admin sees only users of the ward, got ${u.username}`);
          }
        } else {
          assert.deepEqual(ids, [self], 'a role other than unit admin sees only itself');
        }
        assert.equal(res.json.total, res.json.items.length, 'total counts only what the caller may see');
      },
    }),
  },
  'POST /api/v1/users': {
    auth: true,
    targets: WARDS, // the ward of the new user's grant
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const username = `u${uniq()}.${w}`;
      return {
        body: {
          username, display_name: `Người dùng thử ${username}`, password: `Mật khẩu ${username}`,
          grants: [{ role: 'viewer', unit_id: ctx.units[w] }],
        },
        check: (res) => {
          assert.equal(res.json.username, username);
          assert.deepEqual(res.json.grants.map((g) => [g.role, g.unit_id]), [['viewer', ctx.units[w]]]);
        },
        verifyUnchanged: async () => {
          const list = await ctx.asAdmin('GET', '/api/v1/users?page_size=200');
          assert.ok(!list.json.items.some((u) => u.username === username), `no user ${username} was created`);
        },
      };
    },
  },
  'GET /api/v1/users/{id}': {
    auth: true,
    targets: [...WARDS, 'self'],
    expect: (a, t) => (t === 'self' || manages(a, t) ? ok() : notFound('user_not_found')),
    prepare: (ctx, a, t) => {
      const id = t === 'self' ? ctx.userIds[a.username ?? 'xem.lythaito'] : ctx.targetUsers[t].id;
      return { params: { id }, check: (res) => assert.equal(res.json.id, id) };
    },
  },

  // --- API tokens --------------------------------------------------------------------------------------
  'GET /api/v1/tokens': {
    auth: true,
    expect: () => ok(),
    prepare: (ctx, a) => ({
      check: (res) => {
        const owners = new Set(res.json.items.map((t) => t.user_id));
        if (a.admin) {
          assert.ok(owners.size > 3, 'the admin lists every token');
        } else {
          assert.deepEqual([...owners], [ctx.userIds[a.username]], 'others list only their own tokens');
        }
        for (const t of res.json.items) assert.ok(!('token' in t) && !('token_hash' in t), 'no secret in a list');
      },
    }),
  },
  'POST /api/v1/tokens': {
    auth: true,
    targets: [...WARDS, 'self'], // whose token: a user of that ward, or the caller
    expect: (a, t) => {
      if (t === 'self') return a.admin || a.role === 'unit_admin' ? ok(201) : FORBIDDEN;
      return manages(a, t) ? ok(201) : FORBIDDEN;
    },
    prepare: (ctx, a, t) => {
      const userId = t === 'self' ? ctx.userIds[a.username ?? 'xem.lythaito'] : ctx.targetUsers[t].id;
      const name = `token thử ${uniq()}`;
      return {
        body: { user_id: userId, name },
        check: async (res) => {
          assert.equal(res.json.user_id, userId);
          const me = await fetchText(`${ctx.url}/api/v1/me`, { headers: { authorization: `Bearer ${res.json.token}` } });
          assert.equal(me.status, 200, 'the new token works');
          assert.equal(me.json.id, userId, 'the new token speaks for its user');
        },
        verifyUnchanged: async () => {
          const list = await ctx.asAdmin('GET', '/api/v1/tokens');
          assert.ok(!list.json.items.some((x) => x.name === name), `no token "${name}" was issued`);
        },
      };
    },
  },
  'DELETE /api/v1/tokens/{id}': {
    auth: true,
    targets: [...WARDS, 'self'], // a fresh token of a user of that ward, or of the caller
    expect: (a, t) => (t === 'self' || manages(a, t) ? ok(204) : notFound('token_not_found')),
    prepare: async (ctx, a, t) => {
      const userId = t === 'self' ? ctx.userIds[a.username ?? 'xem.lythaito'] : ctx.targetUsers[t].id;
      const issued = await ctx.issueToken(userId, `à thu hồi ${uniq()}`);
      const meWith = () => fetchText(`${ctx.url}/api/v1/me`, { headers: { authorization: `Bearer ${issued.token}` } });
      return {
        params: { id: issued.id },
        check: async () => assertJsonError(await meWith(), INVALID_TOKEN, 'the revoked token no longer works'),
        verifyUnchanged: async () => assert.equal((await meWith()).status, 200, 'the token still works'),
      };
    },
  },

  // --- territory ---------------------------------------------------------------------------------------
  'GET /api/v1/units': { expect: PUBLIC, prepare: () => ({ query: `?q=ly%20thai%20to&as_of=${AS_OF_2022}` }) },
  'POST /api/v1/units': {
    auth: true,
    expect: (a) => (a.admin ? ok(201) : FORBIDDEN),
    prepare: (ctx) => {
      const code = `thu-${uniq()}`;
      return {
        body: { code, name: `Phường Thử ${code}`, level: 'commune', kind: 'phuong', parent_id: ctx.units.district, valid_from: '01/01/2020' },
        check: (res) => assert.equal(res.json.code, code),
        verifyUnchanged: async () => {
          const list = await ctx.asAdmin('GET', `/api/v1/units?parent_id=${ctx.units.district}&page_size=200`);
          assert.ok(!list.json.items.some((u) => u.code === code), `no unit ${code} was created`);
        },
      };
    },
  },
  'GET /api/v1/units/{id}': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({ params: { id: ctx.units[w] } }),
  },
  'GET /api/v1/units/{id}/successors': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({ params: { id: ctx.units[w] } }),
  },
  'POST /api/v1/successions': {
    auth: true,
    expect: (a) => (a.admin ? ok(201) : FORBIDDEN),
    prepare: async (ctx) => {
      const from = await ctx.createUnit('01/01/2000');
      const to = await ctx.createUnit('01/01/2024');
      return {
        body: { from_unit_id: from, to_unit_id: to, share: 'whole', legal_basis: 'Nghị quyết thử nghiệm', effective_date: '01/01/2024' },
        check: (res) => assert.equal(res.json.from_unit_id, from),
        verifyUnchanged: async () => {
          const fate = await ctx.asAdmin('GET', `/api/v1/units/${from}/successors`);
          assert.deepEqual(fate.json.successions, [], 'no succession was recorded');
          assert.equal(fate.json.unit.valid_to, null, 'the unit was not closed');
        },
      };
    },
  },

  // --- organisations -----------------------------------------------------------------------------------
  'GET /api/v1/organisation-kinds': { expect: PUBLIC },
  'GET /api/v1/organisations': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({ query: `?unit_id=${ctx.units[w]}` }),
  },
  'POST /api/v1/organisations': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const name = `Tổ kiểm thử ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], kind: 'to_dan_van', name, valid_from: '01/01/2023' },
        check: (res) => assert.equal(res.json.unit_id, ctx.units[w]),
        verifyUnchanged: async () => assert.ok(!(await ctx.orgNames(w)).includes(name), `no organisation "${name}"`),
      };
    },
  },
  'GET /api/v1/organisations/{id}': {
    // Public, but the members (names of people) only for those with a grant on the organisation's ward.
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      params: { id: ctx.orgs[w] },
      check: (res) => {
        assert.equal('members' in res.json, granted(a, w), `members shown iff the caller has a grant on the ward`);
        if (res.json.members) {
          const m = res.json.members.find((x) => x.person_id === ctx.secret[w].id);
          assert.equal(m?.full_name, ctx.secret[w].full_name, 'the member is listed by name');
          for (const key of ['birth_year', 'phone', 'email', 'address']) assert.ok(!(key in m), `no ${key} in members`);
        }
      },
    }),
  },
  'POST /api/v1/organisations/{id}/end': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const id = await ctx.createOrg(w);
      return {
        params: { id },
        body: { status: 'closed', date: '01/01/2024' },
        check: (res) => assert.equal(res.json.status, 'closed'),
        verifyUnchanged: async () => {
          const o = await ctx.asAdmin('GET', `/api/v1/organisations/${id}`);
          assert.equal(o.json.status, 'active', 'the organisation is still active');
        },
      };
    },
  },

  // --- people ------------------------------------------------------------------------------------------
  'GET /api/v1/people': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&page_size=200`,
      check: (res) => {
        const p = res.json.items.find((x) => x.id === ctx.secret[w].id);
        assert.ok(p, 'the person is listed');
        assertPersonalData(p, ctx.secret[w], manages(a, w));
        for (const x of res.json.items) {
          for (const key of PERSONAL) assert.equal(key in x, manages(a, w), `${key} in the list iff personal data is visible`);
        }
      },
    }),
  },
  'POST /api/v1/people': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const fullName = `Người Mới ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], full_name: fullName, birth_year: 1990, phone: '0900 000 000' },
        check: (res) => {
          assert.equal(res.json.full_name, fullName);
          assert.equal(res.json.birth_year, 1990, 'the creator sees the personal data');
        },
        verifyUnchanged: async () => assert.ok(!(await ctx.peopleNames(w)).includes(fullName), `no person "${fullName}"`),
      };
    },
  },
  'GET /api/v1/people/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('person_not_found')),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.secret[w].id },
      check: (res) => assertPersonalData(res.json, ctx.secret[w], manages(a, w)),
    }),
  },
  'PUT /api/v1/people/{id}': {
    auth: true,
    targets: WARDS,
    // Those who may read the person but not change it hear 403; the others do not learn that the person exists.
    expect: (a, w) => {
      if (manages(a, w)) return ok();
      return granted(a, w) ? FORBIDDEN : notFound('person_not_found');
    },
    prepare: (ctx, a, w) => {
      const fullName = `Người Sửa ${uniq()}`;
      return {
        params: { id: ctx.editable[w] },
        body: { full_name: fullName, gender: 'male' },
        check: (res) => assert.equal(res.json.full_name, fullName),
        verifyUnchanged: async () => {
          const p = await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable[w]}`);
          assert.notEqual(p.json.full_name, fullName, 'the person was not changed');
        },
      };
    },
  },
  'POST /api/v1/people/{id}/memberships': {
    auth: true,
    targets: WARDS, // a person of the ward, joining an organisation of the same ward
    expect: (a, w) => {
      if (manages(a, w)) return ok(201);
      return granted(a, w) ? FORBIDDEN : notFound('person_not_found');
    },
    prepare: (ctx, a, w) => {
      const title = `Chức danh ${uniq()}`;
      return {
        params: { id: ctx.editable[w] },
        body: { organisation_id: ctx.orgs[w], title, valid_from: '01/01/2023' },
        check: (res) => assert.equal(res.json.title, title),
        verifyUnchanged: async () => {
          const p = await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable[w]}`);
          assert.ok(!p.json.memberships.some((m) => m.title === title), 'no membership was added');
        },
      };
    },
  },
  'POST /api/v1/memberships/{id}/end': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => {
      if (manages(a, w)) return ok();
      return granted(a, w) ? FORBIDDEN : notFound('membership_not_found');
    },
    prepare: async (ctx, a, w) => {
      const m = await ctx.asAdmin('POST', `/api/v1/people/${ctx.editable[w]}/memberships`,
        { organisation_id: ctx.orgs[w], title: `Sắp thôi ${uniq()}`, valid_from: '01/01/2023' });
      assert.equal(m.status, 201, m.body);
      return {
        params: { id: m.json.id },
        body: { valid_to: '01/01/2024' },
        check: (res) => assert.equal(res.json.valid_to, '2024-01-01'),
        verifyUnchanged: async () => {
          const p = await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable[w]}`);
          assert.equal(p.json.memberships.find((x) => x.id === m.json.id)?.valid_to, null, 'the membership did not end');
        },
      };
    },
  },
  'POST /api/v1/people/import': {
    auth: true,
    targets: WARDS,
    // The unit is public, so a refusal on another ward is 403 (not 404).
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const fullName = `Người Nhập ${uniq()}`;
      return {
        query: `?unit_id=${ctx.units[w]}&mode=all`,
        rawBody: `full_name,birth_year\n${fullName},1970\n`,
        contentType: 'text/csv',
        check: (res) => assert.equal(res.json.written, 1),
        verifyUnchanged: async () => assert.ok(!(await ctx.peopleNames(w)).includes(fullName), `no person "${fullName}"`),
      };
    },
  },

  // --- search ------------------------------------------------------------------------------------------
  'GET /api/v1/search': {
    // Public; people of a ward are found only by those with a grant on it.
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      query: `?q=${encodeURIComponent(ctx.secret[w].query)}`,
      check: (res) => {
        const found = res.json.items.some((h) => h.type === 'person' && h.id === ctx.secret[w].id);
        assert.equal(found, granted(a, w), 'the person is found iff the caller has a grant on the ward');
      },
    }),
  },
};

// Cells where the server disagrees with the rules above and that is a bug to fix in src/: key
// "METHOD path|actor|target" → what is wrong. They run as todo tests so that the suite stays green.
const KNOWN_BUGS = {};

const PERSONAL = ['birth_year', 'phone', 'email', 'address'];

/** Personal data is in the JSON (and right) iff `visible`; otherwise the keys are absent, not null. */
function assertPersonalData(person, secret, visible) {
  if (visible) {
    for (const key of PERSONAL) assert.equal(person[key], secret[key], `"${key}" shown to this role`);
  } else {
    for (const key of PERSONAL) assert.ok(!(key in person), `no "${key}" key for this role`);
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('permissions: every route × every role × own and other ward', () => {
  let dir;
  let server;
  const ctx = {
    passwords: {}, userIds: {}, tokens: {}, units: {}, targetUsers: {}, orgs: {}, secret: {}, editable: {},
  };
  const results = []; // {route, actor, target, expected, got, ok, message, knownBug}
  let routesRun = [];

  const call = (method, p, { token, body, rawBody, contentType, headers = {} } = {}) => {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (rawBody !== undefined) {
      payload = rawBody;
      h['content-type'] = contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    return fetchText(`${ctx.url}${p}`, { method, headers: h, body: payload, signal: AbortSignal.timeout(10_000) });
  };

  before(async () => {
    dir = makeTempDir('danvan-permissions-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    server = await startServer({ dbPath });
    ctx.url = server.url;
    ctx.dbPath = dbPath;
    for (const a of ACTORS) if (a.username) ctx.passwords[a.username] = DEMO_PASSWORD;

    // The admin logs in (cookie + CSRF token) and issues itself an API token for the rest.
    const login = await call('POST', '/api/v1/session', { body: { username: 'admin', password: DEMO_PASSWORD } });
    assert.equal(login.status, 200, login.body);
    const cookie = login.headers['set-cookie'].split(';')[0];
    const adminTok = await call('POST', '/api/v1/tokens', {
      body: { name: 'permissions matrix' }, headers: { cookie, 'x-csrf-token': login.json.csrf_token },
    });
    assert.equal(adminTok.status, 201, adminTok.body);
    ctx.tokens.admin = adminTok.json.token;
    ctx.asAdmin = (method, p, body) => call(method, p, { token: ctx.tokens.admin, body });

    // The wards, as of 2022.
    const unitOf = async (q, name) => {
      const r = await ctx.asAdmin('GET', `/api/v1/units?q=${encodeURIComponent(q)}&as_of=${AS_OF_2022}`);
      const u = r.json.items.find((x) => x.name === name);
      assert.ok(u, `${name} in ${r.body}`);
      return u;
    };
    const ltt = await unitOf('ly thai to', 'Phường Lý Thái Tổ');
    const hb = await unitOf('hang bac', 'Phường Hàng Bạc');
    assert.equal(ltt.parent_id, hb.parent_id, 'both wards are in Quận Hoàn Kiếm');
    ctx.units = { ltt: ltt.id, hb: hb.id, district: ltt.parent_id };

    // The other ward's staff, and one plain user per ward for the others to aim at.
    const createUser = async (username, role, unit, password) => {
      const r = await ctx.asAdmin('POST', '/api/v1/users', {
        username, display_name: `Người dùng ${username}`, password, grants: [{ role, unit_id: ctx.units[unit] }],
      });
      assert.equal(r.status, 201, r.body);
      return r.json;
    };
    for (const a of ACTORS.filter((x) => x.create)) {
      ctx.passwords[a.username] = `Mật khẩu ${a.username}`;
      await createUser(a.username, a.role, a.unit, ctx.passwords[a.username]);
    }
    for (const w of WARDS) ctx.targetUsers[w] = await createUser(`muctieu.${w}`, 'viewer', w, `Mật khẩu mục tiêu ${w}`);
    const users = await ctx.asAdmin('GET', '/api/v1/users?page_size=200');
    for (const u of users.json.items) ctx.userIds[u.username] = u.id;

    ctx.issueToken = async (userId, name) => {
      const r = await ctx.asAdmin('POST', '/api/v1/tokens', { user_id: userId, name });
      assert.equal(r.status, 201, r.body);
      return r.json;
    };
    for (const a of ACTORS) {
      if (a.username && a.key !== 'admin') ctx.tokens[a.key] = (await ctx.issueToken(ctx.userIds[a.username], `matrix ${a.key}`)).token;
    }
    const revoked = await ctx.issueToken(ctx.userIds['xem.lythaito'], 'matrix revoked');
    assert.equal((await call('DELETE', `/api/v1/tokens/${revoked.id}`, { token: ctx.tokens.admin })).status, 204);
    ctx.tokens.revoked = revoked.token;

    // Organisations: the demo's "Tổ dân vận số 1" in Lý Thái Tổ, and one made now in Hàng Bạc.
    const lttOrgs = await ctx.asAdmin('GET', `/api/v1/organisations?unit_id=${ltt.id}&page_size=200`);
    ctx.orgs.ltt = lttOrgs.json.items.find((o) => o.name === 'Tổ dân vận số 1')?.id;
    assert.ok(ctx.orgs.ltt, 'Tổ dân vận số 1 of Lý Thái Tổ');
    const hbOrg = await ctx.asAdmin('POST', '/api/v1/organisations',
      { unit_id: hb.id, kind: 'to_dan_van', name: 'Tổ dân vận số 1 phường Hàng Bạc', valid_from: '01/01/2015' });
    assert.equal(hbOrg.status, 201, hbOrg.body);
    ctx.orgs.hb = hbOrg.json.id;
    ctx.createOrg = async (w) => {
      const r = await ctx.asAdmin('POST', '/api/v1/organisations',
        { unit_id: ctx.units[w], kind: 'to_dan_van', name: `Tổ sắp giải thể ${uniq()}`, valid_from: '01/01/2015' });
      assert.equal(r.status, 201, r.body);
      return r.json.id;
    };
    ctx.createUnit = async (validFrom) => {
      const code = `ke-thua-${uniq()}`;
      const r = await ctx.asAdmin('POST', '/api/v1/units', {
        code, name: `Phường Kế Thừa ${code}`, level: 'commune', kind: 'phuong', parent_id: ctx.units.district, valid_from: validFrom,
      });
      assert.equal(r.status, 201, r.body);
      return r.json.id;
    };
    ctx.orgNames = async (w) =>
      (await ctx.asAdmin('GET', `/api/v1/organisations?unit_id=${ctx.units[w]}&page_size=200`)).json.items.map((o) => o.name);
    ctx.peopleNames = async (w) =>
      (await ctx.asAdmin('GET', `/api/v1/people?unit_id=${ctx.units[w]}&page_size=200`)).json.items.map((p) => p.full_name);

    // People: one with personal data we know (to find it, or its absence, in every answer), one to edit.
    const SECRETS = {
      ltt: { full_name: 'Lưu Thị Riêng', query: 'luu thi rieng', birth_year: 1937, phone: '0912 731 937',
        email: 'luu.thi.rieng@example.vn', address: 'Số 7 ngõ Kín, phường Lý Thái Tổ' },
      hb: { full_name: 'Mạc Văn Kín', query: 'mac van kin', birth_year: 1941, phone: '0913 841 941',
        email: 'mac.van.kin@example.vn', address: 'Số 9 ngõ Kín, phường Hàng Bạc' },
    };
    for (const w of WARDS) {
      const s = SECRETS[w];
      const p = await ctx.asAdmin('POST', '/api/v1/people', {
        unit_id: ctx.units[w], full_name: s.full_name, birth_year: s.birth_year, gender: 'female',
        phone: s.phone, email: s.email, address: s.address,
      });
      assert.equal(p.status, 201, p.body);
      ctx.secret[w] = { ...s, id: p.json.id };
      const m = await ctx.asAdmin('POST', `/api/v1/people/${p.json.id}/memberships`,
        { organisation_id: ctx.orgs[w], title: 'Thành viên', valid_from: '01/01/2020' });
      assert.equal(m.status, 201, m.body);
      const e = await ctx.asAdmin('POST', '/api/v1/people', { unit_id: ctx.units[w], full_name: `Người Được Sửa ${w}` });
      assert.equal(e.status, 201, e.body);
      ctx.editable[w] = e.json.id;
    }
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('the expectation table has a row for every route of /api/openapi.json, and no stale row', async () => {
    const doc = (await fetchText(`${ctx.url}/api/openapi.json`)).json;
    const keys = operationsOf(doc).map((op) => `${op.method} ${op.path}`);
    const missing = keys.filter((k) => !(k in ROUTES));
    assert.deepEqual(missing, [],
      `routes without a permission expectation: add them to ROUTES in tests/http/permissions.test.mjs: ${missing.join(', ')}`);
    const stale = Object.keys(ROUTES).filter((k) => !keys.includes(k));
    assert.deepEqual(stale, [], `rows for routes the OpenAPI document no longer has: ${stale.join(', ')}`);
    // The table says a route needs a sign-in exactly when the document does.
    for (const op of operationsOf(doc)) {
      const spec = ROUTES[`${op.method} ${op.path}`];
      if (!spec) continue;
      const security = op.operation.security ?? doc.security ?? [];
      assert.equal(Boolean(spec.auth), security.length > 0, `${op.method} ${op.path}: auth in ROUTES vs security in the document`);
    }
  });

  test('the matrix: each route × actor × target answers as the services decide', async (t) => {
    const started = Date.now();
    const doc = (await fetchText(`${ctx.url}/api/openapi.json`)).json;
    const ops = operationsOf(doc);
    routesRun = [];

    for (const op of ops) {
      const route = `${op.method} ${op.path}`;
      await t.test(route, async (rt) => {
        const spec = ROUTES[route];
        assert.ok(spec, `no permission expectation for ${route}: add a row to ROUTES in tests/http/permissions.test.mjs`);
        routesRun.push(route);
        const targets = spec.targets ?? [null];

        // 1. Expectations and requests (fixtures are made here, as admin, before any counting).
        const cells = [];
        for (const actor of ACTORS) {
          for (const target of targets) {
            let expected;
            if (spec.auth && actor.anon) expected = UNAUTHENTICATED;
            else if (spec.auth && actor.revoked) expected = INVALID_TOKEN;
            else expected = spec.expect(actor, target);
            const prep = (await spec.prepare?.(ctx, actor, target)) ?? {};
            cells.push({ actor, target, expected, prep });
          }
        }

        const run = async (cell) => {
          const { actor, target, expected, prep } = cell;
          let p = op.path;
          for (const [k, v] of Object.entries(prep.params ?? {})) p = p.replace(`{${k}}`, encodeURIComponent(v));
          assert.ok(!/\{/.test(p), `${route}: every path parameter filled (${p})`);
          p += prep.query ?? '';
          const res = await call(op.method, p, {
            token: ctx.tokens[actor.key], body: prep.body, rawBody: prep.rawBody, contentType: prep.contentType,
          });
          await prep.after?.(res);
          const problems = [];
          const attempt = async (what, fn) => {
            try {
              await fn();
            } catch (e) {
              problems.push(`${what}: ${e.message.split('\n').filter((l) => l.trim()).slice(0, 3).join(' ').slice(0, 300)}`);
            }
          };
          if (expected.status >= 400) {
            await attempt('outcome', () => assertJsonError(res, expected));
          } else {
            await attempt('outcome', () => assert.equal(res.status, expected.status, `status ${res.status}: ${res.body.slice(0, 200)}`));
            if (res.status === expected.status && prep.check) await attempt('answer', () => prep.check(res));
          }
          if (expected.status >= 400 && prep.verifyUnchanged) await attempt('nothing written', () => prep.verifyUnchanged());
          await attempt('no private data', () => assertNoLeak(ctx, actor, res));
          const key = `${route}|${actor.key}|${target ?? '-'}`;
          results.push({
            route, actor: actor.key, target, expected, got: res.status, gotCode: res.json?.error?.code,
            ok: problems.length === 0, problems, knownBug: KNOWN_BUGS[key],
          });
        };

        // 2. The refusals first, with the audit log counted around them: a refused write leaves no entry.
        const refused = cells.filter((c) => c.expected.status >= 400);
        const allowed = cells.filter((c) => c.expected.status < 400);
        const before = refused.length ? auditEntryCount(ctx.dbPath) : 0;
        for (const c of refused) await run(c);
        const routeProblems = [];
        if (refused.length) {
          const added = auditEntryCount(ctx.dbPath) - before;
          if (added !== 0) routeProblems.push(`the refused calls added ${added} audit entries`);
        }
        // 3. Then the calls that must succeed.
        for (const c of allowed) await run(c);

        const mine = results.filter((r) => r.route === route);
        for (const r of mine.filter((x) => !x.ok && x.knownBug)) {
          await rt.test(`${r.actor} → ${r.target ?? '-'}`, { todo: `BUG: ${r.knownBug}` }, () => {
            assert.fail(r.problems.join('; '));
          });
        }
        for (const r of mine.filter((x) => x.ok && x.knownBug)) {
          rt.diagnostic(`known bug no longer seen — remove it from KNOWN_BUGS: ${route} ${r.actor} → ${r.target}`);
        }
        const bad = mine.filter((x) => !x.ok && !x.knownBug);
        assert.deepEqual([...routeProblems, ...bad.map((r) => `${r.actor} → ${r.target ?? '-'}: expected ${r.expected.status}`
          + `${r.expected.code ? ` ${r.expected.code}` : ''}, got ${r.got}${r.gotCode ? ` ${r.gotCode}` : ''}; ${r.problems.join('; ')}`)],
        [], `${route}: cells that disagree`);
      });
    }

    // The matrix, compactly: one row per route, one column per actor, "LTT/HB/self" statuses per cell.
    const width = 13;
    const header = `${'route'.padEnd(38)} ${ACTORS.map((a) => a.short.padEnd(width)).join('')}`;
    t.diagnostic('statuses per cell in target order ltt/hb[/self]; ! = mismatch, ? = known bug');
    t.diagnostic(header);
    for (const route of routesRun) {
      const order = ROUTES[route].targets ?? [null];
      const cells = ACTORS.map((a) => {
        const rs = results.filter((r) => r.route === route && r.actor === a.key)
          .sort((x, y) => order.indexOf(x.target) - order.indexOf(y.target));
        return rs.map((r) => `${r.got}${r.ok ? '' : r.knownBug ? '?' : '!'}`).join('/').padEnd(width);
      });
      t.diagnostic(`${route.padEnd(38)} ${cells.join('')}`);
    }
    const mismatches = results.filter((r) => !r.ok);
    t.diagnostic(`${results.length} cells over ${routesRun.length} routes and ${ACTORS.length} actors; `
      + `${mismatches.length} mismatches (${mismatches.filter((r) => r.knownBug).length} known bugs); ${Date.now() - started} ms`);
  });

  test('with a session cookie, a write needs the X-CSRF-Token of that session', async () => {
    const username = 'canbo.lythaito';
    const login = await call('POST', '/api/v1/session', { body: { username, password: ctx.passwords[username] } });
    assert.equal(login.status, 200, login.body);
    const cookie = login.headers['set-cookie'].split(';')[0];
    const csrf = login.json.csrf_token;
    assert.match(csrf, /^\S{16,}$/);

    // Reads need no CSRF token.
    const me = await call('GET', '/api/v1/me', { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.json.username, username);
    assert.equal(me.json.csrf_token, csrf, '/me hands the web app its CSRF token');
    assert.equal((await call('GET', `/api/v1/people?unit_id=${ctx.units.ltt}`, { headers: { cookie } })).status, 200);

    const org = () => ({ unit_id: ctx.units.ltt, kind: 'to_dan_van', name: `Tổ CSRF ${uniq()}`, valid_from: '01/01/2023' });
    const csrfInvalid = { status: 403, code: 'csrf_token_invalid' };
    const without = org();
    assertJsonError(await call('POST', '/api/v1/organisations', { body: without, headers: { cookie } }), csrfInvalid, 'no X-CSRF-Token');
    const wrong = org();
    assertJsonError(await call('POST', '/api/v1/organisations', { body: wrong, headers: { cookie, 'x-csrf-token': `${csrf}x` } }),
      csrfInvalid, 'a wrong X-CSRF-Token');
    const empty = org();
    assertJsonError(await call('POST', '/api/v1/organisations', { body: empty, headers: { cookie, 'x-csrf-token': '' } }),
      csrfInvalid, 'an empty X-CSRF-Token');
    assertJsonError(await call('PUT', `/api/v1/people/${ctx.editable.ltt}`, { body: { full_name: 'Không CSRF' }, headers: { cookie } }),
      csrfInvalid, 'PUT without X-CSRF-Token');
    const names = await ctx.orgNames('ltt');
    for (const o of [without, wrong, empty]) assert.ok(!names.includes(o.name), `"${o.name}" was not created`);
    assert.notEqual((await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable.ltt}`)).json.full_name, 'Không CSRF');

    // Another session's CSRF token does not do either.
    const other = await call('POST', '/api/v1/session', { body: { username: 'xem.lythaito', password: ctx.passwords['xem.lythaito'] } });
    assert.equal(other.status, 200, other.body);
    assertJsonError(await call('POST', '/api/v1/organisations', { body: org(), headers: { cookie, 'x-csrf-token': other.json.csrf_token } }),
      csrfInvalid, "another session's CSRF token");

    // With the right one the write goes through; and the CSRF check is no permission: the viewer is still refused.
    const right = org();
    const created = await call('POST', '/api/v1/organisations', { body: right, headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(created.status, 201, created.body);
    const viewerCookie = other.headers['set-cookie'].split(';')[0];
    assertJsonError(await call('POST', '/api/v1/organisations', {
      body: org(), headers: { cookie: viewerCookie, 'x-csrf-token': other.json.csrf_token },
    }), FORBIDDEN, 'a viewer with a valid CSRF token');

    // Logging out is a write too.
    assertJsonError(await call('DELETE', '/api/v1/session', { headers: { cookie } }), csrfInvalid, 'log-out without X-CSRF-Token');
    assert.equal((await call('GET', '/api/v1/me', { headers: { cookie } })).status, 200, 'still logged in');
    assert.equal((await call('DELETE', '/api/v1/session', { headers: { cookie, 'x-csrf-token': csrf } })).status, 204);
    assertJsonError(await call('GET', '/api/v1/me', { headers: { cookie } }), UNAUTHENTICATED, 'after log-out');
    assert.equal((await call('DELETE', '/api/v1/session', { headers: { cookie: viewerCookie, 'x-csrf-token': other.json.csrf_token } })).status, 204);
  });

  test('a unit admin cannot reach past the ward: no wider grants, no admin, no parent unit', async () => {
    const token = ctx.tokens['ltt.unit_admin'];
    const as = (method, p, body) => call(method, p, { token, body });
    const newUser = (grants) => ({ username: `leo.${uniq()}`, display_name: 'Leo thang', password: 'Mật khẩu leo thang', grants });
    const attempts = {
      'a system admin': newUser([{ role: 'system_admin' }]),
      'a grant on the district above': newUser([{ role: 'viewer', unit_id: ctx.units.district }]),
      'grants on both wards': newUser([{ role: 'viewer', unit_id: ctx.units.ltt }, { role: 'viewer', unit_id: ctx.units.hb }]),
      'a user without any grant': newUser([]),
    };
    for (const [what, body] of Object.entries(attempts)) {
      assertJsonError(await as('POST', '/api/v1/users', body), FORBIDDEN, what);
    }
    assertJsonError(await as('POST', '/api/v1/tokens', { user_id: ctx.userIds.admin, name: 'leo thang' }), FORBIDDEN,
      "a token for the system admin");
    const adminTokens = (await ctx.asAdmin('GET', '/api/v1/tokens')).json.items.filter((x) => x.user_id === ctx.userIds.admin);
    assert.ok(adminTokens.length > 0);
    assertJsonError(await as('DELETE', `/api/v1/tokens/${adminTokens[0].id}`), notFound('token_not_found'), "the admin's token");
    assertJsonError(await as('POST', '/api/v1/people', { unit_id: ctx.units.district, full_name: 'Người Quận' }), FORBIDDEN,
      'a person in the district above');
    assertJsonError(await as('GET', `/api/v1/people?unit_id=${ctx.units.district}`), FORBIDDEN, 'the people of the district above');
    // The demo puts the district's "Trưởng ban Dân vận" in the district: not the ward's to see.
    const districtPeople = await ctx.asAdmin('GET', `/api/v1/people?unit_id=${ctx.units.district}&page_size=200`);
    const districtOnly = districtPeople.json.items.find((p) => p.unit_id === ctx.units.district);
    assert.ok(districtOnly, 'a person of the district itself');
    assertJsonError(await as('GET', `/api/v1/people/${districtOnly.id}`), notFound('person_not_found'), 'a person of the district');
    // Across wards: moving an organisation into the other ward, or a person of the ward into its organisation.
    const movable = await ctx.createOrg('ltt');
    assertJsonError(await as('POST', `/api/v1/organisations/${movable}/end`, { status: 'moved', date: '01/01/2024', to_unit_id: ctx.units.hb }),
      FORBIDDEN, 'moving an organisation into the other ward');
    assert.equal((await ctx.asAdmin('GET', `/api/v1/organisations/${movable}`)).json.status, 'active');
    assertJsonError(await as('POST', `/api/v1/people/${ctx.editable.ltt}/memberships`,
      { organisation_id: ctx.orgs.hb, title: 'Sang phường khác', valid_from: '01/01/2023' }), FORBIDDEN,
    "the ward's person into the other ward's organisation");
    assertJsonError(await call('POST', `/api/v1/people/${ctx.editable.ltt}/memberships`, {
      token: ctx.tokens['hb.unit_admin'], body: { organisation_id: ctx.orgs.hb, title: 'Kéo sang', valid_from: '01/01/2023' },
    }), notFound('person_not_found'), "the other ward's admin pulling this ward's person into its organisation");
    // Nothing of it was written.
    const users = (await ctx.asAdmin('GET', '/api/v1/users?page_size=200')).json.items.map((u) => u.username);
    for (const body of Object.values(attempts)) assert.ok(!users.includes(body.username));
    const memberships = (await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable.ltt}`)).json.memberships;
    assert.ok(!memberships.some((m) => m.organisation_id === ctx.orgs.hb), 'no membership across wards');
  });

  // BUG: POST /api/v1/users does not check a grant's organisation_id. The unit admin of Lý Thái Tổ may hand out a
  // unit_member grant "for" an organisation of Hàng Bạc (or for no organisation at all): CreateUser checks only the
  // grant's unit (AccountService::MayManage), never that the organisation exists and belongs to that unit. Harmless
  // while access.cpp ignores organisation scopes, but the issue scopes roles "to a unit subtree or an organisation".
  test('a grant for an organisation must name an organisation of the granted ward', {
    todo: 'BUG: POST /api/v1/users accepts organisation_id of another ward (or none) — 201 instead of a refusal',
  }, async () => {
    const token = ctx.tokens['ltt.unit_admin'];
    for (const [what, organisationId] of [["the other ward's organisation", ctx.orgs.hb], ['no organisation', 99_999_999]]) {
      const res = await call('POST', '/api/v1/users', {
        token,
        body: {
          username: `lech.${uniq()}`, display_name: 'Thành viên lệch tổ chức', password: 'Mật khẩu lệch tổ chức',
          grants: [{ role: 'unit_member', unit_id: ctx.units.ltt, organisation_id: organisationId }],
        },
      });
      assert.ok([400, 403].includes(res.status), `${what}: expected 400 or 403, got ${res.status} ${res.body.slice(0, 200)}`);
    }
  });

  // BUG (minor, existence leak): POST /api/v1/tokens answers 403 forbidden for a user the caller may not manage but
  // 404 user_not_found for a user id that does not exist (AccountService::IssueToken looks the user up before the
  // permission check), so any signed-in viewer can enumerate user ids — which GET /api/v1/users/{id} takes care to
  // hide (404 for both).
  test('issuing a token does not tell a viewer which user ids exist', {
    todo: 'BUG: POST /api/v1/tokens → 403 for an existing unmanageable user, 404 user_not_found for a missing one',
  }, async () => {
    const token = ctx.tokens['ltt.viewer'];
    const existing = await call('POST', '/api/v1/tokens', { token, body: { user_id: ctx.userIds.admin, name: 'dò' } });
    const missing = await call('POST', '/api/v1/tokens', { token, body: { user_id: 99_999_999, name: 'dò' } });
    assert.equal(existing.status >= 400, true);
    assert.deepEqual([missing.status, missing.json?.error?.code], [existing.status, existing.json?.error?.code],
      'the same answer for a user one may not manage and for a user that does not exist');
  });

  test('the audit log is intact after the matrix', async () => {
    await server.stop();
    assert.ok(auditEntryCount(ctx.dbPath) > 100);
    server = undefined;
  });
});

// ---------------------------------------------------------------------------------------------------------

/**
 * Nobody sees private data of a ward they hold no grant on, and personal data only with the right to it:
 * the answer must not carry the known person's name (for those without a grant) nor contact details and birth
 * year (for those who may not see personal data). For anonymous callers a bare birth year is not allowed either.
 */
function assertNoLeak(ctx, actor, res) {
  const body = res.body ?? '';
  for (const w of WARDS) {
    const s = ctx.secret[w];
    if (!s) continue;
    if (!granted(actor, w)) assert.ok(!body.includes(s.full_name), `the name of a person of ${w} leaks`);
    if (!manages(actor, w)) {
      for (const key of ['phone', 'email', 'address']) assert.ok(!body.includes(s[key]), `the ${key} of a person of ${w} leaks`);
      assert.doesNotMatch(body, new RegExp(`"birth_year"\\s*:\\s*${s.birth_year}\\b`), `the birth year of a person of ${w} leaks`);
      if (!authenticated(actor)) {
        assert.doesNotMatch(body, new RegExp(`(?<![\\d.])${s.birth_year}(?![\\d.])`), `a bare birth year of ${w} in a public answer`);
      }
    }
  }
}
