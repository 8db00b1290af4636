// Money in đồng, no decimals: 540.000 đ (Vietnamese grouping whatever the UI's language).
export function formatMoney(amount: number | null | undefined): string {
  if (amount == null) return ''
  return `${Math.round(amount).toLocaleString('vi-VN')} đ`
}
