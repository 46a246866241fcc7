import { useForm } from '@mantine/form';
import type { AllChannelInput, NoticeDto } from '../../../../../shared/contract';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { TitleInput } from '../../../components/title-input';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useMutation } from '../../../hooks/use-mutation';
import { NoticeBodyInput } from './notice-body-input';
import { NOTICE_TEXT_RULES } from '../utils/notice-rules';

/** Its author or the admin changes a notice's title or text (the original could). */
export function NoticeEditModal({ notice, onClose }: { notice: NoticeDto | null; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: '', body: '' },
    validate: NOTICE_TEXT_RULES,
  });
  useFormReset(form, notice ? () => ({ title: notice.title, body: notice.body }) : null, [notice?.id]);
  const save = useMutation('notices.update', {
    form,
    success: (n) => `"${n.title}" was saved.`,
    invalidates: ['notices.'],
    onSuccess: onClose,
  });
  const submit = form.onSubmit(async (values) => {
    if (!notice) return;
    const input: AllChannelInput<'notices.update'> = { id: notice.id };
    if (values.title.trim() !== notice.title) input.title = values.title.trim();
    if (values.body.trim() !== notice.body) input.body = values.body.trim();
    await save.mutate(input);
  });
  return (
    <FormModal opened={notice !== null} onClose={onClose} title="Edit the notice" size="lg" onSubmit={submit}>
      <TitleInput {...form.getInputProps('title')} />
      <NoticeBodyInput label="Notice" minRows={4} maxRows={12} {...form.getInputProps('body')} />
      <FormActions onCancel={onClose} submitLabel="Save changes" loading={save.loading} />
    </FormModal>
  );
}
