import {
  Badge,
  Button,
  Card,
  CloseButton,
  Code,
  Group,
  Loader,
  Pagination,
  Select,
  type SelectProps,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { DatePickerInput, type DateFormatter, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import type { ActivityDto, AllChannelInput } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { pageCount } from '../../../lib/paging';
import { ROLE_LABELS } from '../../../lib/routes';
import {
  KNOWN_ACTIONS,
  KNOWN_TARGETS,
  actionColor,
  detailLines,
  formatTimestamp,
  wordsOf,
} from '../utils/activity-format';
import { TableHead } from '../../../components/table-head';

const PAGE_SIZE = 25;

type Range = DatesRangeValue<string>;

/** `2025-09-01` → that local day's first or last millisecond. */
function dayEdge(day: string | null, edge: 'start' | 'end'): Date | undefined {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})/.exec(day) : null;
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return edge === 'start' ? new Date(y, m, d, 0, 0, 0, 0) : new Date(y, m, d, 23, 59, 59, 999);
}

function formatLocalDay(day: string | null): string {
  const at = dayEdge(day, 'start');
  return at ? at.toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
}

const formatRange: DateFormatter = ({ date }) => {
  if (!Array.isArray(date)) return '';
  const [start, end] = date.map((d) => (typeof d === 'string' ? d : null));
  if (!start) return '';
  return end && end !== start ? `${formatLocalDay(start)} – ${formatLocalDay(end)}` : formatLocalDay(start);
};

const actionOptions = KNOWN_ACTIONS.map((a) => ({ value: a, label: wordsOf(a) }));
const targetOptions = KNOWN_TARGETS.map((t) => ({ value: t, label: wordsOf(t) }));

