/**
 * `institution.importFromOriginal`: the dry run reads the export and answers the plan's report; the import
 * checks the original admin's password against the export's hash, then creates the institution through the
 * normal provisioning path (services/institutions.ts) with the school's records written before it becomes
 * active, so a failure part-way leaves nothing behind.
 */
import type { Model } from 'mongoose';
import type { OriginalImportReport } from '../../../../shared/contract/import-original';
import { adminUsernameKey } from '../../../../shared/domain';
import { AppError } from '../../errors/app-error';
import { adminLogActor } from '../activity-log';
import type { Actor, ServiceDeps } from '../context';
import { provisionInstitution, type Origin } from '../institutions';
import { planImport, type ImportPlan, type TenantRecords } from './plan';
import { readExport, type ExportFile } from './read-export';
import type { Doc } from './values';

export interface ImportFromOriginalInput {
  files: ExportFile[];
  dryRun: boolean;
  password?: string | undefined;
}

/** Written in this order: people before the records that name them. */
const WRITE_ORDER: ReadonlyArray<keyof TenantRecords> = [
  'User',
  'Class',
  'Subject',
  'Schedule',
  'Assignment',
  'Message',
  'Calendar',
  'Notice',
  'NoticeRead',
  'ActivityLog',
];
const CHUNK = 500;

async function insertAll(model: Model<never>, docs: readonly Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) {
    await model.insertMany(docs.slice(i, i + CHUNK) as never[], { ordered: true });
  }
}

/** Re-running on the same files is refused: the school exists here now and may have changed since. */
async function refuseAlreadyImported(deps: ServiceDeps, plan: ImportPlan): Promise<string | undefined> {
  if (!plan.admin) return undefined;
  const existing = await deps.db.masterModels.AdminRegistry.findOne({
    $or: [{ usernameKey: adminUsernameKey(plan.admin.username) }, { _id: plan.admin._id }],
  }).lean();
  if (!existing) return undefined;
  return existing._id.toString() === plan.admin._id
    ? `This school was already moved in: "${existing.institutionName}" (admin ${existing.username}) exists here. ` +
        'Importing again would overwrite what people changed since; delete that institution first to start over.'
    : `An institution admin named "${existing.username}" already exists here, so "${plan.admin.username}" cannot be created.`;
}

function reportOf(plan: ImportPlan, imported: boolean, databaseName?: string): OriginalImportReport {
  return {
    imported,
    source: { databaseName: plan.sourceDatabase, adminUsername: plan.admin?.originalUsername ?? '' },
    institution: {
      username: plan.admin?.username ?? '',
      name: plan.admin?.name ?? '',
      institutionName: plan.admin?.institutionName ?? '',
      ...(databaseName ? { databaseName } : {}),
    },
    files: plan.files,
    counts: plan.report.countRows(),
    notes: plan.report.notes,
    notesOmitted: plan.report.notesOmitted,
    problems: plan.report.problems,
  };
}

export async function importFromOriginal(
  deps: ServiceDeps,
  actor: Actor,
  input: ImportFromOriginalInput,
  origin: Origin,
): Promise<OriginalImportReport> {
  const plan = planImport(readExport(input.files));
  const taken = await refuseAlreadyImported(deps, plan);
  if (taken) plan.report.problem(taken);
  if (input.dryRun) return reportOf(plan, false);

  const admin = plan.admin;
  if (taken) throw new AppError('CONFLICT', taken);
  if (!admin || plan.report.problems.length > 0) {
    throw new AppError('VALIDATION', plan.report.problems[0] ?? 'The export cannot be imported.', {
      files: plan.report.problems.join(' '),
    });
  }
  // Holding the files is not enough: the original admin confirms with their own password.
  if (!input.password || !(await deps.passwords.verify(input.password, admin.password))) {
    throw new AppError(
      'VALIDATION',
      `This is not the password of ${admin.originalUsername} on the original system.`,
      {
        password: 'Wrong password.',
      },
    );
  }

  const created = await provisionInstitution(
    deps,
    {
      id: admin._id,
      username: admin.username,
      password: admin.password,
      name: admin.name,
      institutionName: admin.institutionName,
    },
    undefined,
    async (databaseName) => {
      const { models } = await deps.db.tenant(databaseName);
      for (const name of WRITE_ORDER) {
        await insertAll(models[name] as unknown as Model<never>, plan.tenant[name]);
      }
    },
  );

  // The master log after the institution exists: an undone import leaves no entries behind.
  await insertAll(
    deps.db.masterModels.MasterActivityLog as unknown as Model<never>,
    plan.masterLogs.map((entry) => ({ ...entry, databaseName: created.databaseName })),
  ).catch(() => undefined);
  const summary = {
    action: 'IMPORT',
    targetType: 'INSTITUTION',
    targetId: created.id,
    targetName: created.institutionName,
    details: { from: plan.sourceDatabase, counts: plan.report.countRows() },
  };
  await deps.activity.record(actor, summary);
  await deps.activity.record(adminLogActor(created.id, created, origin), {
    ...summary,
    details: { ...summary.details, by: actor.username },
  });
  return reportOf(plan, true, created.databaseName);
}
