import { Alert, List } from '@mantine/core';
import type { Problem } from '../api/problem';

/**
 * The API's problem above the form: its `detail`, and the field errors no field on screen shows
 * (`shownFields`), so none is lost.
 */
export function ProblemAlert({ problem, shownFields = [] }: { problem: Problem | null | undefined; shownFields?: string[] }) {
  if (!problem) return null;
  const rest = problem.errors.filter((e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
  return (
    <Alert color="red" title={problem.title} role="alert" variant="light" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
      {problem.detail}
      {rest.length ? (
        <List size="sm" mt="xs">
          {rest.map((e) => (
            <List.Item key={e.field + e.message}>
              {e.field}: {e.message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
