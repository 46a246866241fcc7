/**
 * The app's routes as data: one tree per workspace (`#/<role>/<page>/<rest…>`), parsed from and written to
 * `location.hash` so they work under app:// in Electron and on the station alike. Pure: no DOM, unit-tested.
 *
 * A page key names a navbar entry; anything after it (`rest`) belongs to the page, e.g. an id:
 * `#/teacher/assignments/66f0…` is `{ workspace: 'teacher', page: 'assignments', rest: ['66f0…'] }`.
 */
import { isRole, type Role } from '../../../shared/roles';

/** Every workspace's pages, in navbar order. The first one is the workspace's home. */
export const WORKSPACE_PAGES = {
  admin: [
    'dashboard',
    'analytics',
    'attendance',
    'people',
    'classes',
    'subjects',
    'timetable',
    'calendar',
    'notices',
    'chat',
    'activity',
    'health',
    'devices',
    'settings',
    'profile',
  ],
  teacher: [
    'my-day',
    'register',
    'classes',
    'assignments',
    'chat',
    'calendar',
    'notices',
    'analytics',
    'profile',
  ],
  student: [
    'timetable',
    'assignments',
    'attendance',
    'chat',
    'calendar',
    'notices',
    'performance',
    'profile',
  ],
} as const satisfies Record<Role, readonly string[]>;

export type PageOf<R extends Role> = (typeof WORKSPACE_PAGES)[R][number];

/** A route inside a workspace. `rest` holds the page's own path segments (decoded), e.g. `[assignmentId]`. */
export type AppRoute = {
  [R in Role]: { workspace: R; page: PageOf<R>; rest?: readonly string[] };
}[Role];

/** What people see in the navbar and the window title. */
export const PAGE_LABELS: { readonly [R in Role]: { readonly [P in PageOf<R>]: string } } = {
  admin: {
    dashboard: 'Dashboard',
    analytics: 'Analytics',
    attendance: 'Attendance',
    people: 'People',
    classes: 'Classes',
    subjects: 'Subjects',
    timetable: 'Timetable',
    calendar: 'Calendar',
    notices: 'Notices',
    chat: 'Chat',
    activity: 'Activity',
    health: 'System health',
    devices: 'Devices',
    settings: 'Settings',
    profile: 'My profile',
  },
  teacher: {
    'my-day': 'My day',
    register: 'Register',
    classes: 'Classes',
    assignments: 'Assignments',
    chat: 'Chat',
    calendar: 'Calendar',
    notices: 'Notices',
    analytics: 'Analytics',
    profile: 'My profile',
  },
  student: {
    timetable: 'Timetable',
    assignments: 'Assignments',
    attendance: 'Attendance',
    chat: 'Chat',
    calendar: 'Calendar',
    notices: 'Notices',
    performance: 'My performance',
    profile: 'My profile',
  },
};

/** The workspace's name in the navbar: "Office workspace". */
export const WORKSPACE_LABELS: { readonly [R in Role]: string } = {
  admin: 'Office',
  teacher: 'Teacher',
  student: 'Student',
};

/** A person's role in words: "Office admin". */
export const ROLE_LABELS: { readonly [R in Role]: string } = {
  admin: 'Office admin',
  teacher: 'Teacher',
  student: 'Student',
};

export function isPageOf<R extends Role>(workspace: R, page: string): page is PageOf<R> {
  return (WORKSPACE_PAGES[workspace] as readonly string[]).includes(page);
}

export function homeRoute(workspace: Role): AppRoute {
  switch (workspace) {
    case 'admin':
      return { workspace, page: WORKSPACE_PAGES.admin[0] };
    case 'teacher':
      return { workspace, page: WORKSPACE_PAGES.teacher[0] };
    case 'student':
      return { workspace, page: WORKSPACE_PAGES.student[0] };
  }
}

/** Every page of a workspace as a route, in navbar order (the first is its home). */
export function workspaceRoutes(workspace: Role): AppRoute[] {
  switch (workspace) {
    case 'admin':
      return WORKSPACE_PAGES.admin.map((page) => ({ workspace, page }));
    case 'teacher':
      return WORKSPACE_PAGES.teacher.map((page) => ({ workspace, page }));
    case 'student':
      return WORKSPACE_PAGES.student.map((page) => ({ workspace, page }));
  }
}

/** The label of a route's page. */
export function pageLabel(route: AppRoute): string {
  const labels: Readonly<Record<string, string>> = PAGE_LABELS[route.workspace];
  return labels[route.page] ?? route.page;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * `#/teacher/assignments/abc` → the route; null for an empty hash, an unknown workspace or page, or a
 * malformed segment. A query part (`?…`) is ignored.
 */
export function parseHash(hash: string): AppRoute | null {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  const [workspace, page, ...rest] = segments;
  if (workspace === undefined || page === undefined || !isRole(workspace)) return null;
  const decoded = rest.map(decodeSegment);
  if (decoded.some((s) => s === null)) return null;
  const restSegments = decoded.filter((s): s is string => s !== null);
  const extra = restSegments.length > 0 ? { rest: restSegments } : {};
  switch (workspace) {
    case 'admin':
      return isPageOf('admin', page) ? { workspace, page, ...extra } : null;
    case 'teacher':
      return isPageOf('teacher', page) ? { workspace, page, ...extra } : null;
    case 'student':
      return isPageOf('student', page) ? { workspace, page, ...extra } : null;
  }
}

/** The hash of a route, for `location.hash` and for `<a href>`: `#/teacher/assignments/abc`. */
export function formatHash(route: AppRoute): string {
  const parts = [route.workspace, route.page, ...(route.rest ?? [])].map((s) => encodeURIComponent(s));
  return `#/${parts.join('/')}`;
}

export function sameRoute(a: AppRoute | null, b: AppRoute | null): boolean {
  if (a === null || b === null) return a === b;
  return formatHash(a) === formatHash(b);
}