/** Admin: who did what, when and from where, filtered and a page at a time; each entry opens to its details. */
export function ActivityPage() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [person, setPerson] = useState<{ id: string; username: string } | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [range, setRange] = useState<Range>([null, null]);
  const [page, setPage] = useState(1);
  // Past the counted 10,000 the log is read on from its oldest entry shown: pages then count from there.
  const [olderThan, setOlderThan] = useState<ActivityDto | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);

  const from = dayEdge(range[0], 'start');
  // A range still being picked (only its start) reads as that one day.
  const to = dayEdge(range[1] ?? range[0], 'end');
  // useQuery compares inputs by value, so a new object per render fetches nothing new.
  const input: AllChannelInput<'activity.list'> = {
    page,
    pageSize: PAGE_SIZE,
    ...(person ? { userId: person.id } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(action ? { action } : {}),
    ...(target ? { targetType: target } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(olderThan ? { before: { timestamp: olderThan.timestamp, id: olderThan.id } } : {}),
  };
  const { data, error, loading, refetch } = useQuery('activity.list', input);
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const pages = pageCount(total, PAGE_SIZE);
  const filtered = Boolean(person || search.trim() || action || target || range[0]);

  /** Any filter change starts again at the first page of the newest entries. */
  function filter<T>(set: (value: T) => void): (value: T) => void {
    return (value) => {
      set(value);
      readFrom(null);
    };
  }

  function readFrom(entry: ActivityDto | null): void {
    setOlderThan(entry);
    setPage(1);
    setExpanded(null);
  }

  function clearFilters(): void {
    setSearch('');
    setPerson(null);
    setAction(null);
    setTarget(null);
    setRange([null, null]);
    readFrom(null);
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Activity"
        description="Who did what in your institution, newest first: sign-ins, changes and deletions."
        actions={
          <Button variant="default" onClick={refetch} loading={loading}>
            Refresh
          </Button>
        }
      />

      <Card withBorder radius="md" padding="md" component="section" aria-label="Filters">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label="Username contains"
              placeholder="e.g. pratik"
              value={search}
              maxLength={TEXT_LIMITS.search}
              onChange={(e) => filter(setSearch)(e.currentTarget.value)}
            />
            <FilterSelect
              label="Action"
              placeholder="Any action"
              data={actionOptions}
              value={action}
              onChange={filter(setAction)}
            />
            <FilterSelect
              label="Target"
              placeholder="Anything"
              data={targetOptions}
              value={target}
              onChange={filter(setTarget)}
            />
            <DatePickerInput
              type="range"
              label="Dates"
              placeholder="Any time"
              // Mantine draws this placeholder as text in gray 5 (2:1); the dimmed grey reads at 6:1.
              styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
              value={range}
              onChange={filter(setRange)}
              valueFormatter={formatRange}
              allowSingleDateInRange
              clearable
              firstDayOfWeek={1}
              previousLabel="Previous month"
              nextLabel="Next month"
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="xs">
              {person && (
                <Badge
                  size="lg"
                  variant="light"
                  radius="sm"
                  rightSection={
                    <CloseButton
                      size="xs"
                      aria-label={`Show everyone, not only ${person.username}`}
                      onClick={() => filter(setPerson)(null)}
                    />
                  }
                >
                  Only {person.username}
                </Badge>
              )}
              <Text size="sm" c="dimmed" aria-live="polite">
                {data
                  ? `${data.totalIsLowerBound ? `More than ${total.toLocaleString()}` : total.toLocaleString()}${
                      olderThan ? ' older' : ''
                    } ${total === 1 && !data.totalIsLowerBound ? 'entry' : 'entries'}`
                  : ' '}
              </Text>
              {loading && <Loader size="xs" role="status" aria-label="Loading the activity log" />}
            </Group>
            {filtered && (
              <Button variant="subtle" size="xs" onClick={clearFilters}>
                Clear filters
              </Button>
            )}
          </Group>
        </Stack>
      </Card>

      {error ? (
        <QueryError error={error} onRetry={refetch} what="the activity log" />
      ) : data && items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="activity-empty">
          <Text fw={600}>No activity {filtered ? 'matches these filters' : 'yet'}</Text>
          <Text size="sm" c="dimmed">
            {filtered
              ? 'Change or clear the filters to see more.'
              : 'Sign-ins and changes in your institution will appear here.'}
          </Text>
        </Card>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="activity-table">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left', padding: '8px 16px' }}>
                Activity log{olderThan ? `, older than ${formatTimestamp(olderThan.timestamp)}` : ''}, page{' '}
                {page} of {pages}
              </Table.Caption>
              <TableHead columns={['When', 'Who', 'Action', 'Target', 'From', 'Details']} />
              <Table.Tbody>
                {items.map((entry) => (
                  <ActivityRow
                    key={entry.id}
                    entry={entry}
                    open={expanded === entry.id}
                    onToggle={() => setExpanded((id) => (id === entry.id ? null : entry.id))}
                    onPerson={
                      entry.userId
                        ? () => filter(setPerson)({ id: entry.userId ?? '', username: entry.username })
                        : undefined
                    }
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      {(pages > 1 || olderThan || data?.totalIsLowerBound) && (
        <Group justify="center">
          {olderThan && (
            <Button variant="default" onClick={() => readFrom(null)}>
              Back to the newest
            </Button>
          )}
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => {
              setPage(p);
              setExpanded(null);
            }}
            getControlProps={(control) => ({
              'aria-label': control === 'next' ? 'Next page' : 'Previous page',
            })}
            getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
          />
          {data?.totalIsLowerBound && page === pages && items.length > 0 && (
            <Button variant="default" onClick={() => readFrom(items[items.length - 1] ?? null)}>
              Older entries
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

interface ActivityRowProps {
  entry: ActivityDto;
  open: boolean;
  onToggle: () => void;
  /** Shows only this person's entries. */
  onPerson: (() => void) | undefined;
}

function ActivityRow({ entry, open, onToggle, onPerson }: ActivityRowProps) {
  const detailsId = `activity-details-${entry.id}`;
  const lines = detailLines(entry);
  return (
    <Fragment>
      <Table.Tr data-testid="activity-row" data-action={entry.action} data-target={entry.targetType}>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={entry.timestamp.toISOString()}>{formatTimestamp(entry.timestamp)}</time>
        </Table.Td>
        <Table.Td>
          <Stack gap={0}>
            {onPerson ? (
              <Button
                variant="transparent"
                size="compact-sm"
                px={0}
                onClick={onPerson}
                title={`Show only ${entry.username}`}
                style={{ alignSelf: 'flex-start' }}
              >
                {entry.username}
                <VisuallyHidden>: show only this person&apos;s activity</VisuallyHidden>
              </Button>
            ) : (
              <Text size="sm">{entry.username}</Text>
            )}
            <Text size="xs" c="dimmed">
              {entry.role ? ROLE_LABELS[entry.role] : 'Unknown account'}
            </Text>
          </Stack>
        </Table.Td>
        <Table.Td>
          <Badge color={actionColor(entry.action)} variant="dot" radius="sm">
            {wordsOf(entry.action)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{wordsOf(entry.targetType)}</Text>
          {entry.targetName && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {entry.targetName}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.ipAddress || '—'}
          </Text>
        </Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="subtle"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Show'}
            <VisuallyHidden>
              {' '}
              details of {wordsOf(entry.action).toLowerCase()} {entry.targetType.toLowerCase()} at{' '}
              {formatTimestamp(entry.timestamp)}
            </VisuallyHidden>
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId} data-testid="activity-details">
          <Table.Td colSpan={6} bg="var(--crm-page-bg)">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  What changed
                </Text>
                {lines.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No further details were recorded.
                  </Text>
                ) : (
                  <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0}>
                    <Table.Tbody>
                      {lines.map(([key, value]) => (
                        <Table.Tr key={key}>
                          <Table.Th scope="row" fw={500} w="35%" style={{ verticalAlign: 'top' }}>
                            <Text size="sm">{key}</Text>
                          </Table.Th>
                          <Table.Td>
                            <Text size="sm" style={{ wordBreak: 'break-word' }}>
                              {value}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Where from
                </Text>
                <Text size="sm">
                  Address: <Code>{entry.ipAddress || 'unknown'}</Code>
                </Text>
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  Browser or app: {entry.userAgent || 'unknown'}
                </Text>
                {entry.targetId && (
                  <Text size="sm">
                    Target id: <Code>{entry.targetId}</Code>
                  </Text>
                )}
                {entry.userId && (
                  <Text size="sm">
                    Account id: <Code>{entry.userId}</Code>
                  </Text>
                )}
              </Stack>
            </SimpleGrid>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** One of the log's filters: any of its choices, or cleared for all. */
function FilterSelect(props: SelectProps) {
  return <Select clearable searchable comboboxProps={{ withinPortal: true }} {...props} />;
}
