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
  /** The valid rows' names, in the file's order. */
  names: string[]
}

/** An import's file as it is sent: CSV text, or an .xlsx workbook as bytes. */
export interface ImportFile {
  body: string | Blob
  contentType: string
}

export type SearchType = 'unit' | 'organisation' | 'person'

export interface SearchHit {
  type: SearchType
  id: number
  title: string
  subtitle: string
  rank: number
}

// ---- the "Dân vận khéo" movement: campaigns, models, reports, councils, sessions, the public showcase

export interface FieldInfo {
  code: string
  name: string
  name_en: string
}

export interface Criterion {
  id: number
  name: string
  weight: number
  max_score: number
}

export interface RecognitionLevel {
  code: string
  name: string
}

export interface Quota {
  organisation_kind: string
  min_models: number
  max_models: number | null
}

export type CampaignStatus = 'draft' | 'open' | 'closed'

export interface Campaign {
  id: number
  unit_id: number
  movement: string
  title: string
  starts_on: string
  ends_on: string
  launch_document: string
  launch_date: string | null
  registration_deadline: string
  interim_review_on: string | null
  final_review_on: string | null
  /** The weighted total (0–100) a model needs. */
  pass_score: number
  /** The share of all council members who must agree (strictly more). */
  ballot_threshold: number
  /** The share of council members who must attend. */
  quorum: number
  status: CampaignStatus
  fields: string[]
  criteria: Criterion[]
  levels: RecognitionLevel[]
  quotas: Quota[]
  linked_movements: string[]
}

export type RegistrationState = 'ok' | 'missing' | 'over' | 'not_required'

export interface RegistrationRow {
  organisation_id: number
  organisation_name: string
  organisation_kind: string
  registered: number
  min_models: number
  max_models: number | null
  reopened_until: string | null
  state: RegistrationState
}

export interface Registration {
  campaign_id: number
  registration_deadline: string
  deadline_passed: boolean
  rows: RegistrationRow[]
}

export type ModelKind = 'model' | 'exemplar'
export type Subject = 'collective' | 'individual'
export type ModelStatus = 'draft' | 'registered' | 'active' | 'proposed' | 'recognised' | 'not_recognised'
  | 'carried_over' | 'stopped'
export const MODEL_STATUSES: ModelStatus[] = ['draft', 'registered', 'active', 'proposed', 'recognised', 'not_recognised',
  'carried_over', 'stopped']
export type ModelAction = 'register' | 'activate' | 'propose' | 'stop'

export interface Indicator {
  name: string
  unit: string
  target: number
  actual: number | null
}

export interface Model {
  id: number
  campaign_id: number
  unit_id: number
  kind: ModelKind
  subject: Subject
  field: string
  title: string
  owner_organisation_id: number | null
  owner_person_id: number | null
  address: string
  latitude: number | null
  longitude: number | null
  description: string
  goals: string
  indicators: Indicator[]
  started_on: string | null
  status: ModelStatus
  recognition_level: string | null
  status_reason: string
  source_model_id: number | null
  carried_from_id: number | null
}

export interface ModelInput {
  campaign_id: number
  kind: ModelKind
  subject: Subject
  field: string
  title: string
  owner_organisation_id?: number
  owner_person_id?: number
  address: string
  description: string
  goals: string
  started_on?: string
  indicators: Indicator[]
}

export interface ModelEvent {
  at: string
  action: string
  /** Empty: the command line (the demo data). */
  actor: string
  status: string
  reason: string
}

export interface Attachment {
  id: number
  file_name: string
  media_type: string
  size_bytes: number
  public: boolean
  url: string
  width?: number
  height?: number
  thumbnail_url?: string
}

export type ReportKind = 'progress' | 'interim' | 'final'

export interface ProgressReport {
  id: number
  model_id: number
  kind: ReportKind
  body: string
  author: string
  created_at: string
  attachments: Attachment[]
}

export interface NewAttachment {
  file_name: string
  content_base64: string
  public: boolean
}

/** An adopter in a lineage: a recognised one in full, any other only by where it is and how far it got. */
export type Adopter = Partial<Model> & Pick<Model, 'id' | 'unit_id' | 'status' | 'source_model_id'> & { unit_name: string }

export interface Lineage {
  model: Model
  adopters: Adopter[]
  times: number
  units: number
}

export type CouncilRole = 'chair' | 'member' | 'secretary'

export interface CouncilMember {
  id: number
  user_id: number
  display_name: string
  role: CouncilRole
}

export type SessionStatus = 'open' | 'scoring_closed' | 'closed'

export interface SessionSummary {
  id: number
  held_on: string
  status: SessionStatus
  closed_at: string | null
}

export interface Council {
  id: number
  campaign_id: number
  name: string
  kind: 'hoi_dong_thi_dua_khen_thuong' | 'ban_chi_dao'
  members: CouncilMember[]
  sessions?: SessionSummary[]
}

export interface SessionModelRow {
  model_id: number
  title?: string
  total: number | null
  outcome: 'recognised' | 'not_recognised' | null
  level: string | null
  reason: string | null
  /** Only for a council member: has the caller voted on this model? */
  you_voted?: boolean
}

export interface ScoreRow {
  model_id: number
  member_id: number
  criterion_id: number
  score: number
}

export interface CriterionResult {
  criterion_id: number
  mean: number
  min: number
  max: number
  stddev: number
  scored_by: number
}

