import {
  Accordion,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Pagination,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { NoticeDto } from '../../../../../shared/contract';
import { ConfirmDeleteModal } from '../../../components/confirm-delete-modal';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { refreshUnread } from '../../../stores/unread-store';
import { useQuery } from '../../../hooks/use-query';
import { pageCount } from '../../../lib/paging';
import { useSessionStore } from '../../../stores/session-store';
import { audienceText, formatWhen } from '../utils/audience';
import { NoticeComposeModal } from './notice-compose-modal';
import { NoticeEditModal } from './notice-edit-modal';

const PAGE_SIZE = 20;

/**
 * Notices for everyone, newest first: unread ones are marked and become read when opened. The admin writes
 * notices to teachers, students or both, and deletes them.
 */
export function NoticesPage() {
  const isAdmin = useSessionStore((s) => s.user?.role === 'admin');
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [opened, setOpened] = useState<string[]>([]);
  /** Marked read on this page since it loaded (the list answers the mark on its next load). */
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const [composing, setComposing] = useState(false);
  const [deleting, setDeleting] = useState<NoticeDto | null>(null);
  const [editing, setEditing] = useState<NoticeDto | null>(null);

  const list = useQuery('notices.list', {
    page,
    pageSize: PAGE_SIZE,
    ...(unreadOnly ? { unreadOnly } : {}),
  });
  // The admin has read everything they wrote; others see how many wait for them.
  const unread = useQuery('notices.list', isAdmin ? null : { unreadOnly: true, page: 1, pageSize: 1 });
  const unreadCount = unread.data ? Math.max(0, unread.data.total) : null;

  const markRead = useMutation('notices.markRead', { success: false });
  const remove = useMutation('notices.delete', {
    success: () => `"${deleting?.title ?? 'The notice'}" was deleted.`,
    invalidates: ['notices.'],
    onSuccess: () => setDeleting(null),
  });

  const items = list.data?.items ?? [];
  const isRead = (n: NoticeDto) => n.read || readHere.has(n.id);

  function onOpen(next: string[]): void {
    const newlyOpened = next.filter((id) => !opened.includes(id));
    setOpened(next);
    for (const id of newlyOpened) {
      const notice = items.find((n) => n.id === id);
      if (notice && !isRead(notice)) {
        setReadHere((s) => new Set(s).add(id));
        // Only the count reads again, not `notices.` (no `invalidates`): reloading the list would take the
        // notice just opened out of "Unread only".
        void markRead.mutate({ id }).then((answer) => {
          if (answer) {
            unread.refetch();
            void refreshUnread();
          } else
            setReadHere((s) => {
              const copy = new Set(s);
              copy.delete(id);
              return copy;
            });
        });
      }
    }
  }

  const total = list.data?.total ?? 0;
  const pages = pageCount(total, PAGE_SIZE);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Notices"
        description={
          isAdmin
            ? 'Notices you publish reach teachers, students or both. Newest first.'
            : unreadCount === null
              ? 'Notices from the office, newest first.'
              : unreadCount === 0
                ? 'Notices from the office, newest first. You have read them all.'
                : `Notices from the office, newest first. ${unreadCount} unread.`
        }
        actions={isAdmin && <Button onClick={() => setComposing(true)}>Write a notice</Button>}
      />

      <Group justify="space-between">
        {!isAdmin ? (
          <Switch
            label="Unread only"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.currentTarget.checked);
              setPage(1);
            }}
          />
        ) : (
          <span />
        )}
        <Group gap="xs">
          {list.loading && <Loader size="sm" role="status" aria-label="Loading notices" />}
          {list.data && (
            <Text size="sm" c="dimmed">
              {total === 1 ? '1 notice' : `${total} notices`}
            </Text>
          )}
        </Group>
      </Group>

      {list.error ? (
        <QueryError error={list.error} onRetry={list.refetch} what="the notices" />
      ) : list.data && items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="notices-empty">
          <Text fw={600}>{unreadOnly ? 'No unread notices' : 'No notices yet'}</Text>
          <Text size="sm" c="dimmed">
            {isAdmin
              ? 'Use "Write a notice" to tell teachers and students something.'
              : unreadOnly
                ? 'You have read every notice.'
                : 'Notices from the office will appear here.'}
          </Text>
        </Card>
      ) : (
        <Accordion
          multiple
          value={opened}
          onChange={onOpen}
          variant="separated"
          radius="md"
          chevronPosition="left"
          styles={{ item: { backgroundColor: 'var(--mantine-color-body)' } }}
        >
          {items.map((notice) => {
            const read = isRead(notice);
            return (
              <Accordion.Item
                key={notice.id}
                value={notice.id}
                data-testid="notice"
                data-read={read ? 'true' : 'false'}
                style={read ? undefined : { borderLeft: '4px solid var(--mantine-color-indigo-7)' }}
              >
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={2}>
                      <Text fw={read ? 500 : 700}>{notice.title}</Text>
                      <Text size="xs" c="dimmed">
                        {formatWhen(notice.createdAt)}
                        {isAdmin && ` · To ${audienceText(notice.audience).toLowerCase()}`}
                      </Text>
                    </Stack>
                    {!read && (
                      <Badge color="indigo" variant="filled" radius="sm" style={{ flexShrink: 0 }}>
                        Unread
                      </Badge>
                    )}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {notice.body}
                    </Text>
                    {notice.editedAt && (
                      <Text size="xs" c="dimmed">
                        Edited {formatWhen(notice.editedAt)}
                      </Text>
                    )}
                    {isAdmin || notice.editable ? (
                      <Group justify="flex-end">
                        {notice.editable && (
                          <Button size="xs" variant="subtle" onClick={() => setEditing(notice)}>
                            Edit notice
                          </Button>
                        )}
                        {isAdmin && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(notice)}>
                            Delete notice
                          </Button>
                        )}
                      </Group>
                    ) : (
                      <Text size="xs" c="dimmed">
                        For {audienceText(notice.audience).toLowerCase()}
                      </Text>
                    )}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      )}

      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({
              'aria-label': control === 'next' ? 'Next page' : 'Previous page',
            })}
            getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
          />
        </Group>
      )}

      <NoticeEditModal notice={editing} onClose={() => setEditing(null)} />
      {isAdmin && (
        <>
          <NoticeComposeModal
            opened={composing}
            onClose={() => setComposing(false)}
            onPublished={() => setPage(1)}
          />
          <ConfirmDeleteModal
            opened={deleting !== null}
            onClose={() => setDeleting(null)}
            title="Delete this notice?"
            loading={remove.loading}
            onConfirm={() => deleting && void remove.mutate({ id: deleting.id })}
          >
            {deleting ? `"${deleting.title}" will disappear for everyone who could read it.` : ''}
          </ConfirmDeleteModal>
        </>
      )}
    </Stack>
  );
}
