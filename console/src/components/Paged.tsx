import { Group, Pagination, Text } from '@mantine/core';

/** Under a paginated list: where we are, and the pages (`{page, pageSize, total}` from the API). */
export function Paged({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (p: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm">
        {from}–{Math.min(total, page * pageSize)} of {total} {label}
      </Text>
      {pages > 1 ? <Pagination total={pages} value={page} onChange={onPage} size="sm" getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page' : c === 'next' ? 'Next page' : c })} getItemProps={(p) => ({ 'aria-label': `Page ${p}` })} /> : null}
    </Group>
  );
}
