import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Segmented, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Chart } from '../../../app/components/Chart';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { shanghaiDayBoundary } from '../../../app/i18n/messages';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { incidentLifecycleApi, type TimingFigures, type TimingGroupBy, type TimingReport } from '../incidents.api';
import { text } from '../incidents.text';
import { AREA_KIND_LABELS, duration, timingText, type TimingTextKey } from '../incidents.timing.text';

type Row = TimingReport['rows'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** 1-3-5 出警统计: compliance, medians and p90 of dispatch and arrival, per station or per day, in the viewer's jurisdiction. */
export default function IncidentTimingPage() {
  const { t, lang } = useI18n();
  const narrow = useIsNarrow();
  const tx = (key: TimingTextKey, params?: Record<string, string | number>) => timingText(lang, key, params);
  const [groupBy, setGroupBy] = useState<TimingGroupBy>('station');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});

  const report = useQuery((signal) => incidentLifecycleApi.timing({ ...period, groupBy }, signal), [period, groupBy]);
  const data = report.data;

  const figureColumns: TableColumnsType<Row> = [
    { title: tx('count'), dataIndex: 'count', key: 'count', align: 'right', width: 80 },
    { title: tx('dispatched'), dataIndex: 'dispatched', key: 'dispatched', align: 'right', width: 80 },
    { title: tx('arrived'), dataIndex: 'arrived', key: 'arrived', align: 'right', width: 80 },
    { title: tx('compliantCount'), dataIndex: 'compliant', key: 'compliant', align: 'right', width: 80 },
    {
      title: tx('rate'),
      key: 'rate',
      align: 'right',
      width: 90,
      render: (_: unknown, r) => <Tag color={r.complianceRate === null ? undefined : r.complianceRate >= 0.9 ? 'green' : r.complianceRate >= 0.7 ? 'gold' : 'red'}>{percent(r.complianceRate)}</Tag>,
    },
    { title: tx('dispatchMedian'), key: 'dm', align: 'right', width: 110, render: (_: unknown, r) => duration(lang, r.dispatchMedianSeconds) },
    { title: tx('dispatchP90'), key: 'dp', align: 'right', width: 110, render: (_: unknown, r) => duration(lang, r.dispatchP90Seconds) },
    { title: tx('arriveMedian'), key: 'am', align: 'right', width: 110, render: (_: unknown, r) => duration(lang, r.arriveMedianSeconds) },
    { title: tx('arriveP90'), key: 'ap', align: 'right', width: 110, render: (_: unknown, r) => duration(lang, r.arriveP90Seconds) },
  ];
  const columns: TableColumnsType<Row> = [{ title: groupBy === 'station' ? tx('station') : tx('day'), dataIndex: 'label', key: 'label', fixed: narrow ? undefined : 'left', width: 140 }, ...figureColumns];

  const option = useMemo(() => {
    const rows = data?.rows ?? [];
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', name: tx('rateAxis'), min: 0, max: 100 },
        { type: 'value', name: tx('count'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: tx('rate'), data: rows.map((r) => (r.complianceRate === null ? null : Math.round(r.complianceRate * 1000) / 10)), itemStyle: { color: '#1d5fd1' }, barMaxWidth: 28 },
        { type: 'bar', name: tx('count'), yAxisIndex: 1, data: rows.map((r) => r.count), itemStyle: { color: '#b7c8e6' }, barMaxWidth: 28 },
      ],
    };
    // tx depends on lang only.
  }, [data, lang]);
  const chartSummary = (data?.rows ?? []).map((r) => `${r.label} ${percent(r.complianceRate)}`).join('，');

  const total = data?.total;
  /** The total row, cell by cell in the order of the columns. */
  const totalCells = (f: TimingFigures) => [
    tx('total'),
    f.count,
    f.dispatched,
    f.arrived,
    f.compliant,
    percent(f.complianceRate),
    duration(lang, f.dispatchMedianSeconds),
    duration(lang, f.dispatchP90Seconds),
    duration(lang, f.arriveMedianSeconds),
    duration(lang, f.arriveP90Seconds),
  ];

  return (
    <div data-testid="incident-timing">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/incidents" aria-label={text(lang, 'back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{tx('timingTitle')}</Typography.Title>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{tx('timingIntro')}</Typography.Paragraph>
      <div className="fq-toolbar" role="search">
        <DatePicker.RangePicker
          aria-label={tx('period')}
          onChange={(_dates, [fromDay, toDay]) =>
            setPeriod({ from: fromDay ? shanghaiDayBoundary(fromDay, 'start') : undefined, to: toDay ? shanghaiDayBoundary(toDay, 'end') : undefined })
          }
          style={{ maxWidth: '100%' }}
          data-testid="timing-range"
        />
        <Segmented<TimingGroupBy>
          aria-label={tx('groupBy')}
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'station', label: tx('byStation') },
            { value: 'day', label: tx('byDay') },
          ]}
          data-testid="timing-group"
        />
      </div>
      {report.error ? <Alert type="error" showIcon title={errorText(report.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {total && (
          <Card size="small">
            <Space wrap size={narrow ? 16 : 40}>
              <Statistic title={tx('rate')} value={percent(total.complianceRate)} data-testid="timing-rate" />
              <Statistic title={tx('count')} value={total.count} />
              <Statistic title={tx('arrived')} value={total.arrived} />
              <Statistic title={tx('dispatchMedian')} value={duration(lang, total.dispatchMedianSeconds)} />
              <Statistic title={tx('arriveMedian')} value={duration(lang, total.arriveMedianSeconds)} />
            </Space>
          </Card>
        )}
        {data && data.rows.length > 0 && (
          <Card size="small">
            <Chart option={option} height={narrow ? 240 : 300} ariaLabel={tx('chartLabel', { groups: chartSummary })} data-testid="timing-chart" />
          </Card>
        )}
        <Table<Row>
          rowKey={(r) => String(r.key)}
          size="middle"
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={report.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            total ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  {totalCells(total).map((value, index) => (
                    <Table.Summary.Cell key={index} index={index} align={index === 0 ? 'left' : 'right'}>
                      <strong>{value}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
          data-testid="timing-table"
        />
        {data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {tx('standards')}：
            {data.standards
              .map((s) => tx('standardRow', { area: AREA_KIND_LABELS[s.areaKind]?.[lang] ?? s.areaKind, dispatch: duration(lang, s.dispatchSeconds), arrive: duration(lang, s.arriveSeconds) }))
              .join('；')}
          </Typography.Paragraph>
        )}
      </Space>
    </div>
  );
}
