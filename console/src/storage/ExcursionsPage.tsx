import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { SignatureDialog } from '../components/SignatureDialog';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../components/when';

const PAGE = 10;
type Outcome = Schemas['ReviewExcursionDto']['outcome'];

/** Freezer temperature excursions with the units they touched; QA reviews each unit's exposure, e-signed. */
export function ExcursionsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Schemas['ExcursionPage']>(api.GET('/api/v1/storage/excursions', { params: { query: { status, page, pageSize: PAGE } } })), [status, page]);
  const [review, setReview] = useState<{ excursion: string; din: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('acceptable');
  const [reason, setReason] = useState('');
  const [correctiveAction, setCorrectiveAction] = useState('');
  const [signing, setSigning] = useState(false);
  const canReview = may(user, 'POST /api/v1/storage/excursions/{id}/units/{din}/review');
  return (
    <Stack>
      <Title order={2}>Excursions</Title>
      <Group role="group" aria-label="Excursion status">
        {(['open', 'closed'] as const).map((s) => (
          <Button key={s} size="xs" variant={status === s ? 'filled' : 'default'} aria-pressed={status === s} onClick={() => (setStatus(s), setPage(1))}>
            {s}
          </Button>
        ))}
      </Group>
      <ProblemAlert problem={list.problem} />
      {list.data?.items.length === 0 ? <Text size="sm">No {status} excursion.</Text> : null}
      {list.data?.items.map((x) => (
        <Card withBorder key={x.id}>
          <Title order={3} size="h5">
            {x.freezerName}: above {x.limitC} °C since {when(x.startedAt)}
            {x.peakTemperatureC !== null && x.peakTemperatureC !== undefined ? `, peak ${String(x.peakTemperatureC)} °C` : ''} ({x.readingsAboveLimit} readings, {x.unreviewedCount} units to review)
          </Title>
          <Table aria-label={`Units in the excursion of ${x.freezerName}`}>
            <Table.Tbody>
              {x.units.map((u) => (
                <Table.Tr key={u.din}>
                  <Table.Td>
                    <DinDisplay din={u.din} check={u.dinCheck} link />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={u.status} />
                  </Table.Td>
                  <Table.Td>{u.review ? `reviewed: ${u.review.outcome} (${u.review.reason})` : 'not reviewed'}</Table.Td>
                  <Table.Td>
                    {canReview && !u.review ? (
                      <Button size="xs" onClick={() => setReview({ excursion: x.id, din: u.din })} aria-label={`Review ${u.din}`}>
                        Review
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="excursions" /> : null}
      {review ? (
        <Card withBorder maw={640}>
          <Stack>
            <Title order={3} size="h5">
              Review unit {review.din}
            </Title>
            <Select label="Outcome" data={['acceptable', 'unacceptable']} value={outcome} onChange={(v) => v && setOutcome(v as Outcome)} allowDeselect={false} />
            <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(list.problem, 'reason')} />
            <TextInput label="Corrective action" required value={correctiveAction} onChange={(e) => setCorrectiveAction(e.currentTarget.value)} error={fieldError(list.problem, 'correctiveAction')} />
            <Group>
              <Button disabled={!reason.trim() || !correctiveAction.trim()} onClick={() => setSigning(true)}>
                Continue to signature
              </Button>
              <Button variant="default" onClick={() => (setReview(null), setReason(''))}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      <SignatureDialog
        opened={review !== null && signing}
        title={`Sign: excursion review of ${review?.din ?? ''}`}
        meaning="review"
        statement={`By signing you record that the exposure of this unit is ${outcome}. Reason: ${reason}`}
        onClose={() => (setSigning(false), setReview(null), setReason(''))}
        onSign={async (signature) => {
          await call(api.POST('/api/v1/storage/excursions/{id}/units/{din}/review', { params: { path: { id: review!.excursion, din: review!.din } }, body: { outcome, reason, correctiveAction, signature } }));
          list.reload();
        }}
      />
    </Stack>
  );
}
