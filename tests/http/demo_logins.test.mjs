// `danvan serve` on a database that holds the demo (as `make run` leaves it) prints one demo login per role at
// start-up, with the password; each printed login logs in with it (issue 3).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { makeTempDir, removeDir, runCli, sendJson, startServer } from './support.mjs';

const ROLES = ['system_admin', 'unit_admin', 'unit_member', 'council_member', 'signer', 'viewer'];

let dir;
let server;

before(async () => {
  dir = makeTempDir('danvan-demo-');
  const dbPath = path.join(dir, 'danvan.db');
  // What `make run` does: seed the demo into an empty database, then serve it.
  const seeded = runCli(['seed', 'demo', '--if-empty', '--db', `sqlite:${dbPath}`, '--set', 'log.level=warn'], { timeoutMs: 120_000 });
  assert.equal(seeded.status, 0, `${seeded.stdout}${seeded.stderr}`);
  server = await startServer({ dbPath });
  await bannerOf(server);
});

/** The logins follow the "listening on" line: waits for the line that ends the start-up banner. */
async function bannerOf(s) {
  const deadline = Date.now() + 10_000;
  while (!/Ctrl\+C/.test(s.stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(s.stdout, /Ctrl\+C/, 'the start-up banner ends');
  return s.stdout;
}
after(async () => {
  await server?.stop();
  removeDir(dir);
});

test('demo mode prints one login per role, and each logs in with the printed password', async () => {
  const out = server.stdout;
  const password = /log in with password "([^"]+)"/.exec(out)?.[1];
  assert.ok(password, `a password in the banner:\n${out}`);
  const banner = out.slice(out.indexOf(password));
  const logins = [...banner.matchAll(/^ {2}(\S+)\s+(.+) \/ (.+)$/gm)].map((m) => ({ username: m[1], vi: m[2].trim(), en: m[3] }));
  assert.equal(logins.length, ROLES.length, `one login per role:\n${out}`);

  const roles = [];
  for (const login of logins) {
    const res = await sendJson(`${server.url}/api/v1/session`, 'POST', { username: login.username, password });
    assert.equal(res.status, 200, `${login.username}: ${res.body}`);
    const user = JSON.parse(res.body).user;
    assert.equal(user.username, login.username);
    assert.equal(user.grants.length, 1, `${login.username} holds one grant`);
    roles.push(user.grants[0].role);
    assert.match(res.headers['set-cookie'] ?? '', /danvan_session=/, `${login.username} gets a session cookie`);
  }
  assert.deepEqual([...roles].sort(), [...ROLES].sort(), 'every role once');

  // The printed password is the one that works: a wrong one does not.
  const wrong = await sendJson(`${server.url}/api/v1/session`, 'POST', { username: logins[0].username, password: `${password}x` });
  assert.equal(wrong.status, 401);
});

test('a database without the demo prints no demo logins', async () => {
  const plain = await startServer();
  try {
    assert.doesNotMatch(await bannerOf(plain), /log in with password/);
  } finally {
    await plain.stop();
  }
});
