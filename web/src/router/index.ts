// Every page is its own chunk. A page appears in the navigation when its route has `meta.nav` (and the user
// holds one of `meta.roles`), so organisations, people and the rest slot in by adding a route here.
import {
  Avatar, Calendar, ChatDotRound, DataAnalysis, Document, Flag, HomeFilled, Key, Lock, MapLocation, Medal, Notebook, OfficeBuilding, Setting, Stamp, Trophy, Upload, User,
} from '@element-plus/icons-vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

import { onUnauthorized } from '@/api/client'
import { session } from '@/api/session'
import type { Role } from '@/api/types'
import { i18n } from '@/i18n'

/** Who works on proposals (proposers, reviewers, signers) and who reads decisions and certificates. */
const AWARD_STAFF: Role[] = ['system_admin', 'unit_admin', 'unit_member', 'signer']
const AWARD_READERS: Role[] = ['system_admin', 'unit_admin', 'unit_member', 'signer', 'viewer']

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/LoginPage.vue'),
    meta: { public: true, title: 'login.title' },
  },
  // Where a certificate's QR code leads: public, phone-first, outside the staff layout.
  {
    path: '/verify/:publicId',
    name: 'verify',
    component: () => import('@/pages/VerifyPage.vue'),
    props: true,
    meta: { public: true, title: 'nav.verify' },
  },
  // The residents' portal: no account, phone-first, outside the staff layout. A visitor who is not signed in lands here.
  {
    path: '/cong-dan',
    name: 'portal',
    component: () => import('@/pages/concerns/PortalPage.vue'),
    meta: { public: true, title: 'nav.portal' },
  },
  {
    path: '/cong-dan/gui-phan-anh',
    name: 'concern-send',
    component: () => import('@/pages/concerns/ConcernSendPage.vue'),
    meta: { public: true, title: 'nav.concernSend' },
  },
  {
    path: '/cong-dan/theo-doi',
    name: 'concern-follow',
    component: () => import('@/pages/concerns/ConcernFollowPage.vue'),
    meta: { public: true, title: 'nav.concernFollow' },
  },
  {
    path: '/',
    component: () => import('@/components/AppLayout.vue'),
    children: [
      // Each role lands on its own home: what waits for it, and the figures with their tables (pages/HomePage.vue).
      {
        path: '',
        name: 'home',
        component: () => import('@/pages/HomePage.vue'),
        meta: { title: 'nav.home', nav: { order: 5, icon: HomeFilled } },
      },
      {
        path: 'units',
        name: 'units',
        component: () => import('@/pages/UnitsPage.vue'),
        meta: { title: 'nav.units', nav: { order: 10, icon: MapLocation } },
      },
      {
        path: 'organisations',
        name: 'organisations',
        component: () => import('@/pages/OrganisationsPage.vue'),
        meta: { title: 'nav.organisations', nav: { order: 20, icon: OfficeBuilding } },
      },
      {
        path: 'organisations/import',
        name: 'organisations-import',
        component: () => import('@/pages/OrganisationsImportPage.vue'),
        meta: { title: 'orgImport.title', roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('@/pages/PeoplePage.vue'),
        meta: { title: 'nav.people', nav: { order: 30, icon: Avatar } },
        // One person opens in a drawer over the list: /people/{id}, the list's query kept.
        children: [
          {
            path: ':id(\\d+)',
            name: 'person',
            component: () => import('@/components/PersonDrawer.vue'),
            props: true,
            meta: { title: 'nav.people' },
          },
        ],
      },
      {
        path: 'people/import',
        name: 'people-import',
        component: () => import('@/pages/PeopleImportPage.vue'),
        meta: { title: 'nav.peopleImport', nav: { order: 35, icon: Upload }, roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'campaigns',
        name: 'campaigns',
        component: () => import('@/pages/CampaignsPage.vue'),
        meta: { title: 'nav.campaigns', nav: { order: 40, icon: Flag } },
      },
      {
        path: 'campaigns/:id(\\d+)',
        name: 'campaign',
        component: () => import('@/pages/CampaignPage.vue'),
        props: true,
        meta: { title: 'nav.campaigns' },
      },
      {
        path: 'campaigns/:id(\\d+)/models/new',
        name: 'model-new',
        component: () => import('@/pages/ModelFormPage.vue'),
        props: true,
        meta: { title: 'model.newTitle', roles: ['system_admin', 'unit_admin', 'unit_member'] },
      },
      {
        path: 'models/:id(\\d+)',
        name: 'model',
        component: () => import('@/pages/ModelPage.vue'),
        props: true,
        meta: { title: 'nav.campaigns' },
      },
      {
        path: 'sessions/:id(\\d+)',
        name: 'session',
        component: () => import('@/pages/SessionPage.vue'),
        props: true,
        meta: { title: 'nav.campaigns' },
      },
      // The public showcase: no log-in needed; a signed-in member of another unit may adopt a model from it.
      {
        path: 'showcase',
        name: 'showcase',
        component: () => import('@/pages/ShowcasePage.vue'),
        meta: { public: true, title: 'nav.showcase', nav: { order: 45, icon: Medal } },
      },
      {
        path: 'showcase/:id(\\d+)',
        name: 'showcase-model',
        component: () => import('@/pages/ShowcaseModelPage.vue'),
        props: true,
        meta: { public: true, title: 'nav.showcase' },
      },
      // Commendation: proposals, decisions, certificates, the ceremony (who may act is decided by each page).
      {
        path: 'concerns',
        name: 'concerns',
        component: () => import('@/pages/concerns/ConcernsQueuePage.vue'),
        meta: { title: 'nav.concerns', nav: { order: 48, icon: ChatDotRound } },
      },
      {
        path: 'concerns/:id(\\d+)',
        name: 'concern',
        component: () => import('@/pages/concerns/ConcernPage.vue'),
        props: true,
        meta: { title: 'nav.concerns' },
      },
      // The concerns desk: intake on behalf of a resident, a voters' meeting's batch (unit admins), the working calendar.
      {
        path: 'concerns/new',
        name: 'concern-new',
        component: () => import('@/pages/concerns/ConcernIntakePage.vue'),
        meta: { title: 'concernDesk.intake.title', roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'concerns/batch',
        name: 'concern-batch',
        component: () => import('@/pages/concerns/ConcernBatchPage.vue'),
        meta: { title: 'concernDesk.batch.title', roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'work-calendar',
        name: 'work-calendar',
        component: () => import('@/pages/concerns/WorkCalendarPage.vue'),
        meta: { title: 'nav.workCalendar', nav: { order: 50, icon: Calendar } },
      },
      {
        path: 'concern-settings',
        name: 'concern-settings',
        component: () => import('@/pages/concerns/ConcernSettingsPage.vue'),
        meta: { title: 'nav.concernSettings', nav: { order: 49, icon: Setting }, roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'proposals',
        name: 'proposals',
        component: () => import('@/pages/ProposalsPage.vue'),
        meta: { title: 'nav.proposals', nav: { order: 52, icon: Document }, roles: AWARD_STAFF },
      },
      {
        path: 'proposals/new',
        name: 'proposal-new',
        component: () => import('@/pages/ProposalFormPage.vue'),
        meta: { title: 'nav.proposals', roles: ['system_admin', 'unit_admin', 'unit_member'] },
      },
      {
        path: 'proposals/:id(\\d+)',
        name: 'proposal',
        component: () => import('@/pages/ProposalPage.vue'),
        props: true,
        meta: { title: 'nav.proposals', roles: AWARD_STAFF },
      },
      {
        path: 'decisions',
        name: 'decisions',
        component: () => import('@/pages/DecisionsPage.vue'),
        meta: { title: 'nav.decisions', nav: { order: 55, icon: Stamp }, roles: AWARD_READERS },
      },
      {
        path: 'decisions/new',
        name: 'decision-new',
        component: () => import('@/pages/DecisionEditorPage.vue'),
        meta: { title: 'nav.decisions', roles: ['system_admin', 'signer'] },
      },
      {
        path: 'decisions/:id(\\d+)',
        name: 'decision',
        component: () => import('@/pages/DecisionPage.vue'),
        props: true,
        meta: { title: 'nav.decisions', roles: AWARD_READERS },
      },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('@/pages/CertificatesPage.vue'),
        meta: { title: 'nav.certificates', nav: { order: 60, icon: Trophy }, roles: AWARD_READERS },
      },
      {
        path: 'events',
        name: 'events',
        component: () => import('@/pages/EventsPage.vue'),
        meta: { title: 'nav.events', nav: { order: 65, icon: Calendar } },
      },
      {
        path: 'events/:id(\\d+)',
        name: 'event',
        component: () => import('@/pages/EventPage.vue'),
        props: true,
        meta: { title: 'nav.events' },
      },
      {
        path: 'reports',
        name: 'reports',
        component: () => import('@/pages/ReportsPage.vue'),
        meta: { title: 'nav.reports', nav: { order: 50, icon: DataAnalysis } },
      },
      // The year's plans and the outreach activities they count (docs/plans.md): for everyone granted on a unit.
      {
        path: 'plans',
        name: 'plans',
        component: () => import('@/pages/plans/PlansPage.vue'),
        meta: { title: 'nav.plans', nav: { order: 51, icon: Notebook } },
      },
      {
        path: 'plans/:id(\\d+)',
        name: 'plan',
        component: () => import('@/pages/plans/PlanPage.vue'),
        props: true,
        meta: { title: 'nav.plans' },
      },
      {
        path: 'outreach',
        name: 'outreach',
        component: () => import('@/pages/plans/OutreachPage.vue'),
        meta: { title: 'nav.outreach' },
      },
      // The year report (báo cáo tổng kết, docs/year-report.md): figures and the officer's text, previewed and printed.
      {
        path: 'reports/year',
        name: 'year-report',
        component: () => import('@/pages/reports/YearReportPage.vue'),
        meta: { title: 'nav.yearReport', nav: { order: 52, icon: Document } },
      },
      // The figures of residents' concerns, next to the movement's report (linked from it), for the same readers.
      {
        path: 'reports/concerns',
        name: 'concern-figures',
        component: () => import('@/pages/concerns/ConcernFiguresPage.vue'),
        meta: { title: 'concernAlerts.figures.title' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/pages/UsersPage.vue'),
        meta: { title: 'nav.users', nav: { order: 80, icon: User }, roles: ['system_admin', 'unit_admin'] },
      },
      {
        path: 'tokens',
        name: 'tokens',
        component: () => import('@/pages/TokensPage.vue'),
        meta: { title: 'nav.tokens', nav: { order: 85, icon: Key } },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/pages/AccountPage.vue'),
        meta: { title: 'nav.account', nav: { order: 90, icon: Lock } },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/pages/NotFoundPage.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach(async (to) => {
  if (to.meta.public) {
    // Already signed in: the log-in page has nothing to do.
    if (to.name === 'login' && (await session.refresh().catch(() => false))) {
      const back = typeof to.query.redirect === 'string' && to.query.redirect.startsWith('/') ? to.query.redirect : '/'
      return back
    }
    // A public page of the app (the showcase) still wants to know who is there, to offer what they may do.
    if (to.name !== 'login') await session.refresh().catch(() => false)
    return true
  }
  if (!(await session.refresh().catch(() => false))) {
    // The site's root, not signed in: the residents' portal, which links to the staff's log-in.
    if (to.fullPath === '/' || to.redirectedFrom?.fullPath === '/') return { name: 'portal' }
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (!session.hasAnyRole(to.meta.roles)) return { name: 'units' }
  return true
})

router.afterEach((to) => {
  const t = i18n.global.t
  document.title = to.meta.title ? `${t(to.meta.title)} — danvan` : 'danvan — Dân vận khéo'
})

// A 401 in the middle of work: the session ended; log in again and come back here.
onUnauthorized(() => {
  session.forget()
  const here = router.currentRoute.value
  if (here.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  }
})

/** The pages to list in the navigation for the signed-in user, in order. */
export function navRoutes() {
  return router
    .getRoutes()
    .filter((r) => r.meta.nav && (session.user || r.meta.public) && session.hasAnyRole(r.meta.roles))
    .sort((a, b) => a.meta.nav!.order - b.meta.nav!.order)
}
