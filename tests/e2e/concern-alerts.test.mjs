// Alerts about residents' concerns and their figures, end to end in Debian's Chromium. The server sweeps every few
// seconds here (DANVAN_CONCERNS_SWEEP_SECONDS), so once the ward gets a unit admin the demo's late concerns of phường
// Hoàn Kiếm alert them: the header's bell shows as many unread alerts as the API counts, the drawer names an overdue
// concern, following it opens the concern and the count drops by one; "Đánh dấu đã đọc" drops it once more. Then
// the figures of concerns, reached from the movement's report, total what the API says for the ward's 2022 (Lý Thái
// Tổ's concerns rolled up into Hoàn Kiếm) and list the twelve months of 2026. axe-core checks the drawer and the page.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { DESKTOP, PHONE, demoUser, expectFitsWidth, expectNoAxeViolations, logIn, screenshot, settle, setUp } from './support.mjs'

// The sweep raises alerts on the server's own thread; every 5 s (the least allowed) instead of every 5 minutes.
process.env.DANVAN_CONCERNS_SWEEP_SECONDS = '5'

const STAFF = { username: 'canbo.hoankiem', password: 'Mật khẩu cán bộ Hoàn Kiếm 2026' }
let env
let page
let admin
let staff
let ward

/** A session of the API from here (cookie and CSRF token), as the browser would hold it. */
async function signIn({ username, password }) {
  const res = await fetch(`${env.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  })
  const json = await res.json()
  assert.ok(res.ok, `log in ${username}: ${res.status} ${JSON.stringify(json)}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  return { cookie, csrf: json.csrf_token, user: json.user }
}

async function call(who, method, path, body) {
  const res = await fetch(`${env.url}/api/v1${path}`, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = res.status === 204 ? null : await res.json()
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
const bell = () => page.getByTestId('alerts-bell')

/**
 * The bell shows the API's unread count. The sweep may raise a new alert at any time (a deadline passing while the
 * test runs), so the API is asked again, and the page moved, until both agree.
 */
async function bellMatchesApi() {
  let last
  for (let i = 0; i < 5; i++) {
    const { unread } = await call(staff, 'GET', '/alerts')
    try {
      await page.locator(`[data-testid="alerts-bell"][data-unread="${unread}"]`).waitFor({ timeout: 3000 })
      return unread
    } catch (e) {
      last = `${unread} by the API, ${await bell().getAttribute('data-unread')} on the bell`
    }
  }
  assert.fail(`the bell never showed the API's count: ${last}`)
}

before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await page.setViewportSize(DESKTOP)
  admin = await signIn(demoUser('admin'))
  const found = await call(admin, 'GET', `/units?q=${encodeURIComponent('Hoàn Kiếm')}&level=commune&as_of=${todayInVietnam()}&page_size=20`)
  ward = found.items.find((u) => u.name === 'Phường Hoàn Kiếm' && !u.valid_to)
  assert.ok(ward, 'phường Hoàn Kiếm, a ward in force')
  // The demo's logins are Lý Thái Tổ's; the new ward's concerns alert its unit admins, made here.
  await call(admin, 'POST', '/users', { username: STAFF.username, display_name: 'Cán bộ phường Hoàn Kiếm', password: STAFF.password,
    grants: [{ role: 'unit_admin', unit_id: ward.id }] })
  staff = await signIn(STAFF)
})
after(async () => { await env?.tearDown() })

test('the bell counts the ward’s alerts; following an overdue one opens the concern and reads it', async () => {
  // The next sweep alerts the new unit admin of the demo's late concerns.
  let list
  for (let i = 0; i < 60; i++) {
    list = await call(staff, 'GET', '/alerts')
    if (list.items.some((a) => a.kind === 'overdue')) break
    await new Promise((r) => setTimeout(r, 500))
  }
  assert.ok(list.items.some((a) => a.kind === 'overdue'), `an overdue alert: ${JSON.stringify(list)}`)
  assert.equal(list.mail_enabled, false, 'no smtp.url: alerts stay in the app')

  await logIn(page, env.url, STAFF)
  await page.goto(`${env.url}/concerns`)
  await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor()
  const before = await bellMatchesApi()
  assert.ok(before >= 2, `unread alerts: ${before}`)
  // Its name says the count, for a screen reader.
  await page.getByRole('button', { name: `Cảnh báo: ${before} chưa đọc` }).waitFor()
  assert.equal((await bell().locator('.el-badge__content').innerText()).trim(), String(before))

  await bell().click()
  const panel = page.getByTestId('alerts-panel')
  await panel.waitFor()
  await page.getByRole('dialog', { name: 'Cảnh báo' }).waitFor()
  await panel.getByText(`${before} chưa đọc`).waitFor()
  const overdue = (await call(staff, 'GET', '/alerts?unread=true')).items.find((a) => a.kind === 'overdue')
  assert.ok(overdue, 'an unread overdue alert')
  const item = panel.locator(`[data-testid="alert-item"][data-alert="${overdue.id}"]`)
  await item.waitFor()
  assert.equal(await item.getAttribute('data-kind'), 'overdue')
  const text = await item.innerText()
  assert.match(text, new RegExp(overdue.concern_code))
  assert.match(text, /Quá hạn/)
  assert.match(text, overdue.clock === 'receive' ? /Quá hạn tiếp nhận/ : /Quá hạn giải quyết/)
  // The due time in Vietnam's time, dd/mm/yyyy HH:mm.
  const due = new Date(new Date(overdue.due_at).getTime() + 7 * 3600_000).toISOString()
  const dueText = `${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)} ${due.slice(11, 16)}`
  assert.equal((await item.getByTestId('alert-due').innerText()).trim(), `Hạn: ${dueText}`)
  await expectNoAxeViolations(page, 'the alerts drawer')
  await screenshot(page, 'alerts-drawer')

  await item.getByTestId('alert-link').click()
  await page.waitForURL(new RegExp(`/concerns/${overdue.concern_id}$`))
  await page.getByTestId('staff-concern').waitFor()
  await page.getByRole('heading', { level: 1, name: new RegExp(overdue.concern_code) }).waitFor()
  const read = (await call(staff, 'GET', '/alerts')).items.find((a) => a.id === overdue.id)
  assert.equal(read.read, true, 'following the alert read it')
  assert.ok(read.read_at)
  const afterFollow = await bellMatchesApi()
  assert.equal(afterFollow, before - 1, 'one fewer unread')
  await page.getByRole('button', { name: `Cảnh báo: ${afterFollow} chưa đọc` }).waitFor()

  // "Đánh dấu đã đọc" on another one, without leaving the page.
  await bell().click()
  await panel.waitFor()
  const other = panel.locator('[data-testid="alert-item"][data-read="false"]').first()
  const otherId = Number(await other.getAttribute('data-alert'))
  await other.getByRole('button', { name: /^Đánh dấu đã đọc: PA-/ }).click()
  await panel.locator(`[data-testid="alert-item"][data-alert="${otherId}"][data-read="true"]`).waitFor()
  assert.match(page.url(), new RegExp(`/concerns/${overdue.concern_id}$`), 'still on the concern')
  assert.equal((await call(staff, 'GET', '/alerts')).items.find((a) => a.id === otherId).read, true)
  assert.equal(await bellMatchesApi(), before - 2)
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'hidden' })

  // On a phone the bell stays in the header and nothing spills over.
  await page.setViewportSize(PHONE)
  await settle(page)
  assert.ok(await bell().isVisible(), 'the bell on a phone')
  await expectFitsWidth(page)
  await screenshot(page, 'alerts-bell-phone')
  await page.setViewportSize(DESKTOP)
  assert.deepEqual(env.pageErrors, [])
})

