import { Group, PasswordInput, Radio, SimpleGrid, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import type { UserDto } from '../../../../../shared/contract';
import { PASSWORD_RULES } from '../../../../../shared/domain';
import { ContactFields } from '../../../components/contact-fields';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import { saveForm } from '../../../lib/update-input';
import {
  ROLE_NAMES,
  createInput,
  emptyPerson,
  personRules,
  personValuesOf,
  updateInput,
  type PersonValues,
  type TenantRole,
} from '../utils/person-form';

export interface PersonFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Edit this person; without it, a new account. */
  person?: UserDto | null;
  /** The role a new account starts with. */
  defaultRole?: TenantRole;
  onSaved: (user: UserDto) => void;
}

/** Adds a teacher or student, or changes one (their role stays: delete and add to change it). */
export function PersonFormModal({
  opened,
  onClose,
  person,
  defaultRole = 'student',
  onSaved,
}: PersonFormModalProps) {
  const editing = Boolean(person);
  const form = useForm<PersonValues>({
    mode: 'controlled',
    initialValues: emptyPerson(defaultRole),
    validate: personRules(editing ? 'edit' : 'create'),
  });

  // Each opening starts from the person (or an empty form of the chosen role).
  useFormReset(form, opened ? () => (person ? personValuesOf(person) : emptyPerson(defaultRole)) : null, [
    person?.id,
    defaultRole,
  ]);

  const { create, update, loading } = useSaveMutations('users.create', 'users.update', {
    form,
    created: (user) => `${user.name} was added as a ${user.role}.`,
    saved: (user) => `${user.name} was saved.`,
    invalidates: ['users.'],
  });

  const submit = form.onSubmit((values) =>
    saveForm({
      update: person ? { input: updateInput(person, values), send: update.mutate } : null,
      create: () => create.mutate(createInput(values)),
      onUnchanged: onClose,
      onSaved,
    }),
  );

  const role = form.getValues().role;
  const title = person ? `Edit ${person.name}` : `Add a ${role}`;

  return (
    <FormModal opened={opened} onClose={onClose} title={title} size="lg" onSubmit={submit}>
      {!editing && (
        <Radio.Group label="Role" {...form.getInputProps('role')}>
          <Group gap="lg" mt={4}>
            <Radio value="teacher" label={ROLE_NAMES.teacher} />
            <Radio value="student" label={ROLE_NAMES.student} />
          </Group>
        </Radio.Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Full name"
          description="As it appears on lists and notices."
          withAsterisk
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Username"
          description="What they sign in with, e.g. Pratik sir."
          withAsterisk
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
      </SimpleGrid>
      {!editing && (
        <PasswordInput
          label="First password"
          description={`${PASSWORD_RULES.message} Tell it to them; they can change it later.`}
          withAsterisk
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      )}
      <ContactFields form={form} own={false} teacher={person?.role === 'teacher'}>
        <DateInput
          label="Joining date"
          valueFormat="D MMM YYYY"
          placeholder="Pick a date"
          clearable
          clearButtonProps={{ 'aria-label': 'Clear joining date' }}
          {...form.getInputProps('joiningDate')}
        />
      </ContactFields>
      <FormActions
        onCancel={onClose}
        submitLabel={person ? 'Save changes' : `Add ${role}`}
        loading={loading}
      />
    </FormModal>
  );
}
