// Shared pieces of the end-to-end tests: the real `danvan` binary on a fresh SQLite database with the Hoàn Kiếm
// merger table imported, serving the built web app, driven by playwright-core through Debian's Chromium.
// playwright-core and axe-core are devDependencies of web/, resolved from there.

import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO = path.resolve(here, '..', '..')
const requireFromWeb = createRequire(path.join(REPO, 'web', 'package.json'))
const { chromium } = requireFromWeb('playwright-core')
const AXE_SOURCE = fs.readFileSync(requireFromWeb.resolve('axe-core/axe.min.js'), 'utf8')

export const BIN = process.env.DANVAN_BIN ?? path.join(REPO, 'build', 'release', 'bin', 'danvan')
export const DIST = process.env.DANVAN_WEB_DIST ?? path.join(REPO, 'web', 'dist')
// The merger table the project ships (the demo ward imports the same file).
export const MERGER_TSV = path.join(REPO, 'src', 'services', 'demo', 'hoan-kiem-2025-merger.tsv')
export const CHROMIUM = process.env.DANVAN_CHROMIUM ?? '/usr/bin/chromium'
/** Where screenshots go, to be looked at by a person. */
export const SHOTS = process.env.DANVAN_E2E_SHOTS ?? path.join(os.tmpdir(), 'danvan-e2e')

export const ADMIN = { username: 'admin', password: 'mật-khẩu-thử-2022' }
/** `danvan seed demo`'s logins (admin, canbo.lythaito, xem.lythaito, …) share one password. */
export const DEMO_PASSWORD = 'danvan-demo-2022'
export const demoUser = (username) => ({ username, password: DEMO_PASSWORD })

