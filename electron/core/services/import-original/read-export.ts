/**
 * Reads the files of a `mongoexport` of the original system: one file per collection, named
 * `<database>.<collection>.json`, holding either a JSON array (`--jsonArray`) or one document per line, in
 * canonical or relaxed Extended JSON. A file that is not that is refused with its name and line, before
 * anything is planned or created.
 */
import { BSON } from 'mongodb';
import { AppError } from '../../errors/app-error';
import type { Doc } from './values';

export const MASTER_DATABASE = 'smart_crm_master';

/** `smart_crm_Viva_admin_1767083931641.users.json` → database and collection. */
const EXPORT_FILE_NAME = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})\.json$/;

export interface ExportFile {
  name: string;
  text: string;
}

export interface ExportCollection {
  file: string;
  database: string;
  collection: string;
  docs: Doc[];
}

function refuse(message: string): never {
  throw new AppError('VALIDATION', message, { files: message });
}

function parseEjson(text: string): unknown {
  // relaxed: numbers stay numbers; $oid and $date become ObjectIds and Dates in both modes.
  return BSON.EJSON.parse(text, { relaxed: true });
}

function asDocument(value: unknown, where: string): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(`${where}: expected a document ({…}), found ${Array.isArray(value) ? 'a list' : typeof value}.`);
  }
  return value as Doc;
}

function reason(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0]?.slice(0, 160) ?? 'not JSON') : 'not JSON';
}

/** Parses one file; throws VALIDATION naming the file (and line) that is not an export. */
export function readExportFile(file: ExportFile): ExportCollection {
  const match = EXPORT_FILE_NAME.exec(file.name);
  if (!match?.[1] || !match[2]) {
    refuse(
      `"${file.name}" is not named like a mongoexport file (<database>.<collection>.json, ` +
        'e.g. smart_crm_master.adminregistries.json).',
    );
  }
  const text = file.text.replace(/^\uFEFF/, '').trim();
  const docs: Doc[] = [];
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = parseEjson(text);
    } catch (err) {
      refuse(`${file.name}: not valid JSON (${reason(err)}).`);
    }
    if (!Array.isArray(parsed)) refuse(`${file.name}: not valid JSON.`);
    parsed.forEach((value: unknown, i) => docs.push(asDocument(value, `${file.name}, document ${i + 1}`)));
  } else if (text !== '') {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = parseEjson(line);
      } catch (err) {
        refuse(`${file.name}, line ${i + 1}: not valid JSON (${reason(err)}).`);
      }
      docs.push(asDocument(parsed, `${file.name}, line ${i + 1}`));
    });
  }
  return { file: file.name, database: match[1], collection: match[2].toLowerCase(), docs };
}

/** The export's collections, master and one school's tenant database; refuses a second copy of a file. */
export function readExport(files: readonly ExportFile[]): {
  master: Map<string, ExportCollection>;
  tenant: Map<string, ExportCollection>;
  tenantDatabase: string;
} {
  const master = new Map<string, ExportCollection>();
  const tenants = new Map<string, Map<string, ExportCollection>>();
  for (const file of files) {
    const read = readExportFile(file);
    const target =
      read.database === MASTER_DATABASE
        ? master
        : (tenants.get(read.database) ?? tenants.set(read.database, new Map()).get(read.database));
    if (!target) continue;
    if (target.has(read.collection)) {
      refuse(`${file.name} is given twice (or another file holds the same collection).`);
    }
    target.set(read.collection, read);
  }
  if (!master.has('adminregistries')) {
    refuse(
      'The export needs smart_crm_master.adminregistries.json (the original admin accounts): ' +
        'run mongoexport on the master database too.',
    );
  }
  if (tenants.size > 1) {
    refuse(
      `The files come from ${tenants.size} schools (${[...tenants.keys()].join(', ')}): ` +
        "pick the files of one school's database at a time.",
    );
  }
  const [entry] = tenants;
  if (!entry || !entry[1].has('users')) {
    refuse(
      "The export needs the school's users file (<database>.users.json, e.g. smart_crm_School_admin_1767083931641.users.json).",
    );
  }
  return { master, tenant: entry[1], tenantDatabase: entry[0] };
}
