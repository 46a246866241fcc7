/**
 * Which component each route shows. One entry per page of `WORKSPACE_PAGES` (lib/routes.ts): a missing or
 * misspelt page is a type error. Workspace builders: replace `PendingPage` with your page, imported from its
 * feature (`features/<feature>/components/<page>.tsx`). A page reads its own sub-path (ids) with
 * `useRoute()?.rest`.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../../shared/roles';
import { WorkspaceHome } from '../features/home/components/workspace-home';
import type { AppRoute, PageOf } from '../lib/routes';
import { PendingPage } from './pending-page';

type RouteTable = { readonly [R in Role]: { readonly [P in PageOf<R>]: ComponentType } };

export const ROUTE_TABLE: RouteTable = {
  admin: {
    dashboard: WorkspaceHome,
    people: PendingPage,
    classes: PendingPage,
    subjects: PendingPage,
    timetable: PendingPage,
    calendar: PendingPage,
    notices: PendingPage,
    activity: PendingPage,
    health: PendingPage,
    settings: PendingPage,
  },
  teacher: {
    'my-day': WorkspaceHome,
    classes: PendingPage,
    assignments: PendingPage,
    chat: PendingPage,
    calendar: PendingPage,
    notices: PendingPage,
    analytics: PendingPage,
  },
  student: {
    timetable: WorkspaceHome,
    assignments: PendingPage,
    chat: PendingPage,
    calendar: PendingPage,
    notices: PendingPage,
    performance: PendingPage,
  },
};

export function pageComponent(route: AppRoute): ComponentType {
  const pages: Readonly<Record<string, ComponentType>> = ROUTE_TABLE[route.workspace];
  return pages[route.page] ?? PendingPage;
}
