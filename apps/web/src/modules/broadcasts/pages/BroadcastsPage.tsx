import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { PagedTable, type PageState } from '../../../app/components/PagedTable';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useMediaQuery } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { broadcastsApi, type Broadcast } from '../broadcasts.api';
import { broadcastText, KIND_COLORS, KIND_LABELS, type BroadcastTextKey } from '../broadcasts.text';

/** 协查广播: the station's broadcasts with their counts and time to found. */
export default function BroadcastsPage() {
  const { lang, dateTime } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const { may } = useSession();
  const narrow = useMediaQuery('(max-width: 640px)');
  const [status, setStatus] = useState<'all' | 'open' | 'closed'>('all');
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const list = useQuery((signal) => broadcastsApi.list({ ...(status === 'all' ? {} : { status }), ...page }, signal), [status, page]);

  const columns: TableColumnsType<Broadcast> = [
    {
      title: tx('subject'),
      key: 'title',
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/broadcasts/${b.id}`}>{b.title}</Link>
          <Tag color={KIND_COLORS[b.kind]}>{KIND_LABELS[b.kind][lang]}</Tag>
        </Space>
      ),
    },
    { title: tx('createdAt'), key: 'createdAt', render: (_, b) => dateTime(b.createdAt), responsive: ['md'] },
    { title: tx('status'), key: 'status', render: (_, b) => <Tag color={b.status === 'open' ? 'processing' : 'default'}>{tx(b.status)}</Tag> },
    { title: `${tx('delivered')} / ${tx('recipients')}`, key: 'delivered', render: (_, b) => `${b.counts.delivered} / ${b.counts.recipients}`, responsive: ['sm'] },
    { title: tx('acknowledged'), key: 'ack', render: (_, b) => b.counts.acknowledged, responsive: ['md'] },
    { title: tx('timeToFound'), key: 'found', render: (_, b) => (b.minutesToFound === null ? '—' : tx('minutes', { n: b.minutesToFound })) },
  ];

  return (
    <div data-testid="broadcasts-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {tx('title')}
        </Typography.Title>
        {may('broadcasts.send') && (
          <Link to="/broadcasts/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="broadcast-new">
              {tx('new')}
            </Button>
          </Link>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as 'all' | 'open' | 'closed');
          setPage({ ...page, page: 1 });
        }}
        options={[
          { value: 'all', label: lang === 'zh' ? '全部' : 'All' },
          { value: 'open', label: tx('open') },
          { value: 'closed', label: tx('closed') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} narrow={narrow} data-testid="broadcasts-table" />
    </div>
  );
}
