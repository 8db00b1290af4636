// The concerns desk end to end, in Debian's Chromium: the system administrator proposes the holidays of 2027 on the
// working-calendar page, adds Tết (mùng 1 on 06/02/2027 by the lunar calendar) and saves a new version; a unit admin
// of phường Hoàn Kiếm takes down a walk-in's concern on a 360 px screen and lands on it; then records a voters' meeting
// with two concerns, each routed to its own organisation, both in the queue. Every page passes axe.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  DESKTOP, PHONE, browserJpeg as jpeg, chooseOption as choose, demoUser, expectFitsWidth, expectNoAxeViolations, launchBrowser, logIn, screenshot, setUp,
} from './support.mjs'

let env
// The ward's staff work in a browser of their own (the admin's cookie stays in the other).
let staffBrowser
let desk
let staff
let token
let ward
let intakeId
const STAFF = { username: 'canbo.hoankiem', password: 'Mật khẩu cán bộ Hoàn Kiếm 2026' }

const api = async (method, path, body) => {
  const res = await fetch(`${env.url}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = res.status === 204 ? null : await res.json()
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}
const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

before(async () => {
  env = await setUp({ demo: true })
  desk = await env.newPage()
  await desk.setViewportSize(DESKTOP)
  staffBrowser = await launchBrowser()
  staff = await staffBrowser.context.newPage()
  await staff.setViewportSize(DESKTOP)
  env.watch(staff)
})
after(async () => {
  await staffBrowser?.close()
  await env?.tearDown()
})

test('the admin proposes the holidays of 2027, adds Tết and saves a new calendar version', async () => {
  await logIn(desk, env.url, demoUser('admin'))
  {
    const me = await desk.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).json())
    const made = await desk.evaluate(async ([userId, csrfToken]) => {
      const r = await fetch('/api/v1/tokens', { method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ user_id: userId, name: 'e2e bàn tiếp nhận' }) })
      return r.json()
    }, [me.id ?? me.user?.id, me.csrf_token])
    token = made.token
  }
  assert.ok(token, 'an API token for the admin')
  const before = await api('GET', '/work-calendar')
  assert.ok(!before.days.some((d) => d.date.startsWith('2027-')), 'the demo calendar has no 2027 days yet')

  // The page is in the navigation, after the concerns.
  await desk.goto(`${env.url}/concerns`)
  await desk.getByRole('navigation').first().getByRole('link', { name: 'Lịch làm việc' }).click()
  await desk.waitForURL(/\/work-calendar$/)
  await desk.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor()
  assert.equal(await desk.getByTestId('calendar-version').getAttribute('data-version'), String(before.version))
  // Office hours as the server counts them: Monday 08:00–12:00 and 13:30–17:00.
  assert.equal(await desk.getByTestId('week-0-0-start').inputValue(), '08:00')
  assert.equal(await desk.getByTestId('week-0-1-end').inputValue(), '17:00')
  await expectNoAxeViolations(desk, 'the working calendar')

  await desk.locator('#propose-year').fill('2027')
  await desk.locator('#propose-year').press('Tab')
  await desk.getByTestId('propose').click()
  const proposed = desk.getByTestId('proposed')
  await proposed.waitFor()
  await proposed.getByRole('heading', { name: 'Ngày lễ đề xuất năm 2027' }).waitFor()
  // Tết Bính Ngọ → Đinh Mùi: mùng 1 tháng Giêng is Saturday 06/02/2027 (the lunar calendar at UTC+7).
  const tet = proposed.locator('li[data-date="2027-02-06"]')
  assert.match(await tet.textContent(), /06\/02\/2027\s*Tết Nguyên đán: mùng 1 tháng Giêng/)
  const tetDays = ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']
  assert.match(await proposed.locator('li[data-date="2027-02-05"]').textContent(), /tháng Chạp/)
  assert.match(await proposed.locator('li[data-date="2027-02-09"]').textContent(), /mùng 4 tháng Giêng/)
  await expectNoAxeViolations(desk, 'the proposed holidays')
  await screenshot(desk, 'work-calendar-proposed')

  // Only Tết this time: the rest of the year waits for the government's notice.
  await desk.getByTestId('pick-none').click()
  for (const date of tetDays) await desk.getByTestId(`pick-${date}`).click()
  await desk.getByTestId('add-picked').click()
  await desk.getByTestId('calendar-notice').getByText('Đã thêm 5 ngày vào danh sách').waitFor()
  const days = desk.getByTestId('calendar-days')
  for (const date of tetDays) await days.locator(`tr[data-date="${date}"][data-kind="holiday"]`).waitFor()
  assert.equal(await days.locator('tr[data-date="2027-01-01"]').count(), 0, 'New Year’s Day 2027 was not picked')

  await desk.getByTestId('calendar-note').fill('Nghỉ Tết Nguyên đán 2027')
  await desk.getByTestId('calendar-save').click()
  await desk.getByTestId('calendar-notice').getByText(`Đã lưu phiên bản ${before.version + 1}`).waitFor()
  assert.equal(await desk.getByTestId('calendar-version').getAttribute('data-version'), String(before.version + 1))
  await screenshot(desk, 'work-calendar-saved')

  const after = await api('GET', '/work-calendar')
  assert.equal(after.version, before.version + 1)
  assert.equal(after.days.length, before.days.length + 5)
  const saved = after.days.find((d) => d.date === '2027-02-06')
  assert.ok(saved, 'Tết 2027 is in the calendar')
  assert.equal(saved.kind, 'holiday')
  assert.equal(saved.name, 'Tết Nguyên đán: mùng 1 tháng Giêng')
  assert.deepEqual(after.week, before.week, 'the office hours are as they were')
})

test('a unit admin of the ward takes down a walk-in’s concern on a 360 px screen and lands on it', async () => {
  assert.ok(token, 'the admin’s token')
  const found = await api('GET', `/units?q=${encodeURIComponent('Hoàn Kiếm')}&level=commune&as_of=${todayInVietnam()}&page_size=20`)
  ward = found.items.find((u) => u.name === 'Phường Hoàn Kiếm' && !u.valid_to)
  assert.ok(ward, 'phường Hoàn Kiếm, a ward in force')
  // The demo's logins are Lý Thái Tổ's (a ward that ended in 2025): the new ward's unit admin is made here.
  await api('POST', '/users', { username: STAFF.username, display_name: 'Cán bộ tiếp nhận phường Hoàn Kiếm', password: STAFF.password,
    grants: [{ role: 'unit_admin', unit_id: ward.id }] })

  await logIn(staff, env.url, STAFF)
  await staff.goto(`${env.url}/concerns`)
  await staff.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor()
  await staff.getByTestId('concern-intake-link').click()
  await staff.waitForURL(/\/concerns\/new$/)
  await staff.setViewportSize(PHONE)
  await staff.getByRole('heading', { level: 1, name: 'Tiếp nhận phản ánh' }).waitFor()
  // The staff's own ward, with its categories.
  await staff.getByTestId('intake-unit').getByText('Phường Hoàn Kiếm').waitFor()
  await staff.locator('[data-testid="intake-form"]:not([data-categories="0"])').waitFor()

  await staff.getByTestId('channel-walk_in').click()
  await choose(staff, 'intake-category', 'Vệ sinh môi trường')
  await choose(staff, 'attr-loai_rac', 'Phế thải xây dựng')
  await staff.getByTestId('intake-description').fill('Bà Lan đến trụ sở phản ánh: phế thải xây dựng đổ trộm ở đầu ngõ Tạm Thương từ ba hôm nay.')
  await staff.getByTestId('intake-address').fill('Đầu ngõ Tạm Thương, phố Yên Thái')
  await staff.getByTestId('intake-photos').setInputFiles({ name: 'phe-thai.jpg', mimeType: 'image/jpeg', buffer: await jpeg(staff, '#8a6d3b') })
  await staff.locator('.thumbs img').waitFor()
  await staff.getByTestId('intake-name').fill('Nguyễn Thị Lan (dữ liệu thử)')
  await staff.getByTestId('intake-contact').fill('0912 000 111')
  await staff.getByTestId('intake-contact-visible').click()
  await expectFitsWidth(staff)
  await expectNoAxeViolations(staff, 'the intake form')
  await screenshot(staff, 'concern-intake-phone')

  await staff.getByTestId('intake-submit').click()
  await staff.waitForURL(/\/concerns\/\d+$/)
  await staff.getByTestId('staff-concern').waitFor()
  intakeId = Number(new URL(staff.url()).pathname.split('/').pop())
  await staff.getByText('Nguyễn Thị Lan (dữ liệu thử) · 0912 000 111').waitFor()
  await expectFitsWidth(staff)
  await screenshot(staff, 'concern-intake-created-phone')

  const c = await api('GET', `/concerns/${intakeId}`)
  assert.equal(c.channel, 'walk_in')
  assert.equal(c.unit_id, ward.id)
  assert.equal(c.category.name, 'Vệ sinh môi trường')
  assert.deepEqual(c.attributes, { loai_rac: ['xay_dung'] })
  assert.equal(c.address, 'Đầu ngõ Tạm Thương, phố Yên Thái')
  assert.equal(c.contact_visible, true)
  assert.equal(c.reporter_name, 'Nguyễn Thị Lan (dữ liệu thử)')
  assert.equal(c.reporter_contact, '0912 000 111')
  assert.equal(c.status, 'received', 'taken down by staff: received at once')
  assert.equal(c.files.length, 1, 'the photo')
  assert.ok(c.organisation_id, 'routed')
  await staff.setViewportSize(DESKTOP)
})

test('a voters’ meeting with two concerns: each routed on its own, both in the queue', async () => {
  assert.ok(ward, 'the ward and its unit admin')
  await staff.goto(`${env.url}/concerns`)
  await staff.getByTestId('concern-batch-link').click()
  await staff.waitForURL(/\/concerns\/batch$/)
  await staff.getByRole('heading', { level: 1, name: 'Kiến nghị từ buổi tiếp xúc cử tri' }).waitFor()
  await staff.getByTestId('batch-unit').getByText('Phường Hoàn Kiếm').waitFor()
  await staff.locator('[data-testid="batch-form"]:not([data-categories="0"])').waitFor()

  await staff.getByTestId('batch-place').fill('Nhà văn hóa tổ dân phố số 5, phố Hàng Trống')
  await staff.getByTestId('batch-minutes').fill('Biên bản hội nghị tiếp xúc cử tri: 45 cử tri dự; đại biểu HĐND phường tiếp thu hai ý kiến dưới đây.')
  await choose(staff, 'batch-category-0', 'Chiếu sáng công cộng')
  await staff.getByTestId('batch-description-0').fill('Đèn đường trước số 12 Hàng Trống hỏng đã hai tuần.')
  await staff.getByTestId('batch-address-0').fill('Trước số 12 phố Hàng Trống')
  await staff.getByTestId('batch-name-0').fill('Cử tri Trần Văn Bình (dữ liệu thử)')
  // A third row, added and removed again.
  await staff.getByTestId('batch-add').click()
  await staff.getByTestId('batch-row-2').waitFor()
  await staff.getByTestId('batch-remove-2').click()
  assert.equal(await staff.getByTestId('batch-row-2').count(), 0)
  await choose(staff, 'batch-category-1', 'Đề nghị khác')
  await staff.getByTestId('batch-description-1').fill('Đề nghị tổ chức lớp dạy bơi miễn phí cho trẻ em trong hè.')
  await expectNoAxeViolations(staff, 'the voters’ meeting form')
  await screenshot(staff, 'concern-batch-form')

  await staff.getByTestId('batch-submit').click()
  const done = staff.getByTestId('batch-created')
  await done.waitFor()
  await done.getByRole('heading', { name: 'Đã ghi nhận 2 ý kiến' }).waitFor()
  const codes = (await done.getByTestId('batch-code').allTextContents()).map((s) => s.trim())
  assert.equal(codes.length, 2)
  for (const code of codes) assert.match(code, /^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  const routed = (await done.getByTestId('batch-routed').allTextContents()).map((s) => s.trim())
  assert.deepEqual(routed, ['Ủy ban nhân dân phường Hoàn Kiếm', 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Hoàn Kiếm'])
  await expectNoAxeViolations(staff, 'the recorded meeting')
  await screenshot(staff, 'concern-batch-created')

  // Through the API: both of the meeting, each with its organisation, the empty address the meeting's place.
  const ids = await Promise.all((await done.getByTestId('batch-code').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    .map(async (href) => Number(href.split('/').pop())))
  const made = await Promise.all(ids.map((id) => api('GET', `/concerns/${id}`)))
  assert.deepEqual(made.map((c) => c.code), codes)
  for (const c of made) {
    assert.equal(c.channel, 'voters_meeting')
    assert.ok(c.organisation_id, `${c.code} is routed`)
    assert.equal(c.status, 'received')
  }
  assert.equal(made[0].batch_id, made[1].batch_id)
  assert.ok(made[0].batch_id)
  assert.notEqual(made[0].organisation_id, made[1].organisation_id, 'each routed on its own')
  assert.equal(made[1].address, 'Nhà văn hóa tổ dân phố số 5, phố Hàng Trống')

  // Both in the queue, with the walk-in's.
  await done.getByRole('link', { name: 'Về hàng việc' }).click()
  await staff.waitForURL(/\/concerns$/)
  const queue = staff.getByTestId('concern-queue')
  for (const code of codes) await queue.getByRole('link', { name: code }).waitFor()
  const intake = await api('GET', `/concerns/${intakeId}`)
  await queue.getByRole('link', { name: intake.code }).waitFor()
  await screenshot(staff, 'concern-queue-desk')

  // The ward's staff read the working calendar, with Tết 2027 in it, and cannot change it.
  await staff.goto(`${env.url}/work-calendar`)
  await staff.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor()
  await staff.getByText('Chỉ quản trị hệ thống được sửa lịch làm việc.').waitFor()
  await staff.getByTestId('calendar-days').locator('tr[data-date="2027-02-06"]').waitFor()
  assert.equal(await staff.getByTestId('calendar-save').count(), 0)
  assert.equal(await staff.getByTestId('propose').count(), 0)
  assert.match(await staff.getByTestId('calendar-week').textContent(), /Thứ Hai\s*08:00–12:00, 13:30–17:00/)
  await expectNoAxeViolations(staff, 'the working calendar, read only')
})

test('no page errors', () => {
  assert.deepEqual(env.pageErrors, [])
})
