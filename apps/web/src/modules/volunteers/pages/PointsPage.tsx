import { GiftOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Segmented, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { PagedTable } from '../../../app/components/PagedTable';
import { errorText, useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { PointRulesCard } from '../components/PointRulesCard';
import { currentMonth, volunteersApi, type BoardItem, type Reward } from '../volunteers.api';
import { vtext, type VolunteersTextKey } from '../volunteers.text';

/** The last twelve months, newest first ('YYYY-MM'). */
function recentMonths(): string[] {
  const [y, m] = currentMonth().split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

interface RewardValues {
  title: string;
  note?: string;
}

/** 积分排行: the month's leaderboard by person or team, and the rewards recorded for it. */
export default function PointsPage() {
  const { lang, t, dateTime } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const narrow = useIsNarrow();
  const { may } = useSession();
  const canReward = may('points.reward');
  const { showSuccess } = useFeedback();
  const [month, setMonth] = useState(currentMonth());
  const [by, setBy] = useState<'person' | 'team'>('person');
  const board = useQuery((signal) => volunteersApi.leaderboard({ month, by, limit: 50 }, signal), [month, by]);
  const [rewardPage, setRewardPage] = useState({ page: 1, pageSize: 20 });
  const rewards = useQuery((signal) => volunteersApi.rewards({ month, ...rewardPage }, signal), [month, rewardPage]);
  const [target, setTarget] = useState<BoardItem | null>(null);
  const [form] = Form.useForm<RewardValues>();
  const { formError, handleError, clearError } = useServerErrors(form);

  const saveReward = (v: RewardValues) => {
    if (!target) return;
    clearError();
    volunteersApi
      .reward({ ...(by === 'team' ? { teamId: target.id } : { volunteerId: target.id }), month, title: v.title.trim(), note: v.note?.trim() || null })
      .then(() => {
        setTarget(null);
        showSuccess('common.saved');
        rewards.reload();
      })
      .catch(handleError);
  };

  const columns: TableColumnsType<BoardItem> = [
    { title: tx('rank'), dataIndex: 'rank', key: 'rank', width: 64 },
    { title: tx('name'), key: 'name', render: (_: unknown, i) => <span data-testid={`board-row-${i.id}`}>{i.name}</span> },
    ...(by === 'person' && !narrow ? [{ title: tx('team'), key: 'team', render: (_: unknown, i: BoardItem) => i.teamName ?? tx('none') }] : []),
    { title: tx('pointsCol'), dataIndex: 'points', key: 'points', width: 80 },
    ...(canReward
      ? [
          {
            title: '',
            key: 'reward',
            width: 90,
            render: (_: unknown, i: BoardItem) => (
              <Button size="small" icon={<GiftOutlined aria-hidden />} onClick={() => setTarget(i)} data-testid={`board-reward-${i.id}`}>
                {tx('reward')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const rewardColumns: TableColumnsType<Reward> = [
    { title: tx('rewardTo'), key: 'to', render: (_: unknown, r) => r.volunteerName ?? <Tag>{r.teamName}</Tag> },
    { title: tx('rewardTitle'), dataIndex: 'title', key: 'title' },
    ...(narrow
      ? []
      : [
          { title: tx('note'), key: 'note', render: (_: unknown, r: Reward) => r.note ?? tx('none') },
          { title: tx('awardedBy'), key: 'by', width: 100, render: (_: unknown, r: Reward) => r.awardedByName ?? tx('none') },
          { title: tx('awardedAt'), key: 'at', width: 160, render: (_: unknown, r: Reward) => dateTime(r.awardedAt) },
        ]),
  ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('points')}</Typography.Title>
        <Link to="/volunteers">{tx('back')}</Link>
      </div>
      <div className="fq-toolbar" role="search">
        <Select aria-label={tx('month')} value={month} onChange={setMonth} options={recentMonths().map((m) => ({ value: m, label: m }))} style={{ width: 120 }} data-testid="points-month" />
        <Segmented<'person' | 'team'>
          value={by}
          onChange={setBy}
          options={[
            { value: 'person', label: tx('byPerson') },
            { value: 'team', label: tx('byTeam') },
          ]}
          data-testid="points-by"
        />
      </div>
      {board.error ? <Typography.Text type="danger">{errorText(board.error, t)}</Typography.Text> : null}
      <Table<BoardItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={board.data?.items ?? []}
        loading={board.loading}
        pagination={false}
        locale={{ emptyText: tx('noPoints') }}
        data-testid="points-table"
      />
      <Card title={tx('rewards')} size="small" style={{ marginTop: 24 }}>
        <PagedTable<Reward> list={rewards} columns={rewardColumns} page={rewardPage} onPage={setRewardPage} narrow={narrow} data-testid="rewards-table" />
      </Card>
      {(canReward || may('categories.manage')) && <PointRulesCard canEdit={may('categories.manage')} />}
      <Modal open={target !== null} title={target ? `${tx('addReward')}：${target.name}（${month}）` : ''} onCancel={() => setTarget(null)} onOk={() => form.submit()} destroyOnHidden>
        <FormErrorAlert error={formError} />
        <Form<RewardValues> form={form} layout="vertical" onFinish={saveReward} preserve={false} name="reward" initialValues={{ title: by === 'team' ? '月度优秀队伍' : '月度平安之星' }}>
          <Form.Item label={tx('rewardTitle')} name="title" rules={[{ required: true, whitespace: true, message: tx('required', { field: tx('rewardTitle') }) }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item label={tx('note')} name="note" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
