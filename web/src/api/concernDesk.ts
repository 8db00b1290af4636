// The staff's desk for residents' concerns: the working calendar deadlines are counted in, a concern taken down on
// behalf of a caller or a walk-in, and the concerns of a voters' meeting recorded as one batch.
// Shapes as in /api/openapi.json (WorkCalendar, SentConcern and the request bodies of the paths used here).
import { api } from './client'
import { concernApi, type ConcernCategory, type Photo } from './concern'
import { session } from './session'
import { listUnits, unitById } from './territory'

/** An office window of a day, "HH:MM" to "HH:MM" (the end may be 24:00). */
export interface OfficeWindow { start: string; end: string }

/** A holiday, a compensatory day off, or a make-up working day (its windows, or Monday's when none). */
export type DayKind = 'holiday' | 'day_off' | 'working_day'
export const DAY_KINDS: DayKind[] = ['holiday', 'day_off', 'working_day']

export interface CalendarDay {
  /** yyyy-mm-dd */
  date: string
  kind: DayKind
  name: string
  windows: OfficeWindow[]
}

export interface WorkCalendar {
  version: number
  /** false: nothing saved yet, the default calendar is in force. */
  stored: boolean
  utc_offset_minutes: number
  /** Seven lists of windows, Monday first. */
  week: OfficeWindow[][]
  days: CalendarDay[]
}

export interface CalendarInput { week: OfficeWindow[][]; days: CalendarDay[]; note?: string }

/** A holiday of the Labour Code proposed for a year (the lunar ones from the calendar at UTC+7). */
export interface ProposedHoliday { date: string; kind: DayKind; name: string; name_en: string }

export type IntakeChannel = 'phone' | 'walk_in'
export const INTAKE_CHANNELS: IntakeChannel[] = ['phone', 'walk_in']

/** What staff write down for one concern (the intake's body, a batch's row without the unit and the channel). */
export interface ConcernInput {
  category_code: string
  description: string
  attributes: Record<string, string | string[]>
  latitude?: number
  longitude?: number
  address?: string
  photos?: Photo[]
  name?: string
  contact?: string
  contact_visible: boolean
}

export interface IntakeInput extends ConcernInput { unit_id: number; channel: IntakeChannel }

export type BatchKind = 'voters_meeting' | 'dialogue' | 'other'
export const BATCH_KINDS: BatchKind[] = ['voters_meeting', 'dialogue', 'other']

export interface BatchInput {
  unit_id: number
  kind: BatchKind
  title: string
  /** yyyy-mm-dd */
  held_on: string
  place: string
  minutes: string
  concerns: ConcernInput[]
}

/** A concern just created: its id and tracking code (a PIN only for the residents' own channel). */
export interface SentConcern { id: number; code: string; pin?: string }

export interface ConcernBatch {
  id: number
  unit_id: number
  kind: BatchKind
  title: string
  held_on: string
  place: string
  created_at: string
}

export const deskApi = {
  calendar: () => api.get<WorkCalendar>('/work-calendar'),
  saveCalendar: (body: CalendarInput) => api.put<WorkCalendar>('/work-calendar', body),
  proposedHolidays: (year: number) =>
    api.get<{ items: ProposedHoliday[] }>('/work-calendar/proposed-holidays', { year }),
  intake: (body: IntakeInput) => api.post<SentConcern>('/concerns', body),
  batch: (body: BatchInput) => api.post<{ batch: ConcernBatch; concerns: SentConcern[] }>('/concern-batches', body),
}

/** The default office windows: Monday to Friday 08:00–12:00 and 13:30–17:00, the weekend closed. */
export function defaultWeek(): OfficeWindow[][] {
  const day = () => [{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:00' }]
  return [day(), day(), day(), day(), day(), [], []]
}

const isCurrent = (validTo: string | null, today: string) => !validTo || validTo > today

/**
 * The ward staff most likely take concerns for, with its categories: the first current unit of the user's
 * unit-admin grants that has categories, else the first current commune that has any (a system administrator).
 */
export async function defaultIntakeUnit(today: string): Promise<{ unitId: number; categories: ConcernCategory[] } | null> {
  const granted = (session.user?.grants ?? []).filter((g) => g.role === 'unit_admin' && g.unit_id).map((g) => g.unit_id!)
  for (const id of granted) {
    const unit = await unitById(id).catch(() => null)
    if (!unit || !isCurrent(unit.valid_to, today)) continue
    const categories = (await concernApi.categories(id)).items
    if (categories.length) return { unitId: id, categories }
  }
  const communes = (await listUnits({ level: 'commune', as_of: today, page_size: 200 })).items
  const mine = granted.length ? communes.filter((u) => u.parent_id !== null && granted.includes(u.parent_id)) : communes
  for (const u of mine.length ? mine : communes) {
    const categories = (await concernApi.categories(u.id)).items
    if (categories.length) return { unitId: u.id, categories }
  }
  return null
}
