import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  MultiSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { LIST_LIMITS } from '../../../../../shared/domain';
import { AdminListFooter } from '../../../components/admin-list-footer';
import { QueryError } from '../../../components/query-error';
import { useClassOptions, withCurrentTeacher, type SelectOption } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import type { ApiClientError } from '../../../lib/api-client';
import type { ChannelPattern } from '../../../lib/query-invalidation';
import { useStudentChoices } from '../hooks/use-student-choices';
import { EnrolmentBar } from './enrolment-bar';
import { MoveStudentControl, NumberAlphabeticallyButton, RollNumberInput } from './roster-controls';
import { DataTable } from '../../../components/data-table';
import { TeacherSelect } from '../../../components/teacher-select';

const ROSTER_PAGE_SIZE = 50;

export interface ClassDrawerProps {
  classId: string | null;
  onClose: () => void;
  teacherOptions: SelectOption[];
}

/**
 * What a change in the drawer makes stale: the class (this drawer, the page's list with its enrolment and
 * teacher) and, when students move, the rosters and the students in no class.
 */
const CLASS_CHANGED: readonly ChannelPattern[] = ['classes.'];
const ENROLMENT_CHANGED: readonly ChannelPattern[] = ['classes.', 'users.list'];

/** One class: its class teacher, its students (remove), and students to add from those in no class. */
export function ClassDrawer({ classId, onClose, teacherOptions }: ClassDrawerProps) {
  const [title, setTitle] = useState('Class');
  return (
    <Drawer
      opened={classId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={title}
      closeButtonProps={{ 'aria-label': 'Close the class' }}
    >
      {classId && (
        <ClassDetail key={classId} classId={classId} onName={setTitle} teacherOptions={teacherOptions} />
      )}
    </Drawer>
  );
}

interface ClassDetailProps {
  classId: string;
  onName: (name: string) => void;
  teacherOptions: SelectOption[];
}

/** The drawer's content for one class; a new class starts from a fresh state (it is keyed by the id). */
function ClassDetail({ classId, onName, teacherOptions }: ClassDetailProps) {
  const [rosterPage, setRosterPage] = useState(1);
  /** The teacher chosen in the select; undefined shows the class's own. */
  const [teacherChoice, setTeacherChoice] = useState<string | null | undefined>(undefined);
  const [picked, setPicked] = useState<string[]>([]);
  const [pickedLabels, setPickedLabels] = useState<Record<string, string>>({});
  const [addError, setAddError] = useState<string | null>(null);

  const detail = useQuery('classes.get', { id: classId }, [], { keepPrevious: false });
  const roster = useQuery('users.list', {
    classId,
    role: 'student',
    page: rosterPage,
    pageSize: ROSTER_PAGE_SIZE,
  });
  const choices = useStudentChoices(true);
  const allClasses = useClassOptions();
  const cls = detail.data;
  const teacherId = teacherChoice === undefined ? (cls?.teacherId ?? null) : teacherChoice;

  useEffect(() => {
    if (cls) onName(cls.name);
  }, [cls, onName]);

  // After any change the select shows the class's own teacher again, from the class read again.
  const changed = () => setTeacherChoice(undefined);

  const assign = useMutation('classes.assignTeacher', {
    success: (c) => `${c.teacher?.name ?? 'The teacher'} is now the class teacher of ${c.name}.`,
    invalidates: CLASS_CHANGED,
    onSuccess: changed,
  });
  const unassign = useMutation('classes.update', {
    success: (c) => `${c.name} has no class teacher now.`,
    invalidates: CLASS_CHANGED,
    onSuccess: changed,
  });
  const add = useMutation('classes.addStudents', {
    notifyErrors: false,
    success: (c, input) =>
      `${input.studentIds.length === 1 ? 'One student was' : `${input.studentIds.length} students were`} added to ${c.name}.`,
    invalidates: ENROLMENT_CHANGED,
    onSuccess: () => {
      setPicked([]);
      setPickedLabels({});
      changed();
    },
    onError: (error: ApiClientError) => setAddError(error.message),
  });
  const remove = useMutation('classes.removeStudent', {
    success: (c) => `The student was removed from ${c.name}.`,
    invalidates: ENROLMENT_CHANGED,
    onSuccess: changed,
  });

  // Chosen students keep their names while the search shows others.
  const options = [
    ...choices.options,
    ...picked
      .filter((id) => !choices.options.some((o) => o.value === id))
      .map((id) => ({ value: id, label: pickedLabels[id] ?? id })),
  ];
  const teachers = withCurrentTeacher(teacherOptions, cls?.teacher);
  const free = cls ? cls.maxStudents - cls.studentCount : 0;

  return (
    <>
      {detail.error ? (
        <QueryError error={detail.error} onRetry={detail.refetch} what="the class" />
      ) : !cls ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : (
        <Stack gap="lg" data-testid="class-detail">
          <Group gap="lg" align="flex-start">
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Grade and section
              </Text>
              <Text size="sm">
                Grade {cls.grade}, section {cls.section}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Enrolment
              </Text>
              <EnrolmentBar cls={cls} width={160} />
            </Stack>
          </Group>
          {cls.subjects.length > 0 && (
            <Group gap={6} role="group" aria-label="Subjects">
              {cls.subjects.map((s) => (
                <Badge key={s} variant="default" tt="none">
                  {s}
                </Badge>
              ))}
            </Group>
          )}

          <DrawerSection title="Class teacher">
            <Group gap="sm" align="flex-end">
              <TeacherSelect
                placeholder="Choose a teacher"
                data={teachers}
                value={teacherId}
                onChange={setTeacherChoice}
                style={{ flex: 1 }}
              />
              <Button
                disabled={!teacherId || teacherId === cls.teacherId}
                loading={assign.loading}
                onClick={() => teacherId && void assign.mutate({ classId: cls.id, teacherId })}
              >
                Assign teacher
              </Button>
              {cls.teacherId && (
                <Button
                  variant="default"
                  loading={unassign.loading}
                  onClick={() => void unassign.mutate({ id: cls.id, teacherId: null })}
                >
                  Remove teacher
                </Button>
              )}
            </Group>
          </DrawerSection>

          <DrawerSection title="Add students">
            <Group gap="sm" align="flex-end">
              <MultiSelect
                label="Students in no class"
                description={
                  free > 0
                    ? `${free} ${free === 1 ? 'place' : 'places'} left. Type to search by name or username.`
                    : 'The class is full: raise its capacity to add more.'
                }
                placeholder={picked.length === 0 ? 'Choose students' : undefined}
                data={options}
                value={picked}
                onChange={(ids) => {
                  setAddError(null);
                  setPicked(ids);
                  setPickedLabels((labels) => {
                    const next = { ...labels };
                    for (const o of options) if (ids.includes(o.value)) next[o.value] = o.label;
                    return next;
                  });
                }}
                searchable
                searchValue={choices.search}
                onSearchChange={choices.setSearch}
                maxValues={Math.min(Math.max(free, 0), LIST_LIMITS.studentsPerRequest)}
                disabled={free <= 0}
                nothingFoundMessage={choices.loading ? 'Searching…' : 'No student without a class matches'}
                hidePickedOptions
                error={addError}
                style={{ flex: 1 }}
              />
              <Button
                disabled={picked.length === 0}
                loading={add.loading}
                onClick={() => void add.mutate({ classId: cls.id, studentIds: picked })}
              >
                Add to class
              </Button>
            </Group>
            {choices.error && <QueryError error={choices.error} what="the students" />}
          </DrawerSection>

          <DrawerSection
            title={`Students (${cls.studentCount})`}
            action={
              cls.studentCount > 0 && <NumberAlphabeticallyButton classId={cls.id} className={cls.name} />
            }
          >
            {roster.error ? (
              <QueryError error={roster.error} onRetry={roster.refetch} what="the students" />
            ) : roster.data && roster.data.items.length === 0 ? (
              <Alert variant="light" color="gray" title="No students yet">
                Add students above; each student belongs to one class.
              </Alert>
            ) : (
              <DataTable
                columns={['Roll no.', 'Name', 'Username', 'Move']}
                actions
                verticalSpacing="xs"
                aria-label={`Students of ${cls.name}`}
              >
                {(roster.data?.items ?? []).map((s) => (
                  <Table.Tr key={s.id} data-testid="roster-row">
                    <Table.Td>
                      <RollNumberInput
                        key={s.rollNumber ?? 'none'}
                        classId={cls.id}
                        studentId={s.id}
                        name={s.name}
                        value={s.rollNumber}
                      />
                    </Table.Td>
                    <Table.Td>
                      {s.name}
                      {!s.isActive && (
                        <Badge ml="xs" size="xs" variant="default">
                          Inactive
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {s.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <MoveStudentControl
                        studentId={s.id}
                        name={s.name}
                        classOptions={allClasses.options.filter((o) => o.value !== cls.id)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${s.name} from ${cls.name}`}
                        onClick={() => void remove.mutate({ classId: cls.id, studentId: s.id })}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
            {roster.data && roster.data.total > ROSTER_PAGE_SIZE && (
              <AdminListFooter
                page={rosterPage}
                pageSize={ROSTER_PAGE_SIZE}
                total={roster.data.total}
                onPage={setRosterPage}
                noun="students"
                nounOne="student"
              />
            )}
          </DrawerSection>
        </Stack>
      )}
    </>
  );
}

/** A part of the drawer under a rule: its heading (with a button beside it, if any) and its content. */
function DrawerSection({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Title order={3} size="h4">
      {title}
    </Title>
  );
  return (
    <>
      <Divider />
      <Stack gap="xs">
        {action === undefined ? (
          heading
        ) : (
          <Group justify="space-between">
            {heading}
            {action}
          </Group>
        )}
        {children}
      </Stack>
    </>
  );
}
