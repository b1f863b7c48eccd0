import type { Action } from '@fengqiao/shared';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useAuth, useSession } from './auth';
import { useI18n } from './i18n/I18nProvider';

export function FullPageSpinner() {
  return (
    <div className="fq-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** Signed-in users only; a user with an initial password is held on the account page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.me.mustChangePassword && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <>{children}</>;
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbiddenText')}
      extra={
        <Link to="/account">
          <Button type="primary">{t('nav.account')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundText')}
      data-testid="not-found"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shows the page only when GET /api/me granted the action; the API enforces it anyway. */
export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const { may } = useSession();
  return may(action) ? <>{children}</> : <ForbiddenPage />;
}

/** The start page: home when the role has a dashboard, otherwise the account page. */
export function IndexRoute({ home }: { home: ReactNode }) {
  const { me, may } = useSession();
  // A landlord's day is their own rental houses: open there rather than on county figures.
  if (may('rentals.self')) return <Navigate to="/my-rentals" replace />;
  // A volunteer's day is the phone app: its five tiles.
  if (me.role === 'volunteer') return <Navigate to="/v" replace />;
  return may('dashboard.view') ? <>{home}</> : <Navigate to="/account" replace />;
}
