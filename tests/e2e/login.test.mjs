// Logging in and out, the language switch, and what the first visit to the log-in page costs.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import zlib from 'node:zlib'

import { ADMIN, logIn, screenshot, setUp } from './support.mjs'

const BUDGET = 250 * 1024
let env
before(async () => { env = await setUp() })
after(async () => { await env?.tearDown() })

test('the first load of the log-in page needs under 250 KB of compressed JavaScript', async () => {
  const page = await env.newPage()
  const scripts = []
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r)
  })
  await page.goto(`${env.url}/login`, { waitUntil: 'networkidle' })
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  let total = 0
  for (const r of scripts) total += zlib.gzipSync(await r.body(), { level: 9 }).length
  assert.ok(scripts.length > 0, 'no script loaded')
  console.log(`log-in page: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip`)
  assert.ok(total < BUDGET, `log-in page loads ${(total / 1024).toFixed(1)} KB of gzipped JavaScript`)
  // Hashed assets are cached for good, the page itself is revalidated.
  const entry = scripts.find((r) => new URL(r.url()).pathname.startsWith('/assets/'))
  assert.match(entry.headers()['cache-control'] ?? '', /immutable/)
  await page.close()
})

test('an API error is shown in English when the app is in English', async () => {
  const page = await env.newPage()
  await page.goto(`${env.url}/login`)
  await page.getByRole('button', { name: /^EN/ }).click()
  await page.getByRole('heading', { name: 'Log in' }).waitFor()
  await page.getByLabel('Username').fill(ADMIN.username)
  await page.getByLabel('Password', { exact: true }).fill('wrong-password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByText('Wrong username or password.').waitFor()
  await page.getByRole('button', { name: /^VI/ }).click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await page.close()
})

test('an unknown user or wrong password is told so in Vietnamese; the right one lands in the app', async () => {
  const page = await env.newPage()
  await page.goto(`${env.url}/units`)
  await page.waitForURL(/\/login\?redirect=(%2F|\/)units$/)
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi')
  assert.equal(await page.title(), 'Đăng nhập — danvan')

  // Empty form: the fields say what is missing, no request is sent.
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByText('Hãy nhập tên đăng nhập.').waitFor()

  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username)
  await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mật-khẩu')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  const error = page.getByTestId('login-error')
  await error.waitFor()
  assert.equal((await error.innerText()).trim(), 'Tên đăng nhập hoặc mật khẩu không đúng.')
  assert.equal(await error.getAttribute('role'), 'alert')
  assert.equal(new URL(page.url()).pathname, '/login')
  await screenshot(page, 'login-error')

  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(/\/units$/)
  await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor()
  assert.equal((await page.getByTestId('user-name').innerText()).trim(), ADMIN.username)
  await page.close()
})

test('the language switch turns the app to English and back, and is remembered', async () => {
  const page = await env.newPage()
  await logIn(page, env.url)
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' })
  await nav.getByRole('link', { name: 'Mã truy cập API' }).click()
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor()

  await page.getByRole('button', { name: /^EN/ }).click()
  await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'en')
  assert.equal(await page.getByRole('button', { name: /^EN/ }).getAttribute('aria-pressed'), 'true')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Administrative units' }).waitFor()
  await page.getByRole('button', { name: 'Log out' }).waitFor()

  // The form's own checks speak English too.
  await page.getByRole('button', { name: 'Issue token' }).click()
  await page.getByText('Give the token a name.').waitFor()

  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor()
  await screenshot(page, 'tokens-english')

  await page.getByRole('button', { name: /^VI/ }).click()
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi')
  await page.close()
})

test('logging out returns to the log-in page and ends the session', async () => {
  const page = await env.newPage()
  await logIn(page, env.url)
  assert.equal((await page.request.get(`${env.url}/api/v1/me`)).status(), 200)
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
  await page.getByText('Bạn đã đăng xuất.').waitFor()
  assert.equal((await page.request.get(`${env.url}/api/v1/me`)).status(), 401)
  // The app's pages now send the visitor to the log-in page.
  await page.goto(`${env.url}/users`)
  await page.waitForURL(/\/login\?redirect=(%2F|\/)users$/)
  await page.close()
  assert.deepEqual(env.pageErrors, [])
})
