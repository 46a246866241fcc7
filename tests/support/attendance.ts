/**
 * What the attendance suites share, on top of `fixture`: school days counted back from today, the register
 * calls made as the handlers make them (the input parsed by the channel first), and the suite's people by name
 * with the two classes both suites take registers in.
 */
import { attendanceRegister, attendanceSave, attendanceStudent } from '../../shared/contract';
import { schoolDayOf } from '../../shared/domain';
import { getRegister, saveRegister, studentRecord } from '../../electron/core/services/attendance';
import type { Actor } from '../../electron/core/services/context';
import { classWith, deps, personActor } from './fixture';

export const DAY = 24 * 3600 * 1000;
export const daysAgo = (n: number) => schoolDayOf(new Date(Date.now() - n * DAY));

export const register = (actor: Actor, input: Record<string, unknown>) =>
  getRegister(deps, actor, attendanceRegister.input.parse(input));
export const save = (actor: Actor, input: Record<string, unknown>) =>
  saveRegister(deps, actor, attendanceSave.input.parse(input));
export const record = (actor: Actor, input: Record<string, unknown>) =>
  studentRecord(deps, actor, attendanceStudent.input.parse(input));

const people: Record<string, Actor> = {};

/** Creates each person in the suite's institution (the name is the username too), to be found by `p(name)`. */
export async function addPeople(
  list: ReadonlyArray<readonly ['teacher' | 'student', string]>,
): Promise<void> {
  for (const [role, name] of list) people[name] = await personActor(role, name);
}

/** The person `addPeople` created under this name. */
export const p = (name: string): Actor => {
  const actor = people[name];
  if (!actor) throw new Error(`no person ${name}`);
  return actor;
};

/**
 * Grade `grade`'s two classes: `<grade>-A`, led by Tara, with Asha, Bina and Chen; `<grade>-B`, with Dev and
 * no class teacher (all four made by `addPeople` first).
 */
export async function twoClasses(grade: number): Promise<{ classA: string; classB: string }> {
  const a = await classWith({ name: `${grade}-A`, grade, section: 'A', teacherId: p('Tara').userId }, [
    p('Asha').userId,
    p('Bina').userId,
    p('Chen').userId,
  ]);
  const b = await classWith({ name: `${grade}-B`, grade, section: 'B' }, [p('Dev').userId]);
  return { classA: a.id, classB: b.id };
}
