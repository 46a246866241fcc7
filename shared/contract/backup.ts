/** Backups of the caller's institution: make, list, schedule, save a copy, restore. Admin only. */
import { z } from 'zod';
import { PASSWORD_RULES, TEXT_LIMITS, isStrongEnoughPassword } from '../domain';
import { defineChannel } from './channel';
import { adminUsername, count, currentPassword, strictObject, text } from './common';

/** A backup in the institution's backup folder, by its file name (never a path). */
export const BACKUP_NAME_PATTERN = /^[A-Za-z0-9_-]{1,100}\.crmbackup$/;
export const backupName = z
  .string({ error: 'must be text' })
  .regex(BACKUP_NAME_PATTERN, 'Choose one of the backups listed.');

export const backupInfoSchema = strictObject({
  name: z.string(),
  size: count,
  createdAt: z.date(),
  /** Made by the daily schedule (the schedule keeps only the last N of these). */
  scheduled: z.boolean(),
  documents: count.optional(),
  files: count.optional(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** How the last backup went: shown in settings, and on the dashboard and health page when it failed. */
export const backupResultSchema = strictObject({
  at: z.date(),
  ok: z.boolean(),
  scheduled: z.boolean(),
  name: z.string().optional(),
  size: count.optional(),
  /** Why it failed, in words. */
  message: z.string().optional(),
});
export type BackupResult = z.infer<typeof backupResultSchema>;

export const BACKUP_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const BACKUP_KEEP_MAX = 90;
export const backupScheduleSchema = strictObject({
  enabled: z.boolean(),
  /** The station's local time, HH:MM. */
  time: z.string().regex(BACKUP_TIME_PATTERN, 'Use a time such as 02:30.'),
  /** Scheduled backups kept; older ones are removed. */
  keep: z
    .number({ error: 'must be a number' })
    .int('Use a whole number.')
    .min(1, 'Keep at least 1.')
    .max(BACKUP_KEEP_MAX, `At most ${BACKUP_KEEP_MAX}.`),
});
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

export const backupProgressSchema = strictObject({
  running: z.boolean(),
  action: z.enum(['backup', 'restore']).optional(),
  documentsDone: count,
  documentsTotal: count,
  filesDone: count,
  filesTotal: count,
});
export type BackupProgressInfo = z.infer<typeof backupProgressSchema>;

export const systemBackup = defineChannel({
  name: 'system.backup',
  roles: ['admin'],
  input: strictObject({}),
  output: backupInfoSchema,
  summary: "Admin: backs up the institution's data and files into its backup folder.",
});

export const systemBackups = defineChannel({
  name: 'system.backups',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({}),
  output: strictObject({
    backups: z.array(backupInfoSchema),
    schedule: backupScheduleSchema,
    last: backupResultSchema.optional(),
    /** The last scheduled backup, when it failed and no later one succeeded. */
    failedScheduled: backupResultSchema.optional(),
    progress: backupProgressSchema,
    /** Whether this app can show a save dialog (the desktop app); the station offers a download instead. */
    canSaveCopy: z.boolean(),
    /** Whether this app can show an open dialog for a backup file (the station takes an upload instead). */
    canOpenFile: z.boolean(),
  }),
  summary: 'Admin: the backups, the schedule, how the last backup went and what is running now.',
});

export const systemBackupSchedule = defineChannel({
  name: 'system.backupSchedule',
  idempotent: true,
  roles: ['admin'],
  input: backupScheduleSchema,
  output: backupScheduleSchema,
  summary: 'Admin: sets the daily backup: on or off, the time, how many to keep.',
});

export const systemBackupSave = defineChannel({
  name: 'system.backupSave',
  roles: ['admin'],
  input: strictObject({ name: backupName }),
  output: strictObject({ saved: z.boolean(), path: z.string().optional() }),
  summary: 'Admin, desktop app: saves a copy of a backup where the admin picks in a save dialog.',
});

export const systemBackupOpen = defineChannel({
  name: 'system.backupOpen',
  roles: ['admin'],
  input: strictObject({}),
  output: strictObject({ opened: z.boolean(), backup: backupInfoSchema.optional() }),
  summary:
    'Admin, desktop app: brings a backup file the admin picks in an open dialog into the list, to restore it.',
});

export const systemRestore = defineChannel({
  name: 'system.restore',
  roles: ['admin'],
  // replace: over this institution, with its name typed again and the admin's password (as for deleting it).
  // new: as a new institution with its own admin username; without `password` the backed-up admin's stays.
  input: strictObject({
    backup: backupName,
    mode: z.enum(['replace', 'new']),
    institutionName: text(TEXT_LIMITS.institutionName).optional(),
    password: currentPassword.optional(),
    username: adminUsername.optional(),
  }).superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.mode === 'replace') {
      if (v.institutionName === undefined) need('institutionName', "Type the institution's name.");
      if (v.password === undefined) need('password', 'Enter your password.');
    } else {
      if (v.username === undefined) need('username', 'Choose the new admin username.');
      if (v.password !== undefined && !isStrongEnoughPassword(v.password))
        need('password', PASSWORD_RULES.message);
    }
  }),
  output: strictObject({
    username: z.string(),
    institutionName: z.string(),
    databaseName: z.string(),
    documents: count,
    files: count,
  }),
  summary:
    'Admin: restores a backup over this institution or as a new one, after checking the whole file first.',
});
