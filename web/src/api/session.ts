// Who is signed in: the user and the CSRF token come from POST /session or GET /me; the session itself is an
// HttpOnly cookie the app never sees.
import { computed, reactive } from 'vue'

import { api, ApiError, setCsrfToken } from './client'
import type { LoginResponse, Me, Role } from './types'

const state = reactive<{ user: Me | null; checked: boolean }>({ user: null, checked: false })

export const session = {
  get user(): Me | null {
    return state.user
  },

  /** Asks the server who we are, once per page load unless forced; false when not signed in. */
  async refresh(force = false): Promise<boolean> {
    if (state.checked && !force) return state.user !== null
    try {
      const me = await api.get<Me>('/me', undefined, { redirectOn401: false })
      setCsrfToken(me.csrf_token ?? null)
      state.user = me
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      state.user = null
      setCsrfToken(null)
    }
    state.checked = true
    return state.user !== null
  },

  async login(username: string, password: string): Promise<Me> {
    const r = await api.post<LoginResponse>('/session', { username, password }, { redirectOn401: false })
    setCsrfToken(r.csrf_token)
    state.user = r.user
    state.checked = true
    return r.user
  },

  async logout(): Promise<void> {
    try {
      await api.del('/session', { redirectOn401: false })
    } finally {
      this.forget()
    }
  },

  /** Drops what we knew (after a 401). */
  forget(): void {
    state.user = null
    state.checked = true
    setCsrfToken(null)
  },

  hasAnyRole(roles: Role[] | undefined): boolean {
    if (!roles || roles.length === 0) return true
    return state.user?.grants.some((g) => roles.includes(g.role)) ?? false
  },
}

export const currentUser = computed(() => state.user)
