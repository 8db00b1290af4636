// The "Dân vận khéo" movement (src/http/openapi.json, tag "movement"): campaigns, registration, models and their
// progress reports, councils, sessions with scores and the secret ballot, and the public showcase.
import { api } from './client'
import type {
  Attachment, Campaign, Council, CouncilSession, FieldInfo, Indicator, Lineage, Model, ModelAction, ModelEvent, ModelInput,
  ModelKind, ModelStatus, NewAttachment, Page, ProgressReport, Registration, ReportKind, Vote,
} from './types'

// ---- fields: reference data, fetched once per page load
let fields: Promise<FieldInfo[]> | null = null
export function listFields(): Promise<FieldInfo[]> {
  if (!fields) {
    fields = api.get<{ items: FieldInfo[] }>('/fields').then((r) => r.items)
    fields.catch(() => { fields = null })
  }
  return fields
}

// ---- campaigns
export const listCampaigns = (unitId?: number) =>
  api.get<{ items: Campaign[] }>('/campaigns', { unit_id: unitId }).then((r) => r.items)
export const getCampaign = (id: number) => api.get<Campaign>(`/campaigns/${id}`)
export const getRegistration = (id: number) => api.get<Registration>(`/campaigns/${id}/registration`)
export const reopenRegistration = (id: number, organisationId: number, until: string) =>
  api.post<void>(`/campaigns/${id}/reopenings`, { organisation_id: organisationId, until })
export const carryOver = (toId: number, body: { from_campaign_id: number; keep_model_ids: number[];
  close_model_ids: number[]; reason: string }) => api.post<{ items: Model[] }>(`/campaigns/${toId}/carry-over`, body)
export const listCouncils = (campaignId: number) =>
  api.get<{ items: Council[] }>(`/campaigns/${campaignId}/councils`).then((r) => r.items)

// Campaigns met on a page (a model's, a showcase card's), fetched once each.
const campaigns = new Map<number, Promise<Campaign>>()
export function campaignById(id: number): Promise<Campaign> {
  let p = campaigns.get(id)
  if (!p) {
    p = getCampaign(id)
    p.catch(() => campaigns.delete(id))
    campaigns.set(id, p)
  }
  return p
}

// ---- models
export interface ModelQuery {
  campaign_id?: number
  unit_id?: number
  organisation_id?: number
  status?: ModelStatus
  field?: string
  kind?: ModelKind
  year?: number
  q?: string
  page?: number
  page_size?: number
}

export const listModels = (query: ModelQuery) => api.get<Page<Model>>('/models', { ...query })
export const getModel = (id: number) => api.get<Model>(`/models/${id}`)
export const createModel = (m: ModelInput) => api.post<Model>('/models', m)
export const transitionModel = (id: number, action: ModelAction, reason = '') =>
  api.post<Model>(`/models/${id}/transitions`, reason ? { action, reason } : { action })
export const modelHistory = (id: number) => api.get<{ items: ModelEvent[] }>(`/models/${id}/history`).then((r) => r.items)
export const listReports = (id: number) => api.get<{ items: ProgressReport[] }>(`/models/${id}/reports`).then((r) => r.items)
export const addReport = (id: number, report: { kind: ReportKind; body: string; attachments: NewAttachment[] }) =>
  api.post<ProgressReport>(`/models/${id}/reports`, report)

export interface AdoptionInput {
  campaign_id: number
  owner_organisation_id: number
  title: string
  address: string
  indicators: Indicator[]
}
export const adoptModel = (sourceId: number, a: AdoptionInput) => api.post<Model>(`/models/${sourceId}/adoptions`, a)

// ---- the public showcase
export const listPublicModels = (query: ModelQuery) => api.get<Page<Model>>('/public/models', { ...query })
export const getPublicModel = (id: number) => api.get<Model>(`/models/${id}`, undefined, { redirectOn401: false })
export const publicPhotos = (id: number) =>
  api.get<{ items: Attachment[] }>(`/models/${id}/photos`).then((r) => r.items)
export const lineageOf = (id: number) => api.get<Lineage>(`/models/${id}/adoptions`)

// ---- councils and sessions
export const createCouncil = (c: { campaign_id: number; name: string; kind: Council['kind'];
  members: { user_id: number; role: string }[] }) => api.post<Council>('/councils', c)
export const openSession = (councilId: number, s: { held_on: string; present_member_ids: number[]; model_ids: number[] }) =>
  api.post<CouncilSession>(`/councils/${councilId}/sessions`, s)
export const getSession = (id: number) => api.get<CouncilSession>(`/sessions/${id}`)
export const submitScores = (id: number, modelId: number, scores: { criterion_id: number; score: number }[]) =>
  api.post<void>(`/sessions/${id}/scores`, { model_id: modelId, scores })
export const closeScoring = (id: number) => api.post<void>(`/sessions/${id}/close-scoring`, {})
export const castBallot = (id: number, modelId: number, vote: Vote) =>
  api.post<void>(`/sessions/${id}/ballots`, { model_id: modelId, vote })
export const closeSession = (id: number, levels: Record<string, string> = {}) =>
  api.post<CouncilSession>(`/sessions/${id}/close`, { levels })

// Owner organisations met on a page, fetched once each (GET /organisations/{id} is public).
const organisations = new Map<number, Promise<string>>()
export function organisationName(id: number): Promise<string> {
  let p = organisations.get(id)
  if (!p) {
    p = api.get<{ name: string }>(`/organisations/${id}`).then((o) => o.name)
    p.catch(() => organisations.delete(id))
    organisations.set(id, p)
  }
  return p
}
