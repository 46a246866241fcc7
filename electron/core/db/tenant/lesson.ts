import { Schema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '../../../../shared/domain';
import { LESSON_LIMITS, ROOM_LIMITS } from '../../../../shared/timetable-rules';
import { guarded } from './common';

/** A line of the curriculum: a subject taught to one or more classes together, `sum(groups)` periods a week. */
export const lessonSchema = guarded(
  new Schema(
    {
      classIds: {
        type: [{ type: Schema.Types.ObjectId, ref: 'Class' }],
        validate: {
          validator: (ids: unknown[]) => ids.length >= 1 && ids.length <= LESSON_LIMITS.classesPerLesson,
          message: `1–${LESSON_LIMITS.classesPerLesson} classes.`,
        },
      },
      subject: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.subjectName },
      teacherIds: {
        type: [{ type: Schema.Types.ObjectId, ref: 'User' }],
        validate: {
          validator: (ids: unknown[]) => ids.length >= 1 && ids.length <= LESSON_LIMITS.teachersPerLesson,
          message: `1–${LESSON_LIMITS.teachersPerLesson} teachers.`,
        },
      },
      /** Block lengths: [2, 2] is four periods as two doubles. */
      groups: {
        type: [{ type: Number, min: 1, max: LESSON_LIMITS.blockMax, validate: Number.isInteger }],
        validate: {
          validator: (g: unknown[]) => g.length >= 1 && g.length <= LESSON_LIMITS.groupsPerLesson,
          message: `1–${LESSON_LIMITS.groupsPerLesson} groups.`,
        },
      },
      roomId: { type: Schema.Types.ObjectId, ref: 'Room' },
      roomKind: { type: String, trim: true, lowercase: true, maxlength: ROOM_LIMITS.kind },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'lessons' },
  ),
);
lessonSchema.index({ classIds: 1 });
lessonSchema.index({ teacherIds: 1 });

export type LessonDoc = InferSchemaType<typeof lessonSchema>;
