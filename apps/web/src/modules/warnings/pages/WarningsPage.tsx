import { Alert, Button, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { isOverdue, WARNING_LEVELS, WARNING_SOURCES, WARNING_STATUSES, warningsApi, type Warning, type WarningFilters, type WarningLevel, type WarningSource, type WarningStatus } from '../warnings.api';
import { LEVEL_COLORS, LEVEL_LABELS, SOURCE_LABELS, STATUS_COLORS, STATUS_LABELS, warningText, type WarningTextKey } from '../warnings.text';

const PAGE_SIZES = [20, 50, 100];

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((v) => v === value);
}

/** 预警: the warnings of the viewer's jurisdiction (the API scopes them), newest first; filters live in the URL. */
export default function WarningsPage() {
  const { t, lang, dateTime } = useI18n();
  const narrow = useIsNarrow();
  const tx = (key: WarningTextKey, p?: Record<string, string | number>) => warningText(lang, key, p);
  const [params, setParams] = useSearchParams();
  const filters: WarningFilters = {
    status: pick(params.get('status'), WARNING_STATUSES),
    level: pick(params.get('level'), WARNING_LEVELS),
    source: pick(params.get('source'), WARNING_SOURCES),
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const list = useQuery((signal) => warningsApi.list({ ...filters, page, pageSize }, signal), [params.toString()]);
  const active = Object.values(filters).some((v) => v !== undefined);

  const setAll = (next: WarningFilters, nextPage = 1, nextSize = pageSize) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined) p.set(k, String(v));
    if (nextPage > 1) p.set('page', String(nextPage));
    if (nextSize !== 20) p.set('pageSize', String(nextSize));
    setParams(p);
  };
  const setFilter = <K extends keyof WarningFilters>(key: K, value: WarningFilters[K]) => setAll({ ...filters, [key]: value });

  const levelTag = (w: Warning) => <Tag color={LEVEL_COLORS[w.level]}>{LEVEL_LABELS[w.level][lang]}</Tag>;
  const statusTag = (w: Warning) => <Tag color={STATUS_COLORS[w.status]}>{STATUS_LABELS[w.status][lang]}</Tag>;
  const deadline = (w: Warning) =>
    isOverdue(w) ? (
      <Typography.Text type="danger" strong data-testid={`warning-overdue-${w.id}`}>
        {w.deadline} {tx('overdue')}
      </Typography.Text>
    ) : (
      <span>{w.deadline}</span>
    );

  const columns: TableColumnsType<Warning> = narrow
        ? [
            {
              title: tx('title'),
              key: 'card',
              render: (_: unknown, w) => (
                <div data-testid={`warning-row-${w.id}`}>
                  <Space size={4} wrap>
                    {levelTag(w)}
                    {statusTag(w)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {SOURCE_LABELS[w.source][lang]}
                    </Typography.Text>
                  </Space>
                  <div>
                    <Link to={`/warnings/${w.id}`} style={{ fontWeight: 500 }}>
                      {w.reason}
                    </Link>
                  </div>
                  <div style={{ fontSize: 12 }}>
                    {tx('deadline')}：{deadline(w)} · {w.ownerName ?? tx('noOwner')}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {w.jurisdictionName} · {dateTime(w.createdAt)}
                  </Typography.Text>
                </div>
              ),
            },
          ]
        : [
            { title: tx('level'), key: 'level', width: 110, render: (_: unknown, w) => levelTag(w) },
            { title: tx('source'), key: 'source', width: 110, render: (_: unknown, w) => SOURCE_LABELS[w.source][lang] },
            {
              title: tx('reason'),
              key: 'reason',
              render: (_: unknown, w) => (
                <Link to={`/warnings/${w.id}`} data-testid={`warning-row-${w.id}`}>
                  {w.reason}
                </Link>
              ),
            },
            { title: tx('owner'), key: 'owner', width: 110, render: (_: unknown, w) => w.ownerName ?? <Typography.Text type="secondary">{tx('noOwner')}</Typography.Text> },
            { title: tx('deadline'), key: 'deadline', width: 150, render: (_: unknown, w) => deadline(w) },
            { title: tx('status'), key: 'status', width: 100, render: (_: unknown, w) => statusTag(w) },
            { title: tx('jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 140 },
            { title: tx('createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 160, render: (v: string) => dateTime(v) },
          ];

  const half = narrow ? 'calc(50% - 4px)' : undefined;
  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      <div className="fq-toolbar" role="search">
        <Select<WarningStatus>
          allowClear
          placeholder={tx('status')}
          aria-label={tx('status')}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          options={WARNING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
          style={{ width: half ?? 130 }}
          data-testid="warnings-status"
        />
        <Select<WarningLevel>
          allowClear
          placeholder={tx('level')}
          aria-label={tx('level')}
          value={filters.level}
          onChange={(v) => setFilter('level', v)}
          options={WARNING_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l][lang] }))}
          style={{ width: half ?? 130 }}
          data-testid="warnings-level"
        />
        <Select<WarningSource>
          allowClear
          placeholder={tx('source')}
          aria-label={tx('source')}
          value={filters.source}
          onChange={(v) => setFilter('source', v)}
          options={WARNING_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s][lang] }))}
          style={{ width: narrow ? '100%' : 140 }}
          data-testid="warnings-source"
        />
        {active && (
          <Button onClick={() => setAll({})} data-testid="warnings-clear">
            {tx('clearFilters')}
          </Button>
        )}
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<Warning>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: tx('empty') }}
        scroll={narrow ? undefined : { x: 'max-content' }}
        data-testid="warnings-table"
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: !narrow,
          simple: narrow,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, size) => setAll(filters, size === pageSize ? p : 1, size),
        }}
      />
    </div>
  );
}
