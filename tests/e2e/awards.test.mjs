// Commendation end to end on the demo ward (danvan seed demo), as issue 5 tells it: a model the council recognises
// becomes a proposal of the ward's officer, goes through review, is returned once with a reason, is backed by the
// council's vote and forwarded; the signer previews the decision live and issues it; the decision PDF is served;
// the certificate's QR link (/verify/{public_id}) opens on a phone without logging in and says it is genuine; the
// signer revokes the decision and the same page says revoked, when and why. An unknown code says so. axe-core
// checks every new page on the way.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  DEMO_PASSWORD, DESKTOP, demoUser, expectFitsWidth, expectNoAxeViolations, logIn, logOut, pdfTextOf, PHONE, screenshot, settle, setUp,
} from './support.mjs'

const MODEL = 'Vận động hộ kinh doanh thanh toán không dùng tiền mặt'
const REWARDED = 'Phiên chợ 0 đồng'
const TITLE = 'Khen thưởng Tổ dân vận số 1 vận động thanh toán không dùng tiền mặt'
const UBND = 'Ủy ban nhân dân phường Lý Thái Tổ'
const REASON = 'Khen nhầm đối tượng: thành tích đã được khen ở cấp khác (thử nghiệm)'
let env
let page
const ids = {}

before(async () => {
  env = await setUp({ demo: true })
  page = await env.newPage()
})
after(async () => { await env?.tearDown() })

const noAxeViolations = (what) => expectNoAxeViolations(page, what)
const fitsWidth = () => expectFitsWidth(page)
/** Signs in afresh, whoever the browser's cookie says (a failed test may have left someone signed in). */
async function signIn(username) {
  await page.context().clearCookies()
  await logIn(page, env.url, demoUser(username))
}
const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' })
const h1 = (name) => page.getByRole('heading', { level: 1, name })
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
const dmy = (iso) => iso.split('-').reverse().join('/')

