import { describe, expect, it } from 'vitest';
import {
  createInvalidationBus,
  matchesChannel,
  type ChannelPattern,
} from '../../../renderer/src/lib/query-invalidation';

describe('matchesChannel', () => {
  it('matches a namespace by its prefix with the dot, and a channel by its whole name', () => {
    expect(matchesChannel('assignments.list', 'assignments.')).toBe(true);
    expect(matchesChannel('assignments.get', 'assignments.')).toBe(true);
    expect(matchesChannel('classes.get', 'classes.get')).toBe(true);
    expect(matchesChannel('classes.list', 'classes.get')).toBe(false);
    // A name is not a prefix: 'users' must not reach 'users.list', nor 'class' reach 'classes.list'.
    expect(matchesChannel('users.list', 'users')).toBe(false);
    expect(matchesChannel('classes.list', 'class.')).toBe(false);
  });

  it('types patterns from the contract', () => {
    const ok: ChannelPattern[] = ['assignments.', 'classes.get', 'users.list'];
    expect(ok).toHaveLength(3);
    // @ts-expect-error -- a namespace the contract does not have
    const typo: ChannelPattern = 'assignment.';
    expect(typo).toBe('assignment.');
  });
});

describe('createInvalidationBus', () => {
  function recorder() {
    const bus = createInvalidationBus();
    const calls: string[] = [];
    const on = (name: string, channel: string) => bus.subscribe(channel, () => calls.push(name));
    return { bus, calls, on };
  }

  it('tells the subscribers whose channel matches, each once, and says how many', () => {
    const { bus, calls, on } = recorder();
    on('list', 'assignments.list');
    on('detail', 'assignments.get');
    on('class', 'classes.get');
    on('roster', 'users.list');

    expect(bus.invalidate(['assignments.', 'assignments.get'])).toBe(2);
    expect(calls).toEqual(['list', 'detail']);

    calls.length = 0;
    expect(bus.invalidate(['classes.get', 'users.'])).toBe(2);
    expect(calls).toEqual(['class', 'roster']);
  });

  it('tells nobody for no pattern or an unknown one (a pushed event may name anything)', () => {
    const { bus, calls, on } = recorder();
    on('list', 'notices.list');
    expect(bus.invalidate([])).toBe(0);
    expect(bus.invalidate(['nothing.here', 'nope.'])).toBe(0);
    expect(calls).toEqual([]);
  });

  it('stops telling a reader once it unsubscribes, and each subscription leaves on its own', () => {
    const { bus, calls, on } = recorder();
    const first = on('first', 'notices.list');
    on('second', 'notices.list');
    first();
    first();
    expect(bus.invalidate(['notices.'])).toBe(1);
    expect(calls).toEqual(['second']);
  });

  it('tells the readers there were when it started, even if a listener mounts or unmounts others', () => {
    const bus = createInvalidationBus();
    const calls: string[] = [];
    let stopLater = (): void => undefined;
    bus.subscribe('users.list', () => {
      calls.push('first');
      stopLater();
      bus.subscribe('users.list', () => calls.push('mounted during'));
    });
    stopLater = bus.subscribe('users.list', () => calls.push('unmounted during'));
    expect(bus.invalidate(['users.list'])).toBe(2);
    expect(calls).toEqual(['first', 'unmounted during']);
  });
});
