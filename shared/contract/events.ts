/**
 * Pushed events (`GET /api/events`, Server-Sent Events; `window.crm.on('crm:event')` in the desktop app): their
 * names, their payloads and which channels each makes stale. The single place these are declared; the services
 * publish only these, the renderer invalidates by `EVENT_INVALIDATES`. Payloads carry ids, never content: a
 * client fetches what it may see through the channels, with their own access rules.
 */
import { z } from 'zod';
import { defineChannel } from './channel';
import { objectId, strictObject } from './common';

const id = objectId;

export const eventPayloads = {
  /** A message (text or voice note) was sent; to its sender and receiver. */
  'message.new': strictObject({
    messageId: id,
    senderId: id,
    receiverId: id,
    messageType: z.enum(['text', 'audio']),
  }),
  /** The reader read the partner's messages; to both. */
  'message.read': strictObject({ readerId: id, partnerId: id }),
  /** A notice was published; to the admin and the roles it addresses. */
  'notice.new': strictObject({ noticeId: id }),
  /** A notice was removed or changed; to the admin and the roles it addressed. */
  'notice.changed': strictObject({ noticeId: id, deleted: z.boolean() }),
  /** A student handed in work; to the student and the assignment's teacher. */
  'assignment.submitted': strictObject({ assignmentId: id, studentId: id }),
  /** A teacher reviewed a submission; to the student and the teacher. */
  'assignment.reviewed': strictObject({ assignmentId: id, studentId: id }),
  /** A teacher graded a submission; to the student and the teacher. */
  'assignment.graded': strictObject({ assignmentId: id, studentId: id }),
  /** A class's register was saved or an absence excused; to the admin, the class's teachers and its students. */
  'attendance.changed': strictObject({ classId: id, date: z.string().max(10) }),
} as const;

export type EventName = keyof typeof eventPayloads;
export const EVENT_NAMES = Object.keys(eventPayloads) as EventName[];
export type EventPayload<N extends EventName> = z.infer<(typeof eventPayloads)[N]>;

/** What travels on the stream: `id` orders events and resumes a stream (`Last-Event-ID`). */
export interface PushedEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  data: EventPayload<N>;
}

/** Which channels (names or `namespace.` prefixes) an event makes stale on the receiving client. */
export const EVENT_INVALIDATES: { readonly [N in EventName]: readonly string[] } = {
  'message.new': ['messages.'],
  'message.read': ['messages.'],
  'notice.new': ['notices.'],
  'notice.changed': ['notices.'],
  'assignment.submitted': ['assignments.', 'analytics.'],
  'assignment.reviewed': ['assignments.', 'analytics.'],
  'assignment.graded': ['assignments.', 'analytics.'],
  'attendance.changed': ['attendance.', 'analytics.'],
};

/**
 * The stream's own messages, besides the events: `ready` after connecting (`resync: true` when events were
 * missed that the station no longer holds: the client refreshes everything), `session-ended` before the
 * station closes a stream whose session ended (sign-out, password change, deactivation).
 */
export const STREAM_READY = 'ready';
export const STREAM_SESSION_ENDED = 'session-ended';
export const streamReady = strictObject({ resync: z.boolean() });

/** Checks a received event's name and payload (a client never trusts what arrives unchecked). */
export function parsePushedEvent(name: string, id: string, data: unknown): PushedEvent | null {
  if (!Object.hasOwn(eventPayloads, name)) return null;
  const parsed = eventPayloads[name as EventName].safeParse(data);
  return parsed.success ? ({ id, name, data: parsed.data } as PushedEvent) : null;
}

/** A stream message's data as sent (JSON text): its value, or undefined when it is not JSON. */
function streamData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A received stream message (its name, id and JSON text), checked as `parsePushedEvent` does. */
export function parseStreamMessage(name: string, id: string, text: string): PushedEvent | null {
  return parsePushedEvent(name, id, streamData(text));
}

/** Whether a `ready` message's text asks the client to refresh everything; one it cannot read does too. */
export function readyAsksResync(text: string): boolean {
  const ready = streamReady.safeParse(streamData(text));
  return !ready.success || ready.data.resync;
}

// everyone signed in. A browser's EventSource sends no Authorization header, and a session token in a URL
// ends up in logs: the stream is opened with this ticket instead (a minute long, good for the event stream of
// this session only; the stream checks the session itself on connect and while open).
export const eventsTicket = defineChannel({
  name: 'events.ticket',
  roles: ['admin', 'teacher', 'student'],
  maxBodyBytes: 1024,
  input: strictObject({}),
  output: strictObject({ ticket: z.string(), expiresAt: z.date() }),
  summary: "A one-minute ticket that opens this session's event stream (GET /api/events?ticket=…).",
});
