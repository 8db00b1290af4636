import type { LocationQuery } from 'vue-router'

// Pages keep their view in the address with router.replace; a link to the same page (the header's search box)
// is a push. Vue Router marks replaced entries in history.state, so a page can tell the echo of its own
// replace (to be ignored, it may be stale by the time it lands) from a link to follow.
export const cameFromReplace = (): boolean => (window.history.state as { replaced?: boolean } | null)?.replaced === true

/** Does the address's query say exactly what a page would put there? */
export const sameQuery = (a: LocationQuery, b: Record<string, string>): boolean =>
  Object.keys(b).length === Object.keys(a).length && Object.entries(b).every(([k, v]) => a[k] === v)
