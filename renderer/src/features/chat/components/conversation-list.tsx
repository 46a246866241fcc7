/** Everyone the user may chat with: name, role, the last message, unread count; a filter by name. */
import {
  Avatar,
  Badge,
  Box,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { ConversationDto } from '../../../../../shared/contract/messages';
import type { Role } from '../../../../../shared/roles';
import { QueryError } from '../../../components/query-error';
import type { ApiClientError } from '../../../lib/api-client';
import { ROLE_LABELS } from '../../../lib/routes';
import { formatMessageTime, initials } from '../utils/format';
import classes from './chat.module.css';
import { PreviewText } from './message-bubble';

export interface ConversationListProps {
  items: ConversationDto[] | undefined;
  error: ApiClientError | null;
  loading: boolean;
  onRetry: () => void;
  selectedId: string | null;
  onSelect: (userId: string) => void;
  myId: string;
  myRole: Role;
}

const EMPTY_HINTS: Readonly<Record<Role, string>> = {
  admin: 'Teachers appear here once they are added on the People page.',
  teacher: 'The office and the students of your classes appear here once you teach a class.',
  student: 'Your teachers appear here once you are enrolled in a class.',
};

export function ConversationList(props: ConversationListProps) {
  const { items, error, loading, onRetry, selectedId, onSelect, myId, myRole } = props;
  const [filter, setFilter] = useState('');

  if (error && !items) {
    return (
      <Box p="sm">
        <QueryError error={error} onRetry={onRetry} what="your conversations" />
      </Box>
    );
  }
  if (loading || !items) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Loading conversations…
        </Text>
      </Group>
    );
  }
  if (items.length === 0) {
    return (
      <Stack gap={4} p="md" data-testid="conversations-empty">
        <Text fw={600}>No one to chat with yet</Text>
        <Text size="sm" c="dimmed">
          {EMPTY_HINTS[myRole]}
        </Text>
      </Stack>
    );
  }

  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? items.filter((c) => c.name.toLocaleLowerCase().includes(needle)) : items;

  return (
    <Stack gap={0} h="100%" mih={0}>
      {items.length > 6 && (
        <Box p="xs" pb={4}>
          <TextInput
            size="sm"
            placeholder="Find a person"
            aria-label="Find a person"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
        </Box>
      )}
      <ScrollArea flex={1} type="auto" viewportProps={{ tabIndex: -1 }}>
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            No one matches “{filter.trim()}”.
          </Text>
        ) : (
          <Box component="ul" m={0} p={4} style={{ listStyle: 'none' }} aria-label="Conversations">
            {shown.map((c) => (
              <li key={c.userId}>
                <ConversationRow
                  conversation={c}
                  selected={c.userId === selectedId}
                  mine={c.lastMessage?.senderId === myId}
                  onSelect={() => onSelect(c.userId)}
                />
              </li>
            ))}
          </Box>
        )}
      </ScrollArea>
    </Stack>
  );
}

interface ConversationRowProps {
  conversation: ConversationDto;
  selected: boolean;
  mine: boolean;
  onSelect: () => void;
}

function ConversationRow({ conversation: c, selected, mine, onSelect }: ConversationRowProps) {
  const last = c.lastMessage;
  return (
    <UnstyledButton
      className={classes.conversation}
      onClick={onSelect}
      aria-current={selected}
      data-testid="conversation"
      data-user-id={c.userId}
      data-unread={c.unread}
    >
      <Group gap="sm" wrap="nowrap" align="center">
        <Avatar color="indigo" radius="xl" size="md" aria-hidden>
          {initials(c.name)}
        </Avatar>
        <Box flex={1} miw={0}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="sm" fw={c.unread > 0 ? 700 : 600} truncate>
              {c.name}
            </Text>
            {last && (
              <Text
                size="xs"
                c="dimmed"
                component="time"
                dateTime={last.timestamp.toISOString()}
                style={{ flexShrink: 0 }}
              >
                {formatMessageTime(last.timestamp)}
              </Text>
            )}
          </Group>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed" truncate>
              {last ? (
                <>
                  {mine ? 'You: ' : ''}
                  <PreviewText preview={last} />
                </>
              ) : (
                ROLE_LABELS[c.role]
              )}
            </Text>
            {/* The open conversation is being read: no badge for it. */}
            {c.unread > 0 && !selected && (
              <Badge
                size="sm"
                circle={c.unread < 10}
                color="indigo"
                data-testid="unread-badge"
                style={{ flexShrink: 0 }}
              >
                {c.unread}
                <VisuallyHidden> unread</VisuallyHidden>
              </Badge>
            )}
          </Group>
          {last && <VisuallyHidden>{ROLE_LABELS[c.role]}</VisuallyHidden>}
        </Box>
      </Group>
    </UnstyledButton>
  );
}
