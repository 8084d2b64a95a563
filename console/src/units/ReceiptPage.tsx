import { Alert, Button, Checkbox, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { fieldError, Problem } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { DinDisplay } from '../components/DinDisplay';
import { resolveScanToDin } from '../components/scan';
import { AcceptanceDecision } from './AcceptanceDecision';
import { ScanField } from '../components/ScanField';
import { StatusBadge } from '../components/StatusBadge';
import { EMPTY_IS_NOW, isoFromLocal } from '../components/when';

/** Bench receipt: scan the bag, confirm its temperature on arrival, record the receipt. */
export function ReceiptPage() {
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [receivedAt, setReceivedAt] = useState('');
  const [temperatureOk, setTemperatureOk] = useState(true);
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<UnitView | null>(null);
  const { pending, problem, run } = useAct();
  const scanned = (raw: string) =>
    void run(async () => {
      setDone(null);
      const din = await resolveScanToDin(raw);
      const found = await call<UnitView>(api.GET('/api/v1/units/{din}', { params: { path: { din } } }));
      // a unit received already, with QA's acceptance pending: the decision, not a second receipt
      if (found.acceptance?.status === 'pending') {
        setUnit(null);
        setDone(found);
      } else setUnit(found);
      setReceivedAt('');
    });
  return (
    <Stack maw={640}>
      <Title order={2}>Bench receipt</Title>
      <ScanField label="Scan the unit" description="DIN barcode or the label's DataMatrix, or type the DIN and press Enter" onScan={scanned} autoFocus />
      {problem ? <ProblemOnly problem={problem} /> : null}
      {done ? (
        <Alert color={done.acceptance?.status === 'pending' ? 'yellow' : 'green'} title={done.acceptance?.status === 'pending' ? 'Received, acceptance pending' : done.acceptance?.status === 'rejected' ? 'Rejected at receipt' : 'Receipt recorded'} role="status" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          Unit <DinDisplay din={done.din} check={done.dinCheck} link /> is now <StatusBadge status={done.status} />
          {done.acceptanceFlags?.length ? ` — flagged: ${done.acceptanceFlags.join('; ')}` : ''}
        </Alert>
      ) : null}
      {done?.acceptance?.status === 'pending' ? <AcceptanceDecision unit={done} onDone={setDone} /> : null}
      {unit ? (
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await call(api.POST('/api/v1/units/{din}/receipt', { params: { path: { din: unit.din } }, body: { receivedAt: isoFromLocal(receivedAt), temperatureOk, ...(notes ? { notes } : {}) } }));
                setDone(await call<UnitView>(api.GET('/api/v1/units/{din}', { params: { path: { din: unit.din } } })));
                setUnit(null);
                setNotes('');
              });
            }}
          >
            <Stack>
              <Group>
                <DinDisplay din={unit.din} check={unit.dinCheck} size="lg" />
                <StatusBadge status={unit.status} />
                <Link to={`/units/${unit.din}`}>Open the unit</Link>
              </Group>
              <TextInput label="Received at" type="datetime-local" description={EMPTY_IS_NOW} value={receivedAt} onChange={(e) => setReceivedAt(e.currentTarget.value)} error={fieldError(problem, 'receivedAt')} />
              <Checkbox label="Temperature on arrival within limits" checked={temperatureOk} onChange={(e) => setTemperatureOk(e.currentTarget.checked)} />
              <TextInput label="Notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError(problem, 'notes')} />
              <Button type="submit" loading={pending}>
                Record receipt
              </Button>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}

function ProblemOnly({ problem }: { problem: Problem }) {
  return (
    <Alert color="red" title={problem.title} role="alert" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
      {problem.detail}
      {problem.errors.map((e) => (
        <div key={e.field}>
          {e.field}: {e.message}
        </div>
      ))}
    </Alert>
  );
}
