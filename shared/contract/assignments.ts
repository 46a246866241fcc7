/**
 * Assignments for one or more classes, with attachments and a due date; each student's submission, the
 * teacher's review (accept, reject, reassign) and grade.
 */
import { z } from 'zod';
import { LIST_LIMITS, REVIEW_DECISIONS, REVIEW_OUTCOMES, SUBMISSION_STATES, TEXT_LIMITS } from '../domain';
import { defineChannel, defineDeleteChannel } from './channel';
import {
  byId,
  clearableText,
  count,
  dateInput,
  fileRef,
  objectId,
  objectIdList,
  optionalText,
  paged,
  paging,
  score,
  search,
  strictObject,
  text,
} from './common';

/** One student's row: stored status, or `overdue` when nothing was handed in by the due date. */
export const submissionSchema = strictObject({
  studentId: objectId,
  studentName: z.string().optional(),
  /** The student's roll number in their class (teacher and admin views). */
  rollNumber: z.number().int().optional(),
  status: z.enum(SUBMISSION_STATES),
  outcome: z.enum(REVIEW_OUTCOMES).optional(),
  submittedAt: z.date().optional(),
  files: z.array(fileRef),
  note: z.string().optional(),
  grade: score.optional(),
  feedback: z.string().optional(),
});
export type SubmissionDto = z.infer<typeof submissionSchema>;

export const submissionCountsSchema = strictObject({
  students: count,
  pending: count,
  submitted: count,
  graded: count,
  overdue: count,
});

export const assignmentSchema = strictObject({
  id: objectId,
  title: z.string(),
  description: z.string(),
  teacherId: objectId,
  teacherName: z.string().optional(),
  classIds: z.array(objectId),
  dueDate: z.date(),
  attachments: z.array(fileRef),
  createdAt: z.date(),
  /**
   * `assignments.get`: a row per student of the assignment's classes for its teacher and the admin; only the
   * caller's own row for a student. Lists leave it out, except a student's own row.
   */
  submissions: z.array(submissionSchema).optional(),
  /** Teacher and admin: how many students are at each state (lists and get). */
  counts: submissionCountsSchema.optional(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

// admin: every assignment (read). teacher: the assignments they created. student: assignments of their
// classes, each with their own row; `status` filters on that row (students) or on any row (teacher, admin).
export const assignmentsList = defineChannel({
  name: 'assignments.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({
    classId: objectId.optional(),
    status: z.enum(SUBMISSION_STATES).optional(),
    /** Due on or after / before, for "this week" views. */
    dueFrom: dateInput.optional(),
    dueTo: dateInput.optional(),
    search,
    ...paging,
  }),
  output: paged(assignmentSchema),
  summary:
    'Lists assignments, newest due first. Admin: all; teacher: the ones they created; student: those of ' +
    'their classes with their own status.',
});

// Same visibility as the list; one the caller may not see is NOT_FOUND.
export const assignmentsGet = defineChannel({
  name: 'assignments.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: byId,
  output: assignmentSchema,
  summary:
    "One assignment. Teacher (its author) and admin: every student's submission; student: their own only.",
});

const assignmentFields = {
  title: text(TEXT_LIMITS.title),
  description: optionalText(TEXT_LIMITS.description, { multiline: true }),
  classIds: objectIdList(LIST_LIMITS.classIdsPerAssignment, 1),
  dueDate: dateInput,
  /** Ids from `files.upload` with purpose `attachment`, uploaded by this teacher. */
  attachments: objectIdList(LIST_LIMITS.attachmentsPerAssignment).optional(),
};

// teacher only: for classes they lead or teach (others are NOT_FOUND); the due date must be in the future;
// attachments must be the teacher's own uploads with purpose `attachment`.
export const assignmentsCreate = defineChannel({
  name: 'assignments.create',
  roles: ['teacher'],
  input: strictObject(assignmentFields),
  output: assignmentSchema,
  summary: 'Teacher: sets an assignment for one or more of their classes, with attachments and a due date.',
});

// teacher only: assignments they created. Removing a class keeps that class's submissions out of view, not deleted.
export const assignmentsUpdate = defineChannel({
  name: 'assignments.update',
  idempotent: true,
  roles: ['teacher'],
  input: strictObject({
    id: objectId,
    title: assignmentFields.title.optional(),
    description: clearableText(TEXT_LIMITS.description, { multiline: true }),
    classIds: assignmentFields.classIds.optional(),
    dueDate: assignmentFields.dueDate.optional(),
    attachments: assignmentFields.attachments,
  }),
  output: assignmentSchema,
  summary: 'Teacher: changes an assignment they created.',
});

// teacher: assignments they created. admin: any (a school removes what it must). Files of the assignment and
// its submissions are deleted with it.
export const assignmentsDelete = defineDeleteChannel({
  name: 'assignments.delete',
  roles: ['admin', 'teacher'],
  summary: 'Teacher (their own) or admin: deletes an assignment with its submissions and files.',
});

/** What submit, review and grade answer: the row that changed. */
const submissionResult = strictObject({ assignmentId: objectId, submission: submissionSchema });

// student only: an assignment of their classes. A first submission is accepted after the due date too (the row
// shows submittedAt after dueDate). Submitting again is allowed while the last review is `rejected` or
// `reassigned`; while awaiting review, accepted or graded it is CONFLICT. Files must be the student's own uploads
// with purpose `submission`.
export const assignmentsSubmit = defineChannel({
  name: 'assignments.submit',
  outbox: true,
  roles: ['student'],
  input: strictObject({
    assignmentId: objectId,
    files: objectIdList(LIST_LIMITS.filesPerSubmission, 1),
    note: optionalText(TEXT_LIMITS.note, { multiline: true }),
  }),
  output: submissionResult,
  summary: 'Student: hands in files for an assignment; again after a rejection or reassignment.',
});

// teacher only: assignments they created, for a student who has submitted (else CONFLICT). reject and reassign
// send it back to the student; accept makes it ready for a grade.
export const assignmentsReview = defineChannel({
  name: 'assignments.review',
  roles: ['teacher'],
  input: strictObject({
    assignmentId: objectId,
    studentId: objectId,
    decision: z.enum(REVIEW_DECISIONS),
    feedback: optionalText(TEXT_LIMITS.feedback, { multiline: true }),
  }),
  output: submissionResult,
  summary: "Teacher: accepts, rejects or reassigns a student's submission, with feedback.",
});

// teacher only: assignments they created, for a submission that is not rejected or reassigned (grading an
// unreviewed one accepts it). Grading again replaces the grade.
export const assignmentsGrade = defineChannel({
  name: 'assignments.grade',
  roles: ['teacher'],
  input: strictObject({
    assignmentId: objectId,
    studentId: objectId,
    grade: score,
    feedback: optionalText(TEXT_LIMITS.feedback, { multiline: true }),
  }),
  output: submissionResult,
  summary: "Teacher: grades a student's submission out of 100, with feedback.",
});
