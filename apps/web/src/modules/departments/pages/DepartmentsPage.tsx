import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { DepartmentFormModal } from '../components/DepartmentFormModal';
import { departmentsApi, type Department } from '../departments.api';

export default function DepartmentsPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const canManage = may('departments.manage');
  const { showError, showSuccess } = useFeedback();
  const list = useQuery((signal) => departmentsApi.list(signal), []);
  const jurisdictions = useQuery(
    (signal) => (canManage ? orgApi.list(false, signal) : Promise.resolve({ items: [] })),
    [canManage],
  );
  const [target, setTarget] = useState<Department | 'new' | null>(null);
  const [query, setQuery] = useState('');

  const knownKinds = useMemo(
    () => [...new Set((list.data?.items ?? []).map((d) => d.kind))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [list.data],
  );
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const items = list.data?.items ?? [];
    if (!q) return items;
    return items.filter((d) =>
      [d.name, d.kind, d.jurisdictionName, d.contactName ?? '', d.phone ?? ''].some((v) => v.toLowerCase().includes(q)),
    );
  }, [list.data, query]);

  const archive = (d: Department) => {
    departmentsApi
      .archive(d.id)
      .then(() => {
        showSuccess('common.archived');
        list.reload();
      })
      .catch(showError);
  };

  const columns: TableColumnsType<Department> = [
    { title: t('dept.name'), dataIndex: 'name', key: 'name', fixed: 'left', width: 180 },
    {
      title: t('dept.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 120,
    },
    { title: t('dept.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 160 },
    { title: t('dept.contactName'), dataIndex: 'contactName', key: 'contact', width: 110, render: (v: string | null) => v ?? t('common.none') },
    { title: t('dept.phone'), dataIndex: 'phone', key: 'phone', width: 140, render: (v: string | null) => v ?? t('common.none') },
    { title: t('dept.address'), dataIndex: 'address', key: 'address', ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_: unknown, d) => (
        <Space size="small" wrap>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setTarget(d)} aria-label={`${t('common.edit')} ${d.name}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('dept.archiveConfirm', { name: d.name })}
            onConfirm={() => archive(d)}
            okText={t('common.archive')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('common.archive')} ${d.name}`}>
              {t('common.archive')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('dept.title')}</Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setTarget('new')} data-testid="dept-add">
            {t('dept.add')}
          </Button>
        )}
      </div>
      <div className="fq-toolbar">
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          aria-label={t('common.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
          {t('common.refresh')}
        </Button>
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<Department>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }), hideOnSinglePage: true }}
        data-testid="dept-table"
      />
      <DepartmentFormModal
        target={target}
        jurisdictions={jurisdictionItems}
        knownKinds={knownKinds}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          showSuccess('common.saved');
          list.reload();
        }}
      />
    </div>
  );
}
