import { Anchor, Button, Card, Checkbox, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DinDisplay } from '../components/DinDisplay';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { isoFromLocal, localNow, when } from '../components/when';
import { type AdverseReactionView, DEVIATION_CATEGORIES, DEVIATION_SEVERITIES, type Paged as Page, words } from './views';

const PAGE = 10;
type Create = Schemas['CreateAdverseReactionDto'];
const SEVERITIES: Create['severity'][] = ['mild', 'moderate', 'severe', 'life_threatening', 'fatal'];
const CRITERIA: Create['seriousnessCriteria'] = ['fatal', 'life_threatening', 'permanent_impairment', 'medical_intervention', 'hospitalization'];
const CAUSALITIES: Create['causality'][] = ['not_assessed', 'unrelated', 'unlikely', 'possible', 'probable', 'definite'];

/** The 15-day FDA clock of a serious reaction (21 CFR 1271.350(a)), as the API computes it. */
export function fdaClock(f: AdverseReactionView['fdaReport']): string {
  if (!f.required) return 'not serious: no FDA report due';
  if (f.reportedAt) return `reported to FDA ${when(f.reportedAt)} (${f.reference})`;
  if (f.daysLeft === null) return `due ${f.dueDate}`;
  return f.daysLeft < 0 ? `FDA report ${-f.daysLeft} day(s) OVERDUE (due ${f.dueDate})` : `${f.daysLeft} day(s) left to report to FDA (due ${f.dueDate})`;
}

/** Adverse reactions after infusion: serious ones awaiting their FDA report first, with the days left. */
export function AdverseReactionsPage() {
  const { user } = useSession();
  const [pendingOnly, setPendingOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<Page<AdverseReactionView>>(api.GET('/api/v1/adverse-reactions', { params: { query: { page, pageSize: PAGE, ...(pendingOnly ? { fdaPending: true } : {}) } } })), [pendingOnly, page]);
  return (
    <Stack>
      <Title order={2}>Adverse reactions</Title>
      <Checkbox label="Only serious reactions awaiting their FDA report" checked={pendingOnly} onChange={(e) => (setPendingOnly(e.currentTarget.checked), setPage(1))} />
      <ProblemAlert problem={list.problem} />
      {list.data?.items.length === 0 ? <Text size="sm">No adverse reaction recorded.</Text> : null}
      {list.data?.items.map((r) => <Reaction key={r.id} r={r} onChanged={list.reload} />)}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="reactions" /> : null}
      {may(user, 'POST /api/v1/adverse-reactions') ? <ReportReaction onDone={list.reload} /> : null}
    </Stack>
  );
}

