import { Alert, Anchor, Button, Card, FileInput, Group, List, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { saveAs } from '../components/download';
import { ProblemAlert } from '../components/ProblemAlert';
import { SignatureDialog } from '../components/SignatureDialog';
import { StatusBadge } from '../components/StatusBadge';
import { isoFromLocal, localNow, when } from '../components/when';
import { DEVIATION_DISPOSITIONS, type DeviationView, type DocumentMeta, isoDay, words } from './views';

type Patch = Schemas['UpdateDeviationDto'];
/** The body of one deviation disposition (`DeviationDispositionDto`, src/quality/dto/quality.dto.ts). */
type DeviationDisposition = NonNullable<Patch['dispositions']>[number];
const withDispositions = (d: DeviationDisposition[]): Patch => ({ dispositions: d });

/** One deviation: investigation, root cause, units and their disposition, CAPA, documents, closure (QA, e-signed). */
export function DeviationPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const dev = useLoad(() => call<DeviationView>(api.GET('/api/v1/deviations/{id}', { params: { path: { id } } })), [id]);
  if (dev.problem && !dev.data) return <ProblemAlert problem={dev.problem} />;
  const d = dev.data;
  if (!d) return <Text>Loading deviation…</Text>;
  const open = d.status !== 'closed';
  const qa = open && may(user, 'PATCH /api/v1/deviations/{id}');
  const patch = (body: Patch) => call<DeviationView>(api.PATCH('/api/v1/deviations/{id}', { params: { path: { id } }, body })).then(() => dev.reload());
  return (
    <Stack>
      <Group>
        <Title order={2}>
          Deviation {d.deviationNumber}: {d.title}
        </Title>
        <StatusBadge status={d.status} />
      </Group>
      <Text size="sm">
        {d.severity} · {words(d.category)} · occurred {when(d.occurredAt)} · discovered {when(d.discoveredAt)} · where found: {d.whereFound} · reported by {d.reportedBy.name}
        {d.sourceReference ? ` · raised by ${d.sourceReference}` : ''}
        {d.adverseReaction ? (
          <>
            {' · '}
            <Anchor component={Link} to="/adverse-reactions">
              adverse reaction {d.adverseReaction.reactionNumber}
            </Anchor>
          </>
        ) : null}
      </Text>
      <Text>{d.description}</Text>
      {d.fdaReport.required ? <FdaClock d={d} qa={qa} patch={patch} /> : null}
      <Investigation d={d} qa={qa} patch={patch} />
      <Units d={d} qa={qa} patch={patch} />
      <Capa d={d} qa={qa} patch={patch} />
      <Documents d={d} onUploaded={dev.reload} />
      <Closure d={d} qa={qa} patch={patch} />
      <History d={d} />
    </Stack>
  );
}

type Section = { d: DeviationView; qa: boolean; patch: (body: Patch) => Promise<void> };

