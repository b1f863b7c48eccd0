import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Spin, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Chart } from '../../../app/components/Chart';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { reviewsApi, type CountRow, type ReviewContent } from '../reviews.api';
import { beijing, changeLabel, KIND_LABELS, lastDay, LEVEL_LABELS, reviewsText, WARNING_STATUS, weekLabel, type ReviewsTextKey } from '../reviews.text';

type KindRow = ReviewContent['byKind'][number];
type CategoryRow = ReviewContent['risingCategories'][number];

/** One Monday review: the figures with 环比 and 同比, the lists, next week's hotspots and the suggestions. */
export default function ReviewPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const tx = (key: ReviewsTextKey, p?: Record<string, string | number>) => reviewsText(lang, key, p);
  const narrow = useIsNarrow();
  const { showError } = useFeedback();
  const [downloading, setDownloading] = useState<'pdf' | 'docx' | null>(null);
  const query = useQuery((signal) => reviewsApi.get(Number(id), signal), [id]);
  const review = query.data;
  const c = review?.content;

  const shown = useMemo(() => (c ? c.byKind.filter((r) => r.current + r.previousWeek + r.lastYear > 0) : []), [c]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: shown.map((r) => KIND_LABELS[r.kind]?.[lang] ?? r.kind), axisLabel: { interval: 0, rotate: shown.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: reviewsText(lang, 'lastWeek'), data: shown.map((r) => r.current), itemStyle: { color: '#1d5fd1' }, barMaxWidth: 24 },
        { type: 'bar', name: reviewsText(lang, 'weekBefore'), data: shown.map((r) => r.previousWeek), itemStyle: { color: '#8fb0e8' }, barMaxWidth: 24 },
        { type: 'bar', name: reviewsText(lang, 'lastYear'), data: shown.map((r) => r.lastYear), itemStyle: { color: '#c9c9c9' }, barMaxWidth: 24 },
      ],
    }),
    [shown, lang],
  );

  const download = (format: 'pdf' | 'docx') => {
    if (!review) return;
    setDownloading(format);
    reviewsApi
      .download(review.id, format)
      .catch(showError)
      .finally(() => setDownloading(null));
  };

  const countColumns = <T extends CountRow>(): TableColumnsType<T> => [
    { title: tx('lastWeek'), dataIndex: 'current', key: 'cur', align: 'right', width: 70 },
    { title: tx('weekBefore'), dataIndex: 'previousWeek', key: 'prev', align: 'right', width: 70 },
    { title: tx('wow'), key: 'wow', align: 'right', width: 80, render: (_: unknown, r: T) => changeLabel(lang, r.wow) },
    { title: tx('lastYear'), dataIndex: 'lastYear', key: 'ly', align: 'right', width: 80 },
    { title: tx('yoy'), key: 'yoy', align: 'right', width: 80, render: (_: unknown, r: T) => changeLabel(lang, r.yoy) },
  ];
  const kindColumns: TableColumnsType<KindRow> = [{ title: tx('kind'), key: 'kind', width: 80, render: (_: unknown, r) => KIND_LABELS[r.kind]?.[lang] ?? r.kind }, ...countColumns<KindRow>()];
  const categoryColumns: TableColumnsType<CategoryRow> = [
    { title: tx('category'), key: 'name', width: 150, render: (_: unknown, r) => <Link to={`/incidents?category=${encodeURIComponent(r.code)}`}>{r.name}</Link> },
    ...countColumns<CategoryRow>(),
  ];

  if (query.error) return <Alert type="error" showIcon title={errorText(query.error, t)} />;
  if (!review || !c) return <Spin />;
  const h = c.hotspots;
  const section = (title: string, count: number, body: React.ReactNode, testId: string) => (
    <Card size="small" title={`${title}（${count}）`} data-testid={testId}>
      {count === 0 ? <Typography.Text type="secondary">{tx('nothing')}</Typography.Text> : body}
    </Card>
  );
  const tableProps = { size: 'small' as const, pagination: false as const, scroll: { x: 'max-content' } };

  return (
    <div data-testid="review">
      <div className="fq-page-head">
        <Typography.Title level={1}>
          {review.jurisdictionName} · {tx('title')}
        </Typography.Title>
      </div>
      <div className="fq-toolbar">
        <Space wrap>
          <Link to="/reviews">
            <LeftOutlined aria-hidden /> {tx('back')}
          </Link>
          <Button icon={<DownloadOutlined aria-hidden />} loading={downloading === 'pdf'} onClick={() => download('pdf')} data-testid="review-pdf">
            {tx('pdf')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} loading={downloading === 'docx'} onClick={() => download('docx')} data-testid="review-docx">
            {tx('docx')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph data-testid="review-week">
        {tx('weekLabel', { week: weekLabel(c.week), prev: weekLabel(c.previousWeek), ly: weekLabel(c.lastYearWeek) })}
        <br />
        <Typography.Text type="secondary">{tx('yoyNote')}</Typography.Text>
      </Typography.Paragraph>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap size={narrow ? 16 : 40}>
            <Statistic title={tx('total')} value={c.totals.current} data-testid="review-total" />
            <Statistic title={tx('wow')} value={changeLabel(lang, c.totals.wow)} data-testid="review-wow" />
            <Statistic title={tx('yoy')} value={changeLabel(lang, c.totals.yoy)} data-testid="review-yoy" />
            <Statistic title={tx('lastYear')} value={c.totals.lastYear} />
          </Space>
        </Card>
        <Card size="small" title={tx('byKind')}>
          {shown.length > 0 && (
            <Chart
              option={option}
              height={narrow ? 220 : 280}
              ariaLabel={tx('chartLabel', { groups: shown.map((r) => `${KIND_LABELS[r.kind]?.[lang] ?? r.kind} ${r.current}/${r.previousWeek}/${r.lastYear}`).join('，') })}
              data-testid="review-chart"
            />
          )}
          <Table<KindRow> rowKey="kind" columns={kindColumns} dataSource={c.byKind} {...tableProps} data-testid="review-kinds" />
        </Card>
        {section(tx('rising'), c.risingCategories.length, <Table<CategoryRow> rowKey="code" columns={categoryColumns} dataSource={c.risingCategories} {...tableProps} />, 'review-rising')}
        {section(
          tx('suggestions'),
          c.suggestions.length,
          <List
            size="small"
            dataSource={c.suggestions}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta title={s.link ? <Link to={s.link}>{s.title}</Link> : s.title} description={s.detail} />
              </List.Item>
            )}
          />,
          'review-suggestions',
        )}
        {section(
          tx('warnings'),
          c.warnings.length,
          <Table
            rowKey="id"
            dataSource={c.warnings}
            {...tableProps}
            columns={[
              { title: tx('level'), key: 'level', width: 90, render: (_: unknown, w: ReviewContent['warnings'][number]) => <Link to={`/warnings/${w.id}`}><Tag color={LEVEL_LABELS[w.level]?.color}>{LEVEL_LABELS[w.level]?.[lang]} #{w.id}</Tag></Link> },
              { title: tx('reason'), dataIndex: 'reason', key: 'reason', width: 220 },
              { title: tx('owner'), key: 'owner', width: 90, render: (_: unknown, w: ReviewContent['warnings'][number]) => w.ownerName ?? '—' },
              { title: tx('deadline'), key: 'deadline', width: 120, render: (_: unknown, w: ReviewContent['warnings'][number]) => (<>{w.deadline} {w.overdue && <Tag color="red">{tx('overdueTag')}</Tag>}</>) },
              { title: tx('status'), key: 'status', width: 100, render: (_: unknown, w: ReviewContent['warnings'][number]) => WARNING_STATUS[w.status]?.[lang] ?? w.status },
              { title: tx('plan'), key: 'plan', width: 70, render: (_: unknown, w: ReviewContent['warnings'][number]) => (w.hasPlan ? tx('planYes') : <Tag color="orange">{tx('planNo')}</Tag>) },
            ]}
          />,
          'review-warnings',
        )}
        {section(
          tx('clusters'),
          c.clusters.length,
          <Table
            rowKey="id"
            dataSource={c.clusters}
            {...tableProps}
            columns={[
              { title: tx('summary'), dataIndex: 'label', key: 'label', width: 200 },
              { title: tx('unit'), dataIndex: 'jurisdictionName', key: 'unit', width: 130 },
              { title: tx('inWeek'), dataIndex: 'incidentsInWeek', key: 'n', align: 'right', width: 60 },
              { title: tx('overall'), dataIndex: 'incidentCount', key: 'all', align: 'right', width: 60 },
              { title: tx('level'), key: 'level', width: 70, render: (_: unknown, x: ReviewContent['clusters'][number]) => (x.level ? <Tag color={LEVEL_LABELS[x.level]?.color}>{LEVEL_LABELS[x.level]?.[lang]}</Tag> : '—') },
            ]}
          />,
          'review-clusters',
        )}
        {section(
          tx('complaints'),
          c.complaintsAndReports.length,
          <Table
            rowKey="id"
            dataSource={c.complaintsAndReports}
            {...tableProps}
            columns={[
              { title: tx('receivedAt'), key: 'at', width: 140, render: (_: unknown, i: ReviewContent['complaintsAndReports'][number]) => <Link to={`/incidents/${i.id}`}>{i.receivedAt}</Link> },
              { title: tx('kind'), key: 'kind', width: 130, render: (_: unknown, i: ReviewContent['complaintsAndReports'][number]) => `${KIND_LABELS[i.kind]?.[lang] ?? i.kind}·${i.categoryName}` },
              { title: tx('summary'), dataIndex: 'summary', key: 'summary', width: 240 },
              { title: tx('unit'), dataIndex: 'jurisdictionName', key: 'unit', width: 130 },
            ]}
          />,
          'review-complaints',
        )}
        <Card size="small" title={tx('overdueItems', { at: beijing(c.asOf) })} data-testid="review-overdue">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{`${tx('transfers')}（${c.overdue.transfers.length}）`}</Typography.Text>
            {c.overdue.transfers.map((x) => (
              <Link key={`t${x.id}`} to={`/cases/${x.caseId}`}>
                {x.docNo} · {x.caseNo} · {x.departmentName} · {x.state === 'unacknowledged' ? tx('unacknowledged') : tx('unfinished')}（{x.deadline}）
              </Link>
            ))}
            <Typography.Text strong>{`${tx('cases')}（${c.overdue.cases.length}）`}</Typography.Text>
            {c.overdue.cases.map((x) => (
              <Link key={`c${x.id}`} to={`/cases/${x.id}`}>
                {x.caseNo} {x.title} · {x.stageName}（{x.stageDueAt}）
              </Link>
            ))}
            <Typography.Text strong>{`${tx('followups')}（${c.overdue.followups.length}）`}</Typography.Text>
            {c.overdue.followups.map((x) => (
              <Link key={`f${x.id}`} to={`/cases/${x.caseId}`}>
                {x.caseNo} · {x.dueOn} · {x.assigneeName ?? '—'}
              </Link>
            ))}
          </Space>
        </Card>
        <Card size="small" title={tx('hotspots')} data-testid="review-hotspots">
          <Typography.Paragraph type="secondary">
            {tx('hotspotMeta', { method: h.method, cell: h.cellM, from: beijing(h.trainStart).slice(0, 10), to: lastDay(beijing(h.trainEnd).slice(0, 10)), n: h.eventCount })}
          </Typography.Paragraph>
          {h.cells.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Table
              rowKey="cell"
              dataSource={h.cells}
              {...tableProps}
              columns={[
                { title: tx('rank'), dataIndex: 'rank', key: 'rank', width: 60 },
                { title: tx('centre'), key: 'centre', width: 180, render: (_: unknown, x: ReviewContent['hotspots']['cells'][number]) => `${x.lat.toFixed(5)}, ${x.lon.toFixed(5)}` },
                { title: tx('risk'), key: 'risk', align: 'right', width: 80, render: (_: unknown, x: ReviewContent['hotspots']['cells'][number]) => Math.round(x.risk * 100) / 100 },
              ]}
            />
          )}
        </Card>
      </Space>
    </div>
  );
}
