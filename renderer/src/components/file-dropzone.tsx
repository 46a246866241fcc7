/**
 * Files dropped or picked, checked against `FILE_LIMITS[purpose]` (type, size, count) with a sentence per refused
 * file, then uploaded one at a time with `files.upload`. The api client sends a file in one request, so a file's
 * bar is indeterminate while it travels and full when the server has it; the overall bar counts files.
 *
 * Controlled: `value` holds the uploaded files (ids for assignments.create/update or assignments.submit);
 * `onChange` gets the new list after each upload or removal. `onUploadingChange` lets a form wait.
 */
import {
  Alert,
  Box,
  Button,
  CloseButton,
  Group,
  Input,
  List,
  Paper,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { Dropzone, type FileWithPath } from '@mantine/dropzone';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { FileRef } from '../../../shared/contract';
import { formatBytes, type FilePurpose } from '../../../shared/domain';
import { uploadFile } from '../lib/file-transfer';
import { toApiClientError } from '../lib/api-reply';
import { acceptOf, checkFile, describeFileLimits, resolveFileType } from '../lib/file-types';

type UploadState = 'queued' | 'uploading' | 'done' | 'failed';

interface Upload {
  key: string;
  name: string;
  size: number;
  state: UploadState;
  /** The stored file, once done. */
  id?: string;
  /** Share sent so far (0–1) while uploading. */
  progress?: number;
  message?: string;
}

export interface FileDropzoneProps {
  /** `attachment` (teachers) or `submission` (students); decides the limits. */
  purpose: Exclude<FilePurpose, 'audio'>;
  /** The field's visible label ("Attachments", "Your files"). */
  label: string;
  /** The uploaded files. */
  value: readonly FileRef[];
  onChange: (files: FileRef[]) => void;
  /** At most this many files in `value`. */
  maxFiles: number;
  /** True while any file is on its way (a form waits before sending). */
  onUploadingChange?: (uploading: boolean) => void;
  /** A message under the field (the server's field error). */
  error?: ReactNode;
  disabled?: boolean;
}

export function FileDropzone({
  purpose,
  label,
  value,
  onChange,
  maxFiles,
  onUploadingChange,
  error,
  disabled = false,
}: FileDropzoneProps) {
  const id = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const openRef = useRef<() => void>(null);
  const valueRef = useRef(value);
  const onChangeRef = useRef(onChange);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);

  useEffect(() => {
    valueRef.current = value;
    onChangeRef.current = onChange;
  });

  const busy = uploads.some((u) => u.state === 'queued' || u.state === 'uploading');
  useEffect(() => {
    onUploadingChange?.(busy);
  }, [busy, onUploadingChange]);

  function patch(key: string, change: Partial<Upload>): void {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  async function upload(key: string, file: File): Promise<void> {
    patch(key, { state: 'uploading' });
    try {
      const stored = await uploadFile(
        { name: file.name, mimeType: resolveFileType(purpose, file), data: file, purpose },
        (progress) => patch(key, { progress }),
      );
      const next = [...valueRef.current, stored];
      valueRef.current = next;
      onChangeRef.current(next);
      patch(key, { state: 'done', id: stored.id });
    } catch (err) {
      const e = toApiClientError(err);
      const detail = e.fields ? Object.values(e.fields).join(' ') : '';
      patch(key, { state: 'failed', message: detail || e.message });
    }
  }

  function accept(files: readonly File[]): void {
    const messages: string[] = [];
    const inFlight = uploads.filter((u) => u.state === 'queued' || u.state === 'uploading').length;
    let room = maxFiles - value.length - inFlight;
    const taken: { key: string; file: File }[] = [];
    for (const file of files) {
      const problem = checkFile(purpose, file);
      if (problem) {
        messages.push(problem);
      } else if (room <= 0) {
        messages.push(`“${file.name}” was not added: at most ${maxFiles} files.`);
      } else {
        room -= 1;
        counter.current += 1;
        taken.push({ key: `${id}-${counter.current}`, file });
      }
    }
    setRefused(messages);
    if (taken.length === 0) return;
    setUploads((list) => [
      // Finished rows of earlier drops give way to the new batch; failures stay until dismissed.
      ...list.filter((u) => u.state !== 'done'),
      ...taken.map(({ key, file }) => ({ key, name: file.name, size: file.size, state: 'queued' as const })),
    ]);
    for (const { key, file } of taken) {
      queue.current = queue.current.then(() => upload(key, file));
    }
  }

  function remove(fileId: string): void {
    const next = value.filter((f) => f.id !== fileId);
    valueRef.current = next;
    onChange(next);
    setUploads((list) => list.filter((u) => u.id !== fileId));
  }

  const batch = uploads.filter((u) => u.state !== 'failed');
  const finished = batch.filter((u) => u.state === 'done').length;
  const pendingRows = uploads.filter((u) => u.state !== 'done');
  const uploadedHere = new Set(uploads.flatMap((u) => (u.state === 'done' && u.id ? [u.id] : [])));
  const limitsId = `${id}-limits`;
  const full = value.length >= maxFiles;

  return (
    <Input.Wrapper
      label={label}
      description={describeFileLimits(purpose, maxFiles)}
      error={error}
      labelElement="div"
      id={`${id}-wrapper`}
      descriptionProps={{ id: limitsId }}
    >
      <Stack gap="xs" mt={4}>
        <Dropzone
          onDrop={() => undefined}
          onDropAny={(accepted: FileWithPath[], rejections) =>
            accept([...accepted, ...rejections.map((r) => r.file)])
          }
          accept={acceptOf(purpose)}
          openRef={openRef}
          disabled={disabled || full}
          // Keyboard users have the "Choose files…" button below; a focusable drop area around the hidden
          // file input would be a control nested in a control.
          activateOnKeyboard={false}
          p="md"
          data-testid={`${purpose}-dropzone`}
        >
          <Group justify="center" gap="xs" mih={56} style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <Text size="sm">Drop the files to upload them</Text>
            </Dropzone.Accept>
            <Dropzone.Reject>
              <Text size="sm" c="red">
                Some of these files are not accepted
              </Text>
            </Dropzone.Reject>
            <Dropzone.Idle>
              <Stack gap={2} align="center">
                <Text size="sm" fw={500}>
                  {full ? `${maxFiles} files added, the most allowed` : 'Drop files here, or click to choose'}
                </Text>
                {!full && (
                  <Text size="xs" c="dimmed">
                    They upload straight away.
                  </Text>
                )}
              </Stack>
            </Dropzone.Idle>
          </Group>
        </Dropzone>

        {refused.length > 0 && (
          <Alert
            color="red"
            variant="light"
            title="Not added"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setRefused([])}
            data-testid="file-refused"
          >
            <List size="sm" spacing={2}>
              {refused.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        {busy && batch.length > 1 && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed" aria-live="polite">
              Uploaded {finished} of {batch.length} files
            </Text>
            <Progress
              value={Math.round((finished / batch.length) * 100)}
              aria-label={`Uploaded ${finished} of ${batch.length} files`}
              size="sm"
            />
          </Stack>
        )}

        {(value.length > 0 || pendingRows.length > 0) && (
          <Stack gap={6} role="list" aria-label={`${label}: files`}>
            {value.map((file) => (
              <FileRow
                key={file.id}
                name={file.name}
                size={file.size}
                below={
                  uploadedHere.has(file.id) && (
                    <Progress.Root size="xs" mt={4} aria-hidden>
                      <Progress.Section value={100} color="teal" withAria={false} />
                    </Progress.Root>
                  )
                }
                status={
                  <Text size="xs" c="teal" style={{ flex: 'none' }}>
                    {uploadedHere.has(file.id) ? 'Uploaded' : 'Attached'}
                  </Text>
                }
                action={
                  <CloseButton
                    size="sm"
                    aria-label={`Remove ${file.name}`}
                    disabled={disabled}
                    onClick={() => remove(file.id)}
                  />
                }
              />
            ))}
            {pendingRows.map((u) => (
              <FileRow
                key={u.key}
                name={u.name}
                size={u.size}
                below={
                  u.state === 'failed' ? (
                    <Text size="xs" c="red" role="alert">
                      Not uploaded: {u.message}
                    </Text>
                  ) : (
                    <Progress.Root
                      size="xs"
                      mt={4}
                      role="progressbar"
                      aria-label={`Uploading ${u.name}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round((u.progress ?? 0) * 100)}
                      aria-busy
                    >
                      <Progress.Section
                        value={u.state === 'queued' ? 0 : u.progress !== undefined ? u.progress * 100 : 100}
                        striped
                        animated={u.state === 'uploading'}
                        withAria={false}
                      />
                    </Progress.Root>
                  )
                }
                status={
                  <Text size="xs" c={u.state === 'failed' ? 'red' : 'dimmed'} style={{ flex: 'none' }}>
                    {u.state === 'queued' ? 'Waiting' : u.state === 'uploading' ? 'Uploading…' : 'Failed'}
                  </Text>
                }
                action={
                  u.state === 'failed' && (
                    <CloseButton
                      size="sm"
                      aria-label={`Dismiss ${u.name}`}
                      onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                    />
                  )
                }
              />
            ))}
          </Stack>
        )}

        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => openRef.current?.()} disabled={disabled || full}>
            Choose files…
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}

interface FileRowProps {
  name: string;
  size: number;
  /** Under the name: the upload's progress, or why it failed. */
  below: ReactNode;
  /** The row's state in a word: "Attached", "Uploading…". */
  status: ReactNode;
  /** The row's button (remove, dismiss), if any. */
  action: ReactNode;
}

/** One file in the dropzone's list, attached or on its way: name and size, state, and its button. */
function FileRow({ name, size, below, status, action }: FileRowProps) {
  return (
    <Paper withBorder radius="sm" px="sm" py={6} role="listitem">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Box miw={0} style={{ flex: 1 }}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" truncate title={name}>
              {name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {formatBytes(size)}
            </Text>
          </Group>
          {below}
        </Box>
        {status}
        {action}
      </Group>
    </Paper>
  );
}
