/** What the CSV import dialog shows about a file and about the server's per-row report. */
import type { ImportReport } from '../../../../../shared/contract';
import { CSV_IMPORT_LIMITS } from '../../../../../shared/domain';

export const CSV_HEADER = CSV_IMPORT_LIMITS.columns.join(',');
export const CSV_EXAMPLE_ROW =
  'asha.rao,first-Pass-1,Asha Rao,asha@school.org,+91 98450 00000,,2012-04-18,2025-06-01';

export type ImportRowReport = ImportReport['rows'][number];

export interface ReportSummary {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
}

export function summarize(report: ImportReport): ReportSummary {
  let valid = 0;
  let invalid = 0;
  let created = 0;
  for (const row of report.rows) {
    if (row.status === 'valid') valid += 1;
    else if (row.status === 'invalid') invalid += 1;
    else created += 1;
  }
  return { rows: report.rows.length, valid, invalid, created };
}

/** Rows with problems first, then the others by line; at most `limit`. */
export function rowsToShow(report: ImportReport, limit: number): ImportRowReport[] {
  const sorted = [...report.rows].sort((a, b) => {
    const bad = Number(b.status === 'invalid') - Number(a.status === 'invalid');
    return bad !== 0 ? bad : a.line - b.line;
  });
  return sorted.slice(0, limit);
}

/** A row's problems as "email: Enter an email address…" lines; `_` is the row itself. */
export function rowProblems(row: ImportRowReport): string[] {
  return Object.entries(row.errors ?? {}).map(([column, message]) =>
    column === '_' ? message : `${column}: ${message}`,
  );
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
