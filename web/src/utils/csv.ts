// Reading a CSV file in the browser (RFC 4180: commas, double quotes, quoted line breaks) to preview it and to
// name the rows an import wrote; the server reads the same text and is the judge of what is valid.

export interface CsvRecord {
  /** The line of the file the record starts on, counted from 1 like the server's report. */
  line: number
  fields: string[]
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '')
  const out: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  let any = false
  const endRecord = () => {
    fields.push(field)
    if (any || fields.length > 1 || field !== '') out.push({ line: start, fields })
    fields = []
    field = ''
    any = false
  }
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        if (c === '\n') line++
        field += c
      }
    } else if (c === '"') {
      quoted = true
      any = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      any = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else {
      field += c
    }
  }
  if (field !== '' || fields.length || any) endRecord()
  return out
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** Rows to CSV text, CRLF line ends and a byte-order mark, so spreadsheet programs read it as UTF-8. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`
}

export const IMPORT_COLUMNS = ['full_name', 'birth_year', 'gender', 'phone', 'email', 'address', 'organisation_id',
  'title', 'from'] as const
