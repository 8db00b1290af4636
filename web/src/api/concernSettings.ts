// Residents' concerns, the settings of a unit: its categories (with their Open311 attributes), its routing rules and
// its answer templates. Shapes as in /api/openapi.json (ConcernCategory, RoutingRule, AnswerTemplate).
// Who may change them: system admins and unit admins of the unit or above it (src/services/concerns.cpp, MayManage);
// every role on the unit may read them.
import { api } from './client'
import type { CategoryAttribute, ConcernCategory } from './concern'

/** A category as the staff's routes return it: with its keywords and times. */
export interface ManagedCategory extends ConcernCategory {
  keywords: string[]
  created_at: string
  updated_at: string
}

/** What POST /concern-categories and PUT /concern-categories/{id} take (on PUT the code and unit stay as they were). */
export interface CategoryInput {
  unit_id: number
  code: string
  name: string
  description: string
  group: string
  keywords: string[]
  default_organisation_id: number | null
  urgency: ConcernCategory['urgency']
  sensitive: boolean
  active: boolean
  attributes: CategoryAttribute[]
}

export interface GeoPoint { latitude: number; longitude: number }

/** One routing rule: the first active rule (in order) whose category and area match sends the concern there. */
export interface RoutingRule {
  id: number
  unit_id: number
  position: number
  category_id: number | null
  area_unit_id: number | null
  area_polygon: GeoPoint[]
  organisation_id: number
  active: boolean
}

/** A rule as PUT /units/{id}/concern-rules takes it (the position is the list's order). */
export interface RoutingRuleInput {
  category_id: number | null
  area_unit_id: number | null
  area_polygon: GeoPoint[]
  organisation_id: number
  active: boolean
}

export interface AnswerTemplate {
  id: number
  unit_id: number
  title: string
  body: string
  created_at: string
}

export const DATATYPES: CategoryAttribute['datatype'][] = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']
export const URGENCIES: ConcernCategory['urgency'][] = ['urgent', 'complex', 'normal']
export const isListType = (d: CategoryAttribute['datatype']) => d === 'singlevaluelist' || d === 'multivaluelist'

export const concernSettingsApi = {
  /** The unit's categories and its ancestors', inactive ones too. */
  categories: (unitId: number) => api.get<{ items: ManagedCategory[] }>('/concern-categories', { unit_id: unitId }),
  createCategory: (c: CategoryInput) => api.post<ManagedCategory>('/concern-categories', c),
  updateCategory: (id: number, c: CategoryInput) => api.put<ManagedCategory>(`/concern-categories/${id}`, c),

  /** The unit's own rules, in order. */
  rules: (unitId: number) => api.get<{ items: RoutingRule[] }>(`/units/${unitId}/concern-rules`),
  replaceRules: (unitId: number, rules: RoutingRuleInput[]) =>
    api.put<{ items: RoutingRule[] }>(`/units/${unitId}/concern-rules`, { rules }),

  /** The unit's templates and its ancestors'. There is no route to change or delete one. */
  templates: (unitId: number) => api.get<{ items: AnswerTemplate[] }>('/concern-templates', { unit_id: unitId }),
  createTemplate: (t: { unit_id: number; title: string; body: string }) => api.post<AnswerTemplate>('/concern-templates', t),
}
