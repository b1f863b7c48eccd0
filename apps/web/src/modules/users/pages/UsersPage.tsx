import { PagedTable } from '../../../app/components/PagedTable';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES, type Role } from '@fengqiao/shared';
import { Button, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { departmentsApi } from '../../departments/departments.api';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserActions } from '../components/UserActions';
import { UserFormModal } from '../components/UserFormModal';
import { isLocked, usersApi, type User, type UserFilters } from '../users.api';

const EMPTY = { items: [] };

export default function UsersPage() {
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const canManage = may('users.manage');
  const { showError, showSuccess } = useFeedback();

  const [filters, setFilters] = useState<UserFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editTarget, setEditTarget] = useState<User | 'new' | null>(null);
  const [resetTarget, setResetTarget] = useState<User | null>(null);
  const [exporting, setExporting] = useState(false);

  const list = useQuery((signal) => usersApi.list({ ...filters, ...page }, signal), [filters, page]);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const departments = useQuery(
    (signal) => (canManage ? departmentsApi.list(signal) : Promise.resolve(EMPTY)),
    [canManage],
  );
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);
  const departmentItems = useMemo(() => departments.data?.items ?? [], [departments.data]);

  const applyFilters = (next: UserFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const afterWrite = (key: 'common.saved' | 'users.unlocked' | 'users.resetDone') => {
    showSuccess(key);
    list.reload();
  };

  const unlock = (user: User) => {
    usersApi
      .unlock(user.id)
      .then(() => afterWrite('users.unlocked'))
      .catch(showError);
  };

  const setActive = (user: User, active: boolean) => {
    usersApi
      .update(user.id, { active })
      .then(() => afterWrite('common.saved'))
      .catch(showError);
  };

  const exportXlsx = () => {
    setExporting(true);
    usersApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', fixed: 'left', width: 130 },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', width: 110 },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      width: 140,
      render: (role: Role) => ROLE_LABELS[role][lang],
    },
    { title: t('users.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 150 },
    {
      title: t('users.department'),
      dataIndex: 'departmentName',
      key: 'department',
      width: 130,
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('users.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {isLocked(u) && (
            <Tooltip title={t('users.lockedUntil', { time: dateTime(u.lockedUntil) })}>
              <Tag color="red" data-testid={`user-locked-${u.username}`}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLogin', width: 170, render: (v: string | null) => dateTime(v) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_: unknown, u) => (
        <UserActions
          user={u}
          onEdit={setEditTarget}
          onResetPassword={setResetTarget}
          onUnlock={unlock}
          onSetActive={setActive}
        />
      ),
    });
  }

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('users.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="users-export">
            {t('common.exportExcel')}
          </Button>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditTarget('new')} data-testid="users-add">
              {t('users.add')}
            </Button>
          )}
        </Space>
      </div>
      <div className="fq-toolbar" role="search">
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => applyFilters({ ...filters, q: value.trim() || undefined })}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchLabel')}
          enterButton={t('common.search')}
          style={{ width: 300, maxWidth: '100%' }}
          data-testid="users-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('users.roleFilter')}
          aria-label={t('users.roleFilter')}
          value={filters.role}
          onChange={(role) => applyFilters({ ...filters, role })}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          style={{ width: 180, maxWidth: '100%' }}
        />
        <JurisdictionSelect
          items={jurisdictionItems}
          allowClear
          placeholder={t('users.jurisdictionFilter')}
          aria-label={t('users.jurisdictionFilter')}
          value={filters.jurisdictionId}
          onChange={(jurisdictionId) => applyFilters({ ...filters, jurisdictionId })}
          style={{ width: 220, maxWidth: '100%' }}
        />
      </div>
      <PagedTable<User> list={list} columns={columns} page={page} onPage={(next) => setPage(next)} data-testid="users-table" />
      <UserFormModal
        target={editTarget}
        jurisdictions={jurisdictionItems}
        departments={departmentItems}
        onClose={() => setEditTarget(null)}
        onSaved={() => {
          setEditTarget(null);
          afterWrite('common.saved');
        }}
      />
      <ResetPasswordModal
        user={resetTarget}
        onClose={() => setResetTarget(null)}
        onDone={() => {
          setResetTarget(null);
          afterWrite('users.resetDone');
        }}
      />
    </div>
  );
}
