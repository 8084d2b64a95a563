import { Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError, type Problem } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { EMPTY_IS_NOW, isoFromLocal, when } from '../components/when';

type Record_ = Schemas['ClinicalRecordView'];
type Reference = Schemas['ClinicalReferenceView'];
interface Code {
  code: string;
  name: string;
  active?: boolean;
}
interface Measure extends Code {
  unit: string | null;
  valueType: 'number' | 'integer' | 'boolean' | 'category';
  minValue: number | null;
  maxValue: number | null;
  categories: string[] | null;
  methods: string[] | null;
  applicableUses: string[];
}

const sci = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toExponential(2));

/** A visit's state as a word and a colour (never the colour alone). */
export function VisitState({ state }: { state: string }) {
  const color = state === 'overdue' ? 'red' : state === 'due' ? 'yellow' : state === 'done' ? 'green' : 'gray';
  return (
    <Badge color={color} variant="light" style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { color: 'var(--mantine-color-black)', overflow: 'visible', textOverflow: 'clip' } }}>
      {state}
    </Badge>
  );
}

/**
 * Clinical use of a delivered or completed release request (issue 17): what was given (the dose per
 * kg computed by the API), the follow-up schedule with due/overdue visits, visits with their
 * measurements and corrections. Readers are the roles the API lets read outcomes; recording is for
 * the roles that may record.
 */
