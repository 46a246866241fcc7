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
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const attendanceHandlers = {
  'attendance.register': serve(getRegister),
  'attendance.save': serve(saveRegister),
  'attendance.excuse': serve(excuseAbsence),
  'attendance.day': serve(dayAbsences),
  'attendance.student': serve(studentRecord),
  'attendance.class': serve(classAttendance),
  'attendance.export': serve(exportAttendance),
  'attendance.settings': (_input, ctx) => getAttendanceSettings(ctx.deps, ctx.actor),
  'attendance.updateSettings': serve(updateAttendanceSettings),
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
