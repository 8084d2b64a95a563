import { Alert, Anchor, Button, Group, Loader, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { isoFromLocal, localNow, when } from '../components/when';
import type { Equipment, LookbackTrigger as QualityTrigger, LookbackView as QualityLookback, Paged as Page, SupplyLot } from '../quality/views';
import { words } from '../quality/views';

const PAGE = 20;
/** An equipment look-back's trigger as src/lookbacks/lookbacks.service.ts answers it (the window as used, and where its ends came from). */
export type EquipmentTrigger = { type: 'equipment'; equipmentId: string; equipmentName: string; serialNumber: string; equipmentType: string; from: string; to: string; fromBasis: string; toBasis: string };
export type LookbackTrigger = QualityTrigger | EquipmentTrigger;
export type LookbackView = Omit<QualityLookback, 'trigger'> & { trigger: LookbackTrigger };
type TriggerType = LookbackTrigger['type'];

/** What a look-back started from, in words. */
export function triggerText(t: LookbackTrigger): string {
  switch (t.type) {
    case 'donor':
      return `donor ${t.donorNumber}`;
    case 'supply_lot':
      return `supply lot ${t.lotNumber} (${words(t.supplyType)}, ${t.manufacturer})`;
    case 'freezer':
      return `freezer ${t.freezerName} from ${when(t.from)} to ${when(t.to)}`;
    case 'dins':
      return `${t.dins.length} unit(s) named`;
    case 'equipment':
      return `equipment ${t.equipmentName} (${t.serialNumber}) from ${when(t.from)} (${t.fromBasis}) to ${when(t.to)} (${t.toBasis})`;
  }
}

/** Look-backs and recalls (21 CFR 1271.290): newest first; QA opens one from a donor, a lot, a freezer window, a piece of equipment or DINs. */
export function LookbacksPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'open' | 'closed' | ''>('');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Page<LookbackView>>(api.GET('/api/v1/lookbacks', { params: { query: { page, pageSize: PAGE, ...(status ? { status } : {}) } } })), [status, page]);
  return (
    <Stack>
      <Title order={2}>Look-backs</Title>
      <Select label="Show status" w={160} data={[{ value: '', label: 'any' }, 'open', 'closed']} value={status} onChange={(v) => (setStatus((v ?? '') as typeof status), setPage(1))} allowDeselect={false} />
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Look-backs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Look-back</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th>Units</Table.Th>
            <Table.Th>Without disposition</Table.Th>
            <Table.Th>Consignees to notify</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Anchor component={Link} to={`/lookbacks/${l.id}`}>
                  {l.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={l.status} />
              </Table.Td>
              <Table.Td>{triggerText(l.trigger)}</Table.Td>
              <Table.Td>{when(l.opened.at)}</Table.Td>
              <Table.Td>{l.unitCount}</Table.Td>
              <Table.Td>{l.pendingDisposition ?? '—'}</Table.Td>
              <Table.Td>{l.consigneesToNotify ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 ? <Text size="sm">No look-back.</Text> : null}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="look-backs" /> : null}
      {may(user, 'POST /api/v1/lookbacks') ? <OpenLookback /> : null}
    </Stack>
  );
}

/**
 * Opens a look-back. The API finds, holds and lists every affected unit in one request (no status to
 * poll): the form shows a busy state until it answers, then the look-back.
 */
