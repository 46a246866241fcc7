/**
 * Records a voice note from the microphone: getUserMedia + MediaRecorder (Opus in WebM where the browser has
 * it), with the elapsed time and the input level (a Web Audio AnalyserNode) while it runs. It stops by itself at
 * FILE_LIMITS.audio's length and refuses a recording over its size. `finish()` answers the recording;
 * `cancel()` throws it away. The microphone is released as soon as recording ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  levelOf,
  microphoneProblem,
  pickRecorderMimeType,
  recordingProblem,
  VOICE_LIMITS,
} from '../utils/recorder';

export type RecorderStatus = 'idle' | 'starting' | 'recording' | 'stopped' | 'error';

export interface Recording {
  blob: Blob;
  mimeType: string;
  durationSeconds: number;
}

export interface VoiceRecorder {
  status: RecorderStatus;
  /** Seconds recorded so far. */
  elapsed: number;
  /** The input level, 0–1. */
  level: number;
  /** Why recording failed or stopped by itself, in words. */
  message: string | null;
  start: () => Promise<void>;
  /** Stops (if still recording) and answers the recording; null when there is none or it breaks a limit. */
  finish: () => Promise<Recording | null>;
  cancel: () => void;
  /** Back to idle after an error message was read. */
  dismiss: () => void;
}

interface Session {
  stream: MediaStream;
  recorder: MediaRecorder;
  chunks: Blob[];
  bytes: number;
  startedAt: number;
  /** Set when recording ended: its length in seconds. */
  endedAfter: number | null;
  audio: AudioContext | null;
  frame: number;
  stopped: Promise<void>;
  /** Recording went over the size limit (and was refused). */
  tooLarge: boolean;
}

function now(): number {
  return performance.now();
}

export function useVoiceRecorder(): VoiceRecorder {
  const [status, setStatus] = useState<RecorderStatus>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const session = useRef<Session | null>(null);

  /** Ends the recording (if running) and releases the microphone and the audio graph. */
  const release = useCallback((s: Session) => {
    cancelAnimationFrame(s.frame);
    if (s.endedAfter === null) s.endedAfter = (now() - s.startedAt) / 1000;
    if (s.recorder.state !== 'inactive') {
      try {
        s.recorder.stop();
      } catch {
        // Already stopping.
      }
    }
    s.stream.getTracks().forEach((t) => t.stop());
    void s.audio?.close().catch(() => undefined);
    s.audio = null;
  }, []);

  useEffect(
    () => () => {
      if (session.current) release(session.current);
      session.current = null;
    },
    [release],
  );

  const start = useCallback(async () => {
    if (session.current) return;
    setMessage(null);
    setElapsed(0);
    setLevel(0);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setMessage(microphoneProblem({ name: 'Unsupported' }));
      setStatus('error');
      return;
    }
    setStatus('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      setMessage(microphoneProblem(err));
      setStatus('error');
      return;
    }
    if (stream.getAudioTracks().length === 0) {
      stream.getTracks().forEach((t) => t.stop());
      setMessage(microphoneProblem({ name: 'NotFoundError' }));
      setStatus('error');
      return;
    }

    const mimeType = pickRecorderMimeType((t) => MediaRecorder.isTypeSupported(t));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, {
        ...(mimeType ? { mimeType } : {}),
        // 64 kbit/s Opus is clear speech and keeps five minutes near 2.4 MB, inside the 5 MB limit.
        audioBitsPerSecond: 64_000,
      });
    } catch {
      recorder = new MediaRecorder(stream);
    }

    let resolveStopped: () => void = () => undefined;
    const s: Session = {
      stream,
      recorder,
      chunks: [],
      bytes: 0,
      startedAt: now(),
      endedAfter: null,
      audio: null,
      frame: 0,
      stopped: new Promise<void>((resolve) => (resolveStopped = resolve)),
      tooLarge: false,
    };
    session.current = s;

    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size === 0) return;
      s.chunks.push(event.data);
      s.bytes += event.data.size;
      if (s.bytes > VOICE_LIMITS.maxBytes && !s.tooLarge) {
        // Over the size limit: the recording is refused and thrown away, with the reason.
        s.tooLarge = true;
        release(s);
        if (session.current === s) {
          session.current = null;
          setMessage(recordingProblem(s.bytes, recorder.mimeType || mimeType || ''));
          setStatus('error');
        }
      }
    });
    recorder.addEventListener('stop', () => resolveStopped());
    recorder.addEventListener('error', () => {
      release(s);
      resolveStopped();
      if (session.current === s) {
        session.current = null;
        setMessage('Recording stopped because of an error. Try again.');
        setStatus('error');
      }
    });

    // The level meter: an analyser on the microphone, read once per frame.
    try {
      const audio = new AudioContext();
      s.audio = audio;
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      let lastShown = 0;
      const tick = () => {
        if (session.current !== s || s.endedAfter !== null) return;
        const seconds = (now() - s.startedAt) / 1000;
        if (seconds >= VOICE_LIMITS.maxSeconds) {
          release(s);
          setElapsed(VOICE_LIMITS.maxSeconds);
          setLevel(0);
          setMessage(
            `Voice notes may be at most ${VOICE_LIMITS.maxSeconds / 60} minutes long, so recording stopped. Send it or discard it.`,
          );
          setStatus('stopped');
          return;
        }
        // About 15 updates a second are smooth enough and keep React's work small.
        if (now() - lastShown > 66) {
          lastShown = now();
          analyser.getByteTimeDomainData(samples);
          setLevel(levelOf(samples));
          setElapsed(seconds);
        }
        s.frame = requestAnimationFrame(tick);
      };
      s.frame = requestAnimationFrame(tick);
    } catch {
      // No Web Audio: record without the meter; a timer keeps the clock and the length limit.
      const timer = setInterval(() => {
        if (session.current !== s || s.endedAfter !== null) return clearInterval(timer);
        const seconds = (now() - s.startedAt) / 1000;
        setElapsed(Math.min(seconds, VOICE_LIMITS.maxSeconds));
        if (seconds >= VOICE_LIMITS.maxSeconds) {
          clearInterval(timer);
          release(s);
          setStatus('stopped');
        }
      }, 250);
    }

    // Chunks every second, so the size limit is checked while recording.
    recorder.start(1_000);
    setStatus('recording');
  }, [release]);

  const finish = useCallback(async (): Promise<Recording | null> => {
    const s = session.current;
    if (!s) return null;
    release(s);
    await s.stopped;
    session.current = null;
    const mimeType = s.recorder.mimeType || s.chunks[0]?.type || 'audio/webm';
    const blob = new Blob(s.chunks, { type: mimeType });
    const problem = recordingProblem(blob.size, mimeType);
    if (problem) {
      setMessage(problem);
      setStatus('error');
      return null;
    }
    setStatus('idle');
    setElapsed(0);
    setLevel(0);
    setMessage(null);
    const seconds = s.endedAfter ?? (now() - s.startedAt) / 1000;
    return {
      blob,
      mimeType,
      durationSeconds: Math.min(VOICE_LIMITS.maxSeconds, Math.max(0.1, Math.round(seconds * 10) / 10)),
    };
  }, [release]);

  const cancel = useCallback(() => {
    const s = session.current;
    session.current = null;
    if (s) release(s);
    setStatus('idle');
    setElapsed(0);
    setLevel(0);
    setMessage(null);
  }, [release]);

  const dismiss = useCallback(() => {
    setStatus('idle');
    setMessage(null);
  }, []);

  return { status, elapsed, level, message, start, finish, cancel, dismiss };
}
