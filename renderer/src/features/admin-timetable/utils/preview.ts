/** A generated timetable's preview: whose weeks it has, and one week out of it. */
import type { PreviewEntryDto } from '../../../../../shared/contract';
import type { SelectOption } from '../../../hooks/use-admin-options';

export type PreviewView = 'class' | 'teacher' | 'room';

function idsOf(entry: PreviewEntryDto, view: PreviewView): string[] {
  if (view === 'class') return entry.classIds;
  if (view === 'teacher') return entry.teacherIds;
  return entry.roomId ? [entry.roomId] : [];
}

/** The classes, teachers or rooms the preview's entries involve, in the order of the known options. */
export function previewOwners(
  entries: readonly PreviewEntryDto[],
  view: PreviewView,
  known: { classes: SelectOption[]; teachers: SelectOption[]; rooms: SelectOption[] },
): SelectOption[] {
  const used = new Set(entries.flatMap((e) => idsOf(e, view)));
  const options = view === 'class' ? known.classes : view === 'teacher' ? known.teachers : known.rooms;
  return options.filter((o) => used.has(o.value));
}

/** The entries of one class, teacher or room. */
export function previewWeekOf(
  entries: readonly PreviewEntryDto[],
  view: PreviewView,
  id: string,
): PreviewEntryDto[] {
  return entries.filter((e) => idsOf(e, view).includes(id));
}
