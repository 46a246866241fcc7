import { Schema, type InferSchemaType } from 'mongoose';
import { ROOM_LIMITS } from '../../../../shared/timetable-rules';
import { guarded } from './common';
import { followReferenceWrites } from './reference-generation';

export const roomSchema = guarded(
  new Schema(
    {
      /** "Lab 1" */
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: ROOM_LIMITS.name },
      /** The name's case-insensitive key: names are unique per institution. */
      nameKey: { type: String, required: true, maxlength: ROOM_LIMITS.name * 4 },
      /** Free text ("lab", "gym", "ordinary"), stored lower-case so lessons match it exactly. */
      kind: { type: String, required: true, trim: true, lowercase: true, maxlength: ROOM_LIMITS.kind },
      capacity: {
        type: Number,
        required: true,
        min: 1,
        max: ROOM_LIMITS.capacityMax,
        validate: Number.isInteger,
      },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'rooms' },
  ),
);
// Room names kept for the timetable (services/kept-references.ts).
followReferenceWrites(roomSchema, ['name']);
roomSchema.index({ nameKey: 1 }, { unique: true });

export type RoomDoc = InferSchemaType<typeof roomSchema>;
