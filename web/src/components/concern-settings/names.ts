// Names of organisations and units met in the settings (a default organisation, a rule's target or area), fetched
// once each; the number stands in until the name comes, or when it cannot be fetched.
import { reactive } from 'vue'

import { getOrganisation } from '@/api/community'
import { unitById } from '@/api/territory'

const organisations = reactive<Record<number, string>>({})
const units = reactive<Record<number, string>>({})

export function organisationName(id: number | null | undefined): string {
  if (!id) return ''
  if (!(id in organisations)) {
    organisations[id] = `#${id}`
    getOrganisation(id).then((o) => { organisations[id] = o.name }).catch(() => {})
  }
  return organisations[id]
}

export function unitName(id: number | null | undefined): string {
  if (!id) return ''
  if (!(id in units)) {
    units[id] = `#${id}`
    unitById(id).then((u) => { units[id] = u.name }).catch(() => {})
  }
  return units[id]
}
