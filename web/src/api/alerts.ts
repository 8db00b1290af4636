// Alerts about residents' concerns (src/http/openapi.json, "/api/v1/alerts"): a concern's receiving or resolving
// clock near its end or past it, raised by the server's sweep for whoever must act on it; and the address they are
// mailed to (docs/concerns.md, "Alerts").
import { api } from './client'

export type AlertKind = 'near_due' | 'overdue'
export type AlertClock = 'receive' | 'resolve'

export interface ConcernAlert {
  id: number
  concern_id: number
  concern_code: string
  category_name: string
  kind: AlertKind
  clock: AlertClock
  due_at: string
  created_at: string
  read: boolean
  read_at: string | null
}

export interface AlertList {
  items: ConcernAlert[]
  /** The caller's unread alerts, whatever `unread_only` asked for. */
  unread: number
  /** The server sends alerts by e-mail (smtp.url is set). */
  mail_enabled: boolean
}

export const listAlerts = (unreadOnly = false) =>
  api.get<AlertList>('/alerts', { unread: unreadOnly ? 'true' : undefined })

export const markAlertRead = (id: number) => api.post<ConcernAlert>(`/alerts/${id}/read`, {})

/** Where the user's alerts are mailed; an empty string clears it (the user themself or a system admin). */
export const setAlertEmail = (userId: number, email: string) => api.put<void>(`/users/${userId}/email`, { email })
