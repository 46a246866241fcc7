/** One message: the quoted message it replies to, its text or voice note, its time, and (mine) its receipt. */
import { ActionIcon, Box, Group, Paper, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MessageDto, MessagePreview } from '../../../../../shared/contract/messages';
import { formatMessageTime } from '../utils/format';
import { receiptOf } from '../utils/messages';
import { MicIcon, ReplyIcon } from './chat-icons';
import { VoicePlayer } from './voice-player';

export interface MessageBubbleProps {
  message: MessageDto;
  mine: boolean;
  partnerName: string;
  onReply: (message: MessageDto) => void;
  /** Deletes one of the caller's own messages (absent: no delete button). */
  onDelete?: (message: MessageDto) => void;
}

type PreviewParts = Pick<MessagePreview, 'messageType' | 'preview' | 'deleted'>;

/** A message in a line: the start of its text, a microphone and "Voice note", or "Message deleted". */
export function PreviewText({ preview }: { preview: PreviewParts }) {
  if (preview.deleted) return <i>Message deleted</i>;
  if (preview.messageType !== 'audio') return <>{preview.preview}</>;
  return (
    <>
      <span style={{ verticalAlign: '-2px', marginRight: 2 }}>
        <MicIcon size={12} />
      </span>
      Voice note
    </>
  );
}

export function QuotedMessage({ author, preview }: { author: string; preview: PreviewParts }) {
  return (
    <Box
      pl="xs"
      py={2}
      mb={6}
      style={{
        borderLeft: '3px solid var(--mantine-color-indigo-6)',
        background: 'var(--mantine-color-default-hover)',
        borderRadius: 4,
      }}
      data-testid="quoted-message"
    >
      <Text size="xs" fw={600} c="indigo">
        <VisuallyHidden>In reply to </VisuallyHidden>
        {author}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        <PreviewText preview={preview} />
      </Text>
    </Box>
  );
}

export function MessageBubble({ message, mine, partnerName, onReply, onDelete }: MessageBubbleProps) {
  const author = mine ? 'You' : partnerName;
  const quoted = message.replyPreview;
  const quotedAuthor = quoted
    ? quoted.senderId === message.senderId
      ? author
      : mine
        ? partnerName
        : 'You'
    : '';
  const receipt = receiptOf(message);
  const replyLabel = `Reply to ${mine ? 'your' : `${partnerName}’s`} message`;

  const remove =
    mine && onDelete && !message.deleted ? (
      <BubbleAction tip="Delete" label="Delete your message" onClick={() => onDelete(message)}>
        <span aria-hidden>🗑</span>
      </BubbleAction>
    ) : null;

  const reply = message.deleted ? null : (
    <BubbleAction tip="Reply" label={replyLabel} onClick={() => onReply(message)}>
      <ReplyIcon size={16} />
    </BubbleAction>
  );

  return (
    <Group
      justify={mine ? 'flex-end' : 'flex-start'}
      gap={4}
      wrap="nowrap"
      align="center"
      data-testid="message"
      data-mine={mine}
      data-message-id={message.id}
      data-type={message.messageType}
      data-deleted={message.deleted === true}
    >
      {remove}
      {mine && reply}
      <Paper
        px="sm"
        py={6}
        radius="lg"
        maw="75%"
        shadow="xs"
        bg={mine ? 'var(--crm-highlight)' : 'var(--mantine-color-body)'}
        withBorder={!mine}
        style={mine ? { borderBottomRightRadius: 4 } : { borderBottomLeftRadius: 4 }}
      >
        <Stack gap={2}>
          <VisuallyHidden>{mine ? 'You wrote' : `${partnerName} wrote`}</VisuallyHidden>
          {quoted && <QuotedMessage author={quotedAuthor} preview={quoted} />}
          {message.replyTo && !quoted && (
            <Text size="xs" c="dimmed" fs="italic" mb={4}>
              Replying to a message that was deleted
            </Text>
          )}
          {message.deleted ? (
            <Text size="sm" fs="italic" c="dimmed" data-testid="message-text">
              Message deleted
            </Text>
          ) : message.messageType === 'audio' && message.audioFileId ? (
            <VoicePlayer fileId={message.audioFileId} owner={mine ? 'Your' : `${partnerName}’s`} />
          ) : (
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              data-testid="message-text"
            >
              {message.message}
            </Text>
          )}
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Text size="xs" c="dimmed" component="time" dateTime={message.timestamp.toISOString()}>
              {formatMessageTime(message.timestamp)}
            </Text>
            {mine && (
              <Text
                size="xs"
                fw={700}
                c={receipt === 'read' ? 'indigo' : 'dimmed'}
                data-testid="receipt"
                data-state={receipt}
              >
                <span aria-hidden>{receipt === 'read' ? '✓✓' : '✓'}</span>
                <VisuallyHidden>{receipt === 'read' ? 'Read' : 'Sent'}</VisuallyHidden>
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>
      {!mine && reply}
    </Group>
  );
}

/** A quiet icon button beside a bubble (reply, delete), with its tooltip. */
function BubbleAction({
  tip,
  label,
  onClick,
  children,
}: {
  tip: string;
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip label={tip} openDelay={400}>
      <ActionIcon variant="subtle" color="gray" size="md" onClick={onClick} aria-label={label}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
