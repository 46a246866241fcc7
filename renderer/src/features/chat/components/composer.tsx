/**
 * Writing to someone: text (Enter sends, Shift+Enter starts a new line), emoji, a reply's quote above the field,
 * and voice notes (record, then upload with files.upload and send with its id).
 */
import { ActionIcon, Box, CloseButton, Group, Loader, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageDto } from '../../../../../shared/contract/messages';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import { uploadFile } from '../../../lib/file-transfer';
import { notifyError } from '../../../lib/notify';
import { useVoiceRecorder } from '../hooks/use-voice-recorder';
import { insertAt } from '../utils/emoji';
import { recordingFileName } from '../utils/recorder';
import { MicIcon, SendIcon } from './chat-icons';
import { EmojiPicker } from './emoji-picker';
import { QuotedMessage } from './message-bubble';
import { VoiceRecorderBar } from './voice-recorder-bar';

export interface ComposerProps {
  partnerId: string;
  partnerName: string;
  replyTo: MessageDto | null;
  /** The id of the signed-in user (whose quoted messages read "You"). */
  myId: string;
  onCancelReply: () => void;
  onSent: (message: MessageDto) => void;
}

const MAX = TEXT_LIMITS.message;

export function Composer({ partnerId, partnerName, replyTo, myId, onCancelReply, onSent }: ComposerProps) {
  const form = useForm({
    initialValues: { message: '' },
    validate: {
      message: (v) => (v.trim().length > MAX ? `At most ${MAX} characters.` : null),
    },
  });
  const field = useRef<HTMLTextAreaElement>(null);
  const recorder = useVoiceRecorder();
  const [sendingVoice, setSendingVoice] = useState(false);
  const send = useMutation('messages.send', { success: false, form });

  // Choosing a message to reply to puts the caret in the field.
  const replyId = replyTo?.id;
  useEffect(() => {
    if (replyId) field.current?.focus();
  }, [replyId]);

  function sent(message: MessageDto): void {
    onSent(message);
    onCancelReply();
  }

  async function sendText(): Promise<void> {
    if (send.loading) return;
    if (form.validate().hasErrors) return;
    const text = form.getValues().message.trim();
    if (text === '') return;
    const message = await send.mutate({
      receiverId: partnerId,
      message: text,
      ...(replyTo ? { replyTo: replyTo.id } : {}),
    });
    if (message) {
      form.reset();
      sent(message);
      field.current?.focus();
    }
  }

  async function sendVoice(): Promise<void> {
    setSendingVoice(true);
    try {
      const recording = await recorder.finish();
      if (!recording) return;
      let file;
      try {
        file = await uploadFile({
          name: recordingFileName(recording.mimeType),
          mimeType: recording.mimeType,
          data: recording.blob,
          purpose: 'audio',
          durationSeconds: recording.durationSeconds,
        });
      } catch (err) {
        notifyError(err, 'The voice note was not sent');
        return;
      }
      const message = await send.mutate({
        receiverId: partnerId,
        audioFileId: file.id,
        ...(replyTo ? { replyTo: replyTo.id } : {}),
      });
      if (message) sent(message);
    } finally {
      setSendingVoice(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void sendText();
    }
  }

  function pickEmoji(emoji: string): void {
    const el = field.current;
    const value = form.getValues().message;
    const { text, caret } = insertAt(
      value,
      emoji,
      el?.selectionStart ?? value.length,
      el?.selectionEnd ?? value.length,
    );
    form.setFieldValue('message', text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  }

  const recording = recorder.status !== 'idle';
  const length = form.getValues().message.length;

  return (
    <Stack
      gap={6}
      p="sm"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      bg="var(--mantine-color-body)"
    >
      {replyTo && (
        <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="reply-preview">
          <Box flex={1} miw={0}>
            <QuotedMessage
              author={replyTo.senderId === myId ? 'You' : partnerName}
              preview={{ messageType: replyTo.messageType, preview: replyTo.message ?? '' }}
            />
          </Box>
          <CloseButton size="sm" onClick={onCancelReply} aria-label="Cancel the reply" />
        </Group>
      )}
      {sendingVoice && !recording ? (
        <Group gap="sm" py={6} role="status" data-testid="voice-sending">
          <Loader size="sm" />
          <Text size="sm">Sending the voice note…</Text>
        </Group>
      ) : recording ? (
        <VoiceRecorderBar recorder={recorder} sending={sendingVoice} onSend={() => void sendVoice()} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sendText();
          }}
          aria-label={`Message to ${partnerName}`}
        >
          <Group gap={6} wrap="nowrap" align="flex-end">
            <EmojiPicker onPick={pickEmoji} />
            <Textarea
              ref={field}
              flex={1}
              autosize
              minRows={1}
              maxRows={6}
              aria-label={`Message to ${partnerName}`}
              placeholder="Write a message"
              onKeyDown={onKeyDown}
              data-testid="message-input"
              {...form.getInputProps('message')}
            />
            <Tooltip label="Record a voice note" openDelay={400}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={() => void recorder.start()}
                aria-label="Record a voice note"
              >
                <MicIcon size={20} />
              </ActionIcon>
            </Tooltip>
            <ActionIcon type="submit" size="lg" loading={send.loading} aria-label="Send message">
              <SendIcon size={18} />
            </ActionIcon>
          </Group>
        </form>
      )}
      {!recording && !sendingVoice && (
        <Text size="xs" c="dimmed" px={44}>
          {length > MAX - 200
            ? `${length} of ${MAX} characters`
            : 'Enter sends · Shift+Enter starts a new line'}
        </Text>
      )}
    </Stack>
  );
}
