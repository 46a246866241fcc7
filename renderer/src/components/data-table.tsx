import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableHead, type HeadColumn } from './table-head';

export interface DataTableProps extends Omit<TableProps, 'children'> {
  columns: readonly HeadColumn[];
  /** A last column of row buttons (see TableHead). */
  actions?: boolean;
  /** Below this width the table scrolls sideways instead of squeezing its columns; without it, it never does. */
  minWidth?: number;
  /**
   * Names the sideways-scrolling area and lets the keyboard reach it (it takes focus, and the arrow keys scroll
   * it): for a table with nothing focusable in its rows, which keyboard users could not otherwise scroll.
   */
  scrollLabel?: string;
  /** The rows (`Table.Tr`). */
  children: ReactNode;
}

/** A table of rows under one header row, scrolling sideways on narrow windows: the shape of most lists here. */
export function DataTable({
  columns,
  actions = false,
  minWidth,
  scrollLabel,
  children,
  ...table
}: DataTableProps) {
  const body = (
    <Table {...table}>
      <TableHead columns={columns} actions={actions} />
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? (
    body
  ) : (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={
        scrollLabel === undefined
          ? undefined
          : { viewportProps: { tabIndex: 0, role: 'region', 'aria-label': scrollLabel } }
      }
    >
      {body}
    </Table.ScrollContainer>
  );
}