function FdaClock({ d, qa, patch }: Section) {
  const f = d.fdaReport;
  const [reference, setReference] = useState('');
  const [reportedAt, setReportedAt] = useState(localNow());
  const { pending, problem, run } = useAct();
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        FDA report (21 CFR 1271.350(b): 45 days from discovery)
      </Title>
      <Text size="sm">
        {f.reportedAt ? `Reported ${when(f.reportedAt)}, reference ${f.reference}` : f.notRequiredReason ? `Not reportable: ${f.notRequiredReason}` : `Due ${f.dueDate}: ${f.daysLeft !== null && f.daysLeft < 0 ? `${-f.daysLeft} day(s) overdue` : `${f.daysLeft} day(s) left`}`}
      </Text>
      {qa && !f.reportedAt && !f.notRequiredReason ? (
        <Group align="flex-end" mt="xs">
          <ProblemAlert problem={problem} shownFields={['fdaReport.reportedAt']} />
          <TextInput label="Reported at" type="datetime-local" value={reportedAt} onChange={(e) => setReportedAt(e.currentTarget.value)} error={fieldError(problem, 'fdaReport.reportedAt')} />
          <TextInput label="FDA report reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
          <Button loading={pending} onClick={() => void run(() => patch({ fdaReport: { reportedAt: isoFromLocal(reportedAt), reference } }))}>
            Record FDA report
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

function Investigation({ d, qa, patch }: Section) {
  const [investigation, setInvestigation] = useState(d.investigation ?? '');
  const [rootCause, setRootCause] = useState(d.rootCause ?? '');
  const { pending, problem, run } = useAct();
  if (!qa)
    return (
      <Card withBorder>
        <Title order={3} size="h5">
          Investigation
        </Title>
        <Text size="sm">{d.investigation ?? 'Not started.'}</Text>
        <Text size="sm" fw={600} mt="xs">
          Root cause
        </Text>
        <Text size="sm">{d.rootCause ?? '—'}</Text>
      </Card>
    );
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Investigation and root cause
        </Title>
        <ProblemAlert problem={problem} shownFields={['investigation', 'rootCause']} />
        <Textarea label="Investigation" autosize minRows={2} value={investigation} onChange={(e) => setInvestigation(e.currentTarget.value)} error={fieldError(problem, 'investigation')} />
        <Textarea label="Root cause" autosize minRows={1} value={rootCause} onChange={(e) => setRootCause(e.currentTarget.value)} error={fieldError(problem, 'rootCause')} />
        <Group>
          <Button
            loading={pending}
            disabled={investigation === (d.investigation ?? '') && rootCause === (d.rootCause ?? '')}
            onClick={() => void run(() => patch({ ...(investigation !== (d.investigation ?? '') ? { investigation } : {}), ...(rootCause !== (d.rootCause ?? '') ? { rootCause } : {}) }))}
          >
            Save investigation
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Units({ d, qa, patch }: Section) {
  const [choice, setChoice] = useState<Record<string, { disposition: (typeof DEVIATION_DISPOSITIONS)[number]; reason: string }>>({});
  const [add, setAdd] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Units concerned
        </Title>
        <ProblemAlert problem={problem} />
        <Table aria-label="Units concerned">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Unit</Table.Th>
              <Table.Th>Status now</Table.Th>
              <Table.Th>Hold</Table.Th>
              <Table.Th>Disposition</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.units.map((u) => {
              const c = choice[u.din] ?? { disposition: 'use_as_is' as const, reason: '' };
              return (
                <Table.Tr key={u.din}>
                  <Table.Td>
                    <DinDisplay din={u.din} check={u.dinCheck} link />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={u.unitStatus} />
                  </Table.Td>
                  <Table.Td>{u.hold === 'placed' ? 'put on hold' : u.hold === 'already_on_hold' ? 'already on hold' : `not held: ${u.notHeldReason ?? ''}`}</Table.Td>
                  <Table.Td>
                    {u.disposition ? (
                      `${words(u.disposition.decision)}: ${u.disposition.reason}`
                    ) : qa ? (
                      <Group align="flex-end" gap="xs">
                        <Select label={`Disposition of ${u.din}`} data={DEVIATION_DISPOSITIONS.map((v) => ({ value: v, label: words(v) }))} value={c.disposition} onChange={(v) => v && setChoice({ ...choice, [u.din]: { ...c, disposition: v as typeof c.disposition } })} allowDeselect={false} w={220} />
                        <TextInput label={`Reason for ${u.din}`} value={c.reason} onChange={(e) => setChoice({ ...choice, [u.din]: { ...c, reason: e.currentTarget.value } })} />
                        <Button size="sm" loading={pending} onClick={() => void run(() => patch(withDispositions([{ din: u.din, ...c }])))}>
                          Record disposition
                        </Button>
                      </Group>
                    ) : (
                      'none yet'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {d.units.length === 0 ? <Text size="sm">No unit is concerned.</Text> : <Text size="sm">A disposition records QA&apos;s decision; the unit leaves its hold on its own page (an e-signed status change).</Text>}
        {qa ? (
          <Group align="flex-end">
            <TextInput label="Add a unit (DIN)" data-scan-target value={add} onChange={(e) => setAdd(e.currentTarget.value)} error={fieldError(problem, 'addUnits')} />
            <Button variant="default" loading={pending} disabled={!add.trim()} onClick={() => void run(async () => (await patch({ addUnits: [{ din: add.trim(), hold: true }] }), setAdd('')))}>
              Add and hold
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Capa({ d, qa, patch }: Section) {
  const [a, setA] = useState<Schemas['CapaActionDto']>({ kind: 'corrective', description: '', owner: '', dueDate: isoDay(30) });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [results, setResults] = useState<Record<string, 'effective' | 'not_effective'>>({});
  const { pending, problem, run } = useAct();
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          CAPA actions
        </Title>
        <ProblemAlert problem={problem} shownFields={['addCapaActions']} />
        <Table aria-label="CAPA actions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Done</Table.Th>
              <Table.Th>Effectiveness</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.capaActions.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.kind}</Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td>{c.owner}</Table.Td>
                <Table.Td>
                  {c.dueDate}
                  {c.overdue ? <Text span c="red.9" fw={700}> overdue</Text> : null}
                </Table.Td>
                <Table.Td>
                  {c.done ? (
                    `${when(c.done.at)}: ${c.done.note}`
                  ) : qa ? (
                    <Group gap="xs" align="flex-end">
                      <TextInput label={`Done note for "${c.description}"`} size="xs" value={notes[c.id] ?? ''} onChange={(e) => setNotes({ ...notes, [c.id]: e.currentTarget.value })} />
                      <Button size="xs" loading={pending} onClick={() => void run(() => patch({ capaUpdates: [{ id: c.id, done: { note: notes[c.id] ?? '' } }] }))}>
                        Mark done
                      </Button>
                    </Group>
                  ) : (
                    'not done'
                  )}
                </Table.Td>
                <Table.Td>
                  {c.effectiveness ? (
                    `${words(c.effectiveness.result)}: ${c.effectiveness.note}`
                  ) : qa && c.done ? (
                    <Group gap="xs" align="flex-end">
                      <Select label="Result" size="xs" w={130} data={[{ value: 'effective', label: 'effective' }, { value: 'not_effective', label: 'not effective' }]} value={results[c.id] ?? 'effective'} onChange={(v) => v && setResults({ ...results, [c.id]: v as 'effective' })} allowDeselect={false} />
                      <TextInput label={`Effectiveness note for "${c.description}"`} size="xs" value={notes[`e${c.id}`] ?? ''} onChange={(e) => setNotes({ ...notes, [`e${c.id}`]: e.currentTarget.value })} />
                      <Button size="xs" loading={pending} onClick={() => void run(() => patch({ capaUpdates: [{ id: c.id, effectiveness: { result: results[c.id] ?? 'effective', note: notes[`e${c.id}`] ?? '' } }] }))}>
                        Record check
                      </Button>
                    </Group>
                  ) : (
                    'not checked'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {d.capaActions.length === 0 ? <Text size="sm">No CAPA action yet.</Text> : null}
        {qa ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await patch({ addCapaActions: [a] });
                setA({ ...a, description: '', owner: '' });
              });
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 5 }} style={{ alignItems: 'end' }}>
              <Select label="Kind" data={['correction', 'corrective', 'preventive']} value={a.kind} onChange={(v) => v && setA({ ...a, kind: v as typeof a.kind })} allowDeselect={false} />
              <TextInput label="CAPA action" required value={a.description} onChange={(e) => setA({ ...a, description: e.currentTarget.value })} error={fieldError(problem, 'addCapaActions[0].description')} />
              <TextInput label="Owner" required value={a.owner} onChange={(e) => setA({ ...a, owner: e.currentTarget.value })} error={fieldError(problem, 'addCapaActions[0].owner')} />
              <TextInput label="Due date" type="date" required value={a.dueDate} onChange={(e) => setA({ ...a, dueDate: e.currentTarget.value })} error={fieldError(problem, 'addCapaActions[0].dueDate')} />
              <Button type="submit" loading={pending}>
                Add CAPA action
              </Button>
            </SimpleGrid>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

function Documents({ d, onUploaded }: { d: DeviationView; onUploaded: () => void }) {
  const { user } = useSession();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { pending, problem, run } = useAct();
  const canUpload = d.status !== 'closed' && may(user, 'POST /api/v1/documents');
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Documents
        </Title>
        <ProblemAlert problem={problem} shownFields={['title', 'file']} />
        <DocumentList docs={d.documents} onProblem={(p) => void run(() => Promise.reject(p))} />
        {canUpload ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                const form = new FormData();
                form.set('ownerType', 'deviation');
                form.set('ownerId', d.id);
                form.set('title', title);
                if (file) form.set('file', file, file.name);
                await call(api.POST('/api/v1/documents', { body: form as unknown as Schemas['UploadDocumentForm'] }));
                setTitle('');
                setFile(null);
                onUploaded();
              });
            }}
          >
            <Group align="flex-end">
              <TextInput label="Document title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(problem, 'title')} />
              <FileInput label="File (PDF, PNG, JPEG, TIFF or text)" required value={file} onChange={setFile} error={fieldError(problem, 'file')} w={300} clearable />
              <Button type="submit" loading={pending}>
                Upload
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

/** An owner's documents with their SHA-256; each downloads through the API (the roles that may read the owner). */
export function DocumentList({ docs, onProblem }: { docs: DocumentMeta[]; onProblem: (p: unknown) => void }) {
  if (!docs.length) return <Text size="sm">No document attached.</Text>;
  return (
    <Table aria-label="Documents">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Title</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>Uploaded</Table.Th>
          <Table.Th>SHA-256</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {docs.map((doc) => (
          <Table.Tr key={doc.id}>
            <Table.Td>
              {doc.title}
              {doc.superseded ? ' (superseded)' : ''}
            </Table.Td>
            <Table.Td>{doc.mediaType}</Table.Td>
            <Table.Td>{doc.sizeBytes} bytes</Table.Td>
            <Table.Td>{when(doc.uploadedAt)}</Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {doc.sha256.slice(0, 16)}…
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" aria-label={`Download ${doc.title}`} onClick={() => saveAs(api.GET('/api/v1/documents/{id}', { params: { path: { id: doc.id } }, parseAs: 'blob' }), doc.title).catch(onProblem)}>
                Download
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Closure({ d, qa, patch }: Section) {
  const [summary, setSummary] = useState('');
  const [signing, setSigning] = useState(false);
  if (d.closure)
    return (
      <Alert color="green" title={`Closed ${when(d.closure.closedAt)} by ${d.closure.closedBy.name}`}>
        {d.closure.summary}
      </Alert>
    );
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Closure
        </Title>
        {d.closureBlockers.length ? (
          <>
            <Text size="sm">It can not close yet:</Text>
            <List size="sm">
              {d.closureBlockers.map((b) => (
                <List.Item key={b}>{b}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm">Nothing blocks closure.</Text>
        )}
        {qa ? (
          <Group align="flex-end">
            <Textarea label="Closure summary" autosize minRows={1} w={480} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
            <Button disabled={!summary.trim()} onClick={() => setSigning(true)}>
              Close deviation
            </Button>
          </Group>
        ) : null}
      </Stack>
      <SignatureDialog
        opened={signing}
        title={`Sign: closure of ${d.deviationNumber}`}
        meaning="closure"
        statement={`By signing you close deviation ${d.deviationNumber}: ${summary}`}
        onClose={() => setSigning(false)}
        onSign={(signature) => patch({ close: { summary, signature } })}
      />
    </Card>
  );
}

function History({ d }: { d: DeviationView }) {
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        History (audit chain)
      </Title>
      <Table aria-label="Deviation history">
        <Table.Tbody>
          {d.history.map((h) => (
            <Table.Tr key={h.seq}>
              <Table.Td>{when(h.at)}</Table.Td>
              <Table.Td>{words(h.action.replace(/^deviation\./, ''))}</Table.Td>
              <Table.Td>{typeof h.actor === 'string' ? h.actor : h.actor?.name}</Table.Td>
              <Table.Td>{h.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
