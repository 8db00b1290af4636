// Helpers for the HTTP suite: start the real `danvan serve` on a free port, talk to it over raw TCP or
// fetch, and check the error body every endpoint shares. Node built-ins only.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The binary under test: $DANVAN_BIN (set by CTest), else the release build. */
export const BIN = process.env.DANVAN_BIN || path.join(repoRoot, 'build', 'release', 'bin', 'danvan');

// Servers still running when the test process ends are killed, so that a failed test leaves no orphan.
const live = new Set();
process.on('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
});

/** A fresh temporary directory; remove it with removeDir. */
export function makeTempDir(prefix = 'danvan-http-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI to completion: {status, signal, stdout, stderr, timedOut}. */
export function runCli(args, { timeoutMs = 20_000 } = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: timeoutMs });
  if (r.error && r.error.code !== 'ETIMEDOUT') throw r.error;
  // On a time-out the child is killed: status is null and timedOut says why.
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, timedOut: Boolean(r.error) };
}

/**
 * Creates a system admin with the CLI and issues it an API token: {username, password, token}.
 * Each of the two commands appends one entry to the audit log. Works whether or not a server runs on the file.
 */
export function createAdminWithToken(dbPath, username = 'admin') {
  const db = `sqlite:${dbPath}`;
  const added = runCli(['user', 'add', '--admin', username, '--db', db]);
  assert.equal(added.status, 0, `danvan user add: ${added.stderr}`);
  const password = /\(shown once\): (\S+)/.exec(added.stdout)?.[1];
  assert.ok(password, `a generated password in: ${added.stdout}`);
  const issued = runCli(['token', 'issue', username, '--db', db]);
  assert.equal(issued.status, 0, `danvan token issue: ${issued.stderr}`);
  const token = issued.stdout.trim();
  assert.match(token, /^\S{16,}$/, 'the token alone on stdout');
  return { username, password, token };
}

/** `danvan audit verify` on the SQLite file: asserts the hash chains are intact, returns the number of entries. */
export function auditEntryCount(dbPath) {
  const verify = runCli(['audit', 'verify', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
  assert.equal(verify.status, 0, `danvan audit verify: ${verify.stdout}${verify.stderr}`);
  const m = /^ok (\d+)$/.exec(verify.stdout.trim());
  assert.ok(m, `"ok N" from danvan audit verify, got ${JSON.stringify(verify.stdout)}`);
  return Number(m[1]);
}

/** What `sqlite3 FILE 'PRAGMA integrity_check'` prints, trimmed: "ok" for a sound file. */
export function sqliteIntegrityCheck(dbPath) {
  const r = spawnSync('sqlite3', [dbPath, 'PRAGMA integrity_check'], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

/** A JSON request with an optional bearer token, read in full like fetchText. */
export function sendJson(url, method, body, { token, headers = {}, signal } = {}) {
  const h = { 'content-type': 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  return fetchText(url, { method, headers: h, body: typeof body === 'string' ? body : JSON.stringify(body), signal });
}

/**
 * Spawns `danvan serve` on 127.0.0.1 with port 0 and waits for its "listening on http://HOST:PORT" line.
 * `settings` become `--set key=value` flags. Without `dbPath` the database lives in a temporary directory that
 * stop() removes; with it, the caller owns the file.
 */
export async function startServer({ settings = {}, dbPath, args = [], startTimeoutMs = 15_000 } = {}) {
  const dir = makeTempDir();
  const db = dbPath ?? path.join(dir, 'danvan.db');
  const argv = ['serve', '--db', `sqlite:${db}`, '--listen', '127.0.0.1:0', ...args];
  for (const [key, value] of Object.entries(settings)) argv.push('--set', `${key}=${value}`);

  const proc = spawn(BIN, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (s) => (stderr += s));
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      live.delete(proc);
      resolve(code ?? signal);
    });
  });

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`danvan did not say it was listening within ${startTimeoutMs} ms\n${stderr}`)),
        startTimeoutMs,
      );
      proc.stdout.on('data', (s) => {
        stdout += s;
        const m = /listening on (http:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(new URL(m[1]));
        }
      });
      proc.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`danvan exited (${code ?? signal}) before listening\n${stdout}\n${stderr}`));
      });
    });
  } catch (e) {
    proc.kill('SIGKILL');
    removeDir(dir);
    throw e;
  }

  const port = Number(url.port);
  return {
    url: url.origin,
    host: url.hostname,
    port,
    proc,
    dir,
    dbPath: db,
    exited,
    get logs() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
    /** SIGTERM, wait for the exit, remove the temporary directory; resolves with the exit code. */
    async stop({ timeoutMs = 15_000 } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      removeDir(dir);
      return code;
    },
    kill() {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Raw HTTP over TCP

function toBuffer(bytes) {
  if (Buffer.isBuffer(bytes)) return bytes;
  if (bytes instanceof Uint8Array) return Buffer.from(bytes);
  return Buffer.from(String(bytes), 'latin1'); // one byte per char: tests spell bytes as \xNN
}

/**
 * Parses one HTTP/1.1 response at the start of `buf`. Returns {response, rest} or null while incomplete.
 * With `head` the response has no body whatever its Content-Length says.
 */
export function parseResponse(buf, { head = false } = {}) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const headText = buf.subarray(0, end).toString('latin1');
  const [statusLine, ...lines] = headText.split('\r\n');
  const m = /^HTTP\/(\d\.\d) (\d{3}) ?(.*)$/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers = {};
  const headerList = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headerList.push([name, value]);
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let bodyLength = 0;
  if (!head) {
    if ('content-length' in headers) bodyLength = Number(headers['content-length']);
    else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) throw new Error('chunked responses are not expected');
  }
  const start = end + 4;
  if (buf.length < start + bodyLength) return null;
  const bodyBytes = buf.subarray(start, start + bodyLength);
  const body = bodyBytes.toString('utf8');
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return {
    response: { version: m[1], status: Number(m[2]), statusText: m[3], headers, headerList, body, bodyBytes, json },
    rest: buf.subarray(start + bodyLength),
  };
}

