import { Alert, Anchor, Button, Group, Select, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { Problem } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { ProblemAlert } from '../components/ProblemAlert';
import { dinFromScan } from '../components/scan';
import { ScanField } from '../components/ScanField';

type Position = Schemas['GridPositionView'];

/**
 * A box's grid. Put-away: scan the unit, then scan the position (its label or id) or choose a free
 * cell; retrieve a stored unit with a reason. The database decides a taken position (409 shown).
 */
export function BoxPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const box = useLoad(() => call<Schemas['BoxView']>(api.GET('/api/v1/storage/boxes/{id}', { params: { path: { id } } })), [id]);
  const [din, setDin] = useState<string | null>(null);
  const [selected, setSelected] = useState<Position | null>(null);
  const [reason, setReason] = useState<Schemas['RetrieveUnitDto']['reason']>('testing');
  const [message, setMessage] = useState<string | null>(null);
  const { pending, problem, run } = useAct();
  const canStore = may(user, 'POST /api/v1/units/{din}/storage');
  if (box.problem) return <ProblemAlert problem={box.problem} />;
  const b = box.data;
  if (!b) return <Text>Loading…</Text>;
  const store = (p: Position) =>
    void run(async () => {
      if (!din) throw new Problem({ status: 422, title: 'Scan the unit first', detail: 'Scan the unit, then its position' });
      await call(api.POST('/api/v1/units/{din}/storage', { params: { path: { din } }, body: { positionId: p.id } }));
      setMessage(`Unit ${din} stored at ${p.label}`);
      setDin(null);
      box.reload();
    });
  const rows = [...new Set(b.positions.map((p) => p.row))].sort((x, y) => x - y);
  return (
    <Stack>
      <Title order={2}>
        {b.freezer.name} · box {b.label} ({b.used} / {b.capacity})
      </Title>
      <Anchor component={Link} to={`/storage/freezers/${b.freezer.id}`} size="sm">
        Back to the freezer
      </Anchor>
      {message ? (
        <Alert color="green" role="status" title="Done">
          {message}
        </Alert>
      ) : null}
      <ProblemAlert problem={problem} />
      {canStore ? (
        <Group align="flex-end">
          <ScanField
            label={din ? `Unit ${din}: scan the position` : 'Put away: scan the unit'}
            onScan={(raw) => {
              setMessage(null);
              if (!din) {
                const d = dinFromScan(raw);
                if (d) setDin(d);
                return;
              }
              const p = b.positions.find((x) => x.label.toUpperCase() === raw.toUpperCase() || x.id === raw);
              if (p) store(p);
            }}
          />
          {din ? (
            <Button variant="default" onClick={() => setDin(null)}>
              Cancel put-away
            </Button>
          ) : null}
        </Group>
      ) : null}
      <table aria-label={`Box ${b.label} grid`} style={{ borderCollapse: 'collapse' }}>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              {b.positions
                .filter((p) => p.row === r)
                .sort((x, y) => x.column - y.column)
                .map((p) => (
                  <td key={p.id} style={{ border: '1px solid #868e96', width: 132, height: 54, padding: 0, background: p.unit ? '#e7f5ff' : '#fff' }}>
                    <UnstyledButton
                      w="100%"
                      h="100%"
                      p={4}
                      data-position={p.label}
                      aria-pressed={selected?.id === p.id}
                      onClick={() => (p.unit ? setSelected(p) : din ? store(p) : setSelected(p))}
                      disabled={pending}
                    >
                      <Text size="xs">{p.label}</Text>
                      {p.unit ? <DinDisplay din={p.unit.din} check={p.unit.dinCheck} size="xs" /> : <Text size="xs">free</Text>}
                    </UnstyledButton>
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
      {selected?.unit ? (
        <Group align="flex-end">
          <Text>
            Selected: <DinDisplay din={selected.unit.din} check={selected.unit.dinCheck} link /> at {selected.label}
          </Text>
          {may(user, 'POST /api/v1/units/{din}/retrieve') ? (
            <>
              <Select label="Reason to retrieve" data={['shipping', 'testing', 'discard']} value={reason} onChange={(v) => setReason((v ?? 'testing') as typeof reason)} allowDeselect={false} />
              <Button
                loading={pending}
                onClick={() =>
                  void run(async () => {
                    await call(api.POST('/api/v1/units/{din}/retrieve', { params: { path: { din: selected.unit!.din } }, body: { reason } }));
                    setMessage(`Unit ${selected.unit!.din} retrieved from ${selected.label}`);
                    setSelected(null);
                    box.reload();
                  })
                }
              >
                Retrieve
              </Button>
            </>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
