// A 360 × 740 phone: the log-in and units pages fit the width, and the menu is reachable from a button.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { logIn, screenshot, settle, setUp } from './support.mjs'

const PHONE = { width: 360, height: 740 }
let env
let page
before(async () => {
  env = await setUp({ viewport: PHONE })
  page = await env.newPage()
})
after(async () => { await env?.tearDown() })

/** Nothing sticks out sideways. */
async function assertFitsWidth() {
  const widest = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(widest <= PHONE.width, `the page is ${widest} px wide on a ${PHONE.width} px screen`)
}

test('the log-in page fits a 360 px phone', async () => {
  await page.goto(`${env.url}/login`)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await assertFitsWidth()
  const box = await page.getByRole('button', { name: 'Đăng nhập' }).boundingBox()
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width && box.height >= 36, `button at ${JSON.stringify(box)}`)
  await screenshot(page, 'mobile-login')
})

test('the units page fits, and the menu opens from the button and leads to other pages', async () => {
  await logIn(page, env.url)
  // Signed in, staff land on their home; the units are one link away.
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor()
  await page.goto(`${env.url}/units`)
  await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor()
  // The side menu is hidden on a phone; the menu button is there instead.
  assert.equal(await page.locator('nav.sidebar').isVisible(), false)
  const menu = page.getByRole('button', { name: 'Mở trình đơn' })
  assert.ok(await menu.isVisible())

  await page.goto(`${env.url}/units?as_of=2022-10-13`)
  await page.getByRole('heading', { level: 2, name: 'Cây đơn vị tính đến ngày 13/10/2022' }).waitFor()
  const district = page.getByTestId('unit-tree').locator('.el-tree-node__content', { hasText: 'Quận Hoàn Kiếm' })
  await district.click()
  await page.getByTestId('unit-tree').locator('.el-tree-node__content', { hasText: 'Phường Lý Thái Tổ' }).click()
  await page.getByTestId('successors').waitFor()
  await settle(page, 800)
  await assertFitsWidth()
  await screenshot(page, 'mobile-units')

  await menu.click()
  const drawer = page.getByRole('dialog', { name: 'danvan' })
  await drawer.waitFor()
  await settle(page)
  await screenshot(page, 'mobile-menu')
  assert.equal(await menu.getAttribute('aria-expanded'), 'true')
  for (const name of ['Đơn vị hành chính', 'Người dùng', 'Mã truy cập API', 'Tài khoản']) {
    assert.ok(await drawer.getByRole('link', { name }).isVisible(), `${name} in the menu`)
  }
  await drawer.getByRole('link', { name: 'Mã truy cập API' }).click()
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor()
  await drawer.waitFor({ state: 'hidden' })
  await assertFitsWidth()
  await screenshot(page, 'mobile-tokens')

  // Log out is reachable too, as an icon button with a name.
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.waitForURL(/\/login/)
  assert.deepEqual(env.pageErrors, [])
})
