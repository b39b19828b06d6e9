import type { StaffRole } from '../generated/graphql';
import type { MessageKey } from '../i18n/dictionary';
import type { Route } from '../useHashRoute';

export interface MenuItem {
  key: Route['page'];
  label: MessageKey;
  route: Route;
}

const QUEUE: MenuItem = { key: 'queue', label: 'menuQueue', route: { page: 'queue' } };
const WALK_IN: MenuItem = { key: 'walkIn', label: 'menuWalkIn', route: { page: 'walkIn' } };
const APPOINTMENTS: MenuItem = { key: 'appointments', label: 'menuAppointments', route: { page: 'appointments' } };
const REVIEW: MenuItem = { key: 'review', label: 'menuReview', route: { page: 'review' } };
const DASHBOARD: MenuItem = { key: 'dashboard', label: 'menuDashboard', route: { page: 'dashboard' } };
const MATTERS: MenuItem = { key: 'matters', label: 'menuMatters', route: { page: 'matters' } };
const STAFF: MenuItem = { key: 'staff', label: 'menuStaff', route: { page: 'staff' } };
const HALLS: MenuItem = { key: 'halls', label: 'menuHalls', route: { page: 'halls' } };
const FOLLOW_UPS: MenuItem = { key: 'followUps', label: 'menuFollowUps', route: { page: 'followUps' } };
const SYNONYMS: MenuItem = { key: 'synonyms', label: 'menuSynonyms', route: { page: 'synonyms' } };
const CHECKS: MenuItem = { key: 'checks', label: 'menuChecks', route: { page: 'checks' } };
const RECONCILIATION: MenuItem = {
  key: 'reconciliation',
  label: 'menuReconciliation',
  route: { page: 'reconciliation' },
};

const AUDIT_LOG: MenuItem = { key: 'auditLog', label: 'menuAuditLog', route: { page: 'auditLog' } };

/** What each role works on, its first screen first: the menu is all a role sees. */
export const MENUS: Record<StaffRole, MenuItem[]> = {
  WINDOW_CLERK: [QUEUE, WALK_IN, APPOINTMENTS],
  REVIEWER: [REVIEW, CHECKS],
  SUPERVISOR: [DASHBOARD, FOLLOW_UPS, RECONCILIATION, AUDIT_LOG],
  COUNTY_ADMIN: [MATTERS, SYNONYMS, STAFF, HALLS, FOLLOW_UPS, DASHBOARD, RECONCILIATION, AUDIT_LOG],
  AGENT: [],
};

/** Which menu entry a screen belongs to (an application opened from the queue is the queue's). */
export function sectionOf(route: Route): Route['page'] {
  if (route.page === 'application') return 'queue';
  if (route.page === 'task') return 'review';
  if (route.page === 'matter') return 'matters';
  return route.page;
}

/** A screen the role may open; anything else shows the role's first screen. */
export function allowed(role: StaffRole, route: Route): boolean {
  return MENUS[role].some((item) => item.key === sectionOf(route));
}
