// The Excel export of a list page and of a report page (docs/api.md, "Exports"): the shared ExportButton asks for
// the page's filters with ?format=xlsx, follows the download with a progress bar and saves the file under the
// server's dated ASCII name; LibreOffice reads the file back with the page's rows.

import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, test } from 'node:test'

import { sheetAsShown } from '../support/xlsx.mjs' // standalone: allowed (tests/support, inside the checkout)
import { axeViolations, demoUser, logIn, makeTempDir, settle, setUp } from './support.mjs'

let env
let page
let dir
before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  dir = makeTempDir('danvan-e2e-xlsx-')
  await logIn(page, env.url, demoUser('canbo.lythaito'))
})
after(async () => {
  await env?.tearDown()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

/** Clicks the page's export button and waits for the browser's download: the file's name and its sheet. */
async function exportSheet(name) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-xlsx').click()])
  const file = download.suggestedFilename()
  const bytes = fs.readFileSync(await download.path())
  return { file, cells: sheetAsShown(dir, bytes, name) }
}

test('the people page exports every person of the list', async () => {
  await page.goto(`${env.url}/people`)
  const table = page.getByTestId('people-table')
  await table.locator('tbody tr').first().waitFor()
  const shown = await table.locator('tbody tr td:first-child').allInnerTexts()
  const count = Number((await page.getByTestId('people-count').innerText()).replace(/\D/g, ''))
  assert.ok(count >= shown.length && shown.length > 0, `the list counts ${count}, the page shows ${shown.length}`)

  const { file, cells } = await exportSheet('people')
  assert.equal(file, `ca-nhan-${today()}.xlsx`)
  assert.deepEqual(cells[0].slice(0, 3), ['Họ và tên', 'Giới tính', 'Năm sinh'], 'Vietnamese headers; the officer sees personal data')
  assert.equal(cells.length, 1 + count, 'a row per person of the list')
  const names = cells.slice(1).map((r) => r[0])
  for (const cell of shown) assert.ok(names.some((n) => cell.trim().startsWith(n)), `${cell} is in the export`)
  await page.getByTestId('export-notice').waitFor()
  assert.match(await page.getByTestId('export-notice').innerText(), /Đã tải về ca-nhan-/)
  await settle(page)
  const violations = await axeViolations(page)
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2))
})

test('the movement report exports its figures with the same button', async () => {
  await page.goto(`${env.url}/reports?year=2022`)
  await page.getByTestId('reports-table').locator('tbody tr').first().waitFor()
  const total = (await page.getByTestId('reports-total-models').innerText()).trim()
  const { file, cells } = await exportSheet('report')
  assert.equal(file, 'bao-cao-mo-hinh-2022.xlsx')
  assert.equal(cells[0][0], 'Đơn vị')
  const last = cells.at(-1)
  assert.equal(last[0], 'Tổng cộng')
  assert.equal(last[2], total, 'the total of the page is the total of the file')
  assert.deepEqual(env.pageErrors, [])
})

test('a slow export shows its progress and can be cancelled', async () => {
  await page.goto(`${env.url}/people`)
  await page.getByTestId('people-table').locator('tbody tr').first().waitFor()
  // Hold the answer back: the progress bar and the cancel button show until the user cancels.
  await page.route('**/api/v1/people?*format=xlsx*', async (route) => {
    await new Promise((r) => setTimeout(r, 3000))
    await route.continue().catch(() => {})
  })
  await page.getByTestId('export-xlsx').click()
  await page.getByTestId('export-progress').waitFor()
  assert.match(await page.getByTestId('export-progress').innerText(), /Máy chủ đang chuẩn bị tệp Excel|Đang tải về/)
  await page.getByTestId('export-cancel').click()
  await page.getByTestId('export-notice').getByText('Đã hủy tải tệp Excel.').waitFor()
  await page.getByTestId('export-xlsx').waitFor()
  await page.unroute('**/api/v1/people?*format=xlsx*')
  assert.deepEqual(env.pageErrors, [])
})
