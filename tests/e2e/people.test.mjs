// People of the demo ward (danvan seed demo): the unit admin adds "Nguyễn Thị Thu Hà" with a membership in Tổ dân
// vận số 3, finds her by typing without diacritics (in the people page and in the header's search box, on a
// desktop and on a phone), imports a CSV with one bad row; a viewer does not see her phone number.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { demoUser, logIn, logOut, screenshot, settle, setUp } from './support.mjs'
import { makeXlsx, XLSX_TYPE } from '../http/support.mjs' // standalone: allowed (tests/http, inside the checkout)

const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }
let env
let page
before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await logIn(page, env.url, demoUser('canbo.lythaito'))
})
after(async () => { await env?.tearDown() })

const table = () => page.getByTestId('people-table')
const drawer = (name) => page.getByRole('dialog', { name })
async function fitsWidth() {
  const widest = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(widest <= PHONE.width, `the page is ${widest} px wide on a ${PHONE.width} px screen`)
}
async function peopleOfWard(q) {
  const r = await page.request.get(`${env.url}/api/v1/people?unit_id=3&q=${encodeURIComponent(q)}`)
  assert.equal(r.status(), 200)
  return (await r.json()).items
}

test('the people of Phường Lý Thái Tổ, searched without diacritics', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cá nhân' }).click()
  await page.getByRole('heading', { level: 1, name: 'Cá nhân' }).waitFor()
  await page.getByTestId('people-unit').getByText('Phường Lý Thái Tổ').waitFor()
  await table().waitFor()
  assert.match(await page.getByTestId('people-count').innerText(), /^11 người$/)
  // Demo persons carry a tag; the real officials named in the article do not.
  const minh = table().getByRole('row').filter({ hasText: 'Trần Thị Hồng Minh' })
  assert.match(await minh.innerText(), /Dữ liệu mẫu/)
  assert.match(await minh.innerText(), /Tổ trưởng — Tổ dân vận số 3/)
  assert.doesNotMatch(await table().getByRole('row').filter({ hasText: 'Nguyễn Văn Dũng' }).innerText(), /Dữ liệu mẫu/)
  // A unit admin sees the personal columns.
  await table().getByRole('columnheader', { name: 'Số điện thoại' }).waitFor()

  await page.getByLabel('Tìm theo họ tên').fill('tran thi hong minh')
  await page.getByTestId('people-count').getByText('1 người', { exact: true }).waitFor()
  assert.deepEqual(await table().locator('.person-link').allInnerTexts(), ['Trần Thị Hồng Minh'])
  await page.waitForURL(/q=tran\+thi\+hong\+minh|q=tran%20thi%20hong%20minh/)

  // The organisation filter.
  await page.getByLabel('Tìm theo họ tên').fill('')
  await page.getByTestId('people-org').click()
  await page.getByRole('combobox', { name: 'Tổ chức' }).pressSequentially('to dan van so 3', { delay: 20 })
  await page.getByRole('option', { name: /^Tổ dân vận số 3/ }).click()
  await page.getByTestId('people-count').getByText('2 người', { exact: true }).waitFor()
  assert.deepEqual((await table().locator('.person-link').allInnerTexts()).sort(), ['Lê Văn Đức', 'Trần Thị Hồng Minh'])
  await settle(page)
  await screenshot(page, 'people-list')
  await page.getByTestId('people-org').hover()
  await page.getByTestId('people-org').locator('.el-select__clear').click()
  await page.getByTestId('people-count').getByText('11 người', { exact: true }).waitFor()
})

