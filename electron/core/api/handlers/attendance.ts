import {
  classAttendance,
  dayAbsences,
  excuseAbsence,
  exportAttendance,
  getRegister,
  saveRegister,
  studentRecord,
} from '../../services/attendance';
import { getAttendanceSettings, updateAttendanceSettings } from '../../services/attendance-mode';
import type { HandlersOf } from '../handler-types';

export const attendanceHandlers = {
  'attendance.register': (input, ctx) => getRegister(ctx.deps, ctx.actor, input),
  'attendance.save': (input, ctx) => saveRegister(ctx.deps, ctx.actor, input),
  'attendance.excuse': (input, ctx) => excuseAbsence(ctx.deps, ctx.actor, input),
  'attendance.day': (input, ctx) => dayAbsences(ctx.deps, ctx.actor, input),
  'attendance.student': (input, ctx) => studentRecord(ctx.deps, ctx.actor, input),
  'attendance.class': (input, ctx) => classAttendance(ctx.deps, ctx.actor, input),
  'attendance.export': (input, ctx) => exportAttendance(ctx.deps, ctx.actor, input),
  'attendance.settings': (_input, ctx) => getAttendanceSettings(ctx.deps, ctx.actor),
  'attendance.updateSettings': (input, ctx) => updateAttendanceSettings(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  | 'attendance.register'
  | 'attendance.save'
  | 'attendance.excuse'
  | 'attendance.day'
  | 'attendance.student'
  | 'attendance.class'
  | 'attendance.export'
  | 'attendance.settings'
  | 'attendance.updateSettings'
>;
