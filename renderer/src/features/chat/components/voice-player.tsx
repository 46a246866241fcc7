/**
 * Plays a voice note: play/pause, a seek bar and the time. The length comes from the upload's metadata when the
 * recorder gave it, else from the audio element; a WebM file from MediaRecorder often says Infinity until it has
 * been read to the end, so the player then seeks far ahead once to learn the real length.
 */
import { ActionIcon, Button, Group, Loader, Slider, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/error-message';
import { notifyError } from '../../../lib/notify';
import { useVoiceNote } from '../hooks/use-voice-note';
import { formatDuration, spokenDuration } from '../utils/format';
import { PauseIcon, PlayIcon } from './chat-icons';

export interface VoicePlayerProps {
  fileId: string;
  /** Who sent it, for the labels: "your voice note" or "Asha Rao's voice note". */
  owner: string;
}

function knownDuration(value: number): number | null {
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function VoicePlayer({ fileId, owner }: VoicePlayerProps) {
  const [attempt, setAttempt] = useState(0);
  const source = useVoiceNote(fileId, attempt);
  const audioRef = useRef<HTMLAudioElement>(null);
  const probing = useRef(false);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [seeking, setSeeking] = useState<number | null>(null);
  const [elementDuration, setElementDuration] = useState<number | null>(null);

  const duration = source.durationSeconds ?? elementDuration ?? 0;
  const shown = Math.min(seeking ?? position, duration || Infinity);

  // While playing, follow the audio every frame (timeupdate alone moves the bar in 250 ms steps).
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const follow = () => {
      const audio = audioRef.current;
      if (audio && !probing.current) setPosition(audio.currentTime);
      frame = requestAnimationFrame(follow);
    };
    frame = requestAnimationFrame(follow);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  function onLoadedMetadata(): void {
    const audio = audioRef.current;
    if (!audio) return;
    const d = knownDuration(audio.duration);
    if (d !== null) {
      setElementDuration(d);
    } else if (source.durationSeconds === undefined) {
      // Infinity (WebM without a length in its header): seeking past the end makes the browser read it all.
      probing.current = true;
      audio.currentTime = 1e7;
    }
  }

  function onDurationChange(): void {
    const audio = audioRef.current;
    if (!audio) return;
    const d = knownDuration(audio.duration);
    if (d === null) return;
    setElementDuration(d);
    if (probing.current) {
      probing.current = false;
      audio.currentTime = 0;
    }
  }

  function toggle(): void {
    const audio = audioRef.current;
    if (!audio || !source.url) return;
    if (audio.paused) {
      audio.play().catch((err: unknown) => {
        setPlaying(false);
        notifyError(errorMessage(err, 'The voice note could not play.'), 'Could not play the voice note');
      });
    } else {
      audio.pause();
    }
  }

  function seekTo(value: number): void {
    const audio = audioRef.current;
    setSeeking(null);
    setPosition(value);
    if (audio && source.url) audio.currentTime = value;
  }

  const label = `${owner} voice note`;

  if (source.error) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="red">
          Could not load the voice note: {source.error.message}
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </Button>
      </Group>
    );
  }

  return (
    <Group
      gap="xs"
      wrap="nowrap"
      w={260}
      maw="100%"
      role="group"
      aria-label={`${label}, ${spokenDuration(duration)}`}
      data-testid="voice-player"
    >
      {source.url && (
        <audio
          ref={audioRef}
          src={source.url}
          preload="metadata"
          data-testid="voice-audio"
          onLoadedMetadata={onLoadedMetadata}
          onDurationChange={onDurationChange}
          onTimeUpdate={(e) => {
            if (!probing.current && !playing) setPosition(e.currentTarget.currentTime);
          }}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={(e) => {
            setPlaying(false);
            setPosition(0);
            e.currentTarget.currentTime = 0;
          }}
        />
      )}
      <ActionIcon
        variant="filled"
        radius="xl"
        size="lg"
        onClick={toggle}
        disabled={!source.url}
        aria-label={playing ? `Pause ${label}` : `Play ${label}`}
        aria-pressed={playing}
      >
        {source.loading ? (
          <Loader size={14} color="white" />
        ) : playing ? (
          <PauseIcon size={16} />
        ) : (
          <PlayIcon size={16} />
        )}
      </ActionIcon>
      <Slider
        flex={1}
        min={0}
        max={duration > 0 ? duration : 1}
        step={0.1}
        value={shown}
        onChange={setSeeking}
        onChangeEnd={seekTo}
        disabled={!source.url || duration === 0}
        label={(v) => formatDuration(v)}
        thumbLabel={`Position in ${label}`}
        size="sm"
        data-testid="voice-seek"
      />
      <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }} aria-hidden>
        {formatDuration(playing || shown > 0 ? shown : duration)}
      </Text>
    </Group>
  );
}
