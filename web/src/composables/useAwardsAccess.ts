// What the signed-in user may do with a unit's awards, as the server decides it (docs/data-model.md, permissions):
// unit admins propose and review; unit members propose; signers return, issue and revoke decisions. A grant on a
// unit covers the units below it; system admins may do everything.
import { ref, watch, type Ref } from 'vue'

import { session } from '@/api/session'
import { unitById } from '@/api/territory'
import type { Role } from '@/api/types'

/** Does the user hold one of `roles` on the unit or a unit above it (or is a system admin)? */
export async function holdsOver(unitId: number | null | undefined, roles: Role[]): Promise<boolean> {
  const user = session.user
  if (!user || !unitId) return false
  if (user.grants.some((g) => g.role === 'system_admin')) return true
  const grants = user.grants.filter((g) => roles.includes(g.role) && g.unit_id)
  if (!grants.length) return false
  if (grants.some((g) => g.unit_id === unitId)) return true
  try {
    const u = await unitById(unitId)
    const ids = [u.id, ...(u.ancestors ?? []).map((a) => a.id)]
    return grants.some((g) => ids.includes(g.unit_id!))
  } catch {
    return false
  }
}

export function useAwardsAccess(unitId: Ref<number | null | undefined>) {
  const reviews = ref(false)
  const proposes = ref(false)
  const signs = ref(false)
  watch(unitId, async (id) => {
    const [r, p, s] = await Promise.all([holdsOver(id, ['unit_admin']), holdsOver(id, ['unit_admin', 'unit_member']),
      holdsOver(id, ['signer'])])
    reviews.value = r
    proposes.value = p
    signs.value = s
  }, { immediate: true })
  return { reviews, proposes, signs }
}
