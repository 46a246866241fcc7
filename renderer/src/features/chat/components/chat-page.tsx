/**
 * The chat page of every workspace: the people this user may chat with on the left (unread badges kept fresh by
 * polling), the open conversation on the right. On a narrow window one of the two shows at a time.
 * `#/<role>/chat/<userId>` opens that conversation.
 */
import { Badge, Box, Center, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { Role } from '../../../../../shared/roles';
import { PageHeader } from '../../../components/page-header';
import { LastSeenNotice } from '../../../components/last-seen-notice';
import { useRoute } from '../../../stores/route-store';
import { useSessionStore } from '../../../stores/session-store';
import { useConversations } from '../hooks/use-conversations';
import { ConversationList } from './conversation-list';
import { ThreadPanel } from './thread-panel';

const DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'Messages and voice notes with your teachers.',
  teacher: 'Messages and voice notes with your students and the school office.',
  student: 'Messages and voice notes with your teachers.',
};

export function ChatPage() {
  const user = useSessionStore((s) => s.user);
  const route = useRoute();
  const [selectedId, setSelectedId] = useState<string | null>(route?.rest?.[0] ?? null);
  const conversations = useConversations();
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;

  if (!user) return null;
  const selected = conversations.items?.find((c) => c.userId === selectedId) ?? null;
  const showList = !narrow || selected === null;
  const showThread = !narrow || selected !== null;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Chat"
        description={DESCRIPTIONS[user.role]}
        actions={
          conversations.totalUnread > 0 ? (
            <Badge size="lg" variant="light" data-testid="total-unread">
              {conversations.totalUnread} unread
            </Badge>
          ) : undefined
        }
      />
      <LastSeenNotice channels={['messages.conversations', 'messages.thread']} />
      <Paper
        withBorder
        radius="md"
        h="calc(100dvh - 210px)"
        mih={460}
        style={{ display: 'flex', overflow: 'hidden' }}
      >
        {showList && (
          <Box
            component="nav"
            aria-label="People you can chat with"
            w={narrow ? '100%' : 300}
            style={{
              flexShrink: 0,
              borderRight: narrow ? undefined : '1px solid var(--mantine-color-default-border)',
            }}
            bg="var(--mantine-color-body)"
          >
            <ConversationList
              items={conversations.items}
              error={conversations.error}
              loading={conversations.loading}
              onRetry={conversations.refetch}
              selectedId={selected?.userId ?? null}
              onSelect={setSelectedId}
              myId={user.id}
              myRole={user.role}
            />
          </Box>
        )}
        {showThread && (
          <Box flex={1} miw={0} bg="var(--mantine-color-body)">
            {selected ? (
              <ThreadPanel
                key={selected.userId}
                partner={selected}
                myId={user.id}
                onActivity={conversations.refetch}
                {...(narrow ? { onBack: () => setSelectedId(null) } : {})}
              />
            ) : (
              <Center h="100%" p="xl" data-testid="no-conversation">
                <Stack gap={4} align="center">
                  <Text fw={600}>Choose someone to chat with</Text>
                  <Text size="sm" c="dimmed" ta="center">
                    Pick a person on the left to read and write messages or send a voice note.
                  </Text>
                </Stack>
              </Center>
            )}
          </Box>
        )}
      </Paper>
    </Stack>
  );
}
