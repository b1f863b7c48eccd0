import { Drawer, Layout, Spin } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { useIsNarrow } from '../useMediaQuery';
import { HeaderBar } from './HeaderBar';
import { NavMenu } from './NavMenu';

function Brand({ compact }: { compact: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" className="fq-brand" aria-label={t('app.name')}>
      <img src="/icon.svg" alt="" width={32} height={32} />
      {!compact && (
        <span className="fq-brand-text">
          <span className="fq-brand-name">{t('app.name')}</span>
          <span className="fq-brand-sub">{t('app.subtitle')}</span>
        </span>
      )}
    </Link>
  );
}

/** Side menu on desktop, drawer menu on phones (≤ 768 px), header with the user, content in <main>. */
export function AppLayout() {
  const { t } = useI18n();
  const narrow = useIsNarrow();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A route change closes the phone menu.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <Layout className="fq-shell">
      <a className="fq-skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      {!narrow && (
        <Layout.Sider width={232} collapsed={collapsed} trigger={null} className="fq-sider">
          <Brand compact={collapsed} />
          <NavMenu theme="dark" />
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar
          narrow={narrow}
          collapsed={collapsed}
          onToggleMenu={() => (narrow ? setDrawerOpen(true) : setCollapsed((c) => !c))}
        />
        <Layout.Content id="main" tabIndex={-1} className="fq-content">
          <Suspense
            fallback={
              <div className="fq-center">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {narrow && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand compact={false} />}
          styles={{ body: { padding: 0 } }}
        >
          <NavMenu theme="light" onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
