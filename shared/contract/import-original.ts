/**
 * Moving a school in from the original web system ("Smart Institutional CRM"): the files of its
 * `mongoexport`, checked in a dry run and then imported into a new institution (docs/architecture.md,
 * "Moving in from the original system").
 */
import { z } from 'zod';
import { defineChannel, textBodyLimit } from './channel';
import { count, currentPassword, strictObject } from './common';

export const ORIGINAL_IMPORT_LIMITS = {
  /** One file per collection: the master's two and a dozen of the school's, with room for extra logs. */
  maxFiles: 40,
  /** All files together, in characters: a school's year of messages and logs. */
  maxChars: 8_000_000,
  /** The report lists at most this many lines; the rest are counted. */
  maxNotes: 1000,
} as const;

export const ORIGINAL_FILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}\.json$/;

const exportFile = strictObject({
  name: z
    .string({ error: 'must be text' })
    .regex(ORIGINAL_FILE_NAME_PATTERN, 'Name the file <database>.<collection>.json, as mongoexport does.'),
  text: z.string({ error: 'must be text' }).max(ORIGINAL_IMPORT_LIMITS.maxChars, 'The file is too large.'),
});

/** What happens to one thing of the original: `mapped` (renamed), `fixed` (completed or corrected), `skipped`. */
export const IMPORT_NOTE_KINDS = ['mapped', 'fixed', 'skipped', 'dropped'] as const;

export const importNoteSchema = strictObject({
  kind: z.enum(IMPORT_NOTE_KINDS),
  /** The original collection, e.g. `users`. */
  collection: z.string(),
  /** The original `_id`, when the note is about one document. */
  id: z.string().optional(),
  /** What it is about, as people know it: "Pratik sir", "Class 9-A". */
  subject: z.string(),
  message: z.string(),
});
export type ImportNote = z.infer<typeof importNoteSchema>;

export const originalImportReportSchema = strictObject({
  /** True once the institution exists; false on a dry run or when problems stopped it. */
  imported: z.boolean(),
  /** The original school: its database and admin. */
  source: strictObject({ databaseName: z.string(), adminUsername: z.string() }),
  /** The institution it becomes (its database name once imported). */
  institution: strictObject({
    username: z.string(),
    name: z.string(),
    institutionName: z.string(),
    databaseName: z.string().optional(),
  }),
  files: z.array(
    strictObject({
      name: z.string(),
      collection: z.string(),
      documents: count,
      /** Whether its documents are carried over; a collection we have no place for is read and left. */
      carried: z.boolean(),
      note: z.string().optional(),
    }),
  ),
  /** Per original collection: documents found, records created from them, documents skipped. */
  counts: z.array(strictObject({ collection: z.string(), found: count, created: count, skipped: count })),
  notes: z.array(importNoteSchema),
  /** Notes beyond ORIGINAL_IMPORT_LIMITS.maxNotes, counted only. */
  notesOmitted: count,
  /** What stops the import (the admin already exists, the admin's password hash is unusable…). */
  problems: z.array(z.string()),
});
export type OriginalImportReport = z.infer<typeof originalImportReportSchema>;

// admin of this installation, who also gives the ORIGINAL admin's password (checked against the export's
// hash) to import: holding a copy of the files is not enough to move a school in. See docs/architecture.md.
export const institutionImportFromOriginal = defineChannel({
  name: 'institution.importFromOriginal',
  roles: ['admin'],
  maxBodyBytes: textBodyLimit(ORIGINAL_IMPORT_LIMITS.maxChars),
  input: strictObject({
    files: z
      .array(exportFile)
      .min(1, 'Choose the export files.')
      .max(ORIGINAL_IMPORT_LIMITS.maxFiles, `At most ${ORIGINAL_IMPORT_LIMITS.maxFiles} files at once.`)
      .refine(
        (files) => files.reduce((n, f) => n + f.text.length, 0) <= ORIGINAL_IMPORT_LIMITS.maxChars,
        `The files may hold at most ${ORIGINAL_IMPORT_LIMITS.maxChars.toLocaleString('en')} characters together.`,
      ),
    /** Check and report, creating nothing. */
    dryRun: z.boolean(),
    /** The original admin's password; required to import. */
    password: currentPassword.optional(),
  }).refine((v) => v.dryRun || v.password !== undefined, {
    path: ['password'],
    message: "Enter the original admin's password to import.",
  }),
  output: originalImportReportSchema,
  summary:
    'Admin: checks (dry run) or imports the mongoexport files of a school on the original web system into ' +
    'a new institution, keeping ids and password hashes.',
});
