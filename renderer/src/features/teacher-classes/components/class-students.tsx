import { Skeleton, Table, Text } from '@mantine/core';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';

export interface ClassStudentsProps {
  classId: string;
  className: string;
}

/** The students enrolled in a class (the teacher's view: name, username, email). */
export function ClassStudents({ classId, className }: ClassStudentsProps) {
  const students = useQuery('users.list', { classId, role: 'student', pageSize: 100 }, []);

  if (students.error) {
    return (
      <QueryError error={students.error} onRetry={students.refetch} what={`the students of ${className}`} />
    );
  }
  if (!students.data) return <Skeleton h={80} />;
  if (students.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No students are enrolled in {className} yet.
      </Text>
    );
  }
  const { total } = students.data;
  // Roll-number order, as the register (those without a number last, by name).
  const items = [...students.data.items].sort(
    (a, b) => (a.rollNumber ?? Infinity) - (b.rollNumber ?? Infinity) || a.name.localeCompare(b.name),
  );
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped highlightOnHover aria-label={`Students of ${className}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Roll no.</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Username</Table.Th>
            <Table.Th>Email</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.rollNumber ?? '—'}</Table.Td>
              <Table.Td>
                {s.name}
                {!s.isActive && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    (inactive)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{s.username}</Table.Td>
              <Table.Td>{s.email ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {total > items.length && (
          <Table.Caption>
            Showing {items.length} of {total} students.
          </Table.Caption>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
