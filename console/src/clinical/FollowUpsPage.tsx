import { Anchor, Button, Card, Checkbox, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { Problem } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';
import { VisitState } from './ClinicalCard';

const STATES = ['due', 'overdue', 'upcoming'] as const;

/**
 * Clinical follow-up (issue 17): the visits not recorded yet (due, overdue, upcoming) with the
 * request each belongs to, the outcome summary, and the de-identified export for the roles the API
 * lets read outcomes (coordinator, medical director, auditor).
 */
export function FollowUpsPage() {
  const [states, setStates] = useState<string[]>(['due', 'overdue']);
  const due = useLoad(() => call<Schemas['DueFollowUpsView']>(api.GET('/api/v1/follow-ups', { params: { query: { status: states.join(',') || 'due,overdue' } } })), [states.join(',')]);
  const summary = useLoad(() => call<Schemas['OutcomeSummaryView']>(api.GET('/api/v1/outcomes/summary')), []);
  return (
    <Stack>
      <Title order={2}>Clinical follow-up</Title>
      <Card withBorder component="section" aria-labelledby="due-title">
        <Group justify="space-between">
          <Title order={3} size="h5" id="due-title">
            Visits to record {due.data ? `(as of ${due.data.asOf})` : ''}
          </Title>
          <Checkbox.Group value={states} onChange={setStates} label="Show" aria-label="Visit states shown">
            <Group gap="sm">
              {STATES.map((s) => (
                <Checkbox key={s} value={s} label={s} />
              ))}
            </Group>
          </Checkbox.Group>
        </Group>
        <ProblemAlert problem={due.problem} />
        <Table aria-label="Visits to record" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Request</Table.Th>
              <Table.Th>Facility</Table.Th>
              <Table.Th>Physician</Table.Th>
              <Table.Th>Use</Table.Th>
              <Table.Th>Visit day</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Window</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.data?.items.map((v) => (
              <Table.Tr key={`${v.requestId}-${v.visitDay}`}>
                <Table.Td>
                  <Link to={`/release/${v.requestId}`}>{v.requestNumber}</Link>
                </Table.Td>
                <Table.Td>{v.requestingFacility}</Table.Td>
                <Table.Td>{v.physician}</Table.Td>
                <Table.Td>
                  {v.intendedUse.replace(/_/g, ' ')}
                  {v.protocol ? ` (${v.protocol})` : ''}
                </Table.Td>
                <Table.Td>{v.visitDay}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{v.dueDate}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {v.windowFrom} – {v.windowUntil}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <VisitState state={v.state} />
                  {v.daysOverdue ? ` ${v.daysOverdue} days` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {due.data && !due.data.items.length ? <Text size="sm">No visit in these states.</Text> : null}
      </Card>
      <Card withBorder component="section" aria-labelledby="summary-title">
        <Title order={3} size="h5" id="summary-title">
          Outcomes summary
        </Title>
        <ProblemAlert problem={summary.problem} />
        {summary.data ? (
          <>
            <Text size="sm">
              {summary.data.counts.administrations} administrations, {summary.data.counts.patients} patients. {summary.data.ciMethod}.
            </Text>
            <Table aria-label="Outcomes summary" mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Measure</Table.Th>
                  <Table.Th>Statistic</Table.Th>
                  <Table.Th>Day</Table.Th>
                  <Table.Th>n</Table.Th>
                  <Table.Th>Mean</Table.Th>
                  <Table.Th>Median</Table.Th>
                  <Table.Th>95 % CI</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.data.measures.map((m) => (
                  <Table.Tr key={`${m.measure}-${m.visitDay}-${m.statistic}`}>
                    <Table.Td>
                      {m.name}
                      {m.unit ? ` (${m.unit})` : ''}
                    </Table.Td>
                    <Table.Td>{m.statistic.replace(/_/g, ' ')}</Table.Td>
                    <Table.Td>{m.visitDay}</Table.Td>
                    <Table.Td>{m.n}</Table.Td>
                    <Table.Td>{m.mean === null || m.mean === undefined ? '—' : String(m.mean)}</Table.Td>
                    <Table.Td>{m.median === null || m.median === undefined ? '—' : String(m.median)}</Table.Td>
                    <Table.Td>{m.ci95 ? `${m.ci95.lower} to ${m.ci95.upper}` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Card>
      <ExportCard />
    </Stack>
  );
}

/**
 * The de-identified outcome dataset (CSV, streamed by the API): downloaded with its progress shown
 * (bytes received, of the length when the server says it), then saved from a link.
 */
function ExportCard() {
  const [received, setReceived] = useState<{ bytes: number; total: number | null } | null>(null);
  const [file, setFile] = useState<{ url: string; bytes: number; withheld: string | null; minCell: string | null } | null>(null);
  const { pending, problem, run } = useAct();
  useEffect(() => () => void (file && URL.revokeObjectURL(file.url)), [file]);
  return (
    <Card withBorder component="section" aria-labelledby="export-title">
      <Title order={3} size="h5" id="export-title">
        De-identified outcome export
      </Title>
      <Text size="sm">One line per measurement: no identifier, name or date; patients pseudonymised; small cells suppressed.</Text>
      <ProblemAlert problem={problem} />
      <Group mt="xs">
        <Button
          loading={pending}
          onClick={() =>
            void run(async () => {
              setFile(null);
              setReceived({ bytes: 0, total: null });
              const answer = await api.GET('/api/v1/outcomes/export', { parseAs: 'stream' });
              if (answer.error !== undefined || !answer.response.ok || !answer.data) throw Problem.from(answer.error, answer.response);
              const total = Number(answer.response.headers.get('content-length')) || null;
              const reader = (answer.data as ReadableStream<Uint8Array>).getReader();
              const chunks: Uint8Array[] = [];
              let bytes = 0;
              for (;;) {
                const { done, value } = await reader.read();
                if (done) break;
                chunks.push(value);
                bytes += value.length;
                setReceived({ bytes, total });
              }
              setFile({
                url: URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'text/csv' })),
                bytes,
                withheld: answer.response.headers.get('x-export-withheld-patients'),
                minCell: answer.response.headers.get('x-export-min-cell-size'),
              });
            })
          }
        >
          Prepare the export
        </Button>
        {file ? (
          <Anchor href={file.url} download="outcomes-deidentified.csv">
            Download outcomes-deidentified.csv
          </Anchor>
        ) : null}
      </Group>
      {received && (pending || file) ? (
        <Stack gap={4} mt="xs" role="status">
          {received.total ? <Progress value={(100 * received.bytes) / received.total} aria-label="Export progress" /> : <Progress value={pending ? 100 : 100} animated={pending} aria-label="Export progress" />}
          <Text size="sm">
            {pending ? 'Receiving' : 'Received'} {(received.bytes / 1024).toFixed(1)} KB{received.total ? ` of ${(received.total / 1024).toFixed(1)} KB` : ''}
            {file ? ` · ${file.withheld ?? 0} patients withheld (cells smaller than ${file.minCell ?? '?'})` : ''}
          </Text>
        </Stack>
      ) : null}
    </Card>
  );
}
