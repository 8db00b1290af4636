// The bad-input catalogue: cases generated from the OpenAPI document the server serves (GET /api/openapi.json),
// so that every operation taking input is tried with every defect its schema rules out, and a new field or
// operation is covered the day it is described.
//
// Each case carries exactly one defect: a JSON body member of the wrong type, out of range, too long, blank, with a
// NUL or invalid UTF-8, twice, left out, or not declared; a query parameter likewise (or twice, or undeclared); a
// path id of 0, -1 or letters. Every other member is filled with a value its schema allows, because the server
// checks members in their declared order and stops at the first error: the answer must then be a 400 with a JSON
// error naming the defect (code, and the field or parameter with its rule). After each case the server still
// serves. At the end the audit log verifies and has not grown, and every table of the (seeded) database is as it was
// before the catalogue, but for what a refused request may legitimately touch (see EXCLUDED below).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, test } from 'node:test';

import {
  assertJsonError, assertStillServing, auditEntryCount, createAdminWithToken, fetchText, makeTempDir, operationsOf,
  removeDir, runCli, startServer,
} from './support.mjs';

// ---------------------------------------------------------------------------------------------------------
// Setup: the demo data, a system admin with an API token, the server, and the tables as they are before.

/**
 * What a refused request may change, left out of the before/after comparison:
 *   sessions: web log-in sessions; a request with a session cookie moves last_seen_at, a log-in prunes expired ones
 *   login_throttle: the failed log-in counters, written by any log-in that fails
 *   api_tokens.last_used_at: moved by every request made with the catalogue's bearer token
 */
const EXCLUDED = { tables: ['sessions', 'login_throttle'], columns: { api_tokens: ['last_used_at'] } };

const base = makeTempDir('danvan-catalogue-');
const dbPath = path.join(base, 'danvan.db');
const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stderr}`);
const admin = createAdminWithToken(dbPath, 'catalogue-admin');
const auditBefore = auditEntryCount(dbPath);

const server = await startServer({ dbPath });
let stopped = false;
after(async () => {
  if (!stopped) await server.stop();
  removeDir(base);
});

const openapi = (await fetchText(`${server.url}/api/openapi.json`)).json;

// ---------------------------------------------------------------------------------------------------------
// The database, table by table

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', ['-readonly', '-batch', db], { input: sql, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `sqlite3: ${r.stderr}`);
  return r.stdout;
}

const ident = (name) => `"${name.replaceAll('"', '""')}"`;
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every table's rows (all columns but EXCLUDED's, ordered by every column) and the schema, as a Map from the table's
 * name to its text.
 */
