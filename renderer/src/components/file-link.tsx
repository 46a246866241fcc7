/**
 * A received file (an assignment's attachment, a student's submission, a chat attachment) with "Open" and
 * "Save". The bytes come on first use (lib/file-transfer.ts: GET /api/files on the station, files.get in the
 * desktop app) and become a Blob URL for this page:
 * - Save: an `<a download>` with that URL (the browser's or Electron's save dialog).
 * - Open: images and text show here in a dialog; other types (PDF, Office files) open in a new tab of the
 *   browser. Where no new window may open (the desktop app denies them), the file is saved instead and a
 *   notification says so.
 */
import { Button, Code, Group, Image, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FileRef } from '../../../shared/contract';
import { baseMimeType, formatBytes } from '../../../shared/domain';
import { isDesktop } from '../lib/api-client';
import { fileBytes } from '../lib/file-transfer';
import { notifyError, notifySuccess } from '../lib/notify';
import { saveUrl } from '../lib/save-url';

type Preview = { kind: 'image'; url: string } | { kind: 'text'; text: string };

function previewKind(mimeType: string): Preview['kind'] | null {
  const type = baseMimeType(mimeType);
  if (type.startsWith('image/')) return 'image';
  if (type === 'text/plain' || type === 'text/csv') return 'text';
  return null;
}

interface Loaded {
  url: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface FileLinkProps {
  file: FileRef;
  /** Smaller buttons and no size (it shows on hover), for table cells. */
  compact?: boolean;
}

export function FileLink({ file, compact = false }: FileLinkProps) {
  const [busy, setBusy] = useState<'open' | 'save' | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const loaded = useRef<Loaded | null>(null);

  useEffect(
    () => () => {
      if (loaded.current) URL.revokeObjectURL(loaded.current.url);
      loaded.current = null;
    },
    [],
  );

  async function load(): Promise<Loaded> {
    if (loaded.current) return loaded.current;
    const { bytes, mimeType } = await fileBytes(file.id);
    const url = URL.createObjectURL(new Blob([bytes], { type: baseMimeType(mimeType) }));
    loaded.current = { url, bytes };
    return loaded.current;
  }

  async function save(): Promise<void> {
    setBusy('save');
    try {
      const { url } = await load();
      saveUrl(url, file.name);
    } catch (err) {
      notifyError(err, `Could not get ${file.name}`);
    } finally {
      setBusy(null);
    }
  }

  async function open(): Promise<void> {
    const kind = previewKind(file.mimeType);
    // A new tab must open while the click still counts as the user's (before any await).
    const tab = kind === null && !isDesktop ? window.open('', '_blank') : null;
    if (tab) tab.opener = null;
    setBusy('open');
    try {
      const { url, bytes } = await load();
      if (kind === 'image') setPreview({ kind, url });
      else if (kind === 'text') setPreview({ kind, text: new TextDecoder().decode(bytes) });
      else if (tab) tab.location.href = url;
      else {
        saveUrl(url, file.name);
        notifySuccess(`${file.name} cannot be shown here, so it was saved; open it from your downloads.`);
      }
    } catch (err) {
      tab?.close();
      notifyError(err, `Could not open ${file.name}`);
    } finally {
      setBusy(null);
    }
  }

  const size = compact ? 'compact-xs' : 'compact-sm';
  return (
    <Group gap="xs" wrap="nowrap" data-testid="file-link" data-file-name={file.name} miw={0}>
      <Text size="sm" truncate title={`${file.name} (${formatBytes(file.size)})`} miw={0}>
        {file.name}
      </Text>
      {!compact && (
        <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
          {formatBytes(file.size)}
        </Text>
      )}
      <Button
        size={size}
        variant="light"
        aria-label={`Open ${file.name}`}
        loading={busy === 'open'}
        disabled={busy !== null}
        onClick={() => void open()}
        style={{ flex: 'none' }}
      >
        Open
      </Button>
      <Button
        size={size}
        variant="default"
        aria-label={`Save ${file.name}`}
        loading={busy === 'save'}
        disabled={busy !== null}
        onClick={() => void save()}
        style={{ flex: 'none' }}
      >
        Save
      </Button>
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={file.name} size="xl" centered>
        <Stack gap="sm">
          {preview?.kind === 'image' && <Image src={preview.url} alt={file.name} fit="contain" mah="70vh" />}
          {preview?.kind === 'text' && (
            <ScrollArea.Autosize mah="70vh">
              <Code block>{preview.text}</Code>
            </ScrollArea.Autosize>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void save()}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

export interface FileLinkListProps {
  files: readonly FileRef[];
  /** Shown when there are none ("No attachments."). */
  empty?: string;
  compact?: boolean;
}

/** Files one under the other, or a quiet line when there are none. */
export function FileLinkList({ files, empty = 'No files.', compact = false }: FileLinkListProps) {
  if (files.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {files.map((f) => (
        <FileLink key={f.id} file={f} compact={compact} />
      ))}
    </Stack>
  );
}
