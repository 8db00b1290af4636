import { api } from './client'
import type { SearchHit } from './types'

/** One search box over units, organisations and (for staff) people; at least 2 characters. */
export const search = (q: string) => api.get<{ items: SearchHit[] }>('/search', { q })
