import { Anchor, Button, Group, NumberInput, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';

/** The freezers with their occupancy; a lab technician adds one. */
export function StoragePage() {
  const { user } = useSession();
  const list = useLoad(() => call<Schemas['FreezerPage']>(api.GET('/api/v1/storage/freezers', { params: { query: { pageSize: 100 } } })), []);
  return (
    <Stack>
      <Title order={2}>Storage</Title>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Freezers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Freezer</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Used / capacity</Table.Th>
            <Table.Th>Last reading</Table.Th>
            <Table.Th>Excursion</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/storage/freezers/${f.id}`}>
                  {f.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{f.type.replace(/_/g, ' ')}</Table.Td>
              <Table.Td>
                {f.used} / {f.capacity}
              </Table.Td>
              <Table.Td>{f.lastReading ? `${f.lastReading.temperatureC} °C` : '—'}</Table.Td>
              <Table.Td>{f.openExcursion ? 'OPEN' : 'none'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {may(user, 'POST /api/v1/storage/freezers') ? <NewFreezer onDone={list.reload} /> : null}
    </Stack>
  );
}

function NewFreezer({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState<Schemas['CreateFreezerDto']>({ name: '', type: 'vapor_phase', maxTemperatureC: -150, racks: 2, boxesPerRack: 2, rows: 5, columns: 5 });
  const { pending, problem, run } = useAct();
  const num = (k: keyof Schemas['CreateFreezerDto']) => (v: number | string) => setF({ ...f, [k]: Number(v) });
  return (
    <Paper withBorder p="md" maw={720}>
      <form onSubmit={(e) => (e.preventDefault(), void run(async () => (await call(api.POST('/api/v1/storage/freezers', { body: f })), onDone())))}>
        <Stack>
          <Title order={3} size="h5">
            Add a freezer
          </Title>
          <ProblemAlert problem={problem} shownFields={['name', 'type', 'maxTemperatureC', 'racks', 'boxesPerRack', 'rows', 'columns']} />
          <Group align="flex-end">
            <TextInput label="Name" required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} error={fieldError(problem, 'name')} />
            <Select label="Type" data={['liquid_nitrogen', 'vapor_phase', 'mechanical']} value={f.type} onChange={(v) => setF({ ...f, type: (v ?? 'vapor_phase') as typeof f.type })} allowDeselect={false} />
            <NumberInput label="Max temperature (°C)" value={f.maxTemperatureC} onChange={num('maxTemperatureC')} error={fieldError(problem, 'maxTemperatureC')} w={150} />
          </Group>
          <Group align="flex-end">
            <NumberInput label="Racks" value={f.racks} onChange={num('racks')} error={fieldError(problem, 'racks')} w={100} />
            <NumberInput label="Boxes per rack" value={f.boxesPerRack} onChange={num('boxesPerRack')} error={fieldError(problem, 'boxesPerRack')} w={120} />
            <NumberInput label="Rows" value={f.rows} onChange={num('rows')} error={fieldError(problem, 'rows')} w={100} />
            <NumberInput label="Columns" value={f.columns} onChange={num('columns')} error={fieldError(problem, 'columns')} w={100} />
            <Button type="submit" loading={pending}>
              Add freezer
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
