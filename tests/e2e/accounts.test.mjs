// Users with role grants, API tokens issued once and revoked, and changing one's password.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { ADMIN, logIn, screenshot, settle, setUp } from './support.mjs'

let env
let page
before(async () => {
  env = await setUp()
  page = await env.newPage()
  await logIn(page, env.url)
})
after(async () => { await env?.tearDown() })

test('an admin creates a user who is mobilization officer of Phường Lý Thái Tổ', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Người dùng' }).click()
  await page.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor()
  await page.getByTestId('users-table').getByText('Quản trị hệ thống').waitFor()

  await page.getByRole('button', { name: 'Thêm người dùng' }).click()
  const dialog = page.getByRole('dialog', { name: 'Thêm người dùng' })
  await dialog.waitFor()
  // Nothing filled in: the form says so and sends nothing.
  await dialog.getByRole('button', { name: 'Tạo người dùng' }).click()
  await dialog.getByText('Hãy nhập tên đăng nhập.').waitFor()

  await dialog.getByLabel('Tên đăng nhập').fill('canbo.lythaito')
  await dialog.getByLabel('Họ và tên').fill('Trần Thị Bích Ngọc')
  // Element Plus's select: its visible box takes the click, its input has the label.
  await dialog.getByTestId('grant-role').click()
  await page.getByRole('option', { name: 'Người xem' }).click()
  await dialog.getByTestId('grant-role').click()
  await page.getByRole('option', { name: 'Cán bộ dân vận (quản trị đơn vị)' }).click()
  assert.equal(await dialog.getByLabel('Vai trò', { exact: true }).count(), 1)
  // A role needs a unit.
  await dialog.getByRole('button', { name: 'Tạo người dùng' }).click()
  await dialog.getByText('Vai trò này cần một đơn vị.').waitFor()

  await dialog.getByTestId('grant-unit').click()
  await dialog.getByLabel('Đơn vị', { exact: true }).pressSequentially('ly thai to', { delay: 20 })
  await page.getByRole('option', { name: /Phường Lý Thái Tổ/ }).click()
  await settle(page)
  await screenshot(page, 'users-create-dialog')
  await dialog.getByRole('button', { name: 'Tạo người dùng' }).click()

  // No password given: the generated one is shown once.
  const shown = page.getByRole('dialog', { name: 'Mật khẩu được tạo cho canbo.lythaito' })
  await shown.waitFor()
  const generated = await shown.getByLabel('Mật khẩu').inputValue()
  assert.ok(generated.length >= 8, 'a generated password is shown')
  await shown.locator('.el-dialog__footer').getByRole('button', { name: 'Đóng' }).click()
  await shown.waitFor({ state: 'hidden' })

  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'canbo.lythaito' })
  await row.waitFor()
  assert.match(await row.innerText(), /Trần Thị Bích Ngọc/)
  assert.match(await row.innerText(), /Cán bộ dân vận \(quản trị đơn vị\) — Phường Lý Thái Tổ/)
  await screenshot(page, 'users-list')

  // The server holds the grant, and the new user can log in with the password shown.
  const users = await (await page.request.get(`${env.url}/api/v1/users`)).json()
  const created = users.items.find((u) => u.username === 'canbo.lythaito')
  assert.equal(created.grants.length, 1)
  assert.equal(created.grants[0].role, 'unit_admin')
  const ward = await (await page.request.get(`${env.url}/api/v1/units/${created.grants[0].unit_id}`)).json()
  assert.equal(ward.name, 'Phường Lý Thái Tổ')
  const other = await fetch(`${env.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'canbo.lythaito', password: generated }),
  })
  assert.equal(other.status, 200)
})

test('a token is issued, shown once with a copy button, and revoked', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Mã truy cập API' }).click()
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor()
  await page.getByText('Chưa có mã nào.').waitFor()

  await page.getByLabel('Tên gợi nhớ').fill('Cổng Open311 của phường')
  await page.getByRole('button', { name: 'Cấp mã' }).click()
  const fresh = page.getByTestId('fresh-token')
  await fresh.waitFor()
  await fresh.getByText('Đã cấp mã “Cổng Open311 của phường”').waitFor()
  const token = await fresh.getByLabel('Mã truy cập').inputValue()
  assert.match(token, /^dv_\S{20,}$/)
  await fresh.getByRole('button', { name: 'Sao chép' }).waitFor()

  // The token works as a bearer token...
  const asToken = await fetch(`${env.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(asToken.status, 200)

  const row = page.getByTestId('tokens-table').getByRole('row').filter({ hasText: 'Cổng Open311 của phường' })
  assert.match(await row.innerText(), /Còn hiệu lực/)
  assert.match(await row.innerText(), /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
  await screenshot(page, 'tokens-issued')

  // ...until it is revoked.
  await row.getByRole('button', { name: 'Thu hồi mã Cổng Open311 của phường' }).click()
  const confirm = page.getByRole('dialog', { name: 'Xác nhận thu hồi' })
  await confirm.waitFor()
  await confirm.getByRole('button', { name: 'Thu hồi' }).click()
  await row.getByText('Đã thu hồi').waitFor()
  assert.equal(await row.getByRole('button', { name: /Thu hồi/ }).count(), 0)
  assert.equal(await fresh.count(), 0, 'the revoked token is no longer on screen')
  const revoked = await fetch(`${env.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(revoked.status, 401)
})

test('changing the password checks the current one', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click()
  await page.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor()
  await page.getByText('Quản trị hệ thống').waitFor()
  await page.getByLabel('Mật khẩu hiện tại').fill('không-phải-mật-khẩu')
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mật-khẩu-mới-2025')
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-mới-2025')
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click()
  const error = page.getByRole('alert').filter({ hasText: /mật khẩu/i })
  await error.waitFor()
  await screenshot(page, 'account-error')

  await page.getByLabel('Mật khẩu hiện tại').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click()
  await page.getByText('Đã đổi mật khẩu.').waitFor()
  const relog = await fetch(`${env.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.username, password: 'mật-khẩu-mới-2025' }),
  })
  assert.equal(relog.status, 200)
  assert.deepEqual(env.pageErrors, [])
})
