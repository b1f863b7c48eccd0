import { DownloadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES, type Role } from '@fengqiao/shared';
import { Alert, Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { auditApi, type AuditEvent, type AuditFilters } from '../audit.api';
import { auditActionLabel, entityTypeLabel } from '../audit.labels';
import { AuditFilterBar } from '../components/AuditFilterBar';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const compactJson = (value: unknown): string => JSON.stringify(value);

export default function AuditPage() {
  const { t, lang, dateTime } = useI18n();
  const { showError, showSuccess } = useFeedback();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const list = useQuery((signal) => auditApi.list({ ...filters, ...page }, signal), [filters, page]);

  const applyFilters = (next: AuditFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const exportXlsx = () => {
    setExporting(true);
    auditApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.time'), dataIndex: 'at', key: 'at', width: 170, fixed: 'left', render: (v: string) => dateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor', width: 110 },
    {
      title: t('audit.role'),
      dataIndex: 'actorRole',
      key: 'role',
      width: 130,
      render: (role: string) => (isRole(role) ? ROLE_LABELS[role][lang] : role),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 150,
      render: (action: string) => (
        <Tag color={action.endsWith('failed') || action === 'auth.locked' ? 'red' : 'blue'} title={action}>
          {auditActionLabel(action, lang)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 140,
      render: (_: unknown, e) => (
        <span>
          {entityTypeLabel(e.entityType, lang)}
          {e.entityId ? <Typography.Text type="secondary"> #{e.entityId}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('audit.change'),
      dataIndex: 'change',
      key: 'change',
      render: (change: AuditEvent['change']) =>
        change ? (
          <code className="fq-json-compact" title={compactJson(change)}>
            {compactJson(change)}
          </code>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="audit-export">
          {t('common.exportExcel')}
        </Button>
      </div>
      <AuditFilterBar filters={filters} onChange={applyFilters} />
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{
          rowExpandable: (e) => e.change !== null || e.requestId !== null,
          expandedRowRender: (e) => (
            <div>
              {e.requestId && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('audit.requestId')}: <Typography.Text code>{e.requestId}</Typography.Text>
                </Typography.Paragraph>
              )}
              {e.change && <pre className="fq-json">{JSON.stringify(e.change, null, 2)}</pre>}
            </div>
          ),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </div>
  );
}
