// Shapes of the danvan JSON API (src/http/openapi.json, served at /api/openapi.json).

export type Role = 'system_admin' | 'unit_admin' | 'unit_member' | 'council_member' | 'signer' | 'viewer'
export const ROLES: Role[] = ['system_admin', 'unit_admin', 'unit_member', 'council_member', 'signer', 'viewer']

export interface Grant {
  role: Role
  unit_id?: number | null
  organisation_id?: number | null
}

export interface Me {
  id: number
  username: string
  display_name: string
  grants: Grant[]
  csrf_token?: string
}

export interface LoginResponse {
  user: Me
  csrf_token: string
  expires_at: string
}

export interface User {
  id: number
  username: string
  display_name: string
  active: boolean
  is_demo: boolean
  created_at: string
  grants: Grant[]
  /** Only in the answer to a creation without a password: shown once. */
  generated_password?: string
}

export interface NewUser {
  username: string
  display_name: string
  password?: string
  grants: Grant[]
}

export interface Token {
  id: number
  user_id: number
  name: string
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
  /** Only in the answer to POST /tokens: shown once. */
  token?: string
}

export type UnitLevel = 'province' | 'district' | 'commune'

export interface Unit {
  id: number
  code: string
  name: string
  level: UnitLevel
  kind: string
  parent_id: number | null
  /** yyyy-mm-dd, the first day the unit exists. */
  valid_from: string
  /** yyyy-mm-dd, the first day it no longer exists (exclusive); null while it still does. */
  valid_to: string | null
  /** Nearest first, up to the root (GET /units/{id} only). */
  ancestors?: Unit[]
}

export interface Succession {
  id: number
  from_unit_id: number
  to_unit_id: number
  share: 'whole' | 'part'
  legal_basis: string
  effective_date: string
  note: string | null
}

export interface UnitFate {
  unit: Unit
  successions: Succession[]
  units: Unit[]
}

export interface Page<T> {
  items: T[]
  total: number
  page?: number
  page_size?: number
}
