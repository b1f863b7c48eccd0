import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Chart } from '../../../app/components/Chart';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { beijingToday, followupsApi, shiftMonth, type Ledger, type LedgerCase, type LedgerFigures } from '../myday.api';
import { mydayText, percent, type MyDayTextKey } from '../myday.text';

type UnitRow = Ledger['byUnit'][number];
type TypeRow = Ledger['byType'][number];

function monthOptions(lang: 'zh' | 'en', current: string) {
  const out = [];
  for (let i = 0; i < 36; i++) {
    const m = shiftMonth(current, -i);
    const [y, mm] = m.split('-');
    out.push({ value: m, label: lang === 'zh' ? `${y}年${Number(mm)}月` : m });
  }
  return out;
}

/** 月结: a month of a jurisdiction's cases by unit and by dispute type, the case list, and the 台账 Excel. */
export default function LedgerPage() {
  const { t, lang } = useI18n();
  const narrow = useIsNarrow();
  const { showError, message } = useFeedback();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  const thisMonth = beijingToday().slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  // The drill-down path: the viewer's own jurisdiction first (undefined), then the units opened.
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const jurisdictionId = trail.at(-1)?.id;
  const [exporting, setExporting] = useState(false);
  const query = useQuery((signal) => followupsApi.ledger({ month, jurisdictionId }, signal), [month, jurisdictionId]);
  const data = query.data;

  const figureColumns = <T extends LedgerFigures>(): TableColumnsType<T> => [
    { title: tx('registered'), dataIndex: 'registered', key: 'registered', align: 'right', width: 90 },
    { title: tx('closed'), dataIndex: 'closed', key: 'closed', align: 'right', width: 70 },
    { title: tx('resolved'), dataIndex: 'resolved', key: 'resolved', align: 'right', width: 70 },
    { title: tx('transferred'), dataIndex: 'transferred', key: 'transferred', align: 'right', width: 70 },
    { title: tx('relapsedCol'), dataIndex: 'relapsed', key: 'relapsed', align: 'right', width: 70 },
    { title: tx('openAtMonthEnd'), dataIndex: 'openAtMonthEnd', key: 'open', align: 'right', width: 90 },
    {
      title: tx('rate'),
      key: 'rate',
      align: 'right',
      width: 90,
      render: (_: unknown, r: T) => <Tag color={r.resolutionRate === null ? undefined : r.resolutionRate >= 0.9 ? 'green' : r.resolutionRate >= 0.7 ? 'gold' : 'red'}>{percent(r.resolutionRate)}</Tag>,
    },
  ];
  const unitTitle = data?.unitKind === 'station' ? tx('unitStation') : data?.unitKind === 'community' ? tx('unitCommunity') : tx('unitSelf');
  const unitColumns: TableColumnsType<UnitRow> = [
    {
      title: unitTitle,
      key: 'name',
      fixed: narrow ? undefined : 'left',
      width: 160,
      render: (_: unknown, r) =>
        data && data.unitKind !== 'self' && r.jurisdictionId !== data.jurisdiction.id ? (
          <Button type="link" style={{ padding: 0 }} aria-label={tx('drill', { name: r.name })} onClick={() => setTrail((p) => [...p, { id: r.jurisdictionId, name: r.name }])}>
            {r.name}
          </Button>
        ) : (
          r.name
        ),
    },
    ...figureColumns<UnitRow>(),
  ];
  const typeColumns: TableColumnsType<TypeRow> = [{ title: tx('disputeType'), dataIndex: 'name', key: 'name', fixed: narrow ? undefined : 'left', width: 160 }, ...figureColumns<TypeRow>()];
  const caseColumns: TableColumnsType<LedgerCase> = [
    { title: '#', key: 'n', width: 50, render: (_: unknown, _r, i) => i + 1 },
    { title: tx('caseNo'), key: 'no', width: 150, render: (_: unknown, r) => <Link to={`/cases/${r.id}`}>{r.caseNo}</Link> },
    { title: tx('registeredOn'), dataIndex: 'registeredOn', key: 'reg', width: 110 },
    { title: tx('disputeType'), dataIndex: 'disputeTypeName', key: 'type', width: 130 },
    { title: tx('parties'), key: 'parties', width: 140, render: (_: unknown, r) => r.parties.join('、') || '—' },
    { title: tx('summary'), key: 'summary', width: 280, render: (_: unknown, r) => <Typography.Text ellipsis={{ tooltip: r.summary }}>{r.title}</Typography.Text> },
    { title: tx('leader'), dataIndex: 'leaderName', key: 'leader', width: 90, render: (v: string | null) => v ?? '—' },
    { title: tx('officer'), dataIndex: 'officerName', key: 'officer', width: 90, render: (v: string | null) => v ?? '—' },
    { title: tx('resultCol'), dataIndex: 'statusName', key: 'status', width: 120 },
    { title: tx('closedOn'), dataIndex: 'closedOn', key: 'closedOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  const types = useMemo(() => (data?.byType ?? []).filter((r) => r.registered + r.closed + r.openAtMonthEnd > 0), [data]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: types.map((r) => r.name), axisLabel: { interval: 0, rotate: types.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: mydayText(lang, 'registered'), data: types.map((r) => r.registered), itemStyle: { color: '#b7c8e6' }, barMaxWidth: 28 },
        { type: 'bar', name: mydayText(lang, 'closed'), data: types.map((r) => r.closed), itemStyle: { color: '#6f93d6' }, barMaxWidth: 28 },
        { type: 'bar', name: mydayText(lang, 'resolved'), data: types.map((r) => r.resolved), itemStyle: { color: '#1d5fd1' }, barMaxWidth: 28 },
      ],
    }),
    [types, lang],
  );

  const exportXlsx = () => {
    setExporting(true);
    followupsApi
      .exportLedger({ month, jurisdictionId })
      .then(() => void message.success(tx('exported')))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  const total = data?.total;
  return (
    <div data-testid="ledger">
      <div className="fq-page-head">
        <Typography.Title level={1}>
          {tx('ledgerTitle')}
          {data ? ` · ${data.jurisdiction.name}` : ''}
        </Typography.Title>
      </div>
      <div className="fq-toolbar" role="search">
        <Space.Compact>
          <Button icon={<LeftOutlined aria-hidden />} aria-label={tx('prevMonth')} onClick={() => setMonth((m) => shiftMonth(m, -1))} />
          <Select aria-label={tx('month')} value={month} onChange={setMonth} options={monthOptions(lang, thisMonth)} style={{ width: 140 }} data-testid="ledger-month" />
          <Button icon={<RightOutlined aria-hidden />} aria-label={tx('nextMonth')} disabled={month >= thisMonth} onClick={() => setMonth((m) => shiftMonth(m, 1))} />
        </Space.Compact>
        <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={exportXlsx} data-testid="ledger-export">
          {tx('export')}
        </Button>
        {trail.length > 0 && (
          <Button onClick={() => setTrail((p) => p.slice(0, -1))} data-testid="ledger-up">
            {tx('up')}
          </Button>
        )}
      </div>
      {query.error ? <Alert type="error" showIcon title={errorText(query.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {total && (
          <Card size="small">
            <Space wrap size={narrow ? 16 : 40}>
              <Statistic title={tx('rate')} value={percent(total.resolutionRate)} data-testid="ledger-rate" />
              <Statistic title={tx('registered')} value={total.registered} data-testid="ledger-registered" />
              <Statistic title={tx('closed')} value={total.closed} />
              <Statistic title={tx('resolved')} value={total.resolved} />
              <Statistic title={tx('transferred')} value={total.transferred} />
              <Statistic title={tx('relapsedCol')} value={total.relapsed} />
              <Statistic title={tx('openAtMonthEnd')} value={total.openAtMonthEnd} />
            </Space>
          </Card>
        )}
        {types.length > 0 && (
          <Card size="small" title={tx('byType')}>
            <Chart
              option={option}
              height={narrow ? 260 : 320}
              ariaLabel={tx('chartLabel', { groups: types.map((r) => `${r.name} ${r.registered}/${r.resolved}`).join('，') })}
              data-testid="ledger-chart"
            />
          </Card>
        )}
        {data && data.unitKind !== 'self' && (
          <Table<UnitRow>
            title={() => tx('byUnit')}
            rowKey="jurisdictionId"
            size="small"
            columns={unitColumns}
            dataSource={data.byUnit}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="ledger-units"
          />
        )}
        <Table<TypeRow>
          title={() => tx('byType')}
          rowKey="code"
          size="small"
          columns={typeColumns}
          dataSource={data?.byType ?? []}
          loading={query.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="ledger-types"
        />
        <Table<LedgerCase>
          title={() => tx('details', { n: data?.cases.length ?? 0 })}
          rowKey="id"
          size="small"
          columns={caseColumns}
          dataSource={data?.cases ?? []}
          loading={query.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="ledger-cases"
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {tx('definitions')}
        </Typography.Paragraph>
      </Space>
    </div>
  );
}
