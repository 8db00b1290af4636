// Commendation's documents from the real server (the documents module loaded on first use): the demo's decision as
// PDF, and printing all the certificates of a decision as a background job polled to the end, each page's QR link
// on the configured public address. PDFs are read with poppler-utils, as a person would read them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { createAdminWithToken, makeTempDir, removeDir, runCli, startServer } from './support.mjs';
import { sheetsOf } from '../support/xlsx.mjs'; // standalone: allowed (tests/support, inside the checkout)

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
  let ward;

  before(async () => {
    dir = makeTempDir('danvan-documents-');
    const dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    ({ token } = createAdminWithToken(dbPath, 'quantri.tailieu'));
    server = await startServer({ dbPath, settings: { 'server.public_url': `${PUBLIC_URL}/` } });
    get = (p, init = {}) => fetch(`${server.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const units = await (await get(`/api/v1/units?q=${encodeURIComponent('ly thai to')}&as_of=13/10/2022`)).json();
    ward = units.items.find((u) => u.name === 'Phường Lý Thái Tổ');
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

  test('GET /api/v1/reports/year/pdf prints every figure GET /api/v1/reports/year gives, in the state format', async () => {
    const report = await (await get(`/api/v1/reports/year?unit_id=${ward.id}&year=2022`)).json();
    const res = await get(`/api/v1/reports/year/pdf?unit_id=${ward.id}&year=2022`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'inline; filename="bao-cao-tong-ket-2022.pdf"');
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = squeeze(poppler(dir, 'pdftotext', bytes, ['-layout', '-enc', 'UTF-8']));
    const n = (v) => v.toLocaleString('vi-VN');
    const f = report.figures;
    const expected = ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '/BC-UBND', 'BÁO CÁO',
      'Tổng kết phong trào thi đua “Dân vận khéo” năm 2022', 'I. ĐẶC ĐIỂM TÌNH HÌNH', 'II. KẾT QUẢ THỰC HIỆN'];
    for (const r of f.fields) expected.push(`${r.name} ${n(r.collective)} ${n(r.individual)} ${n(r.registered)} ${n(r.recognised)} ${n(r.replicated)}`);
    const t = f.fields_total;
    expected.push(`Tổng cộng ${n(t.collective)} ${n(t.individual)} ${n(t.registered)} ${n(t.recognised)} ${n(t.replicated)}`);
    for (const l of f.levels) expected.push(`${l.name} ${n(l.models)}`);
    for (const w of f.rewards) expected.push(`${n(w.decisions)} ${n(w.collectives)} ${n(w.individuals)} ${n(w.amount)}`);
    const rt = f.rewards_total;
    expected.push(`Tổng cộng ${n(rt.decisions)} ${n(rt.collectives)} ${n(rt.individuals)} ${n(rt.amount)}`);
    const c = f.concerns_total;
    expected.push(`Tổng cộng ${n(c.received)} ${n(c.received_on_time)} ${n(c.resolved)} ${n(c.resolved_on_time)}`);
    expected.push('III. ĐÁNH GIÁ CHUNG', 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023', 'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN');
    let at = 0;
    for (const part of expected) {
      const found = text.indexOf(squeeze(part), at);
      assert.ok(found >= 0, `"${part}" in the year report, after what comes before it`);
      at = found + squeeze(part).length;
    }
    assert.ok(t.models > 0 && rt.amount > 0 && c.received > 0, 'the demo ward has figures in every table');
    const fonts = poppler(dir, 'pdffonts', bytes);
    assert.match(fonts, /LiberationSerif/);
    assert.doesNotMatch(fonts.split('\n').slice(2).join('\n'), / no  /, 'every font embedded');
  });

  test('GET /api/v1/reports/year?format=xlsx: a sheet per table, each figure a number equal to the JSON', async () => {
    const s = String;
    const figure = (v) => (v === null || v === undefined ? '' : s(v));
    for (const [unit, year] of [[ward.id, 2022], [null, 2026]]) {
      const unitId = unit ?? (await (await get('/api/v1/units?q=hoan%20kiem')).json()).items.find((u) => u.name === 'Phường Hoàn Kiếm').id;
      const report = await (await get(`/api/v1/reports/year?unit_id=${unitId}&year=${year}`)).json();
      const res = await get(`/api/v1/reports/year?unit_id=${unitId}&year=${year}&format=xlsx`);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200, bytes.toString('utf8', 0, 300));
      assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(res.headers.get('content-disposition'), new RegExp(`^attachment; filename="bao-cao-tong-ket-${year}\\.xlsx"`));
      const sheets = sheetsOf(dir, bytes, `tong-ket-${year}`);
      assert.deepEqual(Object.keys(sheets), ['1. Theo lĩnh vực', '2. Công nhận theo cấp', '3. Khen thưởng', '4. Phản ánh, kiến nghị',
        '5. Nhiệm vụ, chỉ tiêu']);
      const f = report.figures;
      const fieldRow = (n, name, r) => [n, name, s(r.collective), s(r.individual), s(r.registered), s(r.recognised), s(r.replicated)];
      assert.deepEqual(sheets['1. Theo lĩnh vực'], [['STT', 'Lĩnh vực', 'Tập thể', 'Cá nhân', 'Đăng ký', 'Được công nhận', 'Nhân rộng'],
        ...f.fields.map((r, i) => fieldRow(s(i + 1), r.name, r)), fieldRow('', 'Tổng cộng', f.fields_total)]);
      assert.deepEqual(sheets['2. Công nhận theo cấp'], [['STT', 'Cấp công nhận', 'Số mô hình, điển hình'],
        ...f.levels.map((l, i) => [s(i + 1), l.name, s(l.models)]), ...(f.levels.length ? [['', 'Tổng cộng', s(f.recognised_at_levels)]] : [])]);
      const rewardRow = (n, name, w) => [n, name, s(w.decisions), s(w.collectives), s(w.individuals), s(w.amount)];
      assert.deepEqual(sheets['3. Khen thưởng'], [['STT', 'Cơ quan khen thưởng', 'Số quyết định', 'Tập thể', 'Cá nhân', 'Tiền thưởng (đồng)'],
        ...f.rewards.map((w, i) => rewardRow(s(i + 1), w.issuer_name, w)), ...(f.rewards.length ? [rewardRow('', 'Tổng cộng', f.rewards_total)] : [])]);
      const concernRow = (n, c) => [n, c.label, s(c.received), s(c.received_on_time), s(c.resolved), s(c.resolved_on_time), figure(c.rating_mean)];
      assert.deepEqual(sheets['4. Phản ánh, kiến nghị'], [['STT', 'Nhóm phản ánh', 'Tiếp nhận', 'Tiếp nhận đúng hạn', 'Đã giải quyết',
        'Giải quyết đúng hạn', 'Mức hài lòng (1–5)'], ...f.concerns.map((c, i) => concernRow(s(i + 1), c)),
      ...(f.concerns.length ? [concernRow('', f.concerns_total)] : [])]);
      // The five tasks: a row per task, then its targets, numbered through; figures compared as numbers.
      const tasks = sheets['5. Nhiệm vụ, chỉ tiêu'];
      assert.deepEqual(tasks[0], ['STT', 'Nhiệm vụ, chỉ tiêu', 'Chỉ tiêu', 'Kết quả', 'Tỷ lệ (%)', 'Đánh giá']);
      const expected = [];
      let n = 0;
      for (const task of f.plan?.tasks ?? []) {
        expected.push(['', task.name, null, null, null, '']);
        for (const p of task.targets) expected.push([s(++n), null, p.target, p.value, p.value === null ? null : p.percent, p.met ? 'Đạt' : 'Chưa đạt']);
      }
      assert.equal(tasks.length, 1 + expected.length, `${year}: a row per task and per target`);
      expected.forEach((want, i) => {
        const got = tasks[1 + i];
        assert.equal(got[0], want[0]);
        if (want[1] === null) assert.ok(got[1].length > 0); else assert.equal(got[1], want[1]);
        for (const c of [2, 3, 4]) {
          if (want[c] === null) assert.equal(got[c], '', `row ${i + 1}, column ${c + 1}: empty`);
          else assert.ok(Math.abs(Number(got[c]) - want[c]) < 1e-9 * Math.max(1, Math.abs(want[c])), `row ${i + 1}, column ${c + 1}: ${got[c]} = ${want[c]}`);
        }
        assert.equal(got[5], want[5]);
      });
      if (year === 2022) assert.ok(f.fields_total.models > 0 && f.rewards.length > 0 && f.concerns.length > 0, 'the ward has figures in every table');
      if (year === 2026) assert.ok(n > 0, 'Hoàn Kiếm has a plan for 2026');
    }
  });

  test('PUT /api/v1/reports/year refuses a date outside the year and an unknown field, in Vietnamese and English', async () => {
    const put = (body) => get('/api/v1/reports/year', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const late = await put({ unit_id: ward.id, year: 2022, reported_on: '2025-01-01' });
    assert.equal(late.status, 400);
    const e = (await late.json()).error;
    assert.equal(e.code, 'report_date_out_of_range');
    assert.match(e.message, /Ngày báo cáo/);
    assert.match(e.message_en, /dated/);
    const extra = await put({ unit_id: ward.id, year: 2022, figures: {} });
    assert.equal(extra.status, 400);
    const long = await put({ unit_id: ward.id, year: 2022, number: 'x'.repeat(21) });
    assert.equal(long.status, 400);
    const still = await (await get(`/api/v1/reports/year?unit_id=${ward.id}&year=2022`)).json();
    assert.equal(still.text.saved, false, 'nothing written by the refusals');
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
