import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Input, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Chart } from '../../../app/components/Chart';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { statsApi, type Change, type Figures, type Metric, type Overview, type PeriodKind, type StatsQuery } from '../stats.api';
import { changeLabel, percent, statsText, type StatsTextKey } from '../stats.text';

type Row = Overview['rows'][number] | { id: 0; name: string; kind: 'total'; direct: false; drillable: false; figures: Figures };
const PERIODS: PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year', 'custom'];
const TABLE_METRICS: { metric: Metric; share?: 'criminalShare' | 'publicOrderShare' | 'helpShare' }[] = [
  { metric: 'valid' },
  { metric: 'criminal', share: 'criminalShare' },
  { metric: 'publicOrder', share: 'publicOrderShare' },
  { metric: 'help', share: 'helpShare' },
  { metric: 'filed' },
  { metric: 'solved' },
  { metric: 'disputesScreened' },
  { metric: 'disputesResolved' },
];
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A change as a coloured tag: fewer calls is good news (green), more is red. */
function ChangeTag({ c, lang, good = 'down' }: { c: Change; lang: 'zh' | 'en'; good?: 'up' | 'down' }) {
  const color = c.ratio === null || c.direction === 'flat' ? undefined : c.direction === good ? 'green' : 'red';
  return <Tag color={color}>{changeLabel(lang, c)}</Tag>;
}

