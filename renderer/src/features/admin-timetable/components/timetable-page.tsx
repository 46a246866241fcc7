import { Stack, Tabs } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { useNavigate, useRoute } from '../../../stores/route-store';
import { viewOfRest, type TimetableTab } from '../utils/grid';
import { AvailabilityTab } from './availability-tab';
import { GenerateTab } from './generate-tab';
import { LessonsTab } from './lessons-tab';
import { RoomsTab } from './rooms-tab';
import { WeekTab } from './week-tab';

/**
 * The admin's timetable: the week grid of a class or teacher (edited by hand), the rooms, the lessons of the
 * curriculum, the generator, and teachers' availability. Each tab has its address
 * (`#/admin/timetable/<rooms|lessons|generate|availability>`; the grid `#/admin/timetable/<class|teacher>/<id>`).
 */
export function TimetablePage() {
  const route = useRoute();
  const navigate = useNavigate();
  const { tab } = viewOfRest(route?.workspace === 'admin' ? route.rest : undefined);
  const open = (next: TimetableTab) =>
    navigate({ workspace: 'admin', page: 'timetable', rest: next === 'week' ? [] : [next] });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Timetable"
        description="The week of each class and teacher, the rooms and lessons behind it, and the generator."
      />
      <Tabs value={tab} onChange={(value) => value && open(value as TimetableTab)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="week">Week grid</Tabs.Tab>
          <Tabs.Tab value="rooms">Rooms</Tabs.Tab>
          <Tabs.Tab value="lessons">Lessons</Tabs.Tab>
          <Tabs.Tab value="generate">Generate</Tabs.Tab>
          <Tabs.Tab value="availability">Availability</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="week">
          <WeekTab />
        </Tabs.Panel>
        <Tabs.Panel value="rooms">
          <RoomsTab />
        </Tabs.Panel>
        <Tabs.Panel value="lessons">
          <LessonsTab />
        </Tabs.Panel>
        <Tabs.Panel value="generate">
          <GenerateTab />
        </Tabs.Panel>
        <Tabs.Panel value="availability">
          <AvailabilityTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