/**
 * One TCP connection to the server: send bytes, read responses one by one, watch for the close.
 */
export function connect(port, host = '127.0.0.1') {
  const socket = net.connect(port, host);
  let buffered = Buffer.alloc(0);
  let raw = Buffer.alloc(0);
  let closed = false;
  let error;
  const waiters = new Set();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    raw = Buffer.concat([raw, chunk]);
    wake();
  });
  socket.on('error', (e) => {
    error = e;
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const connected = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });

  // Waits until `ready()` returns something other than undefined, the socket closes, or the time is up.
  function waitFor(ready, timeoutMs) {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value;
        try {
          value = ready();
        } catch (e) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(e);
          return;
        }
        if (value !== undefined || closed) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve(undefined);
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    socket,
    connected,
    get closed() {
      return closed;
    },
    get error() {
      return error;
    },
    /** Everything received so far, as text. */
    get raw() {
      return raw.toString('latin1');
    },
    async send(bytes) {
      await connected;
      const data = toBuffer(bytes);
      if (data.length === 0 || socket.destroyed) return;
      // A server that has answered and closed may reset the rest of the write; that is for the caller to see.
      await new Promise((resolve) => socket.write(data, () => resolve()));
    },
    /** The next complete response, or undefined if the connection closed or `timeoutMs` passed first. */
    async nextResponse({ head = false, timeoutMs = 5000 } = {}) {
      const value = await waitFor(() => {
        const parsed = parseResponse(buffered, { head });
        if (!parsed) return undefined;
        buffered = parsed.rest;
        return parsed.response;
      }, timeoutMs);
      return value;
    },
    /** Resolves true once the server has closed the connection, false if it is still open after `timeoutMs`. */
    async waitClose(timeoutMs = 3000) {
      await waitFor(() => undefined, timeoutMs);
      return closed;
    },
    /** Bytes received after the last parsed response. */
    get leftover() {
      return buffered.toString('latin1');
    },
    close() {
      socket.destroy();
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends raw bytes on a new connection and resolves with the response:
 * {status, statusText, headers, body, json, raw, responses, closed, elapsedMs, error}.
 * `bytes` may be a string (one byte per char), a Buffer, or an array of pieces sent `gapMs` apart.
 * `responses` waits for that many responses (pipelining); `waitClose` also waits for the server to close.
 * `status` is undefined when nothing came back.
 */
export async function rawRequest(port, bytes, {
  timeoutMs = 5000, head = false, responses = 1, gapMs = 0, waitClose = false, host = '127.0.0.1',
} = {}) {
  const conn = connect(port, host);
  const started = Date.now();
  try {
    await conn.connected;
    const pieces = Array.isArray(bytes) ? bytes : [bytes];
    // Pieces are sent in the background so that an early answer (a 431 before the rest is sent) is seen.
    const sending = (async () => {
      for (const [i, piece] of pieces.entries()) {
        if (i > 0 && gapMs > 0) await sleep(gapMs);
        if (conn.closed) return;
        await conn.send(piece);
      }
    })();
    const got = [];
    while (got.length < responses) {
      const remaining = timeoutMs - (Date.now() - started);
      if (remaining <= 0) break;
      const r = await conn.nextResponse({ head, timeoutMs: remaining });
      if (!r) break;
      got.push(r);
    }
    const closed = waitClose ? await conn.waitClose(Math.max(0, timeoutMs - (Date.now() - started))) : conn.closed;
    await Promise.race([sending, sleep(50)]);
    const last = got.at(-1);
    return {
      ...(last ?? {}),
      status: last?.status,
      responses: got,
      raw: conn.raw,
      leftover: conn.leftover,
      closed,
      elapsedMs: Date.now() - started,
      error: conn.error?.code,
    };
  } finally {
    conn.close();
  }
}

/** fetch, read in full: {status, headers (lower-case names), body, json}. */
export async function fetchText(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const body = await res.text();
  const headers = Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v]));
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers, body, json };
}

