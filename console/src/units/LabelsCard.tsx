import { Alert, Anchor, Button, Card, CloseButton, Code, Group, List, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError, Problem } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScanField } from '../components/ScanField';
import { when } from '../components/when';

const STAGES = [
  { value: 'collection', label: 'Collection (partial label at birth)' },
  { value: 'processing', label: 'Processing' },
  { value: 'final', label: 'Final (at release)' },
  { value: 'shipping', label: 'Shipping' },
] as const;
type Stage = (typeof STAGES)[number]['value'];

interface Printed {
  stage: Stage;
  format: 'pdf' | 'zpl';
  printNumber: string | null;
  url: string;
  zpl?: string;
}

interface PrintRecord {
  seq: number;
  at: string;
  action: string;
  by: string;
  stage: string;
  format: string;
  printNumber: number | null;
  reason: string | null;
}

/**
 * The print history of a unit's labels, read from its audit trail (every print is an entry there,
 * DESIGN.md 8; the API has no list of prints of its own).
 */
function printsOf(trail: Schemas['AuditTrail'] | undefined): PrintRecord[] {
  return (trail?.items ?? [])
    .filter((e) => e.action === 'unit.label.printed' || e.action === 'unit.label.reprinted')
    .map((e) => {
      const after = (e.after ?? {}) as Record<string, unknown>;
      return {
        seq: e.seq,
        at: e.at,
        action: e.action,
        by: String(e.actorName ?? `${e.actorType} ${e.actorId}`),
        stage: String(after.stage ?? ''),
        format: String(after.format ?? ''),
        printNumber: typeof after.print_number === 'number' ? after.print_number : null,
        reason: e.reason ? String(e.reason) : null,
      };
    });
}

interface CheckRecord {
  seq: number;
  at: string;
  by: string;
  stage: string;
  result: string;
  differences: string | null;
}

/** The scan-back verifications of a unit, read from its audit trail (the row each one inserts is there). */
function checksOf(trail: Schemas['AuditTrail'] | undefined): CheckRecord[] {
  return (trail?.items ?? [])
    .filter((e) => e.action === 'unit.label.verified' || e.action === 'unit.label.mismatch')
    .map((e) => {
      const after = (e.after ?? {}) as Record<string, unknown>;
      return {
        seq: e.seq,
        at: e.at,
        by: String(e.actorName ?? `${e.actorType} ${e.actorId}`),
        stage: String(after.stage ?? ''),
        result: String(after.result ?? (e.action === 'unit.label.verified' ? 'match' : 'mismatch')),
        differences: e.reason ? String(e.reason) : null,
      };
    });
}

/**
 * Labels of the unit (DESIGN.md 8, FACT-NetCord labelling stages): print one per stage as PDF (opened
 * in a new tab or downloaded) or ZPL for a thermal printer, a reprint with its reason, the print
 * history, and the unit report (PDF) that goes with a shipment. Printing is for the roles the API
 * lets print (lab technicians); every staff role sees the history and may download the report.
 */