function tableDump(db) {
  const columns = new Map();
  const listing = sqlite(db, `.mode list
.separator "\t"
SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid;
`);
  for (const line of listing.split('\n').filter(Boolean)) {
    const [table, column] = line.split('\t');
    if (!columns.has(table)) columns.set(table, []);
    columns.get(table).push(column);
  }
  const script = ['.mode quote', "SELECT '== schema';", 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2;'];
  for (const [table, all] of columns) {
    if (EXCLUDED.tables.includes(table)) continue;
    const kept = all.filter((c) => !(EXCLUDED.columns[table] ?? []).includes(c));
    // The AUTOINCREMENT counters, but those of the excluded tables.
    const where = table === 'sqlite_sequence' ? ` WHERE name NOT IN (${EXCLUDED.tables.map(literal).join(', ')})` : '';
    script.push(`SELECT ${literal(`== ${table}`)};`,
      `SELECT ${kept.map(ident).join(', ')} FROM ${ident(table)}${where} ORDER BY ${kept.map((_, i) => i + 1).join(', ')};`);
  }
  const dump = new Map();
  let current;
  for (const line of sqlite(db, `${script.join('\n')}\n`).split('\n')) {
    const m = /^'== (.+)'$/.exec(line);
    if (m) dump.set((current = m[1]), []);
    else if (line) dump.get(current).push(line);
  }
  return new Map([...dump].map(([table, rows]) => [table, rows.join('\n')]));
}

// Taken once the server is up: whatever it sets up at start is not the catalogue's doing.
const tablesBefore = tableDump(dbPath);

// ---------------------------------------------------------------------------------------------------------
// Schemas: what they allow, and one value each that they allow

const REF = '#/components/schemas/';
function resolve(schema) {
  let s = schema ?? {};
  while (s.$ref) s = openapi.components.schemas[s.$ref.slice(REF.length)];
  return s;
}
const typesOf = (s) => [].concat(s.type ?? []);
const requiredOf = (s) => s.required ?? [];
const isSchema = (v) => v !== null && typeof v === 'object';
const isObjectSchema = (s) => typesOf(s).includes('object') || isSchema(s.properties);
const isArraySchema = (s) => typesOf(s).includes('array') || isSchema(s.items);
const clamp = (v, s) => Math.min(Math.max(v, s.minimum ?? -Infinity), s.maximum ?? Infinity);

const SAMPLE_TEXTS = ['Tổ 1', 'abc1', '1', 'PA-AAAA-AAAA', '123456', '08:00'];
const SAMPLE_DATE = '01/02/2025';
const NOT_A_DATE = '31/02/2025';
const LONG_CHAR = 'ổ'; // one code point, three bytes: lengths count characters
const OFF_PATTERN = ['abc', 'a.b', '0', 'a b!'];
const UNDECLARED = 'undeclared';
// Longer limits (a file's contents, 64 MiB) would take a body that large per case: those are not sent.
const MAX_TESTED_LENGTH = 100_000;
const MAX_TESTED_ITEMS = 10_000;

const matches = (s, text) => !s.pattern || new RegExp(s.pattern, 'u').test(text);

function validString(s) {
  if (s.format === 'date') return SAMPLE_DATE;
  for (const sample of SAMPLE_TEXTS) {
    const text = sample.padEnd(s.minLength ?? 0, 'a').slice(0, s.maxLength ?? Infinity).trim();
    if (matches(s, text)) return text;
  }
  throw new Error(`no sample text fits ${JSON.stringify(s)}`);
}

/** A value the schema allows: the first enum value, a sample text or date, the smallest fitting number, required members only. */
function validValue(schema) {
  const s = resolve(schema);
  if (s.enum) return s.enum[0];
  switch (typesOf(s).find((t) => t !== 'null') ?? 'string') {
    case 'integer': return clamp(1, s);
    case 'number': return clamp(0, s);
    case 'boolean': return true;
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items));
    case 'object': return Object.fromEntries(requiredOf(s).map((name) => [name, validValue(s.properties[name])]));
    default: return validString(s);
  }
}

