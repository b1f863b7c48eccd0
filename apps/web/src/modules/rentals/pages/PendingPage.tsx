import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, Tag, Typography, type TableColumnsType, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { rentalsApi, type PendingItem } from '../rentals.api';
import { REPORTED_VIA_LABELS } from '../rentals.labels';

/** The officer's verification queue: what landlords and workers reported, oldest first. */
export default function PendingPage() {
  const { t } = useI18n();
  const { showError, showSuccess } = useFeedback();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [busy, setBusy] = useState<number | null>(null);
  const queue = useQuery((signal) => rentalsApi.pending(page, signal), [page]);

  const verify = (item: PendingItem) => {
    setBusy(item.tenancyId);
    rentalsApi
      .verify(item.tenancyId)
      .then(() => {
        showSuccess('rentals.verified');
        queue.reload();
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };

  const columns: TableColumnsType<PendingItem> = [
    {
      title: t('rentals.address'),
      key: 'address',
      render: (_: unknown, r) => (
        <span>
          <Link to={`/rentals/${r.rentalHouseId}`}>{r.address}</Link>
          <br />
          <Typography.Text type="secondary">
            {r.jurisdictionName} · {t('rentals.landlord')} {r.landlordName}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('rentals.tenant'),
      key: 'tenant',
      width: 200,
      render: (_: unknown, r) => (
        <span>
          {r.person.name}
          <br />
          <Typography.Text type="secondary" className="fq-tenant-id">
            {r.person.idNumberMasked ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('rentals.stage'),
      key: 'stage',
      width: 150,
      render: (_: unknown, r) => (
        <span>
          <Tag color={r.stage === 'check_in' ? 'orange' : 'blue'}>{t(r.stage === 'check_in' ? 'rentals.stage.check_in' : 'rentals.stage.check_out')}</Tag>
          {r.eventDate}
        </span>
      ),
    },
    {
      title: t('rentals.waiting'),
      key: 'waiting',
      width: 110,
      render: (_: unknown, r) => <Tag color={r.overdue ? 'red' : 'default'}>{r.daysWaiting === 0 ? t('rentals.waitingToday') : t('rentals.daysWaiting', { days: r.daysWaiting })}</Tag>,
    },
    { title: t('rentals.reportedVia'), key: 'via', width: 100, render: (_: unknown, r) => t(REPORTED_VIA_LABELS[r.reportedVia]) },
  ];
  if (queue.data?.canVerify) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, r) => (
        <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={busy === r.tenancyId} onClick={() => verify(r)} data-testid={`verify-${r.tenancyId}`}>
          {t('rentals.verify')}
        </Button>
      ),
    });
  }

  return (
    <div>
      <div className="fq-page-head">
        <div>
          <Typography.Title level={1}>{t('rentals.pendingTitle')}</Typography.Title>
          <Typography.Text type="secondary">{queue.data ? t('rentals.pendingIntro', { days: queue.data.rules.unverifiedDays }) : null}</Typography.Text>
        </div>
        <Link to="/rentals">{t('rentals.backToList')}</Link>
      </div>
      {queue.error ? <Alert type="error" showIcon title={errorText(queue.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<PendingItem>
        rowKey="tenancyId"
        size="middle"
        columns={columns}
        dataSource={queue.data?.items ?? []}
        loading={queue.loading}
        scroll={{ x: 'max-content' }}
        data-testid="pending-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: queue.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </div>
  );
}
