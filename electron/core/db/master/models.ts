/**
 * The master database (`smart_crm_master`): the registry of institution admins and the cross-institution
 * activity log, as the specification lists them.
 */
import { CONTACT_FIELDS } from '../contact-fields';
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { TEXT_LIMITS } from '../../../../shared/domain';
import { ACTIVITY_ENTRY_FIELDS } from '../activity-fields';
import { followSessionWrites } from '../session-generation';
import { operationTimingPlugin } from '../operation-timing';
import { subsetGuardPlugin } from '../subset-plugin';

/** provisioning → active → deleting: a crash midway leaves a marker the start-up repair finishes or undoes. */
export const INSTITUTION_STATES = ['provisioning', 'active', 'deleting'] as const;

const adminRegistrySchema = new Schema(
  {
    /** As the admin typed it (`Viva_admin`). */
    username: {
      type: String,
      required: true,
      trim: true,
      minlength: 3,
      maxlength: 32, // ADMIN_USERNAME_PATTERN's longest
      match: /^[A-Za-z0-9_]+$/,
    },
    /** Lower-case key: `viva_admin` signs in as the same admin. */
    usernameKey: { type: String, required: true, match: /^[a-z0-9_]{3,32}$/ },
    password: { type: String, required: true, select: false },
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.personName },
    institutionName: {
      type: String,
      required: true,
      trim: true,
      minlength: 1,
      maxlength: TEXT_LIMITS.institutionName,
    },
    databaseName: { type: String, required: true, match: /^smart_crm_[a-z0-9_]{3,32}_\d{13}$/ },
    /** The admin's own profile (profile.update). */
    ...CONTACT_FIELDS,
    isActive: { type: Boolean, default: true },
    state: { type: String, enum: INSTITUTION_STATES, default: 'provisioning' },
    /** Raised on password change: tokens issued before are refused. */
    tokenVersion: { type: Number, default: 0, min: 0 },
    /** Signed in with a password weaker than today's rules (an imported admin): asked to change it. */
    mustChangePassword: { type: Boolean },
  },
  { timestamps: true, collection: 'adminregistries', optimisticConcurrency: true },
);
adminRegistrySchema.index({ usernameKey: 1 }, { unique: true });
adminRegistrySchema.index({ databaseName: 1 }, { unique: true });
adminRegistrySchema.plugin(subsetGuardPlugin);
adminRegistrySchema.plugin(operationTimingPlugin);
// Every write to the registry may end sessions or change what auth.me answers (services/session-cache.ts).
followSessionWrites(adminRegistrySchema);

const masterActivityLogSchema = new Schema(
  {
    adminId: { type: Schema.Types.ObjectId },
    ...ACTIVITY_ENTRY_FIELDS,
    databaseName: { type: String, required: true, maxlength: 64 },
  },
  { collection: 'masteractivitylogs', versionKey: false },
);
masterActivityLogSchema.index({ timestamp: -1 });
masterActivityLogSchema.index({ databaseName: 1, timestamp: -1 });
masterActivityLogSchema.plugin(subsetGuardPlugin);
masterActivityLogSchema.plugin(operationTimingPlugin);

/** Tokens signed out before they expired; entries are removed once the token would have expired anyway. */
const revokedTokenSchema = new Schema(
  {
    jti: { type: String, required: true, maxlength: 64 },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'revokedtokens', versionKey: false },
);
revokedTokenSchema.index({ jti: 1 }, { unique: true });
revokedTokenSchema.index({ expiresAt: 1 });
revokedTokenSchema.plugin(subsetGuardPlugin);
revokedTokenSchema.plugin(operationTimingPlugin);
// A sign-out ends its session at once (services/session-cache.ts).
followSessionWrites(revokedTokenSchema);

export type AdminRegistryDoc = InferSchemaType<typeof adminRegistrySchema>;
export type MasterActivityLogDoc = InferSchemaType<typeof masterActivityLogSchema>;
export type RevokedTokenDoc = InferSchemaType<typeof revokedTokenSchema>;

export interface MasterModels {
  AdminRegistry: Model<AdminRegistryDoc>;
  MasterActivityLog: Model<MasterActivityLogDoc>;
  RevokedToken: Model<RevokedTokenDoc>;
}

/** Compiles the master models once per connection. */
export function masterModels(conn: Connection): MasterModels {
  const model = <T>(name: string, schema: Schema): Model<T> =>
    (conn.models[name] ?? conn.model(name, schema)) as unknown as Model<T>;
  return {
    AdminRegistry: model<AdminRegistryDoc>('AdminRegistry', adminRegistrySchema),
    MasterActivityLog: model<MasterActivityLogDoc>('MasterActivityLog', masterActivityLogSchema),
    RevokedToken: model<RevokedTokenDoc>('RevokedToken', revokedTokenSchema),
  };
}
