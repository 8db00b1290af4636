// Signed certificates seen from outside: the credential download of a demo certificate, its signature checked
// with Node's own Ed25519 against /.well-known/jwks.json, the public verification page's API, `danvan verify` on
// the downloaded file (genuine) and on copies with one byte changed (invalid), revocation and key rotation.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertJsonError, fetchText, makeTempDir, removeDir, runCli, startServer } from './support.mjs';

const AS_OF_2022 = '13/10/2022';
const B64URL = /^[A-Za-z0-9_-]+$/;

const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('signed certificates', () => {
  let dir;
  let dbPath;
  let server;
  let token;
  let certificate; // the demo's certificate for Tổ dân vận số 3 (the district's certificate of merit)
  let jws;
  let file;

  const get = (p, { auth = true } = {}) =>
    fetchText(`${server.url}${p}`, { headers: auth ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  const verify = (...args) => runCli(['verify', ...args], { timeoutMs: 60_000 });
  const db = () => `sqlite:${dbPath}`;

  before(async () => {
    dir = makeTempDir('danvan-credentials-');
    dbPath = path.join(dir, 'danvan.db');
    const seeded = runCli(['seed', 'demo', '--db', `sqlite:${dbPath}`], { timeoutMs: 60_000 });
    assert.equal(seeded.status, 0, `danvan seed demo: ${seeded.stdout}${seeded.stderr}`);
    const issued = runCli(['token', 'issue', 'admin', '--db', `sqlite:${dbPath}`]);
    assert.equal(issued.status, 0, issued.stderr);
    token = issued.stdout.trim();
    server = await startServer({ dbPath });

    const units = (await get(`/api/v1/units?q=${encodeURIComponent('hoan kiem')}&as_of=${AS_OF_2022}`)).json.items;
    const district = units.find((u) => u.name === 'Quận Hoàn Kiếm');
    assert.ok(district, JSON.stringify(units));
    const list = await get(`/api/v1/certificates?unit_id=${district.id}&page_size=200`);
    assert.equal(list.status, 200, list.body);
    certificate = list.json.items.find((c) => c.beneficiary_name === 'Tổ dân vận số 3' && c.decision_symbol === '1-QĐ/BDVQU');
    assert.ok(certificate, 'the certificate of merit of the demo');
    assert.equal(certificate.signed, true);
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('the credential downloads as a compact JWS that verifies against the published key', async () => {
    const res = await get(`/api/v1/certificates/${certificate.id}/credential`);
    assert.equal(res.status, 200, res.body);
    assert.match(res.headers['content-type'], /^application\/vc\+jwt/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="certificate-${certificate.public_id}.jwt"`);
    jws = res.body;
    const parts = jws.split('.');
    assert.equal(parts.length, 3);
    for (const p of parts) assert.match(p, B64URL);
    assert.equal((await get(`/api/v1/certificates/${certificate.id}/credential`)).body, jws, 'the same bytes every time');

    const header = decode(parts[0]);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'JWT');
    const jwks = (await get('/.well-known/jwks.json', { auth: false })).json;
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    assert.ok(jwk, `kid ${header.kid} is published`);
    assert.equal(jwk.crv, 'Ed25519');
    // An independent Ed25519 (OpenSSL through Node) agrees with libsodium.
    const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    const input = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
    assert.ok(crypto.verify(null, input, key, Buffer.from(parts[2], 'base64url')), 'the signature verifies');
    assert.ok(!crypto.verify(null, Buffer.concat([input, Buffer.from(' ')]), key, Buffer.from(parts[2], 'base64url')));

    const payload = decode(parts[1]);
    assert.deepEqual(payload.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(payload.id, `http://127.0.0.1:8080/verify/${certificate.public_id}`);
    assert.equal(payload.jti, payload.id);
    assert.equal(payload.iss, payload.issuer.id);
    assert.equal(payload.issuer.name, 'Ban Dân vận Quận ủy Hoàn Kiếm');
    assert.equal(payload.credentialSubject.identifier[0].identityHash, 'Tổ dân vận số 3');
    assert.equal(payload.credentialSubject.achievement.name, certificate.award_type_name);
    assert.match(payload.evidence[0].name, /1-QĐ\/BDVQU/);

    const decoded = await get(`/api/v1/certificates/${certificate.id}/credential?format=json`);
    assert.equal(decoded.status, 200);
    assert.match(decoded.headers['content-type'], /^application\/json/);
    assert.deepEqual(decoded.json, payload);
    assertJsonError(await get(`/api/v1/certificates/${certificate.id}/credential`, { auth: false }), { status: 401, code: 'unauthenticated' });
    assertJsonError(await get(`/api/v1/certificates/${certificate.id}/credential?format=pdf`), { status: 400, code: 'invalid_parameter', details: { parameter: 'format', rule: 'enum' } });

    file = path.join(dir, `certificate-${certificate.public_id}.jwt`);
    fs.writeFileSync(file, jws);
  });

  test('the public verification answers without a log-in, and knows nothing of ids never issued', async () => {
    const res = await get(`/api/v1/public/verify/${certificate.public_id}`, { auth: false });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.json.status, 'genuine');
    assert.equal(res.json.signature_valid, true);
    assert.equal(res.json.certificate.beneficiary_name, 'Tổ dân vận số 3');
    assert.equal(res.json.decision.symbol, '1-QĐ/BDVQU');
    assert.equal(res.json.decision.issuer_name, 'Ban Dân vận Quận ủy Hoàn Kiếm');
    assert.equal(res.json.decision.signer_name, 'Phạm Thị Thu Thủy');
    assert.equal(res.json.revocation, undefined);
    for (const id of ['AAAAAAAAAAAAAAAA', 'x', 'a%21b', 'A'.repeat(64)]) {
      assertJsonError(await get(`/api/v1/public/verify/${id}`, { auth: false }), { status: 404, code: 'certificate_unknown' }, id);
    }
    // Longer than any id ever issued: refused by the parameter's schema before anything is looked up.
    assertJsonError(await get(`/api/v1/public/verify/${'A'.repeat(65)}`, { auth: false }),
      { status: 400, code: 'invalid_parameter', details: { parameter: 'public_id', rule: 'maxLength' } });
  });

  test('danvan verify: the downloaded file is genuine; any one changed byte makes it invalid', async () => {
    assert.ok(file, 'downloaded by the first test');
    let r = verify(file, '--db', db());
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^genuine\n/);
    assert.match(r.stdout, /Tổ dân vận số 3/);

    // Offline: only the saved key set, no database.
    const jwksFile = path.join(dir, 'jwks.json');
    fs.writeFileSync(jwksFile, (await get('/.well-known/jwks.json', { auth: false })).body);
    r = verify(file, '--jwks', jwksFile);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^genuine\n/);
    assert.match(r.stdout, /revocation not checked/);

    const [h, p] = jws.split('.');
    const positions = {
      header: 5,
      'header (last)': h.length - 1,
      'first dot': h.length,
      payload: h.length + 1 + Math.floor(p.length / 2),
      'signature (first)': h.length + p.length + 2,
      'signature (last)': jws.length - 1,
    };
    for (const [where, i] of Object.entries(positions)) {
      const bytes = Buffer.from(jws, 'ascii');
      bytes[i] = bytes[i] === 0x41 ? 0x42 : 0x41; // 'A' ↔ 'B': still base64url, a different value
      const changed = path.join(dir, `changed-${i}.jwt`);
      fs.writeFileSync(changed, bytes);
      for (const args of [['--db', db()], ['--jwks', jwksFile]]) {
        const c = verify(changed, ...args);
        assert.equal(c.status, 3, `${where} (byte ${i}) ${args[0]}: ${c.stdout}${c.stderr}`);
        assert.match(c.stdout, /^invalid\n/, where);
      }
    }

    r = verify(certificate.public_id, '--db', db());
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^genuine\n/);
    r = verify('AAAAAAAAAAAAAAAA', '--db', db());
    assert.equal(r.status, 5, r.stdout + r.stderr);
    assert.match(r.stdout, /^unknown\n/);
    // Ids are issued beginning with a letter or digit; one that begins with '-' (a sixty-fourth of the ids issued
    // before that) is read after `--`, not taken for an option.
    assert.match(certificate.public_id, /^[A-Za-z0-9]/);
    r = verify('--db', db(), '--', '-AAAAAAAAAAAAAAA');
    assert.equal(r.status, 5, r.stdout + r.stderr);
    assert.match(r.stdout, /^unknown\n/);
  });

  test('rotating the key keeps issued certificates verifying; only a system admin rotates', async () => {
    const before = (await get('/.well-known/jwks.json', { auth: false })).json.keys;
    const rotated = await fetchText(`${server.url}/api/v1/signing-keys/rotation`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000),
    });
    assert.equal(rotated.status, 201, rotated.body);
    assert.equal(rotated.json.crv, 'Ed25519');
    assert.equal(rotated.json.d, undefined, 'never the secret');
    const keys = (await get('/.well-known/jwks.json', { auth: false })).json.keys;
    assert.equal(keys.length, before.length + 1);
    assert.equal(keys.find((k) => k.kid === decode(jws.split('.')[0]).kid).status, 'retired');

    const r = verify(file, '--db', db());
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const res = await get(`/api/v1/public/verify/${certificate.public_id}`, { auth: false });
    assert.equal(res.json.signature_valid, true);
    const list = runCli(['keys', 'list', '--db', db()]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${rotated.json.kid} +active`));
    assert.match(list.stdout, /retired/);
  });

  test('revoking the decision makes the same certificate say revoked', async () => {
    const revoked = await fetchText(`${server.url}/api/v1/decisions/${certificate.decision_id}/revocation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ revoked_on: '20/11/2022', reason: 'Khen thưởng sai đối tượng' }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(revoked.status, 200, revoked.body);
    const res = await get(`/api/v1/public/verify/${certificate.public_id}`, { auth: false });
    assert.equal(res.json.status, 'revoked');
    assert.deepEqual(res.json.revocation, { revoked_on: '2022-11-20', reason: 'Khen thưởng sai đối tượng' });
    const r = verify(file, '--db', db());
    assert.equal(r.status, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /^revoked\n/);
    assert.match(r.stdout, /Khen thưởng sai đối tượng/);
  });
});
