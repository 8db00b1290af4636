// Each role's home on the demo ward (issue: "after log-in each role lands on its own home"), on a desktop and on a
// phone: the blocks of the role, the charts drawn (SVG) with their tables beside them whose numbers are the API's,
// and no axe violation. A user granted on Thành phố Hà Nội compares every ward, rolled up across the 2025 merger.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { DESKTOP, PHONE, demoUser, expectFitsWidth, expectNoAxeViolations, logIn, logOut, screenshot, setUp } from './support.mjs'

let env
before(async () => {
  env = await setUp({ demo: true })
})
after(async () => {
  await env?.tearDown()
  assert.deepEqual(env?.pageErrors ?? [], [])
})

const ROLES = [
  { username: 'canbo.lythaito', blocks: ['officer'] },
  { username: 'todanvan3', blocks: ['member'] },
  { username: 'lanhdao.lythaito', blocks: ['signer'] },
  { username: 'hoidong.lythaito', blocks: ['council'] },
  { username: 'xem.lythaito', blocks: [] },
  { username: 'admin', blocks: ['city'] },
]

const api = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`, { credentials: 'same-origin' })).json(), path)
const cellText = async (locator) => Number((await locator.innerText()).trim())

/** The field × level table holds the API's cells, and its total the API's total. */
async function expectModelsTable(page, charts) {
  const table = page.getByTestId('home-table-models')
  await table.waitFor()
  const c = charts.models_by_field_level
  for (const f of c.fields) {
    for (const l of c.levels) {
      const expected = c.cells.find((x) => x.field === f.code && x.level === l.code)?.models ?? 0
      const td = table.locator(`tr[data-field="${f.code}"] td[data-level="${l.code}"]`)
      assert.equal(await cellText(td), expected, `${f.code} × ${l.code || 'none'}`)
    }
  }
  assert.equal(await cellText(page.getByTestId('home-models-total')), c.total)
  const months = page.getByTestId('home-table-concerns')
  for (const m of charts.concerns_by_month.months) {
    assert.equal(await cellText(months.locator(`tr[data-month="${m.month}"] td[data-col="received"]`)), m.received, m.month)
    assert.equal(await cellText(months.locator(`tr[data-month="${m.month}"] td[data-col="received_on_time"]`)), m.received_on_time, m.month)
  }
}

/** A chart is drawn: the lazily loaded chart renders an SVG inside an element that names it (ECharts' aria). */
async function expectChart(page, testId) {
  const chart = page.getByTestId(testId)
  await chart.locator('svg').first().waitFor()
  const labelled = chart.locator('[role="img"][aria-label]')
  assert.ok((await labelled.count()) >= 1, `${testId} has an aria label`)
  assert.match(await labelled.first().getAttribute('aria-label'), /bảng bên cạnh/)
}

for (const viewport of [DESKTOP, PHONE]) {
  const where = viewport === PHONE ? 'phone' : 'desktop'
  test(`each demo role lands on its home (${where})`, async () => {
    const page = await env.newPage()
    await page.setViewportSize(viewport)
    for (const role of ROLES) {
      await logIn(page, env.url, demoUser(role.username))
      await page.waitForURL((u) => u.pathname === '/')
      await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor()
      const home = await api(page, '/home')
      assert.deepEqual(home.blocks.map((b) => b.kind), role.blocks, role.username)
      for (const kind of role.blocks) await page.getByTestId(`home-block-${kind}`).waitFor()
      if (!role.blocks.length) await page.getByTestId('home-nothing').waitFor()
      if (role.username === 'canbo.lythaito') {
        await page.getByTestId('home-plan').waitFor()  // the plan's place, until plans fill it
        assert.equal(home.blocks[0].plan, null)
        await page.getByTestId('home-deadlines').waitFor()
      }
      if (role.username === 'todanvan3') {
        const links = page.getByTestId('home-models').getByRole('link')
        assert.equal(await links.count(), home.blocks[0].models.items.length)
        assert.ok(home.blocks[0].models.items.length >= 1, 'Tổ dân vận số 3 has its Covid-19 model')
      }
      await expectChart(page, 'home-chart-models')
      await expectChart(page, 'home-chart-concerns')
      await expectModelsTable(page, home.charts)
      if (viewport === PHONE) await expectFitsWidth(page)
      await screenshot(page, `home-${role.username}-${where}`)
      await expectNoAxeViolations(page, `home of ${role.username} (${where})`)
      // The units are still one link away.
      if (viewport === DESKTOP) await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn vị hành chính' }).waitFor()
      await logOut(page)
    }
    await page.close()
  })
}

test('a user of the city compares every ward, rolled up across the 2025 merger', async () => {
  const page = await env.newPage()
  await logIn(page, env.url, demoUser('admin'))
  const me = await api(page, '/me')
  const units = await api(page, '/units?q=ha%20noi&page_size=20')
  const hanoi = units.items.find((u) => u.name === 'Thành phố Hà Nội')
  assert.ok(hanoi, 'the demo has Hà Nội')
  const made = await page.evaluate(async ([unitId, csrf]) => {
    const r = await fetch('/api/v1/users', { method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ username: 'canbo.hanoi', display_name: 'Cán bộ Ban Dân vận Thành ủy', password: 'mật-khẩu-thành-phố-2025',
        grants: [{ role: 'viewer', unit_id: unitId }] }) })
    return { status: r.status, body: await r.json() }
  }, [hanoi.id, me.csrf_token])
  assert.equal(made.status, 201, JSON.stringify(made.body))
  await logOut(page)

  await logIn(page, env.url, { username: 'canbo.hanoi', password: 'mật-khẩu-thành-phố-2025' })
  await page.getByTestId('home-block-city').waitFor()
  const home = await api(page, '/home')
  const city = home.blocks.find((b) => b.kind === 'city')
  assert.equal(city.unit.id, hanoi.id)
  const hk = city.wards.find((w) => w.unit.name === 'Phường Hoàn Kiếm')
  assert.ok(hk && hk.rolled_up_from.includes('Phường Lý Thái Tổ'), JSON.stringify(hk))
  assert.ok(hk.models >= 19, 'Lý Thái Tổ’s models count under phường Hoàn Kiếm')
  await expectChart(page, 'home-chart-city')
  const table = page.getByTestId('home-table-city')
  for (const w of city.wards) {
    const row = table.locator(`tr[data-unit-id="${w.unit.id}"]`)
    assert.equal(await cellText(row.locator('td[data-col="models"]')), w.models, w.unit.name)
    assert.equal(await cellText(row.locator('td[data-col="concerns_received"]')), w.concerns_received, w.unit.name)
  }
  await table.getByText('Gồm: Phường Hàng Bạc, Phường Lý Thái Tổ').first().waitFor()
  await screenshot(page, 'home-city')
  await expectNoAxeViolations(page, 'the city home')
  await page.setViewportSize(PHONE)
  await expectFitsWidth(page)
  await expectNoAxeViolations(page, 'the city home on a phone')
  await page.close()
})
