/**
 * Which component each route shows. Each workspace's pages are a table of their own
 * (`app/workspaces/<role>-pages.tsx`, one entry per page of `WORKSPACE_PAGES` in lib/routes.ts: a missing or
 * misspelt page is a type error), loaded as a chunk of its own when someone of that role signs in: a student's
 * laptop never downloads the office's pages (docs/architecture.md, "Renderer"). Pages live in their feature
 * (`features/<feature>/components/<page>.tsx`) and read their own sub-path (ids) with `useRoute()?.rest`.
 */
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../../shared/roles';
import { WORKSPACE_PAGES, type AppRoute } from '../lib/routes';

type PageTable = Readonly<Record<string, ComponentType>>;

const WORKSPACES: { readonly [R in Role]: () => Promise<PageTable> } = {
  admin: () => import('./workspaces/admin-pages').then((m) => m.PAGES),
  teacher: () => import('./workspaces/teacher-pages').then((m) => m.PAGES),
  student: () => import('./workspaces/student-pages').then((m) => m.PAGES),
};

/** One lazy component per page, made once (a new one per render would remount the page). */
const lazyPages = new Map<string, ComponentType>();

export function pageComponent(route: AppRoute): ComponentType {
  const pages: readonly string[] = WORKSPACE_PAGES[route.workspace];
  // An unknown page falls back to the workspace's home.
  const page = pages.includes(route.page) ? route.page : (pages[0] ?? '');
  const key = `${route.workspace}/${page}`;
  let component = lazyPages.get(key);
  if (!component) {
    component = lazy(async () => ({ default: (await WORKSPACES[route.workspace]())[page] ?? (() => null) }));
    lazyPages.set(key, component);
  }
  return component;
}
