/** Limits of the timetabling data (rooms, lessons, teachers' limits, the generator), shared by forms, API and models. */

export const ROOM_LIMITS = {
  name: 60,
  kind: 40,
  capacityMax: 2000,
} as const;

/** Kinds a room form suggests; any other text is allowed. */
export const ROOM_KIND_SUGGESTIONS = ['ordinary', 'lab', 'gym', 'computer lab', 'music', 'art'] as const;

export const LESSON_LIMITS = {
  classesPerLesson: 10,
  teachersPerLesson: 5,
  groupsPerLesson: 20,
  /** The longest block: a triple period. */
  blockMax: 4,
  /** A class's lessons listed at once. */
  perList: 500,
} as const;

export const GENERATOR_LIMITS = {
  timeLimitDefaultSeconds: 60,
  timeLimitMaxSeconds: 600,
  seedMax: 2 ** 31 - 1,
  /** Classes or teachers named in a scope. */
  scopeMax: 200,
} as const;

/** The sum of a lesson's groups: its periods a week. */
export function periodsOf(groups: readonly number[]): number {
  return groups.reduce((sum, g) => sum + g, 0);
}
