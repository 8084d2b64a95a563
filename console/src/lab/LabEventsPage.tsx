import { Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../components/when';

const PAGE = 20;
type Status = 'parked' | 'applied' | 'rejected' | 'dismissed';

/** Lab events as received; parked ones (waiting for their unit or donor) replayed, or dismissed by QA with a reason. */
export function LabEventsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<Status>('parked');
  const [page, setPage] = useState(1);
  const [reason, setReason] = useState('');
  const list = useLoad(() => call<Schemas['LabEventPage']>(api.GET('/api/v1/lab/events', { params: { query: { status, page, pageSize: PAGE } } })), [status, page]);
  const { pending, problem, run } = useAct();
  const canDismiss = may(user, 'POST /api/v1/lab/events/{id}/dismiss');
  const canReplay = may(user, 'POST /api/v1/lab/events/{id}/replay');
  return (
    <Stack>
      <Title order={2}>Lab events</Title>
      <Group role="group" aria-label="Event status">
        {(['parked', 'rejected', 'applied', 'dismissed'] as const).map((s) => (
          <Button key={s} size="xs" variant={status === s ? 'filled' : 'default'} aria-pressed={status === s} onClick={() => (setStatus(s), setPage(1))}>
            {s}
          </Button>
        ))}
      </Group>
      {canDismiss && (status === 'parked' || status === 'rejected') ? <TextInput label="Reason to dismiss" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maw={420} /> : null}
      <ProblemAlert problem={list.problem ?? problem} />
      <Table withTableBorder aria-label="Lab events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Integration</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Act</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.eventId}</Table.Td>
              <Table.Td>{e.type}</Table.Td>
              <Table.Td>{String(e.din ?? e.donorNumber ?? e.freezer ?? '—')}</Table.Td>
              <Table.Td>{e.integrationName}</Table.Td>
              <Table.Td>{when(e.receivedAt)}</Table.Td>
              <Table.Td>
                <StatusBadge status={e.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {canReplay && (e.status === 'parked' || e.status === 'rejected') ? (
                    <Button size="xs" variant="default" loading={pending} onClick={() => void run(async () => (await call(api.POST('/api/v1/lab/events/{id}/replay', { params: { path: { id: e.id } } })), list.reload()))}>
                      Replay
                    </Button>
                  ) : null}
                  {canDismiss && (e.status === 'parked' || e.status === 'rejected') ? (
                    <Button size="xs" color="red" variant="outline" loading={pending} onClick={() => void run(async () => (await call(api.POST('/api/v1/lab/events/{id}/dismiss', { params: { path: { id: e.id } }, body: { reason } })), list.reload()))}>
                      Dismiss
                    </Button>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="events" /> : null}
    </Stack>
  );
}