/** A value of none of the declared types. */
function wrongType(s) {
  switch (typesOf(s).find((t) => t !== 'null')) {
    case 'string': return 12345;
    case 'integer':
    case 'number': return '1';
    case 'boolean': return 'true';
    default: return 'abc'; // arrays and objects
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON bodies: where a defect may sit, and the text of a body with one

/**
 * The places of a body a case may change: its members, and one level in (the members of a member object or of a
 * list's items, a list's item, a map's entry). segments: ['nominees', 0, 'award_type_id'].
 */
function placesOf(root) {
  const members = [];
  const objects = [];
  const visit = (schema, segments, depth) => {
    const s = resolve(schema);
    if (isObjectSchema(s)) {
      objects.push({ segments, schema: s });
      for (const [name, member] of Object.entries(s.properties ?? {})) {
        members.push({ segments: [...segments, name], schema: resolve(member), member: true, required: requiredOf(s).includes(name) });
        if (depth < 1) visit(member, [...segments, name], depth + 1);
      }
      if (isSchema(s.additionalProperties)) {
        const key = validString(resolve(s.propertyNames));
        members.push({ segments: [...segments, key], schema: resolve(s.additionalProperties), member: true, required: false });
      }
    } else if (isArraySchema(s) && s.items) {
      members.push({ segments: [...segments, 0], schema: resolve(s.items), member: false, required: false });
      // A list's items are one level in with the list itself.
      if (isObjectSchema(resolve(s.items))) visit(s.items, [...segments, 0], depth);
    }
  };
  visit(root, [], 0);
  return { members, objects };
}

const fieldPath = (segments) =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

const ABSENT = Symbol('absent');
const DUPLICATE = Symbol('duplicate'); // on an object: the member its text holds twice
const BAD_UTF8 = '\uE000'; // stands for the bytes C3 28 until the text is made bytes

/** The body `schema` allows, with `leaf` at `segments` (or that member left out, or held twice). */
function build(schema, segments, leaf, duplicate) {
  if (segments.length === 0) return leaf;
  const s = resolve(schema);
  const [segment, ...rest] = segments;
  // The defect in the first item, and as many valid ones after it as the list must hold.
  if (typeof segment === 'number')
    return [build(s.items, rest, leaf, duplicate), ...Array.from({ length: Math.max(0, (s.minItems ?? 1) - 1) }, () => validValue(s.items))];
  const object = {};
  const place = () => {
    const value = build(s.properties?.[segment] ?? (isSchema(s.additionalProperties) ? s.additionalProperties : {}), rest, leaf, duplicate);
    if (value !== ABSENT) object[segment] = value;
  };
  for (const [name, member] of Object.entries(s.properties ?? {})) {
    if (name === segment) place();
    else if (requiredOf(s).includes(name)) object[name] = validValue(member);
  }
  if (!(segment in (s.properties ?? {}))) place();
  if (duplicate && rest.length === 0) object[DUPLICATE] = segment;
  return object;
}

/** JSON text; an object's DUPLICATE member is written a second time. */
function jsonText(v) {
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (isSchema(v)) {
    const members = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`);
    if (v[DUPLICATE] !== undefined) members.push(`${JSON.stringify(v[DUPLICATE])}:${jsonText(v[v[DUPLICATE]])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The body's bytes: text, or a Buffer where BAD_UTF8 stands for an invalid sequence. */
function bodyBytes(text) {
  if (!text.includes(BAD_UTF8)) return text;
  const [before, rest] = text.split(BAD_UTF8);
  return Buffer.concat([Buffer.from(`${before}a`), Buffer.from([0xc3, 0x28]), Buffer.from(`b${rest}`)]);
}

/** The defects a member's schema rules out: {label, value, code, rule}; value may be ABSENT. */
function memberDefects(place) {
  const s = place.schema;
  const types = typesOf(s);
  const text = types.includes('string') || (types.length === 0 && (s.enum ?? []).some((v) => typeof v === 'string'));
  const out = [];
  const add = (label, value, code, rule) => out.push({ label, value, code, rule });
  if (types.length > 0) add('wrong type', wrongType(s), 'field_wrong_type', 'type');
  else if (s.enum) add('wrong type', 12345, 'field_not_allowed', 'enum'); // an enum alone allows no other value
  if (types.includes('integer')) add('a fraction', 1.5, 'field_wrong_type', 'type');
  if (s.enum) add('not one of the allowed values', 'không-có', 'field_not_allowed', 'enum');
  if (s.minimum !== undefined) add('below minimum', s.minimum - 1, 'field_out_of_range', 'minimum');
  if (s.maximum !== undefined) add('above maximum', s.maximum + 1, 'field_out_of_range', 'maximum');
  if (text && s.maxLength !== undefined && s.maxLength < MAX_TESTED_LENGTH)
    add('too long', LONG_CHAR.repeat(s.maxLength + 1), 'field_too_long', 'maxLength');
  if (text && (s.minLength ?? 0) >= 2) add('too short', 'a'.repeat(s.minLength - 1), 'field_too_short', 'minLength');
  if (types.includes('string') && (place.required || (s.minLength ?? 0) >= 1))
    add('blank', '   ', 'field_required', (s.minLength ?? 0) >= 1 ? 'minLength' : 'required');
  if (text) add('NUL character', 'a\u0000b', 'field_control_character', 'control_character');
  if (text) add('invalid UTF-8', BAD_UTF8, 'invalid_utf8', undefined);
  if (s.format === 'date') add('not a real date', NOT_A_DATE, 'field_bad_format', 'format');
  if (s.pattern) add('off its pattern', OFF_PATTERN.find((v) => !matches(s, v)), 'field_bad_format', 'pattern');
  if (isArraySchema(s) && s.maxItems !== undefined && s.maxItems <= MAX_TESTED_ITEMS)
    add('too many items', Array.from({ length: s.maxItems + 1 }, () => validValue(s.items)), 'too_many_items', 'maxItems');
  if (isArraySchema(s) && (s.minItems ?? 0) > 0)
    add('too few items', Array.from({ length: s.minItems - 1 }, () => validValue(s.items)), 'too_few_items', 'minItems');
  if (place.required) add('left out', ABSENT, 'field_required', 'required');
  if (place.required && !types.includes('null')) add('null', null, 'field_required', 'required');
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The cases

const bearer = { authorization: `Bearer ${admin.token}` };
const JSON_BODY = { ...bearer, 'content-type': 'application/json' };
const cases = [];

/**
 * One case: {name, method, target, headers, body, code, details (entries the error must hold),
 * field (what details.field must say if the server names one)}.
 */
const addCase = (c) => cases.push({ status: 400, details: {}, ...c });

const paramsOf = (op, where) => op.operation.parameters?.filter((p) => p.in === where) ?? [];
const jsonSchemaOf = (op) => op.operation.requestBody?.content?.['application/json']?.schema;
const paramValue = (p) => encodeURIComponent(String(validValue(p.schema)));
/** The operation's path with `texts` for some parameters ({id: '0'}) and valid values for the others. */
const pathWith = (op, texts = {}) =>
  op.path.replace(/\{([^}/]+)\}/g, (_, name) => texts[name] ?? paramValue(paramsOf(op, 'path').find((p) => p.name === name)));
const validPath = (op) => pathWith(op);
const query = (pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '');

/**
 * What parameter cases send as a body: nothing, or a JSON body that is itself refused (an undeclared member),
 * so that even a parameter let through by mistake could not write. Parameters are checked first, so the answer
 * is the parameter's.
 */
function guardBody(op) {
  if (jsonSchemaOf(op)) return { headers: JSON_BODY, body: `{"${UNDECLARED}":true}` };
  if (op.operation.requestBody) return { headers: { ...bearer, 'content-type': Object.keys(op.operation.requestBody.content)[0] }, body: '' };
  return { headers: bearer, body: undefined };
}

function bodyCases(op) {
  const root = jsonSchemaOf(op);
  const target = validPath(op);
  const send = (label, value, segments, expected, duplicate = false) => {
    addCase({
      name: `${op.method} ${op.path} body${segments.length ? `.${fieldPath(segments)}` : ''}: ${label}`,
      method: op.method, target, headers: JSON_BODY, body: bodyBytes(jsonText(build(root, segments, value, duplicate))),
      ...expected,
    });
  };
  const { members, objects } = placesOf(root);
  for (const place of members) {
    const field = fieldPath(place.segments);
    for (const d of memberDefects(place)) {
      const details = d.rule ? { field, rule: d.rule } : {};
      send(d.label, d.value, place.segments, { code: d.code, details, field });
    }
    if (place.member) {
      send('the member twice', validValue(place.schema), place.segments,
        { code: 'duplicate_key', details: { field, rule: 'duplicate_key' }, field }, true);
    }
  }
  for (const { segments, schema } of objects) {
    if (schema.additionalProperties === false) {
      const field = fieldPath([...segments, UNDECLARED]);
      send('an undeclared member', 'x', [...segments, UNDECLARED],
        { code: 'field_unknown', details: { field, rule: 'additionalProperties' }, field });
    }
    if (schema.propertyNames?.pattern) {
      const name = OFF_PATTERN.find((v) => !matches(schema.propertyNames, v));
      const field = fieldPath([...segments, name]);
      send('a member name off its pattern', validValue(schema.additionalProperties), [...segments, name],
        { code: 'field_bad_format', details: { field, rule: 'pattern' }, field });
    }
  }
}

/** The defects of one parameter's text: {label, text, rule}; text is already URL-encoded. */
function parameterDefects(p) {
  const s = resolve(p.schema);
  const types = typesOf(s);
  const out = [];
  const add = (label, text, rule) => out.push({ label, text, rule });
  if (types.includes('integer') || types.includes('number')) add('wrong type', 'abc', 'type');
  if (types.includes('integer')) add('a fraction', '1.5', 'type');
  if (types.includes('boolean')) add('wrong type', 'maybe', 'type');
  if (s.enum) add('not one of the allowed values', 'khong-co', 'enum');
  if (s.minimum !== undefined) add('below minimum', String(s.minimum - 1), 'minimum');
  if (s.maximum !== undefined) add('above maximum', String(s.maximum + 1), 'maximum');
  if (s.maxLength !== undefined) add('too long', encodeURIComponent(LONG_CHAR.repeat(s.maxLength + 1)), 'maxLength');
  if (s.format === 'date') add('not a real date', encodeURIComponent(NOT_A_DATE), 'format');
  if (s.pattern) add('off its pattern', OFF_PATTERN.find((v) => !matches(s, v)), 'pattern');
  return out;
}

function queryCases(op) {
  const params = paramsOf(op, 'query');
  if (params.length === 0) return;
  const target = validPath(op);
  const guard = guardBody(op);
  // The required parameters, valid, but the one a case is about.
  const others = (name) => params.filter((p) => p.required && p.name !== name).map((p) => [p.name, paramValue(p)]);
  const send = (label, name, pairs, details) => addCase({
    name: `${op.method} ${op.path} query.${name}: ${label}`,
    method: op.method, target: `${target}${query(pairs)}`, ...guard, code: 'invalid_parameter', details,
  });
  for (const p of params) {
    const expect = (rule) => ({ parameter: p.name, rule });
    for (const d of parameterDefects(p)) send(d.label, p.name, [...others(p.name), [p.name, d.text]], expect(d.rule));
    send('NUL character', p.name, [...others(p.name), [p.name, 'a%00b']], expect('control_character'));
    send('invalid UTF-8', p.name, [...others(p.name), [p.name, '%FF']], expect('utf8'));
    send('twice', p.name, [...others(p.name), [p.name, paramValue(p)], [p.name, paramValue(p)]], expect('duplicate'));
    if (p.required) {
      send('left out', p.name, others(p.name), expect('required'));
      send('empty', p.name, [...others(p.name), [p.name, '']], expect('required'));
    }
  }
  send('an undeclared parameter', UNDECLARED, [...others(UNDECLARED), [UNDECLARED, '1']], { parameter: UNDECLARED, rule: 'unknown' });
}

function pathCases(op) {
  const guard = guardBody(op);
  for (const p of paramsOf(op, 'path')) {
    const s = resolve(p.schema);
    // An id's "below minimum" and "wrong type" are 0, -1 and letters.
    const defects = typesOf(s).includes('integer')
      ? [{ label: 'zero', text: '0', rule: 'minimum' }, { label: 'negative', text: '-1', rule: 'minimum' },
        { label: 'letters', text: 'abc', rule: 'type' },
        ...parameterDefects(p).filter((d) => d.label !== 'below minimum' && d.label !== 'wrong type')]
      : parameterDefects(p);
    const at = (text) => pathWith(op, { [p.name]: text });
    for (const d of defects) {
      addCase({
        name: `${op.method} ${op.path} path.${p.name}: ${d.label}`,
        method: op.method, target: at(d.text), ...guard, code: 'invalid_parameter', details: { parameter: p.name, rule: d.rule },
      });
    }
    // Checked before routing, so that no error echoes bytes that are not text: no parameter is named.
    addCase({
      name: `${op.method} ${op.path} path.${p.name}: invalid UTF-8`,
      method: op.method, target: at('%FF'), ...guard, code: 'invalid_path', details: { rule: 'utf8' },
    });
  }
}

const operations = operationsOf(openapi);
const withInput = operations.filter((op) => jsonSchemaOf(op) || paramsOf(op, 'query').length || paramsOf(op, 'path').length);
for (const op of withInput) {
  if (jsonSchemaOf(op)) bodyCases(op);
  queryCases(op);
  pathCases(op);
}

// ---------------------------------------------------------------------------------------------------------
// The runner

async function runCase(c) {
  const res = await fetchText(`${server.url}${c.target}`, {
    method: c.method, headers: c.headers, body: c.body, signal: AbortSignal.timeout(15_000),
  });
  if (c.target.startsWith('/open311/')) {
    // Open311's routes answer the specification's error list (docs/open311.md), with the same status.
    assert.equal(res.status, c.status, `status (${c.name}): ${res.body.slice(0, 300)}`);
    assert.ok(res.body.includes(`<code>${c.status}</code>`) || res.json?.[0]?.code === c.status, `${c.name}: ${res.body.slice(0, 300)}`);
    await assertStillServing(server.url, c.name);
    return;
  }
  const error = assertJsonError(res, { status: c.status, code: c.code, details: c.details }, c.name);
  if (c.field !== undefined && 'field' in error.details) assert.equal(error.details.field, c.field, `details.field (${c.name})`);
  await assertStillServing(server.url, c.name);
}

const kindOf = (name) => `${/ (body|query|path)[.:]/.exec(name)[1]}: ${name.slice(name.lastIndexOf(': ') + 2)}`;

test(`the catalogue has at least 500 cases, each named once (${cases.length})`, (t) => {
  assert.ok(cases.length >= 500, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'names are unique');
  const kinds = {};
  for (const c of cases) kinds[kindOf(c.name)] = (kinds[kindOf(c.name)] ?? 0) + 1;
  t.diagnostic(`cases by kind: ${JSON.stringify(kinds)}`);
});

test('every operation that takes input has cases', () => {
  assert.ok(withInput.length > 0, 'the document describes operations with input');
  const covered = new Set(cases.map((c) => c.name.slice(0, c.name.search(/ (body|query|path)[.:]/))));
  const missing = withInput.map((op) => `${op.method} ${op.path}`).filter((key) => !covered.has(key));
  assert.deepEqual(missing, [], 'operations without a case');
});

test('every case is refused with its error, and the server still serves', { concurrency: 8 }, async (t) => {
  await Promise.all(cases.map((c) => t.test(c.name, () => runCase(c))));
});

test('nothing was written: the audit log verifies and has not grown, and every table is as it was', async () => {
  stopped = true;
  assert.equal(await server.stop(), 0, `the server stops cleanly\n${server.logs.slice(-2000)}`);
  assert.doesNotMatch(server.logs, /unhandled exception|critical/i, 'no unhandled exception was logged');
  assert.equal(auditEntryCount(dbPath), auditBefore, 'the audit log is intact and has not grown');
  const tablesAfter = tableDump(dbPath);
  assert.ok(tablesBefore.size > 10, `the dump holds the tables (${tablesBefore.size})`);
  assert.deepEqual([...tablesAfter.keys()], [...tablesBefore.keys()], 'the same tables');
  const changed = [...tablesBefore].filter(([table, rows]) => tablesAfter.get(table) !== rows).map(([table]) => table);
  assert.deepEqual(changed, [], `tables that changed:\n${changed.map((t) => `${t}\nbefore:\n${tablesBefore.get(t).slice(0, 1500)}\nafter:\n${tablesAfter.get(t).slice(0, 1500)}`).join('\n')}`);
});
