import { AuditOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Input, Select, Skeleton, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { DashboardCards } from '../components/DashboardCards';
import { FlagTags } from '../components/FlagTags';
import { RegisterRentalModal } from '../components/RentalFormModals';
import { RENTAL_FLAGS, rentalsApi, type FlagFilter, type RentalFilters, type RentalListItem } from '../rentals.api';
import { FLAG_LABELS } from '../rentals.labels';
import './rentals.css';

/** 出租房屋: the station's rental board, the flagged list behind it and the ledger export. */
export default function RentalsPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const navigate = useNavigate();
  const { showError, showSuccess } = useFeedback();
  const [filters, setFilters] = useState<RentalFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const [registering, setRegistering] = useState(false);

  const board = useQuery((signal) => rentalsApi.dashboard(undefined, signal), []);
  const list = useQuery((signal) => rentalsApi.list({ ...filters, ...page }, signal), [filters, page]);
  const pending = useQuery((signal) => rentalsApi.pending({ page: 1, pageSize: 1 }, signal), []);
  const jurisdictions = useQuery((signal) => (may('org.view') ? orgApi.list(false, signal) : Promise.resolve({ items: [] })), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const apply = (next: RentalFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const exportXlsx = () => {
    setExporting(true);
    rentalsApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const columns: TableColumnsType<RentalListItem> = [
    {
      title: t('rentals.address'),
      dataIndex: 'address',
      key: 'address',
      render: (v: string, r) => (
        <Link to={`/rentals/${r.id}`} data-testid={`rental-link-${r.id}`}>
          {v}
        </Link>
      ),
    },
    { title: t('rentals.community'), key: 'community', width: 120, render: (_: unknown, r) => r.communityName ?? r.jurisdictionName },
    {
      title: t('rentals.landlord'),
      key: 'landlord',
      width: 140,
      render: (_: unknown, r) => (
        <span>
          {r.landlord.name}
          <br />
          <Typography.Text type="secondary">{r.landlord.phoneMasked ?? ''}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('rentals.tenants'),
      key: 'tenants',
      width: 160,
      render: (_: unknown, r) => (
        <span>
          {r.currentTenants}/{r.occupantLimit}
          {r.tenantNames.length ? <Typography.Text type="secondary"> {r.tenantNames.join('、')}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('rentals.pending'), dataIndex: 'pendingVerification', key: 'pending', width: 80 },
    { title: t('rentals.agreementExpires'), dataIndex: 'agreementExpiresOn', key: 'agreement', width: 120, render: (v: string | null) => v ?? t('common.none') },
    { title: t('rentals.flags'), key: 'flags', width: 220, render: (_: unknown, r) => <FlagTags flags={r.flags} data-testid={`rental-flags-${r.id}`} /> },
  ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('rentals.title')}</Typography.Title>
        <Space wrap>
          <Badge count={pending.data?.total ?? 0} overflowCount={999}>
            <Button icon={<AuditOutlined aria-hidden />} onClick={() => void navigate('/rentals/pending')} data-testid="rentals-pending-link">
              {t('rentals.pendingTitle')}
            </Button>
          </Badge>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="rentals-export">
            {t('rentals.exportLedger')}
          </Button>
          {may('rentals.manage') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRegistering(true)} data-testid="rentals-register">
              {t('rentals.register')}
            </Button>
          ) : null}
        </Space>
      </div>

      <section aria-label={t('rentals.dashboard')} style={{ marginBottom: 16 }}>
        {board.error ? <Alert type="error" showIcon title={errorText(board.error, t)} /> : null}
        {board.loading && !board.data ? <Skeleton active /> : null}
        {board.data ? (
          <DashboardCards
            board={board.data}
            onPick={(communityId, flag) => {
              apply({ ...filters, jurisdictionId: communityId ?? undefined, flag });
              document.getElementById('rentals-list')?.scrollIntoView({ behavior: 'smooth' });
            }}
          />
        ) : null}
      </section>

      <div className="fq-toolbar" role="search" id="rentals-list">
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => apply({ ...filters, q: value.trim() || undefined })}
          placeholder={t('rentals.searchPlaceholder')}
          aria-label={t('rentals.searchPlaceholder')}
          enterButton={t('common.search')}
          style={{ width: 300, maxWidth: '100%' }}
          data-testid="rentals-search"
        />
        <Select<FlagFilter>
          allowClear
          placeholder={t('rentals.flagFilter')}
          aria-label={t('rentals.flagFilter')}
          value={filters.flag}
          onChange={(flag) => apply({ ...filters, flag })}
          options={[{ value: 'flagged' as const, label: t('rentals.flag.any') }, ...RENTAL_FLAGS.map((f) => ({ value: f, label: t(FLAG_LABELS[f]) }))]}
          style={{ width: 180, maxWidth: '100%' }}
          data-testid="rentals-flag-filter"
        />
        {jurisdictionItems.length > 0 ? (
          <JurisdictionSelect
            items={jurisdictionItems}
            allowClear
            placeholder={t('rentals.jurisdictionFilter')}
            aria-label={t('rentals.jurisdictionFilter')}
            value={filters.jurisdictionId}
            onChange={(jurisdictionId) => apply({ ...filters, jurisdictionId })}
            style={{ width: 220, maxWidth: '100%' }}
          />
        ) : null}
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<RentalListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        data-testid="rentals-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      <RegisterRentalModal
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={(created) => {
          setRegistering(false);
          void navigate(`/rentals/${created.id}`);
        }}
      />
    </div>
  );
}
