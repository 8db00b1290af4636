// A PDF made by the server from what the page holds (a draft decision, a year report's unsaved text), shown from a
// blob URL: a newer request cancels the older, the URL of the previous PDF is released, and so is the last one when
// the page goes.
import { onBeforeUnmount, ref } from 'vue'

/** `make` asks for the PDF (null when there is nothing to preview yet). */
export function usePdfPreview(make: (signal: AbortSignal) => Promise<Blob> | null) {
  const url = ref('')
  const busy = ref(false)
  const error = ref<unknown>(null)
  let inFlight: AbortController | null = null

  async function refresh() {
    inFlight?.abort()
    const mine = new AbortController()
    const asked = make(mine.signal)
    if (!asked) return
    inFlight = mine
    busy.value = true
    try {
      const blob = await asked
      if (mine.signal.aborted) return
      if (url.value) URL.revokeObjectURL(url.value)
      url.value = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }))
      error.value = null
    } catch (e) {
      if (!mine.signal.aborted) error.value = e
    } finally {
      if (inFlight === mine) busy.value = false
    }
  }

  onBeforeUnmount(() => {
    inFlight?.abort()
    if (url.value) URL.revokeObjectURL(url.value)
  })
  return { url, busy, error, refresh }
}
