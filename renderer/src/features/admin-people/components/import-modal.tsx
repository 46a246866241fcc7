import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Modal,
  Radio,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { useState } from 'react';
import type { ImportReport } from '../../../../../shared/contract';
import { CSV_IMPORT_LIMITS } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import type { ApiClientError } from '../../../lib/api-client';
import { notifyError } from '../../../lib/notify';
import { invalidateChannels } from '../../../lib/query-invalidation';
import { CSV_EXAMPLE_ROW, CSV_HEADER, plural, rowProblems, rowsToShow, summarize } from '../utils/csv-import';
import type { TenantRole } from '../utils/person-form';
import { DataTable } from '../../../components/data-table';

const SHOWN_ROWS = 200;
/** The browser's size check before reading: characters are at most 4 bytes each. */
const MAX_FILE_BYTES = CSV_IMPORT_LIMITS.maxChars * 4;

export interface ImportModalProps {
  opened: boolean;
  onClose: () => void;
}

interface PickedFile {
  name: string;
  text: string;
}

const STATUS_LOOK: Readonly<
  Record<ImportReport['rows'][number]['status'], { color: string; label: string }>
> = {
  valid: { color: 'teal', label: 'Ready' },
  created: { color: 'indigo', label: 'Created' },
  invalid: { color: 'red', label: 'Problem' },
};

/**
 * Teachers or students from a CSV file: pick or drop it, check it (a dry run answers a report per row), then
 * import. All or nothing: the server creates no account unless every row is valid.
 */