export function makeTempDir(prefix = 'danvan-e2e-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

function run(args, input) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', timeout: 60_000 })
  if (r.error) throw r.error
  if (r.status !== 0) throw new Error(`danvan ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/**
 * A fresh database: the admin user and the 2025 merger table of Hoàn Kiếm; or, with `demo`, what
 * `danvan seed demo` loads (the Lý Thái Tổ 2022 story, its organisations and people, one login per role).
 */
export function prepareDatabase(dir, { demo = false } = {}) {
  const needed = [['danvan binary (DANVAN_BIN)', BIN],
    ['built web app (DANVAN_WEB_DIST; run `cd web && npm run build`)', path.join(DIST, 'index.html')]]
  if (!demo) needed.push(['merger table', MERGER_TSV])
  for (const [what, p] of needed) {
    if (!fs.existsSync(p)) throw new Error(`missing ${what}: ${p}`)
  }
  const db = path.join(dir, 'danvan.db')
  if (demo) {
    run(['seed', 'demo', '--db', `sqlite:${db}`])
    return db
  }
  run(['user', 'add', '--admin', ADMIN.username, '--password-stdin', '--db', `sqlite:${db}`], `${ADMIN.password}\n`)
  run(['import', 'units', MERGER_TSV, '--db', `sqlite:${db}`])
  return db
}

/** `danvan serve` on a free port of 127.0.0.1, serving the built app; resolves once it says where it listens. */
export async function startServer(db) {
  const proc = spawn(BIN, ['serve', '--db', `sqlite:${db}`, '--listen', '127.0.0.1:0',
    '--set', `server.static_dir=${DIST}`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  proc.stderr.on('data', (s) => { err += s })
  // The access log goes with the screenshots: after a failed step it says what the server was asked and answered.
  fs.mkdirSync(SHOTS, { recursive: true })
  const log = fs.createWriteStream(path.join(SHOTS, `server-${path.basename(process.argv[1] ?? 'e2e', '.mjs')}.log`))
  proc.stdout.pipe(log)
  proc.stderr.pipe(log)
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`danvan did not start within 15 s\n${out}\n${err}`)), 15_000)
    proc.stdout.on('data', (s) => {
      out += s
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1].replace(/\/$/, ''))
      }
    })
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`danvan exited (${code ?? signal}) before listening\n${out}\n${err}`))
    })
  })
  return {
    url,
    stderr: () => err,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      const exited = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Debian's Chromium, headless, with its own throw-away profile; never a downloaded browser. */
export async function launchBrowser() {
  const profile = makeTempDir('danvan-chromium-')
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // axe-core is injected as a script; the app's Content-Security-Policy would refuse it.
    bypassCSP: true,
  })
  context.setDefaultTimeout(15_000)
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Runs axe-core on the page and returns the serious and critical violations, described for a failure message. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE })
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }))
  })
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true })
  const file = path.join(SHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * Everything one test file needs: a database (`demo`: the seeded demo ward), the server, a browser. `pageErrors`
 * collects uncaught errors (and errors logged on the console, apart from failed requests) of every page opened
 * with `newPage`, to be asserted empty at the end.
 */
export async function setUp({ viewport, demo = false } = {}) {
  const dir = makeTempDir()
  const db = prepareDatabase(dir, { demo })
  const server = await startServer(db)
  const browser = await launchBrowser()
  const pageErrors = []
  const failedRequests = []
  return {
    url: server.url,
    server,
    browser,
    pageErrors,
    async newPage() {
      const page = await browser.context.newPage()
      if (viewport) await page.setViewportSize(viewport)
      return this.watch(page)
    },
    /** Collects the errors and failed requests of `page`, also of a page of another browser (a resident's). */
    watch(page) {
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`))
      // Vue reports an error thrown in a component's setup or render on the console, not as a page error.
      page.on('console', (m) => {
        if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) pageErrors.push(`${page.url()}: ${m.text()}`)
      })
      // Failed API requests are printed at the end: a step that times out waiting for text says why.
      page.on('response', (r) => {
        if (r.status() >= 400 && r.url().includes('/api/')) failedRequests.push(`${r.request().method()} ${r.url()} → ${r.status()}`)
      })
      page.on('requestfailed', (r) => failedRequests.push(`${r.method()} ${r.url()} → ${r.failure()?.errorText}`))
      page.on('requestfinished', (r) => {
        const ms = r.timing().responseEnd
        if (ms > 2000) failedRequests.push(`${r.method()} ${r.url()} took ${Math.round(ms)} ms`)
      })
      return page
    },
    async tearDown() {
      if (failedRequests.length) console.error(`API requests that failed (some on purpose) or were slow:\n  ${failedRequests.join('\n  ')}`)
      await browser.close().catch(() => {})
      await server.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Logs in through the form and waits for the app's first page. */
export async function logIn(page, url, { username, password } = ADMIN) {
  await page.goto(`${url}/login`)
  const form = page.getByLabel('Tên đăng nhập')
  // Signed in already (the browser's cookie): the log-in page sends us on.
  await Promise.race([form.waitFor(), page.waitForURL((u) => !u.pathname.startsWith('/login'))])
  if (!new URL(page.url()).pathname.startsWith('/login')) return
  await form.fill(username)
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/** Logs out with the header's button and waits for the log-in page. */
export async function logOut(page) {
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
  await page.getByText('Bạn đã đăng xuất.').waitFor()
}

/** The app's Element Plus transitions (dialogs, drawers) settle before a screenshot or a check of the layout. */
export const settle = (page, ms = 400) => page.waitForTimeout(ms)

/** A PDF's text as poppler reads it (`pdftotext -layout`), from its bytes. */
export function pdfTextOf(bytes) {
  assert.equal(Buffer.from(bytes).subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-pdf-'))
  const file = path.join(dir, 'f.pdf')
  fs.writeFileSync(file, bytes)
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true, force: true })
  assert.equal(r.status, 0, `pdftotext: ${r.stderr}`)
  return r.stdout
}

export const PHONE = { width: 360, height: 740 }
export const DESKTOP = { width: 1280, height: 800 }

/** axe-core finds nothing on the page once it has settled. */
export async function expectNoAxeViolations(page, what) {
  await settle(page)
  const v = await axeViolations(page)
  assert.deepEqual(v, [], `${what}: ${JSON.stringify(v, null, 2)}`)
}

/** Nothing on the page is wider than a phone's screen. */
export async function expectFitsWidth(page, width = PHONE.width) {
  const widest = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(widest <= width, `the page is ${widest} px wide on a ${width} px screen`)
}

/** A small real JPEG, drawn and encoded by the browser itself. */
export async function browserJpeg(page, colour) {
  const b64 = await page.evaluate((fill) => {
    const c = document.createElement('canvas')
    c.width = 320
    c.height = 240
    const g = c.getContext('2d')
    g.fillStyle = fill
    g.fillRect(0, 0, 320, 240)
    return c.toDataURL('image/jpeg', 0.85).split(',')[1]
  }, colour)
  return Buffer.from(b64, 'base64')
}

/** Picks an Element Plus select's option by its text. */
export async function chooseOption(page, testId, text) {
  await page.getByTestId(testId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}
