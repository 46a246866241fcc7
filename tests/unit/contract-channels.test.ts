/**
 * The whole API contract, checked from its own schemas: names, roles, strict inputs that refuse operator
 * objects and junk ids, outputs that can never carry a password or hash, file limits and domain rules.
 * Every channel has sample inputs below; a channel or input key without a sample fails a test, so new fields
 * are covered when they are added.
 */
import { Binary, EJSON } from 'bson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  allChannels,
  apiChannels,
  channels,
  classSchema,
  userSchema,
  type ChannelDefinition,
} from '../../shared/contract';
import { dateInput, objectId, timeSlot } from '../../shared/contract/common';
import {
  ADMIN_USERNAME_PATTERN,
  FILE_LIMITS,
  FILE_PURPOSES,
  PASSWORD_RULES,
  isStrongEnoughPassword,
  isValidTimeSlot,
  parseTimeSlot,
  scoreBucketIndex,
} from '../../shared/domain';
import { ROLES } from '../../shared/roles';

import { A, B, C, samples, when, type AllName } from '../support/contract-samples';

/** Who may call what: the table the roles tests hold the contract to (and the lead's summary). */
const expectedRoles: { [N in AllName]: readonly string[] | 'public' } = {
  'system.ping': 'public',
  'system.status': 'public',
  'system.health': ['admin'],
  'system.backup': ['admin'],
  'system.backups': ['admin'],
  'system.backupSchedule': ['admin'],
  'system.backupSave': ['admin'],
  'system.backupOpen': ['admin'],
  'institution.archive': ['admin'],
  'institution.reactivate': 'public',
  'system.restore': ['admin'],
  'auth.registerInstitution': 'public',
  'auth.login': 'public',
  'auth.me': ROLES,
  'auth.logout': ROLES,
  'auth.changePassword': ROLES,
  'institution.get': ['admin'],
  'institution.update': ['admin'],
  'institution.delete': ['admin'],
  'users.list': ['admin', 'teacher'],
  'users.get': ROLES,
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.delete': ['admin'],
  'users.import': ['admin'],
  'institution.importFromOriginal': ['admin'],
  'classes.list': ROLES,
  'classes.get': ROLES,
  'classes.create': ['admin'],
  'classes.update': ['admin'],
  'classes.delete': ['admin'],
  'classes.assignTeacher': ['admin'],
  'classes.addStudents': ['admin'],
  'classes.removeStudent': ['admin'],
  'subjects.list': ROLES,
  'subjects.create': ['admin'],
  'subjects.update': ['admin'],
  'subjects.delete': ['admin'],
  'schedules.list': ROLES,
  'schedules.create': ['admin'],
  'schedules.update': ['admin'],
  'schedules.delete': ['admin'],
  'assignments.list': ROLES,
  'assignments.get': ROLES,
  'assignments.create': ['teacher'],
  'assignments.update': ['teacher'],
  'assignments.delete': ['admin', 'teacher'],
  'assignments.submit': ['student'],
  'assignments.review': ['teacher'],
  'assignments.grade': ['teacher'],
  'messages.conversations': ROLES,
  'messages.thread': ROLES,
  'messages.send': ROLES,
  'messages.markRead': ROLES,
  'messages.unreadCounts': ROLES,
  'files.upload': ROLES,
  'files.get': ROLES,
  'calendar.list': ROLES,
  'calendar.create': ['admin'],
  'calendar.update': ['admin'],
  'calendar.delete': ['admin'],
  'calendar.holidayCountries': ['admin'],
  'calendar.importHolidays': ['admin'],
  'notices.list': ROLES,
  'notices.create': ['admin'],
  'notices.delete': ['admin'],
  'notices.markRead': ROLES,
  'activity.list': ['admin'],
  'analytics.student': ROLES,
  'analytics.class': ['admin', 'teacher'],
  'analytics.institution': ['admin'],
  'attendance.register': ['admin', 'teacher'],
  'attendance.save': ['admin', 'teacher'],
  'attendance.excuse': ['admin'],
  'attendance.day': ['admin'],
  'attendance.student': ROLES,
  'attendance.class': ['admin', 'teacher'],
  'attendance.export': ['admin', 'teacher'],
  'attendance.settings': ROLES,
  'attendance.updateSettings': ['admin'],
  'events.ticket': ROLES,
  'files.link': ROLES,
  'devices.list': ['admin'],
  'devices.add': ['admin'],
  'devices.revoke': ['admin'],
  'devices.setBrowsers': ['admin'],
  'week.get': ROLES,
  'week.update': ['admin'],
  'rooms.list': ['admin', 'teacher'],
  'rooms.create': ['admin'],
  'rooms.update': ['admin'],
  'rooms.delete': ['admin'],
  'lessons.list': ['admin'],
  'lessons.create': ['admin'],
  'lessons.update': ['admin'],
  'lessons.delete': ['admin'],
  'availability.get': ['admin', 'teacher'],
  'availability.set': ['admin'],
  'timetable.generate': ['admin'],
  'timetable.preview': ['admin'],
  'timetable.accept': ['admin'],
  'timetable.discard': ['admin'],
  'timetable.cancel': ['admin'],
  'auth.institutions': 'public',
  'profile.get': ROLES,
  'profile.update': ROLES,
  'classes.setRollNumber': ['admin'],
  'classes.numberAlphabetically': ['admin'],
  'classes.moveStudent': ['admin'],
  'messages.delete': ROLES,
  'messages.clear': ROLES,
  'notices.update': ['admin', 'teacher'],
};

