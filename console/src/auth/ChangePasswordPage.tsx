import { Alert, Button, Center, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from './session';

/** Every user changes their own password here; a one-time password must be replaced first (DESIGN.md 6). */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { signIn, signOut } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const { pending, problem, run } = useAct();
  const form = (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          signIn(await call<Schemas['LoginResponse']>(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })));
          setDone(true);
          setCurrent('');
          setNew('');
        });
      }}
    >
      <Stack>
        <Title order={forced ? 1 : 2} size="h3">
          Change password
        </Title>
        {forced ? <Alert color="blue" title="A new password is needed" role="note">Your password was set by an administrator and works once: choose your own to continue.</Alert> : null}
        {done ? <Alert color="green" title="Password changed" role="status">Your new password is in use.</Alert> : null}
        <ProblemAlert problem={problem} shownFields={['currentPassword', 'newPassword']} />
        <PasswordInput label="Current password" required autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={fieldError(problem, 'currentPassword')} />
        <PasswordInput label="New password" description="At least 12 characters" required autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} error={fieldError(problem, 'newPassword')} />
        <Button type="submit" loading={pending}>
          Change password
        </Button>
        {forced ? (
          <Button variant="subtle" onClick={signOut}>
            Sign out
          </Button>
        ) : null}
      </Stack>
    </form>
  );
  return forced ? (
    <Center mih="100vh" component="main">
      <Paper withBorder p="xl" w={400}>
        {form}
      </Paper>
    </Center>
  ) : (
    <Paper withBorder p="lg" maw={440}>
      {form}
    </Paper>
  );
}
