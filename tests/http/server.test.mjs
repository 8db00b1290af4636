// The server's basics, seen from a client: system endpoints, errors, headers, connections, static files, the
// OpenAPI document, shutdown, and the command line.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import {
  REQUEST_ID, assertJsonError, assertSecurityHeaders, assertStillServing, connect, fetchText, fillPath,
  isRouteNotFound, makeTempDir, operationsOf, rawRequest, removeDir, runCli, startServer,
} from './support.mjs';

const get = (path) => `GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`;

describe('a running server', () => {
  let server;
  let staticDir;

  before(async () => {
    staticDir = makeTempDir('danvan-static-empty-'); // no index.html: the placeholder page is served
    server = await startServer({ settings: { 'server.static_dir': staticDir } });
  });
  after(async () => {
    await server?.stop();
    removeDir(staticDir);
  });

  test('/healthz answers 200 {"status":"ok"}', async () => {
    const res = await fetchText(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.deepEqual(res.json, { status: 'ok' });
  });

  test('/readyz answers 200 {"status":"ready"} once the database is migrated', async () => {
    const res = await fetchText(`${server.url}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ready' });
  });

  test('/metrics counts requests by route and status, with a latency histogram and pool gauges', async () => {
    await fetchText(`${server.url}/healthz`);
    await fetchText(`${server.url}/api/no-such-thing`);
    const res = await fetchText(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    const lines = res.body.split('\n');

    const counter = (labels) => {
      const line = lines.find((l) => l.startsWith(`danvan_http_requests_total{${labels}}`));
      assert.ok(line, `a danvan_http_requests_total line for ${labels}\n${res.body}`);
      return Number(line.split(' ').at(-1));
    };
    assert.ok(counter('route="/healthz",method="GET",status="200"') >= 1);
    assert.ok(counter('route="unmatched",method="GET",status="404"') >= 1);
    assert.ok(lines.includes('# TYPE danvan_http_requests_total counter'));

    assert.ok(lines.includes('# TYPE danvan_http_request_duration_seconds histogram'));
    const buckets = lines
      .filter((l) => l.startsWith('danvan_http_request_duration_seconds_bucket{route="/healthz",'))
      .map((l) => ({ le: /le="([^"]+)"/.exec(l)[1], n: Number(l.split(' ').at(-1)) }));
    assert.ok(buckets.length >= 2, 'several buckets for /healthz');
    assert.equal(buckets.at(-1).le, '+Inf', 'the last bucket is +Inf');
    for (let i = 1; i < buckets.length; i++) {
      assert.ok(buckets[i].n >= buckets[i - 1].n, 'histogram buckets are cumulative');
      assert.ok(Number(buckets[i].le) > Number(buckets[i - 1].le) || buckets[i].le === '+Inf', 'bounds increase');
    }
    const count = lines.find((l) => l.startsWith('danvan_http_request_duration_seconds_count{route="/healthz"}'));
    assert.ok(count, 'a _count line');
    assert.equal(Number(count.split(' ').at(-1)), buckets.at(-1).n, '_count equals the +Inf bucket');
    assert.ok(lines.some((l) => l.startsWith('danvan_http_request_duration_seconds_sum{route="/healthz"}')));

    const inUse = lines.find((l) => l.startsWith('danvan_db_pool_in_use '));
    assert.ok(inUse, 'a danvan_db_pool_in_use gauge');
    assert.ok(Number.isFinite(Number(inUse.split(' ')[1])));
    assert.ok(lines.some((l) => /^danvan_db_pool_size \d/.test(l)));
  });

  test('an unknown /api/ path is a 404 JSON error naming the path', async () => {
    for (const p of ['/api/no-such-thing', '/api', '/api/units/1/nothing/here']) {
      const res = await fetchText(`${server.url}${p}`);
      assertJsonError(res, { status: 404, code: 'not_found', details: { path: p } }, p);
      assertSecurityHeaders(res.headers, p);
    }
  });

  test('a wrong method is a 405 with an Allow header', async () => {
    const res = await fetchText(`${server.url}/healthz`, { method: 'DELETE' });
    const error = assertJsonError(res, { status: 405, code: 'method_not_allowed' });
    assert.equal(res.headers.allow, 'GET, HEAD');
    assert.deepEqual(error.details.allow, ['GET', 'HEAD']);

    const post = await fetchText(`${server.url}/api/openapi.json`, { method: 'POST', body: '{}' });
    assertJsonError(post, { status: 405, code: 'method_not_allowed' });
    assert.match(post.headers.allow, /\bGET\b/);

    // Outside /api/ the web app is served: only GET and HEAD.
    const put = await fetchText(`${server.url}/some/page`, { method: 'PUT', body: 'x' });
    assertJsonError(put, { status: 405, code: 'method_not_allowed' });
    assert.equal(put.headers.allow, 'GET, HEAD');
  });

  test('X-Request-Id is echoed when well formed, replaced otherwise', async () => {
    const echo = async (id) => (await fetchText(`${server.url}/healthz`, { headers: { 'x-request-id': id } }))
      .headers['x-request-id'];

    for (const good of ['abc-123', 'trace.7:span_9', 'A'.repeat(128)]) {
      assert.equal(await echo(good), good, `echoes ${good.slice(0, 20)}`);
    }
    for (const bad of ['has spaces in it', 'A'.repeat(129), 'semi;colon', '<script>', 'quote"d']) {
      const got = await echo(bad);
      assert.notEqual(got, bad, `replaces ${bad.slice(0, 20)}`);
      assert.match(got, REQUEST_ID);
    }
    // Non-ASCII bytes can only be sent raw.
    const raw = await rawRequest(server.port, 'GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-Id: ng\xe0y\r\n\r\n');
    assert.equal(raw.status, 200);
    assert.notEqual(raw.headers['x-request-id'], 'ng\xe0y');
    assert.match(raw.headers['x-request-id'], REQUEST_ID);

    const a = (await fetchText(`${server.url}/healthz`)).headers['x-request-id'];
    const b = (await fetchText(`${server.url}/healthz`)).headers['x-request-id'];
    assert.match(a, REQUEST_ID);
    assert.notEqual(a, b, 'a fresh id per request');

    const err = await fetchText(`${server.url}/api/nope`, { headers: { 'x-request-id': 'err-42' } });
    assert.equal(err.headers['x-request-id'], 'err-42', 'errors carry the id too');
  });

  test('security headers are on every response', async () => {
    const cases = {
      'JSON 200': await fetchText(`${server.url}/healthz`),
      'metrics': await fetchText(`${server.url}/metrics`),
      'openapi': await fetchText(`${server.url}/api/openapi.json`),
      '404': await fetchText(`${server.url}/api/nope`),
      '405': await fetchText(`${server.url}/healthz`, { method: 'POST' }),
      'static page': await fetchText(`${server.url}/`),
      'static 404': await fetchText(`${server.url}/nope.png`),
      'HEAD': await fetchText(`${server.url}/healthz`, { method: 'HEAD' }),
      'malformed request': await rawRequest(server.port, 'GET /healthz HTTP/9.9\r\n\r\n'),
      'bad target': await rawRequest(server.port, 'GET * HTTP/1.1\r\nHost: t\r\n\r\n'),
    };
    for (const [name, res] of Object.entries(cases)) assertSecurityHeaders(res.headers, name);
    assert.equal(cases['static page'].headers['referrer-policy'], 'strict-origin-when-cross-origin');
  });

  test('keep-alive: two requests, one after the other, on one connection', async () => {
    const conn = connect(server.port);
    try {
      await conn.send(get('/healthz'));
      const first = await conn.nextResponse();
      assert.equal(first?.status, 200);
      assert.notEqual(first.headers.connection, 'close');
      assert.equal(conn.closed, false, 'still open after the first response');

      await conn.send(get('/readyz'));
      const second = await conn.nextResponse();
      assert.equal(second?.status, 200);
      assert.deepEqual(second.json, { status: 'ready' });
      assert.notEqual(first.headers['x-request-id'], second.headers['x-request-id']);
      assert.equal(conn.closed, false);
    } finally {
      conn.close();
    }
  });

  test('pipelined requests are answered in order', async () => {
    const res = await rawRequest(server.port, get('/readyz') + get('/api/nope') + get('/healthz'), { responses: 3 });
    assert.deepEqual(res.responses.map((r) => r.status), [200, 404, 200]);
    assert.deepEqual(res.responses[0].json, { status: 'ready' });
    assert.deepEqual(res.responses[2].json, { status: 'ok' });
  });

  test('Connection: close and HTTP/1.0 end the connection after the response', async () => {
    const close = await rawRequest(server.port, 'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
      { waitClose: true, timeoutMs: 3000 });
    assert.equal(close.status, 200);
    assert.equal(close.headers.connection, 'close');
    assert.equal(close.closed, true);

    const old = await rawRequest(server.port, 'GET /healthz HTTP/1.0\r\n\r\n', { waitClose: true, timeoutMs: 3000 });
    assert.equal(old.status, 200);
    assert.equal(old.closed, true);
  });

  test('HEAD gives the GET headers and Content-Length, and no body', async () => {
    const getRes = await fetchText(`${server.url}/healthz`);
    // HEAD and GET pipelined on one connection: body bytes after the HEAD head would spoil the next response.
    const conn = connect(server.port);
    try {
      await conn.send('HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\n' + get('/healthz'));
      const head = await conn.nextResponse({ head: true });
      assert.equal(head?.status, 200);
      assert.equal(head.headers['content-length'], String(Buffer.byteLength(getRes.body)));
      assert.match(head.headers['content-type'], /^application\/json/);
      const next = await conn.nextResponse();
      assert.equal(next?.status, 200, `the response after HEAD parses cleanly: ${conn.raw.slice(0, 400)}`);
      assert.deepEqual(next.json, { status: 'ok' });
      assert.equal(conn.leftover, '');
    } finally {
      conn.close();
    }

    const page = await fetchText(`${server.url}/`, { method: 'HEAD' });
    assert.equal(page.status, 200);
    assert.equal(page.body, '');
    assert.ok(Number(page.headers['content-length']) > 0);
  });

  test('/api/openapi.json is OpenAPI 3.1 and every operation it describes is routed', async () => {
    const res = await fetchText(`${server.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    const doc = res.json;
    assert.ok(doc, 'the document is JSON');
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.equal(typeof doc.paths, 'object');
    const ops = operationsOf(doc);
    assert.ok(ops.length >= 4, 'at least the system operations');
    for (const p of ['/healthz', '/readyz', '/metrics', '/api/openapi.json']) assert.ok(doc.paths[p]?.get, p);

    // Every $ref points at something that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = JSON.parse(`{${ref}}`).$ref.slice(2).split('/');
      let node = doc;
      for (const part of pointer) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      assert.ok(node !== undefined, `${ref} resolves`);
    }

    for (const { method, path: pattern } of ops) {
      const target = fillPath(pattern, '1');
      const init = { method, headers: {} };
      if (['POST', 'PUT', 'PATCH'].includes(method)) {
        init.body = '{}';
        init.headers['content-type'] = 'application/json';
      }
      const r = await fetchText(`${server.url}${target}`, init);
      const what = `${method} ${pattern} -> ${r.status} ${r.body.slice(0, 200)}`;
      assert.notEqual(r.status, 405, `routed for its method: ${what}`);
      assert.ok(!isRouteNotFound(r), `routed: ${what}`);
      assert.ok(r.status < 500, `no server error on a minimal request: ${what}`);
      // Open311's routes answer errors in the specification's shape (tests/http/open311.test.mjs checks it).
      if (r.status >= 400 && !pattern.startsWith('/open311/')) assertJsonError(r, {}, what);
    }
  });

  test('the placeholder page is served at / while the web app is not built', async () => {
    for (const p of ['/', '/some/app/route']) {
      const res = await fetchText(`${server.url}${p}`);
      assert.equal(res.status, 200, p);
      assert.match(res.headers['content-type'], /^text\/html/);
      assert.match(res.body, /danvan đang chạy/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
  });
});

describe('static files', () => {
  let server;
  let dir;
  const indexHtml = '<!doctype html><title>app</title><div id="app">danvan-web-index</div>\n';
  const appJs = 'console.log("app.123");\n';

  before(async () => {
    dir = makeTempDir('danvan-static-');
    fs.writeFileSync(path.join(dir, 'index.html'), indexHtml);
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.123.js'), appJs);
    fs.writeFileSync(path.join(dir, 'assets', 'app.123.css'), 'body{}');
    fs.writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\n');
    server = await startServer({ settings: { 'server.static_dir': dir } });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  test('/ serves index.html, not to be cached', async () => {
    const res = await fetchText(`${server.url}/`);
    assert.equal(res.status, 200);
    assert.equal(res.body, indexHtml);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assertSecurityHeaders(res.headers);
  });

  test('hashed assets are immutable, with their content type', async () => {
    const js = await fetchText(`${server.url}/assets/app.123.js`);
    assert.equal(js.status, 200);
    assert.equal(js.body, appJs);
    assert.match(js.headers['content-type'], /^text\/javascript/);
    assert.match(js.headers['cache-control'], /\bimmutable\b/);
    assert.match(js.headers['cache-control'], /max-age=\d{6,}/);

    const css = await fetchText(`${server.url}/assets/app.123.css`);
    assert.match(css.headers['content-type'], /^text\/css/);

    const head = await fetchText(`${server.url}/assets/app.123.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(appJs)));
    assert.equal(head.body, '');

    const txt = await fetchText(`${server.url}/robots.txt`);
    assert.equal(txt.body, 'User-agent: *\n');
    assert.equal(txt.headers['cache-control'], 'no-cache', 'only /assets/ is immutable');
  });

  test('a client-side route falls back to index.html', async () => {
    for (const p of ['/some/app/route', '/don-vi/12', '/assets']) {
      const res = await fetchText(`${server.url}${p}`);
      assert.equal(res.status, 200, p);
      assert.equal(res.body, indexHtml, p);
      assert.equal(res.headers['cache-control'], 'no-cache', `${p}: the fallback is not immutable`);
    }
  });

  test('a missing file with an extension is a 404 JSON error', async () => {
    for (const p of ['/missing.png', '/assets/app.999.js']) {
      const res = await fetchText(`${server.url}${p}`);
      assertJsonError(res, { status: 404, code: 'not_found', details: { path: p } }, p);
      assert.ok(!res.body.includes('danvan-web-index'));
    }
  });

  test('the API is not shadowed by static files', async () => {
    const res = await fetchText(`${server.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.json.openapi, /^3\.1/);
    assertJsonError(await fetchText(`${server.url}/api/missing.png`), { status: 404, code: 'not_found' });
  });
});

describe('shutdown', () => {
  test('SIGTERM stops the server cleanly with exit code 0, even with an idle connection open', async () => {
    const server = await startServer({ settings: { 'server.shutdown_grace_ms': 5000 } });
    const conn = connect(server.port);
    try {
      await conn.send(get('/healthz'));
      assert.equal((await conn.nextResponse())?.status, 200);
      const started = Date.now();
      const code = await server.stop();
      assert.equal(code, 0, `exit code\n${server.logs}`);
      assert.ok(Date.now() - started < 4000, `an idle keep-alive connection does not hold the shutdown up`);
      assert.match(server.logs, /stopped cleanly/);
      assert.equal(await conn.waitClose(2000), true, 'the idle connection was closed');
    } finally {
      conn.close();
    }
  });

  test('SIGINT stops it too', async () => {
    const server = await startServer();
    await assertStillServing(server.url);
    server.proc.kill('SIGINT');
    assert.equal(await server.exited, 0);
    assert.match(server.logs, /stopped cleanly/);
    await server.stop();
  });
});

describe('command line', () => {
  let dir;
  before(() => {
    dir = makeTempDir('danvan-cli-');
  });
  after(() => removeDir(dir));

  test('`danvan version` prints the version', () => {
    const r = runCli(['version']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^danvan \d+\.\d+\.\d+/);
  });

  test('`danvan --help` lists the commands', () => {
    const r = runCli(['--help']);
    assert.equal(r.status, 0);
    for (const cmd of ['serve', 'migrate', 'audit', 'backup', 'restore', 'version']) {
      assert.match(r.stdout, new RegExp(`^\\s+${cmd}\\s`, 'm'), cmd);
    }
    assert.match(r.stdout, /server\.body_limit/, 'the settings are listed');
  });

  test('`danvan` without a command is a usage error', () => {
    const r = runCli([]);
    assert.notEqual(r.status, 0);
  });

  test('`danvan migrate` applies the migrations and --status lists them as applied', () => {
    const db = `sqlite:${path.join(dir, 'migrate.db')}`;
    const before = runCli(['migrate', '--status', '--db', db]);
    assert.equal(before.status, 0, before.stderr);
    assert.match(before.stdout, /^1\s+\S+\s+pending\b/m, 'version 1 is pending on an empty database');

    const applied = runCli(['migrate', '--db', db]);
    assert.equal(applied.status, 0, applied.stderr);
    assert.match(applied.stdout, /applied \d+ migration/);

    const status = runCli(['migrate', '--status', '--db', db]);
    assert.equal(status.status, 0, status.stderr);
    const row = status.stdout.split('\n').find((l) => /^1\s/.test(l));
    assert.ok(row, `a row for version 1:\n${status.stdout}`);
    assert.match(row, /^1\s+\S+\s+\d{4}-\d\d-\d\dT\d\d:\d\d/, 'version 1 has an applied_at time');
    assert.doesNotMatch(status.stdout, /pending|MISMATCH/, 'nothing left pending');

    const again = runCli(['migrate', '--db', db]);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /applied 0 migration/, 'migrating twice does nothing');
  });

  test('`danvan audit verify` prints "ok 0" on a fresh database', () => {
    const r = runCli(['audit', 'verify', '--db', `sqlite:${path.join(dir, 'audit.db')}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'ok 0');
  });

  test('`danvan backup` copies the database while a server uses it', async () => {
    const db = path.join(dir, 'live.db');
    const server = await startServer({ dbPath: db });
    try {
      await assertStillServing(server.url);
      const copy = path.join(dir, 'copy.db');
      const r = runCli(['backup', copy, '--db', `sqlite:${db}`]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /backed up \d+ pages/);
      await assertStillServing(server.url, 'a backup');

      const check = spawnSync('sqlite3', [copy, 'PRAGMA integrity_check'], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      assert.equal(check.stdout.trim(), 'ok');
      const tables = spawnSync('sqlite3', [copy, '.tables'], { encoding: 'utf8' }).stdout;
      assert.match(tables, /\baudit_log\b/);
      assert.match(tables, /\bschema_migrations\b/);
      const verify = runCli(['audit', 'verify', '--db', `sqlite:${copy}`]);
      assert.equal(verify.stdout.trim(), 'ok 0');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  test('a bad setting stops the program with the error in Vietnamese and English', () => {
    const db = `sqlite:${path.join(dir, 'bad.db')}`;
    const cases = [
      [['--set', 'server.threads=many'], /server\.threads/],
      [['--set', 'server.no_such_setting=1'], /server\.no_such_setting/],
      [['--set', 'server.body_limit'], /key=value/],
      [['--set', 'server.header_timeout_ms=0'], /server\.header_timeout_ms/],
      [['--set', 'log.level=loud'], /log\.level/],
    ];
    for (const [extra, mentions] of cases) {
      const r = runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra], { timeoutMs: 10_000 });
      assert.equal(r.timedOut, false, `${extra.join(' ')} does not start serving`);
      assert.notEqual(r.status, 0, `${extra.join(' ')} exits non-zero`);
      assert.match(r.stderr, /^Lỗi: /m, extra.join(' '));
      assert.match(r.stderr, /^Error: /m, extra.join(' '));
      assert.match(r.stderr, mentions);
    }
  });
});
