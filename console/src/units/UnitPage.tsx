import { AcceptanceDecision } from './AcceptanceDecision';
import { DeterminationAction } from './DeterminationAction';
import { Alert, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useLoad } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../components/when';
import { MoveForm } from '../storage/MoveForm';
import { CustodyHandover } from './CustodyHandover';
import { LabelsCard } from './LabelsCard';
import { ResultsEntry } from './ResultsEntry';
import { StatusActions } from './StatusActions';

/** The whole unit: status, results, location, custody, and its audit trail with the chain's check. */
export function UnitPage() {
  const { din = '' } = useParams();
  const { user } = useSession();
  const unit = useLoad(() => call<UnitView>(api.GET('/api/v1/units/{din}', { params: { path: { din } } })), [din]);
  // after the unit (and again after each act on it): not in the way of the unit's own answer after a scan
  const custody = useLoad(
    () => (unit.data ? call<Schemas['CustodyChainView']>(api.GET('/api/v1/units/{din}/custody', { params: { path: { din: unit.data.din } } })) : Promise.resolve(undefined)),
    [unit.data],
  );
  const [showAudit, setShowAudit] = useState(false);
  const [showMove, setShowMove] = useState(false);
  const [showHandover, setShowHandover] = useState(false);
  // The unit's identity, status, results and location paint first; the forms and lists below them
  // (results entry, custody, labels) a frame later, so a scan shows its unit sooner on a busy bench PC
  // (bench/console-scan.ts measured the whole page's mount at about half of scan → page).
  const [restOf, setRestOf] = useState<string | null>(null);
  const shownDin = unit.data?.din;
  useEffect(() => {
    if (!shownDin) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setRestOf(shownDin), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [shownDin]);
  if (unit.problem) return <ProblemAlert problem={unit.problem} />;
  const u = unit.data;
  // never the previous unit's page (and its acts) under the next unit's address while it loads
  // (the address may carry the check character: 14 characters for the unit's 13)
  if (!u || !din.toUpperCase().startsWith(u.din)) return <Text>Loading unit {din}…</Text>;
  return (
    <Stack>
      <Group>
        <Title order={2}>
          Unit <DinDisplay din={u.din} check={u.dinCheck} size="xl" />
        </Title>
        <StatusBadge status={u.status} />
      </Group>
      <Text size="sm">
        {u.bankingType} banking · donor {u.donorId ? <Link to={`/donors/${u.donorId}`}>{u.donorNumber}</Link> : u.donorNumber}
        {u.custodian ? ` · custodian ${u.custodian.name} since ${when(u.custodian.since)}` : ''}
      </Text>
      <StatusActions unit={u} onDone={unit.reload} />
      <AcceptanceDecision unit={u} onDone={unit.reload} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5">
            Results
          </Title>
          <Table aria-label="Results">
            <Table.Tbody>
              <Row k="Received" v={u.receipt ? `${when(u.receipt.receivedAt)}, temperature ${u.receipt.temperatureOk ? 'ok' : 'NOT ok'}` : '—'} />
              <Row k="Processing" v={u.processing ? `${when(u.processing.processedAt)}: ${u.processing.volumeMl} mL, TNC ${u.processing.tncCount.toExponential(2)}, CD34+ ${u.processing.cd34Count.toExponential(2)}, viability ${u.processing.viabilityPct}%` : '—'} />
              <Row k="ABO/Rh" v={u.abo ? `${u.abo} ${u.rh ?? ''}` : '—'} />
              <Row k="HLA" v={u.hla ? ['A', 'B', 'C', 'DRB1', 'DQB1'].filter((l) => Array.isArray(u.hla?.[l])).map((l) => `${l}*${(u.hla![l] as string[]).join('/')}`).join('  ') : '—'} />
              <Row k="Sterility" v={u.sterility ? `aerobic ${u.sterility.aerobic}, anaerobic ${u.sterility.anaerobic}` : '—'} />
              <Row k="Acceptance flags" v={u.acceptanceFlags?.length ? u.acceptanceFlags.join('; ') : 'none'} />
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5">
            Location
          </Title>
          <Text size="sm">{u.position ? <>Position {u.position.label ?? ''}{u.position.boxId ? <> · <Link to={`/storage/boxes/${u.position.boxId}`}>open the box</Link></> : null}</> : 'Not in storage'}</Text>
          {u.position && may(user, 'POST /api/v1/units/{din}/move') ? (
            <>
              <Button variant="subtle" size="xs" mt={4} onClick={() => setShowMove((x) => !x)} aria-expanded={showMove}>
                {showMove ? 'Cancel the move' : 'Move to another position'}
              </Button>
              {showMove ? (
                <MoveForm
                  unit={u}
                  onMoved={() => {
                    setShowMove(false);
                    unit.reload();
                  }}
                />
              ) : null}
            </>
          ) : null}
          {u.releaseCheck ? (
            <>
              <Title order={3} size="h5" mt="md">
                Release check list
              </Title>
              {u.releaseCheck.ready ? (
                <Text size="sm">Every release criterion is met.</Text>
              ) : (
                <List size="sm" aria-label="Unmet release criteria">
                  {u.releaseCheck.unmet.map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                </List>
              )}
            </>
          ) : null}
        </Card>
      </SimpleGrid>
      {restOf === u.din ? (
      <>
      <DeterminationAction unit={u} onDone={unit.reload} />
      {may(user, 'POST /api/v1/units/{din}/processing') ? <ResultsEntry unit={u} onDone={unit.reload} /> : null}
      <Card withBorder>
        <Title order={3} size="h5">
          Chain of custody {custody.data ? (custody.data.complete ? '(complete)' : '(INCOMPLETE)') : ''}
        </Title>
        <ProblemAlert problem={custody.problem} />
        {may(user, 'POST /api/v1/units/{din}/custody') && u.position ? (
          <Text size="sm">A stored unit is retrieved from its position before it is handed over.</Text>
        ) : null}
        {may(user, 'POST /api/v1/units/{din}/custody') && !u.position ? (
          <>
            <Group>
              <Button variant="subtle" size="xs" onClick={() => setShowHandover((x) => !x)} aria-expanded={showHandover}>
                {showHandover ? 'Cancel the handover' : 'Record a custody handover'}
              </Button>
            </Group>
            {showHandover ? (
              <CustodyHandover
                din={u.din}
                custodian={custody.data?.custodian ? String(custody.data.custodian) : null}
                onDone={() => {
                  setShowHandover(false);
                  unit.reload();
                }}
              />
            ) : null}
          </>
        ) : null}
        <Table aria-label="Chain of custody">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {custody.data?.events.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td>{e.kind}</Table.Td>
                <Table.Td>{String(e.from ?? '—')}</Table.Td>
                <Table.Td>{e.to}</Table.Td>
                <Table.Td>{when(e.handedOverAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <LabelsCard unit={u} />
      <Group>
        <Button variant="default" onClick={() => setShowAudit((v) => !v)} aria-expanded={showAudit}>
          {showAudit ? 'Hide audit trail' : 'Show audit trail'}
        </Button>
      </Group>
      {showAudit ? <AuditTrail din={u.din} /> : null}
      </>
      ) : (
        <Text size="sm">Loading the unit's forms…</Text>
      )}
    </Stack>
  );
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={150}>
        {k}
      </Table.Th>
      <Table.Td>{v}</Table.Td>
    </Table.Tr>
  );
}

function AuditTrail({ din }: { din: string }) {
  const trail = useLoad(() => call<Schemas['AuditTrail']>(api.GET('/api/v1/units/{din}/audit', { params: { path: { din } } })), [din]);
  const [verify, setVerify] = useState<Schemas['VerifyResult'] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={3} size="h5">
          Audit trail
        </Title>
        <Button
          onClick={() => {
            setProblem(null);
            call<Schemas['VerifyResult']>(api.GET('/api/v1/units/{din}/audit/verify', { params: { path: { din } } })).then(setVerify, setProblem);
          }}
        >
          Verify the audit trail
        </Button>
      </Group>
      <ProblemAlert problem={trail.problem ?? (problem as never)} />
      {verify ? (
        <Alert color={verify.valid ? 'green' : 'red'} role="status" title={verify.valid ? 'Audit trail verified' : 'Audit trail BROKEN'} mt="sm">
          {verify.valid ? `All ${verify.entries} entries match their hash chain.` : `Entry ${verify.firstInvalidSeq} does not match its hash chain (${verify.entries} entries).`}
        </Alert>
      ) : null}
      <Table aria-label="Audit trail" mt="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Signature</Table.Th>
            <Table.Th>Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trail.data?.items.map((e) => (
            <Table.Tr key={`${e.chain}-${e.seq}`}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{when(e.at)}</Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>{String(e.actorName ?? `${e.actorType} ${e.actorId}`)}</Table.Td>
              <Table.Td>{e.reason ? String(e.reason) : ''}</Table.Td>
              <Table.Td>{e.signature ? `${e.signature.signerName}: ${e.signature.meaning}` : ''}</Table.Td>
              <Table.Td>
                <Code>{e.hash.slice(0, 12)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
