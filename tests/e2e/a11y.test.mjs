// axe-core on the log-in, units, users and tokens pages (Vietnamese, desktop and phone): no serious or
// critical violation.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { axeViolations, logIn, screenshot, settle, setUp } from './support.mjs'

let env
let page
before(async () => {
  env = await setUp()
  page = await env.newPage()
})
after(async () => { await env?.tearDown() })

async function check(name) {
  await settle(page)
  const violations = await axeViolations(page)
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
