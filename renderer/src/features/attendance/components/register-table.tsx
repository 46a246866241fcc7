import { Avatar, Group, NumberInput, SegmentedControl, Table, Text } from '@mantine/core';
import type { RegisterDto } from '../../../../../shared/contract/attendance';
import { ATTENDANCE_LIMITS, type AttendanceStatus } from '../../../../../shared/domain';
import { isStatus, STATUS_OPTIONS } from '../utils/attendance-format';
import { DataTable } from '../../../components/data-table';

export interface Mark {
  status: AttendanceStatus;
  lateMinutes?: number;
  /** Kept from an office excusal, so a correction does not drop the parent's reason. */
  reason?: string;
}

export interface RegisterTableProps {
  /** The table's accessible name: "Register of Class 7-A". */
  label: string;
  students: RegisterDto['students'];
  marks: Readonly<Record<string, Mark>>;
  readOnly: boolean;
  onChange: (studentId: string, mark: Mark) => void;
}

/** One row per student: initials and name, a one-tap status, minutes late when late. */
export function RegisterTable({ label, students, marks, readOnly, onChange }: RegisterTableProps) {
  return (
    <DataTable
      columns={['Roll no.', 'Student', 'Status', 'Minutes late']}
      minWidth={560}
      aria-label={label}
      verticalSpacing="sm"
    >
      {students.map((s) => {
        const mark = marks[s.studentId] ?? { status: 'present' as const };
        return (
          <Table.Tr key={s.studentId} data-testid="register-row" data-status={mark.status}>
            <Table.Td>
              <Text size="sm" c={s.rollNumber === undefined ? 'dimmed' : undefined}>
                {s.rollNumber ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                {/* The initials repeat the name beside them: hidden from screen readers. */}
                <Avatar name={s.name} color="indigo.9" variant="filled" size="md" aria-hidden />
                <Text size="sm" fw={500}>
                  {s.name}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <SegmentedControl
                aria-label={s.name}
                data={STATUS_OPTIONS}
                value={mark.status}
                readOnly={readOnly}
                onChange={(value) => {
                  if (isStatus(value)) onChange(s.studentId, { ...mark, status: value });
                }}
              />
            </Table.Td>
            <Table.Td>
              {mark.status === 'late' ? (
                <NumberInput
                  aria-label={`Minutes late, ${s.name}`}
                  placeholder="Minutes"
                  min={1}
                  max={ATTENDANCE_LIMITS.lateMinutesMax}
                  clampBehavior="strict"
                  allowDecimal={false}
                  allowNegative={false}
                  readOnly={readOnly}
                  value={mark.lateMinutes ?? ''}
                  onChange={(value) => {
                    const minutes = typeof value === 'number' && value >= 1 ? value : undefined;
                    const { lateMinutes: _old, ...rest } = mark;
                    onChange(s.studentId, minutes ? { ...rest, lateMinutes: minutes } : rest);
                  }}
                  w={110}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
