import {
  SettingOutlined,
  ApartmentOutlined,
  EnvironmentOutlined,
  BuildOutlined,
  MobileOutlined,
  BankOutlined,
  IdcardOutlined,
  ShopOutlined,
  CloudUploadOutlined,
  AlertOutlined,
  InboxOutlined,
  WarningOutlined,
  DashboardOutlined,
  AuditOutlined,
  HomeOutlined,
  KeyOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  ScheduleOutlined,
  FileDoneOutlined,
  PartitionOutlined,
  FlagOutlined,
  BulbOutlined,
  CarryOutOutlined,
  CompassOutlined,
  HeatMapOutlined,
  SafetyOutlined,
  NotificationOutlined,
  FileSearchOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import type { Action } from '@fengqiao/shared';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';

export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** null: every signed-in user. */
  action: Action | null;
}

/** The side menu; an entry shows only when GET /api/me lists its action. */
// Daily work first (the places and people of the jurisdiction), administration after it.
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, action: 'dashboard.view' },
  { key: 'incidents', path: '/incidents', label: 'nav.incidents', icon: <AlertOutlined />, action: 'incidents.view' },
  { key: 'tips', path: '/tips', label: 'nav.tips', icon: <BulbOutlined />, action: 'tips.triage' },
  { key: 'volunteer-app', path: '/v', label: 'nav.volunteerApp', icon: <MobileOutlined />, action: 'tips.report' },
  { key: 'warnings', path: '/warnings', label: 'nav.warnings', icon: <WarningOutlined />, action: 'incidents.view' },
  { key: 'board', path: '/board', label: 'nav.board', icon: <DashboardOutlined />, action: 'incidents.view' },
  { key: 'stats', path: '/stats', label: 'nav.stats', icon: <BarChartOutlined />, action: 'stats.view' },
  { key: 'reviews', path: '/reviews', label: 'nav.reviews', icon: <FileSearchOutlined />, action: 'reviews.view' },
  { key: 'cases', path: '/cases', label: 'nav.cases', icon: <PartitionOutlined />, action: 'cases.view' },
  { key: 'my-day', path: '/my-day', label: 'nav.myDay', icon: <ScheduleOutlined />, action: 'cases.followup' },
  { key: 'ledger', path: '/cases/ledger', label: 'nav.ledger', icon: <FileDoneOutlined />, action: 'cases.ledger' },
  { key: 'volunteers', path: '/volunteers', label: 'nav.volunteers', icon: <FlagOutlined />, action: 'volunteers.view' },
  { key: 'tasks', path: '/tasks', label: 'nav.tasks', icon: <CarryOutOutlined />, action: 'tasks.dispatch' },
  { key: 'patrols', path: '/patrols', label: 'nav.patrols', icon: <CompassOutlined />, action: 'patrols.manage' },
  { key: 'hotspots', path: '/hotspots', label: 'nav.hotspots', icon: <HeatMapOutlined />, action: 'hotspots.view' },
  { key: 'guard-posts', path: '/guard-posts', label: 'nav.guardPosts', icon: <SafetyOutlined />, action: 'patrols.manage' },
  { key: 'broadcasts', path: '/broadcasts', label: 'nav.broadcasts', icon: <NotificationOutlined />, action: 'broadcasts.view' },
  { key: 'partner-transfers', path: '/partner/transfers', label: 'nav.partnerTransfers', icon: <InboxOutlined />, action: 'transfers.respond' },
  { key: 'my-rentals', path: '/my-rentals', label: 'nav.myRentals', icon: <MobileOutlined />, action: 'rentals.self' },
  { key: 'rentals', path: '/rentals', label: 'nav.rentals', icon: <BuildOutlined />, action: 'rentals.view' },
  { key: 'people', path: '/people', label: 'nav.people', icon: <IdcardOutlined />, action: 'people.view' },
  { key: 'houses', path: '/houses', label: 'nav.houses', icon: <BankOutlined />, action: 'houses.view' },
  { key: 'units', path: '/units', label: 'nav.units', icon: <ShopOutlined />, action: 'units.view' },
  { key: 'places', path: '/places', label: 'nav.places', icon: <EnvironmentOutlined />, action: 'places.view' },
  { key: 'imports', path: '/imports', label: 'nav.imports', icon: <CloudUploadOutlined />, action: 'imports.run' },
  { key: 'org', path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, action: 'org.view' },
  {
    key: 'departments',
    path: '/departments',
    label: 'nav.departments',
    icon: <SolutionOutlined />,
    action: 'departments.view',
  },
  { key: 'users', path: '/users', label: 'nav.users', icon: <TeamOutlined />, action: 'users.view' },
  { key: 'apikeys', path: '/api-keys', label: 'nav.apikeys', icon: <KeyOutlined />, action: 'apikeys.manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, action: 'audit.view' },
  { key: 'settings', path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, action: 'categories.manage' },
  { key: 'account', path: '/account', label: 'nav.account', icon: <UserOutlined />, action: null },
];

export function navKeyForPath(pathname: string): string | undefined {
  const match = [...NAV_ITEMS]
    .filter((item) => (item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.key;
}
