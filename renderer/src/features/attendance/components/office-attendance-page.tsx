/**
 * The office's attendance, in three tabs. "Day": a day's absences, late arrivals and excusals across the
 * school, how many registers were taken, an "Excuse" per absent or late student (a parent called), and a CSV
 * export of a range. "Classes": a class's rate week by week and who is under a threshold. "Students": one
 * student's record over a term as a colour-coded calendar.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { schoolDayOf } from '../../../../../shared/domain';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useQuery } from '../../../hooks/use-query';
import { DAY_STATUS_LABELS, dayLabel, daysBefore } from '../utils/attendance-format';
import { ClassRatesPanel } from './class-rates-panel';
import { ExcuseModal, type ExcuseTarget } from './excuse-modal';
import { ExportCard } from './export-card';
import { StatusBadge } from './status-badge';
import { StudentRecordPanel, type StudentPick } from './student-record-panel';
import { PeriodSuffix } from './period-suffix';

/** A term, roughly: the record and class views start this many days back. */
const TERM_DAYS = 120;
const TABS = ['day', 'classes', 'students'] as const;
type Tab = (typeof TABS)[number];

export function OfficeAttendancePage() {
  const today = schoolDayOf(new Date());
  const [tab, setTab] = useState<Tab>('day');
  const [range, setRange] = useState(() => ({ from: daysBefore(today, TERM_DAYS - 1), to: today }));
  const [student, setStudent] = useState<StudentPick | null>(null);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Attendance"
        description="Who is away today, how each class and student is doing over the term."
      />
      <Tabs value={tab} onChange={(v) => setTab(TABS.find((t) => t === v) ?? 'day')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="day">Day</Tabs.Tab>
          <Tabs.Tab value="classes">Classes</Tabs.Tab>
          <Tabs.Tab value="students">Students</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="day">
          <DayPanel today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="classes">
          <ClassRatesPanel
            from={range.from}
            to={range.to}
            onRangeChange={setRange}
            onOpenStudent={(s) => {
              setStudent(s);
              setTab('students');
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="students">
          <StudentRecordPanel
            student={student}
            onStudentChange={setStudent}
            from={range.from}
            to={range.to}
            onRangeChange={setRange}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function DayPanel({ today }: { today: string }) {
  const [date, setDate] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const day = useQuery('attendance.day', valid ? { date } : null, [], { keepPrevious: false });
  const excuse = useFormDialog<ExcuseTarget>();
  const data = day.data;

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <TextInput
              type="date"
              label="Day"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={valid ? null : 'Choose a day.'}
            />
            {data && (
              <Stack gap={0} align="flex-end">
                {data.lessons !== undefined && (
                  <Text size="sm" data-testid="lessons-taken">
                    Lesson registers: {data.lessonsTaken} of {data.lessons}{' '}
                    {data.lessons === 1 ? 'lesson' : 'lessons'}
                  </Text>
                )}
                <Text size="sm" data-testid="registers-taken">
                  Registers taken: {data.registersTaken} of {data.classes}{' '}
                  {data.classes === 1 ? 'class' : 'classes'}
                </Text>
              </Stack>
            )}
          </Group>
          <Title order={2} size="h4">
            Away on {valid ? dayLabel(date) : 'this day'}
          </Title>
          {data?.holiday && (
            <Alert color="indigo" variant="light" title="Holiday" data-testid="holiday-notice">
              {data.holiday}: the school is closed, so no registers are taken.
            </Alert>
          )}
          {day.error ? (
            <QueryError error={day.error} onRetry={day.refetch} what="the day's attendance" />
          ) : !valid ? null : !data ? (
            <Skeleton h={160} />
          ) : data.absences.length === 0 ? (
            <EmptyState
              title="Nobody is marked away"
              hint={
                data.registersTaken < data.classes
                  ? 'Absences appear here as teachers take their registers.'
                  : 'Every register of the day says everyone was present.'
              }
              testId="absences-empty"
            />
          ) : (
            <Table.ScrollContainer minWidth={920}>
              <Table aria-label={`Absences on ${dayLabel(data.date)}`} verticalSpacing="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Student</Table.Th>
                    <Table.Th>Class</Table.Th>
                    <Table.Th>Status</Table.Th>
                    {/* Per lesson, a mark is one lesson: the student's whole day beside it. */}
                    {data.mode === 'period' && <Table.Th>The day</Table.Th>}
                    <Table.Th>Minutes late</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Marked by</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.absences.map((a) => (
                    <Table.Tr
                      key={`${a.classId}-${a.period}-${a.studentId}`}
                      data-testid="absence-row"
                      data-status={a.status}
                    >
                      <Table.Td>{a.studentName}</Table.Td>
                      <Table.Td>
                        {a.className}
                        <PeriodSuffix period={a.period} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={a.status} />
                      </Table.Td>
                      {data.mode === 'period' && (
                        <Table.Td data-testid="absence-day" data-status={a.dayStatus}>
                          {DAY_STATUS_LABELS[a.dayStatus]}
                        </Table.Td>
                      )}
                      <Table.Td>{a.lateMinutes ?? '—'}</Table.Td>
                      <Table.Td>{a.reason ?? '—'}</Table.Td>
                      <Table.Td>{a.markedBy}</Table.Td>
                      <Table.Td ta="right">
                        {a.status !== 'excused' && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Excuse ${a.studentName}`}
                            onClick={() =>
                              excuse.openEdit({
                                classId: a.classId,
                                date: data.date,
                                period: a.period,
                                studentId: a.studentId,
                                studentName: a.studentName,
                              })
                            }
                          >
                            Excuse
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      <ExportCard today={today} />
      <ExcuseModal opened={excuse.opened} target={excuse.editing} onClose={excuse.close} />
    </Stack>
  );
}
