import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { isoDay, type Paged as Page, type SupplyLot, SUPPLY_TYPES, type SupplyType, words } from '../quality/views';

const PAGE = 20;

/** Supply lots by expiry (21 CFR 1271.210): receive one (lab), QC accept or reject (QA), open its units. */
export function SuppliesPage() {
  const { user } = useSession();
  const [type, setType] = useState<SupplyType | ''>('');
  const [qc, setQc] = useState<'pending' | 'accepted' | 'rejected' | ''>('');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Page<SupplyLot>>(api.GET('/api/v1/supplies/lots', { params: { query: { page, pageSize: PAGE, ...(type ? { type } : {}), ...(qc ? { qcStatus: qc } : {}) } } })), [type, qc, page]);
  const canQc = may(user, 'POST /api/v1/supplies/lots/{id}/qc');
  return (
    <Stack>
      <Title order={2}>Supply lots</Title>
      <Group align="flex-end">
        <Select label="Show type" w={200} data={[{ value: '', label: 'any' }, ...SUPPLY_TYPES.map((t) => ({ value: t, label: words(t) }))]} value={type} onChange={(v) => (setType((v ?? '') as SupplyType | ''), setPage(1))} allowDeselect={false} />
        <Select label="Show QC status" w={160} data={[{ value: '', label: 'any' }, 'pending', 'accepted', 'rejected']} value={qc} onChange={(v) => (setQc((v ?? '') as typeof qc), setPage(1))} allowDeselect={false} />
        <Anchor component={Link} to="/supplies/exceptions" mb={8}>
          QA exceptions
        </Anchor>
      </Group>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Supply lots">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Manufacturer</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>QC</Table.Th>
            <Table.Th>Usable today</Table.Th>
            {canQc ? <Table.Th>QC decision</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Anchor component={Link} to={`/supplies/lots/${l.id}`}>
                  {l.lotNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{words(l.type)}</Table.Td>
              <Table.Td>{l.manufacturer}</Table.Td>
              <Table.Td>{l.receivedOn}</Table.Td>
              <Table.Td>{l.expiresOn}</Table.Td>
              <Table.Td>
                <StatusBadge status={l.qcStatus} />
              </Table.Td>
              <Table.Td>{l.usable ? 'yes' : 'no'}</Table.Td>
              {canQc ? <Table.Td>{l.qcStatus === 'pending' ? <QcDecision lot={l} onDone={list.reload} /> : (l.qcDecision?.note ?? '')}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 ? <Text size="sm">No supply lot matches.</Text> : null}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="lots" /> : null}
      {may(user, 'POST /api/v1/supplies/lots') ? <ReceiveLot onDone={list.reload} /> : null}
    </Stack>
  );
}

/** QA's QC decision on a lot, once (21 CFR 1271.210(a): not used until verified to meet specifications). */
function QcDecision({ lot, onDone }: { lot: SupplyLot; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { pending, problem, run } = useAct();
  const decide = (decision: 'accepted' | 'rejected') => run(async () => (await call(api.POST('/api/v1/supplies/lots/{id}/qc', { params: { path: { id: lot.id } }, body: { decision, ...(note ? { note } : {}) } })), onDone()));
  return (
    <Stack gap={4}>
      <ProblemAlert problem={problem} />
      <Group gap="xs" align="flex-end">
        <TextInput size="xs" label={`QC note for ${lot.lotNumber}`} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button size="xs" loading={pending} onClick={() => void decide('accepted')} aria-label={`Accept lot ${lot.lotNumber}`}>
          Accept
        </Button>
        <Button size="xs" color="red.9" loading={pending} onClick={() => void decide('rejected')} aria-label={`Reject lot ${lot.lotNumber}`}>
          Reject
        </Button>
      </Group>
    </Stack>
  );
}

function ReceiveLot({ onDone }: { onDone: () => void }) {
  const empty: Schemas['CreateSupplyLotDto'] = { type: 'cryoprotectant', manufacturer: '', lotNumber: '', expiresOn: isoDay(365), receivedOn: isoDay(), description: '' };
  const [f, setF] = useState(empty);
  const { pending, problem, run } = useAct();
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call(api.POST('/api/v1/supplies/lots', { body: { ...f, ...(f.description ? {} : { description: undefined }) } }));
            setF(empty);
            onDone();
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Receive a supply lot
          </Title>
          <ProblemAlert problem={problem} shownFields={['manufacturer', 'lotNumber', 'expiresOn', 'receivedOn']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label="Supply type" data={SUPPLY_TYPES.map((t) => ({ value: t, label: words(t) }))} value={f.type} onChange={(v) => v && setF({ ...f, type: v as SupplyType })} allowDeselect={false} />
            <TextInput label="Manufacturer" required value={f.manufacturer} onChange={set('manufacturer')} error={fieldError(problem, 'manufacturer')} />
            <TextInput label="Lot number" required value={f.lotNumber} onChange={set('lotNumber')} error={fieldError(problem, 'lotNumber')} />
            <TextInput label="Received on" type="date" required value={f.receivedOn} onChange={set('receivedOn')} error={fieldError(problem, 'receivedOn')} />
            <TextInput label="Expires on" type="date" required value={f.expiresOn} onChange={set('expiresOn')} error={fieldError(problem, 'expiresOn')} />
            <TextInput label="Description" value={f.description ?? ''} onChange={set('description')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={pending}>
              Record lot
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
