/**
 * What a backup file says about itself (`manifest.json`, its last entry): whose data it is, which app and
 * engine wrote it, when, how many documents each collection holds, and the size and SHA-256 of every entry.
 * Checked field by field when read: a manifest is input from a file anyone could have edited.
 */
import { ArchiveError } from './tar';

export const BACKUP_FORMAT = 'smart-school-crm-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const ADMIN_ENTRY = 'institution/admin.ejson';

export interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
}

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
  /** A part of a collection: its name and how many documents (lines) the part holds. */
  collection?: string;
  documents?: number;
  /** A GridFS file's bytes: its bucket, its id (canonical EJSON) and the chunk size it was stored with. */
  file?: { bucket: string; id: string; chunkSize: number };
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  engine: 'embedded' | 'external';
  institution: { username: string; name: string; institutionName: string; databaseName: string };
  collections: Record<string, { documents: number; indexes: IndexSpec[] }>;
  files: { count: number; bytes: number };
  entries: ManifestEntry[];
}

const SHA256 = /^[0-9a-f]{64}$/;

function fail(): never {
  throw new ArchiveError('corrupt', 'The backup is damaged: its table of contents is not readable.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max = 300): string {
  if (typeof value !== 'string' || value.length > max) fail();
  return value;
}

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail();
  return value;
}

function indexSpec(value: unknown): IndexSpec {
  if (!isRecord(value) || !isRecord(value.key)) fail();
  const key: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(value.key)) {
    if (direction !== 1 && direction !== -1) fail();
    key[str(field, 200)] = direction;
  }
  return {
    name: str(value.name, 200),
    key,
    ...(value.unique === true ? { unique: true } : {}),
    ...(value.sparse === true ? { sparse: true } : {}),
  };
}

function entry(value: unknown): ManifestEntry {
  if (!isRecord(value)) fail();
  const sha256 = str(value.sha256, 64);
  if (!SHA256.test(sha256)) fail();
  const out: ManifestEntry = { name: str(value.name, 100), size: count(value.size), sha256 };
  if (value.collection !== undefined) {
    out.collection = str(value.collection, 200);
    out.documents = count(value.documents);
  }
  if (value.file !== undefined) {
    if (!isRecord(value.file)) fail();
    const chunkSize = count(value.file.chunkSize);
    if (chunkSize === 0) fail();
    out.file = { bucket: str(value.file.bucket, 100), id: str(value.file.id, 500), chunkSize };
  }
  return out;
}

/** The manifest's text → a checked manifest; another program's file is `foreign`, a newer format says so. */
export function parseManifest(text: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail();
  }
  if (!isRecord(raw) || raw.format !== BACKUP_FORMAT) {
    throw new ArchiveError('foreign', 'The file is not a Smart School CRM backup.');
  }
  const version = count(raw.formatVersion);
  if (version > BACKUP_FORMAT_VERSION) {
    throw new ArchiveError(
      'foreign',
      'The backup was made by a newer version of Smart School CRM: update the app to restore it.',
    );
  }
  if (!isRecord(raw.app) || !isRecord(raw.institution) || !isRecord(raw.collections) || !isRecord(raw.files))
    fail();
  if (raw.engine !== 'embedded' && raw.engine !== 'external') fail();
  if (!Array.isArray(raw.entries)) fail();
  const collections: BackupManifest['collections'] = {};
  for (const [name, value] of Object.entries(raw.collections)) {
    if (!isRecord(value) || !Array.isArray(value.indexes)) fail();
    collections[str(name, 200)] = {
      documents: count(value.documents),
      indexes: value.indexes.map(indexSpec),
    };
  }
  const createdAt = str(raw.createdAt, 40);
  if (Number.isNaN(Date.parse(createdAt))) fail();
  return {
    format: BACKUP_FORMAT,
    formatVersion: version,
    app: { name: str(raw.app.name), version: str(raw.app.version, 50) },
    createdAt,
    engine: raw.engine,
    institution: {
      username: str(raw.institution.username, 64),
      name: str(raw.institution.name),
      institutionName: str(raw.institution.institutionName),
      databaseName: str(raw.institution.databaseName, 64),
    },
    collections,
    files: { count: count(raw.files.count), bytes: count(raw.files.bytes) },
    entries: raw.entries.map(entry),
  };
}
