import { Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from './session';

export function LoginPage() {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { pending, problem, run } = useAct();
  return (
    <Center mih="100vh" component="main">
      <Paper withBorder p="xl" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => signIn(await call<Schemas['LoginResponse']>(api.POST('/api/v1/auth/login', { body: { email, password } }))));
          }}
        >
          <Stack>
            <Title order={1} size="h3">
              Cord blood bank — sign in
            </Title>
            <ProblemAlert problem={problem} shownFields={['email', 'password']} />
            <TextInput label="E-mail" type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(problem, 'email')} autoFocus />
            <PasswordInput label="Password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(problem, 'password')} />
            <Button type="submit" loading={pending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
