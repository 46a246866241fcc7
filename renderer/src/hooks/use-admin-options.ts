/**
 * Choices for the admin workspace's selects: every active teacher, every class. Lists page on the server, so
 * these read page after page (100 at a time) until they have everything, up to `MAX_PAGES`; schools have tens
 * of teachers and classes, not thousands. Like `useQuery`, they read again when a write invalidates their
 * channel.
 */
import { useEffect, useState } from 'react';
import type { AllChannelInput, AllChannelOutput } from '../../../shared/contract';
import { PAGE_SIZE_MAX } from '../../../shared/domain';
import { api, type ApiClientError } from '../lib/api-client';
import { toApiClientError } from '../lib/api-reply';
import { queryInvalidation } from '../lib/query-invalidation';

const MAX_PAGES = 20;

type PagedChannel = 'users.list' | 'classes.list' | 'subjects.list' | 'rooms.list';
type Item<N extends PagedChannel> = AllChannelOutput<N>['items'][number];
type Filter<N extends PagedChannel> = Omit<AllChannelInput<N>, 'page' | 'pageSize'>;

/** Every item of a paged list (up to MAX_PAGES pages of 100). */
export async function fetchAllPages<N extends PagedChannel>(
  channel: N,
  filter: Filter<N>,
): Promise<Item<N>[]> {
  const items: Item<N>[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const input = { ...filter, page, pageSize: PAGE_SIZE_MAX } as AllChannelInput<N>;
    const answer = (await api.invoke(channel, input)) as AllChannelOutput<N>;
    items.push(...(answer.items as Item<N>[]));
    if (items.length >= answer.total || answer.items.length === 0) break;
  }
  return items;
}

export interface AllItemsResult<T> {
  items: T[];
  loading: boolean;
  error: ApiClientError | null;
}

/** Every item of a paged list; fetched again when the channel is invalidated. */
export function useAllPages<N extends PagedChannel>(channel: N, filter: Filter<N>): AllItemsResult<Item<N>> {
  const filterText = JSON.stringify(filter);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ key: string | null } & AllItemsResult<Item<N>>>({
    key: null,
    items: [],
    loading: true,
    error: null,
  });
  const key = `${channel}\n${filterText}\n${nonce}`;

  // The items stay while they are read again (the selects keep their choices).
  useEffect(() => queryInvalidation.subscribe(channel, () => setNonce((n) => n + 1)), [channel]);

  useEffect(() => {
    let current = true;
    fetchAllPages(channel, JSON.parse(filterText) as Filter<N>).then(
      (items) => current && setState({ key, items, loading: false, error: null }),
      (err: unknown) =>
        current && setState((s) => ({ ...s, key, loading: false, error: toApiClientError(err) })),
    );
    return () => {
      current = false;
    };
  }, [channel, filterText, key]);

  return { items: state.items, error: state.error, loading: state.key !== key };
}

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * The options with the item's own teacher added when they are missing: a teacher who left (inactive) still
 * shows by name on a class or subject being edited.
 */
export function withCurrentTeacher(
  options: SelectOption[],
  current: { id: string; name: string } | null | undefined,
): SelectOption[] {
  return current && !options.some((o) => o.value === current.id)
    ? [...options, { value: current.id, label: current.name }]
    : options;
}

/** Active teachers as select options ("Asha Rao (asha)"). */
export function useTeacherOptions() {
  const { items, loading, error } = useAllPages('users.list', { role: 'teacher', isActive: true });
  const options: SelectOption[] = items.map((t) => ({ value: t.id, label: `${t.name} (${t.username})` }));
  return { teachers: items, options, loading, error };
}

/** Every class as select options ("Class 10-A"). */
export function useClassOptions() {
  const { items, loading, error } = useAllPages('classes.list', {});
  const options: SelectOption[] = items.map((c) => ({ value: c.id, label: c.name }));
  return { classes: items, options, loading, error };
}
