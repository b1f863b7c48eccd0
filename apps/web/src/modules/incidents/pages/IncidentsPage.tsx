import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { shanghaiDayBoundary } from '../../../app/i18n/messages';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { INCIDENT_KINDS, incidentsApi, type Incident, type IncidentFilters, type IncidentKind } from '../incidents.api';
import { KIND_COLORS, KIND_LABELS, STATUS_COLORS, STATUS_LABELS, text } from '../incidents.text';

/** 警情: incidents of the viewer's jurisdiction, newest first, with date, channel and kind filters. */
export default function IncidentsPage() {
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<IncidentFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const tx = (key: Parameters<typeof text>[1]) => text(lang, key);

  const list = useQuery((signal) => incidentsApi.list({ ...filters, ...page }, signal), [filters, page]);
  const channels = useQuery((signal) => incidentsApi.channels(signal), []);
  const channelName = useMemo(() => {
    const names = new Map((channels.data?.items ?? []).map((c) => [c.code, lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh]));
    return (code: string) => names.get(code) ?? code;
  }, [channels.data, lang]);

  const applyFilters = (next: IncidentFilters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
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
        { title: tx('status'), key: 'status', width: 90, render: (_: unknown, i) => statusTag(i) },
      ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
        {may('incidents.create') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/incidents/new')} data-testid="incidents-new">
            {tx('new')}
          </Button>
        )}
      </div>
      <div className="fq-toolbar" role="search">
        <DatePicker.RangePicker
          aria-label={tx('dateRange')}
          onChange={(_dates, [fromDay, toDay]) =>
            applyFilters({
              ...filters,
              from: fromDay ? shanghaiDayBoundary(fromDay, 'start') : undefined,
              to: toDay ? shanghaiDayBoundary(toDay, 'end') : undefined,
            })
          }
          style={{ maxWidth: '100%' }}
          data-testid="incidents-range"
        />
        <Select<string>
          allowClear
          placeholder={tx('channel')}
          aria-label={tx('channel')}
          value={filters.channel}
          onChange={(channel) => applyFilters({ ...filters, channel })}
          options={(channels.data?.items ?? []).map((c) => ({ value: c.code, label: channelName(c.code) }))}
          style={{ width: narrow ? 'calc(50% - 4px)' : 160, maxWidth: '100%' }}
          data-testid="incidents-channel"
        />
        <Select<IncidentKind>
          allowClear
          placeholder={tx('kind')}
          aria-label={tx('kind')}
          value={filters.kind}
          onChange={(kind) => applyFilters({ ...filters, kind })}
          options={INCIDENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
          style={{ width: narrow ? 'calc(50% - 4px)' : 130, maxWidth: '100%' }}
          data-testid="incidents-kind"
        />
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<Incident>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={narrow ? undefined : { x: 'max-content' }}
        data-testid="incidents-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: !narrow,
          simple: narrow,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </div>
  );
}
