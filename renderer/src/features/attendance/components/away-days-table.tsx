import { Table } from '@mantine/core';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { DataTable } from '../../../components/data-table';
import { shortDayLabel } from '../utils/attendance-format';
import { StatusBadge } from './status-badge';
import { PeriodSuffix } from './period-suffix';

type RecordDay = AllChannelOutput<'attendance.student'>['days'][number];

/** The days (or lessons) a student was not present, with the mark and the reason: for the student and the office. */
export function AwayDaysTable({
  days,
  label,
  markHeading,
  rowTestId,
  compact = false,
}: {
  days: readonly RecordDay[];
  /** The table's accessible name. */
  label: string;
  markHeading: string;
  rowTestId: string;
  /** Denser rows, striped: the office's panel beside the calendar. */
  compact?: boolean;
}) {
  return (
    <DataTable
      columns={['Day', markHeading, 'Reason']}
      minWidth={480}
      aria-label={label}
      verticalSpacing={compact ? 'xs' : 'sm'}
      striped={compact}
    >
      {days.map((d) => (
        <Table.Tr key={`${d.date}-${d.period}`} data-testid={rowTestId} data-status={d.status}>
          <Table.Td>
            {shortDayLabel(d.date)}
            <PeriodSuffix period={d.period} />
          </Table.Td>
          <Table.Td>
            <StatusBadge status={d.status} {...(d.lateMinutes ? { lateMinutes: d.lateMinutes } : {})} />
          </Table.Td>
          <Table.Td>{d.reason ?? '—'}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