export function ImportModal({ opened, onClose }: ImportModalProps) {
  const [role, setRole] = useState<TenantRole>('student');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checkedRole, setCheckedRole] = useState<TenantRole | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Closing forgets the file and its report: the next opening starts afresh.
  function close(): void {
    setFile(null);
    setReport(null);
    setProblem(null);
    setCheckedRole(null);
    onClose();
  }

  const showFailure = (error: ApiClientError) =>
    setProblem(error.fields?.csv ? `${error.message} (${error.fields.csv})` : error.message);
  const check = useMutation('users.import', { success: false, notifyErrors: false, onError: showFailure });
  const run = useMutation('users.import', {
    notifyErrors: false,
    onError: showFailure,
    success: (answer) =>
      answer.imported
        ? `Imported ${plural(answer.created, role)}.`
        : 'Nothing was imported: some rows have problems.',
  });

  async function pick(files: File[]): Promise<void> {
    const picked = files[0];
    if (!picked) return;
    setReport(null);
    setProblem(null);
    const text = await picked.text();
    if (text.length > CSV_IMPORT_LIMITS.maxChars) {
      setFile(null);
      setProblem(`A CSV file may have at most ${CSV_IMPORT_LIMITS.maxChars} characters.`);
      return;
    }
    if (text.trim() === '') {
      setFile(null);
      setProblem('The file is empty.');
      return;
    }
    setFile({ name: picked.name, text });
  }

  function reject(rejections: FileRejection[]): void {
    const first = rejections[0];
    const reason =
      first?.errors[0]?.code === 'file-too-large'
        ? `The file is larger than a CSV import may be (${CSV_IMPORT_LIMITS.maxChars} characters).`
        : 'Choose one .csv file (comma-separated values).';
    setProblem(reason);
  }

  async function dryRun(): Promise<void> {
    if (!file) return;
    setProblem(null);
    const answer = await check.mutate({ role, csv: file.text, dryRun: true });
    if (answer) {
      setReport(answer);
      setCheckedRole(role);
    }
  }

  async function importAll(): Promise<void> {
    if (!file) return;
    setProblem(null);
    const answer = await run.mutate({ role, csv: file.text });
    if (answer) {
      setReport(answer);
      // Not `invalidates` on the mutation: a report with problems created nobody, so nothing is stale.
      if (answer.imported) invalidateChannels(['users.']);
      else notifyError(new Error('Some rows have problems; fix them in the file and check it again.'));
    }
  }

  const summary = report ? summarize(report) : null;
  const imported = report?.imported === true;
  const canImport =
    file !== null && summary !== null && !imported && summary.invalid === 0 && checkedRole === role;

  return (
    <Modal opened={opened} onClose={close} title="Import teachers or students from CSV" size="xl" centered>
      <Stack gap="md">
        <Radio.Group
          label="Import as"
          value={role}
          onChange={(value) => {
            setRole(value === 'teacher' ? 'teacher' : 'student');
            setReport(null);
          }}
        >
          <Group gap="lg" mt={4}>
            <Radio value="teacher" label="Teachers" />
            <Radio value="student" label="Students" />
          </Group>
        </Radio.Group>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            The file&apos;s first line names the columns:
          </Text>
          <Code block data-testid="csv-header">
            {CSV_HEADER}
            {'\n'}
            {CSV_EXAMPLE_ROW}
          </Code>
          <Text size="xs" c="dimmed">
            {CSV_IMPORT_LIMITS.requiredColumns.join(', ')} are required; the others may be left out or empty.
            Dates as YYYY-MM-DD. At most {CSV_IMPORT_LIMITS.maxRows} rows. Nothing is created unless every row
            is valid.
          </Text>
        </Stack>

        <Dropzone
          onDrop={(files) => void pick(files)}
          onReject={reject}
          accept={{ 'text/csv': ['.csv'], 'text/plain': ['.csv'], 'application/vnd.ms-excel': ['.csv'] }}
          maxFiles={1}
          multiple={false}
          maxSize={MAX_FILE_BYTES}
          aria-label="Choose a CSV file"
          inputProps={{ 'aria-label': 'CSV file' }}
          radius="md"
        >
          <Stack gap={4} align="center" py="md" style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <Text fw={500}>Drop the file to use it</Text>
            </Dropzone.Accept>
            <Dropzone.Reject>
              <Text fw={500} c="red">
                Only one .csv file
              </Text>
            </Dropzone.Reject>
            <Dropzone.Idle>
              <Text fw={500}>{file ? file.name : 'Drop a .csv file here, or click to choose one'}</Text>
            </Dropzone.Idle>
            <Text size="xs" c="dimmed">
              {file
                ? `${plural(file.text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1, 'row')} under the header — click to choose another file`
                : 'Comma-separated, UTF-8, with the header above'}
            </Text>
          </Stack>
        </Dropzone>

        {problem && (
          <Alert color="red" variant="light" title="The file was not accepted" role="alert">
            {problem}
          </Alert>
        )}

        {report && summary && (
          <Stack gap="xs" data-testid="import-report">
            <Alert
              color={imported ? 'teal' : summary.invalid > 0 ? 'red' : 'indigo'}
              variant="light"
              title={
                imported
                  ? `Imported ${plural(summary.created, role)}`
                  : summary.invalid > 0
                    ? `${plural(summary.invalid, 'row')} with problems; nothing imported`
                    : `All ${plural(summary.rows, 'row')} are ready to import`
              }
            >
              {imported
                ? 'They can sign in with the usernames and passwords in the file.'
                : summary.invalid > 0
                  ? 'Fix the rows below in the file, then choose it again and check it.'
                  : `Press "Import" to create ${plural(summary.valid, 'account')}.`}
            </Alert>
            <ScrollArea.Autosize mah={300} type="auto">
              <DataTable
                columns={[{ label: 'Line', w: 60 }, 'Username', { label: 'Status', w: 120 }, 'Problems']}
                striped
                withTableBorder
                verticalSpacing={6}
                aria-label="Import report per row"
              >
                {rowsToShow(report, SHOWN_ROWS).map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>{row.username ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_LOOK[row.status].color} variant="outline">
                        {STATUS_LOOK[row.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {rowProblems(row).length === 0 ? (
                        '—'
                      ) : (
                        <List size="sm" spacing={2}>
                          {rowProblems(row).map((p) => (
                            <List.Item key={p}>{p}</List.Item>
                          ))}
                        </List>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            </ScrollArea.Autosize>
            {report.rows.length > SHOWN_ROWS && (
              <Text size="xs" c="dimmed">
                Showing {SHOWN_ROWS} of {report.rows.length} rows, problems first.
              </Text>
            )}
          </Stack>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {imported ? 'Done' : 'Cancel'}
          </Button>
          {!imported && (
            <Button variant="light" disabled={!file} loading={check.loading} onClick={() => void dryRun()}>
              Check file
            </Button>
          )}
          {!imported && (
            <Button disabled={!canImport} loading={run.loading} onClick={() => void importAll()}>
              {summary && canImport ? `Import ${plural(summary.valid, role)}` : 'Import'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