test('adding Nguyễn Thị Thu Hà, with the API\'s checks next to their fields, and a membership in Tổ dân vận số 3', async () => {
  await page.getByRole('button', { name: 'Thêm cá nhân' }).click()
  const dialog = page.getByRole('dialog', { name: 'Thêm cá nhân' })
  await dialog.waitFor()
  await dialog.getByRole('button', { name: 'Thêm', exact: true }).click()
  await dialog.getByText('Hãy nhập họ và tên.').waitFor()

  await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Thu Hà')
  await dialog.getByLabel('Năm sinh').fill('1875')
  await dialog.getByLabel('Số điện thoại').fill('không có')
  await dialog.getByRole('button', { name: 'Thêm', exact: true }).click()
  // The server's message, under the field it is about.
  const yearItem = dialog.locator('.el-form-item').filter({ has: page.getByLabel('Năm sinh') })
  await yearItem.getByRole('alert').getByText(/Năm sinh phải từ 1900 đến \d{4}\./).waitFor()
  await dialog.getByLabel('Năm sinh').fill('1975')
  await dialog.getByRole('button', { name: 'Thêm', exact: true }).click()
  const phoneItem = dialog.locator('.el-form-item').filter({ has: page.getByLabel('Số điện thoại') })
  await phoneItem.getByRole('alert').getByText('Số điện thoại không hợp lệ.').waitFor()
  await settle(page)
  await screenshot(page, 'people-add-error')

  await dialog.getByLabel('Số điện thoại').fill('0912 345 678')
  await dialog.getByTestId('new-gender').click()
  await page.getByRole('option', { name: 'Nữ', exact: true }).click()
  await dialog.getByRole('button', { name: 'Thêm', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })

  // She opens in the drawer, at /people/{id}.
  const her = drawer('Nguyễn Thị Thu Hà')
  await her.waitFor()
  await page.waitForURL(/\/people\/\d+/)
  assert.equal(await her.getByTestId('person-birth-year').innerText(), '1975')
  assert.match(await her.getByTestId('person-phone').innerText(), /0912 ?345 ?678/)
  await her.getByText('Chưa giữ chức danh nào.').waitFor()

  // A membership from today is refused: the team left the ward on 01/07/2025; the message sits by the organisation.
  await her.getByTestId('membership-org').click()
  await her.getByRole('combobox', { name: /^\*?Tổ chức$/ }).pressSequentially('to dan van so 3', { delay: 20 })
  await page.getByRole('option', { name: /^Tổ dân vận số 3/ }).click()
  await her.getByLabel('Chức danh', { exact: true }).fill('Thành viên')
  await her.getByRole('button', { name: 'Thêm chức danh' }).click()
  const orgItem = her.locator('.el-form-item').filter({ has: page.getByTestId('membership-org') })
  await orgItem.getByRole('alert').getByText(/Tổ chức "Tổ dân vận số 3" không còn hoạt động vào ngày/).waitFor()

  const from = her.getByLabel('Từ ngày', { exact: true })
  await from.click()
  await from.fill('13/10/2022')
  await from.press('Enter')
  await her.getByRole('button', { name: 'Thêm chức danh' }).click()
  const row = her.getByTestId('person-memberships').getByRole('row').filter({ hasText: 'Tổ dân vận số 3' })
  await row.waitFor()
  assert.match(await row.innerText(), /Thành viên/)
  assert.match(await row.innerText(), /13\/10\/2022/)
  assert.match(await row.innerText(), /Hiện nay/)
  await settle(page)
  await screenshot(page, 'people-drawer')

  const api = await peopleOfWard('nguyen thi thu ha')
  assert.equal(api.length, 1)
  assert.equal(api[0].full_name, 'Nguyễn Thị Thu Hà')
  assert.equal(api[0].birth_year, 1975)
  assert.equal(api[0].gender, 'female')
  assert.deepEqual(api[0].memberships.map((m) => [m.organisation_name, m.title, m.valid_from]),
    [['Tổ dân vận số 3', 'Thành viên', '2022-10-13']])

  // Tổ dân vận số 3 lists her among its members.
  await her.getByRole('link', { name: 'Tổ dân vận số 3' }).click()
  await page.getByTestId('org-detail').getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await page.getByTestId('org-members').getByRole('row').filter({ hasText: 'Nguyễn Thị Thu Hà' }).getByText('Thành viên').waitFor()
})

