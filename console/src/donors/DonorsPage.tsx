import { Anchor, Button, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { fieldError } from '../api/problem';
import { useAct, useLoad } from '../api/useLoad';
import type { DonorPage } from '../api/views';
import { may } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Paged } from '../components/Paged';
import { ProblemAlert } from '../components/ProblemAlert';

const PAGE = 20;

/** Donors, searched and paginated; personal data exactly as the API returns it for this role. */
export function DonorsPage() {
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad(() => call<DonorPage>(api.GET('/api/v1/donors', { params: { query: { page, pageSize: PAGE, ...(search ? { search } : {}) } } })), [search, page]);
  return (
    <Stack>
      <Title order={2}>Donors</Title>
      <TextInput label="Search donors" description="Donor number or name" value={search} onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))} maw={360} />
      <ProblemAlert problem={list.problem} />
      <Table withTableBorder aria-label="Donors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Donor number</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Birth date</Table.Th>
            <Table.Th>Banking</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/donors/${d.id}`}>
                  {d.donorNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{d.firstName !== undefined ? `${d.firstName} ${d.lastName}` : 'not shown to your role'}</Table.Td>
              <Table.Td>{d.dateOfBirth ?? '—'}</Table.Td>
              <Table.Td>{d.bankingType}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data ? <Paged page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} label="donors" /> : null}
      {may(user, 'POST /api/v1/donors') ? <NewDonor /> : null}
    </Stack>
  );
}

function NewDonor() {
  const navigate = useNavigate();
  const [d, setD] = useState<Schemas['CreateDonorDto']>({ firstName: '', lastName: '', dateOfBirth: '', bankingType: 'public' });
  const { pending, problem, run } = useAct();
  const text = (k: 'firstName' | 'lastName' | 'dateOfBirth' | 'email' | 'phone') => ({
    value: d[k] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setD({ ...d, [k]: e.currentTarget.value || undefined }),
    error: fieldError(problem, k),
  });
  return (
    <Paper withBorder p="md" maw={720}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const created = await call<Schemas['DonorView']>(api.POST('/api/v1/donors', { body: { ...d, firstName: d.firstName ?? '', lastName: d.lastName ?? '', dateOfBirth: d.dateOfBirth ?? '' } }));
            navigate(`/donors/${created.id}`);
          });
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            Register a donor
          </Title>
          <ProblemAlert problem={problem} shownFields={['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'bankingType']} />
          <Group>
            <TextInput label="First name" required {...text('firstName')} />
            <TextInput label="Last name" required {...text('lastName')} />
            <TextInput label="Date of birth" type="date" required {...text('dateOfBirth')} />
          </Group>
          <Group align="flex-end">
            <TextInput label="E-mail" type="email" {...text('email')} />
            <TextInput label="Phone" {...text('phone')} />
            <Select label="Banking" data={['public', 'family']} value={d.bankingType} onChange={(v) => setD({ ...d, bankingType: (v ?? 'public') as 'public' })} allowDeselect={false} />
            <Button type="submit" loading={pending}>
              Register donor
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
