// Who may do what, seen from a client: every route of /api/openapi.json × every role × own and other ward.
//
// The demo ward (Phường Lý Thái Tổ, "LTT") comes with one login per role. As the system admin we add a second
// ward's staff (Phường Hàng Bạc, "HB": a unit admin and a viewer) and data in both wards: an organisation, a person
// whose personal data (Nghị định 13/2023/NĐ-CP) is known to us, a person we may edit, and the "Dân vận khéo"
// movement's campaigns, models (up to recognised), councils and sessions. Then each route is called
// by each actor on each target, and the outcome (2xx / 401 / 403 / 404 and the error code) is compared with the
// rules the services implement (src/services/*.cpp, src/domain/access.cpp). Refused writes must leave no trace:
// the audit log does not grow while they run, and a follow-up read shows the object unchanged.
//
// A route that appears in the OpenAPI document without a row in ROUTES below fails the suite: add its row.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
  { key: 'ltt.member', short: 'L.mem', username: 'todanvan3', role: 'unit_member', unit: 'ltt', org: 'tdv3' },
  { key: 'ltt.council', short: 'L.cou', username: 'hoidong.lythaito', role: 'council_member', unit: 'ltt' },
  { key: 'ltt.signer', short: 'L.sig', username: 'lanhdao.lythaito', role: 'signer', unit: 'ltt' },
  { key: 'ltt.viewer', short: 'L.vw', username: 'xem.lythaito', role: 'viewer', unit: 'ltt' },
  { key: 'hb.unit_admin', short: 'H.ua', username: 'canbo.hangbac', role: 'unit_admin', unit: 'hb', create: true },
  { key: 'hb.viewer', short: 'H.vw', username: 'xem.hangbac', role: 'viewer', unit: 'hb', create: true },
  // Staff of Phường Hoàn Kiếm ('phk'), the ward Lý Thái Tổ and Hàng Bạc merged into on 01/07/2025: residents'
  // concerns are sent to wards in force today only, and grants do not follow a merger, so the concern rows need
  // staff of a current ward. 'phk.front' speaks for the ward's Fatherland Front (MTTQ), which the concern categories
  // route to; the People's Committee (UBND) has no login.
  { key: 'phk.unit_admin', short: 'K.ua', username: 'canbo.hoankiem', role: 'unit_admin', unit: 'phk', create: true },
  { key: 'phk.front', short: 'K.mt', username: 'mattran.hoankiem', role: 'unit_member', unit: 'phk', org: 'phk.front', create: true },
  { key: 'phk.viewer', short: 'K.vw', username: 'xem.hoankiem', role: 'viewer', unit: 'phk', create: true },
];
const authenticated = (a) => !a.anon && !a.revoked;
/**
 * Any grant on the ward (every role reads a ward's private data: Permission::kViewUnitPrivate). This includes the unit
 * member, whose grant names one organisation (todanvan3 → Tổ dân vận số 3): it reads the ward's non-personal data
 * (every person's name, every organisation's members, every model), never personal data (manages: unit admins only),
 * and it writes only for its organisation (speaks: its models, their registration and their reports; other
 * organisations' models answer 403 not_own_organisation, see refusedWrite). Organisations, people and memberships of
 * the ward, its own organisation's included, are the unit admin's (403 forbidden).
 */
const granted = (a, unit) => Boolean(a.admin || (authenticated(a) && a.unit === unit));
/**
 * Runs the ward: users, tokens, organisations, people, personal data, and the movement (Permission::kManageMovement:
 * campaigns, model steps, councils, sessions) — unit_admin of the ward, or system admin. 'hk' is the district above
 * both wards (Quận Hoàn Kiếm): no actor but the system admin holds a grant there.
 */
const manages = (a, unit) => Boolean(a.admin || (a.role === 'unit_admin' && a.unit === unit));

// The movement's targets are '<unit>' or '<unit>.<variant>' (ltt.rec = the recognised model of Lý Thái Tổ, ...).
const place = (t) => t.split('.')[0];
/**
 * Which organisation owns a target's model: in Lý Thái Tổ and in the district above it, "Tổ dân vận số 3" (the one
 * the demo login todanvan3 speaks for), except for 'ltt.tdv1' ("Tổ dân vận số 1"); in Hàng Bạc, its organisation.
 */
const OWNER = { ltt: 'tdv3', hk: 'tdv3', hb: 'hb', 'ltt.tdv1': 'tdv1' };
const ownerOf = (t) => OWNER[t] ?? OWNER[place(t)];
/** A transition's target '<unit>[.<owner variant>].<action>': its unit, its owner (as a target) and its action. */
const transitionTarget = (t) => {
  const parts = t.split('.');
  return { w: parts[0], owner: parts.slice(0, -1).join('.'), action: parts.at(-1) };
};
/** A unit member speaks for the organisation of its grant: it creates and registers that organisation's models. */
const speaks = (a, t) => Boolean(a.org && a.org === ownerOf(t));
/** A refused model write: a unit member is told that it acts only for its own organisation; other roles, forbidden. */
const refusedWrite = (a) => (a.org ? NOT_OWN_ORGANISATION : FORBIDDEN);
/**
 * Who sits on each ward's council (users, by username). Membership is by user id, not by role: the ward's own
 * council_member login and a second one made in setup.
 */
const COUNCIL = { ltt: ['hoidong.lythaito', 'uyvien.lythaito'], hb: ['hoidong.hangbac', 'uyvien.hangbac'] };
const sits = (a, w) => Boolean(a.username && COUNCIL[w].includes(a.username));
/**
 * A council session's writes by members (scores, ballots): those without a grant on the unit do not learn that the
 * session exists; the others must be a member marked present.
 */
const memberWrite = (a, w) => {
  if (!granted(a, w)) return notFound('session_not_found');
  return sits(a, w) ? ok(204) : NOT_COUNCIL_MEMBER;
};
/** A session's officer steps (close scoring, close): the same 404 first, then the unit admin only. */
const officerWrite = (a, w, status) => {
  if (!granted(a, w)) return notFound('session_not_found');
  return manages(a, w) ? ok(status) : FORBIDDEN;
};

// --- residents' concerns (src/services/concerns.cpp) ---------------------------------------------------------
// Targets are concerns of a current ward: 'phk' (Phường Hoàn Kiếm, routed to its Front), 'phk.ubnd' (handed over to
// its People's Committee), 'pcn' (Phường Cửa Nam, the other current ward, routed to its Front).
const CONCERN_WARDS = ['phk', 'pcn'];
const CONCERN_OWNER = { phk: 'phk.front', 'phk.ubnd': 'phk.ubnd', pcn: 'pcn.front' };
/** MayHandle: the unit admins (and system admins), and the unit members of the organisation that owns the concern. */
const handles = (a, t) => Boolean(manages(a, place(t)) || (a.org && a.org === CONCERN_OWNER[t]));
/** MaySee: any grant on the concern's ward, or handling it. */
const seesConcern = (a, t) => granted(a, place(t)) || handles(a, t);
/** Steps of the unit admin only; the rest are for whoever handles the concern. */
const MANAGER_STEPS = ['assign', 'reject', 'out_of_scope', 'mark_duplicate'];

// ---------------------------------------------------------------------------------------------------------
// Expected outcomes

const ok = (status = 200) => ({ status });
const FORBIDDEN = { status: 403, code: 'forbidden' };
const notFound = (code) => ({ status: 404, code });
const UNAUTHENTICATED = { status: 401, code: 'unauthenticated' };
const INVALID_TOKEN = { status: 401, code: 'invalid_token' };
const NOT_COUNCIL_MEMBER = { status: 403, code: 'not_council_member' };
const NOT_OWN_ORGANISATION = { status: 403, code: 'not_own_organisation' };
const PUBLIC = () => ok();
const WARDS = ['ltt', 'hb'];

