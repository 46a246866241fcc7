import {
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AllChannelInput, UserDto } from '../../../../../shared/contract';
import { PAGE_SIZE_DEFAULT } from '../../../../../shared/domain';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { AdminListFooter } from '../../../components/admin-list-footer';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { ROLE_NAMES, formatDay, type TenantRole } from '../utils/person-form';
import { ImportModal } from './import-modal';
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

/** Teachers and students: a table paged on the server, with search and filters, and every action on a person. */
export function PeoplePage() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<RoleFilter>('all');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE_DEFAULT);

  const [creating, setCreating] = useState<TenantRole | null>(null);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [deleting, setDeleting] = useState<UserDto | null>(null);
  const [importing, setImporting] = useState(false);

  const input: AllChannelInput<'users.list'> = {
    page,
    pageSize,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(role !== 'all' ? { role } : {}),
    ...(active !== 'all' ? { isActive: active === 'active' } : {}),
  };
  const { data, error, loading, refetch } = useQuery('users.list', input);

  const update = useMutation('users.update', {
    success: (user) => (user.isActive ? `${user.name} can sign in again.` : `${user.name} was deactivated.`),
    invalidates: ['users.'],
  });
  const remove = useMutation('users.delete', {
    success: () => `${deleting?.name ?? 'The person'} was deleted.`,
    invalidates: ['users.'],
    onSuccess: () => setDeleting(null),
  });

  // A filter change starts again at page 1.
  function filtered<T>(set: (value: T) => void): (value: T) => void {
    return (value) => {
      set(value);
      setPage(1);
    };
  }

  const people = data?.items ?? [];
  const filtering = debouncedSearch !== '' || role !== 'all' || active !== 'all';

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

      <Card withBorder radius="md" padding="md">
        <Group gap="md" align="flex-end" wrap="wrap" mb="md">
          <TextInput
            label="Search"
            placeholder="Name or username"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: '1 1 240px' }}
            type="search"
          />
          <Select
            label="Role"
            data={ROLE_FILTERS}
            value={role}
            allowDeselect={false}
            onChange={filtered((v: string | null) => setRole((v as RoleFilter | null) ?? 'all'))}
            w={220}
          />
          <Select
            label="Status"
            data={ACTIVE_FILTERS}
            value={active}
            allowDeselect={false}
            onChange={filtered((v: string | null) => setActive((v as ActiveFilter | null) ?? 'all'))}
            w={200}
          />
          <Select
            label="Rows per page"
            data={PAGE_SIZES}
            value={String(pageSize)}
            allowDeselect={false}
            onChange={filtered((v: string | null) => setPageSize(Number(v ?? PAGE_SIZE_DEFAULT)))}
            w={130}
          />
        </Group>

        {error ? (
          <QueryError error={error} onRetry={refetch} what="the people" />
        ) : data && people.length === 0 ? (
          <EmptyState
            title={filtering ? 'Nobody matches' : 'No teachers or students yet'}
            hint={
              filtering
                ? 'Try another search or filter.'
                : 'Add them one by one, or import a CSV file with many at once.'
            }
            testId="people-empty"
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table
              highlightOnHover
              verticalSpacing="sm"
              aria-label="Teachers and students"
              aria-busy={loading}
              style={{ opacity: loading && data ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Username</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Contact</Table.Th>
                  <Table.Th scope="col">Joined</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!data && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text size="sm" c="dimmed" py="md" ta="center">
                        Loading…
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {people.map((person) => (
                  <Table.Tr key={person.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {person.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {person.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={person.role === 'teacher' ? 'grape.9' : 'blue.9'}>
                        {ROLE_NAMES[person.role]}
                      </Badge>
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
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal shadow="md">
                        <Menu.Target>
                          <Button size="xs" variant="default" aria-label={`Manage ${person.name}`}>
                            Manage
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(person)}>Edit details</Menu.Item>
                          <Menu.Item onClick={() => setResetting(person)}>Reset password</Menu.Item>
                          <Menu.Item
                            onClick={() => void update.mutate({ id: person.id, isActive: !person.isActive })}
                          >
                            {person.isActive ? 'Deactivate' : 'Reactivate'}
                          </Menu.Item>
                          <Menu.Divider />
                          <Menu.Item color="red" onClick={() => setDeleting(person)}>
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data && data.total > 0 && (
          <AdminListFooter
            page={page}
            pageSize={pageSize}
            total={data.total}
            onPage={setPage}
            noun="people"
            nounOne="person"
          />
        )}
      </Card>

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
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      <AdminConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete'}
        confirmLabel={deleting ? `Delete ${deleting.name}` : 'Delete'}
        loading={remove.loading}
        onConfirm={() => (deleting ? remove.mutate({ id: deleting.id }) : undefined)}
      >
        {deleting && (
          <Text size="sm">
            {deleting.name} ({ROLE_NAMES[deleting.role].toLowerCase()}, username{' '}
            <Text span ff="monospace" size="sm">
              {deleting.username}
            </Text>
            ) loses their account, and is taken out of every class, subject and timetable entry. This cannot
            be undone; to keep their history, deactivate them instead.
          </Text>
        )}
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
