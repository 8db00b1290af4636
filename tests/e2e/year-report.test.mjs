// The year report (issue 13, docs/year-report.md) on the demo ward: the officer of phường Lý Thái Tổ opens the
// report of 2022, reads the figures (the same as the API's), edits the text, previews the PDF with the unsaved
// text, saves it and prints it: the printed PDF carries the saved text and the figures. On a desktop and a phone,
// with axe-core.

import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, test } from 'node:test'

import { sheetsOf } from '../support/xlsx.mjs' // standalone: allowed (tests/support, inside the checkout)
import {
  DESKTOP, demoUser, expectFitsWidth, expectNoAxeViolations, logIn, makeTempDir, pdfTextOf, PHONE, screenshot, setUp,
} from './support.mjs'

const SITUATION = 'Phường có 13 tổ dân phố; Nhân dân đồng thuận với các phong trào (thử nghiệm e2e).'
let env
let page
let unit
let dir

before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await page.setViewportSize(DESKTOP)
  await logIn(page, env.url, demoUser('canbo.lythaito'))
  const me = await (await page.request.get(`${env.url}/api/v1/me`)).json()
  unit = me.grants.find((g) => g.role === 'unit_admin').unit_id
})
after(async () => {
  await env?.tearDown()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const squeeze = (s) => s.replace(/\s+/g, '')
/** The bytes behind a blob: URL of the page (the preview, the printed report). */
async function blobBytes(url) {
  const b64 = await page.evaluate(async (u) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer())
    let s = ''
    for (const b of bytes) s += String.fromCharCode(b)
    return btoa(s)
  }, url)
  return Buffer.from(b64, 'base64')
}
const cells = (row) => row.locator('th, td').allInnerTexts()

test('the officer opens the report of 2022 from the menu: the figures are the API’s', async () => {
  await page.getByRole('link', { name: 'Báo cáo tổng kết năm' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng kết phong trào “Dân vận khéo”' }).waitFor()
  await page.goto(`${env.url}/reports/year?unit=${unit}&year=2022`)
  const api = await (await page.request.get(`${env.url}/api/v1/reports/year?unit_id=${unit}&year=2022`)).json()
  const fields = page.getByTestId('year-fields')
  await fields.waitFor()
  const total = await cells(fields.locator('tbody tr').last())
  const t = api.figures.fields_total
  assert.deepEqual(total, ['Tổng cộng', ...[t.collective, t.individual, t.registered, t.recognised, t.replicated].map(String)])
  assert.ok(t.models > 0, 'the demo ward has models in 2022')
  assert.equal(await fields.locator('tbody tr').count(), api.figures.fields.length + 1)
  const rewards = await cells(page.getByTestId('year-rewards').locator('tbody tr').last())
  assert.equal(squeeze(rewards.at(-1)), squeeze(api.figures.rewards_total.amount.toLocaleString('vi-VN')))
  const concerns = await cells(page.getByTestId('year-concerns').locator('tbody tr').last())
  assert.equal(concerns[1], String(api.figures.concerns_total.received))
  await page.getByText('Chưa lưu: đây là bản nháp đề xuất từ số liệu').waitFor()

  // The figures as a workbook, a sheet per table: its totals are the page's.
  dir = makeTempDir('danvan-e2e-year-xlsx-')
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-xlsx').click()])
  assert.equal(download.suggestedFilename(), 'bao-cao-tong-ket-2022.xlsx')
  const sheets = sheetsOf(dir, fs.readFileSync(await download.path()), 'tong-ket')
  assert.equal(Object.keys(sheets).length, 5, Object.keys(sheets).join(' | '))
  assert.deepEqual(sheets['1. Theo lĩnh vực'].at(-1),
    ['', 'Tổng cộng', ...[t.collective, t.individual, t.registered, t.recognised, t.replicated].map(String)])
  assert.equal(sheets['3. Khen thưởng'].at(-1).at(-1), String(api.figures.rewards_total.amount))
  await expectNoAxeViolations(page, 'year report')
  await screenshot(page, 'year-report-desktop')
})

test('the officer edits the text and previews it unsaved: the PDF shows the new words', async () => {
  await page.getByLabel('I. Đặc điểm tình hình').fill(SITUATION)
  await page.getByLabel('Họ và tên').fill('Vũ Bích Hiền')
  await page.getByTestId('year-report-preview').click()
  const frame = page.getByTestId('year-report-preview-frame')
  await frame.waitFor()
  const src = await frame.getAttribute('src')
  assert.match(src, /^blob:/)
  const text = pdfTextOf(await blobBytes(src))
  assert.ok(squeeze(text).includes(squeeze(SITUATION)), text)
  const saved = await (await page.request.get(`${env.url}/api/v1/reports/year?unit_id=${unit}&year=2022`)).json()
  assert.equal(saved.text.saved, false, 'a preview keeps nothing')
})

test('the officer saves the text and prints the saved report', async () => {
  await page.getByTestId('year-report-save').click()
  await page.getByText('Đã lưu báo cáo.').waitFor()
  await page.getByTestId('year-report-saved').waitFor()
  const api = await (await page.request.get(`${env.url}/api/v1/reports/year?unit_id=${unit}&year=2022`)).json()
  assert.equal(api.text.saved, true)
  assert.equal(api.text.situation, SITUATION)

  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/reports/year/pdf'))
  await page.getByTestId('year-report-print').click()
  await asked
  const link = page.getByTestId('year-report-download')
  await link.waitFor()
  assert.equal(await link.getAttribute('download'), 'bao-cao-tong-ket-2022.pdf')
  const text = pdfTextOf(await blobBytes(await link.getAttribute('href')))
  const flat = squeeze(text)
  for (const part of ['BÁO CÁO', 'Tổng kết phong trào thi đua “Dân vận khéo” năm 2022', SITUATION,
    `Tổng cộng ${api.figures.fields_total.collective} ${api.figures.fields_total.individual}`, 'Vũ Bích Hiền']) {
    assert.ok(flat.includes(squeeze(part)), `"${part}" in the printed report:\n${text}`)
  }

  // After a reload the saved text is what the form holds.
  await page.reload()
  await page.getByTestId('year-report-saved').waitFor()
  assert.equal(await page.getByLabel('I. Đặc điểm tình hình').inputValue(), SITUATION)
})

test('the year report on a 360 px phone', async () => {
  await page.setViewportSize(PHONE)
  await page.goto(`${env.url}/reports/year?unit=${unit}&year=2022`)
  await page.getByTestId('year-fields').waitFor()
  await expectFitsWidth(page)
  await expectNoAxeViolations(page, 'year report on a phone')
  await screenshot(page, 'year-report-phone')
})
