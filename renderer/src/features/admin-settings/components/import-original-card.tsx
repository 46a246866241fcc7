import { Alert, Button, Card, FileButton, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OriginalImportReport } from '../../../../../shared/contract';
import { useMutation } from '../../../hooks/use-mutation';
import { readExportFiles, type PickedExport } from '../utils/export-files';
import { ImportReport } from './import-report';

/**
 * Moving a school in from the original web system: pick the mongoexport files (or their folder), see the dry
 * run's report, then import with the original admin's password into a new institution.
 */
export function ImportOriginalCard() {
  const [picked, setPicked] = useState<PickedExport | null>(null);
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<OriginalImportReport | null>(null);
  const check = useMutation('institution.importFromOriginal', {
    success: false,
    // The card shows why the files cannot be imported; a notification would say it twice.
    notifyErrors: false,
    onSuccess: (r) => setReport(r),
  });
  const run = useMutation('institution.importFromOriginal', {
    success: (r) => `${r.institution.institutionName} has moved in.`,
    onSuccess: (r) => {
      setReport(r);
      setPassword('');
    },
  });

  async function choose(files: File[]): Promise<void> {
    setReport(null);
    setPassword('');
    const read = await readExportFiles(files);
    setPicked(read);
    if (!read.problem) await check.mutate({ files: read.files, dryRun: true });
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!picked || password === '') return;
    await run.mutate({ files: picked.files, dryRun: false, password });
  }

  const ready = report !== null && !report.imported && report.problems.length === 0;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="settings-import">
      <Stack gap="md">
        <Title order={2} size="h4" id="settings-import">
          Move in from the original system
        </Title>
        <Text size="sm">
          A school on the original web system brings its people, classes, subjects, timetable, messages,
          calendar, notices and admin log: run <code>mongoexport</code> on its database and on{' '}
          <code>smart_crm_master</code> (one <code>.json</code> file per collection), then choose the files or
          their folder. Nothing is created until you have seen what will happen and confirmed with the
          original admin&apos;s password; everyone keeps their old password.
        </Text>
        <Group>
          <FileButton onChange={(files) => void choose(files)} accept="application/json,.json" multiple>
            {(props) => (
              <Button variant="light" loading={check.loading} {...props}>
                Choose export files…
              </Button>
            )}
          </FileButton>
          <Button
            variant="default"
            component="label"
            loading={check.loading}
            aria-label="Choose an export folder"
          >
            Choose a folder…
            <input
              type="file"
              hidden
              multiple
              data-testid="import-folder-input"
              {...{ webkitdirectory: '' }}
              onChange={(e) => void choose([...(e.currentTarget.files ?? [])])}
            />
          </Button>
        </Group>

        {picked && (
          <Text size="sm" c="dimmed" data-testid="import-picked">
            {picked.files.length} export file{picked.files.length === 1 ? '' : 's'}
            {picked.ignored.length > 0 ? `; ${picked.ignored.length} other file(s) ignored` : ''}.
          </Text>
        )}
        {picked?.problem && (
          <Alert color="red" variant="light" role="alert">
            {picked.problem}
          </Alert>
        )}
        {check.error && !report && (
          <Alert color="red" variant="light" title="These files cannot be imported" role="alert">
            {check.error.message}
          </Alert>
        )}

        {report && <ImportReport report={report} />}

        {report?.imported && (
          <Alert color="teal" variant="light" title={`${report.institution.institutionName} has moved in`}>
            Its admin signs in as <strong>{report.institution.username}</strong> with the original password;
            teachers and students choose institution <strong>{report.institution.username}</strong> and sign
            in as before. Anyone whose old password is shorter than today&apos;s rules is asked to choose a
            new one.
          </Alert>
        )}

        {ready && (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Group align="flex-end">
              <PasswordInput
                label={`Password of ${report.source.adminUsername} on the original system`}
                description="Confirms the school's own admin is moving it in."
                autoComplete="off"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={run.error?.fields?.password}
                w={340}
              />
              <Button type="submit" loading={run.loading} disabled={password === ''}>
                Import into a new institution
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}
