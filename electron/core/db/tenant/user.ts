import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';

export const TENANT_ROLES = ['teacher', 'student'] as const;

export const userSchema = guarded(
  new Schema(
    {
      /** As the school writes it (`Pratik sir`): trimmed, 1–64 characters. */
      username: { type: String, required: true, trim: true, minlength: 1, maxlength: 64 },
      /** Lower-case key for case-insensitive uniqueness within the institution. */
      usernameKey: { type: String, required: true, maxlength: 64 },
      password: { type: String, required: true, select: false },
      role: { type: String, required: true, enum: TENANT_ROLES },
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: 120 },
      email: {
        type: String,
        trim: true,
        lowercase: true,
        maxlength: 254,
        match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      },
      phone: { type: String, trim: true, maxlength: 32 },
      address: { type: String, trim: true, maxlength: 500 },
      dateOfBirth: { type: Date },
      joiningDate: { type: Date },
      isActive: { type: Boolean, default: true },
      /** Raised on password change or deactivation: tokens issued before are refused. */
      tokenVersion: { type: Number, default: 0, min: 0 },
    },
    { timestamps: true, collection: 'users' },
  ),
);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ usernameKey: 1 }, { unique: true });
userSchema.index({ role: 1 });
// The people list's page: by role, in name order (the pushdown reads it from the index).
userSchema.index({ role: 1, name: 1, _id: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
