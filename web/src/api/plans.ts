// The year's plans with targets and the outreach activities that feed them (src/http/openapi.json, tag "plans";
// docs/plans.md). A counted target's value comes from the records; a reported one from its latest report.
import { api } from './client'
import type { Upload } from './files'

export type Measure = 'count' | 'percent' | 'mean'

export interface PlanTask { code: string; position: number; name: string; name_en: string }
export interface TargetKind {
  code: string
  task: string
  name: string
  name_en: string
  unit: string
  unit_en: string
  metric: string | null
  outreach_kind: string | null
  measure: Measure
  source: 'counted' | 'reported'
}
export interface ActivityKind { code: string; name: string; name_en: string }
export interface PlanReference { tasks: PlanTask[]; target_kinds: TargetKind[]; activity_kinds: ActivityKind[] }

export interface PlanFile {
  id: number
  file_name: string
  media_type: string
  size_bytes: number
  url: string
  thumbnail_url?: string
}

export interface TargetReport {
  id: number
  target_id: number
  reported_on: string
  value: number
  evidence: string
  reported_by: string
  created_at: string
  files: PlanFile[]
}

export interface PlanTarget {
  id: number
  plan_id: number
  kind: string
  target: number
  notes: string
  position: number
  carried_from_id: number | null
}

export interface TargetProgress extends PlanTarget {
  kind_info: TargetKind
  value: number | null
  percent: number
  met: boolean
  latest_report: TargetReport | null
  reports: TargetReport[]
}

export interface Plan {
  id: number
  unit_id: number
  organisation_id: number | null
  organisation_name: string | null
  year: number
  title: string
  notes: string
  carried_from_id: number | null
  created_by: string
  created_at: string
  updated_at: string
}

export interface PlanSection { task: string; position: number; name: string; name_en: string; targets: TargetProgress[] }

export interface PlanView extends Plan {
  unit_name: string
  as_of: string
  targets: number
  met: number
  can_edit: boolean
  sections: PlanSection[]
}

export type UploadFile = Upload

export interface OutreachActivity {
  id: number
  unit_id: number
  organisation_id: number | null
  organisation_name: string | null
  kind: string
  kind_name: string
  held_on: string
  place: string
  topic: string
  attendance: number
  notes: string
  is_demo: boolean
  created_by: string
  file_count: number
  files: PlanFile[]
  can_edit: boolean
}

export interface ActivityInput {
  unit_id: number
  organisation_id?: number
  kind: string
  held_on: string
  place: string
  topic: string
  attendance: number
  notes?: string
  files?: UploadFile[]
}

export interface ActivityQuery {
  unit_id: number
  year?: number
  kind?: string
  organisation_id?: number
  page?: number
  page_size?: number
}

export interface Paged<T> { items: T[]; total: number; page: number; page_size: number }

let reference: Promise<PlanReference> | null = null
/** The tasks, target kinds and activity kinds: reference data, fetched once. */
export function planReference(): Promise<PlanReference> {
  reference ??= api.get<PlanReference>('/plan-reference').catch((e) => {
    reference = null
    throw e
  })
  return reference
}

export const plansApi = {
  list: (unitId: number, year?: number) => api.get<{ items: Plan[] }>('/plans', { unit_id: unitId, year }),
  create: (body: { unit_id: number; organisation_id?: number; year: number; title?: string; notes?: string;
    targets?: { kind: string; target: number; notes?: string }[] }) => api.post<PlanView>('/plans', body),
  get: (id: number, asOf?: string) => api.get<PlanView>(`/plans/${id}`, { as_of: asOf }),
  update: (id: number, body: { title?: string; notes?: string }) => api.patch<PlanView>(`/plans/${id}`, body),
  carryOver: (id: number) => api.post<{ plan: PlanView; ended: TargetProgress[] }>(`/plans/${id}/carry-over`),
  addTarget: (planId: number, body: { kind: string; target: number; notes?: string }) =>
    api.post<PlanTarget>(`/plans/${planId}/targets`, body),
  updateTarget: (id: number, body: { target: number; notes?: string }) => api.patch<PlanTarget>(`/plan-targets/${id}`, body),
  deleteTarget: (id: number) => api.del(`/plan-targets/${id}`),
  report: (id: number, body: { reported_on: string; value: number; evidence: string; files?: UploadFile[] }) =>
    api.post<TargetReport>(`/plan-targets/${id}/reports`, body),
  activities: (q: ActivityQuery) => api.get<Paged<OutreachActivity>>('/outreach-activities', { ...q }),
  activity: (id: number) => api.get<OutreachActivity>(`/outreach-activities/${id}`),
  createActivity: (body: ActivityInput) => api.post<OutreachActivity>('/outreach-activities', body),
  updateActivity: (id: number, body: ActivityInput) => api.put<OutreachActivity>(`/outreach-activities/${id}`, body),
  addActivityFiles: (id: number, files: UploadFile[]) => api.post<OutreachActivity>(`/outreach-activities/${id}/files`, { files }),
}

/** A value as people read it: "12", "87,5 %", "4,2". */
export function formatValue(value: number | null, measure: Measure, locale: string): string {
  if (value === null) return '—'
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(value)
  return measure === 'percent' ? `${n} %` : n
}
