// The timetabling problem as the solver sees it: plain numbers and ids, no database types, so the solver runs
// in a worker thread and in unit tests alike. The service builds a TimetableProblem from the institution's week,
// rooms, lessons and teachers' limits, and turns a TimetableSolution back into schedule entries.
// (docs/architecture.md, "Timetabling")

/** A slot is `day * periodsPerDay + period`, both zero-based: day 0 is the week's first working day. */
export type Slot = number;

export interface ProblemTeacher {
  id: string;
  /** Shown in the reasons an admin reads ("Mr X is at his daily limit…"); absent = the id. */
  name?: string;
  /** Slots in which the teacher cannot teach. */
  unavailable: Slot[];
  /** Most periods the teacher teaches on one day; absent = no limit. */
  maxPeriodsPerDay?: number;
  /** Most days of the week on which the teacher teaches at all; absent = no limit. */
  maxDaysPerWeek?: number;
}

export interface ProblemClass {
  id: string;
  /** Shown in reasons; absent = the id. */
  name?: string;
  /** Number of students, checked against a room's capacity; absent = not checked. */
  size?: number;
  /** Slots in which the class cannot have a lesson (e.g. assembly). */
  unavailable: Slot[];
}

export interface ProblemRoom {
  id: string;
  /** Shown in reasons; absent = the id. */
  name?: string;
  /** Free text such as "lab", "gym", "ordinary"; compared exactly. */
  kind: string;
  capacity: number;
}

/**
 * One lesson of the curriculum: a subject taught by its teacher(s) to one or more classes together,
 * `sum(groups)` periods a week. Each group is a block of consecutive periods on one day (2 = a double period)
 * that never straddles a break; two groups of one lesson never fall on the same day unless the lesson has
 * more groups than the week has days.
 */
export interface ProblemLesson {
  id: string;
  subject: string;
  teacherIds: string[];
  classIds: string[];
  /** Block lengths, e.g. [2, 2] for four periods as two doubles, [1, 1, 1] for three singles. */
  groups: number[];
  /** The lesson must be in this room. */
  roomId?: string;
  /** The lesson needs a room of this kind (ignored when roomId is set). */
  roomKind?: string;
  /**
   * Taught in the class's own classroom, which is not a bookable room: the lesson gets no room even when the
   * school has rooms (a school with 40 classes and 20 rooms books rooms only for the lessons that need one).
   */
  withoutRoom?: boolean;
}

/** Something already in the timetable that the solver must not move: it occupies its slots. */
export interface FixedEntry {
  /** The lesson (and group index) it belongs to, when it came from one: that group is then already placed. */
  lessonId?: string;
  group?: number;
  slot: Slot;
  length: number;
  teacherIds: string[];
  classIds: string[];
  roomId?: string;
}

export interface TimetableProblem {
  /** Working days in the week (1–7) and periods per day (1–10). */
  days: number;
  periodsPerDay: number;
  /** Zero-based periods after which a break falls: a block of periods may not span one. */
  breaksAfter: number[];
  teachers: ProblemTeacher[];
  classes: ProblemClass[];
  /**
   * When the school has no rooms at all, lessons are placed without rooms; otherwise every lesson gets one
   * (except `withoutRoom` lessons).
   */
  rooms: ProblemRoom[];
  lessons: ProblemLesson[];
  fixed: FixedEntry[];
}

export interface Placement {
  lessonId: string;
  /** Index into the lesson's `groups`. */
  group: number;
  /** First slot of the block; the block covers `length` consecutive periods of the same day. */
  slot: Slot;
  length: number;
  roomId: string | null;
}

/** A lesson group the solver could not place, with the reason in words an admin can act on. */
export interface Unplaced {
  lessonId: string;
  group: number;
  reason: string;
}

export interface SoftScore {
  /** The same subject twice on one day for a class beyond what its groups demand. */
  sameSubjectSameDay: number;
  /** Idle periods between a teacher's first and last lesson of a day, summed. */
  teacherGaps: number;
  /** Spread of teachers' daily loads: sum over teachers of (max day load − min working-day load). */
  loadImbalance: number;
  /** Weighted total (lower is better). */
  total: number;
}

export interface TimetableSolution {
  placements: Placement[];
  unplaced: Unplaced[];
  /** Hard-constraint violations left; a solution with any is never saved. */
  hardViolations: number;
  soft: SoftScore;
  elapsedMs: number;
  iterations: number;
  seed: number;
}

export interface SolveProgress {
  placedGroups: number;
  totalGroups: number;
  hardViolations: number;
  softTotal: number;
  elapsedMs: number;
}

export interface SolveOptions {
  seed: number;
  timeLimitMs: number;
  onProgress?: (progress: SolveProgress) => void;
  /** Polled by the solver; true = stop now and return the best result so far. */
  shouldStop?: () => boolean;
}

/** A broken hard constraint, found by the independent checker. */
export interface HardViolation {
  kind:
    | 'teacher-clash'
    | 'class-clash'
    | 'room-clash'
    | 'teacher-unavailable'
    | 'class-unavailable'
    | 'teacher-day-limit'
    | 'teacher-week-limit'
    | 'wrong-room'
    | 'room-kind'
    | 'room-capacity'
    | 'block-shape'
    | 'lesson-count'
    | 'fixed-moved';
  message: string;
}
