import { TextInput } from '@mantine/core';

export interface DateRange {
  from: string;
  to: string;
}

/** "From" and "To" dates (YYYY-MM-DD) of a report; an end before the start is said under "To". */
export function DateRangeInputs({
  from,
  to,
  valid,
  onChange,
}: DateRange & { valid: boolean; onChange: (range: DateRange) => void }) {
  return (
    <>
      <TextInput
        type="date"
        label="From"
        value={from}
        onChange={(e) => onChange({ from: e.currentTarget.value, to })}
      />
      <TextInput
        type="date"
        label="To"
        value={to}
        onChange={(e) => onChange({ from, to: e.currentTarget.value })}
        error={valid ? null : 'The end is before the start.'}
      />
    </>
  );
}
