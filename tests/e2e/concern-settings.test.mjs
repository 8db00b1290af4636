// The settings of residents' concerns, end to end in Debian's Chromium, on the demo data: the admin adds a category
// with a list question to phường Hoàn Kiếm and a resident is asked that question when sending; a routing rule for it
// (an area drawn with coordinates, to the ward police) is added and moved up, and saved in that order; an answer
// template is added and listed. A unit admin finds the page with their unit chosen; a viewer has no entry for it.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  DESKTOP, demoUser, expectNoAxeViolations, launchBrowser, logIn, logOut, screenshot, settle, setUp,
} from './support.mjs'

let env
let desk
let unitId
let categoryId
let rulesBefore

const CATEGORY = { name: 'Cây xanh, công viên', code: 'hk-cay-xanh' }
const POLYGON = ['21.0300, 105.8500', '21.0300, 105.8550', '21.0340, 105.8550', '21.0340, 105.8500']

before(async () => {
  env = await setUp({ demo: true })
  desk = await env.newPage()
  await desk.setViewportSize(DESKTOP)
})
after(async () => {
  await env?.tearDown()
})

/** GET on the API with the page's session cookie. */
const get = (page, path) => page.evaluate(async (p) => {
  const r = await fetch(`/api/v1${p}`, { credentials: 'same-origin' })
  return { status: r.status, body: await r.json() }
}, path)

