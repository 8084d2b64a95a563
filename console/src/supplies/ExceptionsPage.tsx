import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { isoFromLocal, localNow, when } from '../components/when';
import type { Equipment, Paged as Page, SupplyException, SupplyLot } from '../quality/views';

const PAGE = 20;

/** QA exceptions: the use of an expired or not-accepted lot, or equipment past due, allowed with a reason and a limit. */
export function ExceptionsPage() {
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Page<SupplyException>>(api.GET('/api/v1/supplies/exceptions', { params: { query: { page, pageSize: PAGE } } })), [page]);
  const names = useLoad(
    () =>
      Promise.all([
        call<Page<SupplyLot>>(api.GET('/api/v1/supplies/lots', { params: { query: { pageSize: 200 } } })),
        call<Page<Equipment>>(api.GET('/api/v1/equipment', { params: { query: { pageSize: 200 } } })),
      ]).then(([lots, equipment]) => ({ lots: lots.items, equipment: equipment.items })),
    [],
  );
  const subject = (x: SupplyException) =>
    x.supplyLotId ? `lot ${names.data?.lots.find((l) => l.id === x.supplyLotId)?.lotNumber ?? x.supplyLotId}` : `equipment ${names.data?.equipment.find((e) => e.id === x.equipmentId)?.name ?? x.equipmentId}`;
  return (
    <Stack>
      <Title order={2}>QA exceptions</Title>
      <ProblemAlert problem={list.problem ?? names.problem} />
      <Table withTableBorder aria-label="QA exceptions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>For</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Valid until</Table.Th>
            <Table.Th>Granted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>{subject(x)}</Table.Td>
              <Table.Td>{x.din ? <DinDisplay din={x.din} link /> : 'any unit'}</Table.Td>
              <Table.Td>{x.reason}</Table.Td>
              <Table.Td>
                {when(x.validUntil)}
                {x.valid ? '' : ' (expired)'}
              </Table.Td>
              <Table.Td>
                {x.grantedBy}, {when(x.grantedAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 ? <Text size="sm">No exception recorded.</Text> : null}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="exceptions" /> : null}
      {may(user, 'POST /api/v1/supplies/exceptions') ? <Grant lots={names.data?.lots ?? []} equipment={names.data?.equipment ?? []} onDone={list.reload} /> : null}
    </Stack>
  );
}

function Grant({ lots, equipment, onDone }: { lots: SupplyLot[]; equipment: Equipment[]; onDone: () => void }) {
  const [subject, setSubject] = useState('');
  const [din, setDin] = useState('');
  const [reason, setReason] = useState('');
  const [validUntil, setValidUntil] = useState(localNow(-60 * 24 * 7));
  const { pending, problem, run } = useAct();
  const [kind, id] = subject.split(':');
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call(api.POST('/api/v1/supplies/exceptions', { body: { ...(kind === 'lot' ? { supplyLotId: id } : kind === 'equipment' ? { equipmentId: id } : {}), ...(din.trim() ? { din: din.trim() } : {}), reason, validUntil: isoFromLocal(validUntil) } }));
            setReason('');
            onDone();
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Record an exception
          </Title>
          <ProblemAlert problem={problem} shownFields={['reason', 'validUntil', 'din', 'supplyLotId', 'equipmentId']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Lot or equipment"
              required
              searchable
              data={[
                { group: 'Supply lots', items: lots.filter((l) => !l.usable).map((l) => ({ value: `lot:${l.id}`, label: `${l.lotNumber} (${l.qcStatus}, expires ${l.expiresOn})` })) },
                { group: 'Equipment', items: equipment.filter((x) => !x.usable).map((x) => ({ value: `equipment:${x.id}`, label: `${x.name} ${x.serialNumber}` })) },
              ]}
              value={subject || null}
              onChange={(v) => setSubject(v ?? '')}
              error={fieldError(problem, 'supplyLotId') ?? fieldError(problem, 'equipmentId')}
              nothingFoundMessage="Nothing unusable"
            />
            <TextInput label="For one unit (DIN, recommended)" data-scan-target value={din} onChange={(e) => setDin(e.currentTarget.value)} error={fieldError(problem, 'din')} />
            <TextInput label="Valid until (at most 30 days)" type="datetime-local" required value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={fieldError(problem, 'validUntil')} />
          </SimpleGrid>
          <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
          <Group>
            <Button type="submit" loading={pending}>
              Record exception
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
