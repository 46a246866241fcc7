/**
 * The bytes of files read recently, kept in the process: a class opening the same attachment, a voice note played
 * again, or a player's range requests as it seeks read the file from the engine once. A 1 MB file's chunks are
 * some 10 ms of the engine's and a few MB of buffers for the station's collector on every read; kept, a read is
 * a slice of memory.
 *
 * Kept under the file's entry as the caller has just read it (database, id, upload date, length, chunk size):
 * GridFS files never change under their id, and every read finds the entry first, so a deleted file (no entry) is
 * never served from here, in whatever process it was deleted. Files up to `maxFileBytes`, `maxTotalBytes` in all,
 * the least recently used out first; concurrent first reads of one file share one read.
 */
import { dropLeastUsed, useEntry } from '../../../shared/recently-used';

export interface KeptFiles {
  /**
   * The file's bytes, from memory or read once by `read` (and then kept); undefined when the file is too large
   * to keep (the caller streams it from the engine). The bytes are shared: callers must not change them.
   */
  bytes(key: string, size: number, read: () => Promise<Uint8Array>): Promise<Uint8Array> | undefined;
  /** What is kept now and how reads went (the tests read it). */
  stats(): { files: number; bytes: number; hits: number; reads: number };
}

export interface KeptFilesLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

/** Voice notes, hand-ins and attachments are mostly well under this; a video is streamed as before. */
export const KEPT_FILES_LIMITS: KeptFilesLimits = {
  maxFileBytes: 4 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export function createKeptFiles(limits: KeptFilesLimits = KEPT_FILES_LIMITS): KeptFiles {
  const kept = new Map<string, Uint8Array>();
  const reading = new Map<string, Promise<Uint8Array>>();
  let total = 0;
  let hits = 0;
  let reads = 0;

  function keep(key: string, data: Uint8Array): void {
    if (data.byteLength > limits.maxFileBytes || kept.has(key)) return;
    kept.set(key, data);
    total += data.byteLength;
    dropLeastUsed(
      kept,
      () => total > limits.maxTotalBytes,
      (bytes) => (total -= bytes.byteLength),
    );
  }

  return {
    bytes(key, size, read) {
      if (size > limits.maxFileBytes) return undefined;
      // The files in use stay.
      const hit = useEntry(kept, key);
      if (hit) {
        hits += 1;
        return Promise.resolve(hit);
      }
      const pending = reading.get(key);
      if (pending) {
        hits += 1;
        return pending;
      }
      reads += 1;
      const first = read().then((data) => {
        keep(key, data);
        return data;
      });
      reading.set(key, first);
      // Whether it was kept or failed, the next read starts afresh.
      const settled = () => void reading.delete(key);
      first.then(settled, settled);
      return first;
    },
    stats: () => ({ files: kept.size, bytes: total, hits, reads }),
  };
}
