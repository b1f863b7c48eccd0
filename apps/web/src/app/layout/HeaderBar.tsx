import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@fengqiao/shared';
import { Avatar, Button, Layout, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../auth';
import { LangSwitch } from '../components/LangSwitch';
import { NotificationBell } from '../../modules/myday/NotificationBell';
import { useFeedback } from '../feedback';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  narrow: boolean;
  collapsed: boolean;
  onToggleMenu: () => void;
}

export function HeaderBar({ narrow, collapsed, onToggleMenu }: Props) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { showError } = useFeedback();

  const signOut = () => {
    logout()
      .then(() => navigate('/login', { replace: true }))
      .catch(showError);
  };

  const menuLabel = narrow ? t('nav.openMenu') : t('nav.label');
  const MenuIcon = narrow ? MenuOutlined : collapsed ? MenuUnfoldOutlined : MenuFoldOutlined;

  return (
    <Layout.Header className="fq-header">
      <Button
        type="text"
        icon={<MenuIcon aria-hidden />}
        onClick={onToggleMenu}
        aria-label={menuLabel}
        aria-expanded={narrow ? undefined : !collapsed}
        data-testid="menu-toggle"
      />
      {narrow && (
        <span className="fq-header-brand" aria-hidden>
          {t('app.name')}
        </span>
      )}
      <div className="fq-header-spacer" />
      <div className="fq-header-user" data-testid="header-user">
        {!narrow && <Avatar size="small" icon={<UserOutlined aria-hidden />} />}
        <div className="fq-header-user-text">
          <span className="fq-header-user-name">{me.displayName}</span>
          <span className="fq-header-user-meta">
            {ROLE_LABELS[me.role][lang]} · {me.jurisdiction.name}
          </span>
        </div>
      </div>
      <NotificationBell light />
      <LangSwitch light />
      <Tooltip title={narrow ? t('nav.logout') : undefined}>
        <Button
          type="text"
          icon={<LogoutOutlined aria-hidden />}
          onClick={signOut}
          aria-label={t('nav.logout')}
          data-testid="logout"
        >
          {narrow ? null : t('nav.logout')}
        </Button>
      </Tooltip>
    </Layout.Header>
  );
}
