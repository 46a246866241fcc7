import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ATTENDANCE_LIMITS } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import { saveUrl } from '../../../lib/save-url';
import { daysBefore } from '../utils/attendance-format';

/** Saves CSV text as a file (lib/save-url.ts), then frees the Blob once the click has taken it. */
function saveText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The whole school's marks of a range as CSV (`attendance.export` without a class). */
export function ExportCard({ today }: { today: string }) {
  const [from, setFrom] = useState(() => daysBefore(today, 29));
  const [to, setTo] = useState(today);
  const exporter = useMutation('attendance.export', {
    success: (out) => `Saved ${out.filename} (${out.rows === 1 ? '1 row' : `${out.rows} rows`}).`,
    onSuccess: (out) => saveText(out.csv, out.filename),
  });
  // The same checks the server makes, said before sending.
  const rangeError =
    !from || !to
      ? 'Choose both days.'
      : to < from
        ? 'The last day is before the first.'
        : (Date.parse(to) - Date.parse(from)) / 86_400_000 > ATTENDANCE_LIMITS.rangeDays
          ? `At most ${ATTENDANCE_LIMITS.rangeDays} days at once.`
          : null;

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Export
        </Title>
        <Text size="sm" c="dimmed">
          Every mark of every class between two days, as a spreadsheet file (CSV).
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput
            type="date"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={rangeError}
          />
          <Button
            variant="default"
            disabled={rangeError !== null}
            loading={exporter.loading}
            onClick={() => void exporter.mutate({ from, to })}
          >
            Export CSV
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
