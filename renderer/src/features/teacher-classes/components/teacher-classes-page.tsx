import { Accordion, Anchor, Badge, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { useSessionStore } from '../../../stores/session-store';
import { ClassStudents } from './class-students';

/** The classes a teacher leads or teaches, each with its students and a way to its analytics. */
export function TeacherClassesPage() {
  const me = useSessionStore((s) => s.user?.id);
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  const [opened, setOpened] = useState<string[] | null>(null);
  const items = classes.data?.items ?? [];
  // The first class is open until the teacher opens or closes any.
  const open = opened ?? (items[0] ? [items[0].id] : []);

  return (
    <Stack gap="lg">
      <PageHeader title="Classes" description="The classes you lead or teach, with their students." />
      {classes.error ? (
        <QueryError error={classes.error} onRetry={classes.refetch} what="your classes" />
      ) : !classes.data ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <Text fw={600}>You have no classes yet</Text>
          <Text size="sm" c="dimmed">
            A class appears here when the office makes you its class teacher or gives you lessons with it in
            the timetable.
          </Text>
        </Card>
      ) : (
        <Accordion multiple value={open} onChange={setOpened} variant="separated" radius="md">
          {items.map((c) => (
            <Accordion.Item key={c.id} value={c.id} bg="var(--mantine-color-body)">
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" pr="sm">
                  <Stack gap={0}>
                    <Text fw={600}>{c.name}</Text>
                    <Text size="xs" c="dimmed">
                      Grade {c.grade}, section {c.section}
                      {c.teacher ? ` · class teacher ${c.teacher.name}` : ''}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    {c.teacherId === me && (
                      <Badge variant="outline" color="teal">
                        Your class
                      </Badge>
                    )}
                    <Badge variant="outline" color="gray">
                      {c.studentCount} / {c.maxStudents} students
                    </Badge>
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <Group justify="space-between" align="flex-start">
                    <Group gap={6}>
                      {c.subjects.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          No subjects listed.
                        </Text>
                      ) : (
                        c.subjects.map((s) => (
                          <Badge key={s} variant="outline" color="gray" tt="none">
                            {s}
                          </Badge>
                        ))
                      )}
                    </Group>
                    <Anchor
                      href={hrefOf({ workspace: 'teacher', page: 'analytics', rest: [c.id] })}
                      size="sm"
                    >
                      Analytics of {c.name}
                    </Anchor>
                  </Group>
                  {open.includes(c.id) && <ClassStudents classId={c.id} className={c.name} />}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