test('the figures of concerns total what the API counts, by year and by month', async () => {
  await page.goto(`${env.url}/reports`)
  await page.getByRole('heading', { level: 1, name: 'Báo cáo mô hình theo đơn vị' }).waitFor()
  await page.getByRole('link', { name: 'Số liệu phản ánh, kiến nghị' }).click()
  await page.waitForURL(/\/reports\/concerns/)
  await page.getByRole('heading', { level: 1, name: 'Số liệu phản ánh, kiến nghị' }).waitFor()
  await page.getByTestId('figures-unit').getByText('Phường Hoàn Kiếm').waitFor()

  // 2022: Lý Thái Tổ's concerns, rolled up into today's ward.
  await page.getByTestId('figures-year').click()
  await page.getByRole('option', { name: '2022', exact: true }).click()
  await page.waitForURL(/year=2022/)
  const y2022 = await call(staff, 'GET', `/reports/concerns?unit_id=${ward.id}&year=2022`)
  assert.ok(y2022.total.received > 0, 'the demo has concerns in 2022')
  const table = page.getByTestId('figures-table')
  await page.locator('[data-testid="figures-table"]:not([aria-busy="true"])').waitFor()
  await page.getByTestId('figures-total-received').getByText(String(y2022.total.received), { exact: true }).waitFor()
  assert.equal((await page.getByTestId('figures-total-resolved').innerText()).trim(), String(y2022.total.resolved))
  assert.equal((await page.getByTestId('figures-total-open').innerText()).trim(), String(y2022.total.open))
  const pct = Math.round((100 * y2022.total.resolved_on_time) / y2022.total.resolved)
  assert.equal((await page.getByTestId('figures-total-resolved-on-time').innerText()).replace(/\s+/g, ' ').trim(),
    `${y2022.total.resolved_on_time} (${pct}%)`)
  assert.equal(await table.locator('tbody tr').count(), y2022.rows.length)
  await table.getByTestId('figures-includes').getByText(/Phường Lý Thái Tổ/).waitFor()
  await expectNoAxeViolations(page, 'the figures of concerns')
  await screenshot(page, 'concern-figures-2022')

  // 2026 by month: every month of the year, those without concerns too.
  await page.getByTestId('figures-year').click()
  await page.getByRole('option', { name: '2026', exact: true }).click()
  await page.getByTestId('figures-group').click()
  await page.getByRole('option', { name: 'Tháng', exact: true }).click()
  await page.locator('[data-testid="figures-table"][data-group="month"]:not([aria-busy="true"])').waitFor()
  await page.waitForURL(/year=2026.*group_by=month|group_by=month.*year=2026/)
  const months = await call(staff, 'GET', `/reports/concerns?unit_id=${ward.id}&year=2026&group_by=month`)
  assert.equal(months.rows.length, 12)
  await page.getByTestId('figures-total-received').getByText(String(months.total.received), { exact: true }).waitFor()
  const rows = await table.locator('tbody th').allInnerTexts()
  assert.equal(rows.length, months.rows.length)
  assert.equal(rows[0].trim(), 'Tháng 1/2026')
  assert.equal(rows[11].trim(), 'Tháng 12/2026')
  const nov = months.rows.find((r) => r.key === '2026-11')
  assert.equal((await table.locator('tbody tr[data-key="2026-11"] td').first().innerText()).trim(), String(nov.received))
  await expectNoAxeViolations(page, 'the figures by month')
  await screenshot(page, 'concern-figures-months')

  // And back to the movement's report, on the same unit and year.
  await page.getByTestId('models-report-link').click()
  await page.waitForURL(/\/reports\?/)
  await page.getByRole('heading', { level: 1, name: 'Báo cáo mô hình theo đơn vị' }).waitFor()
  assert.match(page.url(), /year=2026/)
  assert.deepEqual(env.pageErrors, [])
})

test('the officer sets the address their alerts are mailed to on the account page', async () => {
  await page.goto(`${env.url}/account`)
  await page.getByRole('heading', { level: 2, name: 'Nhận cảnh báo qua thư điện tử' }).waitFor()
  // No smtp.url on this server: the page says alerts stay in the app.
  await page.getByTestId('email-no-mail').waitFor()
  const box = page.getByLabel('Địa chỉ thư điện tử')
  await box.fill('không phải thư')
  await page.getByTestId('alert-email-save').click()
  await page.getByRole('alert').getByText('Địa chỉ thư điện tử chưa đúng.').waitFor()
  await box.fill('canbo.hoankiem@example.vn')
  await page.getByTestId('alert-email-save').click()
  await page.getByText('Đã lưu địa chỉ nhận cảnh báo.').waitFor()
  await expectNoAxeViolations(page, 'the account page')
  // Someone else's address is not the officer's to set.
  const res = await fetch(`${env.url}/api/v1/users/${admin.user.id}/email`, {
    method: 'PUT', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'x@example.vn' }),
  })
  assert.equal(res.status, 403)
  assert.deepEqual(env.pageErrors, [])
})