/** Picks an Element Plus select's option by its text; `select` is the select's locator. */
async function choose(page, select, text) {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

test('the admin opens the concern settings from the navigation and picks phường Hoàn Kiếm', async () => {
  await logIn(desk, env.url, demoUser('admin'))
  const link = desk.getByRole('link', { name: 'Cài đặt phản ánh' })
  await link.waitFor()
  // Right after the concerns' entry.
  const names = await desk.locator('.nav-links a').allInnerTexts()
  assert.equal(names[names.findIndex((n) => n.trim() === 'Phản ánh, kiến nghị') + 1]?.trim(), 'Cài đặt phản ánh', names.join(' | '))
  await link.click()
  await desk.getByRole('heading', { level: 1, name: 'Cài đặt phản ánh, kiến nghị' }).waitFor()
  // A system admin has no unit of their own: the page asks for one.
  await desk.getByText('Chọn một đơn vị hành chính để xem cài đặt.').waitFor()
  await expectNoAxeViolations(desk, 'the settings page without a unit')

  await desk.getByTestId('settings-unit').click()
  await desk.getByLabel('Đơn vị hành chính', { exact: true }).pressSequentially('phuong hoan kiem', { delay: 20 })
  await desk.getByRole('option', { name: /^Phường Hoàn Kiếm/ }).first().click()
  await desk.waitForURL(/[?&]unit=\d+/)
  unitId = Number(new URL(desk.url()).searchParams.get('unit'))
  assert.ok(unitId > 0)
  // The demo ward's six categories.
  const table = desk.getByTestId('categories-table')
  await table.locator('tr[data-code="hk-ve-sinh-moi-truong"]').waitFor()
  assert.match(await table.locator('tr[data-code="hk-an-ninh-trat-tu"]').innerText(), /Khẩn[\s\S]*Nhạy cảm/)
  assert.match(await table.locator('tr[data-code="hk-ha-tang"]').innerText(), /Phức tạp/)
  await expectNoAxeViolations(desk, 'the categories tab')
  await screenshot(desk, 'concern-settings-categories')
})

test('the admin adds a category with a list question, and the resident is asked it', async () => {
  await desk.getByTestId('add-category').click()
  const dialog = desk.getByRole('dialog', { name: 'Thêm lĩnh vực' })
  await dialog.waitFor()
  // Checked before sending: a code with capitals and no question text.
  await dialog.getByLabel('Tên lĩnh vực').fill(CATEGORY.name)
  await dialog.getByLabel('Mã lĩnh vực').fill('HK Cây')
  await dialog.getByTestId('add-attribute').click()
  await dialog.getByTestId('category-save').click()
  await dialog.getByText('Mã chỉ gồm chữ thường không dấu, số, “_” và “-” (tối đa 40 ký tự).').waitFor()
  await dialog.getByText('Mã câu hỏi chỉ gồm chữ không dấu').waitFor()

  await dialog.getByLabel('Mã lĩnh vực').fill(CATEGORY.code)
  await dialog.getByLabel('Mô tả').fill('Cây xanh gãy, đổ, sâu bệnh; công viên, vườn hoa xuống cấp.')
  await dialog.getByLabel('Nhóm').fill('Môi trường')
  await dialog.getByLabel('Từ khóa').fill('cây, công viên, vườn hoa')
  await choose(desk, dialog.getByTestId('category-urgency'), 'Phức tạp')
  await choose(desk, dialog.getByTestId('category-organisation'), 'Ủy ban nhân dân phường Hoàn Kiếm')
  const attr = dialog.getByTestId('attribute-row').first()
  await attr.getByLabel('Mã câu hỏi').fill('tinh_trang_cay')
  await attr.getByLabel('Nội dung câu hỏi').fill('Tình trạng của cây')
  await attr.getByText('Bắt buộc trả lời').click()
  // A list question: its first choice is offered, a second is added.
  await attr.getByTestId('attribute-value').first().getByLabel('Mã lựa chọn').fill('gay_do')
  await attr.getByTestId('attribute-value').first().getByLabel('Tên lựa chọn').fill('Cây gãy, đổ')
  await attr.getByTestId('add-value').click()
  await attr.getByTestId('attribute-value').nth(1).getByLabel('Mã lựa chọn').fill('sau_benh')
  await attr.getByTestId('attribute-value').nth(1).getByLabel('Tên lựa chọn').fill('Cây sâu bệnh')
  await expectNoAxeViolations(desk, 'the category dialog')
  await screenshot(desk, 'concern-settings-category-dialog')
  await dialog.getByTestId('category-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await desk.getByText(`Đã thêm lĩnh vực “${CATEGORY.name}”.`).waitFor()
  const row = desk.getByTestId('categories-table').locator(`tr[data-code="${CATEGORY.code}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /Phức tạp[\s\S]*Ủy ban nhân dân phường Hoàn Kiếm[\s\S]*Tình trạng của cây/)

  // The public list of the ward's categories has it, with its question.
  const pub = await get(desk, `/public/concern-categories?unit_id=${unitId}`)
  assert.equal(pub.status, 200)
  const made = pub.body.items.find((c) => c.code === CATEGORY.code)
  assert.ok(made, 'the new category is public')
  categoryId = made.id
  assert.equal(made.name, CATEGORY.name)
  assert.equal(made.urgency, 'complex')
  assert.equal(made.group, 'Môi trường')
  assert.equal(made.attributes.length, 1)
  assert.deepEqual({ ...made.attributes[0], order: undefined }, {
    code: 'tinh_trang_cay', datatype: 'singlevaluelist', required: true, variable: true, description: 'Tình trạng của cây',
    datatype_description: '', order: undefined, values: [{ key: 'gay_do', name: 'Cây gãy, đổ' }, { key: 'sau_benh', name: 'Cây sâu bệnh' }],
  })

  // The resident's send page, in a browser without a staff session: the category asks its question.
  const residentBrowser = await launchBrowser()
  try {
    const phone = await residentBrowser.context.newPage()
    env.watch(phone)
    await phone.goto(`${env.url}/cong-dan/gui-phan-anh`)
    await phone.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor()
    await phone.getByTestId('concern-category').waitFor()
    // Several wards take concerns: choose this one.
    const unitBox = phone.locator('.el-select').filter({ has: phone.locator('#concern-unit') })
    if (await unitBox.count()) await choose(phone, unitBox, 'Phường Hoàn Kiếm')
    await choose(phone, phone.getByTestId('concern-category'), CATEGORY.name)
    await phone.getByText('Tình trạng của cây').waitFor()
    await phone.getByTestId('attr-tinh_trang_cay').click()
    await phone.locator('.el-select-dropdown__item:visible', { hasText: 'Cây sâu bệnh' }).waitFor()
    await phone.locator('.el-select-dropdown__item:visible', { hasText: 'Cây gãy, đổ' }).click()
    await screenshot(phone, 'concern-settings-resident-question')
  } finally {
    await residentBrowser.close()
  }
})

test('the admin changes the category in the dialog', async () => {
  const row = desk.getByTestId('categories-table').locator(`tr[data-code="${CATEGORY.code}"]`)
  await row.getByTestId('edit-category').click()
  const dialog = desk.getByRole('dialog', { name: `Sửa lĩnh vực “${CATEGORY.name}”` })
  await dialog.waitFor()
  // The code stays: Open311 clients hold on to it.
  assert.equal(await dialog.getByLabel('Mã lĩnh vực').isDisabled(), true)
  assert.equal(await dialog.getByTestId('attribute-row').getByLabel('Mã câu hỏi').inputValue(), 'tinh_trang_cay')
  await choose(desk, dialog.getByTestId('category-urgency'), 'Bình thường')
  await dialog.getByTestId('category-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await desk.getByText(`Đã lưu lĩnh vực “${CATEGORY.name}”.`).waitFor()
  const all = await get(desk, `/concern-categories?unit_id=${unitId}`)
  const changed = all.body.items.find((c) => c.id === categoryId)
  assert.equal(changed.urgency, 'normal')
  assert.deepEqual(changed.keywords, ['cây', 'công viên', 'vườn hoa'])
  assert.equal(changed.attributes[0].values.length, 2)
})

test('the admin adds a routing rule for the new category, moves it up and saves the list', async () => {
  rulesBefore = (await get(desk, `/units/${unitId}/concern-rules`)).body.items
  assert.ok(rulesBefore.length >= 2, 'the demo ward has rules')
  await desk.getByRole('tab', { name: 'Quy tắc chuyển xử lý' }).click()
  await desk.waitForURL(/tab=rules/)
  const rows = desk.getByTestId('rule-row')
  await rows.nth(rulesBefore.length - 1).waitFor()
  assert.equal(await rows.count(), rulesBefore.length)
  // The lake rule: an area drawn with coordinates, shown as its corners.
  const lake = rulesBefore[0].area_polygon.map((p) => `${p.latitude}, ${p.longitude}`).join('\n')
  assert.ok(lake, 'the first demo rule is drawn')
  assert.equal(await rows.first().getByLabel('Các đỉnh của vùng').inputValue(), lake)
  await expectNoAxeViolations(desk, 'the rules tab')

  await desk.getByTestId('add-rule').click()
  const rule = rows.nth(rulesBefore.length)
  await rule.waitFor()
  await choose(desk, rule.getByTestId('rule-category'), CATEGORY.name)
  await choose(desk, rule.getByTestId('rule-area'), 'Vùng vẽ bằng tọa độ')
  // Not enough corners yet, and no organisation: checked before saving.
  await rule.getByLabel('Các đỉnh của vùng').fill(POLYGON.slice(0, 2).join('\n'))
  await desk.getByTestId('rules-save').click()
  await rule.getByText('Cần chọn đơn vị xử lý.').waitFor()
  await choose(desk, rule.getByTestId('rule-organisation'), 'Công an phường Hoàn Kiếm')
  await desk.getByTestId('rules-save').click()
  await rule.getByText('Vùng cần ít nhất 3 điểm').waitFor()
  await rule.getByLabel('Các đỉnh của vùng').fill(POLYGON.join('\n'))
  // Moved up one place: before the last of the demo rules.
  await rule.getByRole('button', { name: `Đưa quy tắc ${rulesBefore.length + 1} lên` }).click()
  const moved = rows.nth(rulesBefore.length - 1)
  assert.equal(await moved.getByLabel('Các đỉnh của vùng').inputValue(), POLYGON.join('\n'))
  await desk.getByText('Có thay đổi chưa lưu.').waitFor()
  await expectNoAxeViolations(desk, 'the rules tab with a new rule')
  await screenshot(desk, 'concern-settings-rules')
  await desk.getByTestId('rules-save').click()
  await desk.getByText(`Đã lưu ${rulesBefore.length + 1} quy tắc.`).waitFor()
  await desk.getByText('Có thay đổi chưa lưu.').waitFor({ state: 'hidden' })

  const after = (await get(desk, `/units/${unitId}/concern-rules`)).body.items
  assert.equal(after.length, rulesBefore.length + 1)
  assert.deepEqual(after.map((r) => r.position), after.map((_, i) => i + 1))
  const mine = after[rulesBefore.length - 1]
  assert.equal(mine.category_id, categoryId)
  assert.equal(mine.area_unit_id, null)
  assert.deepEqual(mine.area_polygon, POLYGON.map((p) => {
    const [latitude, longitude] = p.split(', ').map(Number)
    return { latitude, longitude }
  }))
  assert.equal(mine.active, true)
  // The others kept their order around it.
  const key = (r) => JSON.stringify([r.category_id, r.area_unit_id, r.area_polygon, r.organisation_id, r.active])
  assert.deepEqual([...after.slice(0, rulesBefore.length - 1), after[rulesBefore.length]].map(key), rulesBefore.map(key))

  // A reload shows the saved list in that order.
  await desk.reload()
  await desk.getByTestId('rule-row').nth(rulesBefore.length).waitFor()
  assert.equal(await desk.getByTestId('rule-row').nth(rulesBefore.length - 1).getByLabel('Các đỉnh của vùng').inputValue(),
    POLYGON.map((p) => p.split(', ').map(Number).join(', ')).join('\n'))
})

test('the admin adds an answer template and sees it listed', async () => {
  await desk.getByRole('tab', { name: 'Mẫu trả lời' }).click()
  await desk.getByRole('heading', { level: 2, name: 'Mẫu trả lời' }).waitFor()
  await expectNoAxeViolations(desk, 'the templates tab')
  // Both fields are needed.
  await desk.getByTestId('template-create').click()
  await desk.getByText('Cần điền tiêu đề.').waitFor()
  const title = 'Đã cắt tỉa cây xanh'
  const body = 'Ủy ban nhân dân phường đã phối hợp đơn vị chăm sóc cây xanh cắt tỉa, gia cố cây tại vị trí ông/bà phản ánh.'
  await desk.getByLabel('Tiêu đề').fill(title)
  await desk.getByLabel('Nội dung', { exact: true }).fill(body)
  await desk.getByTestId('template-create').click()
  await desk.getByText(`Đã thêm mẫu “${title}”.`).waitFor()
  const item = desk.getByTestId('template-item').filter({ hasText: title })
  await item.waitFor()
  assert.match(await item.innerText(), /Ủy ban nhân dân phường đã phối hợp/)
  assert.equal(await desk.getByLabel('Tiêu đề').inputValue(), '', 'the form is emptied')
  const listed = (await get(desk, `/concern-templates?unit_id=${unitId}`)).body.items
  assert.ok(listed.some((x) => x.title === title && x.body === body && x.unit_id === unitId))
  await settle(desk)
  await expectNoAxeViolations(desk, 'the templates tab with a template')
  await screenshot(desk, 'concern-settings-templates')

  // In English too; the locale is kept in the browser, so back to Vietnamese after.
  await desk.locator('[data-testid="locale"][data-locale="en"]').click()
  await desk.getByRole('heading', { level: 1, name: 'Concern settings' }).waitFor()
  await desk.getByRole('tab', { name: 'Routing rules' }).click()
  await desk.getByRole('button', { name: 'Save the rules' }).waitFor()
  await desk.getByRole('tab', { name: 'Categories' }).click()
  await desk.getByTestId('categories-table').locator(`tr[data-code="${CATEGORY.code}"]`).getByText('Normal').waitFor()
  await expectNoAxeViolations(desk, 'the categories tab in English')
  await desk.locator('[data-testid="locale"][data-locale="vi"]').click()
  await desk.getByRole('heading', { level: 1, name: 'Cài đặt phản ánh, kiến nghị' }).waitFor()
})

test('a unit admin finds their unit chosen; a viewer has no entry', async () => {
  await logOut(desk)
  await logIn(desk, env.url, demoUser('canbo.lythaito'))
  await desk.getByRole('link', { name: 'Cài đặt phản ánh' }).click()
  await desk.getByRole('heading', { level: 1, name: 'Cài đặt phản ánh, kiến nghị' }).waitFor()
  await desk.getByTestId('settings-unit').getByText('Phường Lý Thái Tổ').waitFor()
  await desk.getByTestId('categories-table').locator('tr[data-code="ltt-ve-sinh-moi-truong"]').waitFor()
  await desk.getByTestId('add-category').waitFor()
  await logOut(desk)
  await logIn(desk, env.url, demoUser('xem.lythaito'))
  await desk.getByRole('link', { name: 'Phản ánh, kiến nghị' }).waitFor()
  assert.equal(await desk.getByRole('link', { name: 'Cài đặt phản ánh' }).count(), 0)
  assert.deepEqual(env.pageErrors, [])
})
