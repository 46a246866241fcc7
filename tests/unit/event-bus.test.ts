import { describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../shared/contract/events';
import { createUrlTickets } from '../../electron/core/security/url-tickets';
import { createTokenService } from '../../electron/core/security/tokens';
import { createEventBus } from '../../electron/core/services/events/bus';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccc';
const school = 'smart_crm_viva_1';
const message = (id: string) => ({ messageId: id, senderId: A, receiverId: B, messageType: 'text' as const });

describe('the event bus', () => {
  it('delivers an event to its audience in its institution only', () => {
    const bus = createEventBus();
    const got: Record<string, string[]> = { b: [], c: [], other: [], student: [] };
    bus.subscribe({ databaseName: school, userId: B, role: 'teacher' }, (e) => got.b?.push(e.name));
    bus.subscribe({ databaseName: school, userId: C, role: 'teacher' }, (e) => got.c?.push(e.name));
    bus.subscribe({ databaseName: 'smart_crm_other_2', userId: B, role: 'teacher' }, (e) =>
      got.other?.push(e.name),
    );
    bus.subscribe({ databaseName: school, userId: A, role: 'student' }, (e) => got.student?.push(e.name));
    bus.publish(school, 'message.new', message(C), { users: [A, B] });
    bus.publish(school, 'notice.new', { noticeId: C }, { roles: ['admin', 'teacher'] });
    expect(got).toEqual({
      b: ['message.new', 'notice.new'],
      c: ['notice.new'],
      other: [],
      student: ['message.new'],
    });
  });

  it('replays what a subscriber missed; an id it no longer holds or never gave asks for a resync', () => {
    const bus = createEventBus({ ringSize: 3 });
    const who = { databaseName: school, userId: B, role: 'teacher' as const };
    const ids: string[] = [];
    const off = bus.subscribe(who, (e: PushedEvent) => ids.push(e.id));
    bus.publish(school, 'message.new', message(A), { users: [B] });
    off();
    bus.publish(school, 'message.new', message(B), { users: [B] });
    bus.publish(school, 'message.new', message(C), { users: [C] });
    expect(bus.since(who, ids[0] ?? '')?.map((e) => e.data)).toEqual([message(B)]);
    bus.publish(school, 'notice.new', { noticeId: A }, { roles: ['teacher'] });
    bus.publish(school, 'notice.new', { noticeId: B }, { roles: ['teacher'] });
    // The ring kept 3: the event after ids[0] is gone.
    expect(bus.since(who, ids[0] ?? '')).toBeNull();
    expect(bus.since(who, 'another-boot.1')).toBeNull();
  });

  it('tells session listeners whose sessions changed', () => {
    const bus = createEventBus();
    const seen: Array<[string, string | undefined]> = [];
    const off = bus.onSessionsChanged((db, user) => seen.push([db, user]));
    bus.sessionsChanged(school, B);
    bus.sessionsChanged(school);
    off();
    bus.sessionsChanged(school, C);
    expect(seen).toEqual([
      [school, B],
      [school, undefined],
    ]);
  });
});

describe('URL tickets', () => {
  const secret = 'a-secret-of-enough-length-for-hmac-0123456789';
  const tickets = createUrlTickets(secret);
  const tokens = createTokenService(secret);
  const { token, claims } = tokens.issue({ sub: A, role: 'teacher', db: school, ver: 0 });

  it('open their own scope only, for a short while, and never pass as a session token', () => {
    const { ticket, expiresAt } = tickets.issue(claims, `file:${B}`, 600);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(tickets.verify(ticket, `file:${B}`)).toEqual(claims);
    expect(tickets.verify(ticket, `file:${C}`)).toBeNull();
    expect(tickets.verify(ticket, 'events')).toBeNull();
    expect(tickets.verify(ticket, `file:${B}`, Date.now() + 601_000)).toBeNull();
    expect(tokens.verify(ticket)).toBeNull();
    expect(tickets.verify(token, `file:${B}`)).toBeNull();
    const [body = '', sig = ''] = ticket.split('.');
    expect(tickets.verify(`${body}x.${sig}`, `file:${B}`)).toBeNull();
  });
});
