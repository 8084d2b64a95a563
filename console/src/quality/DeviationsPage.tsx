import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { isoFromLocal, localNow, when } from '../components/when';
import { DEVIATION_CATEGORIES, DEVIATION_SEVERITIES, type DeviationListItem, type DeviationSeverity, type DeviationStatus, type DeviationView, type Paged as Page } from './views';

const PAGE = 20;

/** Deviations (nonconformances, DESIGN.md 9): open ones first by their next CAPA due date; report one. */
export function DeviationsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<DeviationStatus | ''>('');
  const [severity, setSeverity] = useState<DeviationSeverity | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => call<Page<DeviationListItem>>(api.GET('/api/v1/deviations', { params: { query: { page, pageSize: PAGE, ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(overdue ? { overdueCapa: true } : {}) } } })),
    [status, severity, overdue, page],
  );
  return (
    <Stack>
      <Title order={2}>Deviations</Title>
      <Group align="flex-end">
        <Select label="Show status" data={[{ value: '', label: 'any' }, 'open', 'investigating', 'closed']} value={status} onChange={(v) => (setStatus((v ?? '') as DeviationStatus | ''), setPage(1))} allowDeselect={false} w={160} />
        <Select label="Show severity" data={[{ value: '', label: 'any' }, ...DEVIATION_SEVERITIES]} value={severity} onChange={(v) => (setSeverity((v ?? '') as DeviationSeverity | ''), setPage(1))} allowDeselect={false} w={160} />
        <Checkbox label="Only with a CAPA action past due" checked={overdue} onChange={(e) => (setOverdue(e.currentTarget.checked), setPage(1))} mb={8} />
      </Group>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Deviations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deviation</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Discovered</Table.Th>
            <Table.Th>Units</Table.Th>
            <Table.Th>Next CAPA due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/deviations/${d.id}`}>
                  {d.deviationNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={d.status} />
              </Table.Td>
              <Table.Td>{d.severity}</Table.Td>
              <Table.Td>{d.title}</Table.Td>
              <Table.Td>{when(d.discoveredAt)}</Table.Td>
              <Table.Td>{d.unitCount}</Table.Td>
              <Table.Td>
                {d.nextCapaDue ?? '—'}
                {d.overdueCapaActions > 0 ? (
                  <Badge ml="xs" color="red" variant="light" styles={{ label: { color: 'var(--mantine-color-black)' } }}>
                    {d.overdueCapaActions} overdue
                  </Badge>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 ? <Text size="sm">No deviation matches.</Text> : null}
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="deviations" /> : null}
      {may(user, 'POST /api/v1/deviations') ? <ReportDeviation qa={user?.roles.includes('quality_assurance') ?? false} /> : null}
    </Stack>
  );
}

type UnitLine = { din: string; hold: boolean; notHeldReason: string };

/** A nonconformance and the units it concerns: each goes on hold unless QA records why not. */
function ReportDeviation({ qa }: { qa: boolean }) {
  const navigate = useNavigate();
  const [d, setD] = useState({ title: '', description: '', whereFound: '', occurredAt: localNow(60), category: 'storage' as (typeof DEVIATION_CATEGORIES)[number], severity: 'major' as DeviationSeverity });
  const [dins, setDins] = useState('');
  const [notHeld, setNotHeld] = useState<Record<string, string | undefined>>({});
  const { pending, problem, run } = useAct();
  const lines: UnitLine[] = [...new Set(dins.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))].map((din) => ({ din, hold: notHeld[din] === undefined, notHeldReason: notHeld[din] ?? '' }));
  const set = (k: 'title' | 'description' | 'whereFound' | 'occurredAt') => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setD({ ...d, [k]: e.currentTarget.value });
  return (
    <Paper withBorder p="md" maw={900}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const units = lines.map((u) => (u.hold ? { din: u.din, hold: true } : { din: u.din, hold: false, notHeldReason: u.notHeldReason }));
            const created = await call<DeviationView>(api.POST('/api/v1/deviations', { body: { ...d, occurredAt: isoFromLocal(d.occurredAt), units } }));
            navigate(`/deviations/${created.id}`);
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Report a deviation
          </Title>
          <ProblemAlert problem={problem} shownFields={['title', 'description', 'whereFound', 'occurredAt', 'units']} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Title" required value={d.title} onChange={set('title')} error={fieldError(problem, 'title')} />
            <TextInput label="Where found" required value={d.whereFound} onChange={set('whereFound')} error={fieldError(problem, 'whereFound')} />
            <TextInput label="Occurred at" type="datetime-local" required value={d.occurredAt} onChange={set('occurredAt')} error={fieldError(problem, 'occurredAt')} />
            <Group grow>
              <Select label="Category" data={DEVIATION_CATEGORIES} value={d.category} onChange={(v) => v && setD({ ...d, category: v as typeof d.category })} allowDeselect={false} />
              <Select label="Severity" data={DEVIATION_SEVERITIES} value={d.severity} onChange={(v) => v && setD({ ...d, severity: v as DeviationSeverity })} allowDeselect={false} />
            </Group>
          </SimpleGrid>
          <Textarea label="What happened" required autosize minRows={2} value={d.description} onChange={set('description')} error={fieldError(problem, 'description')} />
          <Textarea
            label="Units concerned (DINs)"
            description="One DIN per line or separated by spaces; scan them here. Each goes on hold in the same act."
            data-scan-target
            autosize
            minRows={2}
            value={dins}
            onChange={(e) => setDins(e.currentTarget.value)}
            error={fieldError(problem, 'units')}
          />
          {lines.length ? (
            <Table aria-label="Units concerned" maw={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>DIN</Table.Th>
                  <Table.Th>Hold</Table.Th>
                  {qa ? <Table.Th>Why not held</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((u) => (
                  <Table.Tr key={u.din}>
                    <Table.Td ff="monospace">{u.din}</Table.Td>
                    <Table.Td>
                      {qa ? (
                        <Checkbox label={`Put ${u.din} on hold`} checked={u.hold} onChange={(e) => setNotHeld({ ...notHeld, [u.din]: e.currentTarget.checked ? undefined : '' })} />
                      ) : (
                        'goes on hold'
                      )}
                    </Table.Td>
                    {qa ? (
                      <Table.Td>
                        {!u.hold ? <TextInput label={`Why ${u.din} is not held`} required value={u.notHeldReason} onChange={(e) => setNotHeld({ ...notHeld, [u.din]: e.currentTarget.value })} /> : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          <Group>
            <Button type="submit" loading={pending}>
              Report deviation
            </Button>
            {lines.length ? <Text size="sm">{lines.filter((u) => u.hold).length} of {lines.length} unit(s) will go on hold</Text> : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