function OpenLookback() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [type, setType] = useState<TriggerType>((params.get('trigger') as TriggerType | null) ?? 'supply_lot');
  const [supplyLotId, setSupplyLotId] = useState(params.get('supplyLotId') ?? '');
  const [donor, setDonor] = useState('');
  const [freezerId, setFreezerId] = useState('');
  const [equipmentId, setEquipmentId] = useState(params.get('equipmentId') ?? '');
  const [from, setFrom] = useState(localNow(60 * 24));
  const [to, setTo] = useState(localNow());
  // an equipment look-back's window defaults (in the API) to its last calibration until it was taken out of service
  const [eqFrom, setEqFrom] = useState('');
  const [eqTo, setEqTo] = useState('');
  const [dins, setDins] = useState('');
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  const lots = useLoad(() => (type === 'supply_lot' ? call<Page<SupplyLot>>(api.GET('/api/v1/supplies/lots', { params: { query: { pageSize: 200 } } })) : Promise.resolve(null)), [type]);
  const equipment = useLoad(() => (type === 'equipment' ? call<Page<Equipment>>(api.GET('/api/v1/equipment', { params: { query: { pageSize: 200 } } })) : Promise.resolve(null)), [type]);
  const freezers = useLoad(() => (type === 'freezer' ? call<Schemas['FreezerPage']>(api.GET('/api/v1/storage/freezers', { params: { query: { pageSize: 200 } } })) : Promise.resolve(null)), [type]);
  const donors = useLoad(() => (type === 'donor' && donor.trim().length >= 2 ? call<{ items: Schemas['DonorView'][] }>(api.GET('/api/v1/donors', { params: { query: { search: donor.trim(), pageSize: 10 } } })) : Promise.resolve(null)), [type, donor]);
  const [donorId, setDonorId] = useState('');
  const trigger = (): Schemas['LookbackTriggerDto'] => {
    switch (type) {
      case 'supply_lot':
        return { type, supplyLotId };
      case 'donor':
        return { type, donorId };
      case 'freezer':
        return { type, freezerId, from: isoFromLocal(from), to: isoFromLocal(to) };
      case 'equipment':
        return { type, equipmentId, ...(eqFrom ? { from: isoFromLocal(eqFrom) } : {}), ...(eqTo ? { to: isoFromLocal(eqTo) } : {}) };
      case 'dins':
        return { type, dins: dins.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean) };
    }
  };
  return (
    <Paper withBorder p="md" maw={820}>
      <form
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const created = await call<LookbackView>(api.POST('/api/v1/lookbacks', { body: { trigger: trigger(), reason } }));
            navigate(`/lookbacks/${created.id}`);
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Open a look-back
          </Title>
          <ProblemAlert problem={problem ?? lots.problem ?? freezers.problem ?? equipment.problem ?? donors.problem} shownFields={['reason', 'trigger.supplyLotId', 'trigger.donorId', 'trigger.freezerId', 'trigger.equipmentId', 'trigger.from', 'trigger.to', 'trigger.dins']} />
          <Select
            label="Trigger"
            data={[
              { value: 'supply_lot', label: 'a supply lot' },
              { value: 'donor', label: 'a donor (e.g. a later positive marker)' },
              { value: 'freezer', label: 'a freezer over a time window' },
              { value: 'equipment', label: 'a piece of equipment (units that used it)' },
              { value: 'dins', label: 'a list of units (DINs)' },
            ]}
            value={type}
            onChange={(v) => v && setType(v as TriggerType)}
            allowDeselect={false}
            w={360}
          />
          {type === 'supply_lot' ? (
            <Select
              label="Supply lot"
              required
              searchable
              data={(lots.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.lotNumber} · ${words(l.type)} · ${l.manufacturer}` }))}
              value={supplyLotId || null}
              onChange={(v) => setSupplyLotId(v ?? '')}
              error={fieldError(problem, 'trigger.supplyLotId')}
            />
          ) : null}
          {type === 'donor' ? (
            <Group align="flex-end">
              <TextInput label="Find the donor (number or name)" value={donor} onChange={(e) => setDonor(e.currentTarget.value)} />
              <Select label="Donor" required data={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.donorNumber }))} value={donorId || null} onChange={(v) => setDonorId(v ?? '')} error={fieldError(problem, 'trigger.donorId')} nothingFoundMessage="Type 2 characters to search" />
            </Group>
          ) : null}
          {type === 'freezer' ? (
            <Group align="flex-end">
              <Select label="Freezer" required data={(freezers.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))} value={freezerId || null} onChange={(v) => setFreezerId(v ?? '')} error={fieldError(problem, 'trigger.freezerId')} />
              <TextInput label="From" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fieldError(problem, 'trigger.from')} />
              <TextInput label="To" type="datetime-local" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError(problem, 'trigger.to')} />
            </Group>
          ) : null}
          {type === 'equipment' ? (
            <Group align="flex-end">
              <Select
                label="Equipment"
                required
                searchable
                w={360}
                data={(equipment.data?.items ?? []).map((q) => ({ value: q.id, label: `${q.name} · ${q.serialNumber}${q.inService ? '' : ' · out of service'}` }))}
                value={equipmentId || null}
                onChange={(v) => setEquipmentId(v ?? '')}
                error={fieldError(problem, 'trigger.equipmentId')}
              />
              <TextInput label="Used from" description="Empty: its last calibration" type="datetime-local" value={eqFrom} onChange={(e) => setEqFrom(e.currentTarget.value)} error={fieldError(problem, 'trigger.from')} />
              <TextInput label="Used until" description="Empty: out of service, or now" type="datetime-local" value={eqTo} onChange={(e) => setEqTo(e.currentTarget.value)} error={fieldError(problem, 'trigger.to')} />
            </Group>
          ) : null}
          {type === 'dins' ? <Textarea label="Units (DINs)" description="One per line or separated by spaces; scan them here" data-scan-target required autosize minRows={2} value={dins} onChange={(e) => setDins(e.currentTarget.value)} error={fieldError(problem, 'trigger.dins')} /> : null}
          <Textarea label="Reason" required autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
          <Group>
            <Button type="submit" loading={pending}>
              Open look-back
            </Button>
          </Group>
          {pending ? (
            <Alert color="blue" title="Look-back running" role="status" icon={<Loader size="sm" />}>
              Finding every affected unit, putting those still in the bank on hold and listing the consignees to notify. A large look-back takes a while; keep this page open.
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
