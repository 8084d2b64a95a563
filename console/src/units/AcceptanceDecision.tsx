import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { when } from '../components/when';

/**
 * QA's decision on a receipt that raised an acceptance flag (21 CFR 1271.265(a), DESIGN.md 12):
 * accept (processing may go on) or reject, with the evaluation as the reason. Shown to everyone as
 * a status (pending, or who decided what); the decision itself only to a role that may take it.
 */
export function AcceptanceDecision({ unit, onDone }: { unit: UnitView; onDone: (u: UnitView) => void }) {
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  const a = unit.acceptance;
  if (!a) return null;
  if (a.status !== 'pending') {
    return (
      <Text size="sm" aria-label="Receipt acceptance">
        Receipt {a.status} by {a.decidedBy?.name ?? 'the receiving person'}
        {a.decidedAt ? ` on ${when(a.decidedAt)}` : ''}
        {a.reason ? `: ${a.reason}` : ''}
      </Text>
    );
  }
  const decide = (decision: 'accept' | 'reject') =>
    void run(async () => {
      const after = await call<UnitView>(api.POST('/api/v1/units/{din}/acceptance', { params: { path: { din: unit.din } }, body: { decision, reason } }));
      setReason('');
      onDone(after);
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`acceptance-${unit.din}`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={`acceptance-${unit.din}`}>
          Receipt acceptance pending
        </Title>
        <Alert color="yellow" variant="light" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          Flagged at receipt: {unit.acceptanceFlags?.length ? unit.acceptanceFlags.join('; ') : 'see the receipt'}. Processing is refused until QA decides.
        </Alert>
        {may(user, 'POST /api/v1/units/{din}/acceptance') ? (
          <form onSubmit={(e) => e.preventDefault()}>
            <Stack gap="xs">
              <ProblemAlert problem={problem} shownFields={['reason']} />
              <Textarea label="Evaluation against the acceptance criteria" required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
              <Group>
                <Button loading={pending} onClick={() => decide('accept')}>
                  Accept the unit
                </Button>
                <Button color="red" variant="outline" loading={pending} onClick={() => decide('reject')}>
                  Reject the unit
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm">Quality assurance decides whether to accept or reject this unit.</Text>
        )}
      </Stack>
    </Paper>
  );
}
