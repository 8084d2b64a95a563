import { Alert, Button, Code, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { when } from '../components/when';

/** GET /integrations answers `{items}` of these (the document has no response schema for it yet). */
interface IntegrationView {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Lab integrations (admin): the list, registering one (its key shown once), revoking one (effective at once). */
export function IntegrationsList() {
  const { user } = useSession();
  const list = useLoad(() => call<{ items: IntegrationView[] }>(api.GET('/api/v1/integrations')), []);
  const [revoking, setRevoking] = useState<IntegrationView | null>(null);
  const revoke = useAct();
  return (
    <Paper withBorder p="md" maw={900} component="section" aria-labelledby="integrations-title">
      <Stack>
        <Title order={3} size="h5" id="integrations-title">
          Lab integrations
        </Title>
        <ProblemAlert problem={list.problem ?? revoke.problem} />
        <Table aria-label="Integrations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key prefix</Table.Th>
              <Table.Th>Registered</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>
                  <Code>{i.keyPrefix}</Code>
                </Table.Td>
                <Table.Td>{when(i.createdAt)}</Table.Td>
                <Table.Td>
                  {i.revokedAt ? (
                    `revoked ${when(i.revokedAt)}`
                  ) : may(user, 'DELETE /api/v1/integrations/{id}') ? (
                    <Button size="xs" color="red" variant="outline" aria-label={`Revoke ${i.name}`} onClick={() => setRevoking(i)}>
                      Revoke
                    </Button>
                  ) : (
                    'active'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {may(user, 'POST /api/v1/integrations') ? <NewIntegration onDone={list.reload} /> : null}
      </Stack>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke the integration key?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text size="sm">{revoking?.name}'s key stops working at once; the events it sent stay.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.pending}
              onClick={() => {
                const id = revoking!.id;
                setRevoking(null);
                void revoke.run(async () => (await call(api.DELETE('/api/v1/integrations/{id}', { params: { path: { id } } })), list.reload()));
              }}
            >
              Revoke the key
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function NewIntegration({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Schemas['IntegrationCreatedView'] | null>(null);
  const { pending, problem, run } = useAct();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          setCreated(await call<Schemas['IntegrationCreatedView']>(api.POST('/api/v1/integrations', { body: { name } })));
          setName('');
          onDone();
        });
      }}
    >
      <Stack>
        <Title order={4} size="h6">
          Register a lab integration
        </Title>
        <ProblemAlert problem={problem} shownFields={['name']} />
        {created ? (
          <Alert color="yellow" title="Key shown once" role="status" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
            API key for {created.name}: <Code>{created.apiKey}</Code>
          </Alert>
        ) : null}
        <Group align="flex-end">
          <TextInput label="Integration name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
          <Button type="submit" loading={pending}>
            Register integration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
