/**
 * The class drawer's per-student controls (issue 19): the roll number, saved when it changes, and moving the
 * student to another class in one step; plus numbering the whole class alphabetically.
 */
import { Button, Group, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';
import { ROLL_NUMBER_MAX } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import type { ChannelPattern } from '../../../lib/query-invalidation';

const ROSTER_CHANGED: readonly ChannelPattern[] = ['classes.', 'users.list'];

export function RollNumberInput(props: {
  classId: string;
  studentId: string;
  name: string;
  value: number | undefined;
}) {
  const [draft, setDraft] = useState<string | number>(props.value ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation('classes.setRollNumber', {
    success: (r) =>
      r.rollNumber ? `${props.name} is number ${r.rollNumber}.` : `${props.name} has no roll number now.`,
    notifyErrors: false,
    invalidates: ROSTER_CHANGED,
    onError: (e) => setError(e.fields?.rollNumber ?? e.message),
  });
  function commit(): void {
    const next = draft === '' ? null : Number(draft);
    if (next === (props.value ?? null)) return;
    setError(null);
    void save.mutate({ classId: props.classId, studentId: props.studentId, rollNumber: next });
  }
  return (
    <NumberInput
      aria-label={`Roll number of ${props.name}`}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      min={1}
      max={ROLL_NUMBER_MAX}
      allowDecimal={false}
      allowNegative={false}
      hideControls
      w={72}
      size="xs"
      error={error}
    />
  );
}

export function NumberAlphabeticallyButton({ classId, className }: { classId: string; className: string }) {
  const run = useMutation('classes.numberAlphabetically', {
    success: (r) => `${className}: ${r.numbered} students numbered alphabetically.`,
    invalidates: ROSTER_CHANGED,
  });
  return (
    <Button size="xs" variant="default" loading={run.loading} onClick={() => void run.mutate({ classId })}>
      Number alphabetically
    </Button>
  );
}

/** Another class for the student: the move is one request (capacity and the one-class rule are the server's). */
export function MoveStudentControl(props: {
  studentId: string;
  name: string;
  classOptions: readonly { value: string; label: string }[];
}) {
  const [to, setTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const move = useMutation('classes.moveStudent', {
    success: (r) => `${props.name} moved to ${r.to.name}.`,
    notifyErrors: false,
    invalidates: ROSTER_CHANGED,
    onError: (e) => setError(e.message),
  });
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Select
        aria-label={`Move ${props.name} to`}
        placeholder="Move to…"
        data={props.classOptions}
        value={to}
        onChange={(v) => {
          setError(null);
          setTo(v);
        }}
        size="xs"
        w={140}
        searchable
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        size="xs"
        variant="default"
        disabled={!to}
        aria-label={`Move ${props.name}`}
        loading={move.loading}
        onClick={() => to && void move.mutate({ studentId: props.studentId, toClassId: to })}
      >
        Move
      </Button>
    </Group>
  );
}
