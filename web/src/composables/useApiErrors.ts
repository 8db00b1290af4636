// An API error next to the field it is about (details.field), or above the form when it is about no field shown.
import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'

import { ApiError, errorText } from '@/api/client'

export function useApiErrors(fields: readonly string[]) {
  const { locale } = useI18n()
  const byField = reactive<Record<string, ApiError>>({})
  const general = ref<unknown>(null)

  function clear(field?: string) {
    if (field) {
      delete byField[field]
      return
    }
    for (const k of Object.keys(byField)) delete byField[k]
    general.value = null
  }

  /** Files the error under its field, or as the form's general error. */
  function take(e: unknown) {
    clear()
    const field = e instanceof ApiError ? e.details.field ?? e.details.parameter : undefined
    if (e instanceof ApiError && typeof field === 'string' && fields.includes(field)) byField[field] = e
    else general.value = e
  }

  /** The message for a field in the UI's language, '' when there is none (el-form-item's `error`). */
  const of = (field: string) => (byField[field] ? byField[field].text(locale.value) : '')
  const generalText = computed(() => (general.value ? errorText(general.value, locale.value) : ''))

  return { take, clear, of, general, generalText }
}
