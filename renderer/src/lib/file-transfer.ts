/**
 * Files to and from the app, by transport (docs/architecture.md, "Files travel as files"):
 * - On the station (a browser): uploads stream as the request body of `POST /api/files`, with progress from
 *   XMLHttpRequest's upload events; a file is read from `GET /api/files/<id>` through a short-lived address
 *   from files.link (players seek with range requests; the session token never goes into a URL).
 * - In the desktop app: the preload has only invoke/on, so files go through files.upload and files.get over
 *   IPC, as before (no HTTP body there to limit).
 */
import type { FileRef } from '../../../shared/contract';
import type { FilePurpose } from '../../../shared/domain';
import { api, currentToken, isDesktop } from './api-client';
import { networkError, parseRpcReply, unwrapResult } from './api-reply';

export interface UploadRequest {
  name: string;
  mimeType: string;
  data: Blob;
  purpose: FilePurpose;
  durationSeconds?: number;
}

/** Stores a file; `onProgress` gets the share sent so far (0–1). */
export async function uploadFile(
  request: UploadRequest,
  onProgress?: (fraction: number) => void,
): Promise<FileRef> {
  if (isDesktop) {
    const stored = await api.invoke('files.upload', {
      name: request.name,
      mimeType: request.mimeType,
      data: new Uint8Array(await request.data.arrayBuffer()),
      purpose: request.purpose,
      ...(request.durationSeconds !== undefined ? { durationSeconds: request.durationSeconds } : {}),
    });
    onProgress?.(1);
    return stored;
  }
  const query = new URLSearchParams({ name: request.name, type: request.mimeType, purpose: request.purpose });
  if (request.durationSeconds !== undefined) query.set('duration', String(request.durationSeconds));
  return new Promise<FileRef>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/files?${query.toString()}`);
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(unwrapResult(parseRpcReply(xhr.status, xhr.responseText), xhr.status) as FileRef);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    xhr.onerror = () => reject(networkError(new Error('The upload was interrupted.')));
    xhr.send(request.data);
  });
}

export interface FileSource {
  /** What an <audio>/<img> or a link points at. */
  url: string;
  durationSeconds: number | undefined;
  /** Releases a Blob URL (desktop); nothing to release for a station address. */
  release: () => void;
}

/** An address to play or show a file from: a station address (range requests) or, in the desktop app, a Blob. */
export async function fileSource(id: string): Promise<FileSource> {
  if (isDesktop) {
    const file = await api.invoke('files.get', { id });
    // Copy into a fresh ArrayBuffer: the bytes may be a view into a larger buffer.
    const bytes = new Uint8Array(file.data.byteLength);
    bytes.set(file.data);
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
    return { url, durationSeconds: file.durationSeconds, release: () => URL.revokeObjectURL(url) };
  }
  const link = await api.invoke('files.link', { id });
  return { url: link.url, durationSeconds: link.durationSeconds, release: () => undefined };
}

/** A file's bytes and type (to save it or show it here). */
export async function fileBytes(id: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string }> {
  if (isDesktop) {
    const file = await api.invoke('files.get', { id });
    return { bytes: new Uint8Array(file.data), mimeType: file.mimeType };
  }
  const link = await api.invoke('files.link', { id });
  let response: Response;
  try {
    response = await fetch(link.url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    throw networkError(err);
  }
  if (!response.ok) unwrapResult(parseRpcReply(response.status, await response.text()), response.status);
  return { bytes: new Uint8Array(await response.arrayBuffer()), mimeType: link.mimeType };
}
