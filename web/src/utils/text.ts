// Text helpers for what the browser filters by itself (the server folds its own searches).

/** Lower case without Vietnamese diacritics, đ included: "Tổ dân vận" → "to dan van". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase()
}

/** Does `text` contain every word of `query`, ignoring case and diacritics? */
export function matches(text: string, query: string): boolean {
  const hay = fold(text)
  return fold(query).split(/\s+/).filter(Boolean).every((w) => hay.includes(w))
}
