/// <reference types="vite/client" />

import 'vue-router'
import type { Component } from 'vue'
import type { Role } from './api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the log-in page). */
    public?: boolean
    /** i18n key of the page title, shown in the browser tab. */
    title?: string
    /** Shown in the navigation when set; pages that do not work yet get no entry. */
    nav?: { order: number; icon: Component }
    /** Only these roles see the page; absent: every signed-in user. */
    roles?: Role[]
  }
}
