import { ROUTE_ROLES, type RouteKey } from '../api/route-roles';

/**
 * What the signed-in user may do, decided in ONE place from the route rules the API itself declares
 * (x-access / x-roles of each operation, generated into api/route-roles.ts). A screen shows an action
 * only when `may(user, 'POST /api/v1/...')`: the console never keeps a role list of its own, so it
 * cannot disagree with the service (which refuses the call anyway).
 */
export type StaffRole = 'admin' | 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  roles: readonly string[];
}

export function may(user: SignedInUser | null | undefined, route: RouteKey): boolean {
  if (!user) return false;
  const rule = ROUTE_ROLES[route];
  if (rule.access !== 'staff') return rule.access === 'public';
  const roles: readonly string[] = rule.roles;
  if (roles.length === 0) return user.roles.length > 0;
  return user.roles.some((r) => roles.includes(r));
}

/** The screens of the navigation, each shown when the user may call the route it is built on. */
export const SCREENS: { path: string; label: string; route: RouteKey }[] = [
  { path: '/', label: 'Dashboard', route: 'GET /api/v1/units' },
  { path: '/receipt', label: 'Bench receipt', route: 'POST /api/v1/units/{din}/receipt' },
  { path: '/qa', label: 'QA queue', route: 'POST /api/v1/units/{din}/status' },
  { path: '/storage', label: 'Storage', route: 'GET /api/v1/storage/freezers' },
  { path: '/excursions', label: 'Excursions', route: 'GET /api/v1/storage/excursions' },
  { path: '/donors', label: 'Donors', route: 'GET /api/v1/donors' },
  { path: '/release', label: 'Release requests', route: 'GET /api/v1/release-requests' },
  { path: '/lab-events', label: 'Lab events', route: 'GET /api/v1/lab/events' },
  { path: '/users', label: 'Users and integrations', route: 'GET /api/v1/users' },
];