// ── Schema walking ──────────────────────────────────────────────────────────────────────────────────────────

/** Strips optional, nullable and default wrappers, and a pipe's output side (its input is what callers send). */
function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
    } else {
      return s;
    }
  }
}

function inputShape(def: ChannelDefinition): Record<string, z.ZodType> {
  const s = unwrap(def.input);
  if (!(s instanceof z.ZodObject)) throw new Error(`${def.name}: input is not an object`);
  return s.shape;
}

/** An id field: `objectId`, or an array of them, behind any wrappers (`.nullable().optional()`). */
function isIdField(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  if (s === objectId) return true;
  if (s instanceof z.ZodArray) return unwrap(s.element as z.ZodType) === objectId;
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).some(isIdField);
  return false;
}

/** Every object key of a schema, with its path, and every object schema met on the way. */
function walk(
  schema: z.ZodType,
  path: string,
  visit: (key: string, path: string) => void,
  objects: z.ZodObject[],
) {
  const s = schema;
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    walk(s.unwrap() as z.ZodType, path, visit, objects);
  } else if (s instanceof z.ZodPipe) {
    walk(s.in as z.ZodType, path, visit, objects);
    walk(s.out as z.ZodType, path, visit, objects);
  } else if (s instanceof z.ZodObject) {
    objects.push(s);
    for (const [key, value] of Object.entries<z.ZodType>(s.shape)) {
      visit(key, `${path}.${key}`);
      walk(value, `${path}.${key}`, visit, objects);
    }
  } else if (s instanceof z.ZodArray) {
    walk(s.element as z.ZodType, `${path}[]`, visit, objects);
  } else if (s instanceof z.ZodUnion) {
    for (const option of s.options as z.ZodType[]) walk(option, path, visit, objects);
  } else if (s instanceof z.ZodRecord) {
    walk(s.valueType as z.ZodType, `${path}{}`, visit, objects);
  }
}

const defs: ChannelDefinition[] = Object.values(allChannels);
const names = defs.map((d) => d.name);
const sampleOf = (name: string): readonly Record<string, unknown>[] =>
  (samples as unknown as Record<string, readonly Record<string, unknown>[]>)[name] ?? [];

