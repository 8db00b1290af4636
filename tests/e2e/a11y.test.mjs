// axe-core on the log-in, units, users and tokens pages, and on the organisations, people (drawer open) and import
// pages of the demo ward (Vietnamese, desktop and phone): no serious or critical violation.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { axeViolations, demoUser, logIn, screenshot, settle, setUp } from './support.mjs'

let env
let page
// The organisations and people pages need the demo ward (danvan seed demo): a second server.
let demo
before(async () => {
  env = await setUp()
  page = await env.newPage()
})
after(async () => {
  await env?.tearDown()
  await demo?.tearDown()
})

async function check(name, on = page) {
  await settle(on)
  const violations = await axeViolations(on)
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 2)}`)
}

test('log-in page, empty and with an error', async () => {
  await page.goto(`${env.url}/login`)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi')
  await check('login')
  await page.getByLabel('Tên đăng nhập').fill('admin')
  await page.getByLabel('Mật khẩu', { exact: true }).fill('sai')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByTestId('login-error').waitFor()
  await check('login with error')
})

test('units page with the 2022 tree open and a unit selected', async () => {
  await logIn(page, env.url)
  await page.goto(`${env.url}/units?as_of=2022-10-13&unit=3`)
  await page.getByTestId('unit-tree').locator('.el-tree-node__content', { hasText: 'Quận Hoàn Kiếm' }).click()
  await page.getByTestId('unit-tree').locator('.el-tree-node__content', { hasText: 'Phường Lý Thái Tổ' }).click()
  await page.getByTestId('successors').waitFor()
  await check('units')
  await page.getByLabel('Tìm đơn vị').fill('hoan kiem')
  await page.getByTestId('search-results').getByRole('button').first().waitFor()
  await check('units search')
})

test('users page and its creation dialog', async () => {
  await page.goto(`${env.url}/users`)
  await page.getByTestId('users-table').waitFor()
  await check('users')
  await page.getByRole('button', { name: 'Thêm người dùng' }).click()
  await page.getByRole('dialog', { name: 'Thêm người dùng' }).waitFor()
  await check('users dialog')
  await page.keyboard.press('Escape')
})

test('tokens page with a fresh token', async () => {
  await page.goto(`${env.url}/tokens`)
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor()
  await check('tokens empty')
  await page.getByLabel('Tên gợi nhớ').fill('Kiểm tra')
  await page.getByRole('button', { name: 'Cấp mã' }).click()
  await page.getByTestId('fresh-token').waitFor()
  await check('tokens')
  await screenshot(page, 'a11y-tokens')
})

test('the phone layout with the menu open', async () => {
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto(`${env.url}/units`)
  await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor()
  await check('units on a phone')
  await page.getByRole('button', { name: 'Mở trình đơn' }).click()
  await page.getByRole('dialog', { name: 'danvan' }).waitFor()
  await check('menu on a phone')
  assert.deepEqual(env.pageErrors, [])
})

test('organisations page of the demo ward: the 2022 tree, Tổ dân vận số 3 open, its dialogs', async () => {
  demo = await setUp({ demo: true })
  const p = await demo.newPage()
  await logIn(p, demo.url, demoUser('canbo.lythaito'))
  await p.goto(`${demo.url}/organisations?unit=3&as_of=2022-10-13&org=18`)
  await p.getByTestId('org-detail').getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await p.getByTestId('org-tree').locator('.el-tree-node__content', { hasText: 'Tổ dân vận số 3' }).waitFor()
  await p.getByTestId('org-members').waitFor()
  await check('organisations', p)
  await p.getByRole('button', { name: 'Thêm tổ chức', exact: true }).click()
  const create = p.getByRole('dialog', { name: 'Thêm tổ chức' })
  await create.waitFor()
  await create.getByRole('button', { name: 'Thêm tổ chức' }).click()
  await create.getByText('Hãy chọn loại tổ chức.').waitFor()
  await check('organisations: create dialog with errors', p)
  await p.keyboard.press('Escape')
  await create.waitFor({ state: 'hidden' })
  await p.goto(`${demo.url}/organisations?unit=3&as_of=2022-10-13&org=16`)
  await p.getByTestId('org-detail').getByRole('heading', { level: 2, name: 'Tổ dân vận số 1' }).waitFor()
  await p.getByRole('button', { name: 'Kết thúc hoạt động' }).click()
  const end = p.getByRole('dialog', { name: /Kết thúc hoạt động/ })
  await end.waitFor()
  await end.getByText('Sáp nhập vào tổ chức khác').click()
  await check('organisations: end dialog', p)
  await p.keyboard.press('Escape')
  await p.close()
})

test('people page of the demo ward: the list, a person in the drawer, the add dialog, the header search', async () => {
  const p = await demo.newPage()
  await p.goto(`${demo.url}/people`)
  await p.getByTestId('people-table').waitFor()
  await check('people', p)
  await p.getByTestId('people-table').getByRole('link', { name: 'Trần Thị Hồng Minh' }).click()
  const drawer = p.getByRole('dialog', { name: 'Trần Thị Hồng Minh' })
  await drawer.getByTestId('person-memberships').waitFor()
  await check('people: drawer open', p)
  await drawer.getByRole('button', { name: 'Sửa thông tin' }).click()
  await drawer.getByLabel('Số điện thoại').fill('không có')
  await drawer.getByRole('button', { name: 'Lưu' }).click()
  await drawer.getByText('Số điện thoại không hợp lệ.').waitFor()
  await drawer.getByRole('button', { name: 'Kết thúc chức danh Tổ trưởng ở Tổ dân vận số 3' }).click()
  await drawer.getByTestId('end-membership-box').waitFor()
  await check('people: drawer editing, with an error', p)
  await screenshot(p, 'a11y-person-drawer')
  await p.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })

  await p.getByRole('button', { name: 'Thêm cá nhân' }).click()
  const add = p.getByRole('dialog', { name: 'Thêm cá nhân' })
  await add.waitFor()
  await add.getByRole('button', { name: 'Thêm', exact: true }).click()
  await add.getByText('Hãy nhập họ và tên.').waitFor()
  await check('people: add dialog with an error', p)
  await p.keyboard.press('Escape')
  await add.waitFor({ state: 'hidden' })

  await p.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('ly thai to')
  await p.getByTestId('global-search-results').first().getByRole('link').first().waitFor()
  await check('header search with results', p)
  await p.close()
})

test('import page of the demo ward: a dry run with a problem, then the written rows', async () => {
  const p = await demo.newPage()
  await p.goto(`${demo.url}/people/import`)
  await p.getByRole('heading', { level: 1, name: 'Nhập danh sách cá nhân từ tệp CSV' }).waitFor()
  await check('import', p)
  const csv = 'full_name,birth_year\nHà Thị Kiểm Tra,1970\nSai Năm Sinh,19x0\n'
  await p.getByTestId('csv-file').setInputFiles({ name: 'kiem-tra.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await p.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click()
  await p.getByTestId('import-issues').waitFor()
  await check('import: dry run', p)
  await p.getByRole('button', { name: 'Bỏ qua dòng lỗi và nhập' }).click()
  await p.getByTestId('import-written').waitFor()
  await check('import: written', p)
  await p.close()
})

test('the demo ward\'s pages on a phone: organisations, a person, the search drawer', async () => {
  const p = await demo.newPage()
  await p.setViewportSize({ width: 360, height: 740 })
  await p.goto(`${demo.url}/organisations?unit=3&as_of=2022-10-13&org=18`)
  await p.getByTestId('org-detail').getByRole('heading', { level: 2, name: 'Tổ dân vận số 3' }).waitFor()
  await check('organisations on a phone', p)
  await p.goto(`${demo.url}/people/5`)
  await p.getByRole('dialog', { name: 'Trần Thị Hồng Minh' }).getByTestId('person-memberships').waitFor()
  await check('person on a phone', p)
  await p.goto(`${demo.url}/people/import`)
  await p.getByRole('heading', { level: 1, name: 'Nhập danh sách cá nhân từ tệp CSV' }).waitFor()
  await check('import on a phone', p)
  await p.getByRole('button', { name: 'Mở ô tìm kiếm' }).click()
  const search = p.getByRole('dialog', { name: 'Tìm kiếm' })
  await search.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('to dan van')
  await search.getByRole('link').first().waitFor()
  await check('search drawer on a phone', p)
  await p.close()
  assert.deepEqual(demo.pageErrors, [])
})

