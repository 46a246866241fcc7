import { Badge, Button, Menu, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { UserDto } from '../../../../../shared/contract';
import { PAGE_SIZE_DEFAULT } from '../../../../../shared/domain';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { CodeCell, ListPage, NameCell } from '../../../components/list-page';
import { PageHeader } from '../../../components/page-header';
import { GradeFilter } from '../../../components/grade-filter';
import { useClassOptions } from '../../../hooks/use-admin-options';
import { useDeleteDialog } from '../../../hooks/use-delete-dialog';
import { useListPage } from '../../../hooks/use-list-page';
import { useMutation } from '../../../hooks/use-mutation';
import { ROLE_NAMES, formatDay, type TenantRole } from '../utils/person-form';
import { ImportModal } from './import-modal';
import { MoveToClassModal } from './move-to-class-modal';
import { PersonFormModal } from './person-form-modal';
import { ResetPasswordModal } from './reset-password-modal';

type RoleFilter = 'all' | TenantRole;
type ActiveFilter = 'all' | 'active' | 'inactive';

const ROLE_FILTERS = [
  { value: 'all', label: 'Teachers and students' },
  { value: 'teacher', label: 'Teachers' },
  { value: 'student', label: 'Students' },
];
const ACTIVE_FILTERS = [
  { value: 'all', label: 'Active and inactive' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
];
const PAGE_SIZES = ['10', '25', '50', '100'];
/** A class's id, NO_CLASS (students still to be placed), or null for everyone. */
const NO_CLASS = 'none';
const ALL_PEOPLE: { role: RoleFilter; active: ActiveFilter; classId: string | null; grade: string | null } = {
  role: 'all',
  active: 'all',
  classId: null,
  grade: null,
};

/** Teachers and students: a table paged on the server, with search and filters, and every action on a person. */
export function PeoplePage() {
  const list = useListPage('users.list', {
    filters: ALL_PEOPLE,
    toInput: ({ role, active, classId, grade }) => ({
      ...(role !== 'all' ? { role } : {}),
      ...(active !== 'all' ? { isActive: active === 'active' } : {}),
      ...(classId === NO_CLASS ? { withoutClass: true } : classId ? { classId } : {}),
      ...(grade && classId !== NO_CLASS ? { grade: Number(grade) } : {}),
    }),
    // Next and previous pages are read beside the rows shown (name, then id: the list's order).
    cursorOf: (person) => ({ name: person.name, id: person.id }),
  });
  const classes = useClassOptions();
  const [moving, setMoving] = useState<UserDto | null>(null);

  const [creating, setCreating] = useState<TenantRole | null>(null);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [importing, setImporting] = useState(false);

  const update = useMutation('users.update', {
    success: (user) => (user.isActive ? `${user.name} can sign in again.` : `${user.name} was deactivated.`),
    invalidates: ['users.'],
  });
  const remove = useDeleteDialog('users.delete', {
    success: (person: UserDto) => `${person.name} was deleted.`,
    invalidates: ['users.'],
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title="People"
        description="Teachers and students of your school: their accounts, details and passwords."
        actions={
          <>
            <Button variant="default" onClick={() => setImporting(true)}>
              Import CSV
            </Button>
            <Button variant="light" onClick={() => setCreating('teacher')}>
              Add teacher
            </Button>
            <Button onClick={() => setCreating('student')}>Add student</Button>
          </>
        }
      />

      <ListPage
        list={list}
        searchPlaceholder="Name or username"
        filters={
          <>
            <Select
              label="Role"
              data={ROLE_FILTERS}
              value={list.filters.role}
              allowDeselect={false}
              onChange={(v) => list.setFilter('role', (v as RoleFilter | null) ?? 'all')}
              w={220}
            />
            <Select
              label="Class"
              placeholder="All classes"
              data={[{ value: NO_CLASS, label: 'In no class' }, ...classes.options]}
              value={list.filters.classId}
              clearable
              searchable
              onChange={(v) => list.setFilter('classId', v)}
              w={200}
            />
            <GradeFilter value={list.filters.grade} onChange={(v) => list.setFilter('grade', v)} />
            <Select
              label="Status"
              data={ACTIVE_FILTERS}
              value={list.filters.active}
              allowDeselect={false}
              onChange={(v) => list.setFilter('active', (v as ActiveFilter | null) ?? 'all')}
              w={200}
            />
            <Select
              label="Rows per page"
              data={PAGE_SIZES}
              value={String(list.pageSize)}
              allowDeselect={false}
              onChange={(v) => list.setPageSize(Number(v ?? PAGE_SIZE_DEFAULT))}
              w={130}
            />
          </>
        }
        empty={{
          testId: 'people-empty',
          none: {
            title: 'No teachers or students yet',
            hint: 'Add them one by one, or import a CSV file with many at once.',
          },
          noMatch: { title: 'Nobody matches', hint: 'Try another search or filter.' },
        }}
        tableLabel="Teachers and students"
        minWidth={860}
        columns={['Name', 'Username', 'Role', 'Class', 'Contact', 'Joined', 'Status']}
        noun="people"
        nounOne="person"
        cells={(person) => (
          <>
            <NameCell>{person.name}</NameCell>
            <CodeCell>{person.username}</CodeCell>
            <Table.Td>
              <Badge variant="outline" color={person.role === 'teacher' ? 'grape' : 'blue'}>
                {ROLE_NAMES[person.role]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={person.className ? undefined : 'dimmed'}>
                {person.role === 'teacher' ? '' : (person.className ?? 'No class')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{person.email ?? '—'}</Text>
              {person.phone && (
                <Text size="xs" c="dimmed">
                  {person.phone}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDay(person.joiningDate)}</Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="dot" color={person.isActive ? 'teal' : 'gray'}>
                {person.isActive ? 'Active' : 'Inactive'}
              </Badge>
            </Table.Td>
          </>
        )}
        menuLabel={(person) => `Manage ${person.name}`}
        menu={(person) => (
          <>
            <Menu.Item onClick={() => setEditing(person)}>Edit details</Menu.Item>
            {person.role === 'student' && (
              <Menu.Item onClick={() => setMoving(person)}>
                {person.classId ? 'Move to another class' : 'Place in a class'}
              </Menu.Item>
            )}
            <Menu.Item onClick={() => setResetting(person)}>Reset password</Menu.Item>
            <Menu.Item onClick={() => void update.mutate({ id: person.id, isActive: !person.isActive })}>
              {person.isActive ? 'Deactivate' : 'Reactivate'}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => remove.ask(person)}>
              Delete
            </Menu.Item>
          </>
        )}
      />

      <PersonFormModal
        opened={creating !== null || editing !== null}
        onClose={() => {
          setCreating(null);
          setEditing(null);
        }}
        person={editing}
        defaultRole={creating ?? 'student'}
        onSaved={() => {
          setCreating(null);
          setEditing(null);
        }}
      />
      <ResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
      <MoveToClassModal student={moving} onClose={() => setMoving(null)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      <AdminConfirmDeleteModal dialog={remove}>
        {(person) => (
          <Text size="sm">
            {person.name} ({ROLE_NAMES[person.role].toLowerCase()}, username{' '}
            <Text span ff="monospace" size="sm">
              {person.username}
            </Text>
            ) loses their account, and is taken out of every class, subject and timetable entry. This cannot
            be undone; to keep their history, deactivate them instead.
          </Text>
        )}
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
