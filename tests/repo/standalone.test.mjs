// The project stands alone: a user's clone has nothing beside it, so no tracked file may read or name a path
// outside the checkout (the design folder the team reads, another checkout, a developer's home).

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

// What reaching outside looks like in this code base's languages. None names a particular folder: whatever lies
// beside a checkout, a clone has none of it. A test input that names such a path on purpose (a traversal attempt
// sent to the server) says so on its line with `standalone: allowed`.
const OUTSIDE = [
  [/['"`]\.\.[/\\]/, 'a relative path that climbs out of where it runs ("../…")'],
  [climbsAboveTheCheckout, "path pieces that climb above the checkout ('..', 'x')"],
  [/(?:REPO|ROOT_DIR|SOURCE_DIR|sourceDir)\}?\s*(?:,\s*['"]\.\.['"]|\/\.\.\/)/, 'a path above the checkout root'],
  [/(?<![\w.])\/work\/|\/home\/[a-z]/, 'an absolute path of a machine'],
]

// `'..', '..', 'src'`: pieces that climb and then name a folder. From the file's own folder (import.meta.url) they
// may climb as far as the checkout's root and no further; from anywhere else, not at all.
function climbsAboveTheCheckout(line, file) {
  const m = line.match(/((?:['"]\.\.['"]\s*,\s*)+)['"](?!\.\.['"])[^'"]+['"]/)
  if (!m) return false
  if (!line.includes('import.meta.url')) return true
  const climbs = m[1].match(/\.\./g).length
  return climbs > path.dirname(file).split('/').filter((p) => p && p !== '.').length
}

function trackedFiles() {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean)
  } catch {
    // Not a git checkout (an unpacked archive): every file but the build's and the packages'.
    const out = []
    const walk = (dir) => {
      for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name)
        if (['.git', 'build', 'node_modules', 'dist', '.ccache', 'data'].includes(e.name)) continue
        if (e.isDirectory()) walk(rel)
        else out.push(rel)
      }
    }
    walk('')
    return out
  }
}

export function findOutsideReferences(files, read) {
  const found = []
  for (const file of files) {
    const text = read(file)
    if (text === null || text.includes('\0')) continue
    text.split('\n').forEach((line, i) => {
      if (line.includes('standalone: allowed')) return
      const hit = OUTSIDE.find(([rule]) => (typeof rule === 'function' ? rule(line, file) : rule.test(line)))
      if (hit) found.push(`${file}:${i + 1}: ${hit[1]}: ${line.trim().slice(0, 120)}`)
    })
  }
  return found
}

const readTracked = (file) => {
  if (file === 'tests/repo/standalone.test.mjs') return null // this file lists the patterns themselves
  try {
    return fs.readFileSync(path.join(REPO, file), 'utf8')
  } catch {
    return null
  }
}

test('no tracked file reads or names a path outside the checkout', () => {
  const files = trackedFiles()
  assert.ok(files.length > 100, `expected the project's files, found ${files.length}`)
  assert.deepEqual(findOutsideReferences(files, readTracked), [])
})

test('the check finds each kind of reference outside the checkout', () => {
  const samples = {
    'a.cpp': 'std::ifstream in("../design/reference/merger.tsv");',
    'b.mjs': "const t = path.resolve(here, '..', 'design', 'x.tsv')",
    'c.sh': 'merger=${ROOT_DIR}/../other/x.tsv',
    'd.md': 'see /work/main/docs',
    'e.mjs': "send('GET', '/../../etc/passwd') // standalone: allowed (a traversal attempt)",
    'f.cpp': 'std::ifstream in(std::string(DANVAN_SOURCE_DIR) + "/src/services/demo/x.tsv");',
    'g.md': 'the table is in `../notes/merger.tsv`',
    'h.mjs': "const REPO = path.resolve(here, '..', '..')",
    'tests/i.mjs': "const data = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'x.tsv')",
    'tests/j.mjs': "const data = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'design', 'x.tsv')",
  }
  const found = findOutsideReferences(Object.keys(samples), (f) => samples[f])
  assert.deepEqual(found.map((l) => l.split(':')[0]), ['a.cpp', 'b.mjs', 'c.sh', 'd.md', 'g.md', 'tests/j.mjs'])
})