let seq = 0;
/** A short string unique within the run, for codes, usernames and names. */
/** Runs SQL on the test's SQLite file beside the server (WAL: the server keeps serving); returns stdout. */
function sqliteRun(dbPath, sql) {
  const r = spawnSync('sqlite3', ['-batch', '-cmd', '.timeout 10000', dbPath], { input: sql, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * An alert for a user, as the server's sweep raises them (the sweep runs on its own clock; the matrix needs one now):
 * its id, unread.
 */
function alertFor(ctx, userId, concernId) {
  const due = new Date(Date.UTC(2026, 0, 1) + ++seq * 60_000).toISOString();  // unique: an alert is raised once per due time
  return Number(sqliteRun(ctx.dbPath, `INSERT INTO concern_alerts (user_id, concern_id, kind, clock, due_at, created_at)
    VALUES (${userId}, ${concernId}, 'overdue', 'resolve', '${due}', '2026-01-01T00:00:00.000Z') RETURNING id;`));
}

const uniq = () => `${Date.now().toString(36).slice(-4)}${(++seq).toString(36)}`;

/**
 * One row per route. `auth`: needs a signed-in caller (anonymous → 401 unauthenticated, revoked token → 401
 * invalid_token); `targets`: what the call is aimed at ('ltt'/'hb' = an object of that ward, 'self' = the caller's
 * own); `expect(actor, target)` for signed-in actors (and for everyone on public routes); `prepare` builds the
 * request (fresh fixtures made as admin, unique names) and may return `check(res)` for a 2xx answer,
 * `verifyUnchanged()` for a refused write, and `noBearer` when the body carries the actor's token instead. `prepare`
 * also gets the cell's expected outcome: costly fixtures are shared by the cells that must be refused (ctx.fixture),
 * since those must leave them unchanged. `open311`: errors come in Open311's shape, not ours (assertOpen311Error).
 */
// A 1×1 PNG: the smallest photo the server accepts.
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

// One attachment per target, uploaded by the system admin once and shared by every actor's cell.
async function attachmentFor(ctx, t) {
  ctx.attachments ??= {};
  if (!ctx.attachments[t]) {
    const [w, kind] = t.split('.');
    const id = kind === 'public' ? ctx.recognised[w] : ctx.registered[w];
    const res = await ctx.asAdmin('POST', `/api/v1/models/${id}/reports`, {
      kind: 'progress', body: 'Minh chứng', attachments: [{ file_name: 'anh.png', content_base64: TINY_PNG, public: kind === 'public' }],
    });
    assert.equal(res.status, 201, `upload for ${t}: ${res.body?.slice?.(0, 200)}`);
    ctx.attachments[t] = res.json.attachments[0].id;
  }
  return ctx.attachments[t];
}

// --- commendation fixtures --------------------------------------------------------------------------------
/** The ward's signer (Permission::kSignDecisions), or the system admin. */
const signs = (a, w) => Boolean(a.admin || (a.role === 'signer' && a.unit === w));
// A one-page PDF as libmagic sees one: what a dossier upload must be.
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

/** Per ward, made once as admin through the API: an issuer, a draft proposal, a decision, an event. */
// ---------------------------------------------------------------------------------------------------------
// Plans and outreach activities (src/services/plans.cpp): 'ltt' and 'hb' are the wards' own plans and activities,
// 'ltt.tdv3' an organisation's (Tổ dân vận số 3, which todanvan3 speaks for). Everyone granted on the ward reads them;
// its unit admin writes them, and the member who speaks for the organisation writes the organisation's.
const PLAN_TARGETS = ['ltt', 'hb', 'ltt.tdv3'];
const planOrg = (ctx, t) => (t === 'ltt.tdv3' ? ctx.orgs.tdv3 : undefined);
const seesPlan = (a, t) => granted(a, place(t));
const editsPlan = (a, t) => manages(a, place(t)) || Boolean(t === 'ltt.tdv3' && a.org === 'tdv3' && granted(a, 'ltt'));
const planWrite = (a, t, status = 200, missing = 'plan_not_found') => {
  if (!seesPlan(a, t)) return notFound(missing);
  return editsPlan(a, t) ? ok(status) : FORBIDDEN;
};
let planYear = 3000;

async function planFixtures(ctx) {
  if (ctx.pl) return ctx.pl;
  const must = async (res, status, what) => {
    assert.equal(res.status, status, `${what}: ${res.body?.slice?.(0, 300)}`);
    return res.json;
  };
  const pl = { plans: {}, counted: {}, reported: {}, activities: {}, files: {} };
  pl.create = async (t, targets = [{ kind: 'propaganda_sessions', target: 10 }, { kind: 'new_members', target: 20 }], year = (planYear += 10)) => {
    const org = planOrg(ctx, t);
    return must(await ctx.asAdmin('POST', '/api/v1/plans', {
      unit_id: ctx.units[place(t)], ...(org ? { organisation_id: org } : {}), year, targets,
    }), 201, `plan ${t}`);
  };
  pl.activityBody = (t, extra = {}) => {
    const org = planOrg(ctx, t);
    return { unit_id: ctx.units[place(t)], ...(org ? { organisation_id: org } : {}), kind: 'propaganda', held_on: '12/05/2022',
      place: 'Nhà văn hóa tổ dân phố', topic: `Tuyên truyền ${uniq()}`, attendance: 40, ...extra };
  };
  for (const t of PLAN_TARGETS) {
    // 2023: the wards still stood, and hand reports may be dated then (not after today).
    const p = await pl.create(t, undefined, 2023);
    pl.plans[t] = p.id;
    const targets = p.sections.flatMap((s) => s.targets);
    pl.counted[t] = targets.find((x) => x.kind === 'propaganda_sessions').id;
    pl.reported[t] = targets.find((x) => x.kind === 'new_members').id;
    const a = await must(await ctx.asAdmin('POST', '/api/v1/outreach-activities',
      pl.activityBody(t, { files: [{ file_name: 'anh.png', content_base64: TINY_PNG }] })), 201, `activity ${t}`);
    pl.activities[t] = a.id;
    pl.files[t] = a.files[0].id;
  }
  ctx.pl = pl;
  return pl;
}

async function awardFixtures(ctx) {
  if (ctx.aw) return ctx.aw;
  const must = async (res, status, what) => {
    assert.equal(res.status, status, `${what}: ${res.body?.slice?.(0, 300)}`);
    return res.json;
  };
  const types = (await ctx.asAdmin('GET', '/api/v1/award-types')).json.items;
  const type = types.find((t) => t.code === 'giay_khen_ubnd_tap_the').id;
  const aw = { issuers: {}, proposals: {}, decisions: {}, events: {} };
  // The nominee: the ward's organisation (in Lý Thái Tổ, Tổ dân vận số 1), or another one ('tdv3').
  aw.proposalBody = (w, org = ctx.orgs[w]) => ({
    unit_id: ctx.units[w], issuer_id: aw.issuers[w].id, title: `Khen thưởng ${uniq()}`,
    nominees: [{ award_type_id: type, organisation_id: org, achievement: 'Có thành tích xuất sắc' }],
  });
  const STEPS = { draft: [], submitted: ['submit'], awaiting_signature: ['submit', 'accept', 'record_vote', 'forward'] };
  aw.proposal = async (w, status = 'draft') => {
    const p = await must(await ctx.asAdmin('POST', '/api/v1/proposals', aw.proposalBody(w)), 201, 'proposal');
    for (const action of STEPS[status]) await must(await ctx.asAdmin('POST', `/api/v1/proposals/${p.id}/transitions`, { action }), 200, action);
    return p.id;
  };
  aw.decisionBody = (proposalId) => ({
    proposal_id: proposalId, decided_on: '15/10/2024', signer_capacity: 'TM.', signer_title: 'Chủ tịch', signer_name: 'Người Ký Thử',
  });
  aw.decision = async (w) => must(await ctx.asAdmin('POST', '/api/v1/decisions', aw.decisionBody(await aw.proposal(w, 'awaiting_signature'))), 201, 'decision');
  aw.eventBody = (w, decision = aw.decisions[w]) => ({
    unit_id: ctx.units[w], title: `Ngày hội Dân vận khéo ${uniq()}`, held_on: '15/10/2024', start_time: '08:00', end_time: '11:00',
    place: 'Hội trường phường',
    segments: [{ kind: 'award', title: 'Trao thưởng', presenter_name: 'Người Trao Thử', decision_id: decision.id }],
  });
  /** A proposal awaiting signature, shared by the preview cells (a preview writes nothing). */
  aw.awaiting = {};
  aw.awaitingFor = async (w) => (aw.awaiting[w] ??= await aw.proposal(w, 'awaiting_signature'));
  /** A proposal that recorded the ward's closed council session (its minutes are the dossier's). */
  aw.voted = {};
  aw.votedFor = async (w) => {
    if (!aw.voted[w]) {
      const p = await must(await ctx.asAdmin('POST', '/api/v1/proposals', aw.proposalBody(w)), 201, 'proposal');
      for (const action of ['submit', 'accept']) await must(await ctx.asAdmin('POST', `/api/v1/proposals/${p.id}/transitions`, { action }), 200, action);
      await must(await ctx.asAdmin('POST', `/api/v1/proposals/${p.id}/transitions`,
        { action: 'record_vote', council_session_id: ctx.closedSessions[w] }), 200, 'record_vote');
      aw.voted[w] = p.id;
    }
    return aw.voted[w];
  };
  /** A print job per ward, started by the admin (not the actors: they read it as readers of its decision). */
  aw.jobs = {};
  aw.jobFor = async (w) => {
    if (!aw.jobs[w]) {
      const job = await must(await ctx.asAdmin('POST', `/api/v1/decisions/${aw.decisions[w].id}/certificates/print`), 202, 'print');
      for (let i = 0; i < 600; i += 1) {
        const seen = await must(await ctx.asAdmin('GET', `/api/v1/print-jobs/${job.id}`), 200, 'print job');
        if (seen.state !== 'running') break;
        await new Promise((resolve) => { setTimeout(resolve, 50); });
      }
      aw.jobs[w] = job.id;
    }
    return aw.jobs[w];
  };
  for (const w of WARDS) {
    aw.issuers[w] = await must(await ctx.asAdmin('POST', '/api/v1/issuers', {
      unit_id: ctx.units[w], name: `Ủy ban nhân dân ${w} ${uniq()}`, kind: 'peoples_committee_chair', symbol: `UB${w.toUpperCase()}`, place: 'Hoàn Kiếm',
    }), 201, 'issuer');
    aw.proposals[w] = await aw.proposal(w);
    aw.decisions[w] = await aw.decision(w);
    aw.events[w] = await must(await ctx.asAdmin('POST', '/api/v1/events', aw.eventBody(w)), 201, 'event');
  }
  ctx.aw = aw;
  return aw;
}

/** A PDF document's answer. */
const PDF_CHECK = (res) => {
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.ok(res.body.startsWith('%PDF-'), 'a PDF');
};

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

  'PUT /api/v1/users/{id}/email': {
    auth: true,
    targets: [...WARDS, 'self'],
    // The address alerts are mailed to: the user themself, or a system administrator.
    expect: (a, t) => (t === 'self' || a.admin ? ok(204) : FORBIDDEN),
    prepare: (ctx, a, t) => {
      const id = t === 'self' ? ctx.userIds[a.username ?? 'xem.lythaito'] : ctx.targetUsers[t].id;
      const email = `canbo.${uniq()}@example.vn`;
      const stored = () => sqliteRun(ctx.dbPath, `SELECT coalesce(email, '') FROM users WHERE id = ${id};`);
      return {
        params: { id },
        body: { email },
        check: () => assert.equal(stored(), email),
        verifyUnchanged: async () => assert.notEqual(stored(), email),
      };
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
    // A user the caller may not manage answers like one that does not exist: 404 user_not_found, even for oneself.
    expect: (a, t) => {
      if (t === 'self') return a.admin || a.role === 'unit_admin' ? ok(201) : notFound('user_not_found');
      return manages(a, t) ? ok(201) : notFound('user_not_found');
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
        body: { unit_id: ctx.units[w], full_name: fullName, gender: 'male' },
        check: (res) => assert.equal(res.json.full_name, fullName),
        verifyUnchanged: async () => {
          const p = await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable[w]}`);
          assert.notEqual(p.json.full_name, fullName, 'the person was not changed');
        },
      };
    },
  },
  'PATCH /api/v1/people/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => {
      if (manages(a, w)) return ok();
      return granted(a, w) ? FORBIDDEN : notFound('person_not_found');
    },
    prepare: async (ctx, a, w) => {
      const fullName = `Người Vá ${uniq()}`;
      const was = (await ctx.asAdmin('GET', `/api/v1/people/${ctx.editable[w]}`)).json;
      return {
        params: { id: ctx.editable[w] },
        body: { full_name: fullName },
        check: (res) => {
          assert.equal(res.json.full_name, fullName);
          assert.equal(res.json.gender, was.gender, 'a field left out stays as it was');
        },
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
  'POST /api/v1/organisations/import': {
    auth: true,
    targets: WARDS,
    // As the people's import: the unit is public, so a refusal on another ward is 403 (not 404).
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const name = `Tổ nhập từ tệp ${uniq()}`;
      return {
        query: `?unit_id=${ctx.units[w]}&mode=all`,
        rawBody: `name,kind,valid_from\n${name},to_dan_van,01/01/2023\n`,
        contentType: 'text/csv',
        check: (res) => assert.equal(res.json.written, 1),
        verifyUnchanged: async () => assert.ok(!(await ctx.orgNames(w)).includes(name), `no organisation "${name}"`),
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

  // --- the "Dân vận khéo" movement -------------------------------------------------------------------
  // Fixtures (src/services/movement.cpp): per ward an open campaign of this year (ctx.campaigns) holding a registered
  // model (ctx.registered), a proposed one (ctx.proposed) and a recognised one (ctx.recognised; Hàng Bạc's is an
  // adoption of Lý Thái Tổ's), a council (ctx.councils) and an open session (ctx.sessions); the same in the district
  // ('hk') for a registered model of Tổ dân vận số 3. Calls that churn models go to a second campaign (ctx.work).
  // Campaigns, recognised models and their lineage are public; the rest is read by any grant on the unit.
  'GET /api/v1/fields': {
    expect: PUBLIC,
    prepare: () => ({ check: (res) => assert.ok(res.json.items.length > 0 && res.json.items.every((f) => f.code && f.name)) }),
  },
  'GET /api/v1/campaigns': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}`,
      check: (res) => {
        assert.ok(res.json.items.some((c) => c.id === ctx.campaigns[w].id), "the ward's campaign is listed");
        assert.ok(res.json.items.every((c) => c.unit_id === ctx.units[w]), "only the ward's campaigns");
      },
    }),
  },
  'POST /api/v1/campaigns': {
    auth: true,
    targets: [...WARDS, 'hk'], // the unit of the new campaign
    expect: (a, t) => (manages(a, t) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, t) => {
      const body = ctx.campaignBody(t);
      return {
        body,
        check: (res) => {
          assert.equal(res.json.unit_id, ctx.units[t]);
          assert.equal(res.json.status, 'draft');
        },
        verifyUnchanged: async () => assert.ok(!(await ctx.campaignTitles(t)).includes(body.title), `no campaign "${body.title}"`),
      };
    },
  },
  'GET /api/v1/campaigns/{id}': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({ params: { id: ctx.campaigns[w].id }, check: (res) => assert.equal(res.json.unit_id, ctx.units[w]) }),
  },
  'POST /api/v1/campaigns/{id}/status': {
    auth: true,
    targets: WARDS,
    // Campaigns are public: a refusal is 403, not 404 (the same for reopenings and carry-over).
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const c = await ctx.createCampaign(w, { open: false });
      return {
        params: { id: c.id },
        body: { status: 'open' },
        check: (res) => assert.equal(res.json.status, 'open'),
        verifyUnchanged: async () => assert.equal((await ctx.asAdmin('GET', `/api/v1/campaigns/${c.id}`)).json.status, 'draft'),
      };
    },
  },
  'GET /api/v1/campaigns/{id}/registration': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.campaigns[w].id },
      check: (res) => {
        assert.equal(res.json.campaign_id, ctx.campaigns[w].id);
        const row = res.json.rows.find((r) => r.organisation_id === ctx.owner(w));
        if (w === 'hb') {
          assert.ok(row?.registered >= 1, `the owner's registered model is counted: ${JSON.stringify(row)}`);
        } else {
          // The rows are the organisations of the ward as of today: Tổ dân vận số 3 moved out in the demo's 2025 merger.
          assert.ok(res.json.rows.length > 0 && !row, 'the ward’s organisations of today, without Tổ dân vận số 3');
        }
      },
    }),
  },
  'POST /api/v1/campaigns/{id}/reopenings': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(204) : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      // A campaign whose registration closed last year, and a draft model of the owner that cannot be registered yet.
      // (GET …/registration would show reopened_until, but the service never fills it in: it is always null.)
      const c = await ctx.createCampaign(w, { year: ctx.year - 1, endsYear: ctx.year });
      const model = await ctx.createModel(c.id, ctx.owner(w));
      const register = () => ctx.asAdmin('POST', `/api/v1/models/${model}/transitions`, { action: 'register' });
      return {
        params: { id: c.id },
        body: { organisation_id: ctx.owner(w), until: `31/12/${ctx.year}` },
        check: async () => assert.equal((await register()).json?.status, 'registered', 'the owner may register again'),
        verifyUnchanged: async () => assertJsonError(await register(), { status: 422, code: 'registration_closed' },
          'registration is still closed'),
      };
    },
  },
  'POST /api/v1/campaigns/{id}/carry-over': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w, expected) => {
      // This year's campaign with a recognised model, carried into next year's.
      const { from, model, to } = await ctx.fixture(expected, `carry-over ${w}`, async () => {
        const c = await ctx.createCampaign(w);
        const m = await ctx.recognise(w, c.id, await ctx.createCouncil(c.id, w));
        return { from: c, model: m, to: await ctx.createCampaign(w, { year: ctx.year + 1 }) };
      });
      const statusOf = async () => (await ctx.asAdmin('GET', `/api/v1/models/${model}`)).json.status;
      return {
        params: { id: to.id },
        body: { from_campaign_id: from.id, keep_model_ids: [model] },
        check: async (res) => {
          assert.deepEqual(res.json.items.map((m) => [m.carried_from_id, m.campaign_id, m.status]), [[model, to.id, 'active']]);
          assert.equal(await statusOf(), 'carried_over');
        },
        verifyUnchanged: async () => {
          assert.equal(await statusOf(), 'recognised', 'the model is still recognised');
          assert.deepEqual(await ctx.modelTitles(to.id), [], 'nothing in next year’s campaign');
        },
      };
    },
  },
  'GET /api/v1/models': {
    auth: true,
    // By campaign_id (ltt, hb) or by unit_id (….unit); the district's list is not the unit member's even though one
    // of its models is its organisation's.
    targets: ['ltt', 'hb', 'ltt.unit', 'hb.unit', 'hk.unit'],
    expect: (a, t) => (granted(a, place(t)) ? ok() : FORBIDDEN),
    prepare: (ctx, a, t) => {
      const w = place(t);
      return {
        query: t.endsWith('.unit') ? `?unit_id=${ctx.units[w]}&page_size=200` : `?campaign_id=${ctx.campaigns[w].id}&page_size=200`,
        check: (res) => {
          // unit_id takes the unit's whole subtree: the district's list holds the wards' models too.
          const expected = w === 'hk' ? [...WARDS, 'hk'] : [w];
          const ids = res.json.items.map((m) => m.id);
          for (const x of expected) assert.ok(ids.includes(ctx.registered[x]), `the registered model of ${x} is listed`);
          assert.ok(res.json.items.every((m) => expected.some((x) => m.unit_id === ctx.units[x])), "only the unit's models");
        },
      };
    },
  },
  'POST /api/v1/models': {
    auth: true,
    // The campaign's unit and the owner: ltt and hk (the district) → Tổ dân vận số 3, ltt.tdv1 → Tổ dân vận số 1.
    targets: ['ltt', 'hb', 'ltt.tdv1', 'hk'],
    expect: (a, t) => (manages(a, place(t)) || speaks(a, t) ? ok(201) : refusedWrite(a)),
    prepare: (ctx, a, t) => {
      const body = ctx.modelBody(ctx.campaigns[place(t)].id, ctx.owner(t));
      return {
        body,
        check: (res) => {
          assert.deepEqual([res.json.unit_id, res.json.owner_organisation_id, res.json.status],
            [ctx.units[place(t)], body.owner_organisation_id, 'draft']);
        },
        verifyUnchanged: async () =>
          assert.ok(!(await ctx.modelTitles(ctx.campaigns[place(t)].id)).includes(body.title), `no model "${body.title}"`),
      };
    },
  },
  'GET /api/v1/models/{id}': {
    // Public once recognised (….rec); before that (a registered model) only for a grant on its unit, or for the unit
    // member who speaks for its owner — which is how todanvan3 reads the district's model of Tổ dân vận số 3.
    targets: ['ltt', 'hb', 'hk', 'ltt.rec', 'hb.rec'],
    expect: (a, t) => (t.endsWith('.rec') || granted(a, place(t)) || speaks(a, t) ? ok() : notFound('model_not_found')),
    prepare: (ctx, a, t) => {
      const id = t.endsWith('.rec') ? ctx.recognised[place(t)] : ctx.registered[t];
      return { params: { id }, check: (res) => assert.equal(res.json.id, id) };
    },
  },
  'GET /api/v1/models/{id}/history': {
    auth: true,
    // A model's steps are read by those who may read it privately: a grant on its unit, or the owner's member.
    targets: ['ltt', 'hb'],
    expect: (a, t) => (granted(a, t) || speaks(a, t) ? ok() : notFound('model_not_found')),
    prepare: (ctx, a, t) => ({
      params: { id: ctx.registered[t] },
      check: (res) => assert.deepEqual(res.json.items.map((e) => e.action).slice(0, 2), ['create', 'register']),
    }),
  },
  'POST /api/v1/models/{id}/transitions': {
    auth: true,
    // '<unit>[.tdv1].<action>' on a fresh model in the state the action starts from, owned as for POST
    // /api/v1/models. The owner's member registers (even in the district, where it has no grant); registering another
    // organisation's model is refused with not_own_organisation; every other step is the unit admin's. A model the
    // caller may not read is not found.
    targets: ['ltt.register', 'hb.register', 'hk.register', 'ltt.tdv1.register', 'ltt.activate', 'hb.activate',
      'ltt.propose', 'hb.propose', 'ltt.stop', 'hb.stop'],
    expect: (a, t) => {
      const { w, owner, action } = transitionTarget(t);
      if (!granted(a, w) && !speaks(a, owner)) return notFound('model_not_found');
      if (manages(a, w) || (action === 'register' && speaks(a, owner))) return ok();
      return action === 'register' ? refusedWrite(a) : FORBIDDEN;
    },
    prepare: async (ctx, a, t, expected) => {
      const { w, owner, action } = transitionTarget(t);
      const [from, to] = { register: ['draft', 'registered'], activate: ['registered', 'active'],
        propose: ['active', 'proposed'], stop: ['active', 'stopped'] }[action];
      const id = await ctx.fixture(expected, `transition ${t}`, () => ctx.createModel(ctx.work[w].id, ctx.owner(owner), from));
      return {
        params: { id },
        body: action === 'stop' ? { action, reason: 'Dừng để kiểm thử quyền' } : { action },
        check: (res) => assert.equal(res.json.status, to),
        verifyUnchanged: async () => assert.equal((await ctx.asAdmin('GET', `/api/v1/models/${id}`)).json.status, from),
      };
    },
  },
  'GET /api/v1/models/{id}/reports': {
    auth: true,
    // A model's reports are read by those granted on its unit and by the member who speaks for its owner.
    targets: ['ltt', 'hb'],
    expect: (a, t) => (granted(a, t) || speaks(a, t) ? ok() : notFound('model_not_found')),
    prepare: (ctx, a, t) => ({ params: { id: ctx.registered[t] }, check: (res) => assert.ok(Array.isArray(res.json.items)) }),
  },
  'POST /api/v1/models/{id}/reports': {
    auth: true,
    // Evidence is reported by the unit admin or the owner's member; other staff of the unit are refused (the member of
    // another organisation, on 'ltt.tdv1', with not_own_organisation), the rest do not learn that the model exists.
    targets: ['ltt', 'hb', 'ltt.tdv1'],
    expect: (a, t) => {
      if (!granted(a, place(t)) && !speaks(a, t)) return notFound('model_not_found');
      return manages(a, place(t)) || speaks(a, t) ? ok(201) : refusedWrite(a);
    },
    prepare: async (ctx, a, t, expected) => {
      const id = t === 'ltt.tdv1'
        ? await ctx.fixture(expected, 'report on ltt.tdv1', () => ctx.createModel(ctx.work.ltt.id, ctx.owner(t), 'registered'))
        : ctx.registered[t];
      const count = async () => (await ctx.asAdmin('GET', `/api/v1/models/${id}/reports`)).json.items.length;
      const before = await count();
      return {
        params: { id },
        body: { kind: 'progress', body: `Báo cáo ${uniq()}`, attachments: [{ file_name: 'anh.png', content_base64: TINY_PNG }] },
        check: (res) => {
          assert.equal(res.json.model_id, id);
          assert.equal(res.json.attachments[0].media_type, 'image/png');
        },
        verifyUnchanged: async () => assert.equal(await count(), before),
      };
    },
  },
  'GET /api/v1/models/{id}/photos': {
    // The public photos of a recognised model are public; an unrecognised model has none to show, for anyone.
    targets: ['ltt.rec', 'ltt'],
    expect: (a, t) => (t.endsWith('.rec') ? ok() : notFound('model_not_found')),
    prepare: (ctx, a, t) => ({
      params: { id: t.endsWith('.rec') ? ctx.recognised.ltt : ctx.registered.ltt },
      check: (res) => assert.ok(Array.isArray(res.json.items)),
    }),
  },
  'GET /api/v1/attachments/{id}': {
    // 'ltt.private': a file of a registered model (staff of the unit and the owner's member);
    // 'ltt.public': a photo marked public on a recognised model (everyone).
    targets: ['ltt.private', 'hb.private', 'ltt.public'],
    expect: (a, t) => (t.endsWith('.public') || granted(a, place(t)) || speaks(a, place(t)) ? ok() : notFound('attachment_not_found')),
    prepare: async (ctx, a, t) => ({ params: { id: await attachmentFor(ctx, t) }, check: (res) => assert.equal(res.headers['content-type'], 'image/png') }),
  },
  'GET /api/v1/attachments/{id}/thumbnail': {
    targets: ['ltt.private', 'hb.private', 'ltt.public'],
    expect: (a, t) => (t.endsWith('.public') || granted(a, place(t)) || speaks(a, place(t)) ? ok() : notFound('attachment_not_found')),
    prepare: async (ctx, a, t) => ({ params: { id: await attachmentFor(ctx, t) }, check: (res) => assert.equal(res.headers['content-type'], 'image/jpeg') }),
  },
  'GET /api/v1/models/{id}/adoptions': {
    // A recognised model's lineage is public; for any other model (a registered one here) it is not found, for all.
    targets: ['ltt.rec', 'hb.rec', 'ltt', 'hb'],
    expect: (a, t) => (t.endsWith('.rec') ? ok() : notFound('model_not_found')),
    prepare: (ctx, a, t) => {
      const id = t.endsWith('.rec') ? ctx.recognised[place(t)] : ctx.registered[t];
      return {
        params: { id },
        check: (res) => {
          assert.equal(res.json.model.id, id);
          assert.equal(res.json.times, res.json.adopters.length);
          assert.ok(!res.json.adopters.some((m) => m.id === ctx.draftAdopter), 'a draft adopter is not listed');
          if (t === 'ltt.rec') {
            const hb = res.json.adopters.find((m) => m.id === ctx.recognised.hb);
            assert.equal(hb?.unit_name, 'Phường Hàng Bạc', "Hàng Bạc's adoption is listed with its ward");
          }
        },
      };
    },
  },
  'POST /api/v1/models/{id}/adoptions': {
    auth: true,
    // The adopter's campaign (ltt, hb, ltt.tdv1 as for POST /api/v1/models) adopts the other ward's recognised model,
    // which anyone may read: the new model is then created by the rules of POST /api/v1/models — so the unit member
    // may adopt for its own organisation.
    targets: ['ltt', 'hb', 'ltt.tdv1'],
    expect: (a, t) => (manages(a, place(t)) || speaks(a, t) ? ok(201) : refusedWrite(a)),
    prepare: (ctx, a, t) => {
      const w = place(t);
      const source = ctx.recognised[w === 'ltt' ? 'hb' : 'ltt'];
      const body = { campaign_id: ctx.work[w].id, owner_organisation_id: ctx.owner(t), address: 'Số 2 phố Nhân Rộng',
        title: `Nhân rộng ${uniq()}` };
      return {
        params: { id: source },
        body,
        check: (res) => assert.deepEqual([res.json.source_model_id, res.json.unit_id, res.json.status], [source, ctx.units[w], 'draft']),
        verifyUnchanged: async () => assert.ok(!(await ctx.modelTitles(ctx.work[w].id)).includes(body.title), `no model "${body.title}"`),
      };
    },
  },
  'GET /api/v1/public/models': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&page_size=200`,
      check: (res) => {
        const ids = res.json.items.map((m) => m.id);
        assert.ok(ids.includes(ctx.recognised[w]), 'the recognised model is shown');
        assert.ok(!ids.includes(ctx.registered[w]) && !ids.includes(ctx.proposed[w]), 'no model before recognition');
        for (const m of res.json.items) assert.ok(['recognised', 'carried_over'].includes(m.status), `status ${m.status}`);
      },
    }),
  },
  'POST /api/v1/councils': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const body = ctx.councilBody(ctx.campaigns[w].id, w);
      return {
        body,
        after: (res) => res.status === 201 && ctx.noteCouncil(res.json),
        check: (res) => assert.deepEqual(res.json.members.map((m) => m.user_id), body.members.map((m) => m.user_id)),
        verifyUnchanged: async () => assertJsonError(await ctx.asAdmin('GET', `/api/v1/councils/${ctx.lastCouncil + 1}`),
          notFound('council_not_found'), 'no council was created'),
      };
    },
  },
  'GET /api/v1/campaigns/{id}/councils': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.campaigns[w].id },
      check: (res) => assert.ok(res.json.items.some((c) => c.id === ctx.councils[w].id && Array.isArray(c.sessions)),
        'the campaign’s council is listed with its sessions'),
    }),
  },
  'GET /api/v1/councils/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('council_not_found')),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.councils[w].id },
      check: (res) => assert.deepEqual(res.json.members.map((m) => m.user_id), COUNCIL[w].map((u) => ctx.userIds[u])),
    }),
  },
  'POST /api/v1/councils/{id}/sessions': {
    auth: true,
    targets: WARDS,
    // Those without a grant on the unit hear 404, as from GET /api/v1/councils/{id}: the council's existence does not leak.
    expect: (a, w) => {
      if (!granted(a, w)) return notFound('council_not_found');
      return manages(a, w) ? ok(201) : FORBIDDEN;
    },
    prepare: (ctx, a, w) => ({
      params: { id: ctx.councils[w].id },
      body: { held_on: `15/06/${ctx.year}`, present_member_ids: ctx.councils[w].members.map((m) => m.id), model_ids: [ctx.proposed[w]] },
      after: (res) => res.status === 201 && ctx.noteSession(res.json),
      check: (res) => assert.deepEqual([res.json.status, res.json.models.map((m) => m.model_id)], ['open', [ctx.proposed[w]]]),
      verifyUnchanged: async () => assertJsonError(await ctx.asAdmin('GET', `/api/v1/sessions/${ctx.lastSession + 1}`),
        notFound('session_not_found'), 'no session was opened'),
    }),
  },
  'GET /api/v1/sessions/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('session_not_found')),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.sessions[w].id },
      check: (res) => {
        assert.equal(res.json.scores_visible, false, 'scores are hidden while the session is open');
        const mine = ctx.councils[w].members.find((m) => m.user_id === ctx.userIds[a.username])?.id ?? null;
        assert.equal(res.json.your_member_id, mine, 'your_member_id iff the caller sits on the council');
      },
    }),
  },
  'POST /api/v1/sessions/{id}/scores': {
    auth: true,
    targets: WARDS,
    expect: memberWrite,
    prepare: async (ctx, a, w) => {
      const s = await ctx.openSession(w);
      return {
        params: { id: s.id },
        body: ctx.scoresBody(w, 9),
        check: async () => {
          const v = await ctx.asActor(a, 'GET', `/api/v1/sessions/${s.id}`);
          assert.equal(v.json.scores.filter((x) => x.member_id === v.json.your_member_id).length, ctx.campaigns[w].criteria.length);
        },
      };
    },
  },
  'POST /api/v1/sessions/{id}/close-scoring': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => officerWrite(a, w, 204),
    prepare: async (ctx, a, w) => {
      const s = await ctx.openSession(w);
      const status = async () => (await ctx.asAdmin('GET', `/api/v1/sessions/${s.id}`)).json.status;
      return {
        params: { id: s.id },
        check: async () => assert.equal(await status(), 'scoring_closed'),
        verifyUnchanged: async () => assert.equal(await status(), 'open'),
      };
    },
  },
  'POST /api/v1/sessions/{id}/ballots': {
    auth: true,
    targets: WARDS,
    expect: memberWrite,
    prepare: async (ctx, a, w) => {
      const s = await ctx.openSession(w);
      return {
        params: { id: s.id },
        body: { model_id: ctx.proposed[w], vote: 'agree' },
        check: async () => {
          const v = await ctx.asActor(a, 'GET', `/api/v1/sessions/${s.id}`);
          assert.equal(v.json.models[0].you_voted, true);
        },
      };
    },
  },
  'POST /api/v1/sessions/{id}/close': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => officerWrite(a, w, 200),
    prepare: async (ctx, a, w, expected) => {
      // A proposed model in its own session: closing decides it (no ballots → not recognised).
      const { model, s } = await ctx.fixture(expected, `close ${w}`, async () => {
        const m = await ctx.createModel(ctx.work[w].id, ctx.owner(w), 'proposed');
        return { model: m, s: await ctx.openSession(w, { council: ctx.workCouncils[w], model: m }) };
      });
      return {
        params: { id: s.id },
        body: {},
        check: async (res) => {
          assert.deepEqual([res.json.status, res.json.models[0].outcome], ['closed', 'not_recognised']);
          assert.equal((await ctx.asAdmin('GET', `/api/v1/models/${model}`)).json.status, 'not_recognised');
        },
        verifyUnchanged: async () => {
          assert.equal((await ctx.asAdmin('GET', `/api/v1/sessions/${s.id}`)).json.status, 'open');
          assert.equal((await ctx.asAdmin('GET', `/api/v1/models/${model}`)).json.status, 'proposed');
        },
      };
    },
  },
  'GET /api/v1/sessions/{id}/minutes.pdf': {
    auth: true,
    targets: WARDS,
    // The minutes back decisions: the council's members, the ward's admins and its signers read them; the other
    // roles of the ward are refused, and those without a grant do not learn that the session exists.
    expect: (a, w) => {
      if (!granted(a, w)) return notFound('session_not_found');
      return sits(a, w) || manages(a, w) || (a.role === 'signer' && a.unit === w) ? ok() : FORBIDDEN;
    },
    prepare: (ctx, a, w) => ({
      params: { id: ctx.closedSessions[w] },
      check: (res) => {
        assert.equal(res.headers['content-type'], 'application/pdf');
        assert.ok(res.body.startsWith('%PDF-'), 'a PDF');
      },
    }),
  },
  // --- commendation (src/services/awards.cpp) ------------------------------------------------------------
  // Fixtures (awardFixtures): per ward an issuer of the People's Committee kind, a draft proposal for the ward's
  // organisation, an issued decision with its certificate, and an event. Award types, base salaries, issuers, events
  // and the public keys are public; proposals, decisions and certificates are read by any grant on the unit (404
  // for others); proposers are the unit admin and the ward's unit members; the ward's signer signs and revokes.
  'GET /api/v1/award-types': {
    expect: PUBLIC,
    prepare: () => ({ check: (res) => assert.ok(res.json.items.some((t) => t.code === 'giay_khen_ubnd_tap_the')) }),
  },
  'POST /api/v1/award-types': {
    auth: true,
    expect: (a) => (a.admin ? ok(201) : FORBIDDEN),
    prepare: (ctx) => {
      const code = `thu_${uniq()}`;
      return {
        body: { code, name: `Giấy khen thử ${code}`, issuer_kind: 'higher_level', subject: 'collective', legal_basis: 'Luật TĐKT 2022', bonus_coefficient: 0.5 },
        check: (res) => assert.equal(res.json.code, code),
        verifyUnchanged: async () =>
          assert.ok(!(await ctx.asAdmin('GET', '/api/v1/award-types')).json.items.some((t) => t.code === code), `no award type ${code}`),
      };
    },
  },
  'GET /api/v1/base-salaries': {
    expect: PUBLIC,
    prepare: () => ({ query: '?on=13/10/2022', check: (res) => assert.equal(res.json.amount, 1490000) }),
  },
  'GET /api/v1/issuers': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(res.json.items.some((i) => i.id === aw.issuers[w].id)) };
    },
  },
  'POST /api/v1/issuers': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const name = `Ủy ban nhân dân thử ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], name, kind: 'peoples_committee_chair', symbol: 'UBT', place: 'Hoàn Kiếm' },
        check: (res) => assert.deepEqual([res.json.unit_id, res.json.document_format], [ctx.units[w], 'state']),
        verifyUnchanged: async () => assert.ok(!(await ctx.asAdmin('GET', `/api/v1/issuers?unit_id=${ctx.units[w]}`))
          .json.items.some((i) => i.name === name), `no issuer "${name}"`),
      };
    },
  },
  'GET /api/v1/proposals': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { query: `?unit_id=${ctx.units[w]}&page_size=200`, check: (res) => assert.ok(res.json.items.some((p) => p.id === aw.proposals[w])) };
    },
  },
  'POST /api/v1/proposals': {
    auth: true,
    // 'ltt' nominates Tổ dân vận số 1, 'ltt.tdv3' Tổ dân vận số 3: a unit member proposes only for the organisation
    // it speaks for (todanvan3 → Tổ dân vận số 3), otherwise 403 not_own_organisation.
    targets: [...WARDS, 'ltt.tdv3'],
    expect: (a, t) => {
      const w = place(t);
      if (manages(a, w)) return ok(201);
      if (a.role !== 'unit_member' || a.unit !== w) return FORBIDDEN;
      return t === 'ltt.tdv3' && a.org === 'tdv3' ? ok(201) : NOT_OWN_ORGANISATION;
    },
    prepare: async (ctx, a, t) => {
      const aw = await awardFixtures(ctx);
      const w = place(t);
      const body = aw.proposalBody(w, t === 'ltt.tdv3' ? ctx.orgs.tdv3 : ctx.orgs[w]);
      return {
        body,
        check: (res) => assert.deepEqual([res.json.status, res.json.nominees.length, res.json.parts.length], ['draft', 1, 2]),
        verifyUnchanged: async () => assert.ok(!(await ctx.asAdmin('GET', `/api/v1/proposals?unit_id=${ctx.units[w]}&page_size=200`))
          .json.items.some((p) => p.title === body.title), `no proposal "${body.title}"`),
      };
    },
  },
  'GET /api/v1/proposals/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('proposal_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.proposals[w] }, check: (res) => assert.equal(res.json.id, aw.proposals[w]) };
    },
  },
  'POST /api/v1/proposals/{id}/transitions': {
    auth: true,
    targets: WARDS,
    // Accepting a submitted proposal for review: the officer's step.
    expect: (a, w) => (!granted(a, w) ? notFound('proposal_not_found') : manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w, expected) => {
      const aw = await awardFixtures(ctx);
      const id = await ctx.fixture(expected, `accept ${w}`, () => aw.proposal(w, 'submitted'));
      const status = async () => (await ctx.asAdmin('GET', `/api/v1/proposals/${id}`)).json.status;
      return {
        params: { id },
        body: { action: 'accept' },
        check: async () => assert.equal(await status(), 'in_review'),
        verifyUnchanged: async () => assert.equal(await status(), 'submitted'),
      };
    },
  },
  'POST /api/v1/proposals/{id}/parts': {
    auth: true,
    targets: WARDS,
    // The ward's draft proposal nominates Tổ dân vận số 1: the unit member (Tổ dân vận số 3) may not complete it.
    expect: (a, w) => (!granted(a, w) ? notFound('proposal_not_found')
      : manages(a, w) ? ok(201) : a.role === 'unit_member' ? NOT_OWN_ORGANISATION : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const parts = async () => (await ctx.asAdmin('GET', `/api/v1/proposals/${aw.proposals[w]}`)).json.parts.length;
      const before = await parts();
      return {
        params: { id: aw.proposals[w] },
        body: { kind: 'attachment', title: 'Minh chứng', file_name: 'minh-chung.pdf', content_base64: TINY_PDF },
        check: (res) => assert.deepEqual([res.json.origin, res.json.media_type], ['uploaded', 'application/pdf']),
        verifyUnchanged: async () => assert.equal(await parts(), before),
      };
    },
  },
  // --- reports (src/services/reports.cpp) ----------------------------------------------------------------
  // Any grant on the unit reads its report; rolled up, Lý Thái Tổ's records count under phường Hoàn Kiếm today.
  'GET /api/v1/reports/models-by-unit': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&year=2022&roll_up=true`,
      check: (res) => {
        assert.equal(res.json.unit.id, ctx.units[w]);
        assert.equal(res.json.roll_up, true);
        if (w === 'ltt') assert.deepEqual(res.json.rows.map((r) => r.unit.name), ['Phường Hoàn Kiếm']);
      },
    }),
  },
  'GET /api/v1/reports/concerns': {
    auth: true,
    // The concern figures, like the models': any grant on the unit. Lý Thái Tổ ('ltt', merged) still has its figures
    // for its own staff; rolled up, its concerns would count under Phường Hoàn Kiếm.
    targets: [...CONCERN_WARDS, 'ltt'],
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&year=${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}&group_by=organisation`,
      check: (res) => assert.deepEqual([res.json.unit_id, typeof res.json.total.received], [ctx.units[w], 'number']),
    }),
  },
  // --- the year report (src/services/year_report.cpp): read by any grant, written by who manages the movement -----
  'GET /api/v1/reports/year': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&year=2022`,
      check: (res) => assert.deepEqual([res.json.unit_id, res.json.can_edit], [ctx.units[w], manages(a, w)]),
    }),
  },
  'GET /api/v1/reports/year/pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&year=2022`,
      check: (res) => assert.equal(res.headers['content-type'], 'application/pdf'),
    }),
  },
  'PUT /api/v1/reports/year': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const situation = `Tình hình ${uniq()}`;
      const read = async () => (await ctx.asAdmin('GET', `/api/v1/reports/year?unit_id=${ctx.units[w]}&year=2022`)).json.text.situation;
      const before = await read();
      return {
        body: { unit_id: ctx.units[w], year: 2022, situation, signer_title: 'Chủ tịch', signer_name: 'Nguyễn Văn An' },
        check: (res) => assert.deepEqual([res.json.text.saved, res.json.text.situation], [true, situation]),
        verifyUnchanged: async () => assert.equal(await read(), before),
      };
    },
  },
  'POST /api/v1/reports/year/preview': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({ body: { unit_id: ctx.units[w], year: 2022, situation: 'Bản nháp' } }),
  },
  // --- plans and outreach activities (src/services/plans.cpp) ---------------------------------------------
  'GET /api/v1/plan-reference': {
    auth: true,
    expect: () => ok(),
    prepare: () => ({ check: (res) => assert.equal(res.json.tasks.length, 5) }),
  },
  'GET /api/v1/plans': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const pl = await planFixtures(ctx);
      return { query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(res.json.items.some((p) => p.id === pl.plans[w])) };
    },
  },
  'POST /api/v1/plans': {
    auth: true,
    targets: PLAN_TARGETS,
    // Creating checks the unit first: staff of another ward are refused, not told "not found".
    expect: (a, t) => (editsPlan(a, t) ? ok(201) : FORBIDDEN),
    prepare: async (ctx, a, t) => {
      await planFixtures(ctx);
      const year = (planYear += 10);
      const org = planOrg(ctx, t);
      const list = async () => (await ctx.asAdmin('GET', `/api/v1/plans?unit_id=${ctx.units[place(t)]}&year=${year}`)).json.items;
      return {
        body: { unit_id: ctx.units[place(t)], ...(org ? { organisation_id: org } : {}), year, targets: [{ kind: 'models_registered', target: 5 }] },
        check: (res) => assert.deepEqual([res.json.year, res.json.targets, res.json.sections.length], [year, 1, 5]),
        verifyUnchanged: async () => assert.deepEqual(await list(), []),
      };
    },
  },
  'GET /api/v1/plans/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => (seesPlan(a, t) ? ok() : notFound('plan_not_found')),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      return { params: { id: pl.plans[t] }, check: (res) => assert.equal(res.json.id, pl.plans[t]) };
    },
  },
  'PATCH /api/v1/plans/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const title = async () => (await ctx.asAdmin('GET', `/api/v1/plans/${pl.plans[t]}`)).json.title;
      const before = await title();
      const wanted = `Kế hoạch ${uniq()}`;
      return {
        params: { id: pl.plans[t] },
        body: { title: wanted, notes: 'Sửa để kiểm thử quyền' },
        check: (res) => assert.equal(res.json.title, wanted),
        verifyUnchanged: async () => assert.equal(await title(), before),
      };
    },
  },
  'POST /api/v1/plans/{id}/carry-over': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 201),
    prepare: async (ctx, a, t, expected) => {
      const pl = await planFixtures(ctx);
      const p = await ctx.fixture(expected, `carry-over plan ${t}`, () => pl.create(t));
      const next = async () => (await ctx.asAdmin('GET', `/api/v1/plans?unit_id=${ctx.units[place(t)]}`)).json.items
        .filter((x) => x.carried_from_id === p.id);
      return {
        params: { id: p.id },
        check: (res) => assert.deepEqual([res.json.plan.year, res.json.plan.carried_from_id, res.json.ended.length], [p.year + 1, p.id, 2]),
        verifyUnchanged: async () => assert.deepEqual(await next(), []),
      };
    },
  },
  'POST /api/v1/plans/{id}/targets': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 201),
    prepare: async (ctx, a, t, expected) => {
      const pl = await planFixtures(ctx);
      const p = await ctx.fixture(expected, `targets plan ${t}`, () => pl.create(t, []));
      const count = async () => (await ctx.asAdmin('GET', `/api/v1/plans/${p.id}`)).json.targets;
      return {
        params: { id: p.id },
        body: { kind: 'dialogues', target: 4, notes: 'Mỗi quý một buổi' },
        check: (res) => assert.deepEqual([res.json.plan_id, res.json.kind], [p.id, 'dialogues']),
        verifyUnchanged: async () => assert.equal(await count(), 0),
      };
    },
  },
  'PATCH /api/v1/plan-targets/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 200, 'target_not_found'),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const value = async () => (await ctx.asAdmin('GET', `/api/v1/plans/${pl.plans[t]}`)).json.sections
        .flatMap((s) => s.targets).find((x) => x.id === pl.counted[t]).target;
      const before = await value();
      const wanted = before + 1;
      return {
        params: { id: pl.counted[t] },
        body: { target: wanted, notes: 'Tăng chỉ tiêu' },
        check: (res) => assert.equal(res.json.target, wanted),
        verifyUnchanged: async () => assert.equal(await value(), before),
      };
    },
  },
  'DELETE /api/v1/plan-targets/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 204, 'target_not_found'),
    prepare: async (ctx, a, t, expected) => {
      const pl = await planFixtures(ctx);
      const p = await ctx.fixture(expected, `delete-target plan ${t}`, () => pl.create(t, [{ kind: 'voters_meetings', target: 2 }]));
      const id = p.sections.flatMap((s) => s.targets)[0].id;
      const count = async () => (await ctx.asAdmin('GET', `/api/v1/plans/${p.id}`)).json.targets;
      return { params: { id }, verifyUnchanged: async () => assert.equal(await count(), 1) };
    },
  },
  'POST /api/v1/plan-targets/{id}/reports': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 201, 'target_not_found'),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const count = async () => (await ctx.asAdmin('GET', `/api/v1/plans/${pl.plans[t]}`)).json.sections
        .flatMap((s) => s.targets).find((x) => x.id === pl.reported[t]).reports.length;
      const before = await count();
      return {
        params: { id: pl.reported[t] },
        body: { reported_on: '01/06/2023', value: 7, evidence: 'Biên bản kết nạp', files: [{ file_name: 'anh.png', content_base64: TINY_PNG }] },
        check: (res) => assert.deepEqual([res.json.value, res.json.files[0].media_type], [7, 'image/png']),
        verifyUnchanged: async () => assert.equal(await count(), before),
      };
    },
  },
  'GET /api/v1/outreach-activities': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const pl = await planFixtures(ctx);
      return {
        query: `?unit_id=${ctx.units[w]}&year=2022`,
        check: (res) => assert.ok(res.json.items.some((x) => x.id === pl.activities[w])),
      };
    },
  },
  'POST /api/v1/outreach-activities': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => (editsPlan(a, t) ? ok(201) : FORBIDDEN),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const body = pl.activityBody(t);
      const found = async () => (await ctx.asAdmin('GET', `/api/v1/outreach-activities?unit_id=${ctx.units[place(t)]}&page_size=200`))
        .json.items.filter((x) => x.topic === body.topic).length;
      return {
        body,
        check: (res) => assert.deepEqual([res.json.topic, res.json.can_edit], [body.topic, true]),
        verifyUnchanged: async () => assert.equal(await found(), 0),
      };
    },
  },
  'GET /api/v1/outreach-activities/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => (seesPlan(a, t) ? ok() : notFound('activity_not_found')),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      return { params: { id: pl.activities[t] }, check: (res) => assert.equal(res.json.files.length >= 1, true) };
    },
  },
  'PUT /api/v1/outreach-activities/{id}': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 200, 'activity_not_found'),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const topic = async () => (await ctx.asAdmin('GET', `/api/v1/outreach-activities/${pl.activities[t]}`)).json.topic;
      const before = await topic();
      const body = pl.activityBody(t);
      return {
        params: { id: pl.activities[t] },
        body,
        check: (res) => assert.equal(res.json.topic, body.topic),
        verifyUnchanged: async () => assert.equal(await topic(), before),
      };
    },
  },
  'POST /api/v1/outreach-activities/{id}/files': {
    auth: true,
    targets: PLAN_TARGETS,
    expect: (a, t) => planWrite(a, t, 201, 'activity_not_found'),
    prepare: async (ctx, a, t) => {
      const pl = await planFixtures(ctx);
      const count = async () => (await ctx.asAdmin('GET', `/api/v1/outreach-activities/${pl.activities[t]}`)).json.file_count;
      const before = await count();
      return {
        params: { id: pl.activities[t] },
        body: { files: [{ file_name: 'bien-ban.pdf', content_base64: TINY_PDF }] },
        // Other actors' calls on the same activity may come between: this one added its file.
        check: (res) => assert.ok(res.json.file_count > before && res.json.files.some((f) => f.file_name === 'bien-ban.pdf')),
        verifyUnchanged: async () => assert.equal(await count(), before),
      };
    },
  },
  'GET /api/v1/plan-files/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('file_not_found')),
    prepare: async (ctx, a, w) => {
      const pl = await planFixtures(ctx);
      return { params: { id: pl.files[w] }, check: (res) => assert.equal(res.headers['content-type'], 'image/png') };
    },
  },
  'GET /api/v1/plan-files/{id}/thumbnail': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('file_not_found')),
    prepare: async (ctx, a, w) => {
      const pl = await planFixtures(ctx);
      return { params: { id: pl.files[w] }, check: (res) => assert.equal(res.headers['content-type'], 'image/jpeg') };
    },
  },
  'GET /api/v1/decisions': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(res.json.items.some((d) => d.id === aw.decisions[w].id)) };
    },
  },
  'POST /api/v1/decisions': {
    auth: true,
    targets: WARDS,
    // Signing a proposal awaiting signature: the ward's signer (leaders sign; officers draft).
    expect: (a, w) => (!granted(a, w) ? notFound('proposal_not_found') : signs(a, w) ? ok(201) : FORBIDDEN),
    prepare: async (ctx, a, w, expected) => {
      const aw = await awardFixtures(ctx);
      const id = await ctx.fixture(expected, `sign ${w}`, () => aw.proposal(w, 'awaiting_signature'));
      return {
        body: aw.decisionBody(id),
        check: (res) => {
          assert.equal(res.json.symbol, `${res.json.number}/QĐ-${aw.issuers[w].symbol}`);
          assert.ok(res.json.beneficiaries[0].certificate_id, 'one certificate per beneficiary');
        },
        verifyUnchanged: async () => assert.equal((await ctx.asAdmin('GET', `/api/v1/proposals/${id}`)).json.status, 'awaiting_signature'),
      };
    },
  },
  'GET /api/v1/decisions/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('decision_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.decisions[w].id }, check: (res) => assert.equal(res.json.symbol, aw.decisions[w].symbol) };
    },
  },
  'POST /api/v1/decisions/{id}/revocation': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (!granted(a, w) ? notFound('decision_not_found') : signs(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w, expected) => {
      const aw = await awardFixtures(ctx);
      const d = await ctx.fixture(expected, `revoke ${w}`, () => aw.decision(w));
      const certificate = async () => (await ctx.asAdmin('GET', `/api/v1/certificates/${d.beneficiaries[0].certificate_id}`)).json.status;
      return {
        params: { id: d.id },
        body: { revoked_on: '20/11/2024', reason: 'Khen thưởng sai đối tượng' },
        check: async (res) => {
          assert.equal(res.json.status, 'revoked');
          assert.equal(await certificate(), 'revoked', 'the certificate follows');
        },
        verifyUnchanged: async () => assert.equal(await certificate(), 'valid'),
      };
    },
  },
  'GET /api/v1/certificates': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('decision_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { query: `?decision_id=${aw.decisions[w].id}`, check: (res) => assert.equal(res.json.items.length, 1) };
    },
  },
  'GET /api/v1/certificates/{id}': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('certificate_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const id = aw.decisions[w].beneficiaries[0].certificate_id;
      return { params: { id }, check: (res) => assert.equal(res.json.decision_symbol, aw.decisions[w].symbol) };
    },
  },
  'GET /api/v1/decisions/{id}/pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('decision_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.decisions[w].id }, check: PDF_CHECK };
    },
  },
  'POST /api/v1/decisions/preview': {
    auth: true,
    targets: WARDS,
    // Whoever may issue the decision (the ward's signer) previews it; nothing is written either way.
    expect: (a, w) => (!granted(a, w) ? notFound('proposal_not_found') : signs(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const id = await aw.awaitingFor(w);
      const status = async () => (await ctx.asAdmin('GET', `/api/v1/proposals/${id}`)).json.status;
      return {
        body: aw.decisionBody(id),
        check: async (res) => {
          PDF_CHECK(res);
          assert.equal(await status(), 'awaiting_signature', 'a preview writes nothing');
        },
        verifyUnchanged: async () => assert.equal(await status(), 'awaiting_signature'),
      };
    },
  },
  'POST /api/v1/decisions/{id}/certificates/print': {
    auth: true,
    targets: WARDS,
    // Printing is a read of the decision: any grant on the ward; a background job (202).
    expect: (a, w) => (granted(a, w) ? ok(202) : notFound('decision_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return {
        params: { id: aw.decisions[w].id },
        check: (res) => assert.deepEqual([res.json.total, typeof res.json.id, ['running', 'done'].includes(res.json.state)], [1, 'string', true]),
      };
    },
  },
  'GET /api/v1/print-jobs/{id}': {
    auth: true,
    targets: WARDS,
    // The admin's job: read by whoever reads its decision; others do not learn that it exists.
    expect: (a, w) => (granted(a, w) ? ok() : notFound('print_job_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const id = await aw.jobFor(w);
      return { params: { id }, check: (res) => assert.deepEqual([res.json.state, res.json.done, res.json.total], ['done', 1, 1]) };
    },
  },
  'GET /api/v1/print-jobs/{id}/pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('print_job_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: await aw.jobFor(w) }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/certificates/{id}/pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('certificate_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.decisions[w].beneficiaries[0].certificate_id }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/proposals/{id}/dossier/submission.pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('proposal_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.proposals[w] }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/proposals/{id}/dossier/achievements.pdf': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('proposal_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.proposals[w] }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/proposals/{id}/dossier/minutes.pdf': {
    auth: true,
    targets: WARDS,
    // The council session's minutes, with their readers (as GET /sessions/{id}/minutes.pdf): the council's members,
    // the ward's admins and its signers; the ward's other roles are refused.
    expect: (a, w) => {
      if (!granted(a, w)) return notFound('proposal_not_found');
      return sits(a, w) || manages(a, w) || (a.role === 'signer' && a.unit === w) ? ok() : FORBIDDEN;
    },
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: await aw.votedFor(w) }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/events/{id}/program.pdf': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.events[w].id }, check: PDF_CHECK };
    },
  },
  'GET /api/v1/events': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(res.json.items.some((e) => e.id === aw.events[w].id)) };
    },
  },
  'POST /api/v1/events': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const body = aw.eventBody(w);
      return {
        body,
        check: (res) => assert.deepEqual(res.json.anniversaries.map((x) => x.count), [94, 25]),
        verifyUnchanged: async () => assert.ok(!(await ctx.asAdmin('GET', `/api/v1/events?unit_id=${ctx.units[w]}`))
          .json.items.some((e) => e.title === body.title), `no event "${body.title}"`),
      };
    },
  },
  'GET /api/v1/events/{id}': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return { params: { id: aw.events[w].id }, check: (res) => assert.equal(res.json.segments[0].recipients.length, 1) };
    },
  },
  'GET /api/v1/events/{id}/calendar.ics': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      return {
        params: { id: aw.events[w].id },
        check: (res) => {
          assert.match(res.headers['content-type'], /^text\/calendar/);
          assert.ok(res.body.startsWith('BEGIN:VCALENDAR\r\n') && res.body.includes('DTSTART:20241015T010000Z'));
        },
      };
    },
  },
  'GET /.well-known/jwks.json': {
    expect: PUBLIC,
    prepare: () => ({ check: (res) => assert.ok(res.json.keys.length >= 1 && res.json.keys.every((k) => k.crv === 'Ed25519' && !k.d)) }),
  },
  // Signed certificates (src/services/awards_credentials.cpp): the credential is read like its certificate; the
  // verification by public id is public; rotating the signing key is the system admin's (audited; the old key stays
  // published, so every cell may rotate without breaking the others).
  'GET /api/v1/certificates/{id}/credential': {
    auth: true,
    targets: WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : notFound('certificate_not_found')),
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const id = aw.decisions[w].beneficiaries[0].certificate_id;
      return {
        params: { id },
        check: (res) => {
          assert.match(res.headers['content-type'], /^application\/vc\+jwt/);
          assert.match(res.body, /^[\w-]+\.[\w-]+\.[\w-]+$/);
          assert.match(res.headers['content-disposition'], /^attachment; filename="certificate-[\w-]+\.jwt"$/);
        },
      };
    },
  },
  'GET /api/v1/public/verify/{public_id}': {
    targets: WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const aw = await awardFixtures(ctx);
      const id = aw.decisions[w].beneficiaries[0].certificate_id;
      const publicId = (await ctx.asAdmin('GET', `/api/v1/certificates/${id}`)).json.public_id;
      return {
        params: { public_id: publicId },
        check: (res) => {
          assert.equal(res.json.certificate.public_id, publicId);
          assert.equal(res.json.signature_valid, true);
          assert.equal(res.json.decision.symbol, aw.decisions[w].symbol);
        },
      };
    },
  },
  'POST /api/v1/signing-keys/rotation': {
    auth: true,
    expect: (a) => (a.admin ? ok(201) : FORBIDDEN),
    prepare: async (ctx) => {
      const kids = async () => (await ctx.asAdmin('GET', '/.well-known/jwks.json')).json.keys.map((k) => k.kid).sort();
      const before = await kids();
      return {
        body: {},
        check: async (res) => {
          assert.equal(res.json.status, 'active');
          assert.deepEqual(await kids(), [...before, res.json.kid].sort(), 'the old keys stay published');
        },
        verifyUnchanged: async () => assert.deepEqual(await kids(), before),
      };
    },
  },
  // --- residents' concerns (src/services/concerns.cpp, src/http/handlers/concerns.cpp) ----------------------
  // Fixtures (setUpConcerns): per current ward ('phk', 'pcn') categories routed to its Front, an open concern and
  // one answered with the resident's photo; 'phk.ubnd' an open concern handed over to the People's Committee. The
  // public channel answers the same to everyone, account or not (residents act with the code and the PIN); staff
  // reads need any grant on the ward (others: 404 for a concern, 403 for a ward's lists), the steps are for whoever
  // handles the concern (MayHandle) and assigning, rejecting, out of scope, duplicates, categories, routing rules,
  // templates and intake for the unit admin (MayManage). The working calendar is the system admin's.
  'GET /api/v1/public/concern-categories': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}`,
      check: (res) => {
        const codes = res.json.items.map((c) => c.code);
        assert.ok(codes.includes(ctx.cat[w].code), "the ward's category is offered");
        assert.ok(!codes.includes(ctx.cat[w === 'phk' ? 'pcn' : 'phk'].code), "not the other ward's");
      },
    }),
  },
  'GET /api/v1/concern-reasons': {
    expect: PUBLIC,
    prepare: () => ({ check: (res) => assert.deepEqual(res.json.scope_exclusions.map((x) => x.code), ['complaint', 'denunciation', 'state_secret']) }),
  },
  'GET /api/v1/public/map-settings': { expect: PUBLIC },
  'POST /api/v1/public/concerns/similar': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      body: { unit_id: ctx.units[w], category_code: ctx.cat[w].code, latitude: 21.0285, longitude: 105.8542, text: 'Đèn đường hỏng' },
      check: (res) => assert.ok(res.json.items.every((c) => c.unit_id === ctx.units[w] && !('reporter_name' in c))),
    }),
  },
  'GET /api/v1/public/concerns': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&page_size=200`,
      check: (res) => assert.ok(res.json.items.some((c) => c.code === ctx.openConcern[w].code), "the ward's concern is listed"),
    }),
  },
  'POST /api/v1/public/concerns': {
    // Anyone sends (an account changes nothing: the concern is the resident's, the channel "web").
    targets: CONCERN_WARDS,
    expect: () => ok(201),
    prepare: (ctx, a, w) => ({
      body: { unit_id: ctx.units[w], category_code: ctx.cat[w].code, description: `Rác tồn đọng ${uniq()}`, address: 'Ngõ Thử',
        name: ctx.concernSecret[w].name, contact: ctx.concernSecret[w].contact, contact_visible: true },
      check: async (res) => {
        assert.match(res.json.code, /^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        assert.match(res.json.pin, /^\d{6}$/);
        const c = await ctx.concernOf(res.json.id);
        assert.deepEqual([c.channel, c.organisation_id], ['web', ctx.orgs[`${w}.front`]], 'routed to the Front');
      },
    }),
  },
  'GET /api/v1/public/concerns/{code}': {
    targets: Object.keys(CONCERN_OWNER),
    expect: PUBLIC,
    prepare: (ctx, a, t) => ({
      params: { code: ctx.openConcern[t].code },
      check: (res) => assert.deepEqual([res.json.code, res.json.status.code], [ctx.openConcern[t].code, t === 'phk.ubnd' ? 'assigned' : 'submitted']),
    }),
  },
  'POST /api/v1/public/concerns/{code}/follow': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => ({
      params: { code: ctx.openConcern[w].code },
      body: { pin: ctx.openConcern[w].pin },
      check: (res) => assert.deepEqual([res.json.concern.code, res.json.can_add_information], [ctx.openConcern[w].code, true]),
    }),
  },
  'POST /api/v1/public/concerns/{code}/information': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: (ctx, a, w) => {
      const text = `Thêm thông tin ${uniq()}`;
      return {
        params: { code: ctx.openConcern[w].code },
        body: { pin: ctx.openConcern[w].pin, text },
        check: (res) => assert.ok(res.json.concern.timeline.some((e) => e.kind === 'info_added' && e.body === text)),
      };
    },
  },
  'POST /api/v1/public/concerns/{code}/rating': {
    // A fresh answered concern per cell: one rating per resolution.
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const c = await ctx.resolvedConcern(w);
      return {
        params: { code: c.code },
        body: { pin: c.pin, stars: 4, comment: 'Cảm ơn phường' },
        check: (res) => assert.deepEqual([res.json.concern.status.code, res.json.can_rate], ['closed', false]),
      };
    },
  },
  'POST /api/v1/public/concerns/{code}/reopening': {
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const c = await ctx.resolvedConcern(w);
      return {
        params: { code: c.code },
        body: { pin: c.pin, reason: 'Đèn lại hỏng sau hai ngày' },
        check: (res) => assert.equal(res.json.concern.status.code, 'reopened'),
      };
    },
  },
  'POST /api/v1/public/concerns/{code}/support': {
    // An address counts once and every cell comes from 127.0.0.1: a fresh concern per cell.
    targets: CONCERN_WARDS,
    expect: PUBLIC,
    prepare: async (ctx, a, w) => {
      const c = await ctx.sendConcern(w);
      return { params: { code: c.code }, body: {}, check: (res) => assert.equal(res.json.supporters, 1) };
    },
  },
  'GET /api/v1/public/concerns/{code}/files/{file_id}': {
    // The resident's photo is public, but never for a sensitive category (for anyone).
    targets: ['phk', 'phk.sensitive'],
    expect: (a, t) => (t === 'phk' ? ok() : notFound('file_not_found')),
    prepare: (ctx, a, t) => ({
      params: { code: ctx.withPhoto[t].code, file_id: ctx.withPhoto[t].photo },
      check: (res) => assert.equal(res.headers['content-type'], 'image/png'),
    }),
  },
  'GET /api/v1/public/concerns/{code}/files/{file_id}/thumbnail': {
    targets: ['phk', 'phk.sensitive'],
    expect: (a, t) => (t === 'phk' ? ok() : notFound('file_not_found')),
    prepare: (ctx, a, t) => ({
      params: { code: ctx.withPhoto[t].code, file_id: ctx.withPhoto[t].photo },
      check: (res) => assert.equal(res.headers['content-type'], 'image/jpeg'),
    }),
  },
  'GET /api/v1/concerns': {
    auth: true,
    targets: CONCERN_WARDS,
    // The ward's queue for any grant on it; a unit member sees its organisation's only.
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({
      query: `?unit_id=${ctx.units[w]}&page_size=200`,
      check: (res) => {
        assert.ok(res.json.items.length > 0 && res.json.items.every((c) => c.unit_id === ctx.units[w]));
        if (a.org) assert.ok(res.json.items.every((c) => c.organisation_id === ctx.orgs[a.org]), "a member sees its organisation's queue");
        for (const c of res.json.items) assert.equal(c.contact_shown, c.may_handle && c.contact_visible, `contact of ${c.code}`);
      },
    }),
  },
  'POST /api/v1/concerns': {
    auth: true,
    targets: CONCERN_WARDS,
    // Taken down by phone or at the desk: the unit admin's (MayManage), the unit is public so other wards hear 403.
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const description = `Gọi điện báo ngập nước ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], category_code: ctx.cat[w].code, channel: 'phone', description, address: 'Phố Thử',
          name: ctx.concernSecret[w].name, contact: ctx.concernSecret[w].contact, contact_visible: true },
        check: async (res) => assert.deepEqual([(await ctx.concernOf(res.json.id)).status], ['received']),
        verifyUnchanged: async () => assert.equal((await ctx.asAdmin('GET',
          `/api/v1/concerns?unit_id=${ctx.units[w]}&q=${encodeURIComponent(description)}`)).json.total, 0, 'no concern was taken down'),
      };
    },
  },
  'POST /api/v1/concern-batches': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const description = `Ý kiến cử tri ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], kind: 'voters_meeting', title: `Tiếp xúc cử tri ${uniq()}`, held_on: '2025-12-01',
          concerns: [{ category_code: ctx.cat[w].code, description, address: 'Tổ dân phố số 1' }] },
        check: (res) => assert.equal(res.json.concerns.length, 1),
        verifyUnchanged: async () => assert.equal((await ctx.asAdmin('GET',
          `/api/v1/concerns?unit_id=${ctx.units[w]}&q=${encodeURIComponent(description)}`)).json.total, 0, 'no batch was written'),
      };
    },
  },
  'GET /api/v1/concerns/{id}': {
    auth: true,
    targets: Object.keys(CONCERN_OWNER),
    // Name and contact only for those who handle it (the resident allowed it): not the ward's viewer, nor the Front's
    // member once the concern went to the UBND.
    expect: (a, t) => (seesConcern(a, t) ? ok() : notFound('concern_not_found')),
    prepare: (ctx, a, t) => ({
      params: { id: ctx.openConcern[t].id },
      check: (res) => {
        assert.equal(res.json.contact_shown, handles(a, t), 'contact_shown');
        assert.equal(res.json.reporter_name, handles(a, t) ? ctx.concernSecret[t].name : null);
        assert.equal(res.json.reporter_contact, handles(a, t) ? ctx.concernSecret[t].contact : null);
      },
    }),
  },
  'POST /api/v1/concerns/{id}/steps': {
    auth: true,
    // '<owner>.<action>' on a fresh concern: new (routed to the Front), or 'phk.ubnd' already handed to the UBND.
    targets: ['phk.receive', 'pcn.receive', 'phk.ubnd.start', 'phk.hand_over', 'phk.reject'],
    expect: (a, t) => {
      const { owner, action } = transitionTarget(t);
      if (!seesConcern(a, owner)) return notFound('concern_not_found');
      return (MANAGER_STEPS.includes(action) ? manages(a, place(owner)) : handles(a, owner)) ? ok() : FORBIDDEN;
    },
    prepare: async (ctx, a, t, expected) => {
      const { owner, action } = transitionTarget(t);
      const c = await ctx.fixture(expected, `step ${t}`, () => ctx.sendConcern(owner));
      const status = async () => (await ctx.concernOf(c.id)).status;
      const was = await status();
      const body = { action, hand_over: { organisation_id: ctx.orgs['phk.ubnd'], text: 'Thuộc thẩm quyền UBND' },
        reject: { reason_code: 'insufficient_information' } }[action];
      return {
        params: { id: c.id },
        body: { action, ...body },
        check: (res) => assert.equal(res.json.status, { receive: 'received', start: 'in_progress', hand_over: 'assigned', reject: 'rejected' }[action]),
        verifyUnchanged: async () => assert.equal(await status(), was),
      };
    },
  },
  'POST /api/v1/concerns/{id}/comments': {
    auth: true,
    targets: Object.keys(CONCERN_OWNER),
    expect: (a, t) => {
      if (!seesConcern(a, t)) return notFound('concern_not_found');
      return handles(a, t) ? ok() : FORBIDDEN;
    },
    prepare: (ctx, a, t) => {
      const text = `Ghi chú nội bộ ${uniq()}`;
      return {
        params: { id: ctx.openConcern[t].id },
        body: { text, public: false },
        check: (res) => assert.ok(res.json.events.some((e) => e.kind === 'note' && e.body === text && e.public === false)),
        verifyUnchanged: async () => assert.ok(!(await ctx.concernOf(ctx.openConcern[t].id)).events.some((e) => e.body === text)),
      };
    },
  },
  'PUT /api/v1/concerns/{id}/draft-answer': {
    auth: true,
    targets: Object.keys(CONCERN_OWNER),
    expect: (a, t) => {
      if (!seesConcern(a, t)) return notFound('concern_not_found');
      return handles(a, t) ? ok() : FORBIDDEN;
    },
    prepare: (ctx, a, t) => {
      const text = `Dự thảo trả lời ${uniq()}`;
      return {
        params: { id: ctx.openConcern[t].id },
        body: { text },
        check: (res) => assert.equal(res.json.draft_answer, text),
        verifyUnchanged: async () => assert.notEqual((await ctx.concernOf(ctx.openConcern[t].id)).draft_answer, text),
      };
    },
  },
  'GET /api/v1/home': {
    auth: true,
    // Anyone signed in has a home: one block per role on its units (a viewer: none), the charts over its first unit.
    expect: () => ok(),
    prepare: (ctx, a) => ({
      check: (res) => {
        const kinds = res.json.blocks.map((b) => b.kind);
        const expected = { unit_admin: 'officer', unit_member: 'member', signer: 'signer', council_member: 'council' }[a.role];
        if (expected) assert.ok(kinds.includes(expected), `${a.key}: ${kinds}`);
        if (a.role === 'viewer') assert.deepEqual(kinds, []);
        if (a.admin) assert.ok(kinds.includes('city'), `the admin compares the wards of each province: ${kinds}`);
        if (a.unit) assert.equal(res.json.charts.unit.id, ctx.units[a.unit]);
        for (const b of res.json.blocks) if (a.unit) assert.equal(b.unit.id, ctx.units[a.unit]);
      },
    }),
  },
  'GET /api/v1/alerts': {
    auth: true,
    expect: () => ok(),
    prepare: () => ({
      check: (res) => {
        assert.ok(Array.isArray(res.json.items));
        assert.equal(typeof res.json.unread, 'number');
      },
    }),
  },
  'POST /api/v1/alerts/{id}/read': {
    auth: true,
    // Own alerts only: anyone else's answers as if it did not exist, the system admin's call included.
    targets: ['own', 'other'],
    expect: (a, t) => (t === 'own' ? ok() : notFound('alert_not_found')),
    prepare: (ctx, a, t) => {
      const concernId = Object.values(ctx.openConcern)[0].id;
      const owner = t === 'own' && a.username ? ctx.userIds[a.username] : ctx.userIds[a.username === 'admin' ? 'xem.lythaito' : 'admin'];
      const id = alertFor(ctx, owner, concernId);
      const readAt = () => sqliteRun(ctx.dbPath, `SELECT coalesce(read_at, 'unread') FROM concern_alerts WHERE id = ${id};`);
      return {
        params: { id },
        body: {},
        check: (res) => assert.deepEqual([res.json.id, res.json.read], [id, true]),
        verifyUnchanged: async () => assert.equal(readAt(), 'unread'),
      };
    },
  },
  'POST /api/v1/concerns/{id}/category': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => {
      if (!seesConcern(a, w)) return notFound('concern_not_found');
      return manages(a, w) ? ok() : FORBIDDEN;
    },
    prepare: async (ctx, a, w, expected) => {
      const c = await ctx.fixture(expected, `recategorise ${w}`, () => ctx.sendConcern(w));
      return {
        params: { id: c.id },
        body: { category_code: ctx.cat2[w].code },
        check: (res) => assert.equal(res.json.category.code, ctx.cat2[w].code),
        verifyUnchanged: async () => assert.equal((await ctx.concernOf(c.id)).category.code, ctx.cat[w].code),
      };
    },
  },
  'GET /api/v1/concerns/{id}/files/{file_id}': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (seesConcern(a, w) ? ok() : notFound('concern_not_found')),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.withPhoto[w].id, file_id: ctx.withPhoto[w].photo },
      check: (res) => assert.equal(res.headers['content-type'], 'image/png'),
    }),
  },
  'GET /api/v1/concerns/{id}/files/{file_id}/thumbnail': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (seesConcern(a, w) ? ok() : notFound('concern_not_found')),
    prepare: (ctx, a, w) => ({
      params: { id: ctx.withPhoto[w].id, file_id: ctx.withPhoto[w].photo },
      check: (res) => assert.equal(res.headers['content-type'], 'image/jpeg'),
    }),
  },
  'GET /api/v1/concern-categories': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({ query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(res.json.items.some((c) => c.id === ctx.cat[w].id)) }),
  },
  'POST /api/v1/concern-categories': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const code = `thu-${w}-${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], code, name: `Lĩnh vực thử ${code}`, urgency: 'urgent' },
        check: (res) => assert.deepEqual([res.json.code, res.json.unit_id], [code, ctx.units[w]]),
        verifyUnchanged: async () => assert.ok(!(await ctx.asAdmin('GET', `/api/v1/concern-categories?unit_id=${ctx.units[w]}`))
          .json.items.some((c) => c.code === code), `no category ${code}`),
      };
    },
  },
  'PUT /api/v1/concern-categories/{id}': {
    auth: true,
    targets: CONCERN_WARDS,
    // A category is no secret (the public lists them): those who may not change it hear 403 whatever their grant.
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const name = `Hạ tầng đã sửa ${uniq()}`;
      const c = ctx.editCat[w];
      return {
        params: { id: c.id },
        body: { unit_id: c.unit_id, code: c.code, name, default_organisation_id: c.default_organisation_id },
        check: (res) => assert.equal(res.json.name, name),
        verifyUnchanged: async () => assert.notEqual((await ctx.asAdmin('GET', `/api/v1/concern-categories?unit_id=${ctx.units[w]}`))
          .json.items.find((x) => x.id === c.id).name, name),
      };
    },
  },
  'GET /api/v1/units/{id}/concern-rules': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({ params: { id: ctx.units[w] }, check: (res) => assert.ok(Array.isArray(res.json.items)) }),
  },
  'PUT /api/v1/units/{id}/concern-rules': {
    auth: true,
    targets: CONCERN_WARDS,
    // The rule sends the main category to the Front, as its default does: routing of the other fixtures is unchanged.
    expect: (a, w) => (manages(a, w) ? ok() : FORBIDDEN),
    prepare: async (ctx, a, w) => {
      const rules = async () => (await ctx.asAdmin('GET', `/api/v1/units/${ctx.units[w]}/concern-rules`)).json.items.length;
      const before = await rules();
      return {
        params: { id: ctx.units[w] },
        body: { rules: [{ category_id: ctx.cat[w].id, organisation_id: ctx.orgs[`${w}.front`] }] },
        check: (res) => assert.deepEqual(res.json.items.map((r) => [r.position, r.organisation_id]), [[1, ctx.orgs[`${w}.front`]]]),
        verifyUnchanged: async () => assert.equal(await rules(), before),
      };
    },
  },
  'GET /api/v1/concern-templates': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (granted(a, w) ? ok() : FORBIDDEN),
    prepare: (ctx, a, w) => ({ query: `?unit_id=${ctx.units[w]}`, check: (res) => assert.ok(Array.isArray(res.json.items)) }),
  },
  'POST /api/v1/concern-templates': {
    auth: true,
    targets: CONCERN_WARDS,
    expect: (a, w) => (manages(a, w) ? ok(201) : FORBIDDEN),
    prepare: (ctx, a, w) => {
      const title = `Mẫu trả lời ${uniq()}`;
      return {
        body: { unit_id: ctx.units[w], title, body: 'Phường đã tiếp nhận và xử lý.' },
        check: (res) => assert.equal(res.json.title, title),
        verifyUnchanged: async () => assert.ok(!(await ctx.asAdmin('GET', `/api/v1/concern-templates?unit_id=${ctx.units[w]}`))
          .json.items.some((x) => x.title === title), `no template "${title}"`),
      };
    },
  },
  'GET /api/v1/work-calendar': { expect: PUBLIC },
  'GET /api/v1/work-calendar/proposed-holidays': {
    expect: PUBLIC,
    prepare: () => ({ query: '?year=2026', check: (res) => assert.ok(res.json.items.some((d) => d.date === '2026-09-02')) }),
  },
  'PUT /api/v1/work-calendar': {
    auth: true,
    // The calendar is national: system admins only, ward staff included in the refusal. The same week saved again.
    expect: (a) => (a.admin ? ok() : FORBIDDEN),
    prepare: async (ctx) => {
      const current = (await ctx.asAdmin('GET', '/api/v1/work-calendar')).json;
      const version = async () => (await ctx.asAdmin('GET', '/api/v1/work-calendar')).json.version;
      return {
        body: { week: current.week, days: current.days, note: `Lưu lại ${uniq()}` },
        check: (res) => assert.ok(res.json.stored && res.json.version > current.version),
        verifyUnchanged: async () => assert.equal(await version(), current.version),
      };
    },
  },

  // --- Open311 GeoReport v2 (src/http/handlers/open311.cpp) ---------------------------------------------------
  // Public like the rest of the channel: the jurisdiction is a current ward's official code (Phường Cửa Nam's code is
  // also its ended namesake's: the one in force is meant). POST requests needs an api_key, any valid danvan API token
  // (the matrix sends it as a bearer), whoever it belongs to: it names the client app, not a staff role. Errors
  // come in Open311's own shape (open311 flag: see assertOpen311Error).
  ...open311Rows(),
};

/** An Open311 error: the status, and the specification's list of {code, description} (XML or JSON by the path). */
function assertOpen311Error(res, expected, pattern) {
  assert.equal(res.status, expected.status, `status: ${res.body.slice(0, 200)}`);
  if (pattern.endsWith('.json')) {
    assert.ok(Array.isArray(res.json) && res.json[0]?.code === expected.status, `an Open311 error list: ${res.body.slice(0, 200)}`);
    assert.match(res.json[0].description, / \/ /, 'the description in Vietnamese / English');
  } else {
    assert.match(res.headers['content-type'] ?? '', /^text\/xml/);
    assert.ok(res.body.includes(`<code>${expected.status}</code>`), `an Open311 error list: ${res.body.slice(0, 200)}`);
  }
}

/** The Open311 rows, one per format; every path ends in .xml or .json. */
function open311Rows() {
  const INVALID_API_KEY = { status: 403, open311: true };
  const jurisdiction = (ctx, w) => `?jurisdiction_id=${encodeURIComponent(ctx.unitCodes[w])}`;
  // The answer's list, in either format: the JSON array, or the XML text.
  const has = (res, f, text) => assert.ok((f === 'json' ? JSON.stringify(res.json) : res.body).includes(text), `${text} in the answer`);
  const rows = {};
  for (const f of ['xml', 'json']) {
    rows[`GET /open311/v2/discovery.${f}`] = { open311: true, expect: PUBLIC, prepare: () => ({ check: (res) => has(res, f, '/open311/v2') }) };
    rows[`GET /open311/v2/services.${f}`] = {
      open311: true,
      targets: CONCERN_WARDS,
      expect: PUBLIC,
      prepare: (ctx, a, w) => ({ query: jurisdiction(ctx, w), check: (res) => has(res, f, ctx.cat[w].code) }),
    };
    rows[`GET /open311/v2/services/{service_code}.${f}`] = {
      open311: true,
      targets: CONCERN_WARDS,
      expect: PUBLIC,
      prepare: (ctx, a, w) => ({ params: { service_code: ctx.cat[w].code }, query: jurisdiction(ctx, w), check: (res) => has(res, f, ctx.cat[w].code) }),
    };
    rows[`GET /open311/v2/requests.${f}`] = {
      open311: true,
      targets: CONCERN_WARDS,
      expect: PUBLIC,
      prepare: (ctx, a, w) => ({ query: jurisdiction(ctx, w), check: (res) => has(res, f, ctx.openConcern[w].code) }),
    };
    rows[`POST /open311/v2/requests.${f}`] = {
      open311: true,
      targets: CONCERN_WARDS,
      expect: (a) => (authenticated(a) ? ok() : INVALID_API_KEY),
      prepare: async (ctx, a, w) => {
        const description = `Open311 vỉa hè vỡ ${uniq()}`;
        const total = async () => (await ctx.asAdmin('GET', `/api/v1/public/concerns?unit_id=${ctx.units[w]}&page_size=1`)).json.total;
        const before = await total();
        // In Phường Cửa Nam the key travels as the specification sends it, the api_key form field, and no bearer.
        const key = w === 'pcn' && ctx.tokens[a.key] ? { api_key: ctx.tokens[a.key] } : {};
        return {
          query: jurisdiction(ctx, w),
          noBearer: w === 'pcn',
          rawBody: new URLSearchParams({ service_code: ctx.cat[w].code, description, lat: '21.0285', long: '105.8542',
            first_name: ctx.concernSecret[w].name, phone: ctx.concernSecret[w].contact, ...key }).toString(),
          contentType: 'application/x-www-form-urlencoded',
          check: (res) => assert.match(f === 'json' ? res.json[0].service_request_id : res.body, /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/),
          verifyUnchanged: async () => assert.equal(await total(), before, 'no concern was sent'),
        };
      },
    };
    for (const [resource, param] of [['requests', 'service_request_id'], ['tokens', 'token']]) {
      rows[`GET /open311/v2/${resource}/{${param}}.${f}`] = {
        open311: true,
        targets: CONCERN_WARDS,
        expect: PUBLIC,
        prepare: (ctx, a, w) => ({
          params: { [param]: ctx.openConcern[w].code }, query: jurisdiction(ctx, w), check: (res) => has(res, f, ctx.openConcern[w].code),
        }),
      };
    }
  }
  return rows;
}

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
    // Every public send comes from 127.0.0.1: the per-address limits would refuse the matrix's own fixtures.
    server = await startServer({ dbPath, settings: { 'concerns.sent_per_hour': 100000, 'concerns.sent_per_day': 1000000 } });
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
    // The wards in force today (the demo's merger of 01/07/2025): Phường Hoàn Kiếm, and Phường Cửa Nam (whose old
    // namesake of Quận Hoàn Kiếm, same code, ended that day).
    const currentWard = async (q, name) => {
      const r = await ctx.asAdmin('GET', `/api/v1/units?q=${encodeURIComponent(q)}&page_size=200`);
      const u = r.json.items.find((x) => x.name === name && x.valid_to === null);
      assert.ok(u, `${name} in force today in ${r.body}`);
      return u;
    };
    ctx.units.phk = (await currentWard('hoan kiem', 'Phường Hoàn Kiếm')).id;
    const pcn = await currentWard('cua nam', 'Phường Cửa Nam');
    ctx.units.pcn = pcn.id;
    ctx.unitCodes = { phk: 'phuong-hoan-kiem', pcn: pcn.code };
    // Their Front (MTTQ) and People's Committee (UBND): the demo's where it has them, else made now.
    for (const [key, w, kind, name] of [['phk.front', 'phk', 'mttq', 'Ủy ban MTTQ Việt Nam phường Hoàn Kiếm'],
      ['phk.ubnd', 'phk', 'ubnd', 'Ủy ban nhân dân phường Hoàn Kiếm'], ['pcn.front', 'pcn', 'mttq', 'Ủy ban MTTQ Việt Nam phường Cửa Nam']]) {
      const list = await ctx.asAdmin('GET', `/api/v1/organisations?unit_id=${ctx.units[w]}&page_size=200`);
      ctx.orgs[key] = list.json.items.find((o) => o.kind === kind && o.unit_id === ctx.units[w] && o.status === 'active')?.id;
      if (ctx.orgs[key]) continue;
      const r = await ctx.asAdmin('POST', '/api/v1/organisations', { unit_id: ctx.units[w], kind, name, valid_from: '01/07/2025' });
      assert.equal(r.status, 201, r.body);
      ctx.orgs[key] = r.json.id;
    }

    // The other wards' staff, and one plain user per ward for the others to aim at.
    const createUser = async (username, role, unit, password, org) => {
      const r = await ctx.asAdmin('POST', '/api/v1/users', {
        username, display_name: `Người dùng ${username}`, password,
        grants: [{ role, unit_id: ctx.units[unit], ...(org ? { organisation_id: ctx.orgs[org] } : {}) }],
      });
      assert.equal(r.status, 201, r.body);
      return r.json;
    };
    for (const a of ACTORS.filter((x) => x.create)) {
      ctx.passwords[a.username] = `Mật khẩu ${a.username}`;
      await createUser(a.username, a.role, a.unit, ctx.passwords[a.username], a.org);
    }
    for (const w of [...WARDS, 'phk']) ctx.targetUsers[w] = await createUser(`muctieu.${w}`, 'viewer', w, `Mật khẩu mục tiêu ${w}`);
    // Council members besides the demo's hoidong.lythaito (see COUNCIL).
    const councilUsers = Object.entries(COUNCIL).flatMap(([w, names]) => names.map((u) => [u, w]))
      .filter(([u]) => u !== 'hoidong.lythaito');
    for (const [u, w] of councilUsers) await createUser(u, 'council_member', w, `Mật khẩu ${u}`);
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
    ctx.memberTokens = { 'hoidong.lythaito': ctx.tokens['ltt.council'] };
    for (const [u] of councilUsers) ctx.memberTokens[u] = (await ctx.issueToken(ctx.userIds[u], `matrix ${u}`)).token;
    ctx.asActor = (a, method, p, body) => call(method, p, { token: ctx.tokens[a.key], body });
    const revoked = await ctx.issueToken(ctx.userIds['xem.lythaito'], 'matrix revoked');
    assert.equal((await call('DELETE', `/api/v1/tokens/${revoked.id}`, { token: ctx.tokens.admin })).status, 204);
    ctx.tokens.revoked = revoked.token;

    // Organisations: the demo's "Tổ dân vận số 1" in Lý Thái Tổ, and one made now in Hàng Bạc.
    const lttOrgs = await ctx.asAdmin('GET', `/api/v1/organisations?unit_id=${ltt.id}&page_size=200`);
    ctx.orgs.ltt = lttOrgs.json.items.find((o) => o.name === 'Tổ dân vận số 1')?.id;
    assert.ok(ctx.orgs.ltt, 'Tổ dân vận số 1 of Lý Thái Tổ');
    ctx.orgs.tdv1 = ctx.orgs.ltt;
    ctx.orgs.tdv3 = lttOrgs.json.items.find((o) => o.name === 'Tổ dân vận số 3')?.id;
    assert.ok(ctx.orgs.tdv3, 'Tổ dân vận số 3 of Lý Thái Tổ');
    const hbOrg = await ctx.asAdmin('POST', '/api/v1/organisations',
      { unit_id: hb.id, kind: 'to_dan_van', name: 'Tổ dân vận số 1 phường Hàng Bạc', valid_from: '01/01/2015' });
    assert.equal(hbOrg.status, 201, hbOrg.body);
    ctx.orgs.hb = hbOrg.json.id;
    ctx.owner = (t) => ctx.orgs[ownerOf(t)];
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

    await setUpMovement();
    await setUpConcerns();
  });

  /**
   * Residents' concerns in the current wards, made through the API: the public sends them (with a name and a contact
   * we look for in every answer, see assertNoLeak), the system admin takes the staff steps.
   */
  async function setUpConcerns() {
    const expectStatus = (res, status, what) => {
      assert.equal(res.status, status, `${what}: ${res.body.slice(0, 300)}`);
      return res.json;
    };
    ctx.concernSecret = {
      phk: { name: 'Đỗ Thị Phản Ánh', contact: '0987 654 321' },
      'phk.ubnd': { name: 'Trịnh Văn Ủy Ban', contact: 'trinh.van.uyban@example.vn' },
      pcn: { name: 'Khúc Thị Cửa Nam', contact: '0976 543 210' },
    };
    ctx.cat = {};
    ctx.cat2 = {};
    ctx.editCat = {};
    const category = (w, extra = {}) => ctx.asAdmin('POST', '/api/v1/concern-categories', {
      unit_id: ctx.units[w], code: `ha-tang-${w}-${uniq()}`, name: `Hạ tầng đô thị ${uniq()}`,
      default_organisation_id: ctx.orgs[`${w}.front`], ...extra,
    });
    for (const w of CONCERN_WARDS) {
      ctx.cat[w] = expectStatus(await category(w), 201, 'category');
      ctx.cat2[w] = expectStatus(await category(w), 201, 'second category');
      ctx.editCat[w] = expectStatus(await category(w), 201, 'category to edit');
    }
    ctx.sensitiveCat = expectStatus(await category('phk', { sensitive: true }), 201, 'sensitive category');
    /** A concern sent by the public to '<ward>' or 'phk.ubnd' (then handed over to the UBND): {id, code, pin}. */
    ctx.sendConcern = async (t, { photo = false, categoryCode } = {}) => {
      const w = place(t);
      const s = ctx.concernSecret[t];
      const sent = expectStatus(await call('POST', '/api/v1/public/concerns', {
        body: {
          unit_id: ctx.units[w], category_code: categoryCode ?? ctx.cat[w].code, description: `Đèn đường hỏng ${uniq()}`,
          address: 'Số 5 phố Thử Nghiệm', latitude: 21.0285, longitude: 105.8542, name: s.name, contact: s.contact,
          contact_visible: true, ...(photo ? { photos: [{ file_name: 'anh-hien-truong.png', content_base64: TINY_PNG }] } : {}),
        },
      }), 201, `send ${t}`);
      if (t === 'phk.ubnd') await ctx.concernStep(sent.id, { action: 'hand_over', organisation_id: ctx.orgs['phk.ubnd'] });
      return sent;
    };
    ctx.concernStep = async (id, body) => expectStatus(await ctx.asAdmin('POST', `/api/v1/concerns/${id}/steps`, body), 200, body.action);
    ctx.concernOf = async (id) => expectStatus(await ctx.asAdmin('GET', `/api/v1/concerns/${id}`), 200, 'concern');
    const EVIDENCE = [{ file_name: 'minh-chung.png', content_base64: TINY_PNG }];
    /** Answered with evidence (resolved straight from new). */
    ctx.resolvedConcern = async (t, options) => {
      const c = await ctx.sendConcern(t, options);
      await ctx.concernStep(c.id, { action: 'resolve', text: 'Đã thay bóng đèn.', files: EVIDENCE });
      return c;
    };
    // Per target: an open concern, and a resolved one with the resident's photo.
    ctx.openConcern = {};
    ctx.withPhoto = {};
    for (const t of Object.keys(CONCERN_OWNER)) ctx.openConcern[t] = await ctx.sendConcern(t);
    for (const w of CONCERN_WARDS) {
      const c = await ctx.resolvedConcern(w, { photo: true });
      const files = (await ctx.concernOf(c.id)).files;
      ctx.withPhoto[w] = { ...c, photo: files.find((f) => f.file_name === 'anh-hien-truong.png').id };
    }
    // A sensitive category's photo is never public.
    const hidden = await ctx.sendConcern('phk', { photo: true, categoryCode: ctx.sensitiveCat.code });
    ctx.withPhoto['phk.sensitive'] = { ...hidden, photo: (await ctx.concernOf(hidden.id)).files[0].id };
  }

  /**
   * The movement's fixtures, made as admin through the API. The server's clock is today's: campaigns run through
   * this year (in Vietnam) with the registration deadline on 31/12, so that registering succeeds.
   */
  async function setUpMovement() {
    ctx.year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    /** A fresh fixture for a cell that must succeed; for the refused ones, one per key, shared. */
    const shared = new Map();
    ctx.fixture = async (expected, key, build) => {
      if (expected.status < 400) return build();
      if (!shared.has(key)) shared.set(key, build());
      return shared.get(key);
    };
    ctx.units.hk = ctx.units.district;
    ctx.fields = (await ctx.asAdmin('GET', '/api/v1/fields')).json.items.map((f) => f.code);
    const expectStatus = (res, status, what) => {
      assert.equal(res.status, status, `${what}: ${res.body.slice(0, 300)}`);
      return res.json;
    };

    ctx.campaignBody = (unit, { year = ctx.year, endsYear = year } = {}) => ({
      unit_id: ctx.units[unit], title: `Dân vận khéo ${year} ${uniq()}`,
      starts_on: `01/01/${year}`, ends_on: `31/12/${endsYear}`, registration_deadline: `31/12/${year}`,
    });
    ctx.createCampaign = async (unit, { open = true, ...period } = {}) => {
      const c = expectStatus(await ctx.asAdmin('POST', '/api/v1/campaigns', ctx.campaignBody(unit, period)), 201, 'campaign');
      if (open) expectStatus(await ctx.asAdmin('POST', `/api/v1/campaigns/${c.id}/status`, { status: 'open' }), 200, 'open campaign');
      return c;
    };
    ctx.campaignTitles = async (unit) =>
      (await ctx.asAdmin('GET', `/api/v1/campaigns?unit_id=${ctx.units[unit]}`)).json.items.map((c) => c.title);

    ctx.modelBody = (campaignId, ownerId) => ({
      campaign_id: campaignId, kind: 'model', subject: 'collective', field: ctx.fields[0], title: `Mô hình thử ${uniq()}`,
      owner_organisation_id: ownerId, address: 'Số 1 phố Thử Nghiệm',
    });
    const STEPS = { draft: [], registered: ['register'], active: ['register', 'activate'], proposed: ['register', 'activate', 'propose'] };
    /** A model in `status`, through the API; its id. */
    ctx.createModel = async (campaignId, ownerId, status = 'draft', { adopt } = {}) => {
      // An adoption takes the source's title (and kind, description, goals).
      const m = adopt
        ? expectStatus(await ctx.asAdmin('POST', `/api/v1/models/${adopt}/adoptions`,
          { ...ctx.modelBody(campaignId, ownerId), title: '' }), 201, 'adoption')
        : expectStatus(await ctx.asAdmin('POST', '/api/v1/models', ctx.modelBody(campaignId, ownerId)), 201, 'model');
      for (const action of STEPS[status]) {
        expectStatus(await ctx.asAdmin('POST', `/api/v1/models/${m.id}/transitions`, { action }), 200, action);
      }
      return m.id;
    };
    ctx.modelTitles = async (campaignId) =>
      (await ctx.asAdmin('GET', `/api/v1/models?campaign_id=${campaignId}&page_size=200`)).json.items.map((m) => m.title);

    ctx.lastCouncil = 0;
    ctx.lastSession = 0;
    ctx.noteCouncil = (c) => (ctx.lastCouncil = Math.max(ctx.lastCouncil, c.id));
    ctx.noteSession = (s) => (ctx.lastSession = Math.max(ctx.lastSession, s.id));
    ctx.councilBody = (campaignId, w) => ({
      campaign_id: campaignId, name: `Hội đồng Thi đua – Khen thưởng ${uniq()}`, kind: 'hoi_dong_thi_dua_khen_thuong',
      members: COUNCIL[w].map((u, i) => ({ user_id: ctx.userIds[u], role: i === 0 ? 'chair' : 'member' })),
    });
    ctx.createCouncil = async (campaignId, w) => {
      const c = expectStatus(await ctx.asAdmin('POST', '/api/v1/councils', ctx.councilBody(campaignId, w)), 201, 'council');
      ctx.noteCouncil(c);
      return c;
    };
    /** A session of the ward's council (or `council`) on `model` (the ward's proposed one), all members present. */
    ctx.openSession = async (w, { council = ctx.councils[w], model = ctx.proposed[w], present } = {}) => {
      const s = expectStatus(await ctx.asAdmin('POST', `/api/v1/councils/${council.id}/sessions`, {
        held_on: `15/06/${ctx.year}`, present_member_ids: present ?? council.members.map((m) => m.id), model_ids: [model],
      }), 201, 'session');
      ctx.noteSession(s);
      return s;
    };
    const campaignOf = new Map();
    ctx.scoresBody = (w, score, model = ctx.proposed[w]) => ({
      model_id: model,
      scores: (campaignOf.get(model) ?? ctx.campaigns[w]).criteria
        .map((c) => ({ criterion_id: c.id, score: Math.min(score, c.max_score) })),
    });
    /** Takes a proposed model through a session of `council`: every member scores in full and agrees. */
    ctx.recognise = async (w, campaignId, council, { adopt } = {}) => {
      const campaign = (await ctx.asAdmin('GET', `/api/v1/campaigns/${campaignId}`)).json;
      const model = await ctx.createModel(campaignId, ctx.owner(w), 'proposed', { adopt });
      campaignOf.set(model, campaign);
      const s = await ctx.openSession(w, { council, model });
      for (const u of COUNCIL[w]) {
        const token = ctx.memberTokens[u];
        const scored = await call('POST', `/api/v1/sessions/${s.id}/scores`, { token, body: ctx.scoresBody(w, 10, model) });
        expectStatus(scored, 204, `${u} scores`);
        const voted = await call('POST', `/api/v1/sessions/${s.id}/ballots`, { token, body: { model_id: model, vote: 'agree' } });
        expectStatus(voted, 204, `${u} votes`);
      }
      const closed = expectStatus(await ctx.asAdmin('POST', `/api/v1/sessions/${s.id}/close`, {}), 200, 'close');
      assert.equal(closed.models[0].outcome, 'recognised', JSON.stringify(closed.models[0]));
      ctx.closedSessions[w] ??= s.id;
      return model;
    };

    ctx.campaigns = {};
    ctx.work = {};
    ctx.councils = {};
    ctx.workCouncils = {};
    ctx.registered = {};
    ctx.proposed = {};
    ctx.recognised = {};
    ctx.sessions = {};
    ctx.closedSessions = {};
    for (const w of [...WARDS, 'hk']) {
      ctx.campaigns[w] = await ctx.createCampaign(w);
      ctx.work[w] = await ctx.createCampaign(w);
      ctx.registered[w] = await ctx.createModel(ctx.campaigns[w].id, ctx.owner(w), 'registered');
    }
    for (const w of WARDS) {
      ctx.councils[w] = await ctx.createCouncil(ctx.campaigns[w].id, w);
      ctx.workCouncils[w] = await ctx.createCouncil(ctx.work[w].id, w);
      ctx.proposed[w] = await ctx.createModel(ctx.campaigns[w].id, ctx.owner(w), 'proposed');
    }
    // Lý Thái Tổ's model is recognised; Hàng Bạc adopts it, and its adoption is recognised in turn.
    ctx.recognised.ltt = await ctx.recognise('ltt', ctx.campaigns.ltt.id, ctx.councils.ltt);
    ctx.recognised.hb = await ctx.recognise('hb', ctx.campaigns.hb.id, ctx.councils.hb, { adopt: ctx.recognised.ltt });
    ctx.draftAdopter = await ctx.createModel(ctx.work.hb.id, ctx.owner('hb'), 'draft', { adopt: ctx.recognised.ltt });
    for (const w of WARDS) ctx.sessions[w] = await ctx.openSession(w);
  }

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
            const prep = (await spec.prepare?.(ctx, actor, target, expected)) ?? {};
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
            token: prep.noBearer ? undefined : ctx.tokens[actor.key], body: prep.body, rawBody: prep.rawBody, contentType: prep.contentType,
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
            await attempt('outcome', () => (spec.open311 ? assertOpen311Error(res, expected, op.path) : assertJsonError(res, expected)));
          } else {
            await attempt('outcome', () => assert.equal(res.status, expected.status, `status ${res.status}: ${res.body.slice(0, 200)}`));
            if (res.status === expected.status && prep.check) await attempt('answer', () => prep.check(res));
          }
          if (expected.status >= 400 && prep.verifyUnchanged) await attempt('nothing written', () => prep.verifyUnchanged());
          await attempt('no private data', () => assertNoLeak(ctx, actor, res, !spec.auth));
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

    // The matrix, compactly: one row per route, one column per actor, "LTT/HB/self" statuses per cell; a route with
    // more than three targets gets one row per target.
    const width = 13;
    const header = `${'route [target]'.padEnd(56)} ${ACTORS.map((a) => a.short.padEnd(width)).join('')}`;
    t.diagnostic('statuses per cell in target order ltt/hb[/self…]; ! = mismatch, ? = known bug');
    t.diagnostic(header);
    const cellText = (r) => `${r.got}${r.ok ? '' : r.knownBug ? '?' : '!'}`;
    for (const route of routesRun) {
      const order = ROUTES[route].targets ?? [null];
      const rows = order.length > 3 ? order.map((target) => [`${route} [${target}]`, [target]]) : [[route, order]];
      for (const [label, targets] of rows) {
        const cells = ACTORS.map((a) => results.filter((r) => r.route === route && r.actor === a.key && targets.includes(r.target))
          .sort((x, y) => order.indexOf(x.target) - order.indexOf(y.target)).map(cellText).join('/').padEnd(width));
        t.diagnostic(`${label.padEnd(56)} ${cells.join('')}`);
      }
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
    assertJsonError(await call('PUT', `/api/v1/people/${ctx.editable.ltt}`, { body: { unit_id: ctx.units.ltt, full_name: 'Không CSRF' }, headers: { cookie } }),
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

  // Issue 3: the session cookie is HttpOnly, SameSite=Lax, and Secure behind TLS (the proxy says so).
  test('the session cookie is HttpOnly and SameSite=Lax, and Secure behind TLS', async () => {
    const body = { username: 'xem.lythaito', password: ctx.passwords['xem.lythaito'] };
    const attributes = (res) => {
      assert.equal(res.status, 200, res.body?.slice?.(0, 200));
      return res.headers['set-cookie'].split(';').slice(1).map((x) => x.trim()).sort();
    };
    assert.deepEqual(attributes(await call('POST', '/api/v1/session', { body })), ['HttpOnly', 'Path=/', 'SameSite=Lax']);
    assert.deepEqual(attributes(await call('POST', '/api/v1/session', { body, headers: { 'x-forwarded-proto': 'https' } })),
      ['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
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
    assertJsonError(await as('POST', '/api/v1/tokens', { user_id: ctx.userIds.admin, name: 'leo thang' }), notFound('user_not_found'),
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

  // Fixed: a grant's organisation must exist inside the granted unit (AccountService::CheckGrants).
  test('a grant for an organisation must name an organisation of the granted ward', async () => {
    const token = ctx.tokens['ltt.unit_admin'];
    const newMember = (organisationId) => ({
      username: `lech.${uniq()}`, display_name: 'Thành viên lệch tổ chức', password: 'Mật khẩu lệch tổ chức',
      grants: [{ role: 'unit_member', unit_id: ctx.units.ltt, organisation_id: organisationId }],
    });
    const refused = [["the other ward's organisation", newMember(ctx.orgs.hb)], ['no organisation', newMember(99_999_999)]];
    const before = auditEntryCount(ctx.dbPath);
    for (const [what, body] of refused) {
      assertJsonError(await call('POST', '/api/v1/users', { token, body }),
        { status: 400, code: 'invalid_grant_organisation', details: { organisation_id: body.grants[0].organisation_id } }, what);
    }
    assert.equal(auditEntryCount(ctx.dbPath), before, 'the refusals wrote nothing to the audit log');
    const users = (await ctx.asAdmin('GET', '/api/v1/users?page_size=200')).json.items.map((u) => u.username);
    for (const [what, body] of refused) assert.ok(!users.includes(body.username), `${what}: no user was created`);
    // An organisation of the ward is accepted.
    const fine = newMember(ctx.orgs.tdv3);
    const created = await call('POST', '/api/v1/users', { token, body: fine });
    assert.equal(created.status, 201, created.body);
    assert.equal(created.json.grants[0].organisation_id, ctx.orgs.tdv3);
  });

  // Fixed: POST /api/v1/tokens answers 404 user_not_found alike for a user the caller may not manage and for a user id
  // that does not exist, so that it does not tell which user ids exist (as GET /api/v1/users/{id} does not).
  test('issuing a token does not tell a viewer which user ids exist', async () => {
    const token = ctx.tokens['ltt.viewer'];
    const before = auditEntryCount(ctx.dbPath);
    const name = `dò ${uniq()}`;
    for (const [what, userId] of [['the system admin', ctx.userIds.admin], ['a user of the ward', ctx.targetUsers.ltt.id],
      ['a user of the other ward', ctx.targetUsers.hb.id], ['no such user', 99_999_999]]) {
      assertJsonError(await call('POST', '/api/v1/tokens', { token, body: { user_id: userId, name } }), notFound('user_not_found'), what);
    }
    assert.equal(auditEntryCount(ctx.dbPath), before, 'the refusals wrote nothing to the audit log');
    const tokens = (await ctx.asAdmin('GET', '/api/v1/tokens')).json.items;
    assert.ok(!tokens.some((x) => x.name === name), 'no token was issued');
  });

  test("a council member sees only their own scores while the session is open, and everyone's after scoring closes", async () => {
    const s = await ctx.openSession('ltt');
    const [chair, member] = COUNCIL.ltt;
    const criteria = ctx.campaigns.ltt.criteria.length;
    const view = async (token) => {
      const res = await call('GET', `/api/v1/sessions/${s.id}`, { token });
      assert.equal(res.status, 200, res.body);
      return res.json;
    };
    for (const [u, score] of [[chair, 8], [member, 6]]) {
      const res = await call('POST', `/api/v1/sessions/${s.id}/scores`, { token: ctx.memberTokens[u], body: ctx.scoresBody('ltt', score) });
      assert.equal(res.status, 204, `${u}: ${res.body}`);
    }
    const memberIds = {};
    for (const u of [chair, member]) {
      const v = await view(ctx.memberTokens[u]);
      memberIds[u] = v.your_member_id;
      assert.equal(v.scores_visible, false, `${u}: scores hidden while open`);
      assert.equal(v.scores.length, criteria, `${u} sees one score per criterion: their own`);
      assert.ok(v.scores.every((x) => x.member_id === v.your_member_id), `${u} sees no one else's score`);
      assert.deepEqual(v.results, [], `${u}: no results while open`);
    }
    assert.notEqual(memberIds[chair], memberIds[member]);
    for (const key of ['admin', 'ltt.unit_admin', 'ltt.viewer']) {
      const v = await view(ctx.tokens[key]);
      assert.deepEqual([v.scores_visible, v.scores, v.your_member_id], [false, [], null], `${key}, not on the council, sees no score`);
    }

    assert.equal((await call('POST', `/api/v1/sessions/${s.id}/close-scoring`, { token: ctx.tokens['ltt.unit_admin'] })).status, 204);
    for (const token of [ctx.memberTokens[chair], ctx.memberTokens[member], ctx.tokens['ltt.viewer']]) {
      const v = await view(token);
      assert.equal(v.scores_visible, true);
      assert.equal(v.scores.length, 2 * criteria, "everyone's scores after scoring closed");
      assert.deepEqual([...new Set(v.scores.map((x) => x.member_id))].sort(), [memberIds[chair], memberIds[member]].sort());
      assert.equal(v.results[0]?.total, 70, 'the weighted total of 8s and 6s out of 10');
    }
    const late = await call('POST', `/api/v1/sessions/${s.id}/scores`, { token: ctx.memberTokens[chair], body: ctx.scoresBody('ltt', 10) });
    assertJsonError(late, { status: 422, code: 'scoring_closed' }, 'no scoring after close-scoring');
  });

  test('a council member who is not marked present may neither score nor vote', async () => {
    const council = ctx.councils.ltt;
    const absent = council.members.find((m) => m.user_id === ctx.userIds['hoidong.lythaito']);
    const s = await ctx.openSession('ltt', { present: council.members.filter((m) => m !== absent).map((m) => m.id) });
    const token = ctx.tokens['ltt.council'];
    const before = auditEntryCount(ctx.dbPath);
    assertJsonError(await call('POST', `/api/v1/sessions/${s.id}/scores`, { token, body: ctx.scoresBody('ltt', 10) }),
      NOT_COUNCIL_MEMBER, 'scores');
    assertJsonError(await call('POST', `/api/v1/sessions/${s.id}/ballots`, { token, body: { model_id: ctx.proposed.ltt, vote: 'agree' } }),
      NOT_COUNCIL_MEMBER, 'ballot');
    assert.equal(auditEntryCount(ctx.dbPath), before, 'nothing written');
    const v = (await call('GET', `/api/v1/sessions/${s.id}`, { token })).json;
    assert.equal(v.your_member_id, absent.id, 'still a member, who may read the session');
    assert.deepEqual([v.scores, v.models[0].you_voted], [[], false]);
  });

  // A council seats only users with a grant on the campaign's unit; anyone else answers like a missing user id.
  test('a council seats only users the unit admin may see', async () => {
    const token = ctx.tokens['hb.unit_admin'];
    const seat = (userId) => call('POST', '/api/v1/councils', {
      token,
      body: { campaign_id: ctx.campaigns.hb.id, name: `Hội đồng ${uniq()}`, kind: 'ban_chi_dao', members: [{ user_id: userId }] },
    });
    const names = (await ctx.asAdmin('GET', '/api/v1/users?page_size=200')).json.items;
    const other = names.find((u) => u.username === 'lanhdao.lythaito');
    assertJsonError(await call('GET', `/api/v1/users/${other.id}`, { token }), notFound('user_not_found'), 'the user is hidden');
    const res = await seat(other.id);
    assert.ok(!res.body.includes(other.display_name), `the display name "${other.display_name}" leaks: ${res.body.slice(0, 200)}`);
    assert.ok(res.status >= 400, `a user of another ward is seated: ${res.status}`);
    const missing = await seat(99_999_999);
    assert.deepEqual([res.status, res.json?.error?.code], [missing.status, missing.json?.error?.code],
      'the same answer for a user of another ward as for a user id that does not exist');
  });

  // An exemplar's person must belong to the campaign's unit; refusals do not tell which person ids exist.
  test('an exemplar names only a person of the campaign’s ward, and a refusal does not tell which person ids exist', async () => {
    const exemplar = (personId) => ({
      campaign_id: ctx.campaigns.hb.id, kind: 'exemplar', subject: 'individual', field: ctx.fields[0],
      title: `Điển hình ${uniq()}`, owner_person_id: personId,
    });
    const viewer = ctx.tokens['hb.viewer'];
    const existing = await call('POST', '/api/v1/models', { token: viewer, body: exemplar(ctx.secret.ltt.id) });
    const missing = await call('POST', '/api/v1/models', { token: viewer, body: exemplar(99_999_999) });
    const problems = [];
    if (existing.status !== missing.status || existing.json?.error?.code !== missing.json?.error?.code) {
      problems.push(`a viewer of Hàng Bạc hears ${existing.status} ${existing.json?.error?.code} for a person of Lý Thái Tổ, `
        + `${missing.status} ${missing.json?.error?.code} for no person`);
    }
    const crossing = await call('POST', '/api/v1/models', { token: ctx.tokens['hb.unit_admin'], body: exemplar(ctx.secret.ltt.id) });
    if (crossing.status < 400) {
      problems.push(`the unit admin of Hàng Bạc made exemplar ${crossing.json.id} of a person of Lý Thái Tổ`);
    }
    assert.deepEqual(problems, []);
  });

  // Decision (docs/decisions.md): the public lineage shows where a model spread, including adopters not yet
  // recognised, but of those only the unit and the stage reached — never their title, address or description.
  test('the public lineage shows unrecognised adopters only by unit and stage', async () => {
    const adopter = await ctx.createModel(ctx.work.hb.id, ctx.owner('hb'), 'registered', { adopt: ctx.recognised.ltt });
    assertJsonError(await call('GET', `/api/v1/models/${adopter}`), notFound('model_not_found'), 'the registered adopter is not public');
    const lineage = await call('GET', `/api/v1/models/${ctx.recognised.ltt}/adoptions`);
    assert.equal(lineage.status, 200);
    const shown = lineage.json.adopters.find((m) => m.id === adopter);
    assert.ok(shown, 'the adoption is part of the lineage');
    assert.equal(shown.status, 'registered');
    assert.equal(shown.unit_name, 'Phường Hàng Bạc');
    for (const key of ['title', 'address', 'description', 'goals', 'indicators', 'owner_organisation_id'])
      assert.equal(shown[key], undefined, `the lineage shows ${key} of an adopter that is not public`);
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
function assertNoLeak(ctx, actor, res, isPublic) {
  const body = res.body ?? '';
  // A resident's name and contact: never in a public answer; in a staff answer only for those who handle the concern.
  for (const [t, s] of Object.entries(ctx.concernSecret ?? {})) {
    if (isPublic || !handles(actor, t)) {
      for (const key of ['name', 'contact']) assert.ok(!body.includes(s[key]), `the ${key} of the resident of ${t} leaks`);
    }
  }
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
