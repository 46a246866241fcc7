import { Alert, Badge, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ImportNote, OriginalImportReport } from '../../../../../shared/contract';
import { DataTable } from '../../../components/data-table';

const KIND_LABELS: Readonly<Record<ImportNote['kind'], { label: string; color: string }>> = {
  skipped: { label: 'Skipped', color: 'red' },
  fixed: { label: 'Fixed', color: 'orange' },
  mapped: { label: 'Mapped', color: 'blue' },
  dropped: { label: 'Not kept', color: 'gray' },
};

type Filter = 'all' | ImportNote['kind'];

/** What the dry run (or the import) says: the new institution, counts per collection, and every note. */
export function ImportReport({ report }: { report: OriginalImportReport }) {
  const [filter, setFilter] = useState<Filter>('all');
  const notes = filter === 'all' ? report.notes : report.notes.filter((n) => n.kind === filter);
  const countOf = (kind: ImportNote['kind']) => report.notes.filter((n) => n.kind === kind).length;

  return (
    <Stack gap="md" data-testid="import-report">
      <Text size="sm">
        From <strong>{report.source.databaseName}</strong> (admin {report.source.adminUsername}) to a new
        institution, <strong>{report.institution.institutionName}</strong>: its admin signs in as{' '}
        <strong>{report.institution.username}</strong>; teachers and students sign in with institution{' '}
        <strong>{report.institution.username}</strong>, their usernames and their old passwords.
      </Text>

      {report.problems.length > 0 && (
        <Alert color="red" variant="light" title="This export cannot be imported" role="alert">
          <List size="sm" spacing={2}>
            {report.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <DataTable
        columns={[
          'Original collection',
          { label: 'Found', numeric: true },
          { label: report.imported ? 'Created' : 'Will be created', numeric: true },
          { label: 'Skipped', numeric: true },
        ]}
        striped
        withTableBorder
        aria-label="Records per collection"
        maw={560}
      >
        {report.counts.map((c) => (
          <Table.Tr key={c.collection}>
            <Table.Td>{c.collection}</Table.Td>
            <Table.Td ta="right">{c.found}</Table.Td>
            <Table.Td ta="right">{c.created}</Table.Td>
            <Table.Td ta="right">{c.skipped}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      {report.files.some((f) => !f.carried) && (
        <Text size="sm" c="dimmed">
          Read and left:{' '}
          {report.files
            .filter((f) => !f.carried)
            .map((f) => `${f.name} (${f.note ?? 'not used'})`)
            .join('; ')}
        </Text>
      )}

      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          What changes on the way, and why
        </Title>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v)}
          aria-label="Show notes of one kind"
          data={[
            { value: 'all', label: `All (${report.notes.length})` },
            ...(Object.keys(KIND_LABELS) as ImportNote['kind'][]).map((kind) => ({
              value: kind,
              label: `${KIND_LABELS[kind].label} (${countOf(kind)})`,
            })),
          ]}
        />
      </Group>
      <DataTable
        columns={[
          { label: 'What', w: 100 },
          { label: 'Collection', w: 140 },
          { label: 'Record', w: 220 },
          'Why',
        ]}
        withTableBorder
        verticalSpacing={6}
        aria-label="Notes on the import"
      >
        {notes.map((n, i) => (
          <Table.Tr key={`${n.collection}-${n.id ?? ''}-${i}`}>
            <Table.Td>
              {/* The colour is in the outline; the text keeps the page's colour for contrast (AA). */}
              <Badge
                color={KIND_LABELS[n.kind].color}
                variant="outline"
                c="var(--mantine-color-text)"
                tt="none"
                radius="sm"
              >
                {KIND_LABELS[n.kind].label}
              </Badge>
            </Table.Td>
            <Table.Td>{n.collection}</Table.Td>
            <Table.Td>{n.subject}</Table.Td>
            <Table.Td>{n.message}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {report.notesOmitted > 0 && (
        <Text size="sm" c="dimmed">
          And {report.notesOmitted} more notes like these.
        </Text>
      )}
    </Stack>
  );
}
