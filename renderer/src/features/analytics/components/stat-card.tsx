import { Card, Progress, Text } from '@mantine/core';

export interface StatCardProps {
  label: string;
  value: string;
  /** A line under the value. */
  hint?: string;
  /** A 0–1 share drawn as a bar under the value. */
  ratio?: number;
}

/** One figure with its label. */
export function StatCard({ label, value, hint, ratio }: StatCardProps) {
  return (
    <Card withBorder radius="md" padding="md" data-testid="stat" data-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3}>
        {value}
      </Text>
      {ratio !== undefined && (
        <Progress value={Math.round(ratio * 100)} size="sm" mt={4} aria-label={`${label}: ${value}`} />
      )}
      {hint && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Card>
  );
}

/** "87.5" or "—" for a grade out of 100. */
export function formatGrade(grade: number | undefined): string {
  return grade === undefined ? '—' : `${Math.round(grade * 10) / 10}`;
}

/** "75%" for a 0–1 share. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** "92%", or "—" before anything counted. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : formatPercent(rate);
}

/** The average grade out of 100, or that nothing is graded yet. */
export function AverageGradeCard({ grade }: { grade: number | undefined }) {
  return (
    <StatCard
      label="Average grade"
      value={formatGrade(grade)}
      hint={grade === undefined ? 'Nothing graded yet' : 'out of 100'}
    />
  );
}

/** Attendance beside the grades: in class (present or late) of the lessons that counted. */
export function AttendanceCard({ attendance }: { attendance: { rate: number | null } }) {
  return (
    <StatCard
      label="Attendance"
      value={formatRate(attendance.rate)}
      {...(attendance.rate === null ? {} : { ratio: attendance.rate })}
      hint={attendance.rate === null ? 'No registers counted yet' : 'In class, of lessons that counted'}
    />
  );
}
