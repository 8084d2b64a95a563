import { Button, Card, Group, NativeSelect, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { SignatureDialog } from '../components/SignatureDialog';

type Status = 'eligible' | 'ineligible';

/**
 * The medical director's eligibility determination (21 CFR 1271.50(a)), e-signed with the meaning
 * `determination`. Whether it may be made (it must match the computed status) is the API's answer,
 * shown as its problem; nothing is decided here.
 */
export function DeterminationAction({ unit, onDone }: { unit: UnitView; onDone: () => void }) {
  const { user } = useSession();
  const [status, setStatus] = useState<Status>('eligible');
  const [reason, setReason] = useState('');
  const [signing, setSigning] = useState(false);
  const { problem, run } = useAct();
  if (!may(user, 'POST /api/v1/units/{din}/eligibility-determination')) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        Eligibility determination
      </Title>
      <Text size="sm">The responsible person determines the donor eligible or ineligible for this unit, from the records shown on the donor&apos;s file.</Text>
      <ProblemAlert problem={problem} shownFields={['status', 'reason']} />
      <Group align="flex-end" mt="xs">
        <NativeSelect label="Determination" data={['eligible', 'ineligible']} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)} w={160} />
        <TextInput label="Determination reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} w={320} />
        <Button onClick={() => setSigning(true)}>Determine eligibility</Button>
      </Group>
      <SignatureDialog
        opened={signing}
        title={`Sign: eligibility determination of unit ${unit.din}`}
        meaning="determination"
        statement={`By signing you determine the donor of this unit ${status}.`}
        onClose={() => setSigning(false)}
        onSign={async (signature) => {
          await run(async () => {
            await call(api.POST('/api/v1/units/{din}/eligibility-determination', { params: { path: { din: unit.din } }, body: { status, ...(reason.trim() ? { reason: reason.trim() } : {}), signature } }));
            onDone();
          });
        }}
      />
    </Card>
  );
}
