import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { IndexRoute, NotFoundPage, RequireAuth, RequirePermission } from './guards';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from '../modules/auth/pages/LoginPage';

// Pages load on first visit; the login page and the shell are in the first bundle.
const HomePage = lazy(() => import('../modules/home/pages/HomePage'));
const OrgPage = lazy(() => import('../modules/org/pages/OrgPage'));
const DepartmentsPage = lazy(() => import('../modules/departments/pages/DepartmentsPage'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage'));
const ApiKeysPage = lazy(() => import('../modules/apikeys/pages/ApiKeysPage'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage'));
const AccountPage = lazy(() => import('../modules/account/pages/AccountPage'));
const ImportsPage = lazy(() => import('../modules/imports/pages/ImportsPage'));

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
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
