import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { fieldError, Problem } from '../api/problem';
import { useSession } from '../auth/session';
import { ProblemAlert } from './ProblemAlert';

/** The meanings a signature may carry (DESIGN.md section 12): a fixed list, not free text. */
export const MEANINGS = ['release', 'approval', 'discard', 'determination', 'review', 'closure'] as const;
export type Meaning = (typeof MEANINGS)[number];

type SignatureDto = Schemas['SignatureDto'];
/**
 * DESIGN.md 12 signs with `{email, password, meaning}` (the e-mail is required at a session's first
 * signing). Should the schema lose `email`, this line stops compiling.
 */
const SIGNATURE_TAKES_EMAIL: 'email' extends keyof SignatureDto ? true : false = true;

export function signatureOf(email: string, password: string, meaning: Meaning): SignatureDto {
  return (SIGNATURE_TAKES_EMAIL ? { email, password, meaning } : { password, meaning }) as SignatureDto;
}

/**
 * An electronic signature (21 CFR Part 11.200): the signer enters their e-mail and password again and
 * chooses what the signature means. `onSign` performs the act; its problem is shown here.
 */
export function SignatureDialog({ opened, title, meaning, statement, onClose, onSign }: {
  opened: boolean;
  title: string;
  meaning: Meaning;
  statement: string;
  onClose: () => void;
  onSign: (signature: SignatureDto) => Promise<void>;
}) {
  const { user } = useSession();
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [chosen, setChosen] = useState<Meaning>(meaning);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    setPending(true);
    setProblem(null);
    try {
      await onSign(signatureOf(email, password, chosen));
      setPassword('');
      onClose();
    } catch (e) {
      setProblem(Problem.from(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ "aria-label": "Close" }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">{statement}</Text>
          <ProblemAlert problem={problem} shownFields={['signature.password', 'signature.meaning', 'signature.email']} />
          <TextInput label="Signer e-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(problem, 'signature.email')} autoComplete="username" />
          <PasswordInput label="Password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(problem, 'signature.password')} autoComplete="current-password" data-autofocus />
          <Select label="Meaning of this signature" required data={MEANINGS.map((m) => ({ value: m, label: m }))} value={chosen} onChange={(v) => v && setChosen(v as Meaning)} allowDeselect={false} error={fieldError(problem, 'signature.meaning')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Sign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