/** A signed-in API client of its own (its own cookie), for what the story needs before the pages take over. */
async function apiAs(username) {
  const r = await fetch(`${env.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  assert.equal(r.status, 200, `log in ${username}`)
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf, user } = await r.json()
  const call = async (method, p, body) => {
    const res = await fetch(`${env.url}/api/v1${p}`, { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf,
      ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
    const text = await res.text()
    const json = text ? JSON.parse(text) : null
    assert.ok(res.ok, `${method} ${p} as ${username}: ${res.status} ${text}`)
    return json
  }
  return { user, get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b) }
}

/** A served PDF: its type, its magic, and its text as poppler reads it. */
async function pdfText(href, what) {
  const res = await page.request.get(href.startsWith('http') ? href : `${env.url}${href}`)
  assert.equal(res.status(), 200, `${what}: ${res.status()} ${res.status() === 200 ? '' : await res.text()}`)
  assert.match(res.headers()['content-type'] ?? '', /^application\/pdf/, `${what}: content type`)
  return pdfTextOf(await res.body())
}

test('the council recognises Tổ dân vận số 1’s model (set up through the API)', async () => {
  const officer = await apiAs('canbo.lythaito')
  ids.unit = officer.user.grants[0].unit_id
  const campaigns = (await officer.get(`/campaigns?unit_id=${ids.unit}`)).items
  const campaign = await officer.get(`/campaigns/${campaigns.find((c) => c.starts_on.startsWith('2022')).id}`)
  ids.campaign = campaign.id
  const model = (await officer.get(`/models?campaign_id=${campaign.id}&status=proposed&page_size=100`)).items.find((m) => m.title === MODEL)
  assert.ok(model, 'the demo’s proposed model')
  ids.model = model.id
  const council = (await officer.get(`/campaigns/${campaign.id}/councils`)).items[0]
  const session = await officer.post(`/councils/${council.id}/sessions`, { held_on: today(),
    present_member_ids: council.members.map((m) => m.id), model_ids: [model.id] })
  ids.session = session.id
  const users = ['hoidong.lythaito', 'hoidong2.lythaito', 'hoidong3.lythaito', 'hoidong4.lythaito', 'hoidong5.lythaito']
  for (const username of users) {
    const member = await apiAs(username)
    await member.post(`/sessions/${session.id}/scores`, { model_id: model.id,
      scores: campaign.criteria.map((c) => ({ criterion_id: c.id, score: c.max_score * 0.9 })) })
    await member.post(`/sessions/${session.id}/ballots`, { model_id: model.id, vote: 'agree' })
  }
  await officer.post(`/sessions/${session.id}/close-scoring`)
  const closed = await officer.post(`/sessions/${session.id}/close`, { levels: {} })
  assert.equal(closed.models.find((m) => m.model_id === model.id).outcome, 'recognised')
})

test('the officer proposes it: an achievement already rewarded is refused, naming the decision', async () => {
  await signIn('canbo.lythaito')
  await nav().getByRole('link', { name: 'Đề nghị khen thưởng' }).click()
  await h1('Đề nghị khen thưởng').waitFor()
  // The demo's 2022 proposals of the ward, decided.
  await page.getByTestId('proposals-table').getByRole('link', { name: /^Công nhận và thưởng các tập thể, cá nhân/ }).waitFor()
  await noAxeViolations('proposals')
  for (const name of ['Quyết định', 'Giấy khen', 'Ngày hội']) await nav().getByRole('link', { name, exact: true }).waitFor()

  await page.getByTestId('new-proposal').click()
  await h1('Tạo hồ sơ đề nghị khen thưởng').waitFor()
  await page.getByTestId('proposal-issuer').click()
  await page.getByRole('option', { name: UBND }).click()
  await page.getByTestId('proposal-campaign').click()
  await page.getByRole('option', { name: /năm 2022$/ }).click()
  const models = page.getByTestId('recognised-models')
  await models.getByRole('checkbox', { name: MODEL }).waitFor({ state: 'attached' })
  await page.getByLabel('Tiêu đề hồ sơ').fill(TITLE)
  // One achievement, one award: the model behind the Party committee's decision is refused.
  await models.getByRole('checkbox', { name: REWARDED }).dispatchEvent('click')
  await page.getByTestId('nominee-0').getByText(REWARDED).waitFor()
  await noAxeViolations('proposal form')
  await page.getByTestId('save-proposal').click()
  await page.getByTestId('nominee-0').getByRole('alert')
    .getByText(/Mỗi thành tích chỉ được khen thưởng một lần: .*Quyết định số \d+-QĐ\/ĐU của Đảng ủy phường Lý Thái Tổ/).waitFor()
  await models.getByRole('checkbox', { name: REWARDED }).dispatchEvent('click')
  await models.getByRole('checkbox', { name: MODEL }).dispatchEvent('click')
  const nominee = page.getByTestId('nominee-0')
  await nominee.getByText(MODEL).waitFor()
  // The People's Committee's own giấy khen for a collective is chosen for this issuer.
  await nominee.getByText('Giấy khen của Chủ tịch UBND', { exact: false }).waitFor()
  await page.getByTestId('save-proposal').click()

  await page.getByTestId('proposal-title').getByText(TITLE).waitFor()
  ids.proposal = Number(/proposals\/(\d+)/.exec(page.url())[1])
  await page.getByTestId('proposal-status').getByText('Bản nháp').waitFor()
  await page.getByTestId('nominees').getByText('Tổ dân vận số 1').waitFor()
  // The generated parts of the dossier, and an uploaded one.
  await page.getByTestId('part-to_trinh').getByRole('link').waitFor()
  await page.getByTestId('part-bao_cao_thanh_tich').getByRole('link').waitFor()
  await page.getByTestId('part-file').setInputFiles({ name: 'bien-ban-to-dan-van-1.pdf', mimeType: 'application/pdf',
    buffer: minimalPdf() })
  await page.getByTestId('upload-part').click()
  await page.getByTestId('part-attachment').getByText('bien-ban-to-dan-van-1.pdf').waitFor()
  await noAxeViolations('proposal page (draft)')
})

test('review: submitted, accepted, returned with a reason, submitted again, the council’s vote, forwarded', async () => {
  const step = async (action, status) => {
    await page.getByTestId(`action-${action}`).click()
    await page.getByTestId('proposal-status').getByText(status, { exact: true }).waitFor()
  }
  await step('submit', 'Đã gửi')
  await step('accept', 'Đang thẩm định')
  // Returning needs a reason.
  await page.getByTestId('action-return').click()
  const dialog = page.getByRole('dialog', { name: 'Trả lại hồ sơ' })
  await dialog.waitFor()
  await page.getByTestId('confirm-return').click()
  await dialog.getByText('Trả lại hồ sơ phải nêu lý do.').waitFor()
  await noAxeViolations('return dialog')
  await dialog.getByLabel('Lý do trả lại').fill('Bổ sung số hộ kinh doanh đã chuyển sang thanh toán điện tử.')
  await page.getByTestId('confirm-return').click()
  await page.getByTestId('proposal-status').getByText('Bị trả lại').waitFor()
  await page.getByTestId('status-reason').getByText(/Bổ sung số hộ kinh doanh/).waitFor()
  await step('submit', 'Đã gửi')
  await step('accept', 'Đang thẩm định')
  // The vote of the council session that recognised the model: its minutes join the dossier.
  await page.getByTestId('action-record_vote').click()
  const vote = page.getByRole('dialog', { name: 'Ghi kết quả bỏ phiếu của hội đồng' })
  await vote.waitFor()
  await vote.getByTestId('vote-session').getByText(`ngày ${dmy(today())}`, { exact: false }).waitFor()
  await noAxeViolations('vote dialog')
  await page.getByTestId('confirm-vote').click()
  await page.getByTestId('proposal-status').getByText('Đã bỏ phiếu').waitFor()
  await page.getByTestId('part-bien_ban').getByRole('link').waitFor()
  await step('forward', 'Chờ ký')
  // The officer does not sign.
  assert.equal(await page.getByTestId('draft-decision').count(), 0)
  await screenshot(page, 'awards-proposal')
  await logOut(page)
})

test('the dossier’s generated parts are PDFs (tờ trình, báo cáo thành tích, biên bản with the ballot)', async () => {
  await signIn('canbo.lythaito')
  await page.goto(`${env.url}/proposals/${ids.proposal}`)
  const submission = await pdfText(await page.getByTestId('part-to_trinh').getByRole('link').getAttribute('href'), 'tờ trình')
  assert.match(submission, /TỜ TRÌNH/i)
  const achievements = await pdfText(await page.getByTestId('part-bao_cao_thanh_tich').getByRole('link').getAttribute('href'), 'báo cáo')
  assert.match(achievements, /Tổ dân vận số 1/)
  const minutes = await pdfText(await page.getByTestId('part-bien_ban').getByRole('link').getAttribute('href'), 'biên bản')
  assert.match(minutes, /BIÊN BẢN/i)
  await logOut(page)
})

test('the signer drafts the decision: a live PDF preview (POST /decisions/preview in an iframe)', async () => {
  await signIn('lanhdao.lythaito')
  await page.goto(`${env.url}/proposals/${ids.proposal}`)
  await page.getByTestId('draft-decision').click()
  await h1('Soạn quyết định khen thưởng').waitFor()
  await page.getByLabel('Chức vụ').fill('Chủ tịch')
  await page.getByLabel('Họ và tên').fill('Vũ Bích Hiền')
  await noAxeViolations('decision editor')
  // The preview follows the edits: a PDF made by POST /decisions/preview, shown from a blob URL.
  const frame = page.getByTestId('preview-frame')
  await page.getByTestId('decision-preview').getByText('Bản xem trước tự cập nhật').waitFor()
  const src = await frame.getAttribute('src')
  assert.match(src, /^blob:/)
  const head = await page.evaluate(async (u) => new TextDecoder().decode((await (await fetch(u)).arrayBuffer()).slice(0, 5)), src)
  assert.equal(head, '%PDF-')
  await settle(page, 1500)
  await screenshot(page, 'awards-decision-editor')
})

test('the signer issues the decision: numbered in the People’s Committee’s series, one certificate', async () => {
  if (!/\/decisions\/new/.test(page.url())) {
    await signIn('lanhdao.lythaito')
    await page.goto(`${env.url}/decisions/new?proposal=${ids.proposal}`)
  }
  await page.getByLabel('Chức vụ').fill('Chủ tịch')
  await page.getByLabel('Họ và tên').fill('Vũ Bích Hiền')
  await page.getByTestId('issue-decision').click()
  const confirm = page.getByRole('dialog', { name: 'Ban hành quyết định' })
  await confirm.getByRole('button', { name: 'Ban hành quyết định' }).click()
  await page.getByTestId('decision-title').getByText(/Quyết định số \d+\/QĐ-UBND/).waitFor()
  ids.decision = Number(/decisions\/(\d+)/.exec(page.url())[1])
  ids.symbol = /Quyết định số (\S+)/.exec(await page.getByTestId('decision-title').innerText())[1]
  await page.getByTestId('decision-status').getByText('Đã ban hành').waitFor()
  await page.getByTestId('beneficiaries').getByText('Tổ dân vận số 1').waitFor()
  await noAxeViolations('decision page')
  const certs = (await (await page.request.get(`${env.url}/api/v1/certificates?decision_id=${ids.decision}`)).json()).items
  assert.equal(certs.length, 1)
  ids.certificate = certs[0].id
  ids.publicId = certs[0].public_id
  assert.equal(certs[0].verify_url, `/verify/${ids.publicId}`)
  assert.equal(await page.getByTestId('certificate-verify').getAttribute('href'), `/verify/${ids.publicId}`)

  // The certificate list, filtered by the decision.
  await nav().getByRole('link', { name: 'Giấy khen', exact: true }).click()
  await h1('Giấy khen').waitFor()
  await page.getByTestId('certificates-decision').click()
  await page.getByRole('option', { name: `${ids.symbol} (${dmy(today())})` }).click()
  await page.getByTestId('certificates-table').getByRole('row').filter({ hasText: 'Tổ dân vận số 1' }).waitFor()
  assert.equal(await page.getByTestId('certificates-table').getByRole('row').count(), 2)
  await noAxeViolations('certificates')
})

test('the decision PDF is served (GET /decisions/{id}/pdf) with its parts; the certificate as a PDF', async () => {
  await page.goto(`${env.url}/decisions/${ids.decision}`)
  const text = await pdfText(await page.getByTestId('decision-pdf').getAttribute('href'), 'decision')
  const flat = text.replace(/\s+/g, ' ')
  for (const part of ['QUYẾT ĐỊNH', ids.symbol, 'Tổ dân vận số 1', 'Vũ Bích Hiền']) assert.ok(flat.includes(part), `the decision PDF has ${part}`)
  const certText = await pdfText(await page.getByTestId('certificate-pdf').getAttribute('href'), 'certificate')
  assert.match(certText.replace(/\s+/g, ' '), /Tổ dân vận số 1/)
})

test('print all certificates: a progress bar polling the job, then one PDF', async () => {
  await page.goto(`${env.url}/decisions/${ids.decision}`)
  await page.getByTestId('print-all').click()
  await page.getByTestId('print-progress').getByText('Đã tạo xong 1 giấy khen').waitFor({ timeout: 30_000 })
  await pdfText(await page.getByTestId('print-pdf').getAttribute('href'), 'printed certificates')
  await noAxeViolations('decision page, printed')
  await screenshot(page, 'awards-decision')
})

test('the certificate is signed and downloads as an Open Badges credential (compact JWS)', async () => {
  const cert = await (await page.request.get(`${env.url}/api/v1/certificates/${ids.certificate}`)).json()
  assert.equal(cert.signed, true, 'signed when the decision was issued')
  const jwt = await page.request.get(`${env.url}/api/v1/certificates/${ids.certificate}/credential`)
  assert.equal(jwt.status(), 200)
  assert.match(jwt.headers()['content-type'] ?? '', /^application\/vc\+jwt/)
  assert.match((await jwt.text()).trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/)
  await logOut(page)
})

test('the QR link opens on a phone without logging in: genuine', async () => {
  await page.context().clearCookies()
  await page.setViewportSize(PHONE)
  await page.goto(`${env.url}/verify/${ids.publicId}`)
  const state = page.getByTestId('verify-state')
  await state.getByText('Giấy khen hợp lệ').waitFor()
  await state.getByText('Genuine certificate').waitFor()
  const details = page.getByTestId('verify-details')
  assert.equal(await details.getByTestId('beneficiary').innerText(), 'Tổ dân vận số 1')
  assert.match(await details.getByTestId('decision').innerText(), new RegExp(`Số ${ids.symbol.replace(/[/.]/g, '\\$&')} ngày ${dmy(today())}`))
  assert.equal(await details.getByTestId('issuer').innerText(), UBND)
  assert.equal(await page.getByRole('navigation').count(), 0, 'no staff navigation')
  assert.equal(await page.getByTestId('verify-revocation').count(), 0)
  await fitsWidth()
  await noAxeViolations('verify page, genuine, phone')
  await screenshot(page, 'awards-verify-genuine-phone')
  await page.setViewportSize(DESKTOP)
})

test('the signer revokes the decision with a reason and a date', async () => {
  await signIn('lanhdao.lythaito')
  await page.goto(`${env.url}/decisions/${ids.decision}`)
  await page.getByTestId('revoke').click()
  const dialog = page.getByRole('dialog', { name: `Thu hồi Quyết định số ${ids.symbol}` })
  await dialog.waitFor()
  await page.getByTestId('confirm-revoke').click()
  await dialog.getByText('Thu hồi quyết định phải nêu lý do.').waitFor()
  await dialog.getByLabel('Lý do thu hồi').fill(REASON)
  await noAxeViolations('revoke dialog')
  await page.getByTestId('confirm-revoke').click()
  await page.getByTestId('decision-status').getByText('Đã thu hồi').waitFor()
  await page.getByTestId('revocation').getByText(REASON, { exact: false }).waitFor()
  await page.goto(`${env.url}/proposals/${ids.proposal}`)
  await page.getByTestId('proposal-status').getByText('Đã thu hồi').waitFor()
  await logOut(page)
})

test('the same QR link now says revoked, when and why', async () => {
  await page.context().clearCookies()
  await page.setViewportSize(PHONE)
  await page.goto(`${env.url}/verify/${ids.publicId}`)
  const state = page.getByTestId('verify-state')
  await state.getByText('Giấy khen đã bị thu hồi').waitFor()
  await state.getByText('This certificate has been revoked').waitFor()
  assert.equal(await page.getByTestId('revoked-on').innerText(), dmy(today()))
  assert.equal(await page.getByTestId('revocation-reason').innerText(), REASON)
  await fitsWidth()
  await noAxeViolations('verify page, revoked, phone')
  await screenshot(page, 'awards-verify-revoked-phone')
})

test('an unknown code: “Không tìm thấy giấy khen”', async () => {
  await page.goto(`${env.url}/verify/khong-co-ma-nay`)
  const state = page.getByTestId('verify-state')
  await state.getByText('Không tìm thấy giấy khen').waitFor()
  await state.getByText('No such certificate').waitFor()
  assert.equal(await page.getByTestId('verify-details').count(), 0)
  await fitsWidth()
  await noAxeViolations('verify page, unknown, phone')
  await page.setViewportSize(DESKTOP)
})

test('the decision list keeps its view in the address; an older choice failing late is not shown; the menu shows the list afresh', async () => {
  await signIn('canbo.lythaito')
  const thisYear = today().slice(0, 4)
  // The list of 2022 is held back until this year's list is shown, and then fails: the page must not show it.
  let release
  const released = new Promise((resolve) => { release = resolve })
  let failed
  const failedLate = new Promise((resolve) => { failed = resolve })
  const of2022 = /\/api\/v1\/decisions\?.*year=2022/
  await page.route(of2022, async (route) => {
    await released
    await route.fulfill({ status: 500, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'test_failure', message: 'Lỗi thử nghiệm', message_en: 'Test failure' } }) })
    failed()
  })
  await page.goto(`${env.url}/decisions?unit=${ids.unit}&year=2022`)
  await h1('Quyết định khen thưởng').waitFor()
  await page.getByTestId('decisions-year').click()
  await page.getByRole('option', { name: thisYear, exact: true }).click()
  const table = page.getByTestId('decisions-table')
  // Numbers restart each year (2022 has its 1/QĐ-UBND too): the decision is found by its link.
  const issued = table.locator(`a[href="/decisions/${ids.decision}"]`)
  await issued.waitFor()
  await page.waitForURL((u) => u.searchParams.get('year') === thisYear && u.searchParams.get('unit') === String(ids.unit))
  release()
  await failedLate
  await settle(page)
  assert.equal(await page.getByRole('alert').count(), 0, 'the late failure of 2022 is not shown')
  await issued.waitFor()
  assert.equal(await table.getByText('12/10/2022').count(), 0)
  await page.unroute(of2022)

  // A reload keeps the view.
  await page.reload()
  await issued.waitFor()
  assert.equal(await page.getByTestId('decisions-year').getByText(thisYear, { exact: true }).count(), 1)

  // The menu leads to the page already open: the unit's list of every year, page 1.
  await nav().getByRole('link', { name: 'Quyết định', exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/decisions' && u.searchParams.get('unit') === String(ids.unit) && !u.searchParams.has('year'))
  await table.getByText('12/10/2022').first().waitFor()
  await issued.waitFor()
  assert.equal(await page.getByTestId('decisions-year').getByText(thisYear, { exact: true }).count(), 0)
})

test('the ceremony of 13/10/2022: its program in order, and as a calendar', async () => {
  await signIn('canbo.lythaito')
  await nav().getByRole('link', { name: 'Ngày hội', exact: true }).click()
  await h1('Ngày hội “Dân vận khéo”').waitFor()
  await page.getByTestId('events').getByRole('link', { name: /Ngày hội "Dân vận khéo" phường Lý Thái Tổ năm 2022/ }).click()
  await page.getByTestId('event-title').waitFor()
  ids.event = Number(/events\/(\d+)/.exec(page.url())[1])
  await page.getByText('13/10/2022', { exact: false }).first().waitFor()
  await page.getByTestId('anniversaries').getByText('Kỷ niệm 92 năm').waitFor()
  const segments = await page.getByTestId('program').locator(':scope > li h3').allInnerTexts()
  assert.equal(segments.length, 7)
  assert.match(segments[0], /^Phát biểu chỉ đạo/)
  assert.match(segments[3], /công nhận và thưởng 10 tập thể và 03 cá nhân/)
  assert.match(segments[6], /Tổ dân vận số 3/)
  const ics = await page.request.get(`${env.url}${await page.getByTestId('calendar-ics').getAttribute('href')}`)
  assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/)
  assert.match(await ics.text(), /BEGIN:VEVENT/)
  await noAxeViolations('event page')
  await page.setViewportSize(PHONE)
  await settle(page)
  await fitsWidth()
  await screenshot(page, 'awards-event-phone')
  await page.setViewportSize(DESKTOP)
})

test('the ceremony’s program as a PDF (GET /events/{id}/program.pdf)', async () => {
  await page.goto(`${env.url}/events/${ids.event}`)
  const program = await pdfText(await page.getByTestId('program-pdf').getAttribute('href'), 'program')
  assert.match(program.replace(/\s+/g, ' '), /Tổ dân vận số 3/)
  await logOut(page)
})

test('no page logged an error', () => {
  assert.deepEqual(env.pageErrors, [])
})

/** The smallest PDF that is a PDF (one empty page). */
function minimalPdf() {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']
  let out = '%PDF-1.4\n'
  const offsets = []
  objects.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}
