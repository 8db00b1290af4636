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

/**
 * Every sheet of `bytes` with its stored values (numbers unformatted: a figure written as text would show as that
 * text), as LibreOffice reads them: { "sheet name": rows of cells }, in the workbook's order.
 */
export function sheetsOf(dir, bytes, name) {
  const file = path.join(dir, `${name}.xlsx`)
  fs.writeFileSync(file, bytes)
  const out = path.join(dir, `${name}-sheets`)
  fs.rmSync(out, { recursive: true, force: true })
  // The twelfth token, -1: each sheet to a file of its own, "<name>-<sheet>.csv" (LibreOffice 7.2 and later).
  const run = spawnSync('libreoffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, file],
  { encoding: 'utf8', timeout: 120_000 })
  assert.equal(run.status, 0, `libreoffice: ${run.stdout}${run.stderr}`)
  const sheets = {}
  for (const f of fs.readdirSync(out).sort())
    sheets[f.slice(name.length + 1, -'.csv'.length)] = parseCsv(fs.readFileSync(path.join(out, f), 'utf8'))
  return sheets
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
