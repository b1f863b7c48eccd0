import { PagedTable } from '../../../app/components/PagedTable';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { PersonFormModal } from '../components/PersonFormModal';
import { PERSON_CATEGORIES, peopleApi, type PeopleFilters, type PersonCategory, type PersonListItem } from '../people.api';
import { ageOf, CATEGORY_COLORS, categoryLabel, genderLabel } from '../people.labels';

/** 实有人口: the people of the actor's jurisdiction, masked identity numbers only. */
export default function PeoplePage() {
  const { t } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const { showError, showSuccess } = useFeedback();
  const [filters, setFilters] = useState<PeopleFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);

  const list = useQuery((signal) => peopleApi.list({ ...filters, ...page }, signal), [filters, page]);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const applyFilters = (next: PeopleFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const exportXlsx = () => {
    setExporting(true);
    peopleApi
      .exportXlsx(filters)
      .then(() => showSuccess('common.exported'))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const category = (c: PersonCategory) => <Tag color={CATEGORY_COLORS[c]}>{t(categoryLabel(c))}</Tag>;
  const genderAge = (p: PersonListItem) => {
    const age = ageOf(p.birthDate);
    return [p.gender ? t(genderLabel(p.gender)) : null, age !== null ? t('people.age', { age }) : null].filter(Boolean).join(' · ');
  };

  const columns: TableColumnsType<PersonListItem> = narrow
    ? [
        {
          title: t('people.title'),
          key: 'card',
          render: (_: unknown, p) => (
            <div data-testid={`person-row-${p.id}`}>
              <Space size={6} wrap>
                <Link to={`/people/${p.id}`} style={{ fontWeight: 500 }}>
                  {p.name}
                </Link>
                {category(p.category)}
                <Typography.Text type="secondary">{genderAge(p)}</Typography.Text>
              </Space>
              <div style={{ fontFamily: 'monospace' }}>{p.idNumberMasked ?? t('people.identityNone')}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.currentAddressName ?? t('people.noAddress')}
              </Typography.Text>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('people.name'),
          dataIndex: 'name',
          key: 'name',
          fixed: 'left',
          width: 110,
          render: (name: string, p) => (
            <Link to={`/people/${p.id}`} data-testid={`person-row-${p.id}`}>
              {name}
            </Link>
          ),
        },
        { title: t('people.categoryLabel'), dataIndex: 'category', key: 'category', width: 100, render: category },
        { title: t('people.genderAge'), key: 'genderAge', width: 100, render: (_: unknown, p) => genderAge(p) },
        {
          title: t('people.idNumber'),
          dataIndex: 'idNumberMasked',
          key: 'idNumber',
          width: 190,
          render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : t('common.none')),
        },
        { title: t('people.phone'), dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null) => v ?? t('common.none') },
        { title: t('people.address'), dataIndex: 'currentAddressName', key: 'address', width: 320, render: (v: string | null) => v ?? t('people.noAddress') },
        { title: t('people.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 160 },
      ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('people.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="people-export">
            {t('common.exportExcel')}
          </Button>
          {may('people.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="people-add">
              {t('people.add')}
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
          placeholder={t('people.searchPlaceholder')}
          aria-label={t('people.searchLabel')}
          enterButton={t('common.search')}
          style={{ width: 340, maxWidth: '100%' }}
          data-testid="people-search"
        />
        <Select<PersonCategory>
          allowClear
          placeholder={t('people.categoryLabel')}
          aria-label={t('people.categoryLabel')}
          value={filters.category}
          onChange={(c) => applyFilters({ ...filters, category: c })}
          options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))}
          style={{ width: narrow ? 'calc(50% - 4px)' : 140, maxWidth: '100%' }}
          data-testid="people-category"
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
      </div>
      <PagedTable<PersonListItem> list={list} columns={columns} page={page} onPage={(next) => setPage(next)} narrow={narrow} data-testid="people-table" />
      <PersonFormModal
        target={adding ? 'new' : null}
        jurisdictions={jurisdictionItems}
        onClose={() => setAdding(false)}
        onSaved={(person) => {
          setAdding(false);
          showSuccess('common.saved');
          void navigate(`/people/${person.id}`);
        }}
      />
    </div>
  );
}
