import { Anchor, Button, Group, NumberInput, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { isoFromLocal, localNow, when } from '../components/when';

const PAGE = 20;
export const pairOf = (s: string) => s.split(/[\s,/]+/).filter(Boolean);

/** Release requests from transplant centres, newest first; a coordinator submits one. */
export function ReleaseRequestsPage() {
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Schemas['ReleaseRequestPage']>(api.GET('/api/v1/release-requests', { params: { query: { page, pageSize: PAGE } } })), [page]);
  return (
    <Stack>
      <Title order={2}>Release requests</Title>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Release requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Request</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Facility</Table.Th>
            <Table.Th>Needed by</Table.Th>
            <Table.Th>Unit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/release/${r.id}`}>
                  {r.requestNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.requestingFacility}</Table.Td>
              <Table.Td>{when(r.neededBy)}</Table.Td>
              <Table.Td>{r.unit?.din ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="requests" /> : null}
      {may(user, 'POST /api/v1/release-requests') ? <NewRequest /> : null}
    </Stack>
  );
}

function NewRequest() {
  const navigate = useNavigate();
  const [r, setR] = useState({ requestingFacility: '', physician: '', identifier: '', weightKg: 20 as number | string, diagnosis: '', intendedUse: 'allogeneic_transplant' as Schemas['CreateReleaseRequestDto']['intendedUse'], neededBy: localNow(-60 * 24 * 14), A: '', B: '', DRB1: '' });
  const { pending, problem, run } = useAct();
  const set = (k: keyof typeof r) => (e: React.ChangeEvent<HTMLInputElement>) => setR({ ...r, [k]: e.currentTarget.value });
  return (
    <Paper withBorder p="md" maw={820}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const hla = r.A || r.B || r.DRB1 ? { hla: { A: pairOf(r.A), B: pairOf(r.B), DRB1: pairOf(r.DRB1) } } : {};
            const created = await call<Schemas['ReleaseRequestView']>(
              api.POST('/api/v1/release-requests', { body: { requestingFacility: r.requestingFacility, physician: r.physician, intendedUse: r.intendedUse, neededBy: isoFromLocal(r.neededBy), patient: { identifier: r.identifier, weightKg: Number(r.weightKg), diagnosis: r.diagnosis, ...hla } } }),
            );
            navigate(`/release/${created.id}`);
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Submit a release request
          </Title>
          <ProblemAlert problem={problem} shownFields={['requestingFacility', 'physician', 'patient', 'neededBy']} />
          <Group>
            <TextInput label="Requesting facility" required value={r.requestingFacility} onChange={set('requestingFacility')} error={fieldError(problem, 'requestingFacility')} />
            <TextInput label="Physician" required value={r.physician} onChange={set('physician')} error={fieldError(problem, 'physician')} />
            <Select label="Intended use" data={['allogeneic_transplant', 'autologous', 'directed_family', 'clinical_trial']} value={r.intendedUse} onChange={(v) => v && setR({ ...r, intendedUse: v as typeof r.intendedUse })} allowDeselect={false} />
            <TextInput label="Needed by" type="datetime-local" value={r.neededBy} onChange={set('neededBy')} error={fieldError(problem, 'neededBy')} />
          </Group>
          <Group>
            <TextInput label="Patient identifier" required value={r.identifier} onChange={set('identifier')} error={fieldError(problem, 'patient.identifier')} />
            <NumberInput label="Patient weight (kg)" value={r.weightKg} onChange={(v) => setR({ ...r, weightKg: v })} error={fieldError(problem, 'patient.weightKg')} />
            <TextInput label="Diagnosis" required value={r.diagnosis} onChange={set('diagnosis')} error={fieldError(problem, 'patient.diagnosis')} />
          </Group>
          <Group align="flex-end">
            <TextInput label="Patient HLA-A" placeholder="02:01 24:02" value={r.A} onChange={set('A')} error={fieldError(problem, 'patient.hla.A')} />
            <TextInput label="Patient HLA-B" placeholder="07:02 44:02" value={r.B} onChange={set('B')} error={fieldError(problem, 'patient.hla.B')} />
            <TextInput label="Patient HLA-DRB1" placeholder="15:01 04:01" value={r.DRB1} onChange={set('DRB1')} error={fieldError(problem, 'patient.hla.DRB1')} />
            <Button type="submit" loading={pending}>
              Submit request
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
