import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../components/when';
import { type LotUnits, words } from '../quality/views';

const PAGE = 25;

/** Which units used lot X (21 CFR 1271.290 tracking): every collection or processing that named it. */
export function SupplyLotPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const data = useLoad(() => call<LotUnits>(api.GET('/api/v1/supplies/lots/{id}/units', { params: { path: { id }, query: { page, pageSize: PAGE } } })), [id, page]);
  if (data.problem && !data.data) return <ProblemAlert problem={data.problem} />;
  const d = data.data;
  if (!d) return <Text>Loading lot…</Text>;
  const lot = d.lot;
  return (
    <Stack>
      <Group>
        <Title order={2}>
          Lot {lot.lotNumber} ({words(lot.type)})
        </Title>
        <StatusBadge status={lot.qcStatus} />
      </Group>
      <Text size="sm">
        {lot.manufacturer} · received {lot.receivedOn} · expires {lot.expiresOn} · {lot.usable ? 'usable today' : 'NOT usable today'}
        {lot.qcDecision ? ` · QC by ${lot.qcDecision.by} ${when(lot.qcDecision.at)}${lot.qcDecision.note ? `: ${lot.qcDecision.note}` : ''}` : ''}
      </Text>
      <Group>
        <Anchor component={Link} to="/supplies">
          All supply lots
        </Anchor>
        {may(user, 'POST /api/v1/lookbacks') ? (
          <Button component={Link} to={`/lookbacks?trigger=supply_lot&supplyLotId=${lot.id}`} variant="default" size="xs">
            Open a look-back on this lot
          </Button>
        ) : null}
      </Group>
      <Title order={3} size="h4">
        Units that used this lot
      </Title>
      <Table withTableBorder aria-label="Units that used this lot">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Used</Table.Th>
            <Table.Th>Under a QA exception</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((u) => (
            <Table.Tr key={`${u.din}-${u.stage}`}>
              <Table.Td>
                <DinDisplay din={u.din} link />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={u.status} />
              </Table.Td>
              <Table.Td>{u.stage}</Table.Td>
              <Table.Td>{when(u.usedAt)}</Table.Td>
              <Table.Td>{u.exceptionId ? 'yes' : 'no'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {d.items.length === 0 ? <Text size="sm">No unit used this lot.</Text> : null}
      <Paged page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} label="units" />
    </Stack>
  );
}
