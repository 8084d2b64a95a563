import { Alert, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { saveAs } from '../components/download';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { SignatureDialog } from '../components/SignatureDialog';
import { StatusBadge } from '../components/StatusBadge';
import { EMPTY_IS_NOW, isoFromLocal, when } from '../components/when';
import { type LookbackUnit, type Paged as Page, words } from '../quality/views';
import { type LookbackView, triggerText } from './LookbacksPage';

const PAGE = 25;
type Disposition = Schemas['DispositionDto']['disposition'];
const DISPOSITIONS: Disposition[] = ['discarded', 'returned_to_inventory', 'recalled', 'used_recipient_followed_up', 'no_action'];
const METHODS: Schemas['NotificationDto']['method'][] = ['phone', 'email', 'fax', 'letter', 'in_person'];

/** One look-back: units found and what was done, consignees and their notifications, dispositions, closure. */
export function LookbackPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const lb = useLoad(() => call<LookbackView>(api.GET('/api/v1/lookbacks/{id}', { params: { path: { id } } })), [id]);
  const [page, setPage] = useState(1);
  const [pendingOnly, setPendingOnly] = useState(false);
  const units = useLoad(() => call<Page<LookbackUnit>>(api.GET('/api/v1/lookbacks/{id}/units', { params: { path: { id }, query: { page, pageSize: PAGE, ...(pendingOnly ? { pending: 'true' as const } : {}) } } })), [id, page, pendingOnly, lb.data]);
  const reports = useAct();
  if (lb.problem && !lb.data) return <ProblemAlert problem={lb.problem} />;
  const l = lb.data;
  if (!l) return <Text>Loading look-back…</Text>;
  const qa = l.status === 'open' && may(user, 'POST /api/v1/lookbacks/{id}/dispositions');
  return (
    <Stack>
      <Group>
        <Title order={2}>Look-back {l.number}</Title>
        <StatusBadge status={l.status} />
      </Group>
      <Text size="sm">
        From {triggerText(l.trigger)} · opened {when(l.opened.at)} by {l.opened.by} · reason: {l.reason}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Count label="Units found" n={l.unitCount} />
        <Count label="Put on hold" n={l.units?.byAction.held ?? 0} />
        <Count label="Already on hold" n={l.units?.byAction.already_on_hold ?? 0} />
        <Count label="Distributed" n={l.units?.byAction.distributed ?? 0} />
        <Count label="Without disposition" n={l.units?.pendingDisposition ?? 0} />
      </SimpleGrid>
      <Group>
        <ProblemAlert problem={reports.problem} />
        <Button variant="default" loading={reports.pending} onClick={() => void reports.run(() => saveAs(api.GET('/api/v1/lookbacks/{id}/report.csv', { params: { path: { id } }, parseAs: 'blob' }), `${l.number}.csv`))}>
          Download CSV report
        </Button>
        <Button variant="default" loading={reports.pending} onClick={() => void reports.run(() => saveAs(api.GET('/api/v1/lookbacks/{id}/report.pdf', { params: { path: { id } }, parseAs: 'blob' }), `${l.number}.pdf`))}>
          Download PDF report
        </Button>
      </Group>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h5">
              Units
            </Title>
            <Checkbox label="Only units without a disposition" checked={pendingOnly} onChange={(e) => (setPendingOnly(e.currentTarget.checked), setPage(1))} />
          </Group>
          <ProblemAlert problem={units.problem} />
          <UnitsTable l={l} rows={units.data?.items ?? []} qa={qa} onDone={lb.reload} />
          {units.data ? <Paged page={units.data.page} pageSize={units.data.pageSize} total={units.data.total} onPage={setPage} label="units" /> : null}
        </Stack>
      </Card>
      <Consignees l={l} qa={qa} onDone={lb.reload} />
      <Closure l={l} qa={qa && may(user, 'POST /api/v1/lookbacks/{id}/close')} onDone={lb.reload} />
    </Stack>
  );
}

