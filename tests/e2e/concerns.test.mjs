// Residents' concerns end to end, in Debian's Chromium: a resident on a 360 px phone sends a concern with a photo
// without an account and keeps its code and PIN; staff at a desk find it in the queue, hand it to the ward's People's
// Committee and answer it with a photo; the resident follows it with the code and PIN and rates the answer. The
// deadline the resident is shown is counted in working hours across a holiday the admin put in the calendar.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  DESKTOP, PHONE, browserJpeg as jpeg, chooseOption as choose, demoUser, expectFitsWidth, expectNoAxeViolations, launchBrowser, logIn, screenshot, setUp,
} from './support.mjs'

let env
// The resident's own browser: no staff cookie, as on their phone.
let residentBrowser
let phone
let desk
let token
let sent
// The holiday: the 10 days after today (Vietnam), as the admin enters it.
const holiday = []

const api = async (method, path, body) => {
  const res = await fetch(`${env.url}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json()
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}
const isoInVietnam = (ms) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10)
const dmy = (iso) => iso.split('-').reverse().join('/')
const toIso = (d) => d.split('/').reverse().join('-')

before(async () => {
  env = await setUp({ demo: true })
  residentBrowser = await launchBrowser()
  phone = await residentBrowser.context.newPage()
  await phone.setViewportSize(PHONE)
  env.watch(phone)
  desk = await env.newPage()
  await desk.setViewportSize(DESKTOP)
})
after(async () => {
  await residentBrowser?.close()
  await env?.tearDown()
})

test('the admin puts a holiday into the working calendar', async () => {
  // The staff log in through the form; the admin's API token for the calendar is issued through the API.
  await logIn(desk, env.url, demoUser('admin'))
  {
    const me = await desk.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).json())
    const csrf = me.csrf_token
    const made = await desk.evaluate(async ([userId, csrfToken]) => {
      const r = await fetch('/api/v1/tokens', { method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ user_id: userId, name: 'e2e phản ánh' }) })
      return r.json()
    }, [me.id ?? me.user?.id, csrf])
    token = made.token
  }
  assert.ok(token, 'an API token for the admin')
  const calendar = await api('GET', '/work-calendar')
  const now = Date.now()
  for (let i = 1; i <= 10; i++) holiday.push(isoInVietnam(now + i * 86400_000))
  const days = calendar.days.filter((d) => !holiday.includes(d.date))
  for (const date of holiday) days.push({ date, kind: 'holiday', name: 'Nghỉ lễ (thử)', windows: [] })
  const saved = await api('PUT', '/work-calendar', { week: calendar.week, days, note: 'e2e: nghỉ lễ 10 ngày' })
  assert.equal(saved.version, calendar.version + 1)
})

test('a resident on a 360 px phone sends a concern with a photo, anonymously, and keeps the code and PIN', async () => {
  await phone.goto(`${env.url}/`)
  await phone.waitForURL(/\/cong-dan$/)
  await phone.getByRole('heading', { level: 1, name: 'Cổng thông tin cho người dân' }).waitFor()
  await expectFitsWidth(phone)
  await expectNoAxeViolations(phone, 'the residents’ portal')
  await phone.getByTestId('portal-send').click()
  await phone.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor()
  // "Đề nghị khác" goes to the ward's Front, which hands it to the committee.
  await choose(phone, 'concern-category', 'Đề nghị khác')
  await phone.getByTestId('concern-description').fill('Đề nghị lắp thêm đèn ở ngõ sau số 20 phố Hàng Khay, buổi tối rất tối.')
  await phone.getByTestId('concern-address').fill('Trước số 20 phố Hàng Khay')
  await phone.getByTestId('concern-photos').setInputFiles({ name: 'den-duong.jpg', mimeType: 'image/jpeg', buffer: await jpeg(phone, '#223344') })
  await phone.locator('.thumbs img').waitFor()
  await expectFitsWidth(phone)
  await screenshot(phone, 'concern-send-phone')
  await phone.getByTestId('concern-submit').click()
  // A similar open concern may be offered first: this one is new.
  await Promise.race([phone.getByTestId('concern-sent').waitFor(), phone.getByTestId('send-anyway').waitFor()])
  if (await phone.getByTestId('send-anyway').isVisible()) await phone.getByTestId('send-anyway').click()
  await phone.getByTestId('concern-sent').waitFor()
  const code = (await phone.getByTestId('sent-code').textContent()).trim()
  const pin = (await phone.getByTestId('sent-pin').textContent()).trim()
  assert.match(code, /^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  assert.match(pin, /^\d{6}$/)
  sent = { code, pin }
  await expectFitsWidth(phone)
  await screenshot(phone, 'concern-sent-phone')
})

test('the deadline the resident sees is counted past the holiday', async () => {
  assert.ok(sent, 'a concern was sent')
  await phone.goto(`${env.url}/cong-dan/theo-doi?code=${sent.code}`)
  await phone.getByTestId('follow-pin').fill(sent.pin)
  await phone.getByTestId('follow-open').click()
  await phone.getByTestId('follow-view').waitFor()
  assert.equal((await phone.getByTestId('follow-status').textContent()).trim(), 'Đã gửi, chờ tiếp nhận')
  const shown = (await phone.getByTestId('follow-expected').textContent()).trim()  // dd/mm/yyyy HH:mm, Vietnam's time
  const day = toIso(shown.slice(0, 10))
  const last = holiday[holiday.length - 1]
  assert.ok(day > last, `due ${shown}, after the holiday that ends ${dmy(last)}`)
  // No working time falls in the holiday: the due time is what 40 working hours make from the day after it.
  const concern = (await api('GET', `/public/concerns/${sent.code}`))
  assert.equal(shown, new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit',
    year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(concern.expected_at)).replace(',', ''))
  await expectFitsWidth(phone)
  await expectNoAxeViolations(phone, 'following a concern')
})

test('staff find it in the queue, hand it to the committee and answer it with a photo', async () => {
  await desk.goto(`${env.url}/concerns`)
  await desk.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor()
  await desk.getByTestId('concern-queue').getByRole('link', { name: sent.code }).click()
  await desk.getByTestId('staff-concern').waitFor()
  // The resident sent it anonymously: no contact for staff either.
  await desk.getByText('Ẩn danh (không cho cán bộ xem liên hệ)').waitFor()
  await desk.getByTestId('step-receive').click()
  await desk.getByTestId('step-confirm').click()
  await desk.locator('[data-testid="staff-status"][data-status="received"]').waitFor()
  await desk.getByTestId('step-hand_over').click()
  await choose(desk, 'step-organisation', 'Ủy ban nhân dân phường Hoàn Kiếm')
  await desk.getByTestId('step-text').fill('Lắp đèn chiếu sáng thuộc thẩm quyền UBND phường.')
  await desk.getByTestId('step-confirm').click()
  await desk.locator('[data-testid="staff-status"][data-status="assigned"]').waitFor()
  await desk.getByTestId('step-start').click()
  await desk.getByTestId('step-confirm').click()
  await desk.locator('[data-testid="staff-status"][data-status="in_progress"]').waitFor()
  await desk.getByTestId('step-resolve').click()
  await desk.getByTestId('step-text').fill('Đã lắp hai bóng đèn trong ngõ, sáng từ tối nay.')
  await desk.getByTestId('step-files').setInputFiles({ name: 'da-thay-bong.jpg', mimeType: 'image/jpeg', buffer: await jpeg(desk, '#ffee88') })
  await desk.getByTestId('step-confirm').click()
  await desk.locator('[data-testid="staff-status"][data-status="resolved"]').waitFor()
  await screenshot(desk, 'concern-staff-resolved')
})

test('the resident follows it with the code and PIN and rates the answer', async () => {
  await phone.goto(`${env.url}/cong-dan/theo-doi?code=${sent.code}`)
  await phone.getByTestId('follow-pin').fill(sent.pin)
  await phone.getByTestId('follow-open').click()
  await phone.getByTestId('follow-view').waitFor()
  assert.equal((await phone.getByTestId('follow-answer').textContent()).trim(), 'Đã lắp hai bóng đèn trong ngõ, sáng từ tối nay.')
  await phone.getByTestId('follow-timeline').getByText('Chuyển đến Ủy ban nhân dân phường Hoàn Kiếm').waitFor()
  assert.equal(await phone.locator('.files img').count(), 2, 'the resident’s photo and the answer’s')
  await phone.getByTestId('star-5').check()
  await phone.getByTestId('rate-submit').click()
  await phone.getByText('Cảm ơn bạn đã đánh giá.').waitFor()
  assert.equal((await phone.getByTestId('follow-status').textContent()).trim(), 'Đã xử lý xong')
  await expectFitsWidth(phone)
  await screenshot(phone, 'concern-rated-phone')
})
