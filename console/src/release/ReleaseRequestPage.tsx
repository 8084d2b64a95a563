import { Alert, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { ProblemAlert } from '../components/ProblemAlert';
import { SignatureDialog } from '../components/SignatureDialog';
import { StatusBadge } from '../components/StatusBadge';
import { EMPTY_IS_NOW, isoFromLocal, when } from '../components/when';
import { ClinicalCard } from '../clinical/ClinicalCard';

/**
 * One release request from HLA search to outcome. The next acts are the request's `allowedActions`
 * (from the API), shown only to the roles their routes admit.
 */
export function ReleaseRequestPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const req = useLoad(() => call<Schemas['ReleaseRequestView']>(api.GET('/api/v1/release-requests/{id}', { params: { path: { id } } })), [id]);
  const { pending, problem, run } = useAct();
  const [hits, setHits] = useState<Schemas['SearchHitView'][] | null>(null);
  const [signing, setSigning] = useState(false);
  const [ship, setShip] = useState({ courier: '', shipperId: '', temperatureLoggerId: '', dispatchedAt: '' });
  const [deliver, setDeliver] = useState({ receivedBy: '', receivedAt: '', temperatureOk: true });
  const [infusedAt, setInfusedAt] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  if (req.problem) return <ProblemAlert problem={req.problem} />;
  const r = req.data;
  if (!r) return <Text>Loading…</Text>;
  const path = { params: { path: { id } } };
  const next = (a: string) => r.allowedActions.includes(a);
  const act = (f: () => Promise<unknown>) => void run(async () => (await f(), req.reload()));
  return (
    <Stack>
      <Group>
        <Title order={2}>Release request {r.requestNumber}</Title>
        <StatusBadge status={r.status} />
      </Group>
      <Text size="sm">
        {r.requestingFacility} · {r.physician} · {r.intendedUse.replace(/_/g, ' ')} · needed by {when(r.neededBy)} · patient {r.patient.identifier ?? '(not shown)'}, {r.patient.weightKg} kg
      </Text>
      {r.unit ? (
        <Text>
          Unit: <DinDisplay din={r.unit.din} check={r.unit.dinCheck} link /> <StatusBadge status={r.unit.status} />
          {r.reservation ? ` · TNC/kg ${r.reservation.tncPerKg.toExponential(2)}${r.reservation.matchGrade ? ` · match ${String(r.reservation.matchGrade)}` : ''}` : ''}
        </Text>
      ) : null}
      <ProblemAlert problem={problem} />
      {next('reserve') && may(user, 'POST /api/v1/search/units') ? (
        <Card withBorder>
          <Group justify="space-between">
            <Title order={3} size="h5">
              HLA search
            </Title>
            <Button
              loading={pending}
              disabled={!r.patient.hla}
              onClick={() =>
                void run(async () => {
                  const answer = await call<Schemas['SearchResultView']>(api.POST('/api/v1/search/units', { body: { hla: r.patient.hla!, weightKg: r.patient.weightKg, minMatch: 4, limit: 10, intendedUse: r.intendedUse } }));
                  setHits(answer.items);
                })
              }
            >
              Search matching units
            </Button>
          </Group>
          {hits ? (
            <Table aria-label="Matching units" mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>DIN</Table.Th>
                  <Table.Th>Match</Table.Th>
                  <Table.Th>TNC/kg</Table.Th>
                  <Table.Th>Dose</Table.Th>
                  <Table.Th>Act</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {hits.map((h) => (
                  <Table.Tr key={h.din}>
                    <Table.Td>
                      <DinDisplay din={h.din} check={h.dinCheck} link />
                    </Table.Td>
                    <Table.Td>{String(h.matchGrade ?? '—')}</Table.Td>
                    <Table.Td>{h.tncPerKg.toExponential(2)}</Table.Td>
                    <Table.Td>{h.doseWarning ? 'below 2.5 × 10⁷/kg' : 'ok'}</Table.Td>
                    <Table.Td>
                      {may(user, 'POST /api/v1/release-requests/{id}/reserve') ? (
                        <Button size="xs" onClick={() => act(() => call(api.POST('/api/v1/release-requests/{id}/reserve', { ...path, body: { din: h.din } })))} aria-label={`Reserve ${h.din}`}>
                          Reserve
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          {hits && hits.length === 0 ? <Text size="sm">No available unit matches.</Text> : null}
        </Card>
      ) : null}
      {next('approve') && may(user, 'POST /api/v1/release-requests/{id}/approve') ? (
        <Group>
          <Button onClick={() => setSigning(true)}>Approve release</Button>
          <SignatureDialog
            opened={signing}
            title={`Approve release ${r.requestNumber}`}
            meaning="approval"
            statement={`By signing you approve the release of unit ${r.unit?.din ?? ''} to ${r.requestingFacility} as medical director.`}
            onClose={() => setSigning(false)}
            onSign={async (signature) => {
              await call(api.POST('/api/v1/release-requests/{id}/approve', { ...path, body: { signature } }));
              req.reload();
            }}
          />
        </Group>
      ) : null}
      {next('ship') && may(user, 'POST /api/v1/release-requests/{id}/ship') ? (
        <Card withBorder>
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/release-requests/{id}/ship', { ...path, body: { ...ship, dispatchedAt: isoFromLocal(ship.dispatchedAt) } }))))}>
            <Group align="flex-end">
              <TextInput label="Courier" required value={ship.courier} onChange={(e) => setShip({ ...ship, courier: e.currentTarget.value })} error={fieldError(problem, 'courier')} />
              <TextInput label="Dry shipper id" required value={ship.shipperId} onChange={(e) => setShip({ ...ship, shipperId: e.currentTarget.value })} error={fieldError(problem, 'shipperId')} />
              <TextInput label="Temperature logger id" required value={ship.temperatureLoggerId} onChange={(e) => setShip({ ...ship, temperatureLoggerId: e.currentTarget.value })} error={fieldError(problem, 'temperatureLoggerId')} />
              <TextInput label="Dispatched at" type="datetime-local" description={EMPTY_IS_NOW} value={ship.dispatchedAt} onChange={(e) => setShip({ ...ship, dispatchedAt: e.currentTarget.value })} />
              <Button type="submit" loading={pending}>
                Ship
              </Button>
            </Group>
          </form>
        </Card>
      ) : null}
      {next('deliver') && may(user, 'POST /api/v1/release-requests/{id}/deliver') ? (
        <Card withBorder>
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/release-requests/{id}/deliver', { ...path, body: { ...deliver, receivedAt: isoFromLocal(deliver.receivedAt) } }))))}>
            <Group align="flex-end">
              <TextInput label="Received by" required value={deliver.receivedBy} onChange={(e) => setDeliver({ ...deliver, receivedBy: e.currentTarget.value })} error={fieldError(problem, 'receivedBy')} />
              <TextInput label="Received at" type="datetime-local" description={EMPTY_IS_NOW} value={deliver.receivedAt} onChange={(e) => setDeliver({ ...deliver, receivedAt: e.currentTarget.value })} />
              <Checkbox label="Arrived at temperature" checked={deliver.temperatureOk} onChange={(e) => setDeliver({ ...deliver, temperatureOk: e.currentTarget.checked })} />
              <Button type="submit" loading={pending}>
                Record delivery
              </Button>
            </Group>
          </form>
        </Card>
      ) : null}
      {next('outcome') && may(user, 'POST /api/v1/release-requests/{id}/outcome') ? (
        <Card withBorder>
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/release-requests/{id}/outcome', { ...path, body: { infusedAt: isoFromLocal(infusedAt) } }))))}>
            <Group align="flex-end">
              <TextInput label="Infused at" type="datetime-local" description={EMPTY_IS_NOW} value={infusedAt} onChange={(e) => setInfusedAt(e.currentTarget.value)} error={fieldError(problem, 'infusedAt')} />
              <Button type="submit" loading={pending}>
                Record outcome
              </Button>
            </Group>
          </form>
        </Card>
      ) : null}
      {next('cancel') && may(user, 'POST /api/v1/release-requests/{id}/cancel') ? (
        <Group align="flex-end">
          <TextInput label="Reason to cancel" value={cancelReason} onChange={(e) => setCancelReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
          <Button color="red" variant="outline" disabled={!cancelReason} onClick={() => act(() => call(api.POST('/api/v1/release-requests/{id}/cancel', { ...path, body: { reason: cancelReason } })))}>
            Cancel request
          </Button>
        </Group>
      ) : null}
      {r.approval ? <Alert color="green" title="Approved">Approved by {r.approval.approvedBy.name} at {when(r.approval.approvedAt)} ({r.approval.meaning})</Alert> : null}
      {r.outcome ? <Alert color="teal" title="Outcome">Infused at {when(r.outcome.infusedAt)}</Alert> : null}
      {(r.status === 'delivered' || r.status === 'completed') && may(user, 'GET /api/v1/release-requests/{id}/clinical') ? <ClinicalCard request={r} onChanged={req.reload} /> : null}
    </Stack>
  );
}
