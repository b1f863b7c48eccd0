import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { IndexRoute, NotFoundPage, RequireAuth, RequirePermission } from './guards';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from '../modules/auth/pages/LoginPage';

// Pages load on first visit; the login page and the shell are in the first bundle.
const HomePage = lazy(() => import('../modules/home/pages/HomePage'));
const IncidentsPage = lazy(() => import('../modules/incidents/pages/IncidentsPage'));
const IncidentNewPage = lazy(() => import('../modules/incidents/pages/IncidentNewPage'));
const IncidentPage = lazy(() => import('../modules/incidents/pages/IncidentPage'));
const ReviewsPage = lazy(() => import('../modules/reviews/pages/ReviewsPage'));
const StatsPage = lazy(() => import('../modules/stats/pages/StatsPage'));
const ReviewPage = lazy(() => import('../modules/reviews/pages/ReviewPage'));
const WarningsPage = lazy(() => import('../modules/warnings/pages/WarningsPage'));
const WarningPage = lazy(() => import('../modules/warnings/pages/WarningPage'));
const IncidentTimingPage = lazy(() => import('../modules/incidents/pages/IncidentTimingPage'));
const BoardPage = lazy(() => import('../modules/board/pages/BoardPage'));
const OrgPage = lazy(() => import('../modules/org/pages/OrgPage'));
const DepartmentsPage = lazy(() => import('../modules/departments/pages/DepartmentsPage'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage'));
const ApiKeysPage = lazy(() => import('../modules/apikeys/pages/ApiKeysPage'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage'));
const AccountPage = lazy(() => import('../modules/account/pages/AccountPage'));
const ImportsPage = lazy(() => import('../modules/imports/pages/ImportsPage'));
const PlacesPage = lazy(() => import('../modules/places/pages/PlacesPage'));
const PeoplePage = lazy(() => import('../modules/people/pages/PeoplePage'));
const PersonPage = lazy(() => import('../modules/people/pages/PersonPage'));
const HousesPage = lazy(() => import('../modules/houses/pages/HousesPage'));
const HousePage = lazy(() => import('../modules/houses/pages/HousePage'));
const UnitsPage = lazy(() => import('../modules/units/pages/UnitsPage'));
const UnitPage = lazy(() => import('../modules/units/pages/UnitPage'));
const RentalsPage = lazy(() => import('../modules/rentals/pages/RentalsPage'));
const RentalDetailPage = lazy(() => import('../modules/rentals/pages/RentalDetailPage'));
const RentalsPendingPage = lazy(() => import('../modules/rentals/pages/PendingPage'));
const MyRentalsPage = lazy(() => import('../modules/rentals/pages/MyRentalsPage'));
const MyDayPage = lazy(() => import('../modules/myday/pages/MyDayPage'));
const CasesPage = lazy(() => import('../modules/cases/pages/CasesPage'));
const CaseNewPage = lazy(() => import('../modules/cases/pages/CaseNewPage'));
const CasePage = lazy(() => import('../modules/cases/pages/CasePage'));
const LedgerPage = lazy(() => import('../modules/myday/pages/LedgerPage'));
const PartnerTransfersPage = lazy(() => import('../modules/partner/pages/PartnerTransfersPage'));
const PartnerTransferPage = lazy(() => import('../modules/partner/pages/PartnerTransferPage'));
const SettingsPage = lazy(() => import('../modules/settings/pages/SettingsPage'));
const VolunteerHome = lazy(() => import('../modules/volunteer/pages/VolunteerHome'));
const TipReportPage = lazy(() => import('../modules/tips/pages/TipReportPage'));
const TipsTriagePage = lazy(() => import('../modules/tips/pages/TipsTriagePage'));
const VolunteersPage = lazy(() => import('../modules/volunteers/pages/VolunteersPage'));
const PointsPage = lazy(() => import('../modules/volunteers/pages/PointsPage'));
const VolunteerMemberPage = lazy(() => import('../modules/volunteers/pages/VolunteerMemberPage'));
const MyPointsPage = lazy(() => import('../modules/volunteers/pages/MyPointsPage'));
const TasksPage = lazy(() => import('../modules/tasks/pages/TasksPage'));
const PatrolsPage = lazy(() => import('../modules/tasks/pages/PatrolsPage'));
const HotspotsPage = lazy(() => import('../modules/hotspots/pages/HotspotsPage'));
const GuardPostsPage = lazy(() => import('../modules/tasks/pages/GuardPostsPage'));
const MyTasksPage = lazy(() => import('../modules/tasks/pages/MyTasksPage'));
const MyPatrolPage = lazy(() => import('../modules/tasks/pages/MyPatrolPage'));
const BroadcastsPage = lazy(() => import('../modules/broadcasts/pages/BroadcastsPage'));
const BroadcastNewPage = lazy(() => import('../modules/broadcasts/pages/BroadcastNewPage'));
const BroadcastPage = lazy(() => import('../modules/broadcasts/pages/BroadcastPage'));
const MyBroadcastsPage = lazy(() => import('../modules/broadcasts/pages/MyBroadcastsPage'));

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <IndexRoute home={<HomePage />} /> },
      {
        path: 'incidents',
        element: (
          <RequirePermission action="incidents.view">
            <IncidentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/new',
        element: (
          <RequirePermission action="incidents.create">
            <IncidentNewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/:id',
        element: (
          <RequirePermission action="incidents.view">
            <IncidentPage />
          </RequirePermission>
        ),
      },
      {
        path: 'stats',
        element: (
          <RequirePermission action="stats.view">
            <StatsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reviews',
        element: (
          <RequirePermission action="reviews.view">
            <ReviewsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reviews/:id',
        element: (
          <RequirePermission action="reviews.view">
            <ReviewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'org',
        element: (
          <RequirePermission action="org.view">
            <OrgPage />
          </RequirePermission>
        ),
      },
      {
        path: 'departments',
        element: (
          <RequirePermission action="departments.view">
            <DepartmentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission action="users.view">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'api-keys',
        element: (
          <RequirePermission action="apikeys.manage">
            <ApiKeysPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission action="audit.view">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequirePermission action="imports.run">
            <ImportsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'people',
        element: (
          <RequirePermission action="people.view">
            <PeoplePage />
          </RequirePermission>
        ),
      },
      {
        path: 'people/:id',
        element: (
          <RequirePermission action="people.view">
            <PersonPage />
          </RequirePermission>
        ),
      },
      {
        path: 'houses',
        element: (
          <RequirePermission action="houses.view">
            <HousesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'houses/:id',
        element: (
          <RequirePermission action="houses.view">
            <HousePage />
          </RequirePermission>
        ),
      },
      {
        path: 'units',
        element: (
          <RequirePermission action="units.view">
            <UnitsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'units/:id',
        element: (
          <RequirePermission action="units.view">
            <UnitPage />
          </RequirePermission>
        ),
      },
      {
        path: 'rentals',
        element: (
          <RequirePermission action="rentals.view">
            <RentalsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'rentals/pending',
        element: (
          <RequirePermission action="rentals.view">
            <RentalsPendingPage />
          </RequirePermission>
        ),
      },
      {
        path: 'rentals/:id',
        element: (
          <RequirePermission action="rentals.view">
            <RentalDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'my-rentals',
        element: (
          <RequirePermission action="rentals.self">
            <MyRentalsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'places',
        element: (
          <RequirePermission action="places.view">
            <PlacesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'board',
        element: (
          <RequirePermission action="incidents.view">
            <BoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/timing',
        element: (
          <RequirePermission action="incidents.view">
            <IncidentTimingPage />
          </RequirePermission>
        ),
      },
      {
        path: 'warnings',
        element: (
          <RequirePermission action="incidents.view">
            <WarningsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'warnings/:id',
        element: (
          <RequirePermission action="incidents.view">
            <WarningPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases',
        element: (
          <RequirePermission action="cases.view">
            <CasesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/new',
        element: (
          <RequirePermission action="cases.manage">
            <CaseNewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/:id',
        element: (
          <RequirePermission action="cases.view">
            <CasePage />
          </RequirePermission>
        ),
      },
      {
        path: 'my-day',
        element: (
          <RequirePermission action="cases.followup">
            <MyDayPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/ledger',
        element: (
          <RequirePermission action="cases.ledger">
            <LedgerPage />
          </RequirePermission>
        ),
      },
      {
        path: 'partner/transfers',
        element: (
          <RequirePermission action="transfers.respond">
            <PartnerTransfersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'partner/transfers/:id',
        element: (
          <RequirePermission action="transfers.respond">
            <PartnerTransferPage />
          </RequirePermission>
        ),
      },
      {
        path: 'settings',
        element: (
          <RequirePermission action="categories.manage">
            <SettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'v',
        element: <VolunteerHome />,
      },
      {
        path: 'v/tip',
        element: (
          <RequirePermission action="tips.report">
            <TipReportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tips',
        element: (
          <RequirePermission action="tips.triage">
            <TipsTriagePage />
          </RequirePermission>
        ),
      },
      {
        path: 'volunteers',
        element: (
          <RequirePermission action="volunteers.view">
            <VolunteersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'volunteers/:id',
        element: (
          <RequirePermission action="volunteers.view">
            <VolunteerMemberPage />
          </RequirePermission>
        ),
      },
      {
        path: 'volunteers/points',
        element: (
          <RequirePermission action="volunteers.view">
            <PointsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'v/points',
        element: (
          <RequirePermission action="points.view">
            <MyPointsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'broadcasts',
        element: (
          <RequirePermission action="broadcasts.view">
            <BroadcastsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'broadcasts/new',
        element: (
          <RequirePermission action="broadcasts.send">
            <BroadcastNewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'broadcasts/:id',
        element: (
          <RequirePermission action="broadcasts.view">
            <BroadcastPage />
          </RequirePermission>
        ),
      },
      {
        path: 'v/broadcasts',
        element: (
          <RequirePermission action="broadcasts.receive">
            <MyBroadcastsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tasks',
        element: (
          <RequirePermission action="tasks.dispatch">
            <TasksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'patrols',
        element: (
          <RequirePermission action="patrols.manage">
            <PatrolsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'hotspots',
        element: (
          <RequirePermission action="hotspots.view">
            <HotspotsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'guard-posts',
        element: (
          <RequirePermission action="patrols.manage">
            <GuardPostsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'v/tasks',
        element: (
          <RequirePermission action="tasks.own">
            <MyTasksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'v/patrol',
        element: (
          <RequirePermission action="patrols.checkin">
            <MyPatrolPage />
          </RequirePermission>
        ),
      },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
