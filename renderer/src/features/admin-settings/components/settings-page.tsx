import { Grid, Skeleton, Stack } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { ArchiveCard } from './archive-card';
import { AttendanceModeCard } from './attendance-mode-card';
import { BackupCard } from './backup-card';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { DeleteInstitutionCard } from './delete-institution-card';
import { ImportOriginalCard } from './import-original-card';
import { InstitutionCard } from './institution-card';
import { PasswordCard } from './password-card';
import { WeekCard } from './week-card';

/** Admin: the institution's and the admin's names, the password, the school week, backups, and deleting the institution. */
export function SettingsPage() {
  const { data, error, refetch } = useQuery('institution.get', {});
  const week = useSchoolWeek();
  const attendance = useQuery('attendance.settings', {}, []);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Settings"
        description="Your institution, your account, backups, moving a school in from the original system, and the danger zone."
      />
      {error ? (
        <QueryError error={error} onRetry={refetch} what="the institution" />
      ) : (
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, md: 6 }}>
            {data ? <InstitutionCard institution={data} /> : <Skeleton height={360} radius="md" />}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PasswordCard />
          </Grid.Col>
          <Grid.Col span={12}>
            {week.loaded ? <WeekCard week={week.week} /> : <Skeleton height={420} radius="md" />}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            {attendance.error ? (
              <QueryError
                error={attendance.error}
                onRetry={attendance.refetch}
                what="the attendance setting"
              />
            ) : attendance.data ? (
              <AttendanceModeCard settings={attendance.data} />
            ) : (
              <Skeleton height={240} radius="md" />
            )}
          </Grid.Col>
          <Grid.Col span={12}>
            <ImportOriginalCard />
          </Grid.Col>
          <Grid.Col span={12}>
            {data ? (
              <BackupCard institutionName={data.institutionName} />
            ) : (
              <Skeleton height={200} radius="md" />
            )}
          </Grid.Col>
          <Grid.Col span={12}>
            {data ? (
              <ArchiveCard institutionName={data.institutionName} />
            ) : (
              <Skeleton height={100} radius="md" />
            )}
          </Grid.Col>
          <Grid.Col span={12}>
            {data ? (
              <DeleteInstitutionCard institutionName={data.institutionName} />
            ) : (
              <Skeleton height={140} radius="md" />
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
