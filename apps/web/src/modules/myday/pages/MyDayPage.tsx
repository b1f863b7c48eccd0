import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { RecordFollowupModal } from '../../cases/followups/RecordFollowupModal';
import { beijingToday, followupsApi, shiftDay, type FollowupKind, type MyDayGroup, type MyDayItem } from '../myday.api';
import { FOLLOWUP_KIND_LABELS, mydayText, STAGE_LABELS, type MyDayTextKey } from '../myday.text';

type Section = 'dueToday' | 'overdue' | 'new' | 'upcoming';

function itemLine(item: MyDayItem, lang: 'zh' | 'en', tx: (k: MyDayTextKey, p?: Record<string, string | number>) => string): string {
  const stage = STAGE_LABELS[item.stage]?.[lang] ?? item.stage;
  switch (item.type) {
    case 'followup':
      return item.followupKind ? FOLLOWUP_KIND_LABELS[item.followupKind][lang] : '';
    case 'stage':
      return tx('itemStage', { stage });
    case 'transfer':
      return tx(item.late === 'unacknowledged' ? 'itemUnack' : 'itemTransferOverdue', { department: item.departmentName ?? '' });
    case 'new':
      return tx('itemNew', { stage });
  }
}

const TYPE_COLORS: Record<MyDayItem['type'], string> = { followup: 'blue', stage: 'gold', transfer: 'purple', new: 'green' };

function Items({
  items,
  canRecord,
  onRecord,
}: {
  items: MyDayItem[];
  canRecord: boolean;
  onRecord: (item: MyDayItem) => void;
}) {
  const { lang, dateTime } = useI18n();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  return (
    <List<MyDayItem>
      size="small"
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('nothing')} /> }}
      renderItem={(item) => (
        <List.Item
          data-testid={`myday-item-${item.type}`}
          actions={
            item.type === 'followup' && canRecord && item.followupId
              ? [
                  <Button key="record" size="small" type="primary" onClick={() => onRecord(item)} data-testid={`myday-record-${item.followupId}`}>
                    {tx('record')}
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Link to={`/cases/${item.caseId}`}>
                {item.caseNo} {item.title}
              </Link>
            }
            description={
              <Space wrap size={6}>
                <Tag color={TYPE_COLORS[item.type]}>{itemLine(item, lang, tx)}</Tag>
                {item.due && (
                  <span>{item.type === 'new' ? tx('createdAt', { at: dateTime(item.due) }) : tx('dueAt', { at: item.type === 'followup' ? item.due : dateTime(item.due) })}</span>
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** 日清: what is due today, what is overdue and what is new — the officer's own, or the whole station's by officer. */
export default function MyDayPage() {
  const { t, lang } = useI18n();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  const narrow = useIsNarrow();
  const [date, setDate] = useState(beijingToday());
  const [section, setSection] = useState<Section>('dueToday');
  const [recording, setRecording] = useState<{ id: number; kind: FollowupKind; caseNo: string } | null>(null);
  const query = useQuery((signal) => followupsApi.myDay(date, signal), [date]);
  const data = query.data;
  const station = data?.mode === 'station';

  const onRecord = (item: MyDayItem) => {
    if (item.followupId && item.followupKind) setRecording({ id: item.followupId, kind: item.followupKind, caseNo: item.caseNo });
  };

  const sectionBody = (key: Section) => {
    if (!data) return null;
    if (!station) return <Items items={data.groups[0]?.[key] ?? []} canRecord={data.canRecord} onRecord={onRecord} />;
    const groups = data.groups.filter((g) => g[key].length > 0);
    if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('nothing')} />;
    return groups.map((g: MyDayGroup) => (
      <section key={String(g.officerId)} aria-label={g.officerName ?? tx('unassigned')} data-testid={`myday-officer-${g.officerId ?? 'none'}`}>
        <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>
          {g.officerName ?? tx('unassigned')} <Badge count={g[key].length} showZero color={key === 'overdue' ? 'red' : '#1d5fd1'} />
        </Typography.Title>
        <Items items={g[key]} canRecord={data.canRecord} onRecord={onRecord} />
      </section>
    ));
  };

  const tab = (key: Section, label: MyDayTextKey) => ({
    key,
    label: (
      <span data-testid={`myday-tab-${key}`}>
        {tx(label)} <Badge count={data?.counts[key] ?? 0} showZero overflowCount={999} color={key === 'overdue' ? 'red' : key === 'new' ? 'green' : key === 'upcoming' ? '#8c8c8c' : '#1d5fd1'} />
      </span>
    ),
    children: sectionBody(key),
  });

  return (
    <div data-testid="myday">
      <div className="fq-page-head">
        <Typography.Title level={1}>{station ? tx('myDayStationTitle') : tx('myDayTitle')}</Typography.Title>
      </div>
      <div className="fq-toolbar" role="search">
        <Space.Compact>
          <Button icon={<LeftOutlined aria-hidden />} aria-label={tx('prevDay')} onClick={() => setDate((d) => shiftDay(d, -1))} />
          <Input
            type="date"
            aria-label={tx('date')}
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
            style={{ width: 160 }}
            data-testid="myday-date"
          />
          <Button icon={<RightOutlined aria-hidden />} aria-label={tx('nextDay')} onClick={() => setDate((d) => shiftDay(d, 1))} />
        </Space.Compact>
        <Button onClick={() => setDate(beijingToday())} disabled={date === beijingToday()}>
          {tx('today')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {tx('myDayIntro')}
      </Typography.Paragraph>
      {query.error ? <Alert type="error" showIcon title={errorText(query.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Tabs size={narrow ? 'small' : 'middle'} tabBarGutter={narrow ? 14 : undefined} activeKey={section} onChange={(k) => setSection(k as Section)} items={[tab('dueToday', 'dueToday'), tab('overdue', 'overdueTab'), tab('new', 'newTab'), tab('upcoming', 'upcomingTab')]} />
      <RecordFollowupModal
        followup={recording}
        onClose={() => setRecording(null)}
        onRecorded={() => {
          setRecording(null);
          query.reload();
        }}
      />
    </div>
  );
}