export function LabelsCard({ unit }: { unit: UnitView }) {
  const { user } = useSession();
  const mayPrint = may(user, 'GET /api/v1/units/{din}/labels/{stage}');
  const trail = useLoad(() => call<Schemas['AuditTrail']>(api.GET('/api/v1/units/{din}/audit', { params: { path: { din: unit.din } } })), [unit.din]);
  const prints = printsOf(trail.data);
  const checks = checksOf(trail.data);
  const [stage, setStage] = useState<Stage>('processing');
  const [format, setFormat] = useState<'pdf' | 'zpl'>('pdf');
  const [reason, setReason] = useState('');
  const [printed, setPrinted] = useState<Printed | null>(null);
  const { pending, problem, run } = useAct();
  const report = useAct();
  const [reportUrl, setReportUrl] = useState<string | null>(null);
  const reprint = prints.some((p) => p.stage === stage);
  useEffect(() => () => void (printed && URL.revokeObjectURL(printed.url)), [printed]);
  useEffect(() => () => void (reportUrl && URL.revokeObjectURL(reportUrl)), [reportUrl]);

  const print = () =>
    void run(async () => {
      const answer = await api.GET('/api/v1/units/{din}/labels/{stage}', {
        params: { path: { din: unit.din, stage }, query: { format, ...(reason.trim() ? { reason: reason.trim() } : {}) } },
        parseAs: 'blob',
      });
      if (answer.error !== undefined || !answer.response.ok) throw Problem.from(answer.error, answer.response);
      const blob = answer.data as unknown as Blob;
      setPrinted({
        stage,
        format,
        printNumber: answer.response.headers.get('x-label-print-number'),
        url: URL.createObjectURL(blob),
        zpl: format === 'zpl' ? await blob.text() : undefined,
      });
      setReason('');
      trail.reload();
    });

  return (
    <Card withBorder component="section" aria-labelledby="labels-title">
      <Title order={3} size="h5" id="labels-title">
        Labels
      </Title>
      {mayPrint ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            print();
          }}
        >
          <Stack gap="xs" mt="xs">
            <ProblemAlert problem={problem} shownFields={['reason']} />
            <Group align="flex-end">
              <Select label="Stage" data={STAGES.map((s) => ({ ...s }))} value={stage} onChange={(v) => v && setStage(v as Stage)} allowDeselect={false} w={320} />
              <div>
                <Text size="sm" fw={500} id="label-format">
                  Format
                </Text>
                <SegmentedControl aria-labelledby="label-format" value={format} onChange={(v) => setFormat(v as 'pdf' | 'zpl')} data={[{ value: 'pdf', label: 'PDF' }, { value: 'zpl', label: 'ZPL (thermal printer)' }]} />
              </div>
            </Group>
            {reprint ? (
              <TextInput
                label="Reason for the reprint"
                description={`The ${stage} label was printed before: a reprint is recorded with its reason.`}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError(problem, 'reason')}
              />
            ) : null}
            <Group>
              <Button type="submit" loading={pending}>
                {reprint ? 'Reprint label' : 'Print label'}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm" mt="xs">
          Labels are printed by the laboratory.
        </Text>
      )}
      {printed ? (
        <Stack gap={4} mt="sm" role="status">
          <Text size="sm">
            {printed.stage} label printed (print no. {printed.printNumber ?? '?'}, {printed.format.toUpperCase()}):{' '}
            {printed.format === 'pdf' ? (
              <Anchor href={printed.url} target="_blank" rel="noopener">
                open the PDF in a new tab
              </Anchor>
            ) : null}
            {printed.format === 'pdf' ? ' · ' : ''}
            <Anchor href={printed.url} download={`${unit.din}-${printed.stage}.${printed.format}`}>
              download
            </Anchor>
          </Text>
          {printed.zpl ? (
            <Code block aria-label="ZPL label" tabIndex={0} style={{ maxHeight: 160, overflow: 'auto' }}>
              {printed.zpl}
            </Code>
          ) : null}
        </Stack>
      ) : null}
      {may(user, 'POST /api/v1/units/{din}/labels/{stage}/verify') ? <ScanBack din={unit.din} initialStage={prints.at(-1)?.stage as Stage | undefined} onDone={trail.reload} /> : null}
      <Title order={4} size="h6" mt="md">
        Print history
      </Title>
      <ProblemAlert problem={trail.problem} />
      {prints.length ? (
        <Table aria-label="Label print history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Print no.</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prints.map((p) => (
              <Table.Tr key={p.seq}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(p.at)}</Table.Td>
                <Table.Td>{p.stage}</Table.Td>
                <Table.Td>{p.format}</Table.Td>
                <Table.Td>{p.printNumber ?? ''}</Table.Td>
                <Table.Td>{p.by}</Table.Td>
                <Table.Td>{p.reason ?? (p.action === 'unit.label.printed' ? 'first print' : '')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">{trail.data ? 'No label printed yet.' : 'Loading…'}</Text>
      )}
      {checks.length ? (
        <>
          <Title order={4} size="h6" mt="md">
            Scan-back history
          </Title>
          <Table aria-label="Label scan-back history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Differences</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checks.map((c) => (
                <Table.Tr key={c.seq}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(c.at)}</Table.Td>
                  <Table.Td>{c.stage}</Table.Td>
                  <Table.Td>{c.result}</Table.Td>
                  <Table.Td>{c.by}</Table.Td>
                  <Table.Td>{c.differences ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      <Group mt="md">
        <Button
          variant="default"
          loading={report.pending}
          onClick={() =>
            void report.run(async () => {
              const answer = await api.GET('/api/v1/units/{din}/report', { params: { path: { din: unit.din } }, parseAs: 'blob' });
              if (answer.error !== undefined || !answer.response.ok) throw Problem.from(answer.error, answer.response);
              setReportUrl(URL.createObjectURL(answer.data as unknown as Blob));
            })
          }
        >
          Prepare the unit report (PDF)
        </Button>
        {reportUrl ? (
          <Anchor href={reportUrl} download={`${unit.din}-report.pdf`}>
            Download the unit report
          </Anchor>
        ) : null}
      </Group>
      <ProblemAlert problem={report.problem} />
    </Card>
  );
}

