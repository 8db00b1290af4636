// The report "models by unit" on the demo ward: Lý Thái Tổ's officer sees the 2022 figures under Lý Thái Tổ; with
// the roll-up switch on, the same records count under phường Hoàn Kiếm (the 2025 merger), and the row says whose
// figures it holds. axe-core checks the page.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { axeViolations, demoUser, logIn, screenshot, settle, setUp } from './support.mjs'

let env
let page
before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await logIn(page, env.url, demoUser('canbo.lythaito'))
})
after(async () => { await env?.tearDown() })

/** The first cell (the unit) of each body row. */
const units = () => page.getByTestId('reports-table').locator('tbody th').allInnerTexts()

test('the officer rolls Lý Thái Tổ\'s 2022 models up into phường Hoàn Kiếm', async () => {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Báo cáo mô hình theo đơn vị' }).waitFor()
  await page.getByTestId('reports-year').click()
  await page.getByRole('option', { name: '2022', exact: true }).click()
  await page.getByTestId('reports-table').locator('tbody tr[data-unit="Phường Lý Thái Tổ"]').waitFor()
  const before = await units()
  assert.equal(before.length, 1, `rows: ${before}`)
  assert.match(before[0], /^Phường Lý Thái Tổ, Quận Hoàn Kiếm/)
  const total = await page.getByTestId('reports-total-models').innerText()
  assert.equal(total.trim(), '19')

  const rollUp = page.getByRole('switch', { name: 'Quy về đơn vị kế thừa' })
  assert.equal(await rollUp.isChecked(), false)
  await page.getByTestId('reports-rollup').click()
  assert.equal(await rollUp.isChecked(), true)
  await page.getByTestId('reports-table').locator('tbody tr[data-unit="Phường Hoàn Kiếm"]').waitFor()
  const after = await units()
  assert.equal(after.length, 1, `rows: ${after}`)
  assert.match(after[0], /^Phường Hoàn Kiếm, Thành phố Hà Nội/)
  assert.match(after[0], /Gồm số liệu của: Phường Lý Thái Tổ, Quận Hoàn Kiếm/)
  assert.equal((await page.getByTestId('reports-total-models').innerText()).trim(), '19', 'the same records, elsewhere')
  assert.match(page.url(), /roll_up=true/, 'the address keeps the choice')

  await settle(page)
  const violations = await axeViolations(page)
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2))
  await screenshot(page, 'reports-rolled-up')
  assert.deepEqual(env.pageErrors, [])
})
