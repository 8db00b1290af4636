// The compressed JavaScript a first visit to the log-in page downloads: index.html's entry, everything it
// imports statically, and the log-in route's chunk with its static imports, each gzipped (level 9) and summed.
// Reads dist/.vite/manifest.json (run after `vite build`; `npm run build` runs it). Exits 1 over the budget;
// --verbose lists the files.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const BUDGET = 250 * 1024
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'))

const files = new Set()
function walk(key) {
  const chunk = manifest[key]
  if (!chunk || files.has(chunk.file)) return
  files.add(chunk.file)
  for (const dep of chunk.imports ?? []) walk(dep)
}
walk('index.html')
walk('src/pages/LoginPage.vue')

let raw = 0
let gz = 0
const rows = []
for (const f of files) {
  const buf = fs.readFileSync(path.join(dist, f))
  const z = zlib.gzipSync(buf, { level: 9 }).length
  raw += buf.length
  gz += z
  rows.push([f, buf.length, z])
}
rows.sort((a, b) => b[2] - a[2])
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
if (process.argv.includes('--verbose')) {
  for (const [f, r, z] of rows) console.log(`${kb(z).padStart(9)} gzip  ${kb(r).padStart(9)} raw  ${f}`)
}
console.log(`log-in page JavaScript: ${kb(gz)} gzip (${kb(raw)} raw) in ${files.size} files; budget ${kb(BUDGET)}`)
if (gz > BUDGET) {
  console.error('over the budget')
  process.exit(1)
}
