/**
 * A voice note's audio address (lib/file-transfer.ts: on the station a short-lived file address the player
 * streams and seeks with range requests; in the desktop app a Blob URL from files.get, released when the
 * player goes away), and the length the recorder measured, when the upload has it.
 */
import { useEffect, useState } from 'react';
import type { ApiClientError } from '../../../lib/api-client';
import { fileSource } from '../../../lib/file-transfer';
import { toApiClientError } from '../../../lib/api-reply';

export interface VoiceNoteSource {
  url: string | null;
  /** From the upload's metadata; undefined when the recorder did not say. */
  durationSeconds: number | undefined;
  error: ApiClientError | null;
  loading: boolean;
}

interface Loaded {
  /** The file and attempt this answers: `<fileId>:<attempt>`. */
  key: string;
  url: string | null;
  durationSeconds: number | undefined;
  error: ApiClientError | null;
}

export function useVoiceNote(fileId: string | undefined, attempt = 0): VoiceNoteSource {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!fileId) return;
    const key = `${fileId}:${attempt}`;
    let live = true;
    let release: (() => void) | null = null;
    fileSource(fileId).then(
      (source) => {
        if (!live) return source.release();
        release = source.release;
        setLoaded({ key, url: source.url, durationSeconds: source.durationSeconds, error: null });
      },
      (err: unknown) => {
        if (live) setLoaded({ key, url: null, durationSeconds: undefined, error: toApiClientError(err) });
      },
    );
    return () => {
      live = false;
      release?.();
    };
  }, [fileId, attempt]);

  const mine = loaded !== null && loaded.key === `${fileId}:${attempt}` ? loaded : null;
  return {
    url: mine?.url ?? null,
    durationSeconds: mine?.durationSeconds,
    error: mine?.error ?? null,
    loading: Boolean(fileId) && mine === null,
  };
}
