import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../../../shared/contract/messages';
import { insertAt } from '../../../renderer/src/features/chat/utils/emoji';
import {
  dayKey,
  formatDayLabel,
  formatDuration,
  initials,
  spokenDuration,
} from '../../../renderer/src/features/chat/utils/format';
import { hasUnreadFrom, mergeMessages } from '../../../renderer/src/features/chat/utils/messages';
import {
  levelOf,
  microphoneProblem,
  pickRecorderMimeType,
  recordingFileName,
  recordingProblem,
  VOICE_LIMITS,
} from '../../../renderer/src/features/chat/utils/recorder';

const ME = 'a'.repeat(24);
const THEM = 'b'.repeat(24);

function message(id: string, seconds: number, extra: Partial<MessageDto> = {}): MessageDto {
  return {
    id: id.padStart(24, '0'),
    senderId: ME,
    receiverId: THEM,
    message: `m${id}`,
    messageType: 'text',
    isRead: false,
    timestamp: new Date(Date.UTC(2025, 2, 12, 9, 0, seconds)),
    ...extra,
  };
}

describe('chat: formatting', () => {
  it('writes durations as m:ss and survives Infinity and NaN', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(2.7)).toBe('0:02');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(300)).toBe('5:00');
    expect(formatDuration(Infinity)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
    expect(spokenDuration(61)).toBe('1 minute 1 second');
    expect(spokenDuration(0)).toBe('0 seconds');
  });

  it('names days and makes initials', () => {
    const now = new Date(2025, 2, 12, 15, 0);
    expect(formatDayLabel(new Date(2025, 2, 12, 8, 0), now)).toBe('Today');
    expect(formatDayLabel(new Date(2025, 2, 11, 23, 0), now)).toBe('Yesterday');
    expect(dayKey(new Date(2025, 2, 12, 1))).toBe(dayKey(new Date(2025, 2, 12, 23)));
    expect(initials('Asha Rao')).toBe('AR');
    expect(initials('  meera  devi iyer ')).toBe('MI');
    expect(initials('Ravi')).toBe('R');
  });
});

describe('chat: merging thread pages', () => {
  it('keeps messages oldest first, without duplicates, updating read receipts', () => {
    const a = message('1', 1);
    const b = message('2', 2);
    const c = message('3', 3);
    const merged = mergeMessages([b, c], [a, { ...b, isRead: true }]);
    expect(merged.map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    expect(merged[1]?.isRead).toBe(true);
  });

  it('answers the same array when nothing changed', () => {
    const current = [message('1', 1), message('2', 2)];
    expect(mergeMessages(current, [message('2', 2)])).toBe(current);
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('orders messages of the same second by id', () => {
    const merged = mergeMessages([message('9', 5)], [message('4', 5)]);
    expect(merged.map((m) => m.message)).toEqual(['m4', 'm9']);
  });

  it('sees unread messages from the partner only', () => {
    expect(hasUnreadFrom([message('1', 1)], THEM)).toBe(false);
    expect(hasUnreadFrom([message('1', 1, { senderId: THEM, receiverId: ME })], THEM)).toBe(true);
  });
});

describe('chat: emoji', () => {
  it('inserts at the caret or over the selection', () => {
    expect(insertAt('Hi there', '👋', 2)).toEqual({ text: 'Hi👋 there', caret: 4 });
    expect(insertAt('Hi there', '👍', 3, 8)).toEqual({ text: 'Hi 👍', caret: 5 });
    expect(insertAt('', '🎉', 10)).toEqual({ text: '🎉', caret: 2 });
  });
});

describe('chat: recording', () => {
  it('prefers Opus in WebM, falls back, or leaves the choice to the browser', () => {
    expect(pickRecorderMimeType(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickRecorderMimeType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecorderMimeType(() => false)).toBeUndefined();
    expect(
      pickRecorderMimeType(() => {
        throw new Error('no');
      }),
    ).toBeUndefined();
  });

  it('refuses empty, too large and unsupported recordings with a reason', () => {
    expect(recordingProblem(10_000, 'audio/webm;codecs=opus')).toBeNull();
    expect(recordingProblem(0, 'audio/webm')).toMatch(/Nothing was recorded/);
    expect(recordingProblem(VOICE_LIMITS.maxBytes + 1, 'audio/webm')).toMatch(/at most 5 MB/);
    expect(recordingProblem(100, 'video/x-matroska')).toMatch(/cannot be sent/);
    expect(VOICE_LIMITS.maxSeconds).toBe(300);
  });

  it('names files by type and time', () => {
    const at = new Date(2025, 2, 12, 14, 5);
    expect(recordingFileName('audio/webm;codecs=opus', at)).toBe('voice-note-2025-03-12-1405.webm');
    expect(recordingFileName('audio/mp4', at)).toBe('voice-note-2025-03-12-1405.m4a');
  });

  it('explains microphone failures', () => {
    expect(microphoneProblem(new DOMException('x', 'NotAllowedError'))).toMatch(/blocked/);
    expect(microphoneProblem(new DOMException('x', 'NotFoundError'))).toMatch(/No microphone/);
    expect(microphoneProblem(new DOMException('x', 'NotReadableError'))).toMatch(/in use/);
    expect(microphoneProblem({ name: 'Unsupported' })).toMatch(/cannot be recorded here/);
    expect(microphoneProblem('weird')).toMatch(/could not start/);
  });

  it('measures the input level from analyser samples', () => {
    expect(levelOf(new Uint8Array(64).fill(128))).toBe(0);
    const loud = Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 255 : 0));
    expect(levelOf(loud)).toBe(1);
    expect(levelOf([])).toBe(0);
  });
});
