import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AttendanceSettingsDto } from '../../../../../shared/contract';
import type { AttendanceMode } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import { SettingsFormCard } from './settings-form-card';

const CHOICES: ReadonlyArray<{ value: AttendanceMode; label: string; description: string }> = [
  {
    value: 'daily',
    label: 'Once a day',
    description: "Each class's register is taken once a day, by a teacher of the class.",
  },
  {
    value: 'period',
    label: 'In every lesson',
    description:
      "Each lesson of the timetable has its own register, taken by the lesson's teacher. Rates count lessons; a day away from some lessons is a partial absence.",
  },
];

const isMode = (v: string): v is AttendanceMode => v === 'daily' || v === 'period';

/** How the school takes attendance. Registers already taken stay as they are and keep counting. */
export function AttendanceModeCard({ settings }: { settings: AttendanceSettingsDto }) {
  const [mode, setMode] = useState<AttendanceMode | null>(null);
  const chosen = mode ?? settings.mode;
  const update = useMutation('attendance.updateSettings', {
    success: (saved) =>
      saved.mode === 'period'
        ? 'Attendance is now taken in every lesson.'
        : 'Attendance is now taken once a day.',
    invalidates: ['attendance.'],
    onSuccess: () => setMode(null),
  });

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    if (chosen !== settings.mode) void update.mutate({ mode: chosen });
  };

  return (
    <SettingsFormCard
      headingId="settings-attendance"
      title="Attendance"
      description="When teachers take the register."
      formLabel="Attendance"
      onSubmit={submit}
    >
      <Radio.Group
        label="Take attendance"
        value={chosen}
        onChange={(v) => {
          if (isMode(v)) setMode(v);
        }}
      >
        <Stack gap="sm" mt="xs">
          {CHOICES.map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
          ))}
        </Stack>
      </Radio.Group>
      <Text size="xs" c="dimmed">
        Registers taken before a change stay as they were and still count in rates and records.
      </Text>
      <Group justify="flex-end">
        <Button type="submit" loading={update.loading} disabled={chosen === settings.mode}>
          Save attendance setting
        </Button>
      </Group>
    </SettingsFormCard>
  );
}