test('she is found by typing without diacritics, in the people page and in the header\'s search box', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cá nhân' }).click()
  await page.getByLabel('Tìm theo họ tên').fill('nguyen thi thu ha')
  await page.getByTestId('people-count').getByText('1 người', { exact: true }).waitFor()
  assert.deepEqual(await table().locator('.person-link').allInnerTexts(), ['Nguyễn Thị Thu Hà'])

  // The header's box: results grouped by kind, each a link to its page.
  await page.goto(`${env.url}/units`)
  const box = page.getByRole('search', { name: 'Tìm kiếm' }).getByLabel('Tìm kiếm')
  await box.fill('nguyen thi thu ha')
  const results = page.getByTestId('global-search-results').first()
  const people = results.getByRole('group', { name: 'Cá nhân' })
  await people.getByRole('link', { name: /Nguyễn Thị Thu Hà/ }).waitFor()
  await settle(page)
  await screenshot(page, 'search-header')
  await people.getByRole('link', { name: /Nguyễn Thị Thu Hà/ }).click()
  await drawer('Nguyễn Thị Thu Hà').waitFor()
  await page.waitForURL(/\/people\/\d+/)
  await page.keyboard.press('Escape')
  await drawer('Nguyễn Thị Thu Hà').waitFor({ state: 'hidden' })
  await page.waitForURL((u) => u.pathname === '/people')

  // Organisations and units too.
  await box.fill('to dan van so 3')
  await results.getByRole('group', { name: 'Tổ chức' }).getByRole('link', { name: /Tổ dân vận số 3.*Phường Hoàn Kiếm/ }).click()
  await page.getByTestId('org-detail').getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await page.getByTestId('org-unit').getByText('Phường Hoàn Kiếm').waitFor()
  await box.fill('ly thai to')
  await results.getByRole('group', { name: 'Đơn vị hành chính' }).getByRole('link', { name: /Phường Lý Thái Tổ/ }).click()
  await page.getByTestId('unit-detail').getByRole('heading', { level: 2, name: 'Phường Lý Thái Tổ' }).waitFor()

  // On a phone: an icon opens the box.
  await page.setViewportSize(PHONE)
  await page.goto(`${env.url}/people`)
  await table().waitFor()
  await fitsWidth()
  await screenshot(page, 'mobile-people')
  await page.getByRole('button', { name: 'Mở ô tìm kiếm' }).click()
  const searchDialog = page.getByRole('dialog', { name: 'Tìm kiếm' })
  await searchDialog.waitFor()
  await searchDialog.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('nguyen thi thu ha')
  await searchDialog.getByRole('link', { name: /Nguyễn Thị Thu Hà/ }).waitFor()
  await settle(page)
  await screenshot(page, 'mobile-search')
  await searchDialog.getByRole('link', { name: /Nguyễn Thị Thu Hà/ }).click()
  const her = drawer('Nguyễn Thị Thu Hà')
  await her.getByTestId('person-memberships').waitFor()
  await settle(page)
  await fitsWidth()
  await screenshot(page, 'mobile-person')
  await page.keyboard.press('Escape')
  await her.waitFor({ state: 'hidden' })
  await page.setViewportSize(DESKTOP)
})

const CSV_HEADER = 'full_name,birth_year,gender,phone,email,address,organisation_id,title,from'

