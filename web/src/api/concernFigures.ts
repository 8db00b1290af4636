// The figures of residents' concerns (src/http/openapi.json, "/api/v1/reports/concerns"; docs/concerns.md,
// "Figures"): the concerns sent in a period over a unit's subtree, rolled up across the merger by default.
import { api } from './client'

export type FiguresGroupBy = 'unit' | 'organisation' | 'category' | 'month'
export const FIGURES_GROUPS: FiguresGroupBy[] = ['unit', 'organisation', 'category', 'month']

export interface ConcernFiguresRow {
  /** A unit's or organisation's id, a category's code, `YYYY-MM`, `none` (no organisation yet) or `total`. */
  key: string
  label: string
  /** The units (group by unit) or category codes (group by category) counted in the row. */
  includes: string[]
  received: number
  resolved: number
  received_on_time: number
  resolved_on_time: number
  rejected: number
  out_of_scope: number
  duplicate: number
  open: number
  rating_count: number
  rating_mean: number | null
}

export interface ConcernFigures {
  unit_id: number
  unit_name: string
  group_by: FiguresGroupBy
  year: number | null
  from: string
  to: string
  as_of: string
  roll_up: boolean
  rows: ConcernFiguresRow[]
  total: ConcernFiguresRow
}

export interface ConcernFiguresQuery {
  unit_id: number
  year?: number
  from?: string
  to?: string
  group_by?: FiguresGroupBy
  as_of?: string
  roll_up?: boolean
}

export const concernFigures = (q: ConcernFiguresQuery) =>
  api.get<ConcernFigures>('/reports/concerns', {
    unit_id: q.unit_id, year: q.year, from: q.from || undefined, to: q.to || undefined, group_by: q.group_by,
    as_of: q.as_of || undefined, roll_up: q.roll_up === undefined ? undefined : q.roll_up ? 'true' : 'false',
  })
