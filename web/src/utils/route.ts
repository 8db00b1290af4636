// Pages keep their view in the address with router.replace; a link to the same page (the header's search box)
// is a push. Vue Router marks replaced entries in history.state, so a page can tell the echo of its own
// replace (to be ignored, it may be stale by the time it lands) from a link to follow.
export const cameFromReplace = (): boolean => (window.history.state as { replaced?: boolean } | null)?.replaced === true
