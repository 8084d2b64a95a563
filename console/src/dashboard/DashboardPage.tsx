import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useLoad } from '../api/useLoad';
import type { UnitPage, UnitStatus } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';

const STATUSES: UnitStatus[] = ['collected', 'received', 'processed', 'quarantine', 'available', 'reserved', 'shipped', 'delivered', 'infused', 'on_hold', 'rejected', 'discarded'];

/** Alarms fetched per state to count the unacknowledged ones: the alarm list pages by cursor and has no total. */
const ALARM_LIMIT = 200;

/** Inventory by status, the QA backlog, open excursions, open alarms and parked lab events, each from its own list. */
export function DashboardPage() {
  const { user } = useSession();
  const inventory = useLoad(
    () => Promise.all(STATUSES.map(async (status) => [status, (await call<UnitPage>(api.GET('/api/v1/units', { params: { query: { status, pageSize: 1 } } }))).total] as const)),
    [],
  );
  const excursions = useLoad(() => call<Schemas['ExcursionPage']>(api.GET('/api/v1/storage/excursions', { params: { query: { status: 'open', pageSize: 5 } } })), []);
  const seesAlarms = may(user, 'GET /api/v1/alarms');
  // open = not yet acknowledged: raised (open) or past its acknowledgement time (escalated)
  const alarms = useLoad(
    () =>
      seesAlarms
        ? Promise.all(
            (['open', 'escalated'] as const).map(async (state) => {
              const p = await call<Schemas['AlarmPage']>(api.GET('/api/v1/alarms', { params: { query: { state, limit: ALARM_LIMIT } } }));
              return { n: p.items.length, more: !!p.nextCursor };
            }),
          ).then((r) => ({ n: r.reduce((a, x) => a + x.n, 0), more: r.some((x) => x.more) }))
        : Promise.resolve(null),
    [seesAlarms],
  );
  const seesEvents = may(user, 'GET /api/v1/lab/events');
  const parked = useLoad(() => (seesEvents ? call<Schemas['LabEventPage']>(api.GET('/api/v1/lab/events', { params: { query: { status: 'parked', pageSize: 1 } } })) : Promise.resolve(null)), [seesEvents]);
  const count = (s: UnitStatus) => inventory.data?.find(([k]) => k === s)?.[1] ?? 0;
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      <ProblemAlert problem={inventory.problem ?? excursions.problem ?? alarms.problem ?? parked.problem} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Card withBorder>
          <Text size="sm">QA backlog (quarantine)</Text>
          <Text size="xl" fw={700}>
            {inventory.data ? count('quarantine') : '…'}
          </Text>
          {may(user, 'POST /api/v1/units/{din}/status') ? (
            <Anchor component={Link} to="/qa" size="sm">
              Open the QA queue
            </Anchor>
          ) : null}
        </Card>
        <Card withBorder>
          <Text size="sm">Open excursions</Text>
          <Text size="xl" fw={700}>
            {excursions.data ? excursions.data.total : '…'}
          </Text>
          <Anchor component={Link} to="/excursions" size="sm">
            Excursions
          </Anchor>
        </Card>
        {seesAlarms ? (
          <Card withBorder>
            <Text size="sm">Open alarms (not acknowledged)</Text>
            <Text size="xl" fw={700}>
              {alarms.data ? `${alarms.data.n}${alarms.data.more ? '+' : ''}` : '…'}
            </Text>
            <Anchor component={Link} to="/alarms" size="sm">
              Alarms
            </Anchor>
          </Card>
        ) : null}
        {seesEvents ? (
          <Card withBorder>
            <Text size="sm">Parked lab events</Text>
            <Text size="xl" fw={700}>
              {parked.data ? parked.data.total : '…'}
            </Text>
            <Anchor component={Link} to="/lab-events" size="sm">
              Lab events
            </Anchor>
          </Card>
        ) : null}
      </SimpleGrid>
      <Title order={3}>Inventory by status</Title>
      <Table withTableBorder maw={420} aria-label="Inventory by status">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            <Table.Th>Units</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {STATUSES.map((s) => (
            <Table.Tr key={s}>
              <Table.Td>
                <StatusBadge status={s} />
              </Table.Td>
              <Table.Td>{inventory.data ? count(s) : '…'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
