import { AppShell, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { LoginPage } from './auth/LoginPage';
import { may, SCREENS } from './auth/permissions';
import { useSession } from './auth/session';
import { ScanListener } from './components/ScanListener';
import { DashboardPage } from './dashboard/DashboardPage';
import { DonorPage } from './donors/DonorPage';
import { DonorsPage } from './donors/DonorsPage';
import { LabEventsPage } from './lab/LabEventsPage';
import { QaQueuePage } from './qa/QaQueuePage';
import { ReleaseRequestPage } from './release/ReleaseRequestPage';
import { ReleaseRequestsPage } from './release/ReleaseRequestsPage';
import { BoxPage } from './storage/BoxPage';
import { ExcursionsPage } from './storage/ExcursionsPage';
import { FreezerPage } from './storage/FreezerPage';
import { StoragePage } from './storage/StoragePage';
import { ReceiptPage } from './units/ReceiptPage';
import { UnitPage } from './units/UnitPage';
import { UsersPage } from './admin/UsersPage';
import { QUALITY_SCREENS, qualityRoutes } from './quality/screens';
import { FollowUpsPage } from './clinical/FollowUpsPage';
import { MovePage } from './storage/MovePage';
import type { RouteKey } from './api/route-roles';
import { supplyRoutes } from './supplies/routes';

/** Screens of the bench, release and clinical work added to the navigation (issue 18). */
const MORE_SCREENS: { path: string; label: string; route: RouteKey }[] = [
  { path: '/move', label: 'Move units', route: 'POST /api/v1/units/{din}/move' },
  { path: '/clinical', label: 'Clinical follow-up', route: 'GET /api/v1/follow-ups' },
];

export function App() {
  const { user, mustChangePassword, signOut } = useSession();
  const location = useLocation();
  if (!user) return <LoginPage />;
  if (mustChangePassword) return <ChangePasswordPage forced />;
  const screens = [...SCREENS, ...MORE_SCREENS, ...QUALITY_SCREENS].filter((s) => may(user, s.route));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
      <ScanListener />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h4">
            Cord blood bank
          </Title>
          <Group gap="sm">
            <Text size="sm">
              {user.name} ({user.roles.join(', ').replace(/_/g, ' ')})
            </Text>
            <Button component={Link} to="/password" variant="subtle" size="xs">
              Change password
            </Button>
            <Button variant="default" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Screens">
        <Stack gap={2}>
          {screens.map((s) => (
            <NavLink key={s.path} component={Link} to={s.path} label={s.label} variant="filled" active={s.path === '/' ? location.pathname === '/' : location.pathname.startsWith(s.path)} />
          ))}
        </Stack>
        <Text size="xs" mt="md" c="dark.6">
          Scan a unit anywhere to open it.
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        <main>
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/password" element={<ChangePasswordPage />} />
            <Route path="/units/:din" element={<UnitPage />} />
            <Route path="/receipt" element={<ReceiptPage />} />
            <Route path="/qa" element={<QaQueuePage />} />
            <Route path="/storage" element={<StoragePage />} />
            <Route path="/excursions" element={<ExcursionsPage />} />
            <Route path="/storage/freezers/:id" element={<FreezerPage />} />
            <Route path="/storage/boxes/:id" element={<BoxPage />} />
            <Route path="/donors" element={<DonorsPage />} />
            <Route path="/donors/:id" element={<DonorPage />} />
            <Route path="/release" element={<ReleaseRequestsPage />} />
            <Route path="/release/:id" element={<ReleaseRequestPage />} />
            <Route path="/lab-events" element={<LabEventsPage />} />
            <Route path="/users" element={<UsersPage />} />
            {qualityRoutes()}
            {supplyRoutes()}
            <Route path="/move" element={<MovePage />} />
            <Route path="/clinical" element={<FollowUpsPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