// ---------------------------------------------------------------------------------------------------------
// Assertions

// Letters found in Vietnamese text and not in English: a message carrying none of them is not Vietnamese.
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Asserts a JSON error answer: the status, the body shape
 * {"error": {"code", "message" (Vietnamese), "message_en", "details": {}}}, a well-formed X-Request-Id, and
 * optionally that `details` holds the given entries. Returns the error object.
 */
export function assertJsonError(res, { status, code, details } = {}, context = '') {
  const where = context ? ` (${context})` : '';
  assert.ok(res && res.status !== undefined, `no response at all${where}`);
  if (status !== undefined) {
    assert.equal(res.status, status, `status${where}: ${res.body?.slice(0, 300)}`);
  }
  assert.ok(res.status >= 400 && res.status < 600, `an error status${where}, got ${res.status}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/json\b/, `JSON content type${where}`);
  assert.ok(res.json !== undefined, `the body is JSON${where}: ${res.body?.slice(0, 300)}`);
  assert.deepEqual(Object.keys(res.json), ['error'], `only "error" at the top${where}`);
  const error = res.json.error;
  assert.equal(typeof error, 'object', `"error" is an object${where}`);
  assert.deepEqual(Object.keys(error).sort(), ['code', 'details', 'message', 'message_en'], `error fields${where}`);
  assert.match(error.code, /^[a-z][a-z0-9_]*$/, `the code is snake_case${where}`);
  if (code !== undefined) assert.equal(error.code, code, `error code${where}: ${res.body.slice(0, 300)}`);
  assert.equal(typeof error.message, 'string');
  assert.match(error.message, VIETNAMESE, `"message" is Vietnamese${where}: ${error.message}`);
  assert.equal(typeof error.message_en, 'string');
  assert.ok(error.message_en.length > 0 && error.message_en !== error.message, `"message_en" is its own text${where}`);
  assert.ok(error.details && typeof error.details === 'object' && !Array.isArray(error.details),
    `"details" is an object${where}`);
  for (const [key, value] of Object.entries(details ?? {})) {
    assert.deepEqual(error.details[key], value, `details.${key}${where}`);
  }
  assert.match(res.headers['x-request-id'] ?? '', REQUEST_ID, `a well-formed X-Request-Id${where}`);
  return error;
}

/** The headers every response carries, whatever answered it. */
export function assertSecurityHeaders(headers, context = '') {
  const where = context ? ` (${context})` : '';
  assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, `CSP${where}`);
  assert.match(headers['content-security-policy'] ?? '', /default-src 'self'/, `CSP${where}`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `X-Content-Type-Options${where}`);
  assert.ok(headers['referrer-policy'], `Referrer-Policy${where}`);
  assert.equal(headers['x-frame-options'], 'DENY', `X-Frame-Options${where}`);
  assert.match(headers['x-request-id'] ?? '', REQUEST_ID, `X-Request-Id${where}`);
}

/** The server still answers /healthz with 200 {"status":"ok"}. */
export async function assertStillServing(url, context = '') {
  const res = await fetchText(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200, `the server still answers /healthz${context ? ` after ${context}` : ''}`);
  assert.deepEqual(res.json, { status: 'ok' });
}

// ---------------------------------------------------------------------------------------------------------
// The OpenAPI document

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation the document describes: [{method: 'GET', path: '/api/units/{id}', operation}]. */
export function operationsOf(doc) {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) ops.push({ method: method.toUpperCase(), path: p, operation: item[method], item });
    }
  }
  return ops;
}

/** The path with every {param} replaced by `value` (URL-encoded). */
export function fillPath(pattern, value = '1') {
  return pattern.replace(/\{[^}/]+\}/g, encodeURIComponent(value));
}

/** True when the answer is the router's "no such path", not an entity that was not found. */
export function isRouteNotFound(res) {
  return res.status === 404 && res.json?.error?.code === 'not_found' && 'path' in (res.json?.error?.details ?? {});
}

// ---------------------------------------------------------------------------------------------------------
// Photos

/**
 * A real baseline JPEG, made here without any image library: `width`×`height` of mid grey, one component, every
 * 8×8 block a DC difference of 0 and an end of block (one-symbol Huffman tables, 2 bits a block). libjpeg decodes it.
 */
export function tinyJpeg(width = 16, height = 16) {
  const u16 = (n) => [(n >> 8) & 0xff, n & 0xff];
  const segment = (marker, payload) => [0xff, marker, ...u16(payload.length + 2), ...payload];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks).padEnd(Math.ceil((2 * blocks) / 8) * 8, '1');
  const scan = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00); // byte stuffing
  }
  const oneSymbolTable = (tableClass) => [tableClass, 1, ...new Array(15).fill(0), 0x00];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...new Array(64).fill(1)]), // quantisation table 0: all ones
    ...segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]), // baseline, 1 component
    ...segment(0xc4, oneSymbolTable(0x00)), // DC table 0: category 0 only
    ...segment(0xc4, oneSymbolTable(0x10)), // AC table 0: end of block only
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff, 0xd9,
  ]);
}

/**
 * The JPEG with an APP1 Exif block right after SOI: IFD0 with Make = `make` and a GPS IFD (GPSLatitudeRef N,
 * GPSLatitude 21°1'42.6", GPSLongitudeRef E, GPSLongitude 105°51'15.12" — Hoàn Kiếm lake). Big-endian TIFF.
 */
export function withExifGps(jpeg, make = 'DanvanGpsCam') {
  const tiff = Buffer.alloc(154, 0); // laid out below, with room for a make of 12 letters
  let o = 0;
  const w16 = (v) => { tiff.writeUInt16BE(v, o); o += 2; };
  const w32 = (v) => { tiff.writeUInt32BE(v >>> 0, o); o += 4; };
  const entry = (tag, type, count, value) => { w16(tag); w16(type); w32(count); w32(value); };
  const ascii = (s) => (Buffer.from(s.padEnd(4, '\0').slice(0, 4), 'latin1').readUInt32BE(0));
  assert.ok(make.length <= 12, 'a make of at most 12 letters');
  const MAKE_AT = 38;
  const GPS_AT = 52;
  const LAT_AT = 106;
  const LON_AT = 130;
  w16(0x4d4d); w16(0x002a); w32(8); // "MM", 42, IFD0 at 8
  w16(2);
  entry(0x010f, 2, make.length + 1, MAKE_AT); // Make, ASCII
  entry(0x8825, 4, 1, GPS_AT); // GPSInfo IFD pointer, LONG
  w32(0);
  tiff.write(`${make}\0`, MAKE_AT, 'latin1');
  o = GPS_AT;
  w16(4);
  entry(0x0001, 2, 2, ascii('N')); // GPSLatitudeRef
  entry(0x0002, 5, 3, LAT_AT); // GPSLatitude, 3 RATIONALs
  entry(0x0003, 2, 2, ascii('E')); // GPSLongitudeRef
  entry(0x0004, 5, 3, LON_AT); // GPSLongitude
  w32(0);
  o = LAT_AT;
  for (const [n, d] of [[21, 1], [1, 1], [4260, 100], [105, 1], [51, 1], [1512, 100]]) { w32(n); w32(d); }
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff.subarray(0, o)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheets to import

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A small .xlsx package, as Excel lays one out, built with Python's zipfile (Node has no zip writer): one sheet of
 * `rows` (arrays of cells) from row 1. A string cell is an inline string, a number a number, and `{ date: 'yyyy-mm-dd' }`
 * a real Excel date (a serial number in a dd/mm/yyyy style); null leaves the cell out (skipped by reference).
 */
export function makeXlsx(rows) {
  const script = String.raw`
import io, json, sys, zipfile, datetime
from xml.sax.saxutils import escape
rows = json.load(sys.stdin)
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/package/2006/relationships"
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
data = ""
for n, row in enumerate(rows, 1):
    cells = ""
    for i, v in enumerate(row):
        ref = f"{col(i)}{n}"
        if v is None: continue
        if isinstance(v, dict):
            serial = (datetime.date.fromisoformat(v["date"]) - datetime.date(1899, 12, 30)).days
            cells += f'<c r="{ref}" s="1"><v>{serial}</v></c>'
        elif isinstance(v, (int, float)):
            cells += f'<c r="{ref}"><v>{v}</v></c>'
        else:
            cells += f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
    data += f'<row r="{n}">{cells}</row>'
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{R}/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{M}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{M}"><sheetData>{data}</sheetData></worksheet>')
sys.stdout.buffer.write(out.getvalue())
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(rows), maxBuffer: 16 << 20 });
  assert.equal(run.status, 0, `python3: ${run.stderr}`);
  return run.stdout;
}
