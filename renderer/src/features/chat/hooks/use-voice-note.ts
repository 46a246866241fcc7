/**
 * A voice note's audio, fetched with files.get into a Blob URL (released when the player goes away), and the
 * length the recorder measured, when the upload has it.
 */
import { useEffect, useState } from 'react';
import { api, type ApiClientError } from '../../../lib/api-client';
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
    let url: string | null = null;
    api.invoke('files.get', { id: fileId }).then(
      (file) => {
        if (!live) return;
        // Copy into a fresh ArrayBuffer: the bytes may be a view into a larger buffer.
        const bytes = new Uint8Array(file.data.byteLength);
        bytes.set(file.data);
        url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
        setLoaded({ key, url, durationSeconds: file.durationSeconds, error: null });
      },
      (err: unknown) => {
        if (live) setLoaded({ key, url: null, durationSeconds: undefined, error: toApiClientError(err) });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
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
