/**
 * Generated from the contract: every channel that takes ids, called by each allowed role of institution A with
 * the real ids of institution B's records, answers NOT_FOUND and changes nothing in B. The tenant comes from
 * the token, never from the input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allChannels } from '../../../shared/contract';
import { api, buildSchool, school, useSchool, type School } from '../../support/api';
import { A, B, C, samples, type AllName } from '../../support/contract-samples';

useSchool();
let other: School;
const otherIds: Record<string, string> = {};

beforeAll(async () => {
  other = await buildSchool(api);
  const admin = other.admin.token;
  const teacher = other.teacher.token;
  const student = other.students[0]!.token;
  const subject = await api.ok<{ id: string }>(
    'subjects.create',
    { name: 'History', code: 'HIS7', grade: 7 },
    admin,
  );
  const schedule = await api.ok<{ id: string }>(
    'schedules.create',
    {
      teacherId: other.teacher.id,
      classId: other.classId,
      subject: 'History',
      day: 'Tuesday',
      period: 2,
      timeSlot: '10:00-10:40',
    },
    admin,
  );
  const event = await api.ok<{ id: string }>(
    'calendar.create',
    { title: 'Fair', date: new Date(), type: 'event' },
    admin,
  );
  const notice = await api.ok<{ id: string }>(
    'notices.create',
    { title: 'Fees', body: 'Due Friday', audience: ['student'] },
    admin,
  );
  const attachment = await api.ok<{ id: string }>(
    'files.upload',
    {
      name: 'task.pdf',
      mimeType: 'application/pdf',
      data: new Uint8Array([37, 80, 68, 70]),
      purpose: 'attachment',
    },
    teacher,
  );
  const assignment = await api.ok<{ id: string }>(
    'assignments.create',
    {
      title: 'Maps',
      classIds: [other.classId],
      dueDate: new Date(Date.now() + 86_400_000),
      attachments: [attachment.id],
    },
    teacher,
  );
  const message = await api.ok<{ id: string }>(
    'messages.send',
    { receiverId: other.teacher.id, message: 'Hello sir' },
    student,
  );
  Object.assign(otherIds, {
    user: other.students[0]!.id,
    teacher: other.teacher.id,
    class: other.classId,
    subject: subject.id,
    schedule: schedule.id,
    calendar: event.id,
    notice: notice.id,
    file: attachment.id,
    assignment: assignment.id,
    message: message.id,
  });
});

/** Which of B's records an input key names, by key and by the channel's domain for a bare `id`. */
function otherIdFor(channel: AllName, key: string): string {
  const domain = channel.split('.')[0]!;
  const byKey: Record<string, string> = {
    classId: 'class',
    classIds: 'class',
    teacherId: 'teacher',
    studentId: 'user',
    studentIds: 'user',
    userId: 'user',
    receiverId: 'teacher',
    assignmentId: 'assignment',
    replyTo: 'message',
    audioFileId: 'file',
    files: 'file',
    attachments: 'file',
  };
  const byDomain: Record<string, string> = {
    users: 'user',
    classes: 'class',
    subjects: 'subject',
    schedules: 'schedule',
    calendar: 'calendar',
    notices: 'notice',
    files: 'file',
    assignments: 'assignment',
    analytics: 'user',
    messages: 'user',
  };
  return otherIds[byKey[key] ?? byDomain[domain] ?? 'user']!;
}

const PLACEHOLDERS = new Set([A, B, C]);

/** The sample with every placeholder id replaced by one of B's real ids; null when it has no id. */
function withOtherIds(channel: AllName, input: unknown, key = ''): unknown {
  if (typeof input === 'string' && PLACEHOLDERS.has(input)) return otherIdFor(channel, key);
  // Several placeholders map to one real id: keep each once (the contract refuses duplicates).
  if (Array.isArray(input)) return [...new Set(input.map((v) => withOtherIds(channel, v, key)))];
  if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, withOtherIds(channel, v, k)]));
  }
  return input;
}

function mentionsIds(input: unknown): boolean {
  return JSON.stringify(input).match(new RegExp([A, B, C].join('|'))) !== null;
}

async function snapshotOf(s: School): Promise<string> {
  const tenant = await api.deps.db.tenant(s.admin.databaseName);
  const parts: unknown[] = [];
  for (const [name, model] of Object.entries(tenant.models)) {
    if (name === 'ActivityLog') continue;
    parts.push(await (model as { find(): { lean(): Promise<unknown> } }).find().lean());
  }
  return JSON.stringify(parts);
}

/** The station's paired devices belong to the station, not to an institution: no tenant to cross. */
const STATION_CHANNELS: readonly string[] = ['devices.revoke'];

const cases = (Object.keys(allChannels) as AllName[]).flatMap((name) => {
  const def = allChannels[name];
  if (def.roles === 'public' || STATION_CHANNELS.includes(name)) return [];
  return samples[name]
    .filter(mentionsIds)
    .flatMap((sample, i) => (def.roles as readonly string[]).map((role) => ({ name, role, sample, i })));
});

describe("another institution's ids", () => {
  it.each(cases)('$name (sample $i) as $role → NOT_FOUND', async ({ name, role, sample }) => {
    const token =
      role === 'admin'
        ? school.admin.token
        : role === 'teacher'
          ? school.teacher.token
          : school.students[0]!.token;
    const before = await snapshotOf(other);
    const result = await api.call(name, withOtherIds(name, sample), token);
    if (result.ok && name === 'users.list') {
      // A people page's boundary (`after` / `before`) is a place in the order, never looked up: the page is of
      // the caller's own people, and names nothing of the other institution.
      expect(Object.keys(sample as object).some((key) => key === 'after' || key === 'before')).toBe(true);
      expect(JSON.stringify(result.data)).not.toMatch(new RegExp(Object.values(otherIds).join('|')));
    } else if (result.ok) {
      // Only a log filter may answer an empty page instead: entries of deleted people keep their ids.
      expect(name).toBe('activity.list');
      expect(result.data).toMatchObject({ items: [], total: 0 });
    } else {
      expect(result.error.code, result.error.message).toBe('NOT_FOUND');
    }
    expect(await snapshotOf(other)).toBe(before);
  });
});