function Count({ label, n }: { label: string; n: number }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700}>
        {n}
      </Text>
    </Card>
  );
}

/** The units with what was found and done; QA chooses units and records one disposition for them. */
function UnitsTable({ l, rows, qa, onDone }: { l: LookbackView; rows: LookbackUnit[]; qa: boolean; onDone: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [disposition, setDisposition] = useState<Disposition>('returned_to_inventory');
  const [note, setNote] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <>
      <Table aria-label="Look-back units">
        <Table.Thead>
          <Table.Tr>
            {qa ? <Table.Th>Choose</Table.Th> : null}
            <Table.Th>Unit</Table.Th>
            <Table.Th>Found</Table.Th>
            <Table.Th>Done</Table.Th>
            <Table.Th>Status now</Table.Th>
            <Table.Th>Consignee</Table.Th>
            <Table.Th>Disposition</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.din}>
              {qa ? (
                <Table.Td>
                  {!u.disposition ? <Checkbox aria-label={`Choose ${u.din}`} checked={chosen.includes(u.din)} onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, u.din] : chosen.filter((d) => d !== u.din))} /> : null}
                </Table.Td>
              ) : null}
              <Table.Td>
                <DinDisplay din={u.din} link />
              </Table.Td>
              <Table.Td>{words(u.foundStatus)}</Table.Td>
              <Table.Td>{words(u.action)}</Table.Td>
              <Table.Td>
                <StatusBadge status={u.currentStatus} />
              </Table.Td>
              <Table.Td>{u.facility ? `${u.facility}, ${u.physician ?? ''} (${u.requestNumber})` : '—'}</Table.Td>
              <Table.Td>{u.disposition ? `${words(u.disposition)}: ${u.dispositionNote ?? ''}` : 'none yet'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {qa && l.status === 'open' && (l.units?.pendingDisposition ?? 0) > 0 ? (
        <Stack gap="xs">
          <ProblemAlert problem={problem} shownFields={['note', 'dins']} />
          <Group align="flex-end">
            <Select label="Disposition" data={DISPOSITIONS.map((d) => ({ value: d, label: words(d) }))} value={disposition} onChange={(v) => v && setDisposition(v as Disposition)} allowDeselect={false} w={260} />
            <TextInput label="Disposition note" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(problem, 'note')} w={320} />
            <Button
              disabled={!chosen.length}
              loading={pending}
              onClick={() =>
                void run(async () => {
                  await call(api.POST('/api/v1/lookbacks/{id}/dispositions', { params: { path: { id: l.id } }, body: { dins: chosen, disposition, note } }));
                  setChosen([]);
                  setNote('');
                  onDone();
                })
              }
            >
              Record disposition of {chosen.length} unit(s)
            </Button>
          </Group>
        </Stack>
      ) : null}
    </>
  );
}

