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
import { CreditCode } from '../components/CreditCode';
import { UnitFormModal } from '../components/UnitFormModal';
import { UNIT_KINDS, unitsApi, type Unit, type UnitDetail, type UnitFilters, type UnitKind } from '../units.api';
import { KIND_COLORS, kindLabel } from '../units.labels';

/** 实有单位: enterprises, shops, venues, schools and key places of the jurisdiction. */
export default function UnitsPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const { message, showError, showSuccess } = useFeedback();
  const [filters, setFilters] = useState<UnitFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);

  const list = useQuery((signal) => unitsApi.list({ ...filters, ...page }, signal), [filters, page]);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const applyFilters = (next: UnitFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const exportXlsx = () => {
    setExporting(true);
    unitsApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const kindTags = (u: Unit) => (
    <Space size={4} wrap>
      <Tag color={KIND_COLORS[u.kind]}>{t(kindLabel(u.kind))}</Tag>
      {u.keyPlace && u.kind !== 'key_place' && <Tag color="red">{t('units.keyPlace')}</Tag>}
      {u.archivedAt && <Tag>{t('units.archivedTag')}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<Unit> = narrow
    ? [
        {
          title: t('units.title'),
          key: 'card',
          render: (_: unknown, u) => (
            <div data-testid={`unit-row-${u.id}`}>
              <Link to={`/units/${u.id}`} style={{ fontWeight: 500 }}>
                {u.name}
              </Link>
              <div>{kindTags(u)}</div>
              <CreditCode code={u.creditCode} ok={u.creditCodeOk} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.addressName ?? u.jurisdictionName}
                </Typography.Text>
              </div>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('units.name'),
          dataIndex: 'name',
          key: 'name',
          width: 240,
          render: (v: string, u) => (
            <Link to={`/units/${u.id}`} data-testid={`unit-row-${u.id}`}>
              {v}
            </Link>
          ),
        },
        { title: t('units.kindLabel'), key: 'kind', width: 150, render: (_: unknown, u) => kindTags(u) },
        { title: t('units.creditCode'), key: 'code', width: 260, render: (_: unknown, u) => <CreditCode code={u.creditCode} ok={u.creditCodeOk} /> },
        { title: t('units.legalRepresentative'), dataIndex: 'legalRepresentative', key: 'rep', width: 110, render: (v: string | null) => v ?? t('common.none') },
        { title: t('units.contactPhone'), dataIndex: 'contactPhone', key: 'phone', width: 130, render: (v: string | null) => v ?? t('common.none') },
        { title: t('units.address'), dataIndex: 'addressName', key: 'address', width: 300, render: (v: string | null) => v ?? t('common.none') },
        { title: t('people.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 160 },
      ];

  const afterCreate = (unit: UnitDetail) => {
    setAdding(false);
    if (unit.warnings.length) void message.warning(unit.warnings.map((w) => w.message).join('；'));
    else showSuccess('common.saved');
    void navigate(`/units/${unit.id}`);
  };

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('units.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="units-export">
            {t('common.exportExcel')}
          </Button>
          {may('units.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="units-add">
              {t('units.add')}
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
          placeholder={t('units.searchPlaceholder')}
          aria-label={t('units.searchPlaceholder')}
          enterButton={t('common.search')}
          style={{ width: 340, maxWidth: '100%' }}
          data-testid="units-search"
        />
        <Select<UnitKind>
          allowClear
          placeholder={t('units.kindLabel')}
          aria-label={t('units.kindLabel')}
          value={filters.kind}
          onChange={(kind) => applyFilters({ ...filters, kind })}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))}
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
        <Checkbox checked={filters.keyPlace ?? false} onChange={(e) => applyFilters({ ...filters, keyPlace: e.target.checked || undefined })} style={{ alignSelf: 'center' }}>
          {t('units.keyPlaceOnly')}
        </Checkbox>
        <Checkbox checked={filters.creditWarning ?? false} onChange={(e) => applyFilters({ ...filters, creditWarning: e.target.checked || undefined })} style={{ alignSelf: 'center' }} data-testid="units-credit-warning">
          {t('units.creditWarningOnly')}
        </Checkbox>
        <Checkbox checked={filters.includeArchived ?? false} onChange={(e) => applyFilters({ ...filters, includeArchived: e.target.checked || undefined })} style={{ alignSelf: 'center' }}>
          {t('units.includeArchived')}
        </Checkbox>
      </div>
      <PagedTable<Unit> list={list} columns={columns} page={page} onPage={(next) => setPage(next)} narrow={narrow} data-testid="units-table" />
      <UnitFormModal target={adding ? 'new' : null} jurisdictions={jurisdictionItems} onClose={() => setAdding(false)} onSaved={afterCreate} />
    </div>
  );
}
