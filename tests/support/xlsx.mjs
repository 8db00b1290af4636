// Reading a workbook back the way a user's office suite does (the JavaScript side of xlsx_tools.hpp): LibreOffice
// converts its first sheet to UTF-8 CSV, parsed into rows of cells as shown. Used by the HTTP and browser tests.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The first sheet of `bytes` as LibreOffice shows it: rows of cells. `dir` holds the files and a private profile. */
export function sheetAsShown(dir, bytes, name) {
  const file = path.join(dir, `${name}.xlsx`)
  fs.writeFileSync(file, bytes)
  const out = path.join(dir, 'csv')
  const run = spawnSync('libreoffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 })
  assert.equal(run.status, 0, `libreoffice: ${run.stdout}${run.stderr}`)
  return parseCsv(fs.readFileSync(path.join(out, `${name}.csv`), 'utf8'))
}

/** RFC 4180 CSV (quotes doubled inside quoted fields) into rows of fields. */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; ++i) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), ++i
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '')
    else if (c !== '\r') field += c
  }
  if (field || row.length) row.push(field), rows.push(row)
  return rows
}