function issuePaths(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

// ── Names and roles ─────────────────────────────────────────────────────────────────────────────────────────

describe('channel names', () => {
  it('are domain.action, keyed by their own name, and unique', () => {
    for (const [key, def] of Object.entries(allChannels)) {
      expect(def.name).toBe(key);
      expect(def.name).toMatch(/^[a-z]+\.[a-z][a-zA-Z]*$/);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('channels is the whole API: system.ping and system.status plus apiChannels', () => {
    expect(channels).toBe(allChannels);
    expect([...names].sort()).toEqual(['system.ping', 'system.status', ...Object.keys(apiChannels)].sort());
  });

  it('has a sample and an expected role list for every channel, and nothing else', () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
    expect(Object.keys(expectedRoles).sort()).toEqual([...names].sort());
  });

  it('covers every domain the design names', () => {
    const domains = new Set(names.map((n) => n.split('.')[0]));
    expect([...domains].sort()).toEqual(
      [
        'activity',
        'analytics',
        'assignments',
        'attendance',
        'auth',
        'calendar',
        'classes',
        'events',
        'devices',
        'files',
        'institution',
        'messages',
        'notices',
        'profile',
        'schedules',
        'subjects',
        'system',
        'users',
        // timetabling (issue 16)
        'availability',
        'lessons',
        'rooms',
        'timetable',
        'week',
      ].sort(),
    );
  });
});

describe('channel roles', () => {
  it.each(names)('%s allows exactly the expected roles and explains them', (name) => {
    const def = allChannels[name as AllName] as ChannelDefinition;
    const expected = expectedRoles[name as AllName];
    if (expected === 'public') {
      expect(def.roles).toBe('public');
    } else {
      expect(def.roles).not.toBe('public');
      expect([...def.roles].sort()).toEqual([...expected].sort());
      expect(new Set(def.roles).size).toBe(def.roles.length);
    }
    expect(def.summary.length).toBeGreaterThan(10);
  });

  it("leaves only sign-in, the sign-in screen's school list, registration, reactivation and the engine probes public", () => {
    const open = defs.filter((d) => d.roles === 'public').map((d) => d.name);
    expect(open.sort()).toEqual([
      'auth.institutions',
      'auth.login',
      'auth.registerInstitution',
      'institution.reactivate',
      'system.ping',
      'system.status',
    ]);
  });
});

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────

describe.each(names)('input of %s', (name) => {
  const def = allChannels[name as AllName] as ChannelDefinition;
  const shape = inputShape(def);
  const keys = Object.keys(shape);
  const variants = sampleOf(name);

  it('accepts its samples', () => {
    for (const sample of variants) {
      const result = def.input.safeParse(sample);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
  });

  it('has samples that use every key', () => {
    const used = new Set(variants.flatMap((v) => Object.keys(v)));
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('is a strict object: unknown keys are refused', () => {
    const s = unwrap(def.input);
    expect(s).toBeInstanceOf(z.ZodObject);
    expect((s as z.ZodObject).def.catchall).toBeInstanceOf(z.ZodNever);
    for (const sample of variants) {
      expect(def.input.safeParse({ ...sample, unexpected: 1 }).success).toBe(false);
      expect(def.input.safeParse({ ...sample, $where: 'sleep(1000)' }).success).toBe(false);
    }
    expect(def.input.safeParse(null).success).toBe(false);
    expect(def.input.safeParse([]).success).toBe(false);
    expect(def.input.safeParse('{}').success).toBe(false);
  });

  it('refuses an operator object (or an array of one) in place of any field', () => {
    for (const sample of variants) {
      for (const key of Object.keys(sample)) {
        for (const junk of [{ $gt: '' }, { $ne: null }, { $regex: '.*' }, [{ $gt: '' }]]) {
          const result = def.input.safeParse({ ...sample, [key]: junk });
          expect(result.success, `${name}.${key} = ${JSON.stringify(junk)}`).toBe(false);
          expect(issuePaths(result).some((p) => p === key || p.startsWith(`${key}.`))).toBe(true);
        }
      }
    }
  });

  it('checks every id field as an ObjectId', () => {
    for (const key of keys) {
      if (/(^id$|Id$|Ids$|^replyTo$)/.test(key)) expect(isIdField(shape[key] as z.ZodType), key).toBe(true);
    }
    const idKeys = keys.filter((k) => isIdField(shape[k] as z.ZodType));
    for (const sample of variants) {
      for (const key of idKeys.filter((k) => k in sample)) {
        const isList = Array.isArray(sample[key]);
        for (const junk of ['junk', `${A}0`, A.slice(1), 'zzzzzzzzzzzzzzzzzzzzzzzz', 42, true, {}]) {
          const value = isList ? [junk] : junk;
          const result = def.input.safeParse({ ...sample, [key]: value });
          expect(result.success, `${name}.${key} = ${JSON.stringify(value)}`).toBe(false);
        }
      }
    }
  });
});

describe('ids', () => {
  it('accepts 24 hex characters in either case, as lower case', () => {
    expect(objectId.parse('0123456789ABCDEF01234567')).toBe('0123456789abcdef01234567');
    const result = objectId.safeParse('nope');
    expect(result.error?.issues[0]?.message).toBe('must be an id');
  });

  it('refuses the same id twice in a list', () => {
    const { input } = apiChannels['classes.addStudents'];
    expect(input.safeParse({ classId: A, studentIds: [B, B] }).success).toBe(false);
    expect(input.safeParse({ classId: A, studentIds: [] }).success).toBe(false);
  });
});

describe('dates', () => {
  it('accepts a Date, an ISO date-time with offset and a plain ISO date', () => {
    expect(dateInput.parse(when)).toEqual(when);
    expect(dateInput.parse('2025-09-01T10:30:00+02:00')).toEqual(when);
    expect(dateInput.parse('2025-09-01')).toEqual(new Date('2025-09-01T00:00:00.000Z'));
  });

  it('refuses junk that z.coerce.date() would turn into a date', () => {
    for (const junk of [
      null,
      0,
      1_700_000_000_000,
      true,
      '',
      'yesterday',
      '01/09/2025',
      {},
      [],
      new Date('x'),
    ]) {
      expect(dateInput.safeParse(junk).success, JSON.stringify(junk)).toBe(false);
    }
    expect(dateInput.safeParse('1850-01-01').success).toBe(false);
  });
});

describe('free text', () => {
  it('is trimmed, bounded and free of control characters', () => {
    const { input } = apiChannels['calendar.create'];
    const base = { title: 'x', date: when, type: 'event' } as const;
    expect(input.parse({ ...base, title: '  Sports day  ' }).title).toBe('Sports day');
    expect(input.safeParse({ ...base, title: '   ' }).success).toBe(false);
    expect(input.safeParse({ ...base, title: 'a'.repeat(201) }).success).toBe(false);
    expect(input.safeParse({ ...base, title: 'a\u0000b' }).success).toBe(false);
    expect(input.safeParse({ ...base, title: 'line\nbreak' }).success).toBe(false);
    // Multi-line text keeps its line breaks.
    expect(input.parse({ ...base, description: 'one\ntwo' }).description).toBe('one\ntwo');
  });

  it('bounds messages, notes and feedback', () => {
    const send = apiChannels['messages.send'].input;
    expect(send.safeParse({ receiverId: A, message: 'a'.repeat(4000) }).success).toBe(true);
    expect(send.safeParse({ receiverId: A, message: 'a'.repeat(4001) }).success).toBe(false);
    expect(send.safeParse({ receiverId: A }).success).toBe(false);
    expect(send.safeParse({ receiverId: A, message: 'hi', audioFileId: B }).success).toBe(false);
    const grade = apiChannels['assignments.grade'].input;
    expect(
      grade.safeParse({ assignmentId: A, studentId: B, grade: 50, feedback: 'a'.repeat(2001) }).success,
    ).toBe(false);
    expect(grade.safeParse({ assignmentId: A, studentId: B, grade: 101 }).success).toBe(false);
    expect(grade.safeParse({ assignmentId: A, studentId: B, grade: -1 }).success).toBe(false);
  });

  it('pages are bounded', () => {
    const { input } = apiChannels['users.list'];
    expect(input.parse({})).toMatchObject({ page: 1, pageSize: 25 });
    expect(input.safeParse({ pageSize: 101 }).success).toBe(false);
    expect(input.safeParse({ pageSize: 0 }).success).toBe(false);
    expect(input.safeParse({ page: 1.5 }).success).toBe(false);
  });
});

describe('usernames and passwords', () => {
  it('admin usernames: 3–32 letters, digits, underscore', () => {
    for (const ok of ['Viva_admin', 'abc', 'a'.repeat(32)])
      expect(ADMIN_USERNAME_PATTERN.test(ok)).toBe(true);
    for (const bad of ['ab', 'a'.repeat(33), 'viva-admin', 'viva admin', 'école']) {
      expect(ADMIN_USERNAME_PATTERN.test(bad), bad).toBe(false);
    }
  });

  it('tenant usernames are trimmed, 1–64 characters, without control characters', () => {
    const { input } = apiChannels['users.create'];
    const base = { role: 'teacher', password: 'teach1234', name: 'P' } as const;
    expect(input.parse({ ...base, username: '  Pratik sir ' }).username).toBe('Pratik sir');
    expect(input.safeParse({ ...base, username: '  ' }).success).toBe(false);
    expect(input.safeParse({ ...base, username: 'a'.repeat(65) }).success).toBe(false);
    expect(input.safeParse({ ...base, username: 'a\tb' }).success).toBe(false);
  });

  it('an admin signs in with an admin username; a tenant user names the institution', () => {
    const { input } = apiChannels['auth.login'];
    expect(input.safeParse({ username: 'Pratik sir', password: 'x' }).success).toBe(false);
    expect(
      input.safeParse({ institution: 'Viva_admin', username: 'Pratik sir', password: 'x' }).success,
    ).toBe(true);
    expect(input.safeParse({ institution: 'no such!', username: 'Pratik sir', password: 'x' }).success).toBe(
      false,
    );
    expect(input.safeParse({ username: 'Viva_admin', password: '' }).success).toBe(false);
  });

  it('new passwords need 8–72 characters with a letter and a digit, and say so', () => {
    expect(PASSWORD_RULES.message).toMatch(/letter/);
    expect(PASSWORD_RULES.message).toMatch(/digit/);
    for (const ok of ['abcdefg1', 'Pässwort9', `${'a'.repeat(71)}1`])
      expect(isStrongEnoughPassword(ok), ok).toBe(true);
    // 72 characters but more than 72 bytes: bcrypt would ignore the end.
    for (const bad of ['abc1234', 'abcdefgh', '12345678', `${'a'.repeat(72)}1`, `${'ä'.repeat(40)}1`]) {
      expect(isStrongEnoughPassword(bad), bad).toBe(false);
    }
    const { input } = apiChannels['auth.changePassword'];
    const result = input.safeParse({ currentPassword: 'x', newPassword: 'short' });
    expect(result.error?.issues[0]?.message).toBe(PASSWORD_RULES.message);
    expect(input.safeParse({ currentPassword: 'same-pass1', newPassword: 'same-pass1' }).success).toBe(false);
  });
});

describe('time slots', () => {
  it.each(['9:00-9:30', '13:05-13:50', '09:00-09:45', '0:00-23:59'])('accepts %s', (slot) => {
    expect(isValidTimeSlot(slot)).toBe(true);
    expect(timeSlot.safeParse(slot).success).toBe(true);
  });

  it.each(['9:30-9:00', '25:00-26:00', '9:00-9:00', '9:0-9:30', '9:00', '9:00-9:60', '9.00-9.30', ' - '])(
    'refuses %s',
    (slot) => {
      expect(isValidTimeSlot(slot)).toBe(false);
      expect(timeSlot.safeParse(slot).success).toBe(false);
    },
  );

  it('parses to minutes since midnight', () => {
    expect(parseTimeSlot('9:05-13:50')).toEqual({ start: 545, end: 830 });
  });

  it('is checked by the timetable channels', () => {
    const { input } = apiChannels['schedules.create'];
    const base = { teacherId: A, classId: B, subject: 'Maths', day: 'Monday', period: 1 } as const;
    expect(input.safeParse({ ...base, timeSlot: '9:00-9:30' }).success).toBe(true);
    expect(input.safeParse({ ...base, timeSlot: '9:30-9:00' }).success).toBe(false);
    expect(input.safeParse({ ...base, timeSlot: '9:00-9:30', day: 'Funday' }).success).toBe(false);
    expect(input.safeParse({ ...base, timeSlot: '9:00-9:30', period: 11 }).success).toBe(false);
  });
});

// ── Files ───────────────────────────────────────────────────────────────────────────────────────────────────

describe('files.upload limits', () => {
  const { input } = apiChannels['files.upload'];
  const MB = 1024 * 1024;
  const upload = (purpose: string, mimeType: string, size: number, extra: Record<string, unknown> = {}) =>
    input.safeParse({ name: 'file.bin', mimeType, purpose, data: new Uint8Array(size), ...extra });
  const messages = (r: ReturnType<typeof upload>) => r.error?.issues.map((i) => i.message) ?? [];

  it('voice notes: audio types, at most 5 MB and 5 minutes', () => {
    expect(upload('audio', 'audio/webm;codecs=opus', 5 * MB).success).toBe(true);
    expect(upload('audio', 'audio/ogg', 10).success).toBe(true);
    expect(upload('audio', 'audio/mp4', 10).success).toBe(true);
    expect(messages(upload('audio', 'audio/webm', 5 * MB + 1))).toContain('Voice notes may be at most 5 MB.');
    expect(upload('audio', 'application/pdf', 10).success).toBe(false);
    expect(upload('audio', 'audio/webm', 10, { durationSeconds: 300 }).success).toBe(true);
    expect(messages(upload('audio', 'audio/webm', 10, { durationSeconds: 301 }))).toContain(
      'Voice notes may be at most 5 minutes long.',
    );
  });

  it.each(['attachment', 'submission'])('%s: documents and images, at most 20 MB', (purpose) => {
    for (const type of FILE_LIMITS[purpose as 'attachment'].mimeTypes) {
      expect(upload(purpose, type, 10).success, type).toBe(true);
    }
    expect(upload(purpose, 'application/pdf', 20 * MB).success).toBe(true);
    const label = FILE_LIMITS[purpose as 'attachment'].label;
    expect(messages(upload(purpose, 'application/pdf', 20 * MB + 1))).toContain(
      `${label} may be at most 20 MB.`,
    );
    expect(upload(purpose, 'audio/webm', 10).success).toBe(false);
    expect(upload(purpose, 'application/x-msdownload', 10).success).toBe(false);
    expect(upload(purpose, 'text/html', 10).success).toBe(false);
    expect(upload(purpose, 'application/pdf', 10, { durationSeconds: 3 }).success).toBe(false);
  });

  it('refuses empty files, unknown purposes and bad names', () => {
    expect(upload('audio', 'audio/webm', 0).success).toBe(false);
    expect(upload('avatar', 'image/png', 10).success).toBe(false);
    const named = (name: string) =>
      input.safeParse({ name, mimeType: 'text/plain', purpose: 'submission', data: new Uint8Array(1) })
        .success;
    expect(named('Notes – week 1.txt')).toBe(true);
    for (const bad of ['', '   ', '.', '..', '../etc/passwd', 'a\\b.txt', 'a\u0000.txt', 'x'.repeat(201)]) {
      expect(named(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('takes the bytes from EJSON, where $binary becomes a bson Binary', () => {
    const body = EJSON.stringify({ data: new Binary(new Uint8Array([1, 2, 3])) });
    const { data } = EJSON.parse(body) as { data: unknown };
    expect(data).toBeInstanceOf(Binary);
    const parsed = input.parse({ name: 'a.txt', mimeType: 'text/plain', purpose: 'submission', data });
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect([...parsed.data]).toEqual([1, 2, 3]);
    // A Binary written in place has spare capacity: only `position` bytes are the file.
    const written = new Binary();
    written.write(new Uint8Array([9, 9]), 0);
    const partial = input.parse({
      name: 'a.txt',
      mimeType: 'text/plain',
      purpose: 'submission',
      data: written,
    });
    expect([...partial.data]).toEqual([9, 9]);
    // Bytes that are not bytes.
    for (const junk of ['AQID', [1, 2, 3], { 0: 1, 1: 2 }, { buffer: 'AQID' }, { $binary: 'AQID' }]) {
      expect(
        input.safeParse({ name: 'a.txt', mimeType: 'text/plain', purpose: 'submission', data: junk }).success,
      ).toBe(false);
    }
  });

  it('has a limit for every purpose', () => {
    for (const purpose of FILE_PURPOSES) {
      expect(FILE_LIMITS[purpose].maxBytes).toBeGreaterThan(0);
      expect(FILE_LIMITS[purpose].mimeTypes.length).toBeGreaterThan(0);
    }
  });
});

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('outputs', () => {
  it('never have a password or hash key, nor a raw _id', () => {
    const offending: string[] = [];
    for (const def of defs) {
      walk(
        def.output,
        def.name,
        (key, path) => {
          // `mustChangePassword` is a yes/no about the account, never the password or its hash.
          const flag = key === 'mustChangePassword';
          if ((/password|hash/i.test(key) && !flag) || key === '_id' || key === '__v') offending.push(path);
        },
        [],
      );
    }
    expect(offending).toEqual([]);
  });

  it('are strict objects, so a stray field (a password, an _id) fails the router instead of leaking', () => {
    const loose: string[] = [];
    for (const def of defs) {
      const objects: z.ZodObject[] = [];
      walk(def.output, def.name, () => undefined, objects);
      expect(objects.length, def.name).toBeGreaterThan(0);
      if (objects.some((o) => !(o.def.catchall instanceof z.ZodNever))) loose.push(def.name);
    }
    expect(loose).toEqual([]);
  });

  it('only the channels that set or check a password take one', () => {
    const withPassword = defs
      .filter((d) => Object.keys(inputShape(d)).some((k) => /password/i.test(k)))
      .map((d) => d.name)
      .sort();
    expect(withPassword).toEqual(
      [
        'auth.changePassword',
        'auth.login',
        'auth.registerInstitution',
        'institution.archive',
        'institution.delete',
        'institution.importFromOriginal',
        'institution.reactivate',
        'system.restore',
        'users.create',
        'users.update',
      ].sort(),
    );
  });

  it('a user with a password field is refused', () => {
    const user = {
      id: A,
      role: 'student',
      username: 'asha',
      name: 'Asha',
      isActive: true,
      createdAt: when,
      updatedAt: when,
    };
    expect(userSchema.safeParse(user).success).toBe(true);
    expect(userSchema.safeParse({ ...user, password: '$2b$10$…' }).success).toBe(false);
    expect(userSchema.safeParse({ ...user, _id: A }).success).toBe(false);
    expect(userSchema.safeParse({ ...user, role: 'admin' }).success).toBe(false);
  });

  it('a class shows its teacher and enrolment', () => {
    const cls = {
      id: A,
      name: 'Class 10-A',
      grade: 10,
      section: 'A',
      teacherId: B,
      teacher: { id: B, name: 'Pratik' },
      studentIds: [C],
      studentCount: 1,
      maxStudents: 40,
      subjects: ['Mathematics'],
      createdAt: when,
      updatedAt: when,
    };
    expect(classSchema.safeParse(cls).success).toBe(true);
    expect(classSchema.safeParse({ ...cls, grade: 13 }).success).toBe(false);
  });

  it('files.get answers bytes as a Uint8Array', () => {
    const { output } = apiChannels['files.get'];
    const file = {
      id: A,
      name: 'a.pdf',
      mimeType: 'application/pdf',
      size: 3,
      purpose: 'attachment',
      createdAt: when,
      data: new Uint8Array([1, 2, 3]),
    };
    expect(output.safeParse(file).success).toBe(true);
    expect(output.safeParse({ ...file, data: 'AQID' }).success).toBe(false);
  });
});

describe('domain helpers', () => {
  it('puts scores into 10-point buckets, 100 in the last', () => {
    expect([0, 9.5, 10, 55, 99.5, 100].map(scoreBucketIndex)).toEqual([0, 0, 1, 5, 9, 9]);
  });
});

describe('channel facts', () => {
  const all = Object.values(allChannels);
  const action = (name: string) => name.split('.')[1] ?? '';

  it('reads are idempotent; creating, sending, handing in, deleting and signing in are not', () => {
    const reads =
      /^(list|get|me|ping|status|health|conversations|thread|unreadCounts|student|class|institution)$/;
    const acts =
      /^(create|delete|send|submit|upload|import|login|logout|registerInstitution|changePassword|review|grade|addStudents|removeStudent)$/;
    for (const c of all) {
      if (reads.test(action(c.name))) expect(c.idempotent, c.name).toBe(true);
      if (acts.test(action(c.name))) expect(c.idempotent, c.name).toBeUndefined();
    }
  });

  it('only the sign-in channels issue a session and only sign-out ends one', () => {
    const issuing = all.filter((c) => c.session === 'issues').map((c) => c.name);
    expect(issuing.sort()).toEqual(['auth.changePassword', 'auth.login']);
    expect(all.filter((c) => c.session === 'ends').map((c) => c.name)).toEqual(['auth.logout']);
  });
});
