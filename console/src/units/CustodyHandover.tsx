import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';
import { EMPTY_IS_NOW, isoFromLocal } from '../components/when';

const FIELDS = ['from', 'to', 'location', 'handedOverAt', 'condition', 'shipperId', 'temperatureLoggerId'];

/**
 * A manual custody handover (courier, QA sample room, another site…): `from` is the current custodian
 * (the API refuses any other, and a time earlier than the last custody event, DESIGN.md 7). Shipment
 * and delivery of a release go through the release request, which records them itself.
 */
export function CustodyHandover({ din, custodian, onDone }: { din: string; custodian: string | null; onDone: () => void }) {
  const [v, setV] = useState({ from: custodian ?? '', to: '', location: '', handedOverAt: '', condition: '', shipperId: '', temperatureLoggerId: '' });
  const { pending, problem, run } = useAct();
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.currentTarget.value });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const opt = (x: string) => (x.trim() ? x.trim() : undefined);
          await call(
            api.POST('/api/v1/units/{din}/custody', {
              params: { path: { din } },
              body: { from: v.from, to: v.to, location: v.location, handedOverAt: isoFromLocal(v.handedOverAt), condition: opt(v.condition), shipperId: opt(v.shipperId), temperatureLoggerId: opt(v.temperatureLoggerId) },
            }),
          );
          setV({ from: v.to, to: '', location: '', handedOverAt: '', condition: '', shipperId: '', temperatureLoggerId: '' });
          onDone();
        });
      }}
    >
      <Stack gap="xs">
        <ProblemAlert problem={problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="From (current custodian)" required value={v.from} onChange={set('from')} error={fieldError(problem, 'from')} />
          <TextInput label="To" required value={v.to} onChange={set('to')} error={fieldError(problem, 'to')} />
          <TextInput label="Location" required value={v.location} onChange={set('location')} error={fieldError(problem, 'location')} />
          <TextInput label="Handed over at" type="datetime-local" description={EMPTY_IS_NOW} value={v.handedOverAt} onChange={set('handedOverAt')} error={fieldError(problem, 'handedOverAt')} />
          <TextInput label="Condition" value={v.condition} onChange={set('condition')} error={fieldError(problem, 'condition')} />
          <TextInput label="Dry shipper" value={v.shipperId} onChange={set('shipperId')} error={fieldError(problem, 'shipperId')} />
          <TextInput label="Temperature logger" value={v.temperatureLoggerId} onChange={set('temperatureLoggerId')} error={fieldError(problem, 'temperatureLoggerId')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={pending}>
            Record the handover
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
