import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { when } from '../components/when';
import { isoDay, words } from '../quality/views';
import type { EquipmentDetail } from './equipment-view';

const past = (day: string | null) => !!day && day < isoDay();
const due = (day: string | null) => (day ? `${day}${past(day) ? ' (past due)' : ''}` : '—');

/**
 * One piece of equipment (21 CFR 1271.200): in or out of service (since, why, by whom), its calibrations
 * and maintenance, its out-of-service history, and the units that used it since its last calibration.
 * QA takes it out of service with a reason, opens the look-back over those units, and returns it to
 * service only with the calibration or maintenance that shows it fit again.
 */
export function EquipmentDetailPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const eq = useLoad(() => call<EquipmentDetail>(api.GET('/api/v1/equipment/{id}', { params: { path: { id } } })), [id]);
  if (eq.problem && !eq.data) return <ProblemAlert problem={eq.problem} />;
  const e = eq.data;
  if (!e) return <Text>Loading equipment…</Text>;
  const since = e.sinceLastCalibration;
  return (
    <Stack>
      <Group>
        <Title order={2}>{e.name}</Title>
        <Badge color={e.inService ? 'green' : 'red'} variant="light" radius="sm" styles={{ label: { color: 'var(--mantine-color-black)' } }}>
          {e.inService ? 'in service' : 'out of service'}
        </Badge>
      </Group>
      <Text size="sm">
        {words(e.type)} · serial <span style={{ fontFamily: 'monospace' }}>{e.serialNumber}</span>
        {e.manufacturer ? ` · ${e.manufacturer}` : ''}
        {e.model ? ` ${e.model}` : ''} · {e.location ?? 'no location'} · {e.usable ? 'usable today' : 'NOT usable today'}
      </Text>
      <Anchor component={Link} to="/equipment" size="sm">
        All equipment
      </Anchor>
      {e.outOfService ? (
        <Alert color="red" title={`Out of service since ${when(e.outOfService.since)} by ${e.outOfService.by}`}>
          <Text size="sm">{e.outOfService.reason}</Text>
          <Text size="sm">Collections and processing that name it are refused until QA returns it to service.</Text>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder padding="sm">
          <Text size="sm">Calibration due</Text>
          <Text fw={700}>{due(e.calibrationDueOn)}</Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="sm">Maintenance due</Text>
          <Text fw={700}>{due(e.maintenanceDueOn)}</Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="sm">Units that used it since {when(since.from)}</Text>
          <Text fw={700} size="xl">
            {since.unitsUsedIt}
          </Text>
          {may(user, 'POST /api/v1/lookbacks') ? (
            <Anchor component={Link} to={`/lookbacks?trigger=equipment&equipmentId=${e.id}`} size="sm">
              Open an equipment look-back
            </Anchor>
          ) : null}
        </Card>
      </SimpleGrid>
      {e.inService && may(user, 'POST /api/v1/equipment/{id}/out-of-service') ? <TakeOut e={e} onDone={eq.reload} /> : null}
      {!e.inService && may(user, 'POST /api/v1/equipment/{id}/return-to-service') ? <ReturnToService e={e} onDone={eq.reload} /> : null}
      <Title order={3} size="h4">
        Calibrations and maintenance
      </Title>
      <Table withTableBorder aria-label="Calibrations and maintenance">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Performed on</Table.Th>
            <Table.Th>Performed by</Table.Th>
            <Table.Th>Next due on</Table.Th>
            <Table.Th>Certificate</Table.Th>
            <Table.Th>Notes</Table.Th>
            <Table.Th>Recorded</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.services.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.kind}</Table.Td>
              <Table.Td>{s.performedOn}</Table.Td>
              <Table.Td>{s.performedBy}</Table.Td>
              <Table.Td>{s.nextDueOn}</Table.Td>
              <Table.Td>{s.certificate ?? '—'}</Table.Td>
              <Table.Td>{s.notes ?? '—'}</Table.Td>
              <Table.Td>
                {when(s.recordedAt)} by {s.recordedBy}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {e.services.length === 0 ? <Text size="sm">No calibration or maintenance recorded.</Text> : null}
      <Title order={3} size="h4">
        Out-of-service history
      </Title>
      <Table withTableBorder aria-label="Out-of-service history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.serviceHistory.map((h) => (
            <Table.Tr key={h.seq}>
              <Table.Td>{when(h.at)}</Table.Td>
              <Table.Td>{h.change === 'out_of_service' ? 'taken out of service' : 'returned to service'}</Table.Td>
              <Table.Td>{h.by ?? '—'}</Table.Td>
              <Table.Td>{h.reason ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {e.serviceHistory.length === 0 ? <Text size="sm">Never taken out of service.</Text> : null}
    </Stack>
  );
}

function TakeOut({ e, onDone }: { e: EquipmentDetail; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <Paper withBorder p="md" maw={820}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void run(async () => (await call(api.POST('/api/v1/equipment/{id}/out-of-service', { params: { path: { id: e.id } }, body: { reason } })), setReason(''), onDone()));
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Take out of service
          </Title>
          <ProblemAlert problem={problem} shownFields={['reason']} />
          <Textarea label="Why it is taken out of service" required autosize minRows={1} value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} error={fieldError(problem, 'reason')} />
          <Group>
            <Button type="submit" color="red" loading={pending}>
              Take out of service
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type Service = Schemas['EquipmentServiceDto'];

/** Return to service with the calibration and/or maintenance performed since it was taken out (both recorded in the same act). */
function ReturnToService({ e, onDone }: { e: EquipmentDetail; onDone: () => void }) {
  const blank = (kind: Service['kind']): Service => ({ kind, performedOn: isoDay(), performedBy: '', nextDueOn: isoDay(kind === 'calibration' ? 365 : 180), certificate: '' });
  const [reason, setReason] = useState('');
  const [withKind, setWithKind] = useState({ calibration: true, maintenance: past(e.maintenanceDueOn) });
  const [svc, setSvc] = useState({ calibration: blank('calibration'), maintenance: blank('maintenance') });
  const { pending, problem, run } = useAct();
  const kinds = (['calibration', 'maintenance'] as const).filter((k) => withKind[k]);
  const fields = kinds.flatMap((_, i) => ['performedOn', 'performedBy', 'nextDueOn'].map((f) => `services[${i}].${f}`));
  return (
    <Paper withBorder p="md" maw={1000}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          const services = kinds.map((k) => ({ ...svc[k], ...(svc[k].certificate ? {} : { certificate: undefined }) }));
          void run(async () => (await call(api.POST('/api/v1/equipment/{id}/return-to-service', { params: { path: { id: e.id } }, body: { reason, services } })), setReason(''), onDone()));
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Return to service
          </Title>
          <Text size="sm">Only with a calibration or maintenance performed since it was taken out of service, and with no due date left in the past.</Text>
          <ProblemAlert problem={problem} shownFields={['reason', ...fields]} />
          {(['calibration', 'maintenance'] as const).map((k) => {
            const i = kinds.indexOf(k);
            const set = (f: keyof Service) => (ev: React.ChangeEvent<HTMLInputElement>) => setSvc({ ...svc, [k]: { ...svc[k], [f]: ev.currentTarget.value } });
            const err = (f: string) => (i < 0 ? undefined : fieldError(problem, `services[${i}].${f}`));
            return (
              <Stack key={k} gap="xs">
                <Checkbox label={`With a ${k}`} checked={withKind[k]} onChange={(ev) => setWithKind({ ...withKind, [k]: ev.currentTarget.checked })} />
                {withKind[k] ? (
                  <SimpleGrid cols={{ base: 1, sm: 4 }} role="group" aria-label={`The ${k}`}>
                    <TextInput label={`${k === 'calibration' ? 'Calibration' : 'Maintenance'} performed on`} type="date" required value={svc[k].performedOn} onChange={set('performedOn')} error={err('performedOn')} />
                    <TextInput label={`${k === 'calibration' ? 'Calibration' : 'Maintenance'} performed by`} required value={svc[k].performedBy} onChange={set('performedBy')} error={err('performedBy')} />
                    <TextInput label={`Next ${k} due on`} type="date" required value={svc[k].nextDueOn} onChange={set('nextDueOn')} error={err('nextDueOn')} />
                    <TextInput label={`${k === 'calibration' ? 'Calibration' : 'Maintenance'} certificate`} value={svc[k].certificate ?? ''} onChange={set('certificate')} />
                  </SimpleGrid>
                ) : null}
              </Stack>
            );
          })}
          <Textarea label="Why it returns to service" required autosize minRows={1} value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} error={fieldError(problem, 'reason')} />
          <Group>
            <Button type="submit" loading={pending} disabled={!kinds.length}>
              Return to service
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
