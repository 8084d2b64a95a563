import { Button, Checkbox, Group, Paper, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { IntegrationsList } from './IntegrationsList';
import { UserEdit } from './UserEdit';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';

const ROLES = ['admin', 'coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const;

/** Staff accounts and lab integrations (admin). A new account's password is one-time (DESIGN.md 6). */
export function UsersPage() {
  const { user } = useSession();
  const users = useLoad(() => call<Schemas['UserView'][] | { items: Schemas['UserView'][] }>(api.GET('/api/v1/users')), []);
  const list = Array.isArray(users.data) ? users.data : (users.data?.items ?? []);
  const [editing, setEditing] = useState<string | null>(null);
  const mayEdit = may(user, 'PATCH /api/v1/users/{id}');
  return (
    <Stack>
      <Title order={2}>Users and integrations</Title>
      <ProblemAlert problem={users.problem} />
      <Table withTableBorder aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Active</Table.Th>
            <Table.Th>One-time password</Table.Th>
            {mayEdit ? <Table.Th>Account</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>{u.roles.join(', ')}</Table.Td>
              <Table.Td>{u.active ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{u.mustChangePassword ? 'to be changed' : '—'}</Table.Td>
              {mayEdit ? (
                <Table.Td>
                  <Button variant="subtle" size="xs" aria-label={`${editing === u.id ? 'Close' : 'Edit'} ${u.name}`} aria-expanded={editing === u.id} onClick={() => setEditing(editing === u.id ? null : u.id)}>
                    {editing === u.id ? 'Close' : 'Edit'}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && mayEdit && list.find((u) => u.id === editing) ? <UserEdit key={editing} account={list.find((u) => u.id === editing)!} self={user?.id === editing} onDone={users.reload} /> : null}
      {may(user, 'POST /api/v1/users') ? <NewUser onDone={users.reload} /> : null}
      {may(user, 'GET /api/v1/integrations') ? <IntegrationsList /> : null}
    </Stack>
  );
}

function NewUser({ onDone }: { onDone: () => void }) {
  const [u, setU] = useState<Schemas['CreateUserDto']>({ email: '', name: '', password: '', roles: [] });
  const { pending, problem, run } = useAct();
  return (
    <Paper withBorder p="md" maw={720}>
      <form onSubmit={(e) => (e.preventDefault(), void run(async () => (await call(api.POST('/api/v1/users', { body: u })), setU({ email: '', name: '', password: '', roles: [] }), onDone())))}>
        <Stack>
          <Title order={3} size="h5">
            Add a staff account
          </Title>
          <ProblemAlert problem={problem} shownFields={['email', 'name', 'password', 'roles']} />
          <Group>
            <TextInput label="Name" required value={u.name} onChange={(e) => setU({ ...u, name: e.currentTarget.value })} error={fieldError(problem, 'name')} />
            <TextInput label="E-mail" type="email" required value={u.email} onChange={(e) => setU({ ...u, email: e.currentTarget.value })} error={fieldError(problem, 'email')} />
            <PasswordInput label="One-time password" required value={u.password} onChange={(e) => setU({ ...u, password: e.currentTarget.value })} error={fieldError(problem, 'password')} autoComplete="new-password" />
          </Group>
          <Checkbox.Group label="Roles" value={[...u.roles]} onChange={(v) => setU({ ...u, roles: v as typeof u.roles })} error={fieldError(problem, 'roles')}>
            <Group mt="xs">
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={r.replace(/_/g, ' ')} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={pending}>
              Add account
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
