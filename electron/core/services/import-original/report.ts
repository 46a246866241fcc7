/** The dry run's account of what happens to each original document, kept bounded for large schools. */
import {
  ORIGINAL_IMPORT_LIMITS,
  type ImportNote,
  type OriginalImportReport,
} from '../../../../shared/contract/import-original';

type Counts = { found: number; created: number; skipped: number };

export class ReportBuilder {
  readonly notes: ImportNote[] = [];
  notesOmitted = 0;
  readonly problems: string[] = [];
  private readonly counts = new Map<string, Counts>();

  private countsOf(collection: string): Counts {
    let c = this.counts.get(collection);
    if (!c) this.counts.set(collection, (c = { found: 0, created: 0, skipped: 0 }));
    return c;
  }

  found(collection: string, n: number): void {
    this.countsOf(collection).found += n;
  }

  created(collection: string, n = 1): void {
    this.countsOf(collection).created += n;
  }

  note(note: ImportNote): void {
    if (note.kind === 'skipped') this.countsOf(note.collection).skipped += 1;
    if (this.notes.length < ORIGINAL_IMPORT_LIMITS.maxNotes) this.notes.push(note);
    else this.notesOmitted += 1;
  }

  skip(collection: string, id: string | undefined, subject: string, message: string): void {
    this.note({ kind: 'skipped', collection, ...(id ? { id } : {}), subject, message });
  }

  fix(collection: string, id: string | undefined, subject: string, message: string): void {
    this.note({ kind: 'fixed', collection, ...(id ? { id } : {}), subject, message });
  }

  map(collection: string, id: string | undefined, subject: string, message: string): void {
    this.note({ kind: 'mapped', collection, ...(id ? { id } : {}), subject, message });
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  countRows(): OriginalImportReport['counts'] {
    // An empty file (or a collection the school never used) says nothing worth a row.
    return [...this.counts]
      .filter(([, c]) => c.found + c.created + c.skipped > 0)
      .map(([collection, c]) => ({ collection, ...c }));
  }
}
