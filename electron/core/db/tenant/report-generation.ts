/**
 * A number per tenant database that changes whenever what the institution report keeps may have changed: a
 * class added, removed, renamed, regraded or given other students, and any write to the assignment figures
 * (every hand-in, grade and assignment change passes through them: figures-upkeep.ts). The models' hooks bump
 * it around every such write (db/write-generation.ts), so the report's class list and figures can be kept in
 * the process where the station is the one writer (services/institution-report-base.ts).
 */
import { createDatabaseGenerations } from '../write-generation';

const report = createDatabaseGenerations();

export const reportGeneration = report.of;

/** The model's hooks: every insert and deletion, every update that writes one of `fields` (all if none). */
export const followReportWrites = report.follow;
