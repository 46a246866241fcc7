import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';

/** The contact part of a person's form values (the admin's person form and one's own profile). */
export interface ContactValues {
  email: string;
  phone: string;
  address: string;
  /** `YYYY-MM-DD` (what Mantine's DateInput answers), or null. */
  dateOfBirth: string | null;
  department: string;
  employeeNumber: string;
}

export interface ContactFieldsProps<V extends ContactValues> {
  form: UseFormReturnType<V>;
  /**
   * The person's own details (profile): the browser may fill them in. An admin editing someone else's account
   * turns autofill off, so the admin's own email does not land in a teacher's record.
   */
  own: boolean;
  /** Teachers also have a department and an employee number. */
  teacher: boolean;
  /** More fields in the grid after the date of birth (the admin's joining date). */
  children?: ReactNode;
}

/** Email, phone, date of birth, a teacher's department and number, and the address: one layout for both forms. */
export function ContactFields<V extends ContactValues>({
  form,
  own,
  teacher,
  children,
}: ContactFieldsProps<V>) {
  const off = own ? undefined : 'off';
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Email"
          type="email"
          autoComplete={off ?? 'email'}
          {...form.getInputProps('email')}
        />
        <TextInput label="Phone" type="tel" autoComplete={off ?? 'tel'} {...form.getInputProps('phone')} />
        <DateInput
          label="Date of birth"
          valueFormat="D MMM YYYY"
          placeholder="Pick a date"
          clearable
          maxDate={new Date()}
          defaultLevel="decade"
          clearButtonProps={{ 'aria-label': 'Clear date of birth' }}
          {...form.getInputProps('dateOfBirth')}
        />
        {children}
      </SimpleGrid>
      {teacher && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Department" autoComplete={off} {...form.getInputProps('department')} />
          <TextInput
            label="Employee number"
            autoComplete={off}
            spellCheck={false}
            {...form.getInputProps('employeeNumber')}
          />
        </SimpleGrid>
      )}
      <Textarea label="Address" autosize minRows={2} maxRows={5} {...form.getInputProps('address')} />
    </>
  );
}
