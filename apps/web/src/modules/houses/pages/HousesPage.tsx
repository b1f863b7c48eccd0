import { PagedTable } from '../../../app/components/PagedTable';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { HouseFormModal } from '../components/HouseFormModal';
import { HOUSE_USES, housesApi, type HouseFilters, type HouseListItem, type HouseUse } from '../houses.api';
import { USE_COLORS, useLabel } from '../houses.labels';

/** 实有房屋: every house of the jurisdiction with its use, owner and who lives there. */
export default function HousesPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const { showError, showSuccess } = useFeedback();
  const [filters, setFilters] = useState<HouseFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);

  const list = useQuery((signal) => housesApi.list({ ...filters, ...page }, signal), [filters, page]);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const applyFilters = (next: HouseFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const exportXlsx = () => {
    setExporting(true);
    housesApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const useTag = (h: HouseListItem) => (
    <Space size={4} wrap>
      <Tag color={USE_COLORS[h.use]}>{t(useLabel(h.use))}</Tag>
      {h.isRental && h.use !== 'rental' && <Tag color="purple">{t('houses.rental')}</Tag>}
    </Space>
  );
  const occupants = (h: HouseListItem) => {
    const over = h.occupantLimit !== null && h.occupantCount > h.occupantLimit;
    return (
      <Space size={4}>
        <span>{h.occupantLimit !== null ? `${h.occupantCount} / ${h.occupantLimit}` : h.occupantCount}</span>
        {over && <Tag color="red">{t('houses.overLimit')}</Tag>}
      </Space>
    );
  };

  const columns: TableColumnsType<HouseListItem> = narrow
    ? [
        {
          title: t('houses.title'),
          key: 'card',
          render: (_: unknown, h) => (
            <div data-testid={`house-row-${h.id}`}>
              <Link to={`/houses/${h.id}`}>{h.addressName}</Link>
              <div>
                <Space size={8} wrap>
                  {useTag(h)}
                  <Typography.Text type="secondary">
                    {t('houses.occupantCount')} {occupants(h)}
                  </Typography.Text>
                </Space>
              </div>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('houses.address'),
          dataIndex: 'addressName',
          key: 'address',
          width: 360,
          render: (v: string, h) => (
            <Link to={`/houses/${h.id}`} data-testid={`house-row-${h.id}`}>
              {v}
            </Link>
          ),
        },
        { title: t('houses.useLabel'), key: 'use', width: 130, render: (_: unknown, h) => useTag(h) },
        { title: t('houses.owner'), dataIndex: 'ownerName', key: 'owner', width: 100, render: (v: string | null) => v ?? t('common.none') },
        { title: t('houses.occupantCount'), key: 'occupants', width: 120, render: (_: unknown, h) => occupants(h) },
        { title: t('houses.area'), dataIndex: 'areaM2', key: 'area', width: 110, render: (v: number | null) => v ?? t('common.none') },
        { title: t('people.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 160 },
      ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('houses.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="houses-export">
            {t('common.exportExcel')}
          </Button>
          {may('houses.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="houses-add">
              {t('houses.add')}
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
          placeholder={t('houses.searchPlaceholder')}
          aria-label={t('houses.searchPlaceholder')}
          enterButton={t('common.search')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="houses-search"
        />
        <Select<HouseUse>
          allowClear
          placeholder={t('houses.useLabel')}
          aria-label={t('houses.useLabel')}
          value={filters.use}
          onChange={(use) => applyFilters({ ...filters, use })}
          options={HOUSE_USES.map((u) => ({ value: u, label: t(useLabel(u)) }))}
          style={{ width: narrow ? 'calc(50% - 4px)' : 130, maxWidth: '100%' }}
        />
        <JurisdictionSelect
          items={jurisdictionItems}
          allowClear
          placeholder={t('people.jurisdiction')}
          aria-label={t('people.jurisdiction')}
          value={filters.jurisdictionId}
          onChange={(jurisdictionId) => applyFilters({ ...filters, jurisdictionId })}
          style={{ width: narrow ? 'calc(50% - 4px)' : 220, maxWidth: '100%' }}
        />
        <Checkbox checked={filters.rental ?? false} onChange={(e) => applyFilters({ ...filters, rental: e.target.checked || undefined })} style={{ alignSelf: 'center' }} data-testid="houses-rental-only">
          {t('houses.rentalOnly')}
        </Checkbox>
      </div>
      <PagedTable<HouseListItem> list={list} columns={columns} page={page} onPage={(next) => setPage(next)} narrow={narrow} data-testid="houses-table" />
      <HouseFormModal
        target={adding ? 'new' : null}
        onClose={() => setAdding(false)}
        onSaved={(house) => {
          setAdding(false);
          showSuccess('common.saved');
          void navigate(`/houses/${house.id}`);
        }}
      />
    </div>
  );
}
