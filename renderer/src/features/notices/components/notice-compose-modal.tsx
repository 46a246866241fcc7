import { Checkbox, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { NoticeDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { TitleInput } from '../../../components/title-input';
import { useMutation } from '../../../hooks/use-mutation';
import { NoticeBodyInput } from './notice-body-input';
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from '../utils/audience';
import { NOTICE_TEXT_RULES } from '../utils/notice-rules';

interface ComposeValues {
  title: string;
  body: string;
  audience: Audience[];
}

export interface NoticeComposeModalProps {
  opened: boolean;
  onClose: () => void;
  onPublished: (notice: NoticeDto) => void;
}

const EMPTY: ComposeValues = { title: '', body: '', audience: ['teacher', 'student'] };

/** Admin: writes a notice to teachers, students or both. */
export function NoticeComposeModal({ opened, onClose, onPublished }: NoticeComposeModalProps) {
  const form = useForm<ComposeValues>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: {
      ...NOTICE_TEXT_RULES,
      audience: (value) => (value.length > 0 ? null : 'Choose who should read it.'),
    },
  });

  function close(): void {
    form.reset();
    onClose();
  }

  const publish = useMutation('notices.create', {
    form,
    success: (notice) => `"${notice.title}" was published.`,
    invalidates: ['notices.'],
  });

  const submit = form.onSubmit(async (values) => {
    const notice = await publish.mutate(values);
    if (notice) {
      onPublished(notice);
      close();
    }
  });

  return (
    <FormModal opened={opened} onClose={close} title="Write a notice" size="lg" onSubmit={submit}>
      <TitleInput
        description={`At most ${TEXT_LIMITS.title} characters.`}
        data-autofocus
        {...form.getInputProps('title')}
      />
      <NoticeBodyInput
        label="Notice text"
        description={`At most ${TEXT_LIMITS.noticeBody} characters.`}
        minRows={5}
        maxRows={14}
        {...form.getInputProps('body')}
      />
      <Checkbox.Group label="Who should read it" withAsterisk {...form.getInputProps('audience')}>
        <Group gap="lg" mt={6}>
          {AUDIENCES.map((role) => (
            <Checkbox key={role} value={role} label={AUDIENCE_LABELS[role]} />
          ))}
        </Group>
      </Checkbox.Group>
      <FormActions onCancel={close} submitLabel="Publish" loading={publish.loading} />
    </FormModal>
  );
}
