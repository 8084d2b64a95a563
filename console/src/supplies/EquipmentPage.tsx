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
import { type Equipment, EQUIPMENT_TYPES, type EquipmentType, isoDay, type Paged as Page, words } from '../quality/views';
import { EQUIPMENT_STATES, type EquipmentState } from './equipment-view';

const PAGE = 20;
const past = (day: string | null) => !!day && day < isoDay();

/** Processing and testing equipment (21 CFR 1271.200) by next due date: register, record a calibration or maintenance. */
export function EquipmentPage() {
  const { user } = useSession();
  const [dueBy, setDueBy] = useState('');
  const [state, setState] = useState<EquipmentState | ''>('');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Page<Equipment>>(api.GET('/api/v1/equipment', { params: { query: { page, pageSize: PAGE, ...(dueBy ? { dueBy } : {}), ...(state ? { state } : {}) } } })), [dueBy, state, page]);
  const canService = may(user, 'POST /api/v1/equipment/{id}/services');
  const [servicing, setServicing] = useState<Equipment | null>(null);
  return (
    <Stack>
      <Title order={2}>Equipment</Title>
      <Group align="flex-end">
        <Select
          label="State"
          description="Due soon: within 30 days"
          w={200}
          data={[{ value: '', label: 'any' }, ...EQUIPMENT_STATES.map((s) => ({ value: s, label: words(s) }))]}
          value={state}
          onChange={(v) => (setState((v ?? '') as EquipmentState | ''), setPage(1))}
          allowDeselect={false}
        />
        <TextInput label="Calibration or maintenance due on or before" type="date" w={320} value={dueBy} onChange={(e) => (setDueBy(e.currentTarget.value), setPage(1))} />
      </Group>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Equipment">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Calibration due</Table.Th>
            <Table.Th>Maintenance due</Table.Th>
            <Table.Th>In service</Table.Th>
            <Table.Th>Usable today</Table.Th>
            {canService ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/equipment/${e.id}`}>
                  {e.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{words(e.type)}</Table.Td>
              <Table.Td ff="monospace">{e.serialNumber}</Table.Td>
              <Table.Td>{e.location ?? '—'}</Table.Td>
              <Table.Td fw={past(e.calibrationDueOn) ? 700 : undefined}>{e.calibrationDueOn ? `${e.calibrationDueOn}${past(e.calibrationDueOn) ? ' (past due)' : ''}` : '—'}</Table.Td>
              <Table.Td fw={past(e.maintenanceDueOn) ? 700 : undefined}>{e.maintenanceDueOn ? `${e.maintenanceDueOn}${past(e.maintenanceDueOn) ? ' (past due)' : ''}` : '—'}</Table.Td>
              <Table.Td>{e.inService ? 'yes' : 'no (out of service)'}</Table.Td>
              <Table.Td>{e.usable ? 'yes' : 'no'}</Table.Td>
              {canService ? (
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setServicing(e)} aria-label={`Record service: ${e.name}`}>
                    Record service
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 ? <Text size="sm">No equipment matches.</Text> : null}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="pieces of equipment" /> : null}
      {servicing ? <Service e={servicing} onDone={() => (setServicing(null), list.reload())} onCancel={() => setServicing(null)} /> : null}
      {may(user, 'POST /api/v1/equipment') ? <Register onDone={list.reload} /> : null}
    </Stack>
  );
}

function Service({ e, onDone, onCancel }: { e: Equipment; onDone: () => void; onCancel: () => void }) {
  const [f, setF] = useState<Schemas['EquipmentServiceDto']>({ kind: 'calibration', performedOn: isoDay(), performedBy: '', nextDueOn: isoDay(365), certificate: '' });
  const { pending, problem, run } = useAct();
  const set = (k: keyof typeof f) => (ev: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: ev.currentTarget.value });
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void run(async () => (await call(api.POST('/api/v1/equipment/{id}/services', { params: { path: { id: e.id } }, body: { ...f, ...(f.certificate ? {} : { certificate: undefined }) } })), onDone()));
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Calibration or maintenance of {e.name}
          </Title>
          <ProblemAlert problem={problem} shownFields={['performedOn', 'performedBy', 'nextDueOn']} />
          <SimpleGrid cols={{ base: 1, sm: 5 }} style={{ alignItems: 'end' }}>
            <Select label="Kind" data={['calibration', 'maintenance']} value={f.kind} onChange={(v) => v && setF({ ...f, kind: v as typeof f.kind })} allowDeselect={false} />
            <TextInput label="Performed on" type="date" required value={f.performedOn} onChange={set('performedOn')} error={fieldError(problem, 'performedOn')} />
            <TextInput label="Performed by" required value={f.performedBy} onChange={set('performedBy')} error={fieldError(problem, 'performedBy')} />
            <TextInput label="Next due on" type="date" required value={f.nextDueOn} onChange={set('nextDueOn')} error={fieldError(problem, 'nextDueOn')} />
            <TextInput label="Certificate" value={f.certificate ?? ''} onChange={set('certificate')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={pending}>
              Record service
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Register({ onDone }: { onDone: () => void }) {
  const empty = { type: 'centrifuge' as EquipmentType, name: '', serialNumber: '', manufacturer: '', model: '', location: '', calibrationDueOn: isoDay(180), maintenanceDueOn: isoDay(365) };
  const [f, setF] = useState(empty);
  const { pending, problem, run } = useAct();
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // empty optional fields are left out, not sent as ''
          const body = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')) as Schemas['CreateEquipmentDto'];
          void run(async () => (await call(api.POST('/api/v1/equipment', { body })), setF(empty), onDone()));
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Register equipment
          </Title>
          <ProblemAlert problem={problem} shownFields={['name', 'serialNumber', 'calibrationDueOn', 'maintenanceDueOn']} />
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <Select label="Type" data={EQUIPMENT_TYPES.map((t) => ({ value: t, label: words(t) }))} value={f.type} onChange={(v) => v && setF({ ...f, type: v as EquipmentType })} allowDeselect={false} />
            <TextInput label="Name" required value={f.name} onChange={set('name')} error={fieldError(problem, 'name')} />
            <TextInput label="Serial number" required value={f.serialNumber} onChange={set('serialNumber')} error={fieldError(problem, 'serialNumber')} />
            <TextInput label="Location" value={f.location} onChange={set('location')} />
            <TextInput label="Manufacturer" value={f.manufacturer} onChange={set('manufacturer')} />
            <TextInput label="Model" value={f.model} onChange={set('model')} />
            <TextInput label="Calibration due on" type="date" value={f.calibrationDueOn} onChange={set('calibrationDueOn')} error={fieldError(problem, 'calibrationDueOn')} />
            <TextInput label="Maintenance due on" type="date" value={f.maintenanceDueOn} onChange={set('maintenanceDueOn')} error={fieldError(problem, 'maintenanceDueOn')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={pending}>
              Register equipment
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
