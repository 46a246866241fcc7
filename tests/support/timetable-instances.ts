// Timetabling problems for the solver's tests and benchmark, each built around a hidden timetable ("planted")
// so that it is known to be feasible.
import type {
  ProblemLesson,
  ProblemRoom,
  ProblemTeacher,
  TimetableProblem,
} from '../../electron/core/services/timetable/problem';
import { createRandom, type Random } from '../../electron/core/services/timetable/random';

function shuffled(n: number, random: Random): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * n classes, n teachers, n rooms, 5 days × 6 periods, every one of them busy in all 30 slots (like the
 * OR-Library's hdtt instances): in each slot a random matching pairs classes with teachers and rooms, and the
 * lessons are what those matchings add up to, a class meeting a teacher in a room at most once a day per lesson.
 */
export function fullyBooked(n: number, seed = 1): TimetableProblem {
  const days = 5;
  const ppd = 6;
  const random = createRandom(seed * 7919 + n);
  // (class, teacher, room) -> the days of its periods
  const meetings = new Map<string, number[]>();
  for (let s = 0; s < days * ppd; s++) {
    const teacher = shuffled(n, random);
    const room = shuffled(n, random);
    for (let c = 0; c < n; c++) {
      const key = `${c}/${teacher[c]}/${room[c]}`;
      const list = meetings.get(key) ?? [];
      list.push(Math.floor(s / ppd));
      meetings.set(key, list);
    }
  }
  const lessons: ProblemLesson[] = [];
  for (const [key, list] of [...meetings.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [c, t, r] = key.split('/');
    // Lesson k takes the k-th meeting of each day, so its periods fall on different days.
    const perDay = new Map<number, number>();
    const lessonOf = list.map((d) => {
      const k = perDay.get(d) ?? 0;
      perDay.set(d, k + 1);
      return k;
    });
    const count = Math.max(...lessonOf) + 1;
    for (let k = 0; k < count; k++) {
      const periods = lessonOf.filter((x) => x === k).length;
      lessons.push({
        id: `L${c}-${t}-${r}-${k}`,
        subject: `S${t}`,
        teacherIds: [`T${t}`],
        classIds: [`C${c}`],
        groups: new Array<number>(periods).fill(1),
        roomId: `R${r}`,
      });
    }
  }
  return {
    days,
    periodsPerDay: ppd,
    breaksAfter: [],
    teachers: Array.from({ length: n }, (_, i) => ({ id: `T${i}`, unavailable: [] })),
    classes: Array.from({ length: n }, (_, i) => ({ id: `C${i}`, unavailable: [] })),
    rooms: Array.from({ length: n }, (_, i) => ({ id: `R${i}`, kind: 'ordinary', capacity: 40 })),
    lessons,
    fixed: [],
  };
}

interface SubjectPlan {
  subject: string;
  groups: number[];
  teachers: number;
  roomKind?: string;
}

/** A secondary school's week: ~42 periods per class over 6 days × 8 periods, doubles in the labs and gyms. */
const CURRICULUM: SubjectPlan[] = [
  { subject: 'Mathematics', groups: [1, 1, 1, 1, 1, 1], teachers: 9 },
  { subject: 'Language', groups: [1, 1, 1, 1, 1], teachers: 7 },
  { subject: 'English', groups: [1, 1, 1, 1], teachers: 6 },
  { subject: 'Literature', groups: [1, 1, 1], teachers: 4 },
  { subject: 'History', groups: [1, 1, 1], teachers: 4 },
  { subject: 'Geography', groups: [1, 1], teachers: 3, roomKind: 'ordinary' },
  { subject: 'Biology', groups: [1, 1, 1], teachers: 4 },
  { subject: 'Physics', groups: [1, 1, 1], teachers: 4 },
  { subject: 'Chemistry', groups: [1, 1, 1], teachers: 4 },
  { subject: 'Science lab', groups: [2], teachers: 3, roomKind: 'lab' },
  { subject: 'Physical education', groups: [2, 1], teachers: 4, roomKind: 'gym' },
  { subject: 'Computing', groups: [2], teachers: 3, roomKind: 'computer' },
  { subject: 'Art', groups: [2], teachers: 3, roomKind: 'art' },
];

/**
 * 40 classes, 60 teachers, 20 rooms (labs, gyms, computer and art rooms, ordinary rooms), 6 days × 8 periods
 * with breaks after the 2nd and 5th periods. Each class has 42 periods (music taught to two classes together);
 * some teachers are unavailable on a day or limited to 5 working days; nobody teaches more than 7 a day.
 */
export function school(seed = 1): TimetableProblem {
  const random = createRandom(seed);
  const days = 6;
  const ppd = 8;
  const classCount = 40;
  const teachers: ProblemTeacher[] = [];
  const lessons: ProblemLesson[] = [];
  const load: number[] = [];
  const newTeacher = (subject: string): number => {
    teachers.push({
      id: `T${teachers.length}`,
      name: `${subject} teacher ${teachers.length}`,
      unavailable: [],
    });
    load.push(0);
    return teachers.length - 1;
  };
  for (const plan of CURRICULUM) {
    const staff = Array.from({ length: plan.teachers }, () => newTeacher(plan.subject));
    const periods = plan.groups.reduce((a, b) => a + b, 0);
    for (let c = 0; c < classCount; c++) {
      const t = staff[c % staff.length]!;
      load[t]! += periods;
      lessons.push({
        id: `C${c}-${plan.subject}`,
        subject: plan.subject,
        teacherIds: [`T${t}`],
        classIds: [`C${c}`],
        groups: plan.groups,
        ...(plan.roomKind ? { roomKind: plan.roomKind } : { withoutRoom: true }),
      });
    }
  }
  const music = [newTeacher('Music'), newTeacher('Music')];
  for (let c = 0; c < classCount; c += 2) {
    const t = music[(c / 2) % 2]!;
    load[t]! += 1;
    lessons.push({
      id: `C${c}+${c + 1}-Music`,
      subject: 'Music',
      teacherIds: [`T${t}`],
      classIds: [`C${c}`, `C${c + 1}`],
      groups: [1],
      roomKind: 'music',
    });
  }
  teachers.forEach((t, i) => {
    t.maxPeriodsPerDay = 7;
    // Part-timers: a free day for every fifth teacher, five working days for every seventh, if their load allows
    // (and no lesson of theirs needs all six days).
    const sixDays = lessons.some((l) => l.teacherIds.includes(t.id) && l.groups.length >= days);
    if (sixDays) {
      // full-timers
    } else if (i % 5 === 0 && load[i]! <= 5 * 6) {
      const off = random.int(days);
      for (let p = 0; p < ppd; p++) t.unavailable.push(off * ppd + p);
    } else if (i % 7 === 0 && load[i]! <= 5 * 6) {
      t.maxDaysPerWeek = 5;
    }
    // Some mornings off.
    if (i % 4 === 1) t.unavailable.push(random.int(days) * ppd);
  });
  const kinds: Array<[string, number]> = [
    ['lab', 4],
    ['gym', 4],
    ['computer', 3],
    ['art', 3],
    ['music', 1],
    ['ordinary', 5],
  ];
  const rooms: ProblemRoom[] = [];
  for (const [kind, count] of kinds) {
    for (let i = 0; i < count; i++)
      rooms.push({ id: `${kind}-${i + 1}`, kind, capacity: kind === 'gym' || kind === 'music' ? 70 : 36 });
  }
  return {
    days,
    periodsPerDay: ppd,
    breaksAfter: [1, 4],
    teachers,
    classes: Array.from({ length: classCount }, (_, i) => ({
      id: `C${i}`,
      name: `${7 + Math.floor(i / 8)}-${String.fromCharCode(65 + (i % 8))}`,
      size: 25 + (i % 8),
      unavailable: [],
    })),
    rooms,
    lessons,
    fixed: [],
  };
}
