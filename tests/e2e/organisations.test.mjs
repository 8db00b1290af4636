// Organisations of the demo ward (danvan seed demo): the Lý Thái Tổ tree as of 13/10/2022, Tổ dân vận số 3 that
// moved to Phường Hoàn Kiếm on 01/07/2025, a unit admin adding an organisation and merging it into another, and
// importing organisations from the workbook an office keeps (title rows above the table).

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { demoUser, logIn, logOut, screenshot, settle, setUp } from './support.mjs'
import { makeXlsx, XLSX_TYPE } from '../http/support.mjs' // standalone: allowed (tests/http, inside the checkout)

const PHONE = { width: 360, height: 740 }
let env
let page
before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await logIn(page, env.url, demoUser('canbo.lythaito'))
})
after(async () => { await env?.tearDown() })

const tree = () => page.getByTestId('org-tree')
const node = (name) => tree().locator('.el-tree-node__content', { hasText: name })
const detail = () => page.getByTestId('org-detail')

/** Types a date into an Element Plus date picker. */
async function setDate(label, dmy) {
  const input = page.getByLabel(label, { exact: true })
  await input.click()
  await input.fill(dmy)
  await input.press('Enter')
  await page.keyboard.press('Escape')
}

test('the Lý Thái Tổ organisation tree as of 13/10/2022', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ chức' }).click()
  await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor()
  // The user's unit is chosen for them (the unit of their grant).
  await page.getByTestId('org-unit').getByText('Phường Lý Thái Tổ').waitFor()

  await setDate('Tính đến ngày', '13/10/2022')
  await page.getByRole('heading', { level: 2, name: 'Tổ chức của Phường Lý Thái Tổ tính đến ngày 13/10/2022' }).waitFor()
  await page.waitForURL(/as_of=2022-10-13/)
  await node('Ủy ban nhân dân phường Lý Thái Tổ').waitFor()

  // Vietnamese order at the top level: Đ after D, Ủ last. The ward's police answers residents' security concerns.
  const top = await tree().locator(':scope > .el-tree-node > .el-tree-node__content .node-name').allInnerTexts()
  assert.deepEqual(top, [
    'Công an phường Lý Thái Tổ',
    'Đảng ủy phường Lý Thái Tổ',
    'Tổ dân phố số 1', 'Tổ dân phố số 2', 'Tổ dân phố số 3', 'Tổ dân phố số 4',
    'Trường Tiểu học Tràng An',
    'Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ',
    'Ủy ban nhân dân phường Lý Thái Tổ',
  ])
  // Organisations that ended later say so, with the date.
  assert.match(await node('Đảng ủy phường Lý Thái Tổ').innerText(), /Đã sáp nhập từ 01\/07\/2025/)
  assert.match(await node('Ủy ban nhân dân phường Lý Thái Tổ').innerText(), /Đã giải thể từ 01\/07\/2025/)

  // The Party committee and its cells.
  await node('Đảng ủy phường Lý Thái Tổ').click()
  await node('Chi bộ khu dân cư số 1').waitFor()
  await node('Chi bộ cơ quan phường').waitFor()
  await detail().getByRole('heading', { name: 'Đảng ủy phường Lý Thái Tổ' }).waitFor()
  await detail().getByText('Nguyễn Văn Dũng').waitFor()

  // The Fatherland Front and the organisations under it.
  await node('Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ').click()
  for (const name of ['Hội Liên hiệp Phụ nữ phường Lý Thái Tổ', 'Đoàn Thanh niên phường Lý Thái Tổ',
    'Tổ dân vận số 1', 'Tổ dân vận số 2', 'Tổ dân vận số 3', 'Tổ dân vận số 4', 'Tổ dân vận số 5']) {
    await node(name).waitFor()
  }
  assert.match(await node('Tổ dân vận số 3').innerText(), /Đã chuyển từ 01\/07\/2025/)
  await node('Tổ dân vận số 3').click()

  // Tổ dân vận số 3: part of the Front, moved to Phường Hoàn Kiếm on 01/07/2025; its members with their titles.
  await detail().getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await page.waitForURL(/org=18/)
  assert.match(await detail().locator('.title-row').innerText(), /Đã chuyển/)
  await detail().getByRole('link', { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ' }).waitFor()
  assert.equal(await detail().getByTestId('org-valid-from').innerText(), '01/01/2015')
  assert.equal(await detail().getByTestId('org-valid-to').innerText(), '01/07/2025')
  const fate = detail().getByTestId('org-fate')
  assert.match(await fate.innerText(), /Đã chuyển sang Phường Hoàn Kiếm từ ngày 01\/07\/2025/)
  const members = detail().getByTestId('org-members')
  assert.match(await members.getByRole('row').filter({ hasText: 'Trần Thị Hồng Minh' }).innerText(), /Tổ trưởng/)
  assert.match(await members.getByRole('row').filter({ hasText: 'Lê Văn Đức' }).innerText(), /Thành viên/)
  await settle(page)
  await screenshot(page, 'organisations-2022')

  // The view survives a reload.
  await page.reload()
  await detail().getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await page.getByRole('heading', { level: 2, name: 'Tổ chức của Phường Lý Thái Tổ tính đến ngày 13/10/2022' }).waitFor()

  // What it became: the team of Phường Hoàn Kiếm, from 01/07/2025.
  await detail().getByTestId('successor-link').click()
  await page.getByRole('heading', { level: 2, name: 'Tổ chức của Phường Hoàn Kiếm tính đến ngày 01/07/2025' }).waitFor()
  await page.getByTestId('org-unit').getByText('Phường Hoàn Kiếm').waitFor()
  await detail().getByTestId('org-valid-from').getByText('01/07/2025').waitFor()
  assert.match(await detail().locator('.title-row').innerText(), /Đang hoạt động/)
  await node('Tổ dân vận số 3').waitFor()
})

test('a unit admin adds an organisation under the Front and merges it into another', async () => {
  await page.goto(`${env.url}/organisations?unit=3&as_of=2022-10-13`)
  await node('Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ').click()
  await detail().getByRole('heading', { level: 2, name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ' }).waitFor()
  await detail().getByRole('button', { name: 'Thêm tổ chức trực thuộc' }).click()

  const dialog = page.getByRole('dialog', { name: 'Thêm tổ chức' })
  await dialog.waitFor()
  // Nothing chosen: the form says what is missing.
  await dialog.getByRole('button', { name: 'Thêm tổ chức' }).click()
  await dialog.getByText('Hãy chọn loại tổ chức.').waitFor()
  await dialog.getByText('Hãy nhập tên tổ chức.').waitFor()

  await dialog.getByTestId('org-kind').click()
  await page.getByRole('option', { name: 'Tổ dân vận', exact: true }).click()
  await dialog.getByLabel('Tên tổ chức').fill('Tổ dân vận số 6')
  // The parent is the organisation it was added from; the date is the page's.
  await dialog.getByTestId('org-parent').getByText('Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ').waitFor()
  assert.equal(await dialog.getByLabel('Hoạt động từ ngày').inputValue(), '13/10/2022')
  await settle(page)
  await screenshot(page, 'organisations-create')
  await dialog.getByRole('button', { name: 'Thêm tổ chức' }).click()
  await dialog.waitFor({ state: 'hidden' })

  await detail().getByRole('heading', { level: 2, name: 'Tổ dân vận số 6' }).waitFor()
  await node('Tổ dân vận số 6').waitFor()
  assert.match(await detail().getByTestId('org-fate').innerText(), /Tổ chức đang hoạt động/)

  // Merged into Tổ dân vận số 5 from 01/01/2024.
  await detail().getByRole('button', { name: 'Kết thúc hoạt động' }).click()
  const end = page.getByRole('dialog', { name: 'Kết thúc hoạt động: Tổ dân vận số 6' })
  await end.waitFor()
  await end.getByText('Sáp nhập vào tổ chức khác').click()
  await end.getByRole('button', { name: 'Xác nhận' }).click()
  await end.getByText('Hãy chọn nơi đến.').waitFor()
  await end.getByTestId('end-successor').click()
  await end.getByRole('combobox', { name: 'Sáp nhập vào tổ chức' }).pressSequentially('to dan van so 5', { delay: 20 })
  await page.getByRole('option', { name: /Tổ dân vận số 5/ }).click()
  const date = end.getByLabel('Từ ngày', { exact: true })
  await date.click()
  await date.fill('01/01/2024')
  await date.press('Enter')
  await settle(page)
  await screenshot(page, 'organisations-end')
  await end.getByRole('button', { name: 'Xác nhận' }).click()
  await end.waitFor({ state: 'hidden' })

  await detail().locator('.title-row').getByText('Đã sáp nhập').waitFor()
  assert.match(await detail().getByTestId('org-fate').innerText(), /Đã sáp nhập từ ngày 01\/01\/2024 vào:\s*→?\s*Tổ dân vận số 5/)
  const api = await (await page.request.get(`${env.url}/api/v1/organisations?unit_id=3&q=to%20dan%20van%20so%206`)).json()
  assert.equal(api.items.length, 1)
  assert.equal(api.items[0].status, 'merged')
  assert.equal(api.items[0].valid_to, '2024-01-01')
})

test('the organisations page on a 360 px phone', async () => {
  await page.setViewportSize(PHONE)
  await page.goto(`${env.url}/organisations?unit=3&as_of=2022-10-13&org=18`)
  await detail().getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  // The way to it is opened in the tree.
  await node('Tổ dân vận số 3').waitFor()
  await settle(page, 800)
  const widest = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(widest <= PHONE.width, `the page is ${widest} px wide on a ${PHONE.width} px screen`)
  await screenshot(page, 'mobile-organisations')
  await page.setViewportSize({ width: 1280, height: 800 })
})

test('the officer imports organisations from an office workbook: its title rows, a parent from a row above, a bad kind by its row', async () => {
  await page.goto(`${env.url}/organisations`)
  await page.getByTestId('import-orgs').click()
  await page.getByRole('heading', { level: 1, name: 'Nhập danh sách tổ chức từ tệp CSV hoặc Excel' }).waitFor()
  await page.getByTestId('import-unit').getByText('Phường Lý Thái Tổ').waitFor()
  const front = 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ'
  const xlsx = makeXlsx([
    ['ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG LÝ THÁI TỔ'],
    ['DANH SÁCH TỔ DÂN VẬN THÀNH LẬP NĂM 2022'],
    ['STT', 'Tên tổ chức', 'Loại tổ chức', 'Tổ chức cấp trên', 'Từ ngày'],
    [1, 'Tổ dân vận khu tập thể Lò Đúc', 'Tổ dân vận', front, { date: '2022-09-01' }],
    [2, 'Nhóm tình nguyện Phố cổ', 'Câu lạc bộ bay', front, '01/09/2022'],
    [3, 'Tổ tự quản nhà B khu tập thể Lò Đúc', 'Tổ dân vận', 'Tổ dân vận khu tập thể Lò Đúc', '15/09/2022'],
  ])
  await page.getByTestId('csv-file').setInputFiles({ name: 'to-dan-van-2022.xlsx', mimeType: XLSX_TYPE, buffer: xlsx })
  await page.getByTestId('csv-chosen').getByText('Đã chọn: to-dan-van-2022.xlsx (bảng tính Excel)').waitFor()
  await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click()
  const report = page.getByTestId('import-report')
  await report.getByText('Đây là chạy thử: chưa ghi gì vào hệ thống.').waitFor()
  const issues = report.getByTestId('import-issues')
  assert.equal(await issues.locator('tbody tr').count(), 1, await issues.innerText())
  assert.match(await issues.locator('tbody tr').first().innerText(), /^5\s+kind\s+.*Câu lạc bộ bay/, 'the sheet\'s own row 5, under the title rows')
  assert.match(await report.getByTestId('import-counts').innerText(), /Số dòng\s*3\s*Dòng hợp lệ\s*2\s*Dòng có lỗi\s*1\s*Đã ghi\s*0/)

  await page.getByRole('button', { name: 'Bỏ qua dòng lỗi và nhập' }).click()
  await report.getByText('Đã nhập 2 tổ chức.').waitFor()
  assert.deepEqual(await report.getByTestId('written-names').getByRole('listitem').allInnerTexts(),
    ['Tổ dân vận khu tập thể Lò Đúc', 'Tổ tự quản nhà B khu tập thể Lò Đúc'])
  const named = async (q) => (await (await page.request.get(`${env.url}/api/v1/organisations?unit_id=3&q=${encodeURIComponent(q)}`)).json()).items
  const [loDuc] = await named('to dan van khu tap the lo duc')
  const [houseB] = await named('to tu quan nha b')
  const [frontOrg] = (await named('uy ban mat tran to quoc')).filter((o) => o.name === front)
  assert.deepEqual([loDuc?.parent_id, loDuc?.valid_from], [frontOrg.id, '2022-09-01'], 'an Excel date')
  assert.deepEqual([houseB?.parent_id, houseB?.valid_from], [loDuc.id, '2022-09-15'], 'its parent is the row above')
  assert.equal((await named('nhom tinh nguyen pho co')).length, 0, 'the bad row is not written')
  await settle(page)
  await screenshot(page, 'import-organisations-written')
})

test('a viewer sees the tree and the members, but may not change anything; log out', async () => {
  await logOut(page)
  await logIn(page, env.url, demoUser('xem.lythaito'))
  await page.goto(`${env.url}/organisations?as_of=2022-10-13&org=18`)
  await detail().getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await detail().getByTestId('org-members').getByText('Trần Thị Hồng Minh').waitFor()
  assert.equal(await page.getByRole('button', { name: 'Thêm tổ chức' }).count(), 0)
  assert.equal(await detail().getByRole('button', { name: 'Kết thúc hoạt động' }).count(), 0)
  await logOut(page)
  assert.deepEqual(env.pageErrors, [])
})
