import { PagedTable } from '../../../app/components/PagedTable';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { shanghaiDayBoundary } from '../../../app/i18n/messages';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { SavedFiltersMenu } from '../components/SavedFiltersMenu';
import { INCIDENT_KINDS, INCIDENT_STATUSES, incidentFindApi, incidentsApi, type Incident, type IncidentKind, type IncidentSearch, type IncidentStatus } from '../incidents.api';
import { findText, OUTCOME_FILTER_LABELS, OUTCOME_FILTERS, type FindTextKey, type OutcomeFilter } from '../incidents.find.text';
import { KIND_COLORS, KIND_LABELS, STATUS_COLORS, STATUS_LABELS, text } from '../incidents.text';
import { searchFromParams, searchToParams, shanghaiDay } from '../incidentSearch';
import { timingText } from '../incidents.timing.text';

/**
 * 警情: incidents of the viewer's jurisdiction, newest first. Search words, filters and the page
 * live in the URL query string, so a link opens the same list; saved filters and the Excel export
 * use the same filters.
 */
export default function IncidentsPage() {
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const { showError } = useFeedback();
  const [params, setParams] = useSearchParams();
  const { filters, page } = useMemo(() => searchFromParams(params), [params]);
  const [words, setWords] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const tx = (key: Parameters<typeof text>[1]) => text(lang, key);
  const fx = (key: FindTextKey, p?: Record<string, string | number>) => findText(lang, key, p);

  // Back/forward and applied saved filters change the URL: the search box follows.
  useEffect(() => setWords(filters.q ?? ''), [filters.q]);

  const list = useQuery((signal) => incidentFindApi.search({ ...filters, ...page }, signal), [params.toString()]);
  const channels = useQuery((signal) => incidentsApi.channels(signal), []);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);
  const channelName = useMemo(() => {
    const names = new Map((channels.data?.items ?? []).map((c) => [c.code, lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh]));
    return (code: string) => names.get(code) ?? code;
  }, [channels.data, lang]);

  /** New filters start again at page 1. */
  const applyFilters = (next: IncidentSearch) => setParams(searchToParams(next, { page: 1, pageSize: page.pageSize }));
  const setFilter = <K extends keyof IncidentSearch>(key: K, value: IncidentSearch[K]) => applyFilters({ ...filters, [key]: value });
  const active = Object.values(filters).some((v) => v !== undefined && v !== '');
  // On a phone the filters beyond the search box fold away unless one of them is set.
  const showFilters = !narrow || moreOpen || Object.entries(filters).some(([k, v]) => k !== 'q' && v !== undefined);

  const exportXlsx = () => {
    setExporting(true);
    incidentFindApi
      .exportXlsx(filters)
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const statusTag = (i: Incident) => <Tag color={STATUS_COLORS[i.status]}>{STATUS_LABELS[i.status][lang]}</Tag>;
  const address = (i: Incident) => (
    <div>
      <div>{i.addressText ?? t('common.none')}</div>
      {i.addressName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.addressName}
        </Typography.Text>
      )}
    </div>
  );

  const columns: TableColumnsType<Incident> = narrow
    ? [
        {
          title: tx('title'),
          key: 'card',
          render: (_: unknown, i) => (
            <div data-testid={`incident-row-${i.id}`}>
              <Link to={`/incidents/${i.id}`} style={{ fontWeight: 500 }}>
                {i.summary}
              </Link>
              <div>
                <Space size={4} wrap>
                  <Tag color={KIND_COLORS[i.kind]}>{i.categoryName}</Tag>
                  {statusTag(i)}
                </Space>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(i.receivedAt)} · {channelName(i.channel)}
              </Typography.Text>
              <div style={{ fontSize: 12 }}>{i.addressName ?? i.addressText ?? ''}</div>
            </div>
          ),
        },
      ]
    : [
        { title: tx('receivedAt'), dataIndex: 'receivedAt', key: 'receivedAt', width: 160, render: (v: string) => dateTime(v) },
        { title: tx('channel'), dataIndex: 'channel', key: 'channel', width: 110, render: (v: string) => channelName(v) },
        { title: tx('category'), key: 'category', width: 150, render: (_: unknown, i) => <Tag color={KIND_COLORS[i.kind]}>{i.categoryName}</Tag> },
        {
          title: tx('summary'),
          dataIndex: 'summary',
          key: 'summary',
          width: 200,
          render: (v: string, i) => (
            <Link to={`/incidents/${i.id}`} data-testid={`incident-row-${i.id}`}>
              {v}
            </Link>
          ),
        },
        { title: tx('address'), key: 'address', width: 250, render: (_: unknown, i) => address(i) },
        { title: tx('jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 140 },
        { title: tx('status'), key: 'status', width: 90, render: (_: unknown, i) => statusTag(i) },
      ];

  const half = narrow ? 'calc(50% - 4px)' : undefined;
  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
        <Space wrap>
          <Link to="/incidents/timing" data-testid="incidents-timing">{timingText(lang, 'timingLink')}</Link>
          <SavedFiltersMenu filters={filters} onApply={applyFilters} />
          {may('incidents.export') && (
            <Button icon={<DownloadOutlined aria-hidden />} onClick={exportXlsx} loading={exporting} title={fx('exportHint')} data-testid="incidents-export">
              {fx('export')}
            </Button>
          )}
          {may('incidents.create') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/incidents/new')} data-testid="incidents-new">
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
          placeholder={fx('searchPlaceholder')}
          aria-label={fx('searchPlaceholder')}
          enterButton={fx('search')}
          maxLength={100}
          style={{ width: narrow ? '100%' : 340 }}
          data-testid="incidents-search"
        />
        {narrow && (
          <Button onClick={() => setMoreOpen((v) => !v)} aria-expanded={showFilters} data-testid="incidents-more">
            {fx('moreFilters')}
          </Button>
        )}
        {showFilters && (
          <>
            <Input
              type="date"
              aria-label={`${tx('dateRange')} ≥`}
              prefix={fx('fromDay')}
              value={shanghaiDay(filters.from)}
              onChange={(e) => setFilter('from', e.target.value ? shanghaiDayBoundary(e.target.value, 'start') : undefined)}
              style={{ width: half ?? 170 }}
              data-testid="incidents-from"
            />
            <Input
              type="date"
              aria-label={`${tx('dateRange')} ≤`}
              prefix={fx('toDay')}
              value={shanghaiDay(filters.to)}
              onChange={(e) => setFilter('to', e.target.value ? shanghaiDayBoundary(e.target.value, 'end') : undefined)}
              style={{ width: half ?? 170 }}
              data-testid="incidents-to"
            />
            <JurisdictionSelect
              items={jurisdictionItems}
              allowClear
              loading={jurisdictions.loading}
              placeholder={fx('station')}
              aria-label={fx('station')}
              value={filters.jurisdictionId}
              onChange={(jurisdictionId) => setFilter('jurisdictionId', jurisdictionId)}
              style={{ width: narrow ? '100%' : 200 }}
              data-testid="incidents-jurisdiction"
            />
            <Select<string>
              allowClear
              placeholder={tx('channel')}
              aria-label={tx('channel')}
              value={filters.channel}
              onChange={(channel) => setFilter('channel', channel)}
              options={(channels.data?.items ?? []).map((c) => ({ value: c.code, label: channelName(c.code) }))}
              style={{ width: half ?? 140 }}
              data-testid="incidents-channel"
            />
            <Select<IncidentKind>
              allowClear
              placeholder={tx('kind')}
              aria-label={tx('kind')}
              value={filters.kind}
              onChange={(kind) => setFilter('kind', kind)}
              options={INCIDENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
              style={{ width: half ?? 120 }}
              data-testid="incidents-kind"
            />
            <Select<IncidentStatus>
              allowClear
              placeholder={fx('status')}
              aria-label={fx('status')}
              value={filters.status}
              onChange={(status) => setFilter('status', status)}
              options={INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
              style={{ width: half ?? 110 }}
              data-testid="incidents-status"
            />
            <Select<OutcomeFilter>
              allowClear
              placeholder={fx('outcome')}
              aria-label={fx('outcome')}
              value={filters.outcome as OutcomeFilter | undefined}
              onChange={(outcome) => setFilter('outcome', outcome)}
              options={OUTCOME_FILTERS.map((o) => ({ value: o, label: OUTCOME_FILTER_LABELS[o][lang] }))}
              style={{ width: half ?? 130 }}
              data-testid="incidents-outcome"
            />
            <Select<'yes' | 'no'>
              allowClear
              placeholder={fx('hasWarning')}
              aria-label={fx('hasWarning')}
              value={filters.hasWarning === undefined ? undefined : filters.hasWarning ? 'yes' : 'no'}
              onChange={(v) => setFilter('hasWarning', v === undefined ? undefined : v === 'yes')}
              options={[
                { value: 'yes', label: fx('withWarning') },
                { value: 'no', label: fx('withoutWarning') },
              ]}
              style={{ width: half ?? 140 }}
              data-testid="incidents-warning"
            />
          </>
        )}
        {active && (
          <Button onClick={() => applyFilters({})} data-testid="incidents-clear">
            {fx('clearFilters')}
          </Button>
        )}
      </div>
      <PagedTable<Incident> list={list} columns={columns} page={page} onPage={(next) => setParams(searchToParams(filters, next))} narrow={narrow} data-testid="incidents-table" />
    </div>
  );
}
