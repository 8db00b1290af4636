// What the signed-in user may do in the movement, as the server decides it (docs/data-model.md, permissions):
// unit admins of the unit or above manage it; a unit member speaks for the organisation of their grant.
import { ref, watch, type Ref } from 'vue'

import { canManage } from '@/api/scope'
import { session } from '@/api/session'
import type { Model } from '@/api/types'

/** May the user manage the movement of the unit (campaigns, transitions, councils)? Follows the unit. */
export function useManages(unitId: Ref<number | null | undefined>) {
  const manages = ref(false)
  watch(unitId, async (id) => {
    manages.value = id ? await canManage(id) : false
  }, { immediate: true })
  return manages
}

/** Organisations the user speaks for as a unit member. */
export const memberOrganisations = (): number[] =>
  session.user?.grants.filter((g) => g.role === 'unit_member' && g.organisation_id).map((g) => g.organisation_id!) ?? []

/** Does the user speak for the model's owner organisation? */
export const speaksFor = (m: Pick<Model, 'owner_organisation_id'>): boolean =>
  !!m.owner_organisation_id && memberOrganisations().includes(m.owner_organisation_id)