/** The consignees of distributed units: each notification (who, when, how) and its acknowledgement. */
function Consignees({ l, qa, onDone }: { l: LookbackView; qa: boolean; onDone: () => void }) {
  const [form, setForm] = useState<Record<string, { contact: string; method: Schemas['NotificationDto']['method']; notifiedAt: string; acknowledged: boolean; notes: string }>>({});
  const { pending, problem, run } = useAct();
  const consignees = l.consignees ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Consignees to notify
        </Title>
        {consignees.length === 0 ? <Text size="sm">No unit of this look-back was distributed: nobody to notify.</Text> : null}
        <ProblemAlert problem={problem} shownFields={['contact', 'notifiedAt']} />
        {consignees.map((c) => {
          const f = form[c.id] ?? { contact: '', method: 'phone' as const, notifiedAt: '', acknowledged: false, notes: '' };
          const set = (patch: Partial<typeof f>) => setForm({ ...form, [c.id]: { ...f, ...patch } });
          return (
            <Card key={c.id} withBorder padding="sm">
              <Text fw={600}>
                {c.facility} · {c.physician} {c.notified ? (c.acknowledged ? '(notified, acknowledged)' : '(notified, not acknowledged)') : '(NOT notified)'}
              </Text>
              <Text size="sm">
                Units {c.dins.join(', ')} · requests {c.requestNumbers.join(', ')}
              </Text>
              {c.notifications.length ? (
                <Table aria-label={`Notifications of ${c.facility}`}>
                  <Table.Tbody>
                    {c.notifications.map((n) => (
                      <Table.Tr key={n.id}>
                        <Table.Td>{when(n.notifiedAt)}</Table.Td>
                        <Table.Td>{words(n.method)}</Table.Td>
                        <Table.Td>{n.contact}</Table.Td>
                        <Table.Td>{n.acknowledged ? `acknowledged ${when(n.acknowledgedAt)}` : 'not acknowledged'}</Table.Td>
                        <Table.Td>{n.notes ?? ''}</Table.Td>
                        <Table.Td>recorded by {n.recordedBy}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {qa ? (
                <Group align="flex-end" mt="xs">
                  <TextInput label={`Person reached at ${c.facility}`} value={f.contact} onChange={(e) => set({ contact: e.currentTarget.value })} error={fieldError(problem, 'contact')} />
                  <Select label="How" data={METHODS.map((m) => ({ value: m, label: words(m) }))} value={f.method} onChange={(v) => v && set({ method: v as typeof f.method })} allowDeselect={false} w={130} />
                  <TextInput label="When" description={EMPTY_IS_NOW} type="datetime-local" value={f.notifiedAt} onChange={(e) => set({ notifiedAt: e.currentTarget.value })} error={fieldError(problem, 'notifiedAt')} />
                  <Checkbox label="Acknowledged" checked={f.acknowledged} onChange={(e) => set({ acknowledged: e.currentTarget.checked })} mb={8} />
                  <TextInput label="Notes" value={f.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
                  <Button
                    loading={pending}
                    onClick={() =>
                      void run(async () => {
                        const at = isoFromLocal(f.notifiedAt);
                        await call(api.POST('/api/v1/lookbacks/{id}/notifications', { params: { path: { id: l.id } }, body: { consigneeId: c.id, contact: f.contact, method: f.method, notifiedAt: at, ...(f.acknowledged ? { acknowledged: true, acknowledgedAt: at } : {}), ...(f.notes ? { notes: f.notes } : {}) } }));
                        onDone();
                      })
                    }
                  >
                    Record notification
                  </Button>
                </Group>
              ) : null}
            </Card>
          );
        })}
      </Stack>
    </Card>
  );
}

function Closure({ l, qa, onDone }: { l: LookbackView; qa: boolean; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [signing, setSigning] = useState(false);
  if (l.closure)
    return (
      <Alert color="green" title={`Closed ${when(l.closure.at)} by ${l.closure.by}`}>
        {l.closure.note}
      </Alert>
    );
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Closure
        </Title>
        <Text size="sm">{l.closable ? 'Every unit has a disposition and every consignee was notified: it may close.' : 'It closes when every unit has a disposition and every consignee a recorded notification.'}</Text>
        {qa ? (
          <Group align="flex-end">
            <Textarea label="Closure note" autosize minRows={1} w={480} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button disabled={!note.trim()} onClick={() => setSigning(true)}>
              Close look-back
            </Button>
          </Group>
        ) : null}
      </Stack>
      <SignatureDialog
        opened={signing}
        title={`Sign: closure of ${l.number}`}
        meaning="closure"
        statement={`By signing you close look-back ${l.number}: ${note}`}
        onClose={() => setSigning(false)}
        onSign={async (signature) => {
          await call(api.POST('/api/v1/lookbacks/{id}/close', { params: { path: { id: l.id } }, body: { note, signature } }));
          onDone();
        }}
      />
    </Card>
  );
}
