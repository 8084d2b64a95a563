import { Badge, Button, Card, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { when } from '../components/when';

const LIMIT = 20;
type State = Schemas['AlarmView']['state'];
type Alarm = Schemas['AlarmView'];
/** The document types the optional fields as `Record<string, never>`; they are strings or null. */
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** `acknowledgedBy` is `{id, name}` (src/alarms/alarms.service.ts alarmView). */
const byName = (v: unknown): string => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name ?? '') : '');

/** Alarms by state, newest first (DESIGN.md 10): QA acknowledges with a note; admin sets who is told. */
export function AlarmsPage() {
  const { user } = useSession();
  const [state, setState] = useState<State | ''>('open');
  // cursor paging: the cursors of the pages before this one
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const list = useLoad(() => call<Schemas['AlarmPage']>(api.GET('/api/v1/alarms', { params: { query: { limit: LIMIT, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) } } })), [state, cursor]);
  const next = text(list.data?.nextCursor);
  return (
    <Stack>
      <Title order={2}>Alarms</Title>
      <Group role="group" aria-label="Alarm state">
        {(['open', 'escalated', 'acknowledged', 'cleared', ''] as const).map((s) => (
          <Button key={s || 'all'} size="xs" variant={state === s ? 'filled' : 'default'} aria-pressed={state === s} onClick={() => (setState(s), setCursors([]))}>
            {s || 'all'}
          </Button>
        ))}
      </Group>
      <ProblemAlert problem={list.problem} />
      {list.data?.items.length === 0 ? <Text size="sm">No {state || ''} alarm.</Text> : null}
      {list.data?.items.map((a) => <AlarmCard key={a.id} a={a} canAck={may(user, 'POST /api/v1/alarms/{id}/acknowledge')} onDone={list.reload} />)}
      <Group>
        {cursors.length ? (
          <Button variant="default" size="xs" onClick={() => setCursors([])}>
            Newest
          </Button>
        ) : null}
        {next ? (
          <Button variant="default" size="xs" onClick={() => setCursors([...cursors, next])}>
            Older alarms
          </Button>
        ) : null}
      </Group>
      {may(user, 'GET /api/v1/notifications/subscriptions') ? <Subscriptions /> : null}
      {may(user, 'GET /api/v1/webhooks') ? <Webhooks /> : null}
    </Stack>
  );
}

