import { Autocomplete, Button, Group, Menu, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { RoomDto } from '../../../../../shared/contract';
import { ROOM_KIND_SUGGESTIONS, ROOM_LIMITS } from '../../../../../shared/timetable-rules';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { ListPage, NameCell } from '../../../components/list-page';
import { useDeleteDialog } from '../../../hooks/use-delete-dialog';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useListPage } from '../../../hooks/use-list-page';
import { useMutation } from '../../../hooks/use-mutation';
import { requiredText } from '../../../lib/form-rules';

interface RoomValues {
  name: string;
  kind: string;
  capacity: number | string;
}

const NO_FILTERS = {};

/** The school's rooms: name (unique), kind (lessons may ask for one) and capacity. */
export function RoomsTab() {
  const list = useListPage('rooms.list', { filters: NO_FILTERS, toInput: () => ({}) });
  const form = useFormDialog<RoomDto>();
  const remove = useDeleteDialog('rooms.delete', {
    success: (room: RoomDto) => `${room.name} was removed.`,
    invalidates: ['rooms.'],
  });
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button onClick={form.openNew}>Add room</Button>
      </Group>
      <ListPage
        list={list}
        searchPlaceholder="Name or kind"
        empty={{
          none: {
            title: 'No rooms yet',
            hint: 'Add rooms to place lessons in them; without rooms, lessons are placed without one.',
          },
          noMatch: { title: 'No room matches', hint: 'Try another search.' },
        }}
        tableLabel="Rooms"
        minWidth={520}
        columns={['Room', 'Kind', 'Capacity']}
        noun="rooms"
        nounOne="room"
        cells={(room) => (
          <>
            <NameCell>{room.name}</NameCell>
            <Table.Td>{room.kind}</Table.Td>
            <Table.Td>{room.capacity}</Table.Td>
          </>
        )}
        menuLabel={(room) => `Manage ${room.name}`}
        menu={(room) => (
          <>
            <Menu.Item onClick={() => form.openEdit(room)}>Edit</Menu.Item>
            <Menu.Item color="red" onClick={() => remove.ask(room)}>
              Delete
            </Menu.Item>
          </>
        )}
      />
      <RoomFormModal opened={form.opened} room={form.editing} onClose={form.close} />
      <AdminConfirmDeleteModal dialog={remove}>
        {(room) =>
          `${room.name} leaves the list of rooms. A room used by lessons or the timetable cannot be deleted.`
        }
      </AdminConfirmDeleteModal>
    </Stack>
  );
}

function RoomFormModal({
  opened,
  room,
  onClose,
}: {
  opened: boolean;
  room: RoomDto | null;
  onClose: () => void;
}) {
  const form = useForm<RoomValues>({
    mode: 'controlled',
    initialValues: { name: '', kind: 'ordinary', capacity: 40 },
    validate: {
      name: requiredText(ROOM_LIMITS.name, 'Enter the room.'),
      kind: requiredText(ROOM_LIMITS.kind, 'Enter the kind (e.g. lab).'),
      capacity: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= ROOM_LIMITS.capacityMax
          ? null
          : `1–${ROOM_LIMITS.capacityMax} seats.`,
    },
  });
  useFormReset(
    form,
    opened
      ? () =>
          room
            ? { name: room.name, kind: room.kind, capacity: room.capacity }
            : { name: '', kind: 'ordinary', capacity: 40 }
      : null,
    [room?.id],
  );
  const create = useMutation('rooms.create', {
    form,
    success: (r) => `${r.name} was added.`,
    invalidates: ['rooms.'],
  });
  const update = useMutation('rooms.update', {
    form,
    success: (r) => `${r.name} was saved.`,
    invalidates: ['rooms.', 'schedules.'],
  });
  const submit = form.onSubmit(async (v) => {
    const values = { name: v.name.trim(), kind: v.kind.trim(), capacity: Number(v.capacity) };
    const ok = room ? await update.mutate({ id: room.id, ...values }) : await create.mutate(values);
    if (ok) onClose();
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={room ? `Edit ${room.name}` : 'Add a room'}
      onSubmit={submit}
    >
      <TextInput
        label="Name"
        placeholder="Lab 1"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
      />
      <Autocomplete
        label="Kind"
        description="Lessons can ask for a room of a kind (a lab, a gym)."
        data={[...ROOM_KIND_SUGGESTIONS]}
        withAsterisk
        {...form.getInputProps('kind')}
      />
      <NumberInput
        label="Capacity"
        min={1}
        max={ROOM_LIMITS.capacityMax}
        withAsterisk
        {...form.getInputProps('capacity')}
      />
      <FormActions
        onCancel={onClose}
        submitLabel={room ? 'Save changes' : 'Add room'}
        loading={create.loading || update.loading}
      />
    </FormModal>
  );
}
