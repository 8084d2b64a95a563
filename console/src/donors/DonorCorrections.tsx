import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { DonorFile } from '../api/views';
import { ProblemAlert } from '../components/ProblemAlert';

type Correctable = Omit<Schemas['UpdateDonorDto'], 'reason'>;
const FIELDS = [
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'dateOfBirth', label: 'Date of birth', type: 'date' },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'phone', label: 'Phone' },
  { key: 'ethnicity', label: 'Ethnicity' },
] as const satisfies readonly { key: Exclude<keyof Correctable, 'bankingType'>; label: string; type?: string }[];
// every field the correction takes is on the form: a new one in the regenerated schema fails the typecheck here
const EVERY_FIELD: Exclude<keyof Correctable, (typeof FIELDS)[number]['key'] | 'bankingType'> extends never ? true : false = true;
void EVERY_FIELD;

type Values = Record<(typeof FIELDS)[number]['key'], string> & { bankingType: 'public' | 'family' };
const valuesOf = (d: DonorFile): Values => ({
  firstName: d.firstName ?? '',
  lastName: d.lastName ?? '',
  dateOfBirth: d.dateOfBirth ?? '',
  email: d.email === undefined || d.email === null ? '' : String(d.email),
  phone: d.phone === undefined || d.phone === null ? '' : String(d.phone),
  ethnicity: d.ethnicity === undefined || d.ethnicity === null ? '' : String(d.ethnicity),
  bankingType: d.bankingType,
});

/**
 * Correct the donor's recorded data (coordinator; `PATCH /donors/:id`): only the fields that change
 * are sent, with the reason; the old values stay in the donor's audit trail (21 CFR Part 11.10(e)).
 */
export function CorrectDonor({ donor, onDone }: { donor: DonorFile; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(() => valuesOf(donor));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string[] | null>(null);
  const { pending, problem, run, clear } = useAct();
  const before = valuesOf(donor);
  const changed = (Object.keys(values) as (keyof Values)[]).filter((k) => values[k] !== before[k]);
  if (!open)
    return (
      <Group>
        <Button variant="default" onClick={() => (setValues(valuesOf(donor)), setSaved(null), clear(), setOpen(true))}>
          Correct the donor record
        </Button>
        {saved ? (
          <Alert color="green" role="status" title="Donor record corrected" py={4}>
            Corrected: {saved.join(', ')}
          </Alert>
        ) : null}
      </Group>
    );
  return (
    <form
      aria-labelledby="correct-donor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const body: Schemas['UpdateDonorDto'] = { reason: reason.trim() };
          for (const k of changed) Object.assign(body, { [k]: values[k] });
          await call(api.PATCH('/api/v1/donors/{id}', { params: { path: { id: donor.id } }, body }));
          setSaved(changed.map((k) => (k === 'bankingType' ? 'banking type' : FIELDS.find((f) => f.key === k)!.label.toLowerCase())));
          setReason('');
          setOpen(false);
          onDone();
        });
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id="correct-donor-title">
          Correct the donor record
        </Title>
        <Text size="sm">Change only what is wrong and say why; the old values stay in the donor's audit trail.</Text>
        <ProblemAlert problem={problem} shownFields={[...FIELDS.map((f) => f.key), 'bankingType', 'reason']} />
        <Group align="flex-end">
          {FIELDS.map((f) => (
            <TextInput
              key={f.key}
              label={f.label}
              type={'type' in f ? f.type : 'text'}
              value={values[f.key]}
              onChange={(e) => setValues({ ...values, [f.key]: e.currentTarget.value })}
              error={fieldError(problem, f.key)}
              w={f.key === 'email' ? 240 : 170}
            />
          ))}
          <Select label="Banking type" data={['public', 'family']} value={values.bankingType} onChange={(v) => v && setValues({ ...values, bankingType: v as 'public' | 'family' })} allowDeselect={false} error={fieldError(problem, 'bankingType')} w={130} />
        </Group>
        <TextInput label="Reason for the correction" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
        <Group>
          <Button type="submit" loading={pending} disabled={changed.length === 0}>
            Save the correction
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          {changed.length === 0 ? <Text size="sm">Nothing changed yet.</Text> : null}
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Withdraw an active consent (coordinator), with its reason. The API keeps the consent (withdrawn,
 * with the reason) and puts the donor's available and reserved units on hold in the same transaction.
 */
export function WithdrawConsent({ donorId, consent, onDone }: { donorId: string; consent: DonorFile['consents'][number]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  const name = consent.type.replace(/_/g, ' ');
  if (!open)
    return (
      <Button size="compact-sm" variant="default" ml="xs" onClick={() => setOpen(true)} aria-label={`Withdraw the ${name} consent`}>
        Withdraw
      </Button>
    );
  return (
    <form
      aria-label={`Withdraw the ${name} consent`}
      onSubmit={(e) => (
        e.preventDefault(),
        void run(async () => (await call(api.POST('/api/v1/donors/{id}/consents/{consentId}/withdraw', { params: { path: { id: donorId, consentId: consent.id } }, body: { reason: reason.trim() } })), setOpen(false), onDone()))
      )}
    >
      <Stack gap="xs" mt="xs">
        <Text size="sm">The consent record stays, marked withdrawn; the donor's available and reserved units go on hold and can not be released.</Text>
        <ProblemAlert problem={problem} shownFields={['reason']} />
        <Group align="flex-end">
          <TextInput label="Reason for the withdrawal" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} w={340} />
          <Button type="submit" color="red" loading={pending}>
            Withdraw consent
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Correct a screening's deferral (medical director), with a reason (21 CFR 1271.75(d)): the only way
 * a deferral is cleared or changed; the audit keeps the old reasons. Adding a deferral voids the
 * determinations in force and holds released units (the API does it).
 */
export function CorrectScreening({ donorId, screening, onDone }: { donorId: string; screening: DonorFile['screenings'][number]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [deferral, setDeferral] = useState(screening.deferralReasons.join('; '));
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  if (!open)
    return (
      <Button size="compact-sm" variant="default" ml="xs" onClick={() => (setDeferral(screening.deferralReasons.join('; ')), setOpen(true))} aria-label={`Correct deferral of ${screening.version}`}>
        Correct deferral
      </Button>
    );
  const deferralReasons = deferral
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <form
      aria-label={`Correct deferral of ${screening.version}`}
      onSubmit={(e) => (
        e.preventDefault(),
        void run(async () => (await call(api.POST('/api/v1/donors/{id}/screenings/{screeningId}/correction', { params: { path: { id: donorId, screeningId: screening.id } }, body: { deferralReasons, reason: reason.trim() } })), setOpen(false), onDone()))
      )}
    >
      <Stack gap="xs" mt="xs">
        <Text size="sm">Empty: no deferral. A correction that adds a deferral voids the eligibility determinations in force and holds released units.</Text>
        <ProblemAlert problem={problem} shownFields={['deferralReasons', 'reason']} />
        <Group align="flex-end">
          <TextInput label="Corrected deferral reasons (; separated)" value={deferral} onChange={(e) => setDeferral(e.currentTarget.value)} error={fieldError(problem, 'deferralReasons')} w={300} />
          <TextInput label="Reason for the correction" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} w={300} />
          <Button type="submit" loading={pending}>
            Save the deferral correction
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
