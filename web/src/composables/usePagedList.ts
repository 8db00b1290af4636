// A list page whose filters live in the address (`?unit=3&year=2022&page=2`): the filters, the page, the items
// and the request state, kept in step with the address and with the server. A page keeps only its filters'
// controls, its columns and its actions.
//
// - The address follows the filters with router.replace (a view can be shared and survives a reload); a link to
//   the page while it is open (the menu, a breadcrumb) is followed, the echo of our own replace is not
//   (utils/route.ts, cameFromReplace).
// - Changing a filter goes back to page 1; a filter may name others that go back to empty when it changes.
// - The newest request wins: an older answer, or an older failure, that lands later is dropped.
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQueryValue } from 'vue-router'

import { lastUnitId, startingUnitId } from '@/api/scope'
import { cameFromReplace, sameQuery } from '@/utils/route'

type QueryValue = LocationQueryValue | LocationQueryValue[] | undefined

/** One filter kept in the address under its key. */
export interface QueryFilter<V> {
  /** The value of the address's parameter (undefined when absent). */
  parse(raw: QueryValue): V
  /** The parameter for a value; undefined leaves it out of the address. Default: absent for null and ''. */
  format?(value: V): string | undefined
  /** Called with the value each time the list follows it. */
  followed?(value: V): void
  /** Filters that go back to empty (their value for an absent parameter) when this one changes from a set value. */
  resets?: readonly string[]
}

// Method signatures keep QueryFilter<V> assignable to QueryFilter<unknown> (a page's filters of any types).
type Filters = Record<string, QueryFilter<unknown>>
export type FilterValues<S extends Filters> = { [K in keyof S]: S[K] extends QueryFilter<infer V> ? V : never }
type FilterRefs<S extends Filters> = { [K in keyof S]: Ref<FilterValues<S>[K]> }

/** The page the server is asked for; absent when the list comes whole. */
export interface Paging { page: number; page_size: number }

export interface PagedListOptions<S extends Filters, T> {
  filters: S
  /** Items per page; without it the list comes whole and the address has no `page`. */
  pageSize?: number
  /** Whether the filters are enough to ask for the list (default: always); until then the list is empty. */
  ready?: (values: FilterValues<S>) => boolean
  /** One page of the list: the API's `{ items, total }`, or an array (its length is the total). */
  fetch: (values: FilterValues<S>, paging: Paging | undefined) => Promise<{ items: T[]; total: number } | T[]>
}

const positive = (raw: QueryValue): number | null => (Number(raw) > 0 && Number.isInteger(Number(raw)) ? Number(raw) : null)

/** `?unit=`: the unit a page starts on when the address has none (api/scope.ts); the one followed is remembered. */
export const unitFilter: QueryFilter<number | null> = {
  parse: startingUnitId,
  followed: (id) => { if (id) lastUnitId.value = id },
}

/** A number such as an id or a year; anything else in the address is no filter. */
export const numberFilter = (resets?: readonly string[]): QueryFilter<number | null> => ({
  parse: (raw) => Number(raw) || null,
  resets,
})

/** One of a fixed list of values, '' for any. */
export const oneOfFilter = <V extends string>(values: readonly V[]): QueryFilter<V | ''> => ({
  parse: (raw) => ((values as readonly unknown[]).includes(raw) ? raw as V : ''),
})

const formatOf = (f: QueryFilter<unknown>, v: unknown): string | undefined =>
  (f.format ? f.format(v) : v === null || v === undefined || v === '' ? undefined : String(v))

export function usePagedList<S extends Filters, T>(options: PagedListOptions<S, T>) {
  const route = useRoute()
  const router = useRouter()
  const here = route.name
  const specs = options.filters
  const keys = Object.keys(specs) as (keyof S & string)[]

  const refs: Record<string, Ref<unknown>> = Object.fromEntries(keys.map((k) => [k, ref(specs[k].parse(route.query[k]))]))
  const filters = refs as FilterRefs<S>
  const page = ref(options.pageSize ? positive(route.query.page) ?? 1 : 1)
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const failure = ref<unknown>(null)

  const values = () => Object.fromEntries(keys.map((k) => [k, refs[k].value])) as FilterValues<S>
  function queryOf(): Record<string, string> {
    const query: Record<string, string> = {}
    for (const k of keys) {
      const v = formatOf(specs[k], refs[k].value)
      if (v !== undefined) query[k] = v
    }
    if (options.pageSize && page.value > 1) query.page = String(page.value)
    return query
  }
  // Asked again when the address already says it but our last replace said something else: that one may still be
  // on its way and would land last (the router drops a pending navigation when a newer one starts). Not asked
  // otherwise: the router scrolls to the top even on a navigation to where it already is.
  let asked: Record<string, string> | null = null
  function showInAddress() {
    const query = queryOf()
    if (sameQuery(route.query, query) && (!asked || sameQuery(asked, query))) return
    asked = query
    void router.replace({ query })
  }

  let seq = 0
  async function load() {
    const mine = ++seq
    const now = values()
    if (options.ready && !options.ready(now)) {
      items.value = []
      total.value = 0
      failure.value = null
      loading.value = false
      return
    }
    loading.value = true
    try {
      const r = await options.fetch(now, options.pageSize ? { page: page.value, page_size: options.pageSize } : undefined)
      if (mine !== seq) return
      items.value = Array.isArray(r) ? r : r.items
      total.value = Array.isArray(r) ? r.length : r.total
      failure.value = null
    } catch (e) {
      if (mine === seq) failure.value = e
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  // Set while the filters take the values of a link followed: they change together, nothing goes back to empty.
  let adopting = false
  watch([...keys.map((k) => refs[k]), page], (now, before) => {
    if (before && !adopting) {
      const changed = keys.filter((_, i) => now[i] !== before[i])
      const emptied = changed.filter((k) => formatOf(specs[k], before[keys.indexOf(k)]) !== undefined)
        .flatMap((k) => specs[k].resets ?? [])
        .filter((r) => refs[r].value !== specs[r].parse(undefined))
      if (emptied.length) {
        for (const r of emptied) refs[r].value = specs[r].parse(undefined)
        return // the next round goes back to page 1 and asks
      }
      if (changed.length && page.value !== 1) {
        page.value = 1
        return
      }
    }
    adopting = false
    for (const k of keys) specs[k].followed?.(refs[k].value)
    showInAddress()
    void load()
  }, { immediate: true })

  // A link to this page while it is open (the menu, a breadcrumb): its parameters, the defaults for those it lacks.
  watch(() => route.query, (q) => {
    if (route.name !== here || cameFromReplace() || sameQuery(q, queryOf())) return
    const next = keys.map((k) => specs[k].parse(q[k]))
    const nextPage = options.pageSize ? positive(q.page) ?? 1 : 1
    if (keys.every((k, i) => refs[k].value === next[i]) && page.value === nextPage) {
      showInAddress() // the same view: the address says so again
      return
    }
    adopting = true
    keys.forEach((k, i) => { refs[k].value = next[i] })
    page.value = nextPage
  })

  return { filters, page, items, total, loading, failure }
}
