// A person as the form edits it, and what goes to the API.
import type { Gender, Person, PersonInput } from '@/api/types'

/** The fields of a person as the form edits them (strings, '' for empty). */
export interface PersonFields {
  full_name: string
  birth_year: string
  gender: Gender | ''
  phone: string
  email: string
  address: string
}

export const emptyPerson = (): PersonFields => ({ full_name: '', birth_year: '', gender: '', phone: '', email: '', address: '' })

export const fieldsOf = (p: Person): PersonFields => ({
  full_name: p.full_name,
  birth_year: p.birth_year == null ? '' : String(p.birth_year),
  gender: p.gender ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
  address: p.address ?? '',
})

/** What to send: every field (PUT replaces them all); a birth year that is not a number goes as it is typed, so the server names the problem. */
export function inputOf(unitId: number, f: PersonFields, personal: boolean): PersonInput {
  const year = f.birth_year.trim()
  const input: PersonInput = { unit_id: unitId, full_name: f.full_name.trim(), gender: f.gender }
  if (personal) {
    Object.assign(input, {
      birth_year: year === '' ? null : /^\d+$/.test(year) ? Number(year) : (year as unknown as number),
      phone: f.phone.trim(),
      email: f.email.trim(),
      address: f.address.trim(),
    })
  }
  return input
}
