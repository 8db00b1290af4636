// Organisation kinds' names in the UI's language, from GET /organisation-kinds (fetched once).
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'

import { organisationKinds } from '@/api/community'
import type { OrganisationKind } from '@/api/types'

const loaded = ref<OrganisationKind[]>([])

export function useOrganisationKinds() {
  const { locale } = useI18n()
  if (!loaded.value.length) {
    organisationKinds().then((k) => { loaded.value = k }).catch(() => { /* the code is shown instead */ })
  }
  const byCode = computed(() => new Map(loaded.value.map((k) => [k.code, k])))
  const kindName = (code: string) => {
    const k = byCode.value.get(code)
    if (!k) return code
    return locale.value === 'en' ? k.name_en || k.name : k.name
  }
  return { kinds: loaded, kindName }
}
