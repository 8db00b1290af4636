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

// ---- organisations, people, memberships, import, search

export interface OrganisationKind {
  code: string
  name: string
  name_en: string
}

export type OrganisationStatus = 'active' | 'closed' | 'moved' | 'merged'

export interface Organisation {
  id: number
  unit_id: number
  parent_id: number | null
  kind: string
  name: string
  /** yyyy-mm-dd, the first day it exists. */
  valid_from: string
  /** yyyy-mm-dd, the first day it no longer exists; null while it is active. */
  valid_to: string | null
  status: OrganisationStatus
  /** What it became (moved or merged). */
  successor_id: number | null
  /** GET /organisations/{id} only: nearest first, up to the unit's top level. */
  ancestors?: Organisation[]
  /** GET /organisations/{id} only. */
  successor?: Organisation | null
  /** GET /organisations/{id} only, and only for staff of the unit. */
  members?: Membership[]
}

export interface NewOrganisation {
  unit_id: number
  parent_id?: number
  kind: string
  name: string
  valid_from: string
}

export interface OrganisationEnd {
  status: Exclude<OrganisationStatus, 'active'>
  date: string
  to_unit_id?: number
  successor_id?: number
}

export interface Membership {
  id: number
  person_id: number
  organisation_id: number
  /** In a person's memberships. */
  organisation_name?: string
  /** In an organisation's members. */
  full_name?: string
  title: string
  valid_from: string
  /** The first day the membership no longer holds; null while it does. */
  valid_to: string | null
}

export type Gender = 'female' | 'male' | 'other'

/** birth_year, phone, email and address are present only for roles allowed to see personal data. */
export interface Person {
  id: number
  unit_id: number
  full_name: string
  gender: Gender | null
  is_demo: boolean
  birth_year?: number | null
  phone?: string | null
  email?: string | null
  address?: string | null
  memberships: Membership[]
}

export interface PersonInput {
  unit_id: number
  full_name: string
  birth_year?: number | null
  gender?: Gender | ''
  phone?: string
  email?: string
  address?: string
}

export interface NewMembership {
  organisation_id: number
  title: string
  valid_from: string
  valid_to?: string
}

export type ImportMode = 'dry_run' | 'all' | 'skip_bad_rows'

export interface ImportIssue {
  line: number
  column: string
  message: string
  message_en: string
}

export interface ImportReport {
  dry_run: boolean
  rows: number
  valid_rows: number
  written: number
  issues: ImportIssue[]
}

export type SearchType = 'unit' | 'organisation' | 'person'

export interface SearchHit {
  type: SearchType
  id: number
  title: string
  subtitle: string
  rank: number
}
