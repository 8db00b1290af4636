// Commendation (src/http/openapi.json, tag "awards"): award types, issuers, proposals and their dossier, decisions
// with their PDF and preview, certificates (PDF, credential, printing all of a decision), the ceremony, and the
// public verification of a certificate.
import { api, ApiError, request } from './client'
import type {
  AwardEvent, AwardType, Certificate, Decision, DecisionInput, DossierPart, Issuer, Page, PrintJob, Proposal,
  ProposalAction, ProposalInput, ProposalStatus, Verification,
} from './types'

// ---- reference data, fetched once per page load
let awardTypes: Promise<AwardType[]> | null = null
export function listAwardTypes(): Promise<AwardType[]> {
  if (!awardTypes) {
    awardTypes = api.get<{ items: AwardType[] }>('/award-types').then((r) => r.items)
    awardTypes.catch(() => { awardTypes = null })
  }
  return awardTypes
}
const issuers = new Map<number, Promise<Issuer[]>>()
/** The issuers of a unit (its Party committee, People's Committee, …), fetched once per unit. */
export function listIssuers(unitId: number): Promise<Issuer[]> {
  let p = issuers.get(unitId)
  if (!p) {
    p = api.get<{ items: Issuer[] }>('/issuers', { unit_id: unitId }).then((r) => r.items)
    p.catch(() => issuers.delete(unitId))
    issuers.set(unitId, p)
  }
  return p
}

// ---- proposals
export interface ProposalQuery { unit_id?: number; status?: ProposalStatus; year?: number; page?: number; page_size?: number }
export const listProposals = (q: ProposalQuery) => api.get<Page<Proposal>>('/proposals', { ...q })
export const getProposal = (id: number) => api.get<Proposal>(`/proposals/${id}`)
export const createProposal = (p: ProposalInput) => api.post<Proposal>('/proposals', p)
export const transitionProposal = (id: number, action: ProposalAction, extra: { reason?: string; council_session_id?: number } = {}) =>
  api.post<Proposal>(`/proposals/${id}/transitions`, { action, ...extra })
export const addPart = (id: number, part: { kind: string; title: string; file_name: string; content_base64: string }) =>
  api.post<DossierPart>(`/proposals/${id}/parts`, part)
/** The generated parts of a dossier, as PDFs (GET /proposals/{id}/dossier/…). */
export const DOSSIER_FILES: Record<string, string> = {
  to_trinh: 'submission.pdf', bao_cao_thanh_tich: 'achievements.pdf', bien_ban: 'minutes.pdf',
}
export const dossierUrl = (proposalId: number, kind: string) =>
  DOSSIER_FILES[kind] ? `/api/v1/proposals/${proposalId}/dossier/${DOSSIER_FILES[kind]}` : ''

// ---- decisions
export interface DecisionQuery { unit_id?: number; issuer_id?: number; year?: number; page?: number; page_size?: number }
export const listDecisions = (q: DecisionQuery) => api.get<Page<Decision>>('/decisions', { ...q })
export const getDecision = (id: number) => api.get<Decision>(`/decisions/${id}`)
export const issueDecision = (d: DecisionInput) => api.post<Decision>('/decisions', d)
export const revokeDecision = (id: number, revokedOn: string, reason: string) =>
  api.post<Decision>(`/decisions/${id}/revocation`, { revoked_on: revokedOn, reason })
export const decisionPdfUrl = (id: number) => `/api/v1/decisions/${id}/pdf`

/** The PDF the decision would be (POST /decisions/preview): nothing is written. */
export async function previewDecision(d: DecisionInput, signal?: AbortSignal): Promise<Blob> {
  return request<Blob>('POST', '/decisions/preview', { body: d, accept: 'application/pdf', signal, blob: true })
}

// ---- certificates
export const listCertificates = (q: { decision_id?: number; unit_id?: number; page?: number; page_size?: number }) =>
  api.get<{ items: Certificate[] }>('/certificates', { ...q }).then((r) => r.items)
/** Every certificate of a decision, page after page (a decision may award more than a page holds). */
export async function listAllCertificates(decisionId: number): Promise<Certificate[]> {
  const out: Certificate[] = []
  for (let page = 1; ; page++) {
    const items = await listCertificates({ decision_id: decisionId, page, page_size: 200 })
    out.push(...items)
    if (items.length < 200) return out
  }
}
export const certificatePdfUrl = (id: number) => `/api/v1/certificates/${id}/pdf`
export const credentialUrl = (id: number) => `/api/v1/certificates/${id}/credential`
export const startPrint = (decisionId: number) => api.post<PrintJob>(`/decisions/${decisionId}/certificates/print`, {})
export const printJob = (id: string) => api.get<PrintJob>(`/print-jobs/${encodeURIComponent(id)}`)
export const printJobPdfUrl = (id: string) => `/api/v1/print-jobs/${encodeURIComponent(id)}/pdf`

// ---- the ceremony
export const listEvents = (unitId: number) => api.get<{ items: AwardEvent[] }>('/events', { unit_id: unitId }).then((r) => r.items)
export const getEvent = (id: number) => api.get<AwardEvent>(`/events/${id}`)
export const programUrl = (id: number) => `/api/v1/events/${id}/program.pdf`
export const calendarUrl = (id: number) => `/api/v1/events/${id}/calendar.ics`

// ---- public verification: null when no certificate has this id (404 certificate_unknown)
export async function verifyCertificate(publicId: string): Promise<Verification | null> {
  try {
    return await api.get<Verification>(`/public/verify/${encodeURIComponent(publicId)}`, undefined, { redirectOn401: false })
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}
