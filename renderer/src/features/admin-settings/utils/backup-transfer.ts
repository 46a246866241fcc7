/**
 * A backup's bytes in the browser (the station): downloaded from GET /api/backups/<name> and uploaded to
 * POST /api/backups/upload with the session's token. The desktop app uses save and open dialogs instead.
 */
import type { BackupInfo } from '../../../../../shared/contract';
import { authorizationHeader } from '../../../lib/api-client';
import { parseRpcReply, unwrapResult } from '../../../lib/api-reply';
import { saveUrl } from '../../../lib/save-url';

export async function downloadBackup(name: string): Promise<void> {
  const response = await fetch(`/api/backups/${encodeURIComponent(name)}`, {
    headers: authorizationHeader(),
    cache: 'no-store',
  });
  if (!response.ok) unwrapResult(parseRpcReply(response.status, await response.text()), response.status);
  const url = URL.createObjectURL(await response.blob());
  try {
    saveUrl(url, name);
  } finally {
    // The click has started the download; the URL can go once the browser has taken it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export async function uploadBackup(file: File): Promise<BackupInfo> {
  const response = await fetch('/api/backups/upload', {
    method: 'POST',
    headers: { ...authorizationHeader(), 'content-type': 'application/octet-stream' },
    body: file,
    cache: 'no-store',
  });
  const text = await response.text();
  return unwrapResult(parseRpcReply(response.status, text), response.status) as BackupInfo;
}
