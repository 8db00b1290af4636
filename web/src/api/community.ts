// Organisations, people, memberships and the CSV import (src/http/openapi.json, tag "community").
import { api } from './client'
import type {
  Gender, ImportFile, ImportMode, ImportReport, Membership, NewMembership, NewOrganisation, Organisation,
  OrganisationEnd, OrganisationKind, Page, Person, PersonInput,
} from './types'

// ---- organisation kinds: reference data, fetched once per page load
let kinds: Promise<OrganisationKind[]> | null = null
export function organisationKinds(): Promise<OrganisationKind[]> {
  if (!kinds) {
    kinds = api.get<{ items: OrganisationKind[] }>('/organisation-kinds').then((r) => r.items)
    kinds.catch(() => { kinds = null })
  }
  return kinds
}

// ---- organisations
export interface OrganisationQuery {
  unit_id?: number
  parent_id?: number
  roots?: boolean
  /** yyyy-mm-dd or dd/mm/yyyy; without it every period. */
  as_of?: string
  kind?: string
  q?: string
  page?: number
  page_size?: number
}

export const listOrganisations = (query: OrganisationQuery) => api.get<Page<Organisation>>('/organisations', { ...query })

/** Every organisation matching the query, page after page. */
export async function listAllOrganisations(query: OrganisationQuery, limit = 2000): Promise<Organisation[]> {
  const pageSize = 200
  const out: Organisation[] = []
  for (let page = 1; out.length < limit; page++) {
    const r = await listOrganisations({ ...query, page, page_size: pageSize })
    out.push(...r.items)
    if (r.items.length < pageSize || out.length >= r.total) break
  }
  return out
}

export const getOrganisation = (id: number) => api.get<Organisation>(`/organisations/${id}`)
export const createOrganisation = (o: NewOrganisation) => api.post<Organisation>('/organisations', o)
/** `to_parent_id`: on a move, the new record's parent in the unit moved to. */
export const endOrganisation = (id: number, end: OrganisationEnd & { to_parent_id?: number }) =>
  api.post<Organisation>(`/organisations/${id}/end`, end)

// ---- people and memberships
export interface PeopleQuery {
  unit_id: number
  organisation_id?: number
  q?: string
  page?: number
  page_size?: number
}

export const listPeople = (query: PeopleQuery) => api.get<Page<Person>>('/people', { ...query })
export const getPerson = (id: number) => api.get<Person>(`/people/${id}`)
export const createPerson = (p: PersonInput) => api.post<Person>('/people', p)
/** A JSON merge patch of a person: a field left out stays as it is, null clears it. */
export type PersonPatch = Partial<Pick<PersonInput, 'full_name'>> & {
  birth_year?: number | null
  gender?: Gender | null
  phone?: string | null
  email?: string | null
  address?: string | null
}
/** Changes only the fields sent (PATCH); PUT would replace them all. */
export const patchPerson = (id: number, p: PersonPatch) => api.patch<Person>(`/people/${id}`, p)
export const addMembership = (personId: number, m: NewMembership) =>
  api.post<Membership>(`/people/${personId}/memberships`, m)
export const endMembership = (id: number, validTo: string) =>
  api.post<Membership>(`/memberships/${id}/end`, { valid_to: validTo })

/** The file goes as it is (text/csv, or an .xlsx workbook); the server reads it row by row and answers with a report. */
export const importPeople = (unitId: number, mode: ImportMode, file: ImportFile) =>
  api.post<ImportReport>('/people/import', undefined, { query: { unit_id: unitId, mode }, raw: file })
/** The same for organisations: a parent may be a row further up in the file. */
export const importOrganisations = (unitId: number, mode: ImportMode, file: ImportFile) =>
  api.post<ImportReport>('/organisations/import', undefined, { query: { unit_id: unitId, mode }, raw: file })
