import { Button, Card, Group, NumberInput, Select, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import type { UnitView } from '../api/views';
import { ProblemAlert } from '../components/ProblemAlert';
import { isoFromLocal, localNow } from '../components/when';

const pair = (s: string) => s.split(/[\s,/]+/).filter(Boolean);

/** Results entry at the bench: processing, HLA, ABO/Rh and sterility, each as the API takes it. */
export function ResultsEntry({ unit, onDone }: { unit: UnitView; onDone: () => void }) {
  const { pending, problem, run } = useAct();
  const din = unit.din;
  const path = { params: { path: { din } } };
  const [p, setP] = useState({ processedAt: localNow(30), volumeMl: 25 as number | string, tncCount: 1.5e9 as number | string, cd34Count: 5e6 as number | string, viabilityPct: 95 as number | string });
  const [hla, setHla] = useState({ A: '', B: '', C: '', DRB1: '', DQB1: '', resolution: 'high' });
  const [abo, setAbo] = useState<{ abo: 'O' | 'A' | 'B' | 'AB'; rh: 'positive' | 'negative' }>({ abo: 'O', rh: 'positive' });
  const [st, setSt] = useState<{ aerobic: 'negative' | 'positive'; anaerobic: 'negative' | 'positive' }>({ aerobic: 'negative', anaerobic: 'negative' });
  const act = (f: () => Promise<unknown>) => void run(async () => (await f(), onDone()));
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        Results entry
      </Title>
      <ProblemAlert problem={problem} shownFields={['processedAt', 'volumeMl', 'tncCount', 'cd34Count', 'viabilityPct']} />
      <Tabs defaultValue="processing" mt="sm">
        <Tabs.List>
          <Tabs.Tab value="processing">Processing</Tabs.Tab>
          <Tabs.Tab value="hla">HLA</Tabs.Tab>
          <Tabs.Tab value="abo">ABO/Rh</Tabs.Tab>
          <Tabs.Tab value="sterility">Sterility</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="processing" pt="sm">
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/units/{din}/processing', { ...path, body: { processedAt: isoFromLocal(p.processedAt), volumeMl: Number(p.volumeMl), tncCount: Number(p.tncCount), cd34Count: Number(p.cd34Count), viabilityPct: Number(p.viabilityPct) } }))))}>
            <Group align="flex-end">
              <TextInput label="Processed at" type="datetime-local" value={p.processedAt} onChange={(e) => setP({ ...p, processedAt: e.currentTarget.value })} error={fieldError(problem, 'processedAt')} />
              <NumberInput label="Volume (mL)" value={p.volumeMl} onChange={(v) => setP({ ...p, volumeMl: v })} error={fieldError(problem, 'volumeMl')} />
              <NumberInput label="TNC count" value={p.tncCount} onChange={(v) => setP({ ...p, tncCount: v })} error={fieldError(problem, 'tncCount')} />
              <NumberInput label="CD34+ count" value={p.cd34Count} onChange={(v) => setP({ ...p, cd34Count: v })} error={fieldError(problem, 'cd34Count')} />
              <NumberInput label="Viability (%)" value={p.viabilityPct} onChange={(v) => setP({ ...p, viabilityPct: v })} error={fieldError(problem, 'viabilityPct')} />
              <Button type="submit" loading={pending}>
                Record processing
              </Button>
            </Group>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="hla" pt="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const loci = { A: pair(hla.A), B: pair(hla.B), DRB1: pair(hla.DRB1), ...(hla.C ? { C: pair(hla.C) } : {}), ...(hla.DQB1 ? { DQB1: pair(hla.DQB1) } : {}) };
              act(() => call(api.POST('/api/v1/units/{din}/hla', { ...path, body: { loci, resolution: hla.resolution } })));
            }}
          >
            <Stack gap="xs">
              <Group>
                {(['A', 'B', 'C', 'DRB1', 'DQB1'] as const).map((l) => (
                  <TextInput key={l} label={`HLA-${l}`} placeholder="02:01 24:02" value={hla[l]} onChange={(e) => setHla({ ...hla, [l]: e.currentTarget.value })} error={fieldError(problem, `loci.${l}`)} w={140} />
                ))}
                <Select label="Resolution" data={['high', 'intermediate', 'low']} value={hla.resolution} onChange={(v) => setHla({ ...hla, resolution: v ?? 'high' })} w={140} allowDeselect={false} />
              </Group>
              <Group>
                <Button type="submit" loading={pending}>
                  Record HLA typing
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="abo" pt="sm">
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/units/{din}/abo', { ...path, body: abo }))))}>
            <Group align="flex-end">
              <Select label="ABO" data={['O', 'A', 'B', 'AB']} value={abo.abo} onChange={(v) => setAbo({ ...abo, abo: (v ?? 'O') as typeof abo.abo })} allowDeselect={false} />
              <Select label="Rh" data={['positive', 'negative']} value={abo.rh} onChange={(v) => setAbo({ ...abo, rh: (v ?? 'positive') as typeof abo.rh })} allowDeselect={false} />
              <Button type="submit" loading={pending}>
                Record ABO/Rh
              </Button>
            </Group>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="sterility" pt="sm">
          <form onSubmit={(e) => (e.preventDefault(), act(() => call(api.POST('/api/v1/units/{din}/sterility', { ...path, body: st }))))}>
            <Group align="flex-end">
              <Select label="Aerobic culture" data={['negative', 'positive']} value={st.aerobic} onChange={(v) => setSt({ ...st, aerobic: (v ?? 'negative') as 'negative' })} allowDeselect={false} />
              <Select label="Anaerobic culture" data={['negative', 'positive']} value={st.anaerobic} onChange={(v) => setSt({ ...st, anaerobic: (v ?? 'negative') as 'negative' })} allowDeselect={false} />
              <Button type="submit" loading={pending}>
                Record sterility
              </Button>
            </Group>
          </form>
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}
