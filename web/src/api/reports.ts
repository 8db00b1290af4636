// Reports (src/http/openapi.json, tag "reports"): counts per unit, optionally rolled up into the successor units.
import { api } from './client'

export interface ReportUnit {
  id: number
  name: string
  level: string
  parent_name: string
  valid_from: string
  valid_to: string | null
}

export interface UnitTally {
  unit: ReportUnit
  models: number
  registered: number
  recognised: number
  adopted: number
  certificates: number
  by_status: Record<string, number>
  rolled_up_from: ReportUnit[]
  split_into: ReportUnit[]
}

export interface ModelsByUnitReport {
  unit: ReportUnit
  year: number | null
  as_of: string
  roll_up: boolean
  rows: UnitTally[]
  total: UnitTally
}

export const modelsByUnit = (q: { unit_id: number; year?: number; as_of?: string; roll_up: boolean }) =>
  api.get<ModelsByUnitReport>('/reports/models-by-unit', {
    unit_id: q.unit_id, year: q.year, as_of: q.as_of || undefined, roll_up: q.roll_up ? 'true' : 'false',
  })