export function ClinicalCard({ request, onChanged }: { request: Schemas['ReleaseRequestView']; onChanged: () => void }) {
  const { user } = useSession();
  const id = request.id;
  const rec = useLoad(() => call<Record_>(api.GET('/api/v1/release-requests/{id}/clinical', { params: { path: { id } } })), [id]);
  const ref = useLoad(() => call<Reference>(api.GET('/api/v1/clinical/reference')), []);
  const mayRecord = may(user, 'POST /api/v1/release-requests/{id}/administration');
  const r = rec.data;
  const done = (after: Record_) => {
    rec.reload();
    onChanged();
    return after;
  };
  return (
    <Card withBorder component="section" aria-labelledby="clinical-title">
      <Title order={3} size="h5" id="clinical-title">
        Clinical use and follow-up
      </Title>
      <ProblemAlert problem={rec.problem ?? ref.problem} />
      {r ? (
        <Stack gap="sm" mt="xs">
          {r.administration ? (
            <Table aria-label="Administration">
              <Table.Tbody>
                <Row k="Given" v={`${when(r.administration.administeredAt)} · ${r.administration.cellType} (${r.administration.countedCells}) · ${r.administration.route}${r.administration.procedure ? ` · ${r.administration.procedure}` : ''}`} />
                <Row k="Patient" v={`${r.administration.patientWeightKg} kg, ${r.administration.patientAgeMonths} months`} />
                <Row k="Dose (computed)" v={`${sci(r.administration.dosePerKg)} ${r.administration.countedCells}/kg · viable ${sci(r.administration.viableDosePerKg)}/kg · CD34+ ${sci(r.administration.cd34PerKg as unknown as number | null)}/kg`} />
                <Row k="Post-thaw" v={`viability ${r.administration.viabilityPct} %, recovery ${r.administration.recoveryPct} %`} />
                {r.administration.protocol ? <Row k="Protocol" v={`${r.administration.protocol.identifier}, arm ${r.administration.protocol.arm}`} /> : null}
              </Table.Tbody>
            </Table>
          ) : mayRecord && ref.data ? (
            <AdministrationForm request={request} reference={ref.data} onDone={done} />
          ) : (
            <Text size="sm">No administration recorded yet.</Text>
          )}
          {r.schedule.length ? (
            <>
              <Title order={4} size="h6">
                Follow-up schedule
              </Title>
              <Table aria-label="Follow-up schedule">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Day</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Window</Table.Th>
                    <Table.Th>State</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.schedule.map((s) => (
                    <Table.Tr key={s.visitDay}>
                      <Table.Td>{s.visitDay}</Table.Td>
                      <Table.Td>{s.dueDate}</Table.Td>
                      <Table.Td>
                        {s.windowFrom} – {s.windowUntil}
                      </Table.Td>
                      <Table.Td>
                        <VisitState state={s.state} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          {r.followUps.map((v) => (
            <Visit key={v.visitDay} requestId={id} visit={v} mayCorrect={may(user, 'PATCH /api/v1/release-requests/{id}/follow-ups/{visitDay}/measurements/{measure}')} onDone={done} />
          ))}
          {r.administration && may(user, 'POST /api/v1/release-requests/{id}/follow-ups') && ref.data ? (
            <FollowUpForm requestId={id} record={r} reference={ref.data} onDone={done} />
          ) : null}
        </Stack>
      ) : rec.problem ? null : (
        <Text size="sm">Loading…</Text>
      )}
    </Card>
  );
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={160}>
        {k}
      </Table.Th>
      <Table.Td>{v}</Table.Td>
    </Table.Tr>
  );
}

const ADMIN_FIELDS = ['cellType', 'route', 'administeredAt', 'patientAgeMonths', 'patientWeightKg', 'measuredCellCount', 'viabilityPct', 'recoveryPct', 'procedure', 'protocol', 'notes'];

function AdministrationForm({ request, reference, onDone }: { request: Schemas['ReleaseRequestView']; reference: Reference; onDone: (r: Record_) => void }) {
  const cellTypes = (reference.cellTypes as unknown as (Code & { doseSource: string })[]).filter((c) => c.active !== false);
  const routes = (reference.routes as unknown as Code[]).filter((c) => c.active !== false);
  const protocols = reference.protocols as unknown as { identifier: string; arms: string[]; active?: boolean }[];
  const [v, setV] = useState({ cellType: 'whole_unit', route: 'intravenous', administeredAt: '', patientAgeMonths: '' as number | string, patientWeightKg: '' as number | string, measuredCellCount: '', viabilityPct: '' as number | string, recoveryPct: '' as number | string, procedure: '', protocol: '', arm: '', notes: '' });
  const { pending, problem, run } = useAct();
  const measured = cellTypes.find((c) => c.code === v.cellType)?.doseSource === 'measured';
  const trial = request.intendedUse === 'clinical_trial';
  const num = (x: number | string) => (x === '' ? undefined : Number(x));
  // a completed request already has its infusion time: the record must carry the same
  const infusedAt = (request.outcome as { infusedAt?: string } | null)?.infusedAt;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () =>
          onDone(
            await call<Record_>(
              api.POST('/api/v1/release-requests/{id}/administration', {
                params: { path: { id: request.id } },
                body: {
                  cellType: v.cellType,
                  route: v.route,
                  administeredAt: v.administeredAt ? isoFromLocal(v.administeredAt) : (infusedAt ?? isoFromLocal('')),
                  patientAgeMonths: num(v.patientAgeMonths) as number,
                  patientWeightKg: num(v.patientWeightKg),
                  measuredCellCount: measured && v.measuredCellCount ? Number(v.measuredCellCount) : undefined,
                  viabilityPct: num(v.viabilityPct) as number,
                  recoveryPct: num(v.recoveryPct) as number,
                  procedure: v.procedure || undefined,
                  protocol: trial ? { identifier: v.protocol, arm: v.arm } : undefined,
                  notes: v.notes || undefined,
                },
              }),
            ),
          ),
        );
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h6">
          Record the administration
        </Title>
        <ProblemAlert problem={problem} shownFields={ADMIN_FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label="Product as prepared" required data={cellTypes.map((c) => ({ value: c.code, label: c.name }))} value={v.cellType} onChange={(x) => x && setV({ ...v, cellType: x })} allowDeselect={false} error={fieldError(problem, 'cellType')} />
          <Select label="Route" required data={routes.map((c) => ({ value: c.code, label: c.name }))} value={v.route} onChange={(x) => x && setV({ ...v, route: x })} allowDeselect={false} error={fieldError(problem, 'route')} />
          <TextInput label="Administered at" type="datetime-local" description={infusedAt ? `Leave empty for the recorded infusion time (${when(infusedAt)})` : EMPTY_IS_NOW} value={v.administeredAt} onChange={(e) => setV({ ...v, administeredAt: e.currentTarget.value })} error={fieldError(problem, 'administeredAt')} />
          <NumberInput label="Patient age (months)" required min={0} max={1500} value={v.patientAgeMonths} onChange={(x) => setV({ ...v, patientAgeMonths: x })} error={fieldError(problem, 'patientAgeMonths')} />
          <NumberInput label="Patient weight (kg)" description={`Leave empty for the request's ${request.patient.weightKg} kg`} min={0} decimalScale={2} value={v.patientWeightKg} onChange={(x) => setV({ ...v, patientWeightKg: x })} error={fieldError(problem, 'patientWeightKg')} />
          {measured ? <TextInput label="Measured cell count in the product" required description="e.g. 3.4e8" value={v.measuredCellCount} onChange={(e) => setV({ ...v, measuredCellCount: e.currentTarget.value })} error={fieldError(problem, 'measuredCellCount')} /> : null}
          <NumberInput label="Post-thaw viability (%)" required min={0} max={100} decimalScale={1} value={v.viabilityPct} onChange={(x) => setV({ ...v, viabilityPct: x })} error={fieldError(problem, 'viabilityPct')} />
          <NumberInput label="Post-thaw recovery (%)" required min={0} max={200} decimalScale={1} value={v.recoveryPct} onChange={(x) => setV({ ...v, recoveryPct: x })} error={fieldError(problem, 'recoveryPct')} />
          <TextInput label="Procedure" value={v.procedure} onChange={(e) => setV({ ...v, procedure: e.currentTarget.value })} error={fieldError(problem, 'procedure')} />
          {trial ? (
            <>
              <Select label="Protocol" required data={protocols.filter((p) => p.active !== false).map((p) => p.identifier)} value={v.protocol || null} onChange={(x) => setV({ ...v, protocol: x ?? '', arm: '' })} error={fieldError(problem, 'protocol')} />
              <Select label="Arm" required data={protocols.find((p) => p.identifier === v.protocol)?.arms ?? []} value={v.arm || null} onChange={(x) => setV({ ...v, arm: x ?? '' })} error={fieldError(problem, 'protocol.arm')} />
            </>
          ) : null}
          <TextInput label="Notes" value={v.notes} onChange={(e) => setV({ ...v, notes: e.currentTarget.value })} error={fieldError(problem, 'notes')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={pending}>
            Record the administration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Visit({ requestId, visit, mayCorrect, onDone }: { requestId: string; visit: Schemas['VisitView']; mayCorrect: boolean; onDone: (r: Record_) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">
        Visit day {visit.visitDay} · {when(visit.assessedAt)}
        {visit.notes ? ` · ${visit.notes}` : ''}
      </Title>
      <ProblemAlert problem={problem} shownFields={['value', 'reason']} />
      <Table aria-label={`Measurements of visit day ${visit.visitDay}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Correction</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visit.measurements.map((m) => (
            <Table.Tr key={m.measure}>
              <Table.Td>{m.measure}</Table.Td>
              <Table.Td>
                {String(m.value)} {m.unit ? String(m.unit) : ''}
              </Table.Td>
              <Table.Td>{m.method ? String(m.method) : ''}</Table.Td>
              <Table.Td>
                {editing === m.measure ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const typed = value.trim();
                      const parsed: number | string | boolean = typed === 'true' ? true : typed === 'false' ? false : typed !== '' && !Number.isNaN(Number(typed)) ? Number(typed) : typed;
                      void run(async () => {
                        onDone(
                          await call<Record_>(
                            api.PATCH('/api/v1/release-requests/{id}/follow-ups/{visitDay}/measurements/{measure}', {
                              params: { path: { id: requestId, visitDay: visit.visitDay, measure: m.measure } },
                              body: { value: parsed as never, reason },
                            }),
                          ),
                        );
                        setEditing(null);
                      });
                    }}
                  >
                    <Group gap="xs" align="flex-end">
                      <TextInput label="Corrected value" size="xs" required value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fieldError(problem, 'value')} />
                      <TextInput label="Reason" size="xs" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
                      <Button type="submit" size="xs" loading={pending}>
                        Save the correction
                      </Button>
                    </Group>
                  </form>
                ) : (
                  <>
                    {m.correctionReason ? `corrected: ${String(m.correctionReason)} ` : ''}
                    {mayCorrect ? (
                      <Button
                        variant="subtle"
                        size="xs"
                        aria-label={`Correct ${m.measure} of day ${visit.visitDay}`}
                        onClick={() => {
                          setEditing(m.measure);
                          setValue(String(m.value));
                          setReason('');
                        }}
                      >
                        Correct
                      </Button>
                    ) : null}
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

interface Row {
  measure: string;
  value: string;
  method: string;
}

function FollowUpForm({ requestId, record, reference, onDone }: { requestId: string; record: Record_; reference: Reference; onDone: (r: Record_) => void }) {
  const open = record.schedule.filter((s) => s.state !== 'done');
  const measures = (reference.measures as unknown as Measure[]).filter((m) => m.active !== false && m.applicableUses.includes(record.intendedUse));
  const [day, setDay] = useState<string | null>(open[0] ? String(open[0].visitDay) : null);
  const [assessedAt, setAssessedAt] = useState('');
  const [notes, setNotes] = useState('');
  const [rows, setRows] = useState<Row[]>([{ measure: measures[0]?.code ?? '', value: '', method: '' }]);
  const { pending, problem, run } = useAct();
  if (!open.length) return <Text size="sm">Every visit of the schedule is recorded.</Text>;
  // the visit chosen, or the first still open once it is recorded
  const visitDay = open.some((s) => String(s.visitDay) === day) ? day : String(open[0].visitDay);
  const valueOf = (r: Row): number | string | boolean => {
    const m = measures.find((x) => x.code === r.measure);
    if (m?.valueType === 'boolean') return r.value === 'true';
    if (m?.valueType === 'number' || m?.valueType === 'integer') return r.value === '' ? Number.NaN : Number(r.value);
    return r.value;
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          onDone(
            await call<Record_>(
              api.POST('/api/v1/release-requests/{id}/follow-ups', {
                params: { path: { id: requestId } },
                body: { visitDay: Number(visitDay), assessedAt: isoFromLocal(assessedAt), notes: notes || undefined, measurements: rows.filter((r) => r.measure).map((r) => ({ measure: r.measure, value: valueOf(r) as never, method: r.method || undefined })) },
              }),
            ),
          );
          setRows([{ measure: measures[0]?.code ?? '', value: '', method: '' }]);
          setNotes('');
        });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h6">
          Record a follow-up visit
        </Title>
        <ProblemAlert problem={problem} shownFields={['visitDay', 'assessedAt', 'notes', ...rows.map((_, i) => `measurements[${i}]`), ...rows.map((_, i) => `measurements.${i}`)]} />
        <Group align="flex-end">
          <Select label="Visit day" required data={open.map((s) => ({ value: String(s.visitDay), label: `day ${s.visitDay} (${s.state}; due ${s.dueDate})` }))} value={visitDay} onChange={setDay} allowDeselect={false} error={fieldError(problem, 'visitDay')} />
          <TextInput label="Assessed at" type="datetime-local" description={EMPTY_IS_NOW} value={assessedAt} onChange={(e) => setAssessedAt(e.currentTarget.value)} error={fieldError(problem, 'assessedAt')} />
          <TextInput label="Visit notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError(problem, 'notes')} />
        </Group>
        {rows.map((r, i) => (
          <MeasurementRow key={i} index={i} row={r} measures={measures} problem={problem} onChange={(next) => setRows(rows.map((x, k) => (k === i ? next : x)))} />
        ))}
        <Group>
          <Button variant="default" onClick={() => setRows([...rows, { measure: '', value: '', method: '' }])}>
            Add a measurement
          </Button>
          <Button type="submit" loading={pending}>
            Record the visit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MeasurementRow({ index, row, measures, problem, onChange }: { index: number; row: Row; measures: Measure[]; problem: Problem | null; onChange: (r: Row) => void }) {
  const m = measures.find((x) => x.code === row.measure);
  const err = fieldError(problem, `measurements[${index}]`) ?? fieldError(problem, `measurements.${index}`);
  const hint = m ? (m.valueType === 'category' ? `one of ${(m.categories ?? []).join(', ')}` : m.valueType === 'boolean' ? 'true or false' : `${m.minValue ?? ''}–${m.maxValue ?? ''} ${m.unit ?? ''}`) : undefined;
  return (
    <Group align="flex-start">
      <Select label={`Measure ${index + 1}`} data={measures.map((x) => ({ value: x.code, label: `${x.name}${x.unit ? ` (${x.unit})` : ''}` }))} value={row.measure || null} onChange={(x) => onChange({ ...row, measure: x ?? '', value: '' })} searchable w={300} />
      {m?.valueType === 'category' || m?.valueType === 'boolean' ? (
        <Select label={`Value ${index + 1}`} data={m.valueType === 'boolean' ? ['true', 'false'] : (m.categories ?? [])} value={row.value || null} onChange={(x) => onChange({ ...row, value: x ?? '' })} description={hint} error={err} />
      ) : (
        <TextInput label={`Value ${index + 1}`} value={row.value} onChange={(e) => onChange({ ...row, value: e.currentTarget.value })} description={hint} error={err} />
      )}
      {m?.methods?.length ? <Select label={`Method ${index + 1}`} data={m.methods} value={row.method || null} onChange={(x) => onChange({ ...row, method: x ?? '' })} /> : null}
    </Group>
  );
}
