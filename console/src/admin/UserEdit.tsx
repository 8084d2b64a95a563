import { Alert, Button, Checkbox, Code, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';

const ROLES = ['admin', 'coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const;

/** A one-time password the browser draws (Web Crypto): 20 characters of an unambiguous alphabet. */
function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * An administrator's changes to an account (DESIGN.md 6): name and roles; deactivation (its tokens
 * stop at once); a password reset to a one-time password, shown here once, that the user must
 * replace at the next login (the administrator never knows a working password).
 */
export function UserEdit({ account, self, onDone }: { account: Schemas['UserView']; self: boolean; onDone: () => void }) {
  const [name, setName] = useState(account.name);
  const [roles, setRoles] = useState<string[]>([...account.roles]);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'deactivate' | 'reset' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { pending, problem, run } = useAct();
  const patch = (body: Schemas['UpdateUserDto'], what: string) =>
    run(async () => {
      await call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: account.id } }, body }));
      setSaved(what);
      onDone();
      return true;
    });
  return (
    <Paper withBorder p="md" maw={720} component="section" aria-labelledby="edit-user-title">
      <Stack>
        <Title order={3} size="h5" id="edit-user-title">
          Account of {account.name} ({account.email})
        </Title>
        <ProblemAlert problem={problem} shownFields={['name', 'roles']} />
        {saved ? (
          <Alert color="green" role="status" title={saved} styles={{ message: { color: 'var(--mantine-color-black)' } }}>
            {oneTime ? (
              <>
                One-time password, shown once: <Code data-one-time-password>{oneTime}</Code>. Give it to {account.name} by a separate channel; it must be changed at the next sign-in.
              </>
            ) : (
              'The account is changed; its sessions end where the change requires it.'
            )}
          </Alert>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setOneTime(null);
            void patch({ name, roles: roles as Schemas['UpdateUserDto']['roles'] }, 'Account saved');
          }}
        >
          <Stack>
            <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
            <Checkbox.Group label="Roles" value={roles} onChange={setRoles} error={fieldError(problem, 'roles')}>
              <Group mt="xs">
                {ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={r.replace(/_/g, ' ')} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={pending}>
                Save name and roles
              </Button>
              <Button variant="outline" onClick={() => setConfirm('reset')} disabled={!account.active}>
                Reset password
              </Button>
              {account.active ? (
                <Button color="red" variant="outline" onClick={() => setConfirm('deactivate')} disabled={self}>
                  Deactivate
                </Button>
              ) : (
                <Button variant="outline" loading={pending} onClick={() => (setOneTime(null), void patch({ active: true }, 'Account reactivated'))}>
                  Reactivate
                </Button>
              )}
            </Group>
            {self ? <Text size="sm">You can not deactivate your own account here.</Text> : null}
          </Stack>
        </form>
      </Stack>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm === 'reset' ? 'Reset the password?' : 'Deactivate the account?'} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text size="sm">
            {confirm === 'reset'
              ? `${account.name}'s sessions end at once; a one-time password is set and shown once, to be changed at the next sign-in.`
              : `${account.name} can no longer sign in, and every session of this account ends at once.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button
              color={confirm === 'deactivate' ? 'red' : undefined}
              loading={pending}
              onClick={() => {
                const what = confirm;
                setConfirm(null);
                if (what === 'reset') {
                  const pw = oneTimePassword();
                  void patch({ password: pw }, 'Password reset').then((ok) => setOneTime(ok ? pw : null));
                } else {
                  setOneTime(null);
                  void patch({ active: false }, 'Account deactivated');
                }
              }}
            >
              {confirm === 'reset' ? 'Reset the password' : 'Deactivate'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
