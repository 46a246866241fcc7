import { DataTable, type DataTableProps } from '../../../components/data-table';

export interface FiguresTableProps extends Omit<DataTableProps, 'columns'> {
  /** The first column's heading: what a row is ("Class", "Student"). */
  rowName: string;
  /** The other columns' headings: figures, right-aligned. */
  figures: readonly string[];
}

/** The analytics pages' table of figures: a row per class or student, its figures in right-aligned columns. */
export function FiguresTable({ rowName, figures, ...table }: FiguresTableProps) {
  return (
    <DataTable
      columns={[rowName, ...figures.map((label) => ({ label, numeric: true }))]}
      striped
      verticalSpacing="xs"
      {...table}
    />
  );
}
