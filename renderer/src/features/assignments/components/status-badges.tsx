import { Badge, Group } from '@mantine/core';
import type { ReviewOutcome, SubmissionState } from '../../../../../shared/domain';
import { OUTCOME_META, STATE_META } from '../utils/assignment-rules';

/** Badges keep their full width in narrow table cells. */
const NO_SHRINK = { flex: 'none', minWidth: 'max-content' } as const;

/** A row's state: pending, submitted, graded, or overdue in red. */
export function StateBadge({ state }: { state: SubmissionState }) {
  const meta = STATE_META[state];
  return (
    <Badge color={meta.color} variant={meta.variant} data-state={state} style={NO_SHRINK}>
      {meta.label}
    </Badge>
  );
}

/** The teacher's decision on the work, when there is one. */
export function OutcomeBadge({ outcome }: { outcome: ReviewOutcome }) {
  const meta = OUTCOME_META[outcome];
  return (
    <Badge color={meta.color} variant={meta.variant} data-outcome={outcome} style={NO_SHRINK}>
      {meta.label}
    </Badge>
  );
}

/** State, and the outcome beside it. */
export function RowBadges({
  state,
  outcome,
}: {
  state: SubmissionState;
  outcome?: ReviewOutcome | undefined;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <StateBadge state={state} />
      {outcome && !(outcome === 'accepted' && state === 'graded') && <OutcomeBadge outcome={outcome} />}
    </Group>
  );
}
