// The signed-in user's home (src/http/openapi.json, "/api/v1/home"): one block per role on its units, a city
// block for a grant on a city, and the charts' figures. Lists hold at most 8 items; `total` counts them all.
import type { PlanProgress } from './yearReport'
import { api } from './client'

export interface HomeUnit { id: number; name: string; level: 'province' | 'district' | 'commune' }
export interface HomePage<T> { items: T[]; total: number }

export interface HomeCampaign {
  id: number
  title: string
  status: 'draft' | 'open' | 'closed'
  starts_on: string
  ends_on: string
  registration_deadline: string
  deadline_passed: boolean
  interim_review_on: string | null
  final_review_on: string | null
}

export interface HomeRegistration {
  organisation_id: number
  organisation_name: string
  registered: number
  min_models: number
  max_models: number | null
  state: 'ok' | 'missing' | 'over' | 'not_required'
}

export interface HomeProposal { id: number; title: string; status: string; unit_id: number; year: number; updated_at: string }
export interface HomeConcern {
  id: number
  code: string
  status: string
  summary: string
  due_at: string | null
  overdue: boolean
  organisation_id: number | null
}
export interface HomeModel { id: number; title: string; status: string; field: string; campaign_id: number; recognition_level: string | null }
export interface HomeSession {
  id: number
  council_id: number
  council_name: string
  campaign_id: number
  unit_id: number
  held_on: string
  status: 'open' | 'scoring_closed'
}
export interface CityWard {
  unit: HomeUnit
  rolled_up_from: string[]
  split_into: string[]
  models: number
  recognised: number
  concerns_received: number
  concerns_received_on_time: number
  concerns_resolved: number
  concerns_resolved_on_time: number
}

export type HomeBlock =
  | {
      kind: 'officer'
      unit: HomeUnit
      campaign: HomeCampaign | null
      registrations_expected: HomeRegistration[]
      proposals: HomePage<HomeProposal>
      concerns: HomePage<HomeConcern>
      /** The unit's own plan of the year, each target's progress as of the home's date; null without one. */
      plan: PlanProgress | null
    }
  | {
      kind: 'member'
      unit: HomeUnit
      organisation: { id: number; name: string } | null
      campaign: HomeCampaign | null
      registration: HomeRegistration | null
      models: HomePage<HomeModel>
      concerns: HomePage<HomeConcern>
    }
  | { kind: 'signer'; unit: HomeUnit; proposals: HomePage<HomeProposal> }
  | { kind: 'council'; unit: HomeUnit; sessions: HomeSession[] }
  | { kind: 'city'; unit: HomeUnit; wards: CityWard[]; total: CityWard }

export interface HomeCharts {
  unit: { id: number; name: string }
  models_by_field_level: {
    fields: { code: string; name_vi: string; name_en: string }[]
    /** Level "" : not (yet) recognised at a level. */
    levels: { code: string; name: string }[]
    cells: { field: string; level: string; models: number }[]
    total: number
  }
  concerns_by_month: {
    year: number
    months: { month: string; label: string; received: number; received_on_time: number; resolved: number; resolved_on_time: number }[]
    received: number
    received_on_time: number
  }
}

export interface Home {
  as_of: string
  year: number
  blocks: HomeBlock[]
  charts: HomeCharts | null
}

export const getHome = (asOf?: string) => api.get<Home>('/home', { as_of: asOf || undefined })
