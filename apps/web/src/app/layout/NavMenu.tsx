import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../auth';
import { useI18n } from '../i18n/I18nProvider';
import { NAV_ITEMS, navKeyForPath } from './navItems';

interface Props {
  theme: 'dark' | 'light';
  onNavigate?: () => void;
}

export function NavMenu({ theme, onNavigate }: Props) {
  const { t } = useI18n();
  const { may } = useSession();
  const location = useLocation();
  const selected = navKeyForPath(location.pathname);

  const items = NAV_ITEMS.filter((item) => item.action === null || may(item.action)).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`} onClick={onNavigate}>
        {t(item.label)}
      </Link>
    ),
    title: t(item.label),
  }));

  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        theme={theme}
        items={items}
        selectedKeys={selected ? [selected] : []}
        data-testid="nav-menu"
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
}