function AlarmCard({ a, canAck, onDone }: { a: Alarm; canAck: boolean; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { pending, problem, run } = useAct();
  const acknowledgedAt = text(a.acknowledgedAt);
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {a.title}
        </Title>
        <Group gap="xs">
          <Badge color={a.severity === 'critical' ? 'red' : 'yellow'} variant="light" styles={{ label: { color: 'var(--mantine-color-black)' } }}>
            {a.severity}
          </Badge>
          <StatusBadge status={a.state} />
        </Group>
      </Group>
      <Text size="sm">
        {a.kind.replace(/_/g, ' ')} · raised {when(a.raisedAt)}
        {text(a.escalatedAt) ? ` · escalated ${when(text(a.escalatedAt))}` : ''}
        {acknowledgedAt ? ` · acknowledged ${when(acknowledgedAt)} by ${byName(a.acknowledgedBy)}: ${text(a.acknowledgementNote) ?? ''}` : ''}
        {text(a.clearedAt) ? ` · cleared ${when(text(a.clearedAt))} (${text(a.clearedReason) ?? ''})` : ''}
      </Text>
      {canAck && !acknowledgedAt && a.state !== 'cleared' ? (
        <Stack gap="xs" mt="xs">
          <ProblemAlert problem={problem} shownFields={['note']} />
          <Group align="flex-end">
            <TextInput label={`Acknowledgement note (${a.title})`} w={480} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(problem, 'note')} />
            <Button loading={pending} onClick={() => void run(async () => (await call(api.POST('/api/v1/alarms/{id}/acknowledge', { params: { path: { id: a.id } }, body: { note } })), onDone()))}>
              Acknowledge
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

const ROLES: Schemas['SubscriptionDto']['role'][] = ['admin', 'coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'];
const EVENTS: Schemas['SubscriptionDto']['event'][] = ['raised', 'escalated', 'acknowledged', 'cleared'];

/** Who is e-mailed of which alarm event, per role (admin replaces the set; QA and auditors read it). */
function Subscriptions() {
  const { user } = useSession();
  const subs = useLoad(() => call<Schemas['SubscriptionsView']>(api.GET('/api/v1/notifications/subscriptions')), []);
  const canEdit = may(user, 'PUT /api/v1/notifications/subscriptions');
  const [add, setAdd] = useState<Schemas['SubscriptionDto']>({ role: 'quality_assurance', alarmKind: '', event: 'raised' });
  const { pending, problem, run } = useAct();
  const put = (items: Schemas['SubscriptionDto'][]) => run(async () => (await call(api.PUT('/api/v1/notifications/subscriptions', { body: { items } })), subs.reload()));
  const items = subs.data?.items ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          E-mail notifications
        </Title>
        <ProblemAlert problem={problem ?? subs.problem} />
        <Table aria-label="Notification subscriptions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Alarm kind</Table.Th>
              <Table.Th>Event</Table.Th>
              {canEdit ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s, i) => (
              <Table.Tr key={`${s.role}-${s.alarmKind}-${s.event}`}>
                <Table.Td>{s.role.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>{s.alarmKind.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>{s.event}</Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Button size="xs" variant="default" loading={pending} aria-label={`Remove ${s.role} ${s.alarmKind} ${s.event}`} onClick={() => void put(items.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canEdit ? (
          <Group align="flex-end">
            <Select label="Role" data={ROLES.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))} value={add.role} onChange={(v) => v && setAdd({ ...add, role: v as typeof add.role })} allowDeselect={false} />
            <Select label="Alarm kind" data={(subs.data?.kinds ?? []).map((k) => ({ value: k.kind, label: k.kind.replace(/_/g, ' ') }))} value={add.alarmKind || null} onChange={(v) => setAdd({ ...add, alarmKind: v ?? '' })} />
            <Select label="Event" data={EVENTS} value={add.event} onChange={(v) => v && setAdd({ ...add, event: v as typeof add.event })} allowDeselect={false} />
            <Button loading={pending} disabled={!add.alarmKind} onClick={() => void put([...items, add])}>
              Add subscription
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

const HOOK_EVENTS: Schemas['CreateWebhookDto']['events'] = ['alarm.raised', 'alarm.escalated', 'alarm.acknowledged', 'alarm.cleared'];

/** Signed webhooks (admin): the secret is shown once, at registration. */
function Webhooks() {
  const hooks = useLoad(() => call<Schemas['WebhookPage']>(api.GET('/api/v1/webhooks')), []);
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<Schemas['CreatedWebhookView'] | null>(null);
  const { pending, problem, run } = useAct();
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h5">
          Webhooks
        </Title>
        <ProblemAlert problem={problem ?? hooks.problem} shownFields={['url']} />
        <Table aria-label="Webhooks">
          <Table.Tbody>
            {hooks.data?.items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td ff="monospace">{h.url}</Table.Td>
                <Table.Td>{h.events.join(', ')}</Table.Td>
                <Table.Td>{h.active ? 'active' : 'deactivated'}</Table.Td>
                <Table.Td>
                  {h.active ? (
                    <Button size="xs" variant="default" loading={pending} aria-label={`Deactivate ${h.url}`} onClick={() => void run(async () => (await call(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: h.id } } })), hooks.reload()))}>
                      Deactivate
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {created ? (
          <Text size="sm">
            Signing secret of {created.url} (shown once): <Code>{created.secret}</Code>
          </Text>
        ) : null}
        <Group align="flex-end">
          <TextInput label="Webhook URL" w={420} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(problem, 'url')} />
          <Button loading={pending} onClick={() => void run(async () => (setCreated(await call<Schemas['CreatedWebhookView']>(api.POST('/api/v1/webhooks', { body: { url, events: HOOK_EVENTS } }))), setUrl(''), hooks.reload()))}>
            Register webhook
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
