// Which unit a page starts on, and what the signed-in user may do there (docs/data-model.md, permissions):
// a grant on a unit covers its subunits; system admins may do everything.
import { ref } from 'vue'

import { session } from './session'
import { unitById } from './territory'

/** The unit last chosen on the organisations, people or import page, so moving between them keeps it. */
export const lastUnitId = ref<number | null>(null)

/** The unit a page opens on: the one in the address, else the last one chosen, else the first grant's. */
export function startingUnitId(fromQuery: unknown): number | null {
  const n = Number(fromQuery)
  if (Number.isInteger(n) && n > 0) return n
  if (lastUnitId.value) return lastUnitId.value
  return session.user?.grants.find((g) => g.unit_id)?.unit_id ?? null
}

/** The unit and its ancestors' ids (the unit first). */
async function ancestry(unitId: number): Promise<number[]> {
  const u = await unitById(unitId)
  return [u.id, ...(u.ancestors ?? []).map((a) => a.id)]
}

/** May the user manage organisations, people and imports of the unit (system admin, or unit admin above it)? */
export async function canManage(unitId: number | null): Promise<boolean> {
  const user = session.user
  if (!user || !unitId) return false
  if (user.grants.some((g) => g.role === 'system_admin')) return true
  const admin = user.grants.filter((g) => g.role === 'unit_admin' && g.unit_id)
  if (!admin.length) return false
  if (admin.some((g) => g.unit_id === unitId)) return true
  try {
    const ids = await ancestry(unitId)
    return admin.some((g) => ids.includes(g.unit_id!))
  } catch {
    return false
  }
}
