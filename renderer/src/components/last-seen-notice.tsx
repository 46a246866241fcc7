import { Alert, Text } from '@mantine/core';
import { useAsOf } from '../stores/last-seen-store';

export interface LastSeenNoticeProps {
  /** The channels whose answers the page shows (those a connected app keeps readable offline). */
  channels: readonly string[];
}

const hhmm = (d: Date): string => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * On a page a connected app keeps readable while the station is out of reach (today's timetable, the
 * assignments, the chat): says that what it shows is what this computer last saw, and when. Nothing otherwise.
 */
export function LastSeenNotice({ channels }: LastSeenNoticeProps) {
  const asOf = useAsOf(channels);
  if (!asOf) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      mb="md"
      title={`As of ${hhmm(asOf)}`}
      data-testid="last-seen-notice"
      role="status"
    >
      <Text size="sm">
        The station is out of reach: this is what this computer last saw, as of {hhmm(asOf)}. It updates by
        itself when the station is back; messages and hand-ins made meanwhile wait to be sent.
      </Text>
    </Alert>
  );
}
