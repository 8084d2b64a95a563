import { Badge } from '@mantine/core';

const COLOURS: Record<string, string> = {
  collected: 'gray', received: 'gray', processed: 'indigo', quarantine: 'orange', available: 'green', reserved: 'blue', shipped: 'cyan',
  delivered: 'teal', infused: 'teal', rejected: 'red', on_hold: 'yellow', discarded: 'red',
  submitted: 'gray', approved: 'green', cancelled: 'red', parked: 'orange', applied: 'green', dismissed: 'gray',
  eligible: 'green', ineligible: 'red', incomplete: 'yellow',
};

/** A status as a word (never colour alone), darkened to keep AA contrast. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLOURS[status] ?? 'gray'} variant="light" radius="sm" styles={{ label: { color: 'var(--mantine-color-black)', overflow: 'visible' } }}>
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
