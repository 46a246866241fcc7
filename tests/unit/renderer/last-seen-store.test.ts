import { afterEach, describe, expect, it } from 'vitest';
import type { CrmBridge } from '../../../shared/bridge';
import { createApiClient } from '../../../renderer/src/lib/api-client';
import { toApiResult } from '../../../renderer/src/lib/api-reply';
import { noteAnswer, oldestAsOf, useLastSeenStore } from '../../../renderer/src/stores/last-seen-store';

afterEach(() => useLastSeenStore.setState({ asOf: {} }));

/** The desktop bridge as a connected app's main process answers: the station's answer or a last-seen one. */
function bridgeAnswering(reply: () => unknown): CrmBridge {
  return {
    invoke: () => Promise.resolve(reply() as never),
    on: () => () => undefined,
  };
}

describe('pages marked "as of HH:MM"', () => {
  it('a last-seen answer marks its channel until a fresh answer of it arrives', async () => {
    const readAt = new Date('2026-03-02T09:41:00Z');
    let offline = true;
    const api = createApiClient({
      bridge: bridgeAnswering(() =>
        offline ? { ok: true, data: { items: [] }, asOf: readAt } : { ok: true, data: { items: [] } },
      ),
    });
    expect(await api.invoke('assignments.list', {})).toEqual({ items: [] });
    expect(useLastSeenStore.getState().asOf).toEqual({ 'assignments.list': readAt });
    offline = false;
    await api.invoke('assignments.list', {});
    expect(useLastSeenStore.getState().asOf).toEqual({});
  });

  it("a page's mark is the oldest of the channels it shows; other channels do not mark it", () => {
    noteAnswer('schedules.list', new Date(2_000));
    noteAnswer('assignments.list', new Date(1_000));
    noteAnswer('messages.thread', new Date(500));
    const { asOf } = useLastSeenStore.getState();
    expect(oldestAsOf(asOf, ['schedules.list', 'assignments.list'])).toEqual(new Date(1_000));
    expect(oldestAsOf(asOf, ['users.list'])).toBeUndefined();
    noteAnswer('assignments.list', undefined);
    expect(oldestAsOf(useLastSeenStore.getState().asOf, ['schedules.list', 'assignments.list'])).toEqual(
      new Date(2_000),
    );
  });

  it('reads `asOf` from a reply only when it is a real date', () => {
    expect(toApiResult({ ok: true, data: 1, asOf: new Date(5) })).toEqual({
      ok: true,
      data: 1,
      asOf: new Date(5),
    });
    expect(toApiResult({ ok: true, data: 1, asOf: 'yesterday' })).toEqual({ ok: true, data: 1 });
    expect(toApiResult({ ok: true, data: 1, asOf: new Date(Number.NaN) })).toEqual({ ok: true, data: 1 });
  });
});
