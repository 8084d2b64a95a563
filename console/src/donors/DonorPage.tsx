import { Alert, Button, Card, Checkbox, Group, List, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import type { DonorFile } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { isoFromLocal, localNow, when } from '../components/when';
import { CorrectDonor, CorrectScreening, WithdrawConsent } from './DonorCorrections';

type Marker = Schemas['CreateIdmTestDto']['marker'];
const MARKERS = ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'syphilis-treponemal', 'WNV', 'T. cruzi', 'CMV'] as const satisfies readonly Marker[];
// every marker the API takes is offered: a new one in the regenerated schema fails the typecheck here
const EVERY_MARKER: Exclude<Marker, (typeof MARKERS)[number]> extends never ? true : false = true;
void EVERY_MARKER;

/** A donor's file: consents (and their withdrawal), screening (and its deferral correction), IDM results, eligibility, units, and the correction of the donor's record; each act for the roles its route admits. */
export function DonorPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const donor = useLoad(() => call<DonorFile>(api.GET('/api/v1/donors/{id}', { params: { path: { id } } })), [id]);
  const eligibility = useLoad(() => call<Schemas['EligibilityView']>(api.GET('/api/v1/donors/{id}/eligibility', { params: { path: { id } } })), [id, donor.data]);
  if (donor.problem) return <ProblemAlert problem={donor.problem} />;
  const d = donor.data;
  if (!d) return <Text>Loading…</Text>;
  return (
    <Stack>
      <Title order={2}>
        Donor {d.donorNumber}
        {d.firstName !== undefined ? ` — ${d.firstName} ${d.lastName}` : ''}
      </Title>
      <Text size="sm">
        {d.bankingType} banking{d.dateOfBirth ? ` · born ${d.dateOfBirth}` : ''}
        {d.email ? ` · ${String(d.email)}` : ''}
        {d.phone ? ` · ${String(d.phone)}` : ''}
        {d.ethnicity ? ` · ${String(d.ethnicity)}` : ''}
      </Text>
      {may(user, 'PATCH /api/v1/donors/{id}') ? (
        <Card withBorder>
          <CorrectDonor donor={d} onDone={donor.reload} />
        </Card>
      ) : null}
      <Card withBorder>
        <Group>
          <Title order={3} size="h5">
            Eligibility
          </Title>
          {eligibility.data ? <StatusBadge status={eligibility.data.status} /> : null}
        </Group>
        <ProblemAlert problem={eligibility.problem} />
        {eligibility.data?.reasons.length ? (
          <List size="sm">
            {eligibility.data.reasons.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        ) : null}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5">
            Consents
          </Title>
          <List size="sm">
            {d.consents.map((c) => (
              <List.Item key={c.id}>
                {c.type.replace(/_/g, ' ')} (form {c.formVersion}), signed {when(c.signedAt)} {c.active ? '' : `— withdrawn ${c.withdrawnAt ? when(c.withdrawnAt) : ''}: ${c.withdrawalReason}`}
                {c.active && may(user, 'POST /api/v1/donors/{id}/consents/{consentId}/withdraw') ? <WithdrawConsent donorId={d.id} consent={c} onDone={donor.reload} /> : null}
              </List.Item>
            ))}
          </List>
          {may(user, 'POST /api/v1/donors/{id}/consents') ? <AddConsent id={d.id} banking={d.bankingType} onDone={donor.reload} /> : null}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5">
            Screening
          </Title>
          <List size="sm">
            {d.screenings.map((s) => (
              <List.Item key={s.id}>
                {s.version}, {when(s.completedAt)}: {s.deferralReasons.length ? `deferral: ${s.deferralReasons.join('; ')}` : 'no deferral'}
                {may(user, 'POST /api/v1/donors/{id}/screenings/{screeningId}/correction') ? <CorrectScreening donorId={d.id} screening={s} onDone={donor.reload} /> : null}
              </List.Item>
            ))}
          </List>
          {may(user, 'POST /api/v1/donors/{id}/screenings') ? <AddScreening id={d.id} onDone={donor.reload} /> : null}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5">
            Infectious disease markers
          </Title>
          <Table aria-label="Infectious disease tests">
            <Table.Tbody>
              {d.infectiousDiseaseTests.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.marker}</Table.Td>
                  <Table.Td>{t.result}</Table.Td>
                  <Table.Td>drawn {when(t.sampleDrawnAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {may(user, 'POST /api/v1/donors/{id}/infectious-disease-tests') ? <AddIdm id={d.id} onDone={donor.reload} /> : null}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5">
            Units
          </Title>
          <List size="sm">
            {d.units.map((u) => (
              <List.Item key={u.din}>
                <DinDisplay din={u.din} link /> <StatusBadge status={u.status} />
              </List.Item>
            ))}
          </List>
          {may(user, 'POST /api/v1/collections') ? <AddCollection donorId={d.id} onDone={donor.reload} /> : null}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function AddConsent({ id, banking, onDone }: { id: string; banking: string; onDone: () => void }) {
  const [type, setType] = useState<Schemas['CreateConsentDto']['type']>(banking === 'public' ? 'public_donation' : 'family_storage');
  const [formVersion, setFormVersion] = useState('v1');
  const [signedAt, setSignedAt] = useState(localNow(60));
  const { pending, problem, run } = useAct();
  return (
    <form onSubmit={(e) => (e.preventDefault(), void run(async () => (await call(api.POST('/api/v1/donors/{id}/consents', { params: { path: { id } }, body: { type, formVersion, signedAt: isoFromLocal(signedAt) } })), onDone())))}>
      <Stack gap="xs" mt="sm">
        <ProblemAlert problem={problem} shownFields={['type', 'formVersion', 'signedAt']} />
        <Group align="flex-end">
          <Select label="Consent type" data={['public_donation', 'family_storage', 'research']} value={type} onChange={(v) => v && setType(v as typeof type)} allowDeselect={false} w={180} />
          <TextInput label="Form version" value={formVersion} onChange={(e) => setFormVersion(e.currentTarget.value)} error={fieldError(problem, 'formVersion')} w={110} />
          <TextInput label="Signed at" type="datetime-local" value={signedAt} onChange={(e) => setSignedAt(e.currentTarget.value)} error={fieldError(problem, 'signedAt')} />
          <Button type="submit" loading={pending}>
            Record consent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddScreening({ id, onDone }: { id: string; onDone: () => void }) {
  const [version, setVersion] = useState('MBHQ-1');
  const [completedAt, setCompletedAt] = useState(localNow(50));
  const [deferral, setDeferral] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <form
      onSubmit={(e) => (
        e.preventDefault(),
        void run(async () => (await call(api.POST('/api/v1/donors/{id}/screenings', { params: { path: { id } }, body: { version, completedAt: isoFromLocal(completedAt), deferralReasons: deferral ? deferral.split(';').map((s) => s.trim()) : [] } })), onDone()))
      )}
    >
      <Stack gap="xs" mt="sm">
        <ProblemAlert problem={problem} shownFields={['version', 'completedAt', 'deferralReasons']} />
        <Group align="flex-end">
          <TextInput label="Questionnaire version" value={version} onChange={(e) => setVersion(e.currentTarget.value)} error={fieldError(problem, 'version')} w={160} />
          <TextInput label="Completed at" type="datetime-local" value={completedAt} onChange={(e) => setCompletedAt(e.currentTarget.value)} error={fieldError(problem, 'completedAt')} />
          <TextInput label="Deferral reasons (; separated)" value={deferral} onChange={(e) => setDeferral(e.currentTarget.value)} error={fieldError(problem, 'deferralReasons')} />
          <Button type="submit" loading={pending}>
            Record screening
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddIdm({ id, onDone }: { id: string; onDone: () => void }) {
  const [marker, setMarker] = useState<Marker>('HIV-1');
  const [result, setResult] = useState<Schemas['CreateIdmTestDto']['result']>('negative');
  const [sampleDrawnAt, setDrawn] = useState(localNow(40));
  // the test record of 21 CFR 1271.80(c): kept between entries, as one kit and laboratory run a panel
  const [doc, setDoc] = useState({ testKit: '', method: 'NAT' as 'NAT' | 'serology', lab: '', labCliaNumber: '', transfusedBeforeSample: false, dilutionAcceptable: false });
  const { pending, problem, run } = useAct();
  const body = {
    marker, result, sampleDrawnAt: isoFromLocal(sampleDrawnAt), testKit: doc.testKit, method: doc.method, lab: doc.lab, labCliaNumber: doc.labCliaNumber,
    transfusedBeforeSample: doc.transfusedBeforeSample, ...(doc.transfusedBeforeSample ? { dilutionAcceptable: doc.dilutionAcceptable } : {}),
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void run(async () => (await call(api.POST('/api/v1/donors/{id}/infectious-disease-tests', { params: { path: { id } }, body })), onDone())))}>
      <Stack gap="xs" mt="sm">
        <ProblemAlert problem={problem} shownFields={['marker', 'result', 'sampleDrawnAt', 'testKit', 'method', 'lab', 'labCliaNumber', 'dilutionAcceptable']} />
        <Group align="flex-end">
          <TextInput label="Test kit" value={doc.testKit} onChange={(e) => setDoc({ ...doc, testKit: e.currentTarget.value })} error={fieldError(problem, 'testKit')} w={220} />
          <NativeSelect label="Method" data={['NAT', 'serology']} value={doc.method} onChange={(e) => setDoc({ ...doc, method: e.currentTarget.value as 'NAT' | 'serology' })} w={120} />
          <TextInput label="Laboratory" value={doc.lab} onChange={(e) => setDoc({ ...doc, lab: e.currentTarget.value })} error={fieldError(problem, 'lab')} w={200} />
          <TextInput label="CLIA number" value={doc.labCliaNumber} onChange={(e) => setDoc({ ...doc, labCliaNumber: e.currentTarget.value })} error={fieldError(problem, 'labCliaNumber')} w={140} />
          <Checkbox label="Donor transfused before the sample" checked={doc.transfusedBeforeSample} onChange={(e) => setDoc({ ...doc, transfusedBeforeSample: e.currentTarget.checked })} />
          {doc.transfusedBeforeSample ? <Checkbox label="Plasma dilution acceptable" checked={doc.dilutionAcceptable} onChange={(e) => setDoc({ ...doc, dilutionAcceptable: e.currentTarget.checked })} /> : null}
        </Group>
        <Group align="flex-end">
          <NativeSelect label="Marker" data={[...MARKERS]} value={marker} onChange={(e) => setMarker(e.currentTarget.value as Marker)} w={130} />
          <Select label="Result" data={['negative', 'positive', 'indeterminate']} value={result} onChange={(v) => v && setResult(v as typeof result)} allowDeselect={false} w={140} />
          <TextInput label="Sample drawn at" type="datetime-local" value={sampleDrawnAt} onChange={(e) => setDrawn(e.currentTarget.value)} error={fieldError(problem, 'sampleDrawnAt')} />
          <Button type="submit" loading={pending}>
            Record IDM result
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddCollection({ donorId, onDone }: { donorId: string; onDone: () => void }) {
  const [c, setC] = useState({ hospital: '', collectedBy: '', birthAt: localNow(35), collectedAt: localNow(30), deliveryType: 'vaginal' as 'vaginal' | 'cesarean', gestationalAgeWeeks: 39 as number | string, method: 'ex_utero' as 'ex_utero' | 'in_utero', grossVolumeMl: 95 as number | string, din: '' });
  const [created, setCreated] = useState<Schemas['CollectionCreatedView'] | null>(null);
  const { pending, problem, run } = useAct();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const answer = await call<Schemas['CollectionCreatedView']>(
            api.POST('/api/v1/collections', {
              body: { donorId, hospital: c.hospital, collectedBy: c.collectedBy, birthAt: isoFromLocal(c.birthAt), collectedAt: isoFromLocal(c.collectedAt), deliveryType: c.deliveryType, gestationalAgeWeeks: Number(c.gestationalAgeWeeks), method: c.method, grossVolumeMl: Number(c.grossVolumeMl), ...(c.din ? { din: c.din } : {}) },
            }),
          );
          setCreated(answer);
          onDone();
        });
      }}
    >
      <Stack gap="xs" mt="sm">
        <Title order={4} size="h6">
          Record a collection
        </Title>
        {created ? (
          <Alert color="green" role="status" title="Collection recorded">
            New unit <DinDisplay din={created.unit.din} check={created.unit.dinCheck} link />
          </Alert>
        ) : null}
        <ProblemAlert problem={problem} shownFields={['hospital', 'collectedBy', 'birthAt', 'collectedAt', 'gestationalAgeWeeks', 'grossVolumeMl', 'din']} />
        <Group align="flex-end">
          <TextInput label="Hospital" required value={c.hospital} onChange={(e) => setC({ ...c, hospital: e.currentTarget.value })} error={fieldError(problem, 'hospital')} />
          <TextInput label="Collected by" required value={c.collectedBy} onChange={(e) => setC({ ...c, collectedBy: e.currentTarget.value })} error={fieldError(problem, 'collectedBy')} />
          <TextInput label="Kit DIN (optional)" value={c.din} onChange={(e) => setC({ ...c, din: e.currentTarget.value })} error={fieldError(problem, 'din')} data-scan-target />
        </Group>
        <Group align="flex-end">
          <TextInput label="Birth at" type="datetime-local" value={c.birthAt} onChange={(e) => setC({ ...c, birthAt: e.currentTarget.value })} error={fieldError(problem, 'birthAt')} />
          <TextInput label="Collected at" type="datetime-local" value={c.collectedAt} onChange={(e) => setC({ ...c, collectedAt: e.currentTarget.value })} error={fieldError(problem, 'collectedAt')} />
          <Select label="Delivery" data={['vaginal', 'cesarean']} value={c.deliveryType} onChange={(v) => setC({ ...c, deliveryType: (v ?? 'vaginal') as 'vaginal' })} allowDeselect={false} w={120} />
          <Select label="Method" data={['ex_utero', 'in_utero']} value={c.method} onChange={(v) => setC({ ...c, method: (v ?? 'ex_utero') as 'ex_utero' })} allowDeselect={false} w={120} />
          <NumberInput label="Gestational age (weeks)" value={c.gestationalAgeWeeks} onChange={(v) => setC({ ...c, gestationalAgeWeeks: v })} error={fieldError(problem, 'gestationalAgeWeeks')} w={170} />
          <NumberInput label="Gross volume (mL)" value={c.grossVolumeMl} onChange={(v) => setC({ ...c, grossVolumeMl: v })} error={fieldError(problem, 'grossVolumeMl')} w={150} />
          <Button type="submit" loading={pending}>
            Record collection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
