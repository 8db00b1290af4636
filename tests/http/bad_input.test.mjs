// A catalogue of malformed and hostile requests, one row each, against one server with small limits.
// Every row gets the answer it names (a 4xx with a JSON error and its code, or a normal answer where the
// request is odd but harmless), never a crash, a hang, a 5xx or a dropped connection; after every row the
// server still answers /healthz; and at the end the audit log, where every write lands, has not grown since the
// admin and its API token were set up (units and users are written nowhere else).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import {
  assertJsonError, assertStillServing, auditEntryCount, createAdminWithToken, fetchText, fillPath, makeTempDir,
  operationsOf, rawRequest, removeDir, startServer,
} from './support.mjs';

const HEADER_TIMEOUT_MS = 1500;
const BODY_LIMIT = 65536;

// The server serves a small web app from `web/`; a secret file sits next to it, where a path traversal would
// find it, so that "no file contents leak" is checked even where /etc/passwd is not readable.
const base = makeTempDir('danvan-bad-input-');
const webDir = path.join(base, 'web');
const SECRET = 'root:x:0:0:danvan-secret-outside-static-dir';
const INDEX_MARKER = 'danvan-bad-input-index';
fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><p>${INDEX_MARKER}</p>\n`);
fs.writeFileSync(path.join(webDir, 'assets', 'app.1.js'), 'export {};\n');
fs.writeFileSync(path.join(base, 'secret.txt'), `${SECRET}\n`);
const dbPath = path.join(base, 'danvan.db');

// A system admin with an API token, for the rows that must get past authentication; the two CLI commands write
// the only audit entries the file is allowed to hold at the end.
const admin = createAdminWithToken(dbPath);
const auditBefore = auditEntryCount(dbPath);

const server = await startServer({
  dbPath,
  settings: {
    'server.header_timeout_ms': HEADER_TIMEOUT_MS,
    'server.body_limit': BODY_LIMIT,
    'server.static_dir': webDir,
  },
});
let stopped = false;
after(async () => {
  if (!stopped) await server.stop();
  removeDir(base);
});

const openapi = (await fetchText(`${server.url}/api/openapi.json`)).json;
const operations = operationsOf(openapi);
// The JSON-body routes the rows below use: the log-in (public) and the creation of a unit (signed in).
const SESSION = '/api/v1/session';
const UNITS = '/api/v1/units';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const CRLF = '\r\n';
/** A request head (and body) from its parts; `headers` is an array of "Name: value" lines. */
function req(method, target, headers = [], body = '', version = 'HTTP/1.1') {
  return `${method} ${target} ${version}${CRLF}${['Host: test', ...headers].map((h) => h + CRLF).join('')}${CRLF}${body}`;
}
const manyHeaders = (n, width = 20) => Array.from({ length: n }, (_, i) => `X-Filler-${i}: ${'v'.repeat(width)}`);
const chunked = (...chunks) => chunks.map((c) => `${c.length.toString(16)}${CRLF}${c}${CRLF}`).join('') + `0${CRLF}${CRLF}`;
const SQL = ["'; DROP TABLE audit_log;--", "1' OR '1'='1", '1; DELETE FROM audit_log', '" UNION SELECT * FROM schema_migrations --'];

// Statuses for the rows: a number, or NORMAL (a 2xx answer) or NO_5XX (a 4xx JSON error or a normal answer).
const NORMAL = 'normal';
const NO_5XX = 'no 5xx';

/**
 * A row: {name, send, status, code, ...}.
 *   send: raw bytes (string, one byte per char), an array of pieces sent `gapMs` apart, or {fetch: {...}}
 *   status, code: the expected answer; details: entries details must hold
 *   closes: the server must close the connection after answering (nothing after the error is read)
 *   silent: no answer at all is due, only the close
 *   maxMs: the answer must come within this
 *   contains: text the (normal) body must contain
 */
const rows = [];
const row = (r) => rows.push(r);

// ---------------------------------------------------------------------------------------------------------
// Request lines

const MALFORMED = { status: 400, code: 'malformed_request', closes: true };
const BAD_TARGET = { status: 400, code: 'malformed_target', closes: true };

row({ name: 'request line without a version', send: `GET /healthz${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'version HTTP/9.9', send: req('GET', '/healthz', [], '', 'HTTP/9.9'), ...MALFORMED });
row({ name: 'version HTTP/2.0 in an HTTP/1 request line', send: req('GET', '/healthz', [], '', 'HTTP/2.0'), ...MALFORMED });
row({ name: 'lower-case version http/1.1', send: req('GET', '/healthz', [], '', 'http/1.1'), ...MALFORMED });
row({ name: 'version with garbage HTTP/1.1x', send: req('GET', '/healthz', [], '', 'HTTP/1.1x'), ...MALFORMED });
row({ name: 'method with an @', send: req('G@T', '/healthz'), ...MALFORMED });
row({ name: 'method with a NUL byte', send: req('GE\x00T', '/healthz'), ...MALFORMED });
row({ name: 'method with a non-ASCII byte', send: req('G\xc9T', '/healthz'), ...MALFORMED });
row({ name: 'lone LF line endings', send: `GET /healthz HTTP/1.1\nHost: test\n\n`, ...MALFORMED });
row({ name: 'lone CR after the request line', send: `GET /healthz HTTP/1.1\rHost: test${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'NUL byte in the target', send: req('GET', '/heal\x00thz'), ...MALFORMED });
row({ name: 'space inside the target', send: req('GET', '/a b'), ...MALFORMED });
row({ name: 'missing target (two spaces)', send: `GET  HTTP/1.1${CRLF}Host: test${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'missing target', send: `GET HTTP/1.1${CRLF}Host: test${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'version alone', send: `HTTP/1.1${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'empty lines only', send: `${CRLF}${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'a TLS ClientHello on the plain port', send: Buffer.from('160301020001000200fc0303' + 'ab'.repeat(32) + '0000', 'hex'), ...MALFORMED });
row({ name: 'the HTTP/2 connection preface', send: `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'absolute-form target', send: req('GET', 'http://example.com/healthz'), ...BAD_TARGET });
row({ name: 'asterisk-form target', send: req('OPTIONS', '*'), ...BAD_TARGET });
row({ name: 'authority-form target (CONNECT)', send: req('CONNECT', 'example.com:443'), ...BAD_TARGET });
row({ name: 'target with a fragment', send: req('GET', '/healthz#top'), ...BAD_TARGET });
row({ name: 'bad percent-encoding in the path', send: req('GET', '/%zz'), ...BAD_TARGET });
row({ name: 'bad percent-encoding in the query', send: req('GET', '/healthz?q=%g1'), ...BAD_TARGET });
row({ name: 'raw backslashes in the target', send: req('GET', '/..\\..\\etc\\passwd'), ...BAD_TARGET });

// ---------------------------------------------------------------------------------------------------------
// Header fields

row({ name: 'header name with a space', send: req('GET', '/healthz', ['Bad Header: y']), ...MALFORMED });
row({ name: 'header line without a colon', send: req('GET', '/healthz', ['NoColonHere']), ...MALFORMED });
row({ name: 'space before the colon', send: req('GET', '/healthz', ['X-A : a']), ...MALFORMED });
row({ name: 'empty header name', send: req('GET', '/healthz', [': nameless']), ...MALFORMED });
row({ name: 'separator characters in a header name', send: req('GET', '/healthz', ['X(A): a']), ...MALFORMED });
row({ name: 'NUL byte in a header value', send: req('GET', '/healthz', ['X-A: a\x00b']), ...MALFORMED });
row({ name: 'DEL byte in a header value', send: req('GET', '/healthz', ['X-A: a\x7fb']), ...MALFORMED });

const HEAD_TOO_LARGE = { status: 431, code: 'header_too_large', closes: true };
row({ name: 'one 17 KiB header', send: req('GET', '/healthz', [`X-Big: ${'a'.repeat(17 * 1024)}`]), ...HEAD_TOO_LARGE });
row({ name: 'a 17 KiB cookie', send: req('GET', '/', [`Cookie: s=${'c'.repeat(17 * 1024)}`]), ...HEAD_TOO_LARGE });
row({ name: 'a 17 KiB target', send: req('GET', `/${'p'.repeat(17 * 1024)}`), ...HEAD_TOO_LARGE });
row({ name: '480 headers, 17 KiB in all, in one write', send: req('GET', '/healthz', manyHeaders(480)), ...HEAD_TOO_LARGE });
row({ name: '5000 small headers', send: req('GET', '/healthz', manyHeaders(5000, 1)), ...HEAD_TOO_LARGE });
{
  // The same 17 KiB head, trickled in 2 KiB pieces: the limit holds over the whole head, not per read.
  const head = req('GET', '/healthz', manyHeaders(480));
  const pieces = [];
  for (let i = 0; i < head.length; i += 2048) pieces.push(head.slice(i, i + 2048));
  row({ name: '480 headers sent in 2 KiB pieces', send: pieces, gapMs: 15, ...HEAD_TOO_LARGE });
}

// ---------------------------------------------------------------------------------------------------------
// Body framing

row({ name: 'Content-Length not a number', send: req('POST', '/healthz', ['Content-Length: abc']), ...MALFORMED });
row({ name: 'negative Content-Length', send: req('POST', '/healthz', ['Content-Length: -1']), ...MALFORMED });
row({ name: 'Content-Length past 2^64', send: req('POST', '/healthz', ['Content-Length: 99999999999999999999999']), ...MALFORMED });
row({ name: 'two conflicting Content-Length headers', send: req('POST', '/healthz', ['Content-Length: 5', 'Content-Length: 6'], 'hello!'), ...MALFORMED });
row({ name: 'a Content-Length list of different values', send: req('POST', '/healthz', ['Content-Length: 5, 6'], 'hello!'), ...MALFORMED });
row({
  name: 'Content-Length and Transfer-Encoding with a smuggled request',
  send: req('POST', '/healthz', ['Content-Length: 40', 'Transfer-Encoding: chunked'], `0${CRLF}${CRLF}GET /metrics HTTP/1.1${CRLF}Host: t${CRLF}${CRLF}`),
  ...MALFORMED,
});
row({ name: 'Transfer-Encoding gzip without chunked', send: req('POST', '/healthz', ['Transfer-Encoding: gzip'], `GET /metrics HTTP/1.1${CRLF}Host: t${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'Transfer-Encoding with chunked not last', send: req('POST', '/healthz', ['Transfer-Encoding: chunked, gzip'], `0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'Transfer-Encoding identity', send: req('POST', '/healthz', ['Transfer-Encoding: identity']), ...MALFORMED });
row({ name: 'Transfer-Encoding xchunked', send: req('POST', '/healthz', ['Transfer-Encoding: xchunked'], `0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'Transfer-Encoding chunked with a parameter, then a pipelined request', send: req('POST', '/healthz', ['Transfer-Encoding: chunked;q=1'], `0${CRLF}${CRLF}GET /metrics HTTP/1.1${CRLF}Host: t${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'Transfer-Encoding chunked twice', send: req('POST', '/healthz', ['Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'], `0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'Transfer-Encoding gzip, chunked', send: req('POST', '/healthz', ['Transfer-Encoding: gzip, chunked'], `0${CRLF}${CRLF}GET /metrics HTTP/1.1${CRLF}Host: t${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'an HTTP/1.1 request without Host', send: `GET /healthz HTTP/1.1${CRLF}${CRLF}GET /metrics HTTP/1.1${CRLF}Host: t${CRLF}${CRLF}`, ...MALFORMED });
row({ name: 'an HTTP/1.1 request with two Host headers', send: req('GET', '/healthz', ['Host: other']), ...MALFORMED });
row({ name: 'an HTTP/1.0 request without Host is fine', send: `GET /healthz HTTP/1.0${CRLF}${CRLF}`, status: NORMAL });
row({ name: 'chunk size not hexadecimal', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `zz${CRLF}abc${CRLF}0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'negative chunk size', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `-5${CRLF}abc${CRLF}0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'chunk size past 2^64', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `ffffffffffffffffffff${CRLF}abc${CRLF}0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'chunk longer than its size', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `3${CRLF}abcdef${CRLF}0${CRLF}${CRLF}`), ...MALFORMED });
row({ name: 'control character in a chunk extension', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `3;x=\x01${CRLF}abc${CRLF}0${CRLF}${CRLF}`), ...MALFORMED });

const BODY_TOO_LARGE = { status: 413, code: 'body_too_large', closes: true };
row({ name: 'Content-Length over the limit, body not sent', send: req('POST', '/healthz', [`Content-Length: ${BODY_LIMIT + 1}`]), ...BODY_TOO_LARGE });
row({ name: 'Content-Length of 4 GiB', send: req('POST', '/healthz', ['Content-Length: 4294967296']), ...BODY_TOO_LARGE });
row({ name: 'Content-Length over the limit with Expect: 100-continue', send: req('POST', '/healthz', ['Expect: 100-continue', 'Content-Length: 1000000']), ...BODY_TOO_LARGE });
row({ name: '200 KB body sent in full', send: req('POST', '/healthz', ['Content-Length: 200000'], 'x'.repeat(200_000)), ...BODY_TOO_LARGE });
row({ name: '5 MB body sent in full', send: req('POST', '/healthz', ['Content-Length: 5000000'], 'x'.repeat(5_000_000)), ...BODY_TOO_LARGE });
row({ name: 'one chunk over the limit', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], chunked('b'.repeat(BODY_LIMIT + 16))), ...BODY_TOO_LARGE });
row({ name: 'many small chunks over the limit', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], chunked(...Array(70).fill('c'.repeat(1024)))), ...BODY_TOO_LARGE });
row({ name: 'a chunk size announcing 16 MiB', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `1000000${CRLF}abc`), ...BODY_TOO_LARGE });
row({ name: 'fetch: 300 KB JSON body', send: { fetch: { method: 'POST', path: '/healthz', headers: { 'content-type': 'application/json' }, body: `"${'j'.repeat(300_000)}"` } }, status: 413, code: 'body_too_large' });
row({ name: 'fetch: 4 MB body', send: { fetch: { method: 'POST', path: '/api/anything', body: 'z'.repeat(4_000_000) } }, status: 413, code: 'body_too_large' });

// ---------------------------------------------------------------------------------------------------------
// Slow and silent clients: the whole request must arrive within server.header_timeout_ms.

const TIMEOUT = { status: 408, code: 'request_timeout', closes: true, maxMs: HEADER_TIMEOUT_MS + 2500, timeoutMs: HEADER_TIMEOUT_MS + 4000 };
row({ name: 'half a request head, then nothing', send: `GET /healthz HTTP/1.1${CRLF}Host: te`, ...TIMEOUT });
row({ name: 'the request line only, then nothing', send: `GET /healthz HTTP/1.1${CRLF}`, ...TIMEOUT });
row({ name: 'a body shorter than its Content-Length', send: req('POST', '/healthz', ['Content-Length: 10'], 'abc'), ...TIMEOUT });
row({ name: 'a chunked body without its last chunk', send: req('POST', '/healthz', ['Transfer-Encoding: chunked'], `3${CRLF}abc${CRLF}`), ...TIMEOUT });
row({
  name: 'a header line every 300 ms, never ending (slowloris)',
  send: [`GET /healthz HTTP/1.1${CRLF}`, ...Array.from({ length: 15 }, (_, i) => `X-Slow-${i}: 1${CRLF}`)],
  gapMs: 300,
  ...TIMEOUT,
});
row({ name: 'a connection that sends nothing is closed', send: '', silent: true, maxMs: HEADER_TIMEOUT_MS + 2500, timeoutMs: HEADER_TIMEOUT_MS + 4000 });

// ---------------------------------------------------------------------------------------------------------
// Methods

const NOT_ALLOWED = { status: 405, code: 'method_not_allowed' };
row({ name: 'DELETE on a GET route', send: req('DELETE', '/healthz'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'OPTIONS on a GET route', send: req('OPTIONS', '/readyz'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'lower-case method name', send: req('get', '/healthz'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'an invented method', send: req('BREW', '/metrics'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'TRACE on the web app', send: req('TRACE', '/'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'POST a form to the web app', send: req('POST', '/index.html', ['Content-Type: application/x-www-form-urlencoded', 'Content-Length: 3'], 'a=b'), ...NOT_ALLOWED, allow: 'GET, HEAD' });
row({ name: 'PUT on the OpenAPI document', send: { fetch: { method: 'PUT', path: '/api/openapi.json', headers: { 'content-type': 'application/json' }, body: '{}' } }, ...NOT_ALLOWED });

// ---------------------------------------------------------------------------------------------------------
// Paths: traversal out of the static folder, odd encodings. Never a file's contents.

const BAD_PATH = { status: 400, code: 'invalid_path' };
const NOT_FOUND = { status: 404, code: 'not_found' };
const INDEX = { status: NORMAL, contains: INDEX_MARKER };
row({ name: 'traversal /../../etc/passwd', send: req('GET', '/../../etc/passwd'), ...BAD_PATH });
row({ name: 'traversal to the secret next to the static folder', send: req('GET', '/../secret.txt'), ...BAD_PATH });
row({ name: 'encoded dots /%2e%2e/%2e%2e/etc/passwd', send: req('GET', '/%2e%2e/%2e%2e/etc/passwd'), ...BAD_PATH });
row({ name: 'upper-case encoded dots /%2E%2E/secret.txt', send: req('GET', '/%2E%2E/secret.txt'), ...BAD_PATH });
row({ name: 'encoded slashes /assets/..%2f..%2fetc/passwd', send: req('GET', '/assets/..%2f..%2fetc/passwd'), ...BAD_PATH });
row({ name: 'all encoded /%2e%2e%2f%2e%2e%2fsecret.txt', send: req('GET', '/%2e%2e%2f%2e%2e%2fsecret.txt'), ...BAD_PATH });
row({ name: 'deep traversal from /assets/', send: req('GET', '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd'), ...BAD_PATH });
row({ name: 'encoded backslashes /..%5c..%5csecret.txt', send: req('GET', '/..%5c..%5csecret.txt'), ...BAD_PATH });
row({ name: 'encoded backslash path /%5cetc%5cpasswd', send: req('GET', '/%5cetc%5cpasswd'), ...BAD_PATH });
row({ name: 'a single-dot segment /./index.html', send: req('GET', '/./index.html'), ...BAD_PATH });
row({ name: 'an encoded single dot /%2e', send: req('GET', '/%2e'), ...BAD_PATH });
row({ name: 'overlong UTF-8 dots /%c0%ae%c0%ae/secret.txt', send: req('GET', '/%c0%ae%c0%ae/secret.txt'), ...BAD_PATH });
row({ name: 'invalid UTF-8 in the path', send: req('GET', '/%ff%fe'), ...BAD_PATH });
row({ name: 'encoded NUL /index.html%00.png', send: req('GET', '/index.html%00.png'), ...BAD_TARGET });
row({ name: 'encoded NUL alone /%00', send: req('GET', '/%00'), ...BAD_TARGET });
row({ name: 'double-encoded dots /%252e%252e/secret.txt', send: req('GET', '/%252e%252e/secret.txt'), ...NOT_FOUND });
row({ name: 'dot-dot-semicolon /..;/secret.txt', send: req('GET', '/..;/secret.txt'), ...NOT_FOUND });
row({ name: 'traversal under /api/ is not resolved', send: req('GET', '/api/%2e%2e/healthz'), ...NOT_FOUND, details: { path: '/api/../healthz' } });
row({ name: 'a leading double slash //etc/passwd', send: req('GET', '//etc/passwd'), ...INDEX });
row({ name: 'an encoded leading slash /%2fetc%2fpasswd', send: req('GET', '/%2fetc%2fpasswd'), ...INDEX });
row({ name: 'four dots /....//....//etc/passwd', send: req('GET', '/....//....//etc/passwd'), ...INDEX });

// ---------------------------------------------------------------------------------------------------------
// SQL metacharacters in query strings and path parameters: an error or a normal answer, never a 5xx.

const q = encodeURIComponent;
row({ name: 'SQL in the query of /healthz', send: req('GET', `/healthz?q=${q(SQL[0])}`), status: NO_5XX });
row({ name: 'SQL in the query of /readyz', send: req('GET', `/readyz?id=${q(SQL[1])}`), status: NO_5XX });
row({ name: 'SQL as a query parameter name', send: req('GET', `/api/openapi.json?${q(SQL[2])}=1`), status: NO_5XX });
row({ name: 'SQL in an API path segment', send: req('GET', `/api/units/${q(SQL[0])}`), status: NO_5XX });
row({ name: 'raw quote and dashes in an API path', send: req('GET', "/api/units/1'--"), status: NO_5XX });
row({ name: 'SQL UNION in an API path', send: req('GET', `/api/accounts/${q(SQL[3])}`), status: NO_5XX });
row({ name: 'SQL in a static path', send: req('GET', `/${q(SQL[0])}`), status: NO_5XX });
// Every GET operation the API describes, with injection in its path parameters or its query.
for (const { method, path: pattern } of operations.filter((o) => o.method === 'GET')) {
  for (const value of [SQL[0], SQL[1]]) {
    const target = pattern.includes('{') ? fillPath(pattern, value) : `${pattern}?q=${q(value)}&id=${q(value)}`;
    row({ name: `SQL in ${method} ${pattern}: ${value}`, send: req(method, target), status: NO_5XX,
          open311: pattern.startsWith('/open311/') });
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON bodies: only a route that takes one can say what is wrong with it.

const jsonRows = [];
const jsonRow = (r) => jsonRows.push(r);
const withJson = (body, contentType = 'application/json') => ({ body, contentType });
jsonRow({ name: 'malformed JSON (unterminated object)', ...withJson('{"name": "Phường 1",'), status: 400, code: 'malformed_json', details: { line: 1 } });
jsonRow({ name: 'malformed JSON on line 3', ...withJson('{\n  "name": "a",\n  "x": @\n}'), status: 400, code: 'malformed_json', details: { line: 3 } });
jsonRow({ name: 'JSON with trailing garbage', ...withJson('{} {}'), status: 400, code: 'malformed_json' });
jsonRow({ name: 'JSON nested 10000 deep', ...withJson('['.repeat(10_000) + ']'.repeat(10_000)), status: 400, code: 'malformed_json' });
jsonRow({ name: 'invalid UTF-8 in a JSON body', ...withJson(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), status: 400, code: 'invalid_utf8' });
jsonRow({ name: 'a JSON array where an object is due', ...withJson('[1,2,3]'), status: 400, code: 'json_object_expected' });
jsonRow({ name: 'JSON sent as text/plain', ...withJson('{}', 'text/plain'), status: 415, code: 'unsupported_media_type' });
jsonRow({ name: 'JSON sent as a form', ...withJson('a=1', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type' });
jsonRow({ name: 'a body without a Content-Type', ...withJson(Buffer.from('{}'), null), status: 415, code: 'unsupported_media_type' });

// Every JSON row against the log-in, which takes a JSON body from anyone: nothing in them gets as far as a login.
for (const r of jsonRows) {
  const headers = r.contentType ? { 'content-type': r.contentType } : {};
  row({ ...r, name: `${r.name} (POST ${SESSION})`, send: { fetch: { method: 'POST', path: SESSION, headers, body: r.body } } });
}

// Bodies that are JSON objects but not a log-in.
const JSON_TYPE = { 'content-type': 'application/json' };
const login = (name, body, expected) =>
  row({ name: `${name} (POST ${SESSION})`, send: { fetch: { method: 'POST', path: SESSION, headers: JSON_TYPE, body: typeof body === 'string' ? body : JSON.stringify(body) } }, ...expected });
const FIELD_REQUIRED = { status: 400, code: 'field_required' };
login('an empty JSON object', {}, { ...FIELD_REQUIRED, details: { field: 'username' } });
login('a username without a password', { username: 'no-password' }, { ...FIELD_REQUIRED, details: { field: 'password' } });
login('a password without a username', { password: 'secret-password' }, { ...FIELD_REQUIRED, details: { field: 'username' } });
login('an empty username', { username: '', password: 'secret-password' }, { ...FIELD_REQUIRED, details: { field: 'username' } });
login('a username of blanks', { username: '   ', password: 'secret-password' }, { ...FIELD_REQUIRED, details: { field: 'username' } });
login('a username with a tab', { username: 'a\tb', password: 'secret-password' }, { status: 400, code: 'field_control_character', details: { field: 'username' } });
login('a username that is a number', { username: 42, password: 'secret-password' }, { status: 400, code: 'field_wrong_type', details: { field: 'username' } });
login('a password that is an object', { username: 'object-password', password: { $ne: '' } }, { status: 400, code: 'field_wrong_type', details: { field: 'password' } });
login('a password that is null', { username: 'null-password', password: null }, { ...FIELD_REQUIRED, details: { field: 'password' } });
login('a 65-character username', { username: 'u'.repeat(65), password: 'secret-password' }, { status: 400, code: 'field_too_long', details: { field: 'username' } });
row({
  name: `an empty object sent as application/json; charset=utf-8 (POST ${SESSION})`,
  send: { fetch: { method: 'POST', path: SESSION, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' } },
  ...FIELD_REQUIRED, details: { field: 'username' },
});
// These reach the password check and fail it: one failure per username, so no throttling comes into play. A failed
// log-in counts in the throttle table, never in the audit log.
const WRONG = { status: 401, code: 'invalid_credentials' };
login('the wrong password for the admin', { username: admin.username, password: `${admin.password}x` }, WRONG);
login('an unknown username', { username: 'nobody-here', password: 'secret-password' }, WRONG);
login('SQL in the username: admin\' --', { username: `${admin.username}' --`, password: 'whatever-password' }, WRONG);
login("SQL in both fields: ' OR '1'='1", { username: "' OR '1'='1", password: "' OR '1'='1" }, WRONG);
login('SQL in the password', { username: 'sql-password', password: SQL[0] }, WRONG);

// A signed-in JSON route: credentials are checked before the body is looked at.
const UNIT = { code: 'X1', name: 'Phường Thử 1', level: 'province', kind: 'thanh_pho', valid_from: '01/01/2008' };
const createUnit = (name, { headers = {}, body = UNIT, ...expected }) =>
  row({ name: `${name} (POST ${UNITS})`, send: { fetch: { method: 'POST', path: UNITS, headers: { ...JSON_TYPE, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) } }, ...expected });
const UNAUTHENTICATED = { status: 401, code: 'unauthenticated' };
const INVALID_TOKEN = { status: 401, code: 'invalid_token' };
createUnit('no credentials', { ...UNAUTHENTICATED });
createUnit('no credentials and malformed JSON', { body: '{"code":', ...UNAUTHENTICATED });
createUnit('a bogus bearer token', { headers: { authorization: 'Bearer dv_not-a-real-token' }, ...INVALID_TOKEN });
createUnit('an empty bearer token', { headers: { authorization: 'Bearer ' }, ...INVALID_TOKEN });
createUnit('SQL as the bearer token', { headers: { authorization: `Bearer ${SQL[1]}` }, ...INVALID_TOKEN });
createUnit('Basic credentials', { headers: { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` }, ...INVALID_TOKEN });
createUnit('the token without "Bearer"', { headers: { authorization: admin.token }, ...INVALID_TOKEN });
createUnit('an unknown session cookie, no CSRF header', { headers: { cookie: 'danvan_session=no-such-session' }, ...UNAUTHENTICATED });
createUnit('an unknown session cookie with a CSRF header', { headers: { cookie: 'danvan_session=no-such-session', 'x-csrf-token': 'made-up' }, ...UNAUTHENTICATED });
createUnit('SQL as the session cookie', { headers: { cookie: `danvan_session=${q(SQL[0])}` }, ...UNAUTHENTICATED });

// Signed in with the admin's token: SQL metacharacters in the string fields fail validation, and nothing is written.
const bearer = { authorization: `Bearer ${admin.token}` };
const signedIn = (name, body, expected) => createUnit(`signed in: ${name}`, { headers: bearer, body, ...expected });
const invalid = (code, field) => ({ status: 400, code, details: { field } });
signedIn(`SQL in the code: ${SQL[0]}`, { ...UNIT, code: SQL[0], name: SQL[0] }, invalid('invalid_unit_code', 'code'));
signedIn(`SQL in the code: ${SQL[1]}`, { ...UNIT, code: SQL[1] }, invalid('invalid_unit_code', 'code'));
signedIn(`SQL in the code: ${SQL[2]}`, { ...UNIT, code: SQL[2], name: SQL[2] }, invalid('invalid_unit_code', 'code'));
signedIn(`SQL in the code: ${SQL[3]}`, { ...UNIT, code: SQL[3] }, invalid('field_too_long', 'code'));
signedIn('a code with a quote only', { ...UNIT, code: "X1'" }, invalid('invalid_unit_code', 'code'));
signedIn('a code with a NUL byte', { ...UNIT, code: 'X1\u0000' }, invalid('field_control_character', 'code'));
signedIn("SQL in the level: ' OR 1=1--", { ...UNIT, level: "' OR 1=1--" }, invalid('field_not_allowed', 'level'));
signedIn(`SQL in the kind: ${SQL[1]}`, { ...UNIT, kind: SQL[1] }, invalid('invalid_unit_kind', 'kind'));
signedIn("SQL in the date: 1';--", { ...UNIT, valid_from: "1';--" }, invalid('field_bad_format', 'valid_from'));
signedIn('SQL as the parent id', { ...UNIT, level: 'commune', kind: 'phuong', parent_id: SQL[1] }, invalid('field_wrong_type', 'parent_id'));
signedIn('a parent that does not exist', { ...UNIT, level: 'commune', kind: 'phuong', parent_id: 999999 }, { status: 404, code: 'unit_not_found' });
signedIn('malformed JSON', '{"code": "X1",', { status: 400, code: 'malformed_json' });
signedIn('a JSON array', '[{"code": "X1"}]', { status: 400, code: 'json_object_expected' });
createUnit('signed in: JSON sent as text/plain', { headers: { ...bearer, 'content-type': 'text/plain' }, ...{ status: 415, code: 'unsupported_media_type' } });

// Bodies read against their operation's schema (src/http/openapi.json), before any handler: each of these was once
// accepted, or mis-read, by a handler that picked its fields out by hand.
const strict = (name, method, p, body, expected) =>
  row({ name: `strict: ${name} (${method} ${p})`, send: { fetch: { method, path: p, headers: { ...JSON_TYPE, ...bearer }, body: typeof body === 'string' ? body : JSON.stringify(body) } }, ...expected });
const TOKENS = '/api/v1/tokens';
const PEOPLE = '/api/v1/people';
const ORGS = '/api/v1/organisations';
const ORG = { unit_id: 1, kind: 'mttq', name: 'Tổ thử', valid_from: '01/01/2020' };
strict('a user id sent as text', 'POST', TOKENS, { name: 't', user_id: '6' }, invalid('field_wrong_type', 'user_id'));
strict('an expiry date sent as a number', 'POST', TOKENS, { name: 't', expires_on: 12345 }, invalid('field_wrong_type', 'expires_on'));
strict('an expiry date that is no date', 'POST', TOKENS, { name: 't', expires_on: '31/02/2027' }, invalid('field_bad_format', 'expires_on'));
strict('a birth year past 32 bits', 'POST', PEOPLE, { unit_id: 1, full_name: 'Nguyễn Văn A', birth_year: 4294969296 }, invalid('field_out_of_range', 'birth_year'));
strict('a parent id sent as text', 'POST', ORGS, { ...ORG, parent_id: '7' }, invalid('field_wrong_type', 'parent_id'));
for (const [label, id] of [['2^63', '9223372036854775808'], ['1e400', '1e400'], ['30 digits', '1'.repeat(30)], ['0', '0'], ['-1', '-1'], ['2^53', '9007199254740992']])
  strict(`a unit id of ${label}`, 'POST', ORGS, `{"unit_id": ${id}, "kind": "mttq", "name": "Tổ", "valid_from": "01/01/2020"}`, invalid('field_out_of_range', 'unit_id'));
strict('a unit id of 1.5', 'POST', ORGS, { ...ORG, unit_id: 1.5 }, invalid('field_wrong_type', 'unit_id'));
strict('a year of -0', 'POST', '/api/v1/proposals', '{"unit_id": 1, "issuer_id": 1, "title": "Đề nghị", "year": -0, "nominees": []}', invalid('field_out_of_range', 'year'));
strict('a NUL in a name', 'POST', ORGS, { ...ORG, name: 'Tổ\u0000thử' }, invalid('field_control_character', 'name'));
strict('a newline in a one-line name', 'POST', ORGS, { ...ORG, name: 'Tổ\nthử' }, invalid('field_control_character', 'name'));
strict('a blank model title', 'POST', '/api/v1/models', { campaign_id: 1, field: 'kinh_te', title: '   ' }, invalid('field_required', 'title'));
strict('a blank legal basis', 'POST', '/api/v1/award-types', { code: 'x', name: 'Giấy khen', issuer_kind: 'fatherland_front', subject: 'collective', legal_basis: '  ', bonus_coefficient: 1 }, invalid('field_required', 'legal_basis'));
strict('a blank signer name', 'POST', '/api/v1/decisions', { proposal_id: 1, decided_on: '01/02/2026', signer_title: 'Chủ tịch', signer_name: '   ' }, invalid('field_required', 'signer_name'));
strict('a 20,000-character council name', 'POST', '/api/v1/councils', { campaign_id: 1, name: 'x'.repeat(20_000), kind: 'ban_chi_dao', members: [] }, invalid('field_too_long', 'name'));
strict('a 20,000-character one-word summary', 'POST', '/api/v1/decisions/preview', { proposal_id: 1, decided_on: '01/02/2026', signer_title: 'Chủ tịch', signer_name: 'Nguyễn Văn A', summary: 'x'.repeat(20_000) }, invalid('field_too_long', 'summary'));
strict('a member the schema does not declare', 'POST', ORGS, { ...ORG, colour: 'đỏ' }, invalid('field_unknown', 'colour'));
strict('a value outside the enum', 'POST', '/api/v1/sessions/1/ballots', { model_id: 1, vote: 'maybe' }, invalid('field_not_allowed', 'vote'));
strict('a model id key that is no id', 'POST', '/api/v1/sessions/1/close', { levels: { abc: 'phuong' } }, invalid('field_bad_format', 'levels.abc'));
strict('a nominee without its award type', 'POST', '/api/v1/proposals', { unit_id: 1, issuer_id: 1, title: 'Đề nghị', nominees: [{ model_id: 1 }] }, invalid('field_required', 'nominees[0].award_type_id'));
strict('PUT of a person without its unit', 'PUT', `${PEOPLE}/1`, { full_name: 'Nguyễn Văn A' }, invalid('field_required', 'unit_id'));
strict('a duplicated key in a nested object', 'POST', '/api/v1/sessions/1/scores', '{"model_id": 1, "scores": [{"criterion_id": 1, "score": 5, "score": 9}]}', invalid('duplicate_key', 'scores[0].score'));
login('a duplicated username, the second a real one', '{"username": "nobody", "username": "xem.lythaito", "password": "x"}', { status: 400, code: 'duplicate_key', details: { field: 'username' } });

// Query and path parameters by the same rules; the target's bytes are text, or a 400 in JSON.
const query = (name, p, expected) => row({ name: `query: ${name} (GET ${p})`, send: { fetch: { method: 'GET', path: p, headers: bearer } }, ...expected });
const param = (code, parameter, rule) => ({ status: 400, code, details: { parameter, ...(rule ? { rule } : {}) } });
query('an id of 0 in the path', '/api/v1/units/0', param('invalid_parameter', 'id', 'minimum'));
query('an id with letters in the path', '/api/v1/units/7x', param('invalid_parameter', 'id', 'type'));
query('invalid UTF-8 in an API path', '/api/v1/units/%FF', { status: 400, code: 'invalid_path' });
for (const bad of ['%FF', '%C0%AF', '%ED%A0%80'])
  for (const p of ['/api/v1/units', '/api/v1/public/models', '/api/v1/organisations'])
    query(`the search text ${bad}`, `${p}?q=${bad}`, param('invalid_parameter', 'q', 'utf8'));
query('a NUL in the search text', '/api/v1/units?q=a%00b', param('invalid_parameter', 'q', 'control_character'));
query('a parameter twice', '/api/v1/units?q=a&q=b', param('invalid_parameter', 'q', 'duplicate'));
query('a parameter the route does not take', '/api/v1/units?colour=red', param('invalid_parameter', 'colour', 'unknown'));
query('a page size over its limit', '/api/v1/public/models?page_size=201', param('invalid_parameter', 'page_size', 'maximum'));
query('a year as words', '/api/v1/public/models?year=nineteen', param('invalid_parameter', 'year', 'type'));
query('a search text of 201 characters', `/api/v1/units?q=${'a'.repeat(201)}`, param('invalid_parameter', 'q', 'maxLength'));

// ---------------------------------------------------------------------------------------------------------
// The runner

async function send(r) {
  if (r.send?.fetch) {
    const { method, path: p, headers = {}, body } = r.send.fetch;
    const started = Date.now();
    const res = await fetchText(`${server.url}${p}`, { method, headers, body, signal: AbortSignal.timeout(r.timeoutMs ?? 10_000) });
    return { ...res, closed: undefined, elapsedMs: Date.now() - started };
  }
  return rawRequest(server.port, r.send, {
    timeoutMs: r.timeoutMs ?? 5000,
    gapMs: r.gapMs ?? 0,
    waitClose: Boolean(r.closes || r.silent),
  });
}

// Open311's routes answer errors in the specification's shape (docs/open311.md), not ours: a list of {code,
// description} in the path's format.
function assertOpen311Error(res) {
  assert.ok([400, 403, 404].includes(res.status), `an Open311 error status, got ${res.status}`);
  if (/^application\/json\b/.test(res.headers['content-type'] ?? '')) {
    assert.ok(Array.isArray(res.json), `a list of errors: ${res.body?.slice(0, 300)}`);
    assert.equal(res.json[0].code, res.status);
    assert.equal(typeof res.json[0].description, 'string');
  } else {
    assert.match(res.headers['content-type'] ?? '', /^text\/xml\b/);
    assert.ok(res.body.includes(`<errors><error><code>${res.status}</code>`), res.body?.slice(0, 300));
  }
}

function assertNoLeak(res) {
  const text = `${res.raw ?? ''}${res.body ?? ''}`;
  assert.ok(!text.includes('root:'), 'no file contents (root:) in the answer');
  assert.ok(!text.includes(SECRET), 'the file next to the static folder did not leak');
}

test(`the OpenAPI document describes POST ${SESSION} as public and POST ${UNITS} as signed in, both taking JSON`, () => {
  const find = (p) => operations.find((o) => o.method === 'POST' && o.path === p);
  const session = find(SESSION);
  const units = find(UNITS);
  assert.ok(session?.operation.requestBody?.content?.['application/json'], `POST ${SESSION} takes JSON`);
  assert.ok(units?.operation.requestBody?.content?.['application/json'], `POST ${UNITS} takes JSON`);
  const isPublic = (op) => (Array.isArray(op.security) ? op.security.length === 0 : !(openapi.security?.length > 0));
  assert.ok(isPublic(session.operation), `POST ${SESSION} needs no sign-in`);
  assert.ok(!isPublic(units.operation), `POST ${UNITS} needs a sign-in`);
});

test(`the catalogue has at least 60 cases (${rows.length})`, () => {
  assert.ok(rows.length >= 60, `${rows.length} cases`);
  assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, 'names are unique');
});

for (const r of rows) {
  test(r.name, async () => {
    const res = await send(r);
    assertNoLeak(res);
    if (r.maxMs !== undefined) assert.ok(res.elapsedMs <= r.maxMs, `answered within ${r.maxMs} ms, took ${res.elapsedMs}`);

    if (r.silent) {
      assert.equal(res.status, undefined, `no answer is due: ${res.raw?.slice(0, 200)}`);
      assert.equal(res.raw, '', 'not a byte sent back');
      assert.equal(res.closed, true, 'the server closed the connection');
    } else if (r.status === NO_5XX) {
      assert.ok(res.status !== undefined, `an answer (connection closed=${res.closed}, error=${res.error})`);
      assert.ok(res.status < 500, `no server error: ${res.status} ${res.body?.slice(0, 300)}`);
      if (res.status >= 400) (r.open311 ? assertOpen311Error(res) : assertJsonError(res));
      else assert.ok(res.status >= 200 && res.status < 300, `a normal answer, got ${res.status}`);
    } else if (r.status === NORMAL) {
      assert.equal(res.status, 200, `a normal answer: ${res.body?.slice(0, 300)}`);
      if (r.contains) assert.ok(res.body.includes(r.contains), `the body holds ${r.contains}`);
    } else {
      const error = assertJsonError(res, { status: r.status, code: r.code, details: r.details });
      if (r.code === 'malformed_request') {
        assert.equal(typeof error.details.reason, 'string', 'details.reason says what was wrong');
        assert.ok(error.details.reason.length > 0);
      }
      if (r.code === 'malformed_json') {
        assert.ok(Number.isInteger(error.details.line) && error.details.line >= 1, 'details.line');
        assert.ok(Number.isInteger(error.details.column) && error.details.column >= 1, 'details.column');
      }
      if (r.allow) assert.equal(res.headers.allow, r.allow, 'the Allow header');
    }

    if (r.closes) {
      assert.equal(res.headers?.connection, 'close', 'the error says the connection closes');
      assert.equal(res.closed, true, 'the server closed the connection after the error');
      assert.equal(res.responses.length, 1, `one answer only, nothing after it was read as a request: ${res.raw.slice(0, 600)}`);
      assert.equal(res.leftover, '', 'no bytes after the answer');
    }
    await assertStillServing(server.url, r.name);
  });
}


test('the database is still ready', async () => {
  const res = await fetchText(`${server.url}/readyz`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { status: 'ready' });
});

test('nothing was written: no unit, no user besides the admin, and no audit entry since the setup', async () => {
  const units = await fetchText(`${server.url}${UNITS}`);
  assert.equal(units.status, 200);
  assert.equal(units.json.total, 0, `no unit exists: ${units.body.slice(0, 300)}`);
  const users = await fetchText(`${server.url}/api/v1/users`, { headers: { authorization: `Bearer ${admin.token}` } });
  assert.equal(users.status, 200);
  assert.deepEqual(users.json.items.map((u) => u.username), [admin.username], 'the admin is the only user');
  stopped = true;
  assert.equal(await server.stop(), 0, `the server stops cleanly\n${server.logs.slice(-2000)}`);
  assert.doesNotMatch(server.logs, /unhandled exception|critical/i, 'no unhandled exception was logged');
  assert.equal(auditBefore, 2, 'the setup wrote two audit entries: the admin and its token');
  assert.equal(auditEntryCount(dbPath), auditBefore, 'the audit log is intact and has not grown');
});