export interface SessionResult {
  model_id: number
  total: number
  complete: boolean
  criteria: CriterionResult[]
  tally: { agree: number; disagree: number; abstain: number }
  quorum_met: boolean
  ballot_passed: boolean
  agree_needed: number
}

export interface CouncilSession {
  id: number
  council_id: number
  council_name: string
  campaign_id: number
  held_on: string
  status: SessionStatus
  members: CouncilMember[]
  present_member_ids: number[]
  models: SessionModelRow[]
  scores_visible: boolean
  scores: ScoreRow[]
  results: SessionResult[]
  your_member_id: number | null
}

export type Vote = 'agree' | 'disagree' | 'abstain'

// ---- commendation (tag "awards"): award types, issuers, proposals, decisions, certificates, the ceremony

export type IssuerKind = 'party_committee' | 'peoples_committee_chair' | 'fatherland_front' | 'higher_level'

export interface AwardType {
  id: number
  code: string
  name: string
  issuer_kind: IssuerKind
  subject: Subject
  legal_basis: string
  bonus_coefficient: number
}

export interface Issuer {
  id: number
  unit_id: number
  organisation_id: number | null
  name: string
  kind: IssuerKind
  document_format: 'state' | 'party'
  symbol: string
  place: string
}

export type ProposalStatus = 'draft' | 'submitted' | 'in_review' | 'voted' | 'awaiting_signature' | 'decided' | 'returned'
  | 'revoked'
export const PROPOSAL_STATUSES: ProposalStatus[] = ['draft', 'submitted', 'in_review', 'voted', 'awaiting_signature',
  'decided', 'returned', 'revoked']
export type ProposalAction = 'submit' | 'accept' | 'record_vote' | 'forward' | 'return'
export type PartKind = 'to_trinh' | 'bao_cao_thanh_tich' | 'bien_ban' | 'attachment'

export interface Nominee {
  id: number
  award_type_id: number
  subject: Subject
  model_id: number | null
  organisation_id: number | null
  person_id: number | null
  name: string
  achievement: string
}

export interface NomineeInput {
  award_type_id: number
  model_id?: number
  organisation_id?: number
  person_id?: number
  name?: string
  achievement?: string
}

export interface DossierPart {
  id: number
  kind: PartKind
  origin: 'generated' | 'uploaded' | 'evidence'
  title: string
  attachment_id: number | null
  file_name: string
  media_type: string
  size_bytes: number
  has_content: boolean
  created_at: string
}

export interface Proposal {
  id: number
  unit_id: number
  issuer_id: number
  campaign_id: number | null
  council_session_id: number | null
  year: number
  title: string
  status: ProposalStatus
  status_reason: string
  created_at: string
  updated_at: string
  nominees: Nominee[]
  parts: DossierPart[]
}

export interface ProposalInput {
  unit_id: number
  issuer_id: number
  campaign_id?: number
  year?: number
  title: string
  nominees: NomineeInput[]
}

export interface Beneficiary {
  id: number
  award_type_id: number
  subject: Subject
  model_id: number | null
  organisation_id: number | null
  person_id: number | null
  name: string
  achievement: string
  coefficient: number
  amount: number
  certificate_id: number | null
}

/** What POST /decisions and POST /decisions/preview take. */
export interface DecisionInput {
  proposal_id: number
  decided_on: string
  summary: string
  legal_bases: string[]
  executors: string
  recipients: string
  signer_capacity: string
  signer_title: string
  signer_name: string
}

export interface Decision extends Omit<DecisionInput, 'proposal_id'> {
  id: number
  unit_id: number
  issuer_id: number
  proposal_id: number | null
  year: number
  number: number
  symbol: string
  place: string
  base_salary: number
  total_amount: number
  status: 'issued' | 'revoked'
  revoked_on: string | null
  revocation_reason: string
  beneficiaries: Beneficiary[]
}

export interface Certificate {
  id: number
  public_id: string
  verify_url: string
  decision_id: number
  decision_symbol: string
  decided_on: string
  issuer_name: string
  award_type_name: string
  beneficiary_id: number
  beneficiary_name: string
  achievement: string
  status: 'valid' | 'revoked'
  revoked_on: string | null
  revocation_reason: string
  signed: boolean
}

export interface PrintJob {
  id: string
  decision_id?: number
  decision_symbol?: string
  state: 'running' | 'done' | 'failed'
  done: number
  total: number
  /** Why a failed job failed, in both languages. */
  error?: { code: string; message: string; message_en: string }
}

/** GET /public/verify/{public_id}: what anyone may see of a certificate. */
export interface Verification {
  status: 'genuine' | 'revoked'
  certificate: { public_id: string; beneficiary_name: string; award_type_name: string; achievement: string; issued_at: string }
  decision: { symbol: string; decided_on: string; issuer_name: string; signer_title: string; signer_name: string }
  revocation?: { revoked_on: string; reason: string }
  signature_valid: boolean
  key_id: string | null
}

export interface Segment {
  id: number
  position: number
  kind: 'speech' | 'award' | 'other'
  title: string
  presenter_person_id: number | null
  presenter_name: string
  presenter_title: string
  decision_id: number | null
  recipients: { beneficiary_id: number; stage_order: number; name: string }[]
}

export interface Anniversary {
  code: string
  name: string
  name_en: string
  origin: string
  date: string
  count: number
}

export interface AwardEvent {
  id: number
  unit_id: number
  title: string
  held_on: string
  starts_at: string
  ends_at: string
  place: string
  description: string
  anniversaries: Anniversary[]
  segments: Segment[]
}
