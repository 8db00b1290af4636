// A person as the form edits it, and what goes to the API.
import type { PersonPatch } from '@/api/community'
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

/** A birth year as typed: a number, null when empty, or the text itself so that the server names the problem. */
const yearOf = (typed: string): number | null => {
  const year = typed.trim()
  return year === '' ? null : /^\d+$/.test(year) ? Number(year) : (year as unknown as number)
}

/** What a new person sends: every field. */
export function inputOf(unitId: number, f: PersonFields, personal: boolean): PersonInput {
  const input: PersonInput = { unit_id: unitId, full_name: f.full_name.trim(), gender: f.gender }
  if (personal) {
    Object.assign(input, {
      birth_year: yearOf(f.birth_year),
      phone: f.phone.trim(),
      email: f.email.trim(),
      address: f.address.trim(),
    })
  }
  return input
}

/**
 * What an edit sends (PATCH): only the fields that changed, an emptied one as null. Personal fields only when the
 * caller sees them: fields it was not shown are left as they are.
 */
export function patchOf(before: Person, f: PersonFields, personal: boolean): PersonPatch {
  const was = fieldsOf(before)
  const patch: PersonPatch = {}
  if (f.full_name.trim() !== was.full_name) patch.full_name = f.full_name.trim()
  if (f.gender !== was.gender) patch.gender = f.gender || null
  if (personal) {
    if (f.birth_year.trim() !== was.birth_year) patch.birth_year = yearOf(f.birth_year)
    for (const key of ['phone', 'email', 'address'] as const) {
      if (f[key].trim() !== was[key]) patch[key] = f[key].trim() || null
    }
  }
  return patch
}
