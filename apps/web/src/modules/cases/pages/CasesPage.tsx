import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { PagedTable } from '../../../app/components/PagedTable';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { shanghaiDayBoundary } from '../../../app/i18n/messages';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { shanghaiDay } from '../../incidents/incidentSearch';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { CASE_SORTS, CASE_STAGES, casesApi, type CaseFilters, type CaseSort, type CaseStage, type CaseSummary } from '../cases.api';
import { caseText, SORT_LABELS, STAGE_LABELS, type CaseTextKey } from '../cases.text';
import { caseSearchFromParams, caseSearchToParams } from '../caseSearch';
import { OverdueTag, StageTag } from '../components/StageTag';

/** 矛盾纠纷: the cases of the viewer's jurisdiction; filters, sort and page live in the URL. */
export default function CasesPage() {
  const { lang, dateTime } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const { showError } = useFeedback();
  const [params, setParams] = useSearchParams();
  const { filters, page } = useMemo(() => caseSearchFromParams(params), [params]);
  const [words, setWords] = useState(filters.q ?? '');
  const [moreOpen, setMoreOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const tx = (key: CaseTextKey, p?: Record<string, string | number>) => caseText(lang, key, p);
  useEffect(() => setWords(filters.q ?? ''), [filters.q]);

  const list = useQuery((signal) => casesApi.list({ ...filters, ...page }, signal), [params.toString()]);
  const meta = useQuery((signal) => casesApi.meta(undefined, signal), []);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const name = (c: { nameZh: string; nameEn: string }) => (lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh);

  const applyFilters = (next: CaseFilters) => setParams(caseSearchToParams(next, { page: 1, pageSize: page.pageSize }));
  const setFilter = <K extends keyof CaseFilters>(key: K, value: CaseFilters[K]) => applyFilters({ ...filters, [key]: value });
  const active = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined && v !== '');
  const showFilters = !narrow || moreOpen || Object.entries(filters).some(([k, v]) => k !== 'q' && v !== undefined);

  const exportXlsx = () => {
    setExporting(true);
    casesApi
      .exportXlsx(filters)
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const titleLink = (c: CaseSummary) => (
    <Link to={`/cases/${c.id}`} data-testid={`case-row-${c.id}`} style={{ fontWeight: 500 }}>
      {c.title}
    </Link>
  );
  const due = (c: CaseSummary) => (
    <Space size={4} wrap>
      <span>{c.stageDueAt ? dateTime(c.stageDueAt) : tx('none')}</span>
      <OverdueTag overdue={c.overdue} />
    </Space>
  );
  const columns: TableColumnsType<CaseSummary> = narrow
    ? [
        {
          title: tx('title'),
          key: 'card',
          render: (_: unknown, c) => (
            <div>
              {titleLink(c)}
              <div>
                <Space size={4} wrap>
                  <StageTag stage={c.stage} />
                  <OverdueTag overdue={c.overdue} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.disputeTypeName}
                  </Typography.Text>
                </Space>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.caseNo} · {c.officerName ?? tx('none')}
              </Typography.Text>
            </div>
          ),
        },
      ]
    : [
        { title: tx('caseNo'), dataIndex: 'caseNo', key: 'caseNo', width: 150 },
        { title: tx('caseTitle'), key: 'title', width: 240, render: (_: unknown, c) => titleLink(c) },
        { title: tx('disputeType'), dataIndex: 'disputeTypeName', key: 'type', width: 140 },
        { title: tx('stage'), key: 'stage', width: 110, render: (_: unknown, c) => <StageTag stage={c.stage} /> },
        { title: tx('due'), key: 'due', width: 200, render: (_: unknown, c) => due(c) },
        { title: tx('officer'), dataIndex: 'officerName', key: 'officer', width: 100 },
        { title: tx('leader'), dataIndex: 'leaderName', key: 'leader', width: 100 },
        { title: tx('jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 140 },
        { title: tx('createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 160, render: (v: string) => dateTime(v) },
      ];

  const half = narrow ? 'calc(50% - 4px)' : undefined;
  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
        <Space wrap>
          {may('cases.ledger') && (
            <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} data-testid="cases-export">
              {tx('export')}
            </Button>
          )}
          {may('cases.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/cases/new')} data-testid="cases-new">
              {tx('new')}
            </Button>
          )}
        </Space>
      </div>
      <div className="fq-toolbar" role="search">
        <Input.Search
          allowClear
          value={words}
          onChange={(e) => setWords(e.target.value)}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          placeholder={tx('searchPlaceholder')}
          aria-label={tx('searchPlaceholder')}
          enterButton={tx('search')}
          maxLength={100}
          style={{ width: narrow ? '100%' : 300 }}
          data-testid="cases-search"
        />
        {narrow && (
          <Button onClick={() => setMoreOpen((v) => !v)} aria-expanded={showFilters} data-testid="cases-more">
            {tx('more')}
          </Button>
        )}
        {showFilters && (
          <>
            <Select<CaseStage>
              allowClear
              placeholder={tx('stage')}
              aria-label={tx('stage')}
              value={filters.stage}
              onChange={(stage) => setFilter('stage', stage)}
              options={CASE_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s][lang] }))}
              style={{ width: half ?? 130 }}
              data-testid="cases-stage"
            />
            <Select<'yes' | 'no'>
              allowClear
              placeholder={tx('overdue')}
              aria-label={tx('overdue')}
              value={filters.overdue === undefined ? undefined : filters.overdue ? 'yes' : 'no'}
              onChange={(v) => setFilter('overdue', v === undefined ? undefined : v === 'yes')}
              options={[
                { value: 'yes', label: tx('overdue') },
                { value: 'no', label: tx('notOverdue') },
              ]}
              style={{ width: half ?? 110 }}
              data-testid="cases-overdue"
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={tx('disputeType')}
              aria-label={tx('disputeType')}
              value={filters.disputeType}
              onChange={(v) => setFilter('disputeType', v)}
              options={(meta.data?.disputeTypes ?? []).map((d) => ({ value: d.code, label: name(d) }))}
              style={{ width: half ?? 160 }}
              data-testid="cases-type"
            />
            <Select<string>
              allowClear
              placeholder={tx('riskDomain')}
              aria-label={tx('riskDomain')}
              value={filters.riskDomain}
              onChange={(v) => setFilter('riskDomain', v)}
              options={(meta.data?.riskDomains ?? []).map((d) => ({ value: d.code, label: name(d) }))}
              style={{ width: half ?? 130 }}
            />
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={tx('officer')}
              aria-label={tx('officer')}
              value={filters.officerId}
              onChange={(v) => setFilter('officerId', v)}
              options={(meta.data?.officers ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.jurisdictionName}）` }))}
              style={{ width: half ?? 170 }}
            />
            <JurisdictionSelect
              items={jurisdictions.data?.items ?? []}
              allowClear
              loading={jurisdictions.loading}
              placeholder={tx('jurisdiction')}
              aria-label={tx('jurisdiction')}
              value={filters.jurisdictionId}
              onChange={(v) => setFilter('jurisdictionId', v)}
              style={{ width: narrow ? '100%' : 190 }}
            />
            <Input
              type="date"
              aria-label={`${tx('createdAt')} ≥`}
              prefix={tx('fromDay')}
              value={shanghaiDay(filters.from)}
              onChange={(e) => setFilter('from', e.target.value ? shanghaiDayBoundary(e.target.value, 'start') : undefined)}
              style={{ width: half ?? 170 }}
            />
            <Input
              type="date"
              aria-label={`${tx('createdAt')} ≤`}
              prefix={tx('toDay')}
              value={shanghaiDay(filters.to)}
              onChange={(e) => setFilter('to', e.target.value ? shanghaiDayBoundary(e.target.value, 'end') : undefined)}
              style={{ width: half ?? 170 }}
            />
            <Select<CaseSort>
              placeholder={tx('sort')}
              aria-label={tx('sort')}
              value={filters.sort ?? 'created_desc'}
              onChange={(v) => setFilter('sort', v === 'created_desc' ? undefined : v)}
              options={CASE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s][lang] }))}
              style={{ width: half ?? 120 }}
              data-testid="cases-sort"
            />
          </>
        )}
        {active && (
          <Button onClick={() => applyFilters(filters.sort ? { sort: filters.sort } : {})} data-testid="cases-clear">
            {tx('clear')}
          </Button>
        )}
      </div>
      <PagedTable<CaseSummary> list={list} columns={columns} page={page} onPage={(next) => setParams(caseSearchToParams(filters, next))} narrow={narrow} data-testid="cases-table" />
    </div>
  );
}
