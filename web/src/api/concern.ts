// Residents' concerns: the public channel (no account: send, follow with the code and PIN) and the staff's work.
// Shapes as in /api/openapi.json (PublicConcern, ResidentView, StaffConcern, ConcernCategory).
import { api } from './client'
import { uploadOf, type Upload } from './files'

export interface PublicStatus { open: boolean; code: string; label: string; label_en: string }

export interface CategoryAttribute {
  code: string
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  required: boolean
  variable: boolean
  description: string
  datatype_description: string
  order: number
  values: { key: string; name: string }[]
}

export interface ConcernCategory {
  id: number
  unit_id: number
  code: string
  name: string
  description: string
  group: string
  urgency: 'urgent' | 'complex' | 'normal'
  sensitive: boolean
  active: boolean
  default_organisation_id: number | null
  attributes: CategoryAttribute[]
}

export interface ConcernEvent {
  id: number
  kind: string
  public: boolean
  actor_name?: string
  from_status: string | null
  to_status: string | null
  organisation_name: string | null
  to_organisation_name: string | null
  body: string
  due_at: string | null
  on_time: boolean | null
  at: string
}

export interface ConcernFile {
  id: number
  file_name: string
  media_type: string
  url: string
  thumbnail_url?: string
}

export interface PublicConcern {
  code: string
  unit_id: number
  unit_name: string
  category_code: string
  category_name: string
  sensitive: boolean
  status: PublicStatus
  description: string
  latitude: number | null
  longitude: number | null
  address: string
  organisation_name: string | null
  answer: string | null
  reason: string | null
  reason_en: string | null
  duplicate_of_code: string | null
  supporters: number
  created_at: string
  expected_at: string | null
  timeline: ConcernEvent[]
  files: ConcernFile[]
}

export interface ResidentView {
  concern: PublicConcern
  can_add_information: boolean
  can_rate: boolean
  can_reopen: boolean
  reopen_until: string | null
}

export type Photo = Upload

export interface NewConcern {
  unit_id: number
  category_code: string
  description: string
  attributes: Record<string, string | string[]>
  latitude?: number
  longitude?: number
  address?: string
  photos: Photo[]
  name?: string
  contact?: string
  contact_visible: boolean
  website: string
}

export interface StaffConcern {
  id: number
  code: string
  unit_id: number
  unit_name: string
  category: { id: number; code: string; name: string; sensitive: boolean }
  organisation_id: number | null
  organisation_name: string | null
  status: string
  public_status: PublicStatus
  urgency: string
  description: string
  attributes: Record<string, string[]>
  latitude: number | null
  longitude: number | null
  address: string
  reporter_name: string | null
  reporter_contact: string | null
  contact_shown: boolean
  channel: string
  duplicate_of_code: string | null
  duplicate_codes: string[]
  supporters: number
  received_due_at: string
  received_at: string | null
  resolve_due_at: string | null
  resolved_at: string | null
  answer: string | null
  draft_answer: string | null
  created_at: string
  events: ConcernEvent[]
  files: ConcernFile[]
  ratings: { resolution: number; stars: number; comment: string; at: string }[]
  may_manage: boolean
  may_handle: boolean
  /** The steps the caller may take now (POST …/steps). */
  actions: string[]
}

export interface Page<T> { items: T[]; total: number; page: number; page_size: number }

export interface Reason { code: string; label: string; label_en: string; legal_basis?: string; channel?: string; channel_en?: string }

const pub = '/public/concerns'

export const concernApi = {
  categories: (unitId: number) => api.get<{ items: ConcernCategory[] }>('/public/concern-categories', { unit_id: unitId }),
  mapSettings: () => api.get<{ tile_url: string; attribution: string }>('/public/map-settings'),
  reasons: () => api.get<{ rejection_reasons: Reason[]; scope_exclusions: Reason[] }>('/concern-reasons'),
  similar: (body: { unit_id: number; category_code: string; latitude?: number; longitude?: number; text: string }) =>
    api.post<{ items: PublicConcern[] }>(`${pub}/similar`, body),
  send: (body: NewConcern) => api.post<{ id: number; code: string; pin: string }>(pub, body),
  list: (query: { unit_id?: number; status?: string; page_size?: number }) => api.get<Page<PublicConcern>>(pub, query),
  follow: (code: string, pin: string) => api.post<ResidentView>(`${pub}/${encodeURIComponent(code)}/follow`, { pin }),
  addInformation: (code: string, pin: string, text: string, photos: Photo[]) =>
    api.post<ResidentView>(`${pub}/${encodeURIComponent(code)}/information`, { pin, text, photos }),
  rate: (code: string, pin: string, stars: number, comment: string) =>
    api.post<ResidentView>(`${pub}/${encodeURIComponent(code)}/rating`, { pin, stars, comment }),
  reopen: (code: string, pin: string, reason: string) =>
    api.post<ResidentView>(`${pub}/${encodeURIComponent(code)}/reopening`, { pin, reason }),
  support: (code: string) => api.post<PublicConcern>(`${pub}/${encodeURIComponent(code)}/support`, {}),

  queue: (query: { queue?: string; mine?: boolean; q?: string; page_size?: number }) =>
    api.get<Page<StaffConcern>>('/concerns', query),
  get: (id: number) => api.get<StaffConcern>(`/concerns/${id}`),
  step: (id: number, body: Record<string, unknown>) => api.post<StaffConcern>(`/concerns/${id}/steps`, body),
  comment: (id: number, text: string, isPublic: boolean) =>
    api.post<StaffConcern>(`/concerns/${id}/comments`, { text, public: isPublic }),
  draft: (id: number, text: string) => api.put<StaffConcern>(`/concerns/${id}/draft-answer`, { text }),
  templates: (unitId: number) =>
    api.get<{ items: { id: number; title: string; body: string }[] }>('/concern-templates', { unit_id: unitId }),
}

/** A picked photo as the API takes it: its name and its bytes in base64. */
export const photoOf = (file: File): Promise<Photo> => uploadOf(file)

export type Answers = Record<string, string | string[]>

/** The questions a category asks the resident (its Open311 attributes that take an answer), in their order. */
export function questionsOf(category: ConcernCategory | null | undefined): CategoryAttribute[] {
  return (category?.attributes ?? []).filter((a) => a.variable).sort((a, b) => a.order - b.order)
}

/** Whether a question has an answer: a list with a choice, or text that is not blank. */
export const isAnswered = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length > 0 : String(v ?? '').trim() !== '')

/** The attribute answers worth sending: empty ones left out. */
export function filledAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => isAnswered(v)))
}
