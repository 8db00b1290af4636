// Commendation's documents from the real server (the documents module loaded on first use): the demo's decision as
// PDF, and printing all the certificates of a decision as a background job polled to the end, each page's QR link
// on the configured public address. PDFs are read with poppler-utils, as a person would read them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { createAdminWithToken, makeTempDir, removeDir, runCli, startServer } from './support.mjs';

const PUBLIC_URL = 'https://danvan.example.vn';

/** Runs a poppler tool on the bytes; its standard output. */
function poppler(dir, tool, bytes, args = []) {
  const file = path.join(dir, `doc-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  const r = spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8', timeout: 60_000 });
  fs.rmSync(file, { force: true });
  assert.equal(r.status, 0, `${tool}: ${r.stderr}`);
  return r.stdout;
}
const squeeze = (s) => s.replace(/\s+/g, '');

describe('documents from the real server', () => {
  let dir;
  let server;
  let token;
  let get;
  let decisions;

  before(async () => {
    dir = makeTempDir('danvan-documents-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    ({ token } = createAdminWithToken(dbPath, 'quantri.tailieu'));
    server = await startServer({ dbPath, settings: { 'server.public_url': `${PUBLIC_URL}/` } });
    get = (p, init = {}) => fetch(`${server.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const units = await (await get(`/api/v1/units?q=${encodeURIComponent('ly thai to')}&as_of=13/10/2022`)).json();
    const ward = units.items.find((u) => u.name === 'Phường Lý Thái Tổ');
    assert.ok(ward, 'the demo ward');
    decisions = (await (await get(`/api/v1/decisions?unit_id=${ward.id}`)).json()).items;
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  test('GET /api/v1/decisions/{id}/pdf is the decision in the Party format, Liberation Serif embedded', async () => {
    const party = decisions.find((d) => d.symbol === '1-QĐ/ĐU');
    const res = await get(`/api/v1/decisions/${party.id}/pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /^inline; filename="quyet-dinh-\d+\.pdf"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = squeeze(poppler(dir, 'pdftotext', bytes, ['-layout', '-enc', 'UTF-8']));
    for (const part of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 1-QĐ/ĐU', 'QUYẾT ĐỊNH:', 'Điều 1.', 'T/M ĐẢNG ỦY', 'PHỤ LỤC']) {
      assert.ok(text.includes(squeeze(part)), `"${part}" in the decision`);
    }
    assert.match(poppler(dir, 'pdffonts', bytes), /LiberationSerif/);
  });

  test('printing a decision\'s certificates: 202, progress to done, one landscape page each, QR on the public address', async () => {
    const committee = decisions.find((d) => d.symbol === '1/QĐ-UBND');
    const started = await get(`/api/v1/decisions/${committee.id}/certificates/print`, { method: 'POST' });
    assert.equal(started.status, 202);
    const job = await started.json();
    assert.deepEqual([job.state, job.total], ['running', 12]);
    let seen = job;
    const progress = [];
    for (let i = 0; i < 1200 && seen.state === 'running'; i += 1) {
      await new Promise((resolve) => { setTimeout(resolve, 25); });
      seen = await (await get(`/api/v1/print-jobs/${job.id}`)).json();
      progress.push(seen.done);
    }
    assert.deepEqual([seen.state, seen.done, seen.total], ['done', 12, 12], JSON.stringify(seen));
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress only grows');

    const res = await get(`/api/v1/print-jobs/${job.id}/pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    const info = poppler(dir, 'pdfinfo', bytes);
    assert.match(info, /^Pages:\s+12$/m);
    assert.match(info, /^Page size:\s+841\.89 x 595\.276 pts \(A4\)$/m);
    const text = poppler(dir, 'pdftotext', bytes, ['-layout', '-enc', 'UTF-8']);
    const links = text.match(/https:\/\/danvan\.example\.vn\/verify\/[A-Za-z0-9_-]+/g) ?? [];
    assert.equal(new Set(links).size, 12, 'each page its own verify link');
    const certificates = (await (await get(`/api/v1/certificates?decision_id=${committee.id}`)).json()).items;
    assert.deepEqual(new Set(links), new Set(certificates.map((c) => `${PUBLIC_URL}/verify/${c.public_id}`)));

    // Nobody signed in learns nothing of it.
    const anonymous = await fetch(`${server.url}/api/v1/print-jobs/${job.id}`);
    assert.equal(anonymous.status, 401);
  });
});

describe('documents on a bounded pool with a time limit', () => {
  let dir;
  let server;
  let token;

  before(async () => {
    dir = makeTempDir('danvan-documents-limit-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    ({ token } = createAdminWithToken(dbPath, 'quantri.gioihan'));
    // No decision renders in a millisecond: every PDF request passes its limit.
    server = await startServer({
      dbPath, settings: { 'documents.render_timeout_ms': '1', 'documents.render_slots': '1', 'server.shutdown_grace_ms': '2000' },
    });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  test('a PDF past its time limit is a 503 in JSON, and the server goes on serving', async () => {
    const get = (p) => fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const decisions = (await (await get('/api/v1/decisions')).json()).items;
    assert.ok(decisions.length > 0, 'the demo decisions');
    const answers = await Promise.all(decisions.slice(0, 4).map((d) => get(`/api/v1/decisions/${d.id}/pdf`)));
    for (const res of answers) {
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '1');
      const body = await res.json();
      assert.ok(['document_render_timeout', 'documents_busy'].includes(body.error.code), body.error.code);
      assert.ok(body.error.message.length > 0 && body.error.message_en.length > 0);
    }
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    assert.equal((await get('/api/v1/me')).status, 200);
  });

  test('stopped while an abandoned render still runs, the server exits cleanly within its grace', async () => {
    const get = (p) => fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const [decision] = (await (await get('/api/v1/decisions')).json()).items;
    assert.equal((await get(`/api/v1/decisions/${decision.id}/pdf`)).status, 503, 'given up after 1 ms, still rendering');
    // SIGTERM now; past the 2 s grace (and a margin) the helper would SIGKILL, and the exit code would be null.
    const code = await server.stop({ timeoutMs: 5_000 });
    server = null;
    assert.equal(code, 0, 'exit code 0, not killed');
  });
});
