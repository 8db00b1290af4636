import { api } from './client'
import type { Page, Unit, UnitFate, UnitLevel } from './types'

export interface UnitQuery {
  parent_id?: number
  roots?: boolean
  /** yyyy-mm-dd or dd/mm/yyyy */
  as_of?: string
  level?: UnitLevel
  q?: string
  page?: number
  page_size?: number
}

export const listUnits = (query: UnitQuery) => api.get<Page<Unit>>('/units', { ...query })

/** Every unit matching the query, page after page (children of a city can pass one page). */
export async function listAllUnits(query: UnitQuery, limit = 2000): Promise<Unit[]> {
  const pageSize = 200
  const out: Unit[] = []
  for (let page = 1; out.length < limit; page++) {
    const r = await listUnits({ ...query, page, page_size: pageSize })
    out.push(...r.items)
    if (r.items.length < pageSize || out.length >= r.total) break
  }
  return out
}

export const getUnit = (id: number) => api.get<Unit>(`/units/${id}`)
export const getSuccessors = (id: number) => api.get<UnitFate>(`/units/${id}/successors`)

// Names of units met in grants, fetched once each.
const names = new Map<number, Promise<Unit>>()
export function unitById(id: number): Promise<Unit> {
  let p = names.get(id)
  if (!p) {
    p = getUnit(id)
    p.catch(() => names.delete(id))
    names.set(id, p)
  }
  return p
}
