import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ActionsHeader } from './actions-header';

/** A column heading: its text, or the text with a right alignment (figures) or a fixed width. */
export type HeadColumn = string | { label: ReactNode; numeric?: boolean; w?: number };

export interface TableHeadProps {
  columns: readonly HeadColumn[];
  /** A last column of row buttons, named "Actions" for screen readers only. */
  actions?: boolean;
}

/** A table's header row: one column heading each, figures aligned right, the row buttons' column last. */
export function TableHead({ columns, actions = false }: TableHeadProps) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) =>
          typeof column === 'string' ? (
            <Table.Th key={column} scope="col">
              {column}
            </Table.Th>
          ) : (
            <Table.Th key={i} scope="col" ta={column.numeric ? 'right' : undefined} w={column.w}>
              {column.label}
            </Table.Th>
          ),
        )}
        {actions && <ActionsHeader />}
      </Table.Tr>
    </Table.Thead>
  );
}
