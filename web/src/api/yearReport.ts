// The year report of the movement (src/http/openapi.json, GET/PUT /reports/year, its PDF and preview;
// docs/year-report.md): figures counted from the records, and the text the officer writes around them.
import { api, download, request } from './client'
import type { ConcernFiguresRow } from './concernFigures'

export interface YearFieldRow {
  code: string
  name: string
  collective: number
  individual: number
  models: number
  registered: number
  recognised: number
  replicated: number
}

export interface IssuerRewards {
  issuer_id: number | null
  issuer_name: string
  decisions: number
  collectives: number
  individuals: number
  amount: number
}

export interface YearTarget {
  id: number
  kind: string
  name: string
  name_en: string
  unit: string
  unit_en: string
  measure: 'count' | 'percent' | 'mean'
  target: number
  value: number | null
  percent: number
  met: boolean
}

/** A plan's progress in short (the home's and the year report's): each task with its targets' values. */
export interface PlanProgress {
  id: number
  title: string
  year: number
  as_of: string
  targets: number
  met: number
  tasks: { code: string; name: string; name_en: string; targets: YearTarget[] }[]
}

export interface YearReportText {
  saved: boolean
  issuer_id: number | null
  number: string
  reported_on: string | null
  situation: string
  highlights: string
  assessment: string
  directions: string
  recipients: string
  signer_capacity: string
  signer_title: string
  signer_name: string
  updated_by: string
  updated_at: string
}

export interface YearReport {
  unit_id: number
  unit_name: string
  year: number
  as_of: string
  roll_up: boolean
  can_edit: boolean
  issuer_id: number | null
  issuers: { id: number; name: string; kind: string; document_format: 'state' | 'party'; symbol: string }[]
  text: YearReportText
  figures: {
    fields: YearFieldRow[]
    fields_total: YearFieldRow
    levels: { code: string; name: string; models: number }[]
    recognised_at_levels: number
    rewards: IssuerRewards[]
    rewards_total: IssuerRewards
    concerns: ConcernFiguresRow[]
    concerns_total: ConcernFiguresRow
    plan: PlanProgress | null
  }
}

/** What PUT /reports/year keeps (and the preview prints): the text without what the server fills in. */
export type YearReportInput = Omit<YearReportText, 'saved' | 'reported_on' | 'updated_by' | 'updated_at'> & {
  unit_id: number
  year: number
  /** yyyy-mm-dd; absent: the day it is printed */
  reported_on?: string
}

export const getYearReport = (unitId: number, year: number, rollUp: boolean) =>
  api.get<YearReport>('/reports/year', { unit_id: unitId, year, roll_up: rollUp ? 'true' : 'false' })

export const saveYearReport = (input: YearReportInput) => api.put<YearReport>('/reports/year', input)

export const previewYearReport = (input: YearReportInput, rollUp: boolean, signal?: AbortSignal) =>
  request<Blob>('POST', '/reports/year/preview', { body: { ...input, roll_up: rollUp }, accept: 'application/pdf', signal, blob: true })

export const yearReportPdf = (unitId: number, year: number, rollUp: boolean) =>
  download('/reports/year/pdf', { unit_id: unitId, year, roll_up: rollUp ? 'true' : 'false' }, {
    accept: 'application/pdf', fallbackName: `bao-cao-tong-ket-${year}.pdf`,
  })
