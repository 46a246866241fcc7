/** Choices about recording voice notes, apart from the browser APIs that make them. Pure. */
import { FILE_LIMITS, formatBytes, isAllowedMimeType } from '../../../../../shared/domain';

/** Formats to ask MediaRecorder for, best first: Opus in WebM (Chromium, Firefox), Ogg, then MP4 (Safari). */
export const PREFERRED_RECORDER_TYPES = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/webm',
  'audio/mp4',
] as const;

/** The first preferred type the recorder supports; undefined lets the browser choose. */
export function pickRecorderMimeType(isTypeSupported: (type: string) => boolean): string | undefined {
  return PREFERRED_RECORDER_TYPES.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

export const VOICE_LIMITS = {
  maxBytes: FILE_LIMITS.audio.maxBytes,
  maxSeconds: FILE_LIMITS.audio.maxDurationSeconds ?? 300,
} as const;

/** Why a recording may not be sent, in words; null when it may. */
export function recordingProblem(size: number, mimeType: string): string | null {
  if (size === 0) return 'Nothing was recorded. Check the microphone and try again.';
  if (size > VOICE_LIMITS.maxBytes) {
    return `This recording is ${formatBytes(size)}; voice notes may be at most ${formatBytes(VOICE_LIMITS.maxBytes)}. Record a shorter one.`;
  }
  if (!isAllowedMimeType('audio', mimeType)) {
    return `This browser records ${mimeType || 'an unknown format'}, which cannot be sent as a voice note.`;
  }
  return null;
}

/** The name a recording is stored under: "voice-note-2025-03-12-1405.webm". */
export function recordingFileName(mimeType: string, at: Date = new Date()): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension =
    { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a', 'audio/mpeg': 'mp3', 'audio/wav': 'wav' }[
      base
    ] ?? 'audio';
  const pad = (n: number) => n.toString().padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `voice-note-${stamp}.${extension}`;
}

/**
 * What to tell someone whose microphone would not start, from the DOMException's name
 * (getUserMedia: NotAllowedError, NotFoundError, NotReadableError, SecurityError, …), or `Unsupported` when the
 * browser has no getUserMedia or MediaRecorder.
 */
export function microphoneProblem(error: unknown): string {
  const name =
    typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
      ? (error as { name: string }).name
      : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'The microphone is blocked. Allow this app to use the microphone (in the browser’s or the system’s settings), then try again.';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one and try again.';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'The microphone is in use by another program or could not start. Close the other program and try again.';
    case 'Unsupported':
      return 'Voice notes cannot be recorded here: this browser has no microphone access (it needs a secure page).';
    default:
      return 'The microphone could not start. Try again.';
  }
}

/** The input level (0–1) from an analyser's time-domain samples (0–255, 128 is silence): a scaled RMS. */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = ((samples[i] ?? 128) - 128) / 128;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  // Speech sits around 0.05–0.3 RMS; scale so a normal voice fills most of the meter.
  return Math.min(1, rms * 3);
}
