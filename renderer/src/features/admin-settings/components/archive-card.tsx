import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useMutation } from '../../../hooks/use-mutation';
import { checkCurrentPassword } from '../../../lib/form-rules';
import { endInstitutionSession } from '../utils/end-session';
import { YourPasswordInput } from './your-password-input';

/**
 * Archiving: nobody of the institution can sign in until its admin reactivates it from the sign-in screen; its
 * data stays. This session ends at once.
 */
export function ArchiveCard({ institutionName }: { institutionName: string }) {
  const [opened, setOpened] = useState(false);
  const form = useForm<{ password: string }>({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: checkCurrentPassword },
  });
  const close = () => {
    form.reset();
    setOpened(false);
  };
  const archive = useMutation('institution.archive', {
    form,
    success: false,
    onSuccess: () => {
      endInstitutionSession(
        `${institutionName} is archived. Its admin can reactivate it from the sign-in screen.`,
      );
    },
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="settings-archive">
      <Group justify="space-between" align="center">
        <Stack gap={2}>
          <Title order={2} size="h4" id="settings-archive">
            Archive the institution
          </Title>
          <Text size="sm" c="dimmed">
            Nobody can sign in while it is archived; all data stays. Reactivate it from the sign-in screen.
          </Text>
        </Stack>
        <Button variant="default" onClick={() => setOpened(true)}>
          Archive…
        </Button>
      </Group>
      <FormModal
        opened={opened}
        onClose={close}
        title="Archive the institution"
        onSubmit={form.onSubmit((v) => void archive.mutate({ password: v.password }))}
      >
        <Text size="sm">Every session of {institutionName} ends now, this one too.</Text>
        <YourPasswordInput {...form.getInputProps('password')} />
        <FormActions onCancel={close} submitLabel="Archive" loading={archive.loading} />
      </FormModal>
    </Card>
  );
}
