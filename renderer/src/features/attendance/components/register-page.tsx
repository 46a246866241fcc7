/**
 * The teacher's register: today's marks for one of their classes, everyone present until changed, saved in one
 * `attendance.save`. Read-only when the server says it cannot be saved (a holiday).
 */
import { Alert, Button, Card, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { RegisterDto } from '../../../../../shared/contract/attendance';
import { schoolDayOf } from '../../../../../shared/domain';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useNow } from '../../../hooks/use-now';
import { useQuery } from '../../../hooks/use-query';
import { dayLabel, timeLabel, times } from '../utils/attendance-format';
import { RegisterTable, type Mark } from './register-table';

function marksOf(register: RegisterDto): Record<string, Mark> {
  return Object.fromEntries(
    register.students.map((s) => [
      s.studentId,
      {
        status: s.status,
        ...(s.lateMinutes ? { lateMinutes: s.lateMinutes } : {}),
        ...(s.reason ? { reason: s.reason } : {}),
      },
    ]),
  );
}

/** Why the register cannot be saved, in plain words. */
function whyReadOnly(register: RegisterDto, today: string): string {
  if (register.holiday) return `Today is a holiday (${register.holiday}), so there is no register to take.`;
  if (register.date < today)
    return 'Registers of past days cannot be changed here; the office can correct them.';
  if (register.date > today) return 'This day has not come yet.';
  return 'This register cannot be changed now.';
}

/** Which version of the register a draft was started from: a save or a refetch starts afresh. */
function versionOf(register: RegisterDto): string {
  return [register.classId, register.date, register.markedAt?.getTime() ?? '', register.corrections].join(
    '|',
  );
}

export function RegisterPage() {
  const today = schoolDayOf(useNow());
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = classes.data?.items ?? [];
  // The first class until the teacher picks another (or the chosen one is no longer theirs).
  const classId = items.find((c) => c.id === chosen)?.id ?? items[0]?.id ?? null;
  const register = useQuery('attendance.register', classId ? { classId, date: today, period: 0 } : null, [], {
    keepPrevious: false,
  });
  const [draft, setDraft] = useState<{ version: string; marks: Record<string, Mark> } | null>(null);
  const save = useMutation('attendance.save', {
    success: (saved) => `The register of ${saved.className} is saved.`,
    invalidates: ['attendance.'],
  });

  const data = register.data;
  const version = data ? versionOf(data) : '';
  const marks = data ? (draft?.version === version ? draft.marks : marksOf(data)) : {};

  function setMark(studentId: string, mark: Mark): void {
    setDraft({ version, marks: { ...marks, [studentId]: mark } });
  }

  async function submit(): Promise<void> {
    if (!data) return;
    await save.mutate({
      classId: data.classId,
      date: data.date,
      period: data.period,
      entries: data.students.map((s) => {
        const m = marks[s.studentId] ?? { status: 'present' as const };
        return {
          studentId: s.studentId,
          status: m.status,
          ...(m.status === 'late' && m.lateMinutes ? { lateMinutes: m.lateMinutes } : {}),
          ...(m.status === 'excused' && m.reason ? { reason: m.reason } : {}),
        };
      }),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Register"
        description={`${dayLabel(today)}. Everyone starts as present: change only those who are not.`}
      />
      {classes.error ? (
        <QueryError error={classes.error} onRetry={classes.refetch} what="your classes" />
      ) : !classes.data ? (
        <Skeleton h={200} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <EmptyState
            title="You have no classes yet"
            hint="A class appears here when the office makes you its class teacher or gives you lessons with it."
            testId="register-no-classes"
          />
        </Card>
      ) : (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Select
              label="Class"
              data={items.map((c) => ({ value: c.id, label: c.name }))}
              value={classId}
              onChange={setChosen}
              allowDeselect={false}
              maw={320}
            />
            {register.error ? (
              <QueryError error={register.error} onRetry={register.refetch} what="the register" />
            ) : !data ? (
              <Skeleton h={200} />
            ) : (
              <>
                {!data.editable && (
                  <Alert color="gray" variant="light" title="Read-only" data-testid="register-read-only">
                    {whyReadOnly(data, today)}
                  </Alert>
                )}
                <Text size="sm" data-testid="register-status">
                  {data.taken && data.markedBy && data.markedAt
                    ? `Taken by ${data.markedBy.name} at ${timeLabel(data.markedAt)}` +
                      (data.corrections > 0 ? `, corrected ${times(data.corrections)}.` : '.')
                    : 'Not taken yet.'}
                </Text>
                {data.students.length === 0 ? (
                  <EmptyState
                    title="No students in this class"
                    hint="The office adds students to classes."
                    testId="register-empty"
                  />
                ) : (
                  <>
                    <RegisterTable
                      label={`Register of ${data.className}`}
                      students={data.students}
                      marks={marks}
                      readOnly={!data.editable}
                      onChange={setMark}
                    />
                    {data.editable && (
                      <Group justify="flex-end">
                        <Button onClick={() => void submit()} loading={save.loading}>
                          Save register
                        </Button>
                      </Group>
                    )}
                  </>
                )}
              </>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
