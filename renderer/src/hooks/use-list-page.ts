/**
 * The state of an admin list page (people, classes, subjects): a search sent to the server 300 ms after the
 * last key, the page's own filters, the page and its size, and the query they make. Any change but the page
 * starts again at page 1. Render it with `<ListPage list={…}>` (components/list-page.tsx).
 *
 *   const ALL_GRADES: { grade: string | null } = { grade: null };
 *   const list = useListPage('classes.list', {
 *     filters: ALL_GRADES,
 *     toInput: ({ grade }) => (grade ? { grade: Number(grade) } : {}),
 *   });
 *   <Select value={list.filters.grade} onChange={(v) => list.setFilter('grade', v)} … />
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AllChannelInput, AllChannelOutput } from '../../../shared/contract';
import { PAGE_SIZE_DEFAULT } from '../../../shared/domain';
import type { ApiClientError } from '../lib/api-client';
import { anchorFor, type PageAnchor } from '../lib/paging';
import { useQuery } from './use-query';

/** The channels that page on the server with a search. */
export type ListChannel = 'users.list' | 'classes.list' | 'subjects.list' | 'rooms.list';
export type ListItem<N extends ListChannel> = AllChannelOutput<N>['items'][number];
/** What the page's filters add to the input (the block adds page, pageSize and search). */
export type ListFilterInput<N extends ListChannel> = Omit<
  AllChannelInput<N>,
  'page' | 'pageSize' | 'search' | 'after' | 'before'
>;
/** A row as a page boundary, for the channels that read a page beside one (`after`/`before`). */
export type ListCursor<N extends ListChannel> =
  AllChannelInput<N> extends { after?: infer C } ? NonNullable<C> : never;

export interface ListPageOptions<N extends ListChannel, F extends object> {
  /** The filters' first values, as the page's controls hold them ("all", null…). */
  filters: F;
  /** The filters as input; set no key for a filter left open, so `filtering` stays false. */
  toInput: (filters: F) => ListFilterInput<N>;
  /** The first page size (default PAGE_SIZE_DEFAULT). */
  pageSize?: number;
  /**
   * A channel with `after`/`before` (users.list): a row's cursor. The next and previous pages are then read
   * beside the rows shown, the same cost at any depth; a jump to a page number is still an offset.
   */
  cursorOf?: (item: ListItem<N>) => ListCursor<N>;
}

/** What `<ListPage>` renders from; pages use `filters`, `setFilter` and `setPageSize` for their controls. */
export interface ListPageState<T> {
  /** The search box's text (sent trimmed, once typing pauses). */
  search: string;
  setSearch: (text: string) => void;
  page: number;
  setPage: (page: number) => void;
  pageSize: number;
  setPageSize: (size: number) => void;
  /** The current answer's rows (kept while the next page or filter loads). */
  items: T[];
  /** How many rows match, all pages together; null until the first answer. */
  total: number | null;
  /** A search or a filter narrows the list: the empty state says "no match" rather than "none yet". */
  filtering: boolean;
  error: ApiClientError | null;
  loading: boolean;
  refetch: () => void;
}

export interface ListPageResult<T, F> extends ListPageState<T> {
  filters: F;
  setFilter: <K extends keyof F>(key: K, value: F[K]) => void;
}

export function useListPage<N extends ListChannel, F extends object>(
  channel: N,
  options: ListPageOptions<N, F>,
): ListPageResult<ListItem<N>, F> {
  const [search, setSearchText] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [filters, setFilters] = useState<F>(options.filters);
  const [{ page, anchor }, setPosition] = useState<{ page: number; anchor: PageAnchor<ListCursor<N>> }>({
    page: 1,
    anchor: null,
  });
  const setPage = (target: number) => setPosition({ page: target, anchor: null });
  const [pageSize, setPageSizeValue] = useState(options.pageSize ?? PAGE_SIZE_DEFAULT);

  const filterInput = options.toInput(filters);
  // Generic spreads do not narrow to the channel's input; the parts are each typed by it above.
  const input = {
    page,
    pageSize,
    ...anchor,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...filterInput,
  } as AllChannelInput<N>;
  const { data, error, loading, refetch } = useQuery(channel, input);

  return {
    search,
    // The rows of page 3 of an old search mean nothing for a new one.
    setSearch: (text) => {
      setSearchText(text);
      setPage(1);
    },
    page,
    setPage: (target) => {
      const { cursorOf } = options;
      // Only rows that answer the current filters and size are a place to read on from.
      const shown = loading ? undefined : data;
      setPosition({ page: target, anchor: cursorOf ? anchorFor(target, shown, cursorOf) : null });
    },
    pageSize,
    setPageSize: (size) => {
      setPageSizeValue(size);
      setPage(1);
    },
    filters,
    setFilter: (key, value) => {
      setFilters((current) => ({ ...current, [key]: value }));
      setPage(1);
    },
    items: data?.items ?? [],
    total: data ? data.total : null,
    filtering: debouncedSearch !== '' || Object.keys(filterInput).length > 0,
    error,
    loading,
    refetch,
  };
}