function Reaction({ r, onChanged }: { r: AdverseReactionView; onChanged: () => void }) {
  const { user } = useSession();
  const canUpdate = may(user, 'PATCH /api/v1/adverse-reactions/{id}');
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<(typeof DEVIATION_CATEGORIES)[number]>('processing');
  const [severity, setSeverity] = useState<(typeof DEVIATION_SEVERITIES)[number]>('critical');
  const [reference, setReference] = useState('');
  const [reportedAt, setReportedAt] = useState(localNow());
  const { pending, problem, run } = useAct();
  const patch = (body: Schemas['UpdateAdverseReactionDto']) => run(async () => (await call(api.PATCH('/api/v1/adverse-reactions/{id}', { params: { path: { id: r.id } }, body })), onChanged()));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {r.reactionNumber}: {words(r.severity)}
          {r.serious ? ' (serious)' : ''}
        </Title>
        <Text size="sm" fw={r.fdaReport.overdue ? 700 : 400} c={r.fdaReport.overdue ? 'red.9' : undefined}>
          {fdaClock(r.fdaReport)}
        </Text>
        <Text size="sm">
          Unit <DinDisplay din={r.din} link /> · request{' '}
          <Anchor component={Link} to={`/release/${r.releaseRequest.id}`}>
            {r.releaseRequest.requestNumber}
          </Anchor>{' '}
          · onset {when(r.onsetAt)} · received {when(r.receivedAt)} · causality {words(r.causality)}
          {r.seriousnessCriteria.length ? ` · ${r.seriousnessCriteria.map(words).join(', ')}` : ''}
          {r.communicableDisease ? ' · possible communicable disease transmission' : ''}
        </Text>
        <Text size="sm">{r.description}</Text>
        {r.deviation ? (
          <Text size="sm">
            Product implicated:{' '}
            <Anchor component={Link} to={`/deviations/${r.deviation.id}`}>
              deviation {r.deviation.deviationNumber}
            </Anchor>
          </Text>
        ) : null}
        <ProblemAlert problem={problem} shownFields={['reason', 'fdaReport.reportedAt']} />
        {canUpdate && !r.deviation ? (
          <Group align="flex-end">
            <TextInput label={`Why the product is implicated (${r.reactionNumber})`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} w={360} />
            <Select label="Deviation category" data={DEVIATION_CATEGORIES} value={category} onChange={(v) => v && setCategory(v as typeof category)} allowDeselect={false} w={160} />
            <Select label="Deviation severity" data={DEVIATION_SEVERITIES} value={severity} onChange={(v) => v && setSeverity(v as typeof severity)} allowDeselect={false} w={130} />
            <Button variant="default" loading={pending} onClick={() => void patch({ productImplicated: true, ...(reason ? { reason, investigation: reason } : {}), deviation: { category, severity } })}>
              Open a deviation
            </Button>
          </Group>
        ) : null}
        {canUpdate && r.fdaReport.required && !r.fdaReport.reportedAt ? (
          <Group align="flex-end">
            <TextInput label="Reported to FDA at" type="datetime-local" value={reportedAt} onChange={(e) => setReportedAt(e.currentTarget.value)} error={fieldError(problem, 'fdaReport.reportedAt')} />
            <TextInput label={`FDA reference (${r.reactionNumber})`} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
            <Button loading={pending} onClick={() => void patch({ fdaReport: { reportedAt: isoFromLocal(reportedAt), reference } })}>
              Record FDA report
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

/** A reaction reported after an infusion: from a delivered (or completed) release request, so its unit. */
function ReportReaction({ onDone }: { onDone: () => void }) {
  const requests = useLoad(
    () =>
      Promise.all(
        (['delivered', 'completed'] as const).map((status) => call<Schemas['ReleaseRequestPage']>(api.GET('/api/v1/release-requests', { params: { query: { status, pageSize: 100 } } }))),
      ).then((pages) => pages.flatMap((p) => p.items)),
    [],
  );
  const empty = () => ({ releaseRequestId: '', onsetAt: localNow(60), description: '', severity: 'moderate' as Create['severity'], seriousnessCriteria: [] as Create['seriousnessCriteria'], causality: 'possible' as Create['causality'], communicableDisease: false });
  const [f, setF] = useState(empty);
  const { pending, problem, run } = useAct();
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call(api.POST('/api/v1/adverse-reactions', { body: { ...f, onsetAt: isoFromLocal(f.onsetAt) } }));
            setF(empty());
            onDone();
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Report an adverse reaction
          </Title>
          <ProblemAlert problem={problem ?? requests.problem} shownFields={['releaseRequestId', 'onsetAt', 'description']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Release request (delivered)"
              required
              searchable
              data={(requests.data ?? []).map((r) => ({ value: r.id, label: `${r.requestNumber} · ${r.unit?.din ?? ''} · ${r.requestingFacility}` }))}
              value={f.releaseRequestId || null}
              onChange={(v) => setF({ ...f, releaseRequestId: v ?? '' })}
              error={fieldError(problem, 'releaseRequestId')}
              nothingFoundMessage="No delivered request"
            />
            <TextInput label="Onset" type="datetime-local" required value={f.onsetAt} onChange={(e) => setF({ ...f, onsetAt: e.currentTarget.value })} error={fieldError(problem, 'onsetAt')} />
            <Select label="Severity" data={SEVERITIES.map((s) => ({ value: s, label: words(s) }))} value={f.severity} onChange={(v) => v && setF({ ...f, severity: v as Create['severity'] })} allowDeselect={false} />
            <MultiSelect label="Seriousness criteria" description="Any one makes it serious: FDA report within 15 days" data={CRITERIA.map((s) => ({ value: s, label: words(s) }))} value={f.seriousnessCriteria} onChange={(v) => setF({ ...f, seriousnessCriteria: v as Create['seriousnessCriteria'] })} />
            <Select label="Causality" data={CAUSALITIES.map((s) => ({ value: s, label: words(s) }))} value={f.causality} onChange={(v) => v && setF({ ...f, causality: v as Create['causality'] })} allowDeselect={false} />
            <Checkbox label="Possible communicable disease transmission" checked={f.communicableDisease} onChange={(e) => setF({ ...f, communicableDisease: e.currentTarget.checked })} mt="lg" />
          </SimpleGrid>
          <Textarea label="Description" required autosize minRows={2} value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} error={fieldError(problem, 'description')} />
          <Group>
            <Button type="submit" loading={pending}>
              Report reaction
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
