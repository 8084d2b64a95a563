import { Text } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { Route } from 'react-router';
import type { RouteKey } from '../api/route-roles';

/**
 * The quality screens (deviations, adverse reactions, look-backs, supplies, equipment, alarms), each
 * loaded when first opened (React.lazy) so the first load stays inside its budget. Each lazy
 * component is made once, here: one made per render would suspend again on every render.
 */
const lazyPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Text>Loading…</Text>}>
        <Lazy />
      </Suspense>
    );
  };
};

const DeviationsPage = lazyPage(() => import('./DeviationsPage'), 'DeviationsPage');
const DeviationPage = lazyPage(() => import('./DeviationPage'), 'DeviationPage');
const AdverseReactionsPage = lazyPage(() => import('./AdverseReactionsPage'), 'AdverseReactionsPage');
const LookbacksPage = lazyPage(() => import('../lookbacks/LookbacksPage'), 'LookbacksPage');
const LookbackPage = lazyPage(() => import('../lookbacks/LookbackPage'), 'LookbackPage');
const SuppliesPage = lazyPage(() => import('../supplies/SuppliesPage'), 'SuppliesPage');
const ExceptionsPage = lazyPage(() => import('../supplies/ExceptionsPage'), 'ExceptionsPage');
const SupplyLotPage = lazyPage(() => import('../supplies/SupplyLotPage'), 'SupplyLotPage');
const EquipmentPage = lazyPage(() => import('../supplies/EquipmentPage'), 'EquipmentPage');
const AlarmsPage = lazyPage(() => import('../alarms/AlarmsPage'), 'AlarmsPage');

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
    <Route key="deviations" path="/deviations" element={<DeviationsPage />} />,
    <Route key="deviation" path="/deviations/:id" element={<DeviationPage />} />,
    <Route key="reactions" path="/adverse-reactions" element={<AdverseReactionsPage />} />,
    <Route key="lookbacks" path="/lookbacks" element={<LookbacksPage />} />,
    <Route key="lookback" path="/lookbacks/:id" element={<LookbackPage />} />,
    <Route key="supplies" path="/supplies" element={<SuppliesPage />} />,
    <Route key="exceptions" path="/supplies/exceptions" element={<ExceptionsPage />} />,
    <Route key="lot" path="/supplies/lots/:id" element={<SupplyLotPage />} />,
    <Route key="equipment" path="/equipment" element={<EquipmentPage />} />,
    <Route key="alarms" path="/alarms" element={<AlarmsPage />} />,
  ];
}
