import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScanField } from '../components/ScanField';

/**
 * Moves a stored unit to another position: scan the new position's label (or type it), give the
 * reason, move. The API frees the old position and takes the new one in one transaction, and puts
 * the move on the unit's audit trail and custody chain.
 */
export function MoveForm({ unit, onMoved }: { unit: UnitView; onMoved: (after: UnitView) => void }) {
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await call(api.POST('/api/v1/units/{din}/move', { params: { path: { din: unit.din } }, body: { positionId: target, reason } }));
          setTarget('');
          setReason('');
          onMoved(await call<UnitView>(api.GET('/api/v1/units/{din}', { params: { path: { din: unit.din } } })));
        });
      }}
    >
      <Stack gap="xs">
        <Text size="sm">Now in {unit.position?.label ?? 'no position'}.</Text>
        <ProblemAlert problem={problem} shownFields={['positionId', 'reason']} />
        {target ? (
          <Group gap="xs">
            <Text size="sm">
              New position: <strong>{target}</strong>
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setTarget('')}>
              Scan another position
            </Button>
          </Group>
        ) : (
          <ScanField label="Scan the new position" description="the position label (e.g. F02-R01-B01-A1), or type it and press Enter" onScan={setTarget} error={fieldError(problem, 'positionId')} />
        )}
        <TextInput label="Reason for the move" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
        <Group>
          <Button type="submit" loading={pending} disabled={!target}>
            Move the unit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
