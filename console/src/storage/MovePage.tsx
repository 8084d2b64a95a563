import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { DinDisplay } from '../components/DinDisplay';
import { ProblemAlert } from '../components/ProblemAlert';
import { resolveScanToDin } from '../components/scan';
import { ScanField } from '../components/ScanField';
import { StatusBadge } from '../components/StatusBadge';
import { MoveForm } from './MoveForm';

/** Moving units between positions at the freezer: scan the unit, then the new position. */
export function MovePage() {
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [moved, setMoved] = useState<UnitView | null>(null);
  const { problem, run } = useAct();
  return (
    <Stack maw={640}>
      <Title order={2}>Move units</Title>
      <ScanField
        label="Scan the unit"
        description="DIN barcode or the label's DataMatrix, or type the DIN and press Enter"
        autoFocus
        onScan={(raw) =>
          void run(async () => {
            setMoved(null);
            const din = await resolveScanToDin(raw);
            setUnit(await call<UnitView>(api.GET('/api/v1/units/{din}', { params: { path: { din } } })));
          })
        }
      />
      <ProblemAlert problem={problem} />
      {moved ? (
        <Alert color="green" title="Unit moved" role="status" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          <DinDisplay din={moved.din} check={moved.dinCheck} link /> is now in {moved.position?.label ?? '—'}.
        </Alert>
      ) : null}
      {unit ? (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={3} size="h5">
              <DinDisplay din={unit.din} check={unit.dinCheck} size="lg" /> <StatusBadge status={unit.status} />
            </Title>
            <MoveForm
              unit={unit}
              onMoved={(after) => {
                setMoved(after);
                setUnit(null);
              }}
            />
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
