/** The composer while a voice note is recorded: elapsed time, input level, discard or send. */
import { Alert, Box, Button, Group, Loader, Progress, Text } from '@mantine/core';
import type { VoiceRecorder } from '../hooks/use-voice-recorder';
import { formatDuration, spokenDuration } from '../utils/format';
import { VOICE_LIMITS } from '../utils/recorder';
import { SendIcon, TrashIcon } from './chat-icons';
import classes from './chat.module.css';

export interface VoiceRecorderBarProps {
  recorder: VoiceRecorder;
  sending: boolean;
  onSend: () => void;
}

export function VoiceRecorderBar({ recorder, sending, onSend }: VoiceRecorderBarProps) {
  const { status, elapsed, level, message } = recorder;

  if (status === 'error') {
    return (
      <Alert color="red" variant="light" title="No voice note" role="alert" data-testid="recorder-error">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Text size="sm">{message}</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={recorder.dismiss}>
              Close
            </Button>
            <Button size="xs" onClick={() => void recorder.start()}>
              Try again
            </Button>
          </Group>
        </Group>
      </Alert>
    );
  }

  if (status === 'starting') {
    return (
      <Group gap="sm" py={6} role="status">
        <Loader size="sm" />
        <Text size="sm">Starting the microphone… (allow it if the browser asks)</Text>
        <Button size="xs" variant="default" onClick={recorder.cancel}>
          Cancel
        </Button>
      </Group>
    );
  }

  const recording = status === 'recording';
  return (
    <Box data-testid="voice-recorder">
      {message && (
        <Text size="sm" c="orange" mb={6} role="status">
          {message}
        </Text>
      )}
      <Group gap="sm" wrap="nowrap">
        {recording && <div className={classes.recordingDot} aria-hidden />}
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {recording ? 'Recording' : 'Recorded'}
        </Text>
        <Text
          size="sm"
          ff="monospace"
          role="timer"
          aria-label={`${spokenDuration(elapsed)} of at most ${VOICE_LIMITS.maxSeconds / 60} minutes`}
          data-testid="recording-elapsed"
          style={{ whiteSpace: 'nowrap' }}
        >
          {formatDuration(elapsed)} / {formatDuration(VOICE_LIMITS.maxSeconds)}
        </Text>
        <Progress
          flex={1}
          value={Math.round(level * 100)}
          color={level > 0.9 ? 'orange' : 'teal'}
          size="lg"
          radius="xl"
          transitionDuration={60}
          aria-label="Microphone input level"
          data-testid="input-level"
        />
        <Button
          variant="default"
          size="sm"
          leftSection={<TrashIcon size={16} />}
          onClick={recorder.cancel}
          disabled={sending}
        >
          Discard
        </Button>
        <Button size="sm" leftSection={<SendIcon size={16} />} onClick={onSend} loading={sending}>
          Send voice note
        </Button>
      </Group>
    </Box>
  );
}