test('a CSV with one bad row: the dry run names its line and column and writes nothing; skipping it writes the rest', async () => {
  await page.goto(`${env.url}/people`)
  await page.getByRole('link', { name: 'Nhập từ tệp CSV' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Nhập danh sách cá nhân từ tệp CSV' }).waitFor()
  await page.getByTestId('import-unit').getByText('Phường Lý Thái Tổ').waitFor()
  // The sample file is made in the browser.
  const sample = page.getByRole('link', { name: 'Tải tệp mẫu' })
  assert.equal(await sample.getAttribute('download'), 'danvan-mau-nhap-ca-nhan.csv')
  const [download] = await Promise.all([page.waitForEvent('download'), sample.click()])
  const sampleText = (await (await import('node:fs')).promises.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '')
  assert.equal(sampleText.split('\r\n')[0], CSV_HEADER)
  assert.match(sampleText, /Nguyễn Thị Lan,1978,female/)

  const csv = [
    CSV_HEADER,
    'Phạm Thị Thanh Xuân,1982,female,0987654321,,"Số 3 phố Hàng Khay, Hoàn Kiếm",18,Thành viên,13/10/2022',
    'Vũ Văn Sơn,19x0,male,,,,,,',
    'Đinh Thị Mai Anh,1995,female,,mai.anh@example.vn,,,,',
  ].join('\n') + '\n'
  assert.equal((await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).isDisabled()), true)
  await page.getByTestId('csv-file').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByTestId('csv-chosen').getByText('Đã chọn: danh-sach.csv (3 dòng dữ liệu)').waitFor()

  await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click()
  const report = page.getByTestId('import-report')
  await report.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor()
  await report.getByText('Đây là chạy thử: chưa ghi gì vào hệ thống.').waitFor()
  const issues = report.getByTestId('import-issues')
  const issue = issues.getByRole('row').filter({ hasText: 'birth_year' })
  assert.match(await issue.innerText(), /^3\s+birth_year\s+Năm sinh phải là số: "19x0"$/)
  assert.equal(await issues.locator('tbody tr').count(), 1)
  assert.match(await report.getByTestId('import-counts').innerText(), /Số dòng\s*3\s*Dòng hợp lệ\s*2\s*Dòng có lỗi\s*1\s*Đã ghi\s*0/)
  // Importing all needs every row valid; nothing was written.
  assert.equal(await page.getByRole('button', { name: 'Nhập tất cả' }).isDisabled(), true)
  assert.equal((await peopleOfWard('pham thi thanh xuan')).length, 0)
  await settle(page)
  await screenshot(page, 'import-dry-run')

  await page.getByRole('button', { name: 'Bỏ qua dòng lỗi và nhập' }).click()
  await report.getByRole('heading', { name: 'Kết quả nhập' }).waitFor()
  await report.getByText('Đã nhập 2 người.').waitFor()
  assert.deepEqual(await report.getByTestId('written-names').getByRole('listitem').allInnerTexts(),
    ['Phạm Thị Thanh Xuân', 'Đinh Thị Mai Anh'])
  await settle(page)
  await screenshot(page, 'import-written')
  const xuan = await peopleOfWard('pham thi thanh xuan')
  assert.equal(xuan.length, 1)
  assert.equal(xuan[0].address, 'Số 3 phố Hàng Khay, Hoàn Kiếm')
  assert.deepEqual(xuan[0].memberships.map((m) => m.organisation_name), ['Tổ dân vận số 3'])
  assert.equal((await peopleOfWard('vu van son')).length, 0)
  assert.equal((await peopleOfWard('dinh thi mai anh')).length, 1)

  await page.setViewportSize(PHONE)
  await settle(page)
  await fitsWidth()
  await screenshot(page, 'mobile-import')
  await page.setViewportSize(DESKTOP)
})

test('an Excel workbook with Vietnamese headings: the dry run names the sheet row, skipping it writes the rest', async () => {
  await page.goto(`${env.url}/people/import`)
  await page.getByRole('heading', { level: 1, name: 'Nhập danh sách cá nhân từ tệp CSV hoặc Excel' }).waitFor()
  await page.getByTestId('import-unit').getByText('Phường Lý Thái Tổ').waitFor()
  const xlsx = makeXlsx([
    ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Tổ chức', 'Chức danh', 'Từ ngày'],
    [1, 'Hoàng Thị Bích Ngọc', 1988, 'Nữ', 'Tổ dân vận số 3', 'Tổ viên', { date: '2022-11-20' }],
    [2, 'Kim Văn Lực', 'bốn', 'Nam', null, null, null],
    [3, 'Tống Văn Hải', '1959', 'Nam', null, null, null],
  ])
  await page.getByTestId('csv-file').setInputFiles({ name: 'danh-sach.xlsx', mimeType: XLSX_TYPE, buffer: xlsx })
  await page.getByTestId('csv-chosen').getByText('Đã chọn: danh-sach.xlsx (bảng tính Excel)').waitFor()
  await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click()
  const report = page.getByTestId('import-report')
  await report.getByText('Đây là chạy thử: chưa ghi gì vào hệ thống.').waitFor()
  const issues = report.getByTestId('import-issues')
  assert.match(await issues.getByRole('row').filter({ hasText: 'birth_year' }).innerText(), /^3\s+birth_year\s+Năm sinh phải là số: "bốn"$/)
  assert.equal(await issues.locator('tbody tr').count(), 1)
  assert.match(await report.getByTestId('import-counts').innerText(), /Số dòng\s*3\s*Dòng hợp lệ\s*2\s*Dòng có lỗi\s*1\s*Đã ghi\s*0/)
  assert.equal((await peopleOfWard('hoang thi bich ngoc')).length, 0)

  await page.getByRole('button', { name: 'Bỏ qua dòng lỗi và nhập' }).click()
  await report.getByText('Đã nhập 2 người.').waitFor()
  assert.deepEqual(await report.getByTestId('written-names').getByRole('listitem').allInnerTexts(),
    ['Hoàng Thị Bích Ngọc', 'Tống Văn Hải'])
  const ngoc = await peopleOfWard('hoang thi bich ngoc')
  assert.equal(ngoc.length, 1)
  assert.deepEqual(ngoc[0].memberships.map((m) => [m.organisation_name, m.title, m.valid_from]),
    [['Tổ dân vận số 3', 'Tổ viên', '2022-11-20']])
  assert.equal((await peopleOfWard('kim van luc')).length, 0)
  await settle(page)
  await screenshot(page, 'import-xlsx-written')
})

test('a viewer finds her too, but not her phone number; log out', async () => {
  await logOut(page)
  await logIn(page, env.url, demoUser('xem.lythaito'))
  await page.goto(`${env.url}/people`)
  await page.getByLabel('Tìm theo họ tên').fill('nguyen thi thu ha')
  await page.getByTestId('people-count').getByText('1 người', { exact: true }).waitFor()
  assert.equal(await table().getByRole('columnheader', { name: 'Số điện thoại' }).count(), 0)
  assert.doesNotMatch(await table().innerText(), /0912/)
  assert.equal(await page.getByRole('button', { name: 'Thêm cá nhân' }).count(), 0)

  await table().getByRole('link', { name: 'Nguyễn Thị Thu Hà' }).click()
  const her = drawer('Nguyễn Thị Thu Hà')
  await her.getByTestId('person-memberships').waitFor()
  await her.getByTestId('personal-hidden').waitFor()
  assert.equal(await her.getByTestId('person-phone').count(), 0)
  assert.doesNotMatch(await her.innerText(), /0912|1975/)
  assert.equal(await her.getByRole('button', { name: 'Sửa thông tin' }).count(), 0)
  assert.equal(await her.getByTestId('add-membership').count(), 0)
  await settle(page)
  await screenshot(page, 'people-viewer')
  // The API agrees: the keys are absent.
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  const person = await (await page.request.get(`${env.url}/api/v1/people/${id}`)).json()
  assert.equal('phone' in person, false)
  await page.keyboard.press('Escape')
  await her.waitFor({ state: 'hidden' })

  // The import page is not in a viewer's menu.
  assert.equal(await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhập từ tệp CSV' }).count(), 0)
  await logOut(page)
  assert.equal((await page.request.get(`${env.url}/api/v1/me`)).status(), 401)
  assert.deepEqual(env.pageErrors, [])
})
