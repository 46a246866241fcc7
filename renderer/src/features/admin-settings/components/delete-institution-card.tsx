import { Alert, Button, Card, Code, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useMutation } from '../../../hooks/use-mutation';
import { checkCurrentPassword } from '../../../lib/form-rules';
import { namesMatch } from '../utils/rules';
import { endInstitutionSession } from '../utils/end-session';
import { YourPasswordInput } from './your-password-input';

interface DeleteValues {
  confirmName: string;
  password: string;
}

export interface DeleteInstitutionCardProps {
  institutionName: string;
}

/**
 * The danger zone: deleting the institution, its database and every account in it. The admin types the
 * institution's name exactly and their password; afterwards this session ends (every token of the institution
 * is refused) and the start screen says why.
 */
export function DeleteInstitutionCard({ institutionName }: DeleteInstitutionCardProps) {
  const [opened, setOpened] = useState(false);
  const form = useForm<DeleteValues>({
    mode: 'controlled',
    initialValues: { confirmName: '', password: '' },
    validate: {
      confirmName: (value) =>
        namesMatch(value, institutionName) ? null : "Type the institution's name exactly as shown.",
      password: checkCurrentPassword,
    },
  });

  function close(): void {
    form.reset();
    setOpened(false);
  }

  const remove = useMutation('institution.delete', {
    form,
    success: false,
    onSuccess: () => {
      endInstitutionSession(`${institutionName} was deleted, with its database and every account in it.`);
    },
  });

  const submit = form.onSubmit(async (values) => {
    await remove.mutate({ password: values.password });
  });

  const typedRight = namesMatch(form.values.confirmName, institutionName);

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby="settings-danger"
      style={{ borderColor: 'var(--mantine-color-red-4)' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-danger" c="red">
          Danger zone
        </Title>
        <Text size="sm">
          Deleting the institution removes its database: every teacher, student, class, assignment, file,
          message and log entry. It cannot be undone.
        </Text>
        <Group>
          <Button color="red" variant="outline" onClick={() => setOpened(true)}>
            Delete the institution…
          </Button>
        </Group>
      </Stack>

      <FormModal opened={opened} onClose={close} title="Delete the institution" size="lg" onSubmit={submit}>
        <Alert color="red" variant="light" title="This cannot be undone">
          <List size="sm" spacing={2}>
            <List.Item>Every account of {institutionName} is deleted, yours included.</List.Item>
            <List.Item>Its database and every file in it are removed.</List.Item>
            <List.Item>Everyone signed in to it is signed out.</List.Item>
          </List>
        </Alert>
        <TextInput
          label="Type the institution's name to confirm"
          description={
            <>
              Exactly <Code>{institutionName}</Code>
            </>
          }
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('confirmName')}
        />
        <YourPasswordInput {...form.getInputProps('password')} />
        <FormActions
          onCancel={close}
          submitLabel="Delete forever"
          loading={remove.loading}
          submitDisabled={!typedRight}
          color="red"
        />
      </FormModal>
    </Card>
  );
}
