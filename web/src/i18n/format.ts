// Dates read dd/mm/yyyy everywhere; timestamps are stored in UTC and shown in Vietnam's time (+07:00).

const TIME_ZONE = 'Asia/Ho_Chi_Minh'
/** The date the territory import gives a unit whose start is not known. */
export const UNKNOWN_START = '1900-01-01'

const pad = (n: number) => String(n).padStart(2, '0')

/** yyyy-mm-dd (or the date part of a timestamp) → dd/mm/yyyy; '' for null. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (m) return `${m[3]}/${m[2]}/${m[1]}`
  return formatDateTime(iso).slice(0, 10)
}

function partsInVietnam(d: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  return Object.fromEntries(parts.map((p) => [p.type, p.value]))
}

/** An ISO timestamp → dd/mm/yyyy HH:mm in Vietnam's time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = partsInVietnam(d)
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
}

/** Today in Vietnam as yyyy-mm-dd. */
export function todayIso(): string {
  const p = partsInVietnam(new Date())
  return `${p.year}-${p.month}-${p.day}`
}

/** dd/mm/yyyy → yyyy-mm-dd, or null when it is not a real date. */
export function parseDmy(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null
  return `${y}-${pad(mo)}-${pad(d)}`
}
