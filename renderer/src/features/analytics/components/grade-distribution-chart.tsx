import { BarChart } from '@mantine/charts';
import { Box, Card, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ClassAnalytics } from '../../../../../shared/contract';

type Bucket = ClassAnalytics['distribution'][number];

export interface GradeDistributionChartProps {
  buckets: readonly Bucket[];
  /** What the figures are, for screen readers ("Grades in Class 9-A, by band"). */
  caption: string;
}

/** How many grades fall in each 10-point band, as bars; the same figures as a table for screen readers. */
export function GradeDistributionChart({ buckets, caption }: GradeDistributionChartProps) {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (total === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing graded yet.
      </Text>
    );
  }
  return (
    <Box>
      <Box aria-hidden>
        <BarChart
          h={240}
          data={buckets.map((b) => ({ band: b.label, Grades: b.count }))}
          dataKey="band"
          series={[{ name: 'Grades', color: 'indigo.7' }]}
          tickLine="y"
          yAxisProps={{ allowDecimals: false }}
          withBarValueLabel
          accessibilityLayer={false}
          valueFormatter={(v: number) => String(v)}
          valueLabelProps={{ formatter: (v: unknown) => (v === 0 || v === '0' ? '' : String(v)) }}
          xAxisLabel="Grade"
          yAxisLabel="Count"
        />
      </Box>
      <VisuallyHidden>
        <Table>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Grade</Table.Th>
              <Table.Th>Count</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {buckets.map((b) => (
              <Table.Tr key={b.label}>
                <Table.Td>{b.label}</Table.Td>
                <Table.Td>{b.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Box>
  );
}

/** The "Grade distribution" card of the school's, a class's and a student's analytics. */
export function GradeDistributionCard(props: GradeDistributionChartProps) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        Grade distribution
      </Title>
      <GradeDistributionChart {...props} />
    </Card>
  );
}
