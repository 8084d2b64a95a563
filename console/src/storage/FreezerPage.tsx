import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useLoad } from '../api/useLoad';
import { ProblemAlert } from '../components/ProblemAlert';

/** A freezer's racks and their boxes, with occupancy; a box opens its grid. */
export function FreezerPage() {
  const { id = '' } = useParams();
  const f = useLoad(() => call<Schemas['FreezerDetailView']>(api.GET('/api/v1/storage/freezers/{id}', { params: { path: { id } } })), [id]);
  if (f.problem) return <ProblemAlert problem={f.problem} />;
  if (!f.data) return <Text>Loading…</Text>;
  return (
    <Stack>
      <Title order={2}>
        {f.data.name} ({f.data.used} / {f.data.capacity} used)
      </Title>
      <Anchor component={Link} to="/storage" size="sm">
        All freezers
      </Anchor>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {f.data.racks.map((r) => (
          <Card withBorder key={r.id}>
            <Title order={3} size="h5">
              Rack {r.label} ({r.used} / {r.capacity})
            </Title>
            <Stack gap={4} mt="xs">
              {r.boxes.map((b) => (
                <Anchor key={b.id} component={Link} to={`/storage/boxes/${b.id}`}>
                  Box {b.label}: {b.used} used, {b.free} free
                </Anchor>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