/** 统计分析: the seed's table with 同比/环比, drill-down county → station → community, trend, Excel. */
export default function StatsPage() {
  const { t, lang } = useI18n();
  const narrow = useIsNarrow();
  const { showError, message } = useFeedback();
  const tx = (key: StatsTextKey, p?: Record<string, string | number>) => statsText(lang, key, p);
  const [params, setParams] = useSearchParams();
  const today = beijingToday();
  const period = (params.get('period') as PeriodKind | null) ?? 'year';
  const node = params.get('node') ? Number(params.get('node')) : undefined;
  const date = params.get('date') ?? today;
  const from = params.get('from') ?? `${today.slice(0, 8)}01`;
  const to = params.get('to') ?? today;
  const q: StatsQuery = period === 'custom' ? { node, period, from, to } : { node, period, date };
  const key = JSON.stringify(q);
  const overview = useQuery((signal) => statsApi.overview(q, signal), [key]);
  const trend = useQuery((signal) => statsApi.trend(q, signal), [key]);
  const categories = useQuery((signal) => statsApi.categories(q, signal), [key]);
  const [exporting, setExporting] = useState(false);
  const data = overview.data;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const drill = (id: number) => set({ node: String(id) });

  const columns: TableColumnsType<Row> = [
    {
      title: tx('unit'),
      key: 'name',
      fixed: narrow ? undefined : 'left',
      width: 150,
      render: (_: unknown, r) =>
        r.drillable ? (
          <Button type="link" style={{ padding: 0 }} aria-label={tx('drill', { name: r.name })} onClick={() => drill(r.id)} data-testid={`stats-drill-${r.id}`}>
            {r.name}
          </Button>
        ) : r.kind === 'total' ? (
          <strong>{r.name}</strong>
        ) : (
          `${r.name}${r.direct ? tx('own') : ''}`
        ),
    },
    ...TABLE_METRICS.flatMap(({ metric, share }) => [
      {
        title: tx(metric),
        key: metric,
        align: 'right' as const,
        width: 90,
        render: (_: unknown, r: Row) => r.figures.metrics[metric].value,
      },
      {
        title: tx('yoy'),
        key: `${metric}-yoy`,
        width: 100,
        render: (_: unknown, r: Row) => <ChangeTag c={r.figures.metrics[metric].yoy} lang={lang} good={metric === 'solved' || metric === 'disputesResolved' ? 'up' : 'down'} />,
      },
      ...(share ? [{ title: tx('share'), key: `${metric}-share`, align: 'right' as const, width: 80, render: (_: unknown, r: Row) => percent(r.figures.rates[share].value) }] : []),
    ]),
    { title: tx('resolutionRate'), key: 'resolutionRate', align: 'right', width: 90, render: (_: unknown, r) => percent(r.figures.rates.resolutionRate.value) },
    { title: tx('complianceRate'), key: 'complianceRate', align: 'right', width: 100, render: (_: unknown, r) => percent(r.figures.rates.complianceRate.value) },
  ];
  const rows: Row[] = data ? [...data.rows, { id: 0, name: `${tx('total')}（${data.node.name}）`, kind: 'total', direct: false, drillable: false, figures: data.total }] : [];

  const points = trend.data?.points ?? [];
  const trendOption = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: points.map((p) => p.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: statsText(lang, 'lastYear'), data: points.map((p) => p.validYearEarlier), itemStyle: { color: '#b7c8e6' }, barMaxWidth: 18 },
        { type: 'bar', name: statsText(lang, 'thisPeriod'), data: points.map((p) => p.valid), itemStyle: { color: '#1d5fd1' }, barMaxWidth: 18 },
      ],
    }),
    [points, lang],
  );
  const kinds = data?.byKind ?? [];
  const kindOption = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: kinds.map((k) => k.label), axisLabel: { interval: 0, rotate: kinds.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: statsText(lang, 'lastYear'), data: kinds.map((k) => k.yoy.previous), itemStyle: { color: '#b7c8e6' }, barMaxWidth: 24 },
        { type: 'bar', name: statsText(lang, 'thisPeriod'), data: kinds.map((k) => k.yoy.current), itemStyle: { color: '#1d5fd1' }, barMaxWidth: 24 },
      ],
    }),
    [kinds, lang],
  );

  const exportXlsx = () => {
    setExporting(true);
    statsApi
      .exportXlsx(q)
      .then(() => void message.success(tx('exported')))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const total = data?.total;
  const last = data ? new Date(Date.parse(`${data.period.current.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '';
  return (
    <div data-testid="stats">
      <div className="fq-page-head">
        <Typography.Title level={1}>
          {tx('title')}
          {data ? ` · ${data.node.name}` : ''}
        </Typography.Title>
      </div>
      <div className="fq-toolbar" role="search">
        <Select
          aria-label={tx('period')}
          value={period}
          onChange={(v: PeriodKind) => set({ period: v })}
          options={PERIODS.map((p) => ({ value: p, label: tx(p) }))}
          style={{ width: 110 }}
          data-testid="stats-period"
        />
        {period === 'custom' ? (
          <Space.Compact>
            <Input type="date" aria-label={tx('range')} value={from} max={to} onChange={(e) => e.target.value && set({ from: e.target.value })} style={{ width: 150 }} />
            <Input type="date" aria-label={tx('range')} value={to} min={from} onChange={(e) => e.target.value && set({ to: e.target.value })} style={{ width: 150 }} />
          </Space.Compact>
        ) : (
          <Input type="date" aria-label={tx('date')} value={date} max={today} onChange={(e) => e.target.value && set({ date: e.target.value })} style={{ width: 150 }} data-testid="stats-date" />
        )}
        <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={exportXlsx} data-testid="stats-export">
          {tx('export')}
        </Button>
      </div>
      {data && data.breadcrumbs.length > 1 && (
        <nav aria-label={tx('breadcrumbs')} style={{ marginBottom: 12 }}>
          <Breadcrumb
            data-testid="stats-breadcrumbs"
            items={data.breadcrumbs.map((b, i) => ({
              key: b.id,
              title:
                i === data.breadcrumbs.length - 1 ? (
                  b.name
                ) : (
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => set({ node: i === 0 ? undefined : String(b.id) })}>
                    {b.name}
                  </Button>
                ),
            }))}
          />
        </nav>
      )}
      {overview.error ? <Alert type="error" showIcon title={errorText(overview.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {total && data && (
          <Card size="small" title={`${data.period.current.from} — ${last}${data.period.toDate ? `（${tx('toDate')}）` : ''}`}>
            <Space wrap size={narrow ? 16 : 32} data-testid="stats-summary">
              {(['valid', 'criminal', 'publicOrder', 'help', 'filed', 'solved', 'disputesScreened', 'disputesResolved'] as const).map((m) => (
                <div key={m}>
                  <Statistic title={tx(m)} value={total.metrics[m].value} data-testid={`stats-total-${m}`} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {tx('yoy')} {changeLabel(lang, total.metrics[m].yoy)} · {tx('mom')} {changeLabel(lang, total.metrics[m].mom)}
                  </Typography.Text>
                </div>
              ))}
              <Statistic title={tx('resolutionRate')} value={percent(total.rates.resolutionRate.value)} />
              <Statistic title={tx('complianceRate')} value={percent(total.rates.complianceRate.value)} />
            </Space>
          </Card>
        )}
        <Table<Row>
          rowKey={(r) => `${r.kind}-${r.id}-${r.direct ? 'd' : ''}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={overview.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="stats-table"
        />
        {points.length > 0 && (
          <Card size="small" title={tx('trend')}>
            <Chart option={trendOption} height={narrow ? 240 : 300} ariaLabel={tx('chartLabel', { points: points.map((p) => `${p.key} ${p.valid}/${p.validYearEarlier}`).join('，') })} data-testid="stats-trend" />
          </Card>
        )}
        {kinds.length > 0 && (
          <Card size="small" title={tx('byKind')}>
            <Chart option={kindOption} height={narrow ? 240 : 300} ariaLabel={tx('kindChartLabel', { points: kinds.map((k) => `${k.label} ${k.yoy.current}`).join('，') })} />
          </Card>
        )}
        {categories.data && categories.data.length > 0 && (
          <Table
            title={() => tx('byCategory')}
            rowKey="code"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={categories.data}
            columns={[
              { title: tx('byCategory'), dataIndex: 'label', key: 'label', width: 180 },
              { title: tx('thisPeriod'), key: 'c', align: 'right', width: 80, render: (_: unknown, r) => r.yoy.current },
              { title: tx('lastYear'), key: 'p', align: 'right', width: 90, render: (_: unknown, r) => r.yoy.previous },
              { title: tx('yoy'), key: 'y', width: 100, render: (_: unknown, r) => <ChangeTag c={r.yoy} lang={lang} /> },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {tx('definitions')}
        </Typography.Paragraph>
      </Space>
    </div>
  );
}
