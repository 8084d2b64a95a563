import { Text } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { Route } from 'react-router';
import type { RouteKey } from '../api/route-roles';

/**
 * The quality screens (deviations, adverse reactions, look-backs, supplies, equipment, alarms), each
 * loaded when first opened (React.lazy) so the first load stays inside its budget.
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<Text>Loading…</Text>}>
      <Lazy />
    </Suspense>
  );
};

/** Navigation entries, each shown when the user may call the route it is built on (auth/permissions `may`). */
export const QUALITY_SCREENS: { path: string; label: string; route: RouteKey }[] = [
  { path: '/alarms', label: 'Alarms', route: 'GET /api/v1/alarms' },
  { path: '/deviations', label: 'Deviations', route: 'GET /api/v1/deviations' },
  { path: '/adverse-reactions', label: 'Adverse reactions', route: 'GET /api/v1/adverse-reactions' },
  { path: '/lookbacks', label: 'Look-backs', route: 'GET /api/v1/lookbacks' },
  { path: '/supplies', label: 'Supplies', route: 'GET /api/v1/supplies/lots' },
  { path: '/equipment', label: 'Equipment', route: 'GET /api/v1/equipment' },
];

/** The routes of those screens, for the app's <Routes>. */
export function qualityRoutes() {
  return [
    <Route key="deviations" path="/deviations" element={page(() => import('./DeviationsPage'), 'DeviationsPage')} />,
    <Route key="deviation" path="/deviations/:id" element={page(() => import('./DeviationPage'), 'DeviationPage')} />,
    <Route key="reactions" path="/adverse-reactions" element={page(() => import('./AdverseReactionsPage'), 'AdverseReactionsPage')} />,
    <Route key="lookbacks" path="/lookbacks" element={page(() => import('../lookbacks/LookbacksPage'), 'LookbacksPage')} />,
    <Route key="lookback" path="/lookbacks/:id" element={page(() => import('../lookbacks/LookbackPage'), 'LookbackPage')} />,
    <Route key="supplies" path="/supplies" element={page(() => import('../supplies/SuppliesPage'), 'SuppliesPage')} />,
    <Route key="exceptions" path="/supplies/exceptions" element={page(() => import('../supplies/ExceptionsPage'), 'ExceptionsPage')} />,
    <Route key="lot" path="/supplies/lots/:id" element={page(() => import('../supplies/SupplyLotPage'), 'SupplyLotPage')} />,
    <Route key="equipment" path="/equipment" element={page(() => import('../supplies/EquipmentPage'), 'EquipmentPage')} />,
    <Route key="alarms" path="/alarms" element={page(() => import('../alarms/AlarmsPage'), 'AlarmsPage')} />,
  ];
}
