import { Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, call } from '../api/client';
import { useLoad } from '../api/useLoad';
import type { UnitPage } from '../api/views';
import { DinDisplay } from '../components/DinDisplay';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';

const PAGE = 20;

/** QA's queue: units in quarantine (release), processed (to quarantine) and on hold. Each opens its unit, with the release check list. */
export function QaQueuePage() {
  const [status, setStatus] = useState<'quarantine' | 'processed' | 'on_hold' | 'received'>('quarantine');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<UnitPage>(api.GET('/api/v1/units', { params: { query: { status, page, pageSize: PAGE } } })), [status, page]);
  return (
    <Stack>
      <Title order={2}>QA queue</Title>
      <Text size="sm" role="group" aria-label="Queue">
        {(['quarantine', 'processed', 'on_hold', 'received'] as const).map((s) => (
          <button key={s} type="button" onClick={() => (setStatus(s), setPage(1))} aria-pressed={status === s} style={{ marginRight: 8, padding: '4px 10px', fontWeight: status === s ? 700 : 400 }}>
            {s === 'quarantine' ? 'Awaiting release' : s === 'processed' ? 'To quarantine' : s === 'on_hold' ? 'On hold' : 'Receipt acceptance'}
          </button>
        ))}
      </Text>
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="QA queue">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>DIN</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Banking</Table.Th>
            <Table.Th>Donor</Table.Th>
            {status === 'received' ? <Table.Th>Acceptance</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((u) => (
            <Table.Tr key={u.din}>
              <Table.Td>
                <DinDisplay din={u.din} check={u.dinCheck} link />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={u.status} />
              </Table.Td>
              <Table.Td>{u.bankingType}</Table.Td>
              <Table.Td>{u.donorNumber}</Table.Td>
              {status === 'received' ? (
                <Table.Td>
                  {u.acceptance?.status === 'pending' ? (
                    <>
                      <strong>pending</strong>: {u.acceptanceFlags?.join('; ')} (open the unit to decide)
                    </>
                  ) : (
                    u.acceptance?.status ?? 'accepted at receipt'
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="units" /> : null}
    </Stack>
  );
}
