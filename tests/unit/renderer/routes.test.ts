import { describe, expect, it } from 'vitest';
import {
  PAGE_LABELS,
  WORKSPACE_PAGES,
  formatHash,
  homeRoute,
  pageLabel,
  parseHash,
  workspaceRoutes,
} from '../../../renderer/src/lib/routes';
import { createRouteStore, type HashWindow } from '../../../renderer/src/stores/route-store';

describe('hash routes', () => {
  it('parses and formats workspace routes, with the page sub-path decoded', () => {
    expect(parseHash('#/admin/users')).toBeNull();
    expect(parseHash('#/admin/people')).toEqual({ workspace: 'admin', page: 'people' });
    expect(parseHash('#/teacher/assignments/66f0a1b2c3d4e5f6a7b8c9d0')).toEqual({
      workspace: 'teacher',
      page: 'assignments',
      rest: ['66f0a1b2c3d4e5f6a7b8c9d0'],
    });
    expect(parseHash('#/student/chat/a%20b/?x=1')).toEqual({
      workspace: 'student',
      page: 'chat',
      rest: ['a b'],
    });
    const route = { workspace: 'student', page: 'chat', rest: ['a b/c'] } as const;
    expect(formatHash(route)).toBe('#/student/chat/a%20b%2Fc');
    expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('refuses what names no page: empty, unknown workspace or page, another workspace’s page, bad escapes', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#/admin',
      '#/boss/people',
      '#/student/people',
      '#/admin/people/%E0%A4%A',
    ])
      expect(parseHash(hash), hash).toBeNull();
  });

  it('has a label for every page, and each workspace starts at its home', () => {
    for (const role of ['admin', 'teacher', 'student'] as const) {
      const routes = workspaceRoutes(role);
      expect(routes.map((r) => r.page)).toEqual([...WORKSPACE_PAGES[role]]);
      expect(routes[0]).toEqual(homeRoute(role));
      for (const r of routes)
        expect(pageLabel(r)).toBe((PAGE_LABELS[role] as Record<string, string>)[r.page]);
    }
    expect(pageLabel(homeRoute('admin'))).toBe('Dashboard');
    expect(pageLabel(homeRoute('teacher'))).toBe('My day');
    expect(pageLabel(homeRoute('student'))).toBe('Timetable');
  });
});

function fakeWindow(initial = '') {
  const listeners: (() => void)[] = [];
  const entries: string[] = [initial];
  const win: HashWindow & { entries: string[]; back: () => void } = {
    entries,
    location: {
      pathname: '/',
      search: '',
      get hash() {
        return entries[entries.length - 1] ?? '';
      },
      set hash(value: string) {
        entries.push(value);
        listeners.forEach((l) => l());
      },
    },
    history: {
      state: null,
      replaceState: (_data, _unused, url) => {
        entries[entries.length - 1] = url.startsWith('#') ? url : '';
      },
    },
    addEventListener: (_type, listener) => listeners.push(listener),
    back() {
      entries.pop();
      listeners.forEach((l) => l());
    },
  };
  return win;
}

describe('route store', () => {
  it('follows the hash both ways; replace overwrites the entry; back is the browser’s', () => {
    const win = fakeWindow('#/admin/people');
    const store = createRouteStore(win);
    expect(store.getState().route).toEqual({ workspace: 'admin', page: 'people' });

    store.getState().navigate({ workspace: 'admin', page: 'classes' });
    expect(win.entries).toEqual(['#/admin/people', '#/admin/classes']);
    expect(store.getState().route).toEqual({ workspace: 'admin', page: 'classes' });

    store.getState().navigate({ workspace: 'admin', page: 'subjects' }, { replace: true });
    expect(win.entries).toEqual(['#/admin/people', '#/admin/subjects']);

    win.back();
    expect(store.getState().route).toEqual({ workspace: 'admin', page: 'people' });

    store.getState().clear();
    expect(win.entries).toEqual(['']);
    expect(store.getState().route).toBeNull();
  });
});
