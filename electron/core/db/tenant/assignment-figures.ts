import { Schema } from 'mongoose';
import { guarded } from './common';
import { followReportWrites } from './report-generation';

/**
 * Derived from the assignments and class lists: backups leave it out and a restore rebuilds it.
 */
export const ASSIGNMENT_FIGURES_COLLECTION = 'assignmentfigures';

/**
 * The institution report's assignment figures, kept up to date with every write (figures-upkeep.ts) so the
 * report reads a few small documents instead of every assignment with its hand-ins (docs/architecture.md,
 * "Queries the engine answers from an index"). Two kinds of document, told apart by `_id`:
 * - one per assignment (`_id` its id in hex, `dueDate`): its rows counted for the whole school and per class;
 * - `SCHOOL_FIGURES_ID`: the sum of all of them, with the count of assignments and the bookkeeping that says
 *   whether the sum can be trusted (`version`, `timeZone`, `inFlight`).
 * `all`, `classes` (by class id) and `handIns` (by day) hold numbers only; see `Figures` in figures-upkeep.ts.
 */
export const assignmentFiguresSchema = guarded(
  new Schema(
    {
      _id: { type: String, required: true },
      dueDate: { type: Date },
      all: { type: Schema.Types.Mixed },
      classes: { type: Schema.Types.Mixed },
      handIns: { type: Schema.Types.Mixed },
      assignments: { type: Number },
      version: { type: Number },
      timeZone: { type: String },
      inFlight: { type: Number },
    },
    { collection: ASSIGNMENT_FIGURES_COLLECTION, versionKey: false, minimize: false },
  ),
);
assignmentFiguresSchema.index({ dueDate: 1 });
// The institution report keeps the figures it reads (report-generation.ts).
followReportWrites(assignmentFiguresSchema);

export const SCHOOL_FIGURES_ID = 'school';

export interface AssignmentFiguresDoc {
  _id: string;
  dueDate?: Date;
  all?: Record<string, number>;
  classes?: Record<string, Record<string, number>>;
  handIns?: Record<string, number>;
  assignments?: number;
  version?: number;
  timeZone?: string;
  inFlight?: number;
}
