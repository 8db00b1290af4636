// The territory as it stood on a date, and what became of a unit: Lý Thái Tổ ward, Hoàn Kiếm district, 2022,
// merged whole into Hoàn Kiếm ward on 01/07/2025 (Resolution 1656/NQ-UBTVQH15).

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { logIn, screenshot, setUp } from './support.mjs'

let env
let page
before(async () => {
  env = await setUp()
  page = await env.newPage()
  await logIn(page, env.url)
})
after(async () => { await env?.tearDown() })

const exact = (name) => new RegExp(`^\\s*${name}\\s*$`)
/** The tree node (`.el-tree-node`) whose own label is `name`. */
const treeNode = (name, scope = page.getByTestId('unit-tree')) =>
  scope.locator('.el-tree-node').filter({
    has: page.locator(':scope > .el-tree-node__content .node-name', { hasText: exact(name) }),
  })
/** The labels of a node's children, in order. */
const childrenOf = (node) =>
  node.locator(':scope > .el-tree-node__children > .el-tree-node > .el-tree-node__content .node-name').allInnerTexts()

async function expand(name) {
  const node = treeNode(name)
  await node.waitFor()
  if ((await node.getAttribute('aria-expanded')) !== 'true') {
    await node.locator(':scope > .el-tree-node__content').click()
  }
  await node.locator(':scope > .el-tree-node__children > .el-tree-node').first().waitFor()
  // The children slide open: until the slide ends, a click aimed at one of them may land on another.
  const children = await node.locator(':scope > .el-tree-node__children').elementHandle()
  await page.waitForFunction((el) => el.style.height === '', children)
  return node
}

/** Shows a unit of the tree in the detail panel: the node becomes the current one. */
async function pick(name) {
  const node = treeNode(name)
  await node.locator(':scope > .el-tree-node__content .node-name').click()
  await page.waitForFunction((el) => el.classList.contains('is-current'), await node.elementHandle())
}

async function setAsOf(ddmmyyyy) {
  const input = page.getByLabel('Tính đến ngày', { exact: true })
  await input.click()
  await input.fill(ddmmyyyy)
  await input.press('Enter')
  await page.getByRole('heading', { level: 2, name: `Cây đơn vị tính đến ngày ${ddmmyyyy}` }).waitFor()
}

/** The detail panel's facts as {label: value}. */
async function facts(scope) {
  return scope.locator('dl.facts > div').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('dt').innerText.trim(), r.querySelector('dd').innerText.trim()])))
}

test("today's tree has phường Hoàn Kiếm directly under Thành phố Hà Nội, and no district", async () => {
  await page.getByRole('link', { name: 'Đơn vị hành chính' }).first().click()
  const today = await page.getByLabel('Tính đến ngày', { exact: true }).inputValue()
  assert.match(today, /^\d{2}\/\d{2}\/\d{4}$/, 'the date reads dd/mm/yyyy')
  const hanoi = await expand('Thành phố Hà Nội')
  const children = await childrenOf(hanoi)
  assert.ok(children.includes('Phường Hoàn Kiếm'), `children of Hà Nội today: ${children}`)
  assert.ok(!children.includes('Quận Hoàn Kiếm'), 'the district no longer exists')
  assert.equal(await page.getByText('Phường Lý Thái Tổ').count(), 0)
  await screenshot(page, 'units-today')
})

test('as of 13/10/2022: Hà Nội → Quận Hoàn Kiếm → Phường Lý Thái Tổ, which became phường Hoàn Kiếm', async () => {
  await setAsOf('13/10/2022')
  const hanoi = await expand('Thành phố Hà Nội')
  assert.ok((await childrenOf(hanoi)).includes('Quận Hoàn Kiếm'))
  assert.ok(!(await childrenOf(hanoi)).includes('Phường Hoàn Kiếm'), 'the new ward did not exist yet')
  const district = await expand('Quận Hoàn Kiếm')
  const wards = await childrenOf(district)
  assert.equal(wards.length, 18, `wards of Hoàn Kiếm in 2022: ${wards}`)
  assert.ok(wards.includes('Phường Lý Thái Tổ'))

  await pick('Phường Lý Thái Tổ')
  const detail = page.getByTestId('unit-detail')
  await detail.getByRole('heading', { level: 2, name: 'Phường Lý Thái Tổ' }).waitFor()
  const f = await facts(detail)
  assert.match(f['Trực thuộc'], /Thành phố Hà Nội[\s\S]*Quận Hoàn Kiếm/)
  assert.equal(f['Hết hiệu lực từ ngày'], '01/07/2025')

  const fate = detail.getByTestId('successors')
  await fate.waitFor()
  const s = await facts(fate)
  assert.deepEqual(s, {
    'Phần': 'Toàn bộ',
    'Căn cứ pháp lý': 'Nghị quyết 1656/NQ-UBTVQH15',
    'Ngày có hiệu lực': '01/07/2025',
  })
  await fate.getByRole('link', { name: 'Phường Hoàn Kiếm' }).waitFor()
  assert.match(page.url(), /as_of=2022-10-13/)
  assert.match(page.url(), /unit=\d+/)
  await screenshot(page, 'units-2022-ly-thai-to')

  // Following the successor shows the new ward, part of the city directly.
  await fate.getByRole('link', { name: 'Phường Hoàn Kiếm' }).click()
  await detail.getByRole('heading', { level: 2, name: 'Phường Hoàn Kiếm' }).waitFor()
  const n = await facts(detail)
  assert.equal(n['Trực thuộc'], 'Thành phố Hà Nội')
  assert.equal(n['Hiệu lực từ ngày'], '01/07/2025')
  assert.equal(n['Hết hiệu lực từ ngày'], 'Đang có hiệu lực')
})

test('the view survives a reload: date and unit are in the address', async () => {
  await page.reload()
  await page.getByRole('heading', { level: 2, name: 'Cây đơn vị tính đến ngày 13/10/2022' }).waitFor()
  await page.getByTestId('unit-detail').getByRole('heading', { level: 2, name: 'Phường Hoàn Kiếm' }).waitFor()
})

test('typing "ly thai to" without diacritics finds Phường Lý Thái Tổ', async () => {
  await page.getByLabel('Tìm đơn vị').fill('ly thai to')
  const results = page.getByTestId('search-results')
  const hit = results.getByRole('button', { name: /Phường Lý Thái Tổ/ })
  await hit.waitFor()
  assert.equal(await results.getByRole('button').count(), 1)
  await screenshot(page, 'units-search')
  await hit.click()
  await page.getByTestId('unit-detail').getByRole('heading', { level: 2, name: 'Phường Lý Thái Tổ' }).waitFor()

  // đ folds to d as well.
  await page.getByLabel('Tìm đơn vị').fill('dong xuan')
  await results.getByRole('button', { name: /Phường Đồng Xuân/ }).waitFor()
  await page.getByLabel('Tìm đơn vị').fill('')
  await page.getByTestId('unit-tree').waitFor()
  assert.deepEqual(env.pageErrors, [])
})
