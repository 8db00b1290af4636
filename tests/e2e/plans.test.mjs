// The year's plan (issue 13), in Chromium on the demo: phường Hoàn Kiếm's 2026 plan shows the five tasks with their
// targets; a propaganda session recorded on the activities page counts in the plan at once; a hand-reported target
// takes a report with its evidence file; the plan reads on a phone; axe-core checks both pages.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { browserJpeg, chooseOption, demoUser, expectFitsWidth, expectNoAxeViolations, logIn, PHONE, screenshot, setUp } from './support.mjs'

let env
let page
let hoanKiem
before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
  await logIn(page, env.url, demoUser('admin'))
  hoanKiem = await page.evaluate(async () => {
    const r = await fetch('/api/v1/units?q=hoan%20kiem&page_size=50')
    return (await r.json()).items.find((u) => u.name === 'Phường Hoàn Kiếm' && !u.valid_to).id
  })
})
after(async () => { await env?.tearDown() })

const row = (kind) => page.getByTestId(`target-${kind}`)
const valueOf = async (kind) => (await row(kind).getByTestId('target-value').innerText()).trim()

test('the ward\'s 2026 plan counts a propaganda session as soon as it is recorded', async () => {
  await page.goto(`${env.url}/plans?unit=${hoanKiem}`)
  await page.getByRole('heading', { level: 1, name: 'Kế hoạch công tác dân vận' }).waitFor()
  await page.getByTestId('plans-table').getByRole('link', { name: 'Kế hoạch công tác dân vận năm 2026' }).click()
  await page.getByTestId('plan-title').waitFor()
  const sections = await page.locator('[data-testid^="task-"] h2').allInnerTexts()
  assert.equal(sections.length, 5, `sections: ${sections}`)
  assert.match(sections[0], /^1\. Tuyên truyền/)
  assert.match(sections[4], /^5\. Kiện toàn tổ chức/)
  // The demo recorded four propaganda sessions in 2026, with 85 + 120 + 95 + 210 people.
  assert.equal(await valueOf('propaganda_sessions'), '4')
  assert.equal(await valueOf('propaganda_reach'), '510')
  assert.match(await row('propaganda_sessions').getByRole('progressbar').getAttribute('aria-label'), /4 trên chỉ tiêu 8, 50%/)
  await expectNoAxeViolations(page, 'the plan')
  const planUrl = page.url()

  await page.getByRole('link', { name: 'Xem hoạt động của năm' }).click()
  await page.getByRole('heading', { level: 1, name: 'Hoạt động tuyên truyền, đối thoại' }).waitFor()
  await page.getByTestId('outreach-table').waitFor()
  await page.getByTestId('activity-record').click()
  await chooseOption(page, 'activity-kind', 'Buổi tuyên truyền')
  await page.locator('#activity-date').fill('01/12/2026')
  await page.locator('#activity-date').press('Enter')
  await page.locator('#activity-topic').fill('Tuyên truyền pháp luật về đất đai cho tổ dân phố số 6')
  await page.locator('#activity-place').fill('Nhà văn hóa tổ dân phố số 6')
  await page.locator('#activity-attendance').fill('48')
  await page.getByTestId('activity-files').setInputFiles({ name: 'anh-buoi-tuyen-truyen.jpg', mimeType: 'image/jpeg', buffer: await browserJpeg(page, '#b33') })
  await page.getByTestId('activity-save').click()
  await page.getByTestId('outreach-table').getByText('Tuyên truyền pháp luật về đất đai cho tổ dân phố số 6').waitFor()
  await expectNoAxeViolations(page, 'the activities')

  await page.goto(planUrl)
  await page.getByTestId('plan-title').waitFor()
  assert.equal(await valueOf('propaganda_sessions'), '5')
  assert.equal(await valueOf('propaganda_reach'), '558')
  assert.deepEqual(env.pageErrors, [])
})

test('a hand-reported target takes a report with its evidence', async () => {
  assert.equal(await valueOf('new_members'), '29', 'the demo\'s report of 30/09/2026')
  await page.getByTestId('report-new_members').click()
  await page.locator('#report-on').fill('01/12/2026')
  await page.locator('#report-on').press('Enter')
  await page.locator('#report-value').fill('41')
  await page.locator('#report-evidence').fill('Danh sách 41 đoàn viên, hội viên kết nạp đến 01/12/2026')
  await page.getByTestId('report-files').setInputFiles({ name: 'danh-sach.jpg', mimeType: 'image/jpeg', buffer: await browserJpeg(page, '#36c') })
  await page.getByTestId('report-save').click()
  await row('new_members').getByText('Danh sách 41 đoàn viên').waitFor()
  assert.equal(await valueOf('new_members'), '41')
  assert.equal((await row('new_members').getByTestId('target-met').innerText()).trim(), 'Đạt')
  const file = await row('new_members').getByRole('link', { name: 'danh-sach.jpg' }).getAttribute('href')
  const type = await page.evaluate(async (href) => (await fetch(href)).headers.get('content-type'), file)
  assert.equal(type, 'image/jpeg')

  // As of mid-year the same plan reads the June report.
  await page.locator('#plan-as-of').fill('01/07/2026')
  await page.locator('#plan-as-of').press('Enter')
  await page.getByTestId('plan-summary').getByText('01/07/2026').waitFor()
  assert.equal(await valueOf('new_members'), '16')
  await screenshot(page, 'plan-as-of-july')
  assert.deepEqual(env.pageErrors, [])
})

test('the plan reads on a phone', async () => {
  await page.setViewportSize(PHONE)
  await page.reload()
  await page.getByTestId('plan-title').waitFor()
  await expectFitsWidth(page)
  await expectNoAxeViolations(page, 'the plan on a phone')
  await screenshot(page, 'plan-phone')
})
