import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitStatus, UnitView } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { type Meaning, SignatureDialog } from '../components/SignatureDialog';

type Target = Schemas['StatusChangeDto']['to'];
/** Acts that carry an e-signature and what it means (DESIGN.md 4 and 12). */
const SIGNED: Partial<Record<UnitStatus, Meaning>> = { available: 'release', discarded: 'discard' };
const LABEL: Partial<Record<UnitStatus, string>> = { quarantine: 'Quarantine', available: 'Release', on_hold: 'Put on hold', discarded: 'Discard', rejected: 'Reject' };

/**
 * QA's status acts: exactly the unit's `allowedTransitions` that QA makes, for a user the route admits.
 * A release the API refuses (unmet criteria) shows its problem; nothing is decided here.
 */
export function StatusActions({ unit, onDone }: { unit: UnitView; onDone: () => void }) {
  const { user } = useSession();
  const [target, setTarget] = useState<UnitStatus | null>(null);
  const [reason, setReason] = useState('');
  const [signing, setSigning] = useState(false);
  const { pending, problem, run, clear } = useAct();
  if (!may(user, 'POST /api/v1/units/{din}/status')) return null;
  const targets = unit.allowedTransitions.filter((t) => LABEL[t] || (unit.status === 'on_hold' && t === unit.holdFromStatus));
  if (!targets.length) return null;
  const send = (signature?: Schemas['SignatureDto']) =>
    call(api.POST('/api/v1/units/{din}/status', { params: { path: { din: unit.din } }, body: { to: target as Target, reason, ...(signature ? { signature } : {}) } }));
  const close = () => {
    setTarget(null);
    setReason('');
    clear();
  };
  return (
    <>
      <Group aria-label="Status actions" role="group">
        {targets.map((t) => (
          <Button key={t} variant={t === 'available' ? 'filled' : 'default'} color={t === 'discarded' || t === 'rejected' ? 'red' : undefined} onClick={() => setTarget(t)}>
            {unit.status === 'on_hold' && t === unit.holdFromStatus ? 'Release the hold' : LABEL[t]}
          </Button>
        ))}
      </Group>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={target !== null && !signing} onClose={close} title={target ? `${LABEL[target] ?? 'Release the hold'}: unit ${unit.din}` : ''} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (target && SIGNED[target]) setSigning(true);
            else void run(async () => (await send(), close(), onDone()));
          }}
        >
          <Stack>
            <ProblemAlert problem={problem} shownFields={['reason']} />
            <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                {target && SIGNED[target] ? 'Continue to signature' : 'Confirm'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {target && SIGNED[target] ? (
        <SignatureDialog
          opened={signing}
          title={`Sign: ${LABEL[target]} unit ${unit.din}`}
          meaning={SIGNED[target]!}
          statement={`By signing you ${target === 'available' ? 'release this unit from quarantine as meeting every release criterion' : 'discard this unit'}. Reason: ${reason}`}
          onClose={() => {
            setSigning(false);
            close();
          }}
          onSign={async (signature) => {
            await send(signature);
            onDone();
          }}
        />
      ) : null}
    </>
  );
}
