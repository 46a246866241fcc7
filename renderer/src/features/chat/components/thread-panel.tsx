/**
 * One conversation: its messages (newest at the bottom, "load earlier" above them), new ones arriving by
 * polling, and the composer. The view follows new messages unless the reader scrolled up; then a button
 * offers to jump down.
 */
import {
  Avatar,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Menu,
  ScrollArea,
  Stack,
  Text,
  ActionIcon,
} from '@mantine/core';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConversationDto, MessageDto } from '../../../../../shared/contract/messages';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { ROLE_LABELS } from '../../../lib/routes';
import { useThread } from '../hooks/use-thread';
import { dayKey, formatDayLabel, initials } from '../utils/format';
import { ArrowDownIcon } from './chat-icons';
import { Composer } from './composer';
import { MessageBubble } from './message-bubble';

export interface ThreadPanelProps {
  partner: ConversationDto;
  myId: string;
  /** Something changed in this conversation (a new message): the list's previews are out of date. */
  onActivity: () => void;
  /** On narrow screens: back to the list. */
  onBack?: () => void;
}

/** How close to the bottom (px) still counts as "at the bottom". */
const STICKY_PX = 64;

export function ThreadPanel({ partner, myId, onActivity, onBack }: ThreadPanelProps) {
  const thread = useThread(partner.userId);
  const { messages, loaded, hasMore, loadingEarlier, error } = thread;
  const viewport = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** Set just before "load earlier": where the view was, to keep the same messages in view after. */
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const shownEdges = useRef<{ first: string | null; last: string | null }>({ first: null, last: null });
  const [newBelow, setNewBelow] = useState(false);
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);

  const first = messages[0]?.id ?? null;
  const newest = messages[messages.length - 1];
  const last = newest?.id ?? null;

  const scrollToBottom = useCallback((smooth = false) => {
    const el = viewport.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    atBottom.current = true;
    setNewBelow(false);
  }, []);

  // Where the view goes when messages change: earlier ones keep the place, new ones follow if at the bottom.
  useLayoutEffect(() => {
    const el = viewport.current;
    const before = shownEdges.current;
    shownEdges.current = { first, last };
    if (!el || last === null) return;
    if (anchor.current && before.last === last && before.first !== first) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
      return;
    }
    if (before.last === last) return;
    if (before.last === null || atBottom.current || newest?.senderId === myId) scrollToBottom();
    else setNewBelow(true);
  }, [first, last, newest?.senderId, myId, scrollToBottom]);

  // A new message in this conversation (not the first page): the conversation list's preview follows.
  const seenLast = useRef<string | null>(null);
  useEffect(() => {
    if (last === null) return;
    if (seenLast.current !== null && seenLast.current !== last) onActivity();
    seenLast.current = last;
  }, [last, onActivity]);

  async function loadEarlier(): Promise<void> {
    const el = viewport.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    await thread.loadEarlier();
  }

  const reply = useCallback((message: MessageDto) => setReplyTo(message), []);
  const { addSent, retry } = thread;
  const removeMessage = useMutation('messages.delete', {
    success: 'Message deleted.',
    invalidates: ['messages.conversations'],
  });
  const remove = useCallback(
    async (message: MessageDto) => {
      const done = await removeMessage.mutate({ id: message.id });
      // Shown as deleted at once; the partner sees it at their next poll.
      if (done) addSent({ ...message, deleted: true, message: undefined, audioFileId: undefined });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mutate is stable in intent; the hook object is not
    [addSent],
  );
  const clear = useMutation('messages.clear', {
    success: `The conversation was cleared for you; ${partner.name} still has it.`,
    invalidates: ['messages.'],
    onSuccess: () => {
      retry();
      onActivity();
    },
  });

  let body;
  if (error && !loaded) {
    body = (
      <Box p="md">
        <QueryError error={error} onRetry={thread.retry} what={`your messages with ${partner.name}`} />
      </Box>
    );
  } else if (!loaded) {
    body = (
      <Center h="100%" role="status">
        <Loader size="sm" />
        <Text size="sm" c="dimmed" ml="sm">
          Loading messages…
        </Text>
      </Center>
    );
  } else if (messages.length === 0) {
    body = (
      <Center h="100%" p="xl" data-testid="thread-empty">
        <Stack gap={4} align="center">
          <Text fw={600}>No messages yet</Text>
          <Text size="sm" c="dimmed" ta="center">
            Write to {partner.name} below, or record a voice note.
          </Text>
        </Stack>
      </Center>
    );
  } else {
    body = (
      <Stack gap="xs" p="md">
        {hasMore && (
          <Center>
            <Button variant="light" size="xs" onClick={() => void loadEarlier()} loading={loadingEarlier}>
              Load earlier messages
            </Button>
          </Center>
        )}
        {messages.map((m, i) => {
          const previous = messages[i - 1];
          const heading = !previous || dayKey(previous.timestamp) !== dayKey(m.timestamp);
          return (
            <Fragment key={m.id}>
              {heading && (
                <Divider
                  label={formatDayLabel(m.timestamp)}
                  labelPosition="center"
                  my={4}
                  styles={{ label: { color: 'var(--mantine-color-dimmed)' } }}
                />
              )}
              <MessageBubble
                message={m}
                mine={m.senderId === myId}
                partnerName={partner.name}
                onReply={reply}
                onDelete={(message) => void remove(message)}
              />
            </Fragment>
          );
        })}
      </Stack>
    );
  }

  return (
    <Stack gap={0} h="100%" mih={0} data-testid="thread" data-partner-id={partner.userId}>
      <Group
        gap="sm"
        px="md"
        py="xs"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        wrap="nowrap"
      >
        {onBack && (
          <Button variant="subtle" size="compact-sm" onClick={onBack}>
            ← Back
          </Button>
        )}
        <Avatar color="indigo" radius="xl" aria-hidden>
          {initials(partner.name)}
        </Avatar>
        <Box miw={0}>
          <Text fw={650} component="h2" size="md" m={0} truncate>
            {partner.name}
          </Text>
          <Text size="xs" c="dimmed">
            {ROLE_LABELS[partner.role]}
          </Text>
        </Box>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="subtle" size="compact-sm" ml="auto" aria-label="Conversation options">
              ⋯
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void clear.mutate({ userId: partner.userId })}>
              Clear this conversation for you
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Box flex={1} mih={0} pos="relative" bg="var(--crm-page-bg)">
        <ScrollArea
          h="100%"
          type="auto"
          viewportRef={viewport}
          viewportProps={{
            tabIndex: 0,
            role: 'log',
            'aria-label': `Messages with ${partner.name}`,
          }}
          onScrollPositionChange={({ y }) => {
            const el = viewport.current;
            if (!el) return;
            atBottom.current = el.scrollHeight - y - el.clientHeight < STICKY_PX;
            if (atBottom.current) setNewBelow(false);
          }}
        >
          {body}
        </ScrollArea>
        {newBelow && (
          <ActionIcon
            pos="absolute"
            bottom={12}
            right={20}
            radius="xl"
            size="lg"
            onClick={() => scrollToBottom(true)}
            aria-label="New messages: go to the newest"
            data-testid="new-messages"
          >
            <ArrowDownIcon size={18} />
          </ActionIcon>
        )}
      </Box>
      <Composer
        partnerId={partner.userId}
        partnerName={partner.name}
        myId={myId}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        onSent={(m) => {
          thread.addSent(m);
          onActivity();
        }}
      />
    </Stack>
  );
}
