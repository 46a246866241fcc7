import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ChannelInput, TimetablePreviewDto } from '../../../../../shared/contract';
import { GENERATOR_LIMITS } from '../../../../../shared/timetable-rules';
import { useAllPages, useClassOptions, useTeacherOptions } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';
import { usePolling } from '../../../hooks/use-polling';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { api } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { previewOwners, previewWeekOf, type PreviewView } from '../utils/preview';
import { WeekGrid } from './week-grid';

type ScopeKind = 'school' | 'classes' | 'teachers';

/** The last job of this window: coming back to the tab shows it again (the station keeps it in memory). */
let lastJobId: string | null = null;

/**
 * The generator: options, Generate with progress and Cancel, then the preview in the week grid by class,
 * teacher or room, its score and the lessons it could not place with the reason, and Accept or Discard.
 */
export function GenerateTab() {
  const classes = useClassOptions();
  const teachers = useTeacherOptions();
  const rooms = useAllPages('rooms.list', {});
  const { week } = useSchoolWeek();

  const [scopeKind, setScopeKind] = useState<ScopeKind>('school');
  const [scopeIds, setScopeIds] = useState<string[]>([]);
  const [existing, setExisting] = useState<'replace' | 'keep'>('replace');
  const [timeLimit, setTimeLimit] = useState<number>(GENERATOR_LIMITS.timeLimitDefaultSeconds);
  const [seed, setSeed] = useState<number>(1);
  const [jobId, setJobId] = useState<string | null>(lastJobId);
  const [preview, setPreview] = useState<TimetablePreviewDto | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [view, setView] = useState<PreviewView>('class');
  const [ownerId, setOwnerId] = useState<string | null>(null);

  const follow = (id: string | null) => {
    lastJobId = id;
    setJobId(id);
    setPreview(null);
    setPollError(null);
  };

  const generate = useMutation('timetable.generate', { success: false });
  const cancel = useMutation('timetable.cancel', { success: 'Stopped: the best timetable so far is shown.' });
  const discard = useMutation('timetable.discard', { success: 'The generated timetable was discarded.' });
  const accept = useMutation('timetable.accept', {
    success: (r) => `The timetable was saved: ${r.created} entries written, ${r.removed} replaced.`,
    invalidates: ['schedules.'],
  });

  const running = jobId !== null && (preview === null || preview.state === 'running');
  usePolling(
    async () => {
      if (!jobId) return;
      try {
        setPreview(await api.invoke('timetable.preview', { jobId }));
      } catch (err) {
        setPollError(errorMessage(err));
        follow(null);
      }
    },
    running ? 500 : null,
  );

  async function start(): Promise<void> {
    const scope: ChannelInput<'timetable.generate'>['scope'] =
      scopeKind === 'classes'
        ? { kind: 'classes', classIds: scopeIds }
        : scopeKind === 'teachers'
          ? { kind: 'teachers', teacherIds: scopeIds }
          : { kind: 'school' };
    const started = await generate.mutate({ scope, existing, timeLimitSeconds: timeLimit, seed });
    if (started) follow(started.jobId);
  }

  const result = preview?.result;
  const owners = previewOwners(result?.entries ?? [], view, {
    classes: classes.options,
    teachers: teachers.options,
    rooms: rooms.items.map((r) => ({ value: r.id, label: r.name })),
  });
  const owner = owners.find((o) => o.value === ownerId) ?? owners[0];
  const shown = owner && result ? previewWeekOf(result.entries, view, owner.value) : [];
  const progress = preview?.progress;
  const percent =
    progress && progress.totalGroups > 0 ? (100 * progress.placedGroups) / progress.totalGroups : 0;
  const scopeOptions = scopeKind === 'classes' ? classes.options : teachers.options;

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          Generate a timetable
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="scope-label">
                For
              </Text>
              <SegmentedControl
                aria-labelledby="scope-label"
                value={scopeKind}
                onChange={(v) => {
                  setScopeKind(v);
                  setScopeIds([]);
                }}
                data={[
                  { value: 'school', label: 'Whole school' },
                  { value: 'classes', label: 'Some classes' },
                  { value: 'teachers', label: 'Some teachers' },
                ]}
              />
            </Stack>
            {scopeKind !== 'school' && (
              <MultiSelect
                label={scopeKind === 'classes' ? 'Classes' : 'Teachers'}
                data={scopeOptions}
                value={scopeIds}
                onChange={setScopeIds}
                searchable
              />
            )}
            <Stack gap={4}>
              <Text size="sm" fw={500} id="existing-label">
                Entries already in the timetable
              </Text>
              <SegmentedControl
                aria-labelledby="existing-label"
                value={existing}
                onChange={(v) => setExisting(v === 'keep' ? 'keep' : 'replace')}
                data={[
                  { value: 'replace', label: 'Replace generated ones' },
                  { value: 'keep', label: 'Keep them' },
                ]}
              />
              <Text size="xs" c="dimmed">
                Entries added by hand always stay; the generator works around them.
              </Text>
            </Stack>
          </Stack>
          <Stack gap="sm">
            <Group grow>
              <NumberInput
                label="Time limit (seconds)"
                min={1}
                max={GENERATOR_LIMITS.timeLimitMaxSeconds}
                value={timeLimit}
                onChange={(v) => typeof v === 'number' && setTimeLimit(v)}
              />
              <NumberInput
                label="Seed"
                description="The same seed and data give the same timetable."
                min={0}
                max={GENERATOR_LIMITS.seedMax}
                value={seed}
                onChange={(v) => typeof v === 'number' && setSeed(v)}
              />
            </Group>
            <Group gap="sm" mt="auto">
              <Button
                onClick={() => void start()}
                loading={generate.loading}
                disabled={running || (scopeKind !== 'school' && scopeIds.length === 0)}
              >
                Generate
              </Button>
              {running && jobId && (
                <Button
                  variant="default"
                  loading={cancel.loading}
                  onClick={() => void cancel.mutate({ jobId }).then((p) => p && setPreview(p))}
                >
                  Cancel
                </Button>
              )}
            </Group>
          </Stack>
        </SimpleGrid>
        {running && (
          <Stack gap={4} mt="md" data-testid="generate-progress">
            <Progress value={percent} animated aria-label="Lessons placed" />
            <Text size="sm" c="dimmed">
              {progress
                ? `${progress.placedGroups} of ${progress.totalGroups} lesson blocks placed · ${progress.hardViolations} violations · ${(progress.elapsedMs / 1000).toFixed(1)} s`
                : 'Starting…'}
            </Text>
          </Stack>
        )}
        {pollError && (
          <Alert color="red" variant="light" mt="md" role="alert">
            {pollError}
          </Alert>
        )}
        {preview?.state === 'failed' && (
          <Alert color="red" variant="light" mt="md" role="alert" title="The generator failed">
            {preview.error ?? 'Try again.'}
          </Alert>
        )}
      </Card>

      {result && jobId && (
        <Card withBorder radius="md" padding="md" data-testid="generate-preview">
          <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
            <Stack gap={4}>
              <Title order={2} size="h4">
                Preview {preview.state === 'cancelled' && '(stopped early)'}
              </Title>
              <Group gap="xs">
                <Badge
                  variant="outline"
                  color={result.hardViolations === 0 ? 'teal' : 'red'}
                  c={result.hardViolations === 0 ? 'teal' : 'red'}
                  data-testid="hard-violations"
                >
                  {result.hardViolations} hard violations
                </Badge>
                <Badge variant="outline" color="indigo">
                  Score {result.soft.total} (lower is better)
                </Badge>
                <Badge variant="outline" color="gray">
                  {result.entries.filter((e) => !e.kept).length} new periods · {result.replaces} replaced
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                Same subject twice a day: {result.soft.sameSubjectSameDay} · teachers' idle gaps:{' '}
                {result.soft.teacherGaps} · load imbalance: {result.soft.loadImbalance}
              </Text>
            </Stack>
            <Group gap="sm">
              <Button
                variant="default"
                loading={discard.loading}
                onClick={() => void discard.mutate({ jobId }).then((ok) => ok && follow(null))}
              >
                Discard
              </Button>
              <Button
                color="teal.9"
                loading={accept.loading}
                disabled={result.hardViolations > 0}
                onClick={() => void accept.mutate({ jobId }).then((ok) => ok && follow(null))}
              >
                Accept
              </Button>
            </Group>
          </Group>

          {result.unplaced.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              mb="md"
              title={`${result.unplaced.length} lesson blocks could not be placed`}
              data-testid="unplaced"
            >
              <List size="sm" spacing={2}>
                {result.unplaced.map((u, i) => (
                  <List.Item key={`${u.lessonId}-${i}`}>
                    {u.subject} ({u.className}, {u.teacherName}, {u.length} period{u.length === 1 ? '' : 's'}
                    ): {u.reason}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}

          <Group gap="md" align="flex-end" mb="sm">
            <SegmentedControl
              aria-label="Show the preview"
              value={view}
              onChange={(v) => {
                setView(v);
                setOwnerId(null);
              }}
              data={[
                { value: 'class', label: 'By class' },
                { value: 'teacher', label: 'By teacher' },
                { value: 'room', label: 'By room' },
              ]}
            />
            <Select
              aria-label="Whose week"
              data={owners}
              value={owner?.value ?? null}
              onChange={setOwnerId}
              searchable
              allowDeselect={false}
              w={260}
            />
            <Text size="xs" c="dimmed" mb={6}>
              New entries are green; entries that stay are blue.
            </Text>
          </Group>
          {owner ? (
            <WeekGrid
              entries={shown}
              week={week}
              view={view}
              ownerName={owner.label}
              highlight={(e) => !e.kept}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to show for this view.
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}