interface Mismatch {
  structure: string;
  expected: string | null;
  scanned: string | null;
  message: string;
}
type Verified = { result: 'match'; stage: Stage; structures: number } | { result: 'mismatch'; stage: Stage; detail: string; mismatches: Mismatch[] };

/**
 * Scan-back verification of an applied label (`POST /units/:din/labels/:stage/verify`): each barcode
 * scanned off the label (or its DataMatrix, or typed and Enter) is listed, then checked by the API
 * against the label the record makes. A match and a mismatch are both recorded on the unit's audit
 * chain; a mismatch (409 LABEL_MISMATCH) is shown with what differed, as the API says it.
 */
function ScanBack({ din, initialStage, onDone }: { din: string; initialStage?: Stage; onDone: () => void }) {
  const [stage, setStage] = useState<Stage | null>(initialStage ?? null);
  const [scans, setScans] = useState<string[]>([]);
  const [verified, setVerified] = useState<Verified | null>(null);
  const { pending, problem, run } = useAct();
  const chosen = stage ?? initialStage ?? 'collection';
  const verify = () =>
    void run(async () => {
      setVerified(null);
      const answer = await api.POST('/api/v1/units/{din}/labels/{stage}/verify', { params: { path: { din, stage: chosen } }, body: { scans } });
      const error = answer.error as { code?: string; detail?: string; mismatches?: Mismatch[] } | undefined;
      if (answer.response.status === 409 && error?.code === 'LABEL_MISMATCH') {
        setVerified({ result: 'mismatch', stage: chosen, detail: error.detail ?? '', mismatches: error.mismatches ?? [] });
        setScans([]);
        onDone();
        return;
      }
      if (error !== undefined || !answer.response.ok) throw Problem.from(error, answer.response);
      setVerified(answer.data as unknown as Verified);
      setScans([]);
      onDone();
    });
  return (
    <Stack gap="xs" mt="md" component="section" aria-labelledby="scan-back-title">
      <Title order={4} size="h6" id="scan-back-title">
        Scan-back verification
      </Title>
      <Group align="flex-end">
        <Select label="Label stage to verify" data={STAGES.map((s) => ({ ...s }))} value={chosen} onChange={(v) => v && setStage(v as Stage)} allowDeselect={false} w={320} />
        <ScanField label="Scan the applied label" description="Each barcode, or the DataMatrix; or type its data and press Enter" onScan={(v) => (setVerified(null), setScans((s) => [...s, v]))} error={fieldError(problem, 'scans')} />
      </Group>
      {scans.length ? (
        <List size="sm" aria-label="Scanned from the label">
          {scans.map((s, i) => (
            <List.Item key={`${i}-${s}`}>
              <Group gap={4} wrap="nowrap">
                <Code>{s}</Code>
                <CloseButton size="sm" aria-label={`Remove scan ${i + 1}`} onClick={() => setScans(scans.filter((_, j) => j !== i))} />
              </Group>
            </List.Item>
          ))}
        </List>
      ) : null}
      <ProblemAlert problem={problem} shownFields={['scans', ...(problem?.errors.map((e) => e.field).filter((f) => f.startsWith('scans[')) ?? [])]} />
      <Group>
        <Button onClick={verify} loading={pending} disabled={scans.length === 0}>
          Verify the label
        </Button>
      </Group>
      {verified?.result === 'match' ? (
        <Alert color="green" role="status" title="Label matches the record" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          The {verified.stage} label of {din} matches the record ({verified.structures} data structures read). Recorded on the unit's audit trail.
        </Alert>
      ) : null}
      {verified?.result === 'mismatch' ? (
        <Alert color="red" role="alert" title="Label does not match the record" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          {verified.detail} Recorded on the unit's audit trail for QA; do not use the label.
          {verified.mismatches.length ? (
            <List size="sm" mt="xs">
              {verified.mismatches.map((m) => (
                <List.Item key={m.message}>
                  {m.message}
                  {m.scanned ? ` (scanned ${m.scanned}` : ''}
                  {m.scanned && m.expected ? `, expected ${m.expected})` : m.scanned ? ')' : ''}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}
