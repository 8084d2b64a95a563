import { Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route } from 'react-router';

/** The equipment detail, loaded when first opened (React.lazy) so the first load stays inside its budget; made once, here. */
const Detail = lazy(async () => ({ default: (await import('./EquipmentDetailPage')).EquipmentDetailPage }));

function EquipmentDetailRoute() {
  return (
    <Suspense fallback={<Text>Loading…</Text>}>
      <Detail />
    </Suspense>
  );
}

/** Routes of the supplies and equipment screens added after quality/screens.tsx (issue 18 follow-ups). */
export function supplyRoutes() {
  return [<Route key="equipment-detail" path="/equipment/:id" element={<EquipmentDetailRoute />} />];
}
