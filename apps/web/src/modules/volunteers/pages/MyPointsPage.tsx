import { Alert, Card, List, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { volunteersApi, type BoardItem } from '../volunteers.api';
import { vtext, type VolunteersTextKey } from '../volunteers.text';

/** 我的积分 on the volunteer's phone (/v/points): totals, entries and the month's top 10 (names only). */
export default function MyPointsPage() {
  const { lang, t, dateTime } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const mine = useQuery((signal) => volunteersApi.myPoints(signal), []);
  const board = useQuery((signal) => volunteersApi.leaderboard({ by: 'person', limit: 10 }, signal), []);
  const me = board.data?.mine;
  const row = (i: BoardItem) => (
    <List.Item key={i.id} data-testid={`my-board-${i.id}`} style={i.me ? { fontWeight: 600 } : undefined}>
      <span>
        {i.rank}. {i.name}
        {i.me ? `（${tx('me')}）` : ''}
      </span>
      <span>{i.points}</span>
    </List.Item>
  );

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('myPoints')}</Typography.Title>
        <Link to="/v">{tx('back')}</Link>
      </div>
      {mine.error ? <Alert type="error" showIcon title={errorText(mine.error, t)} /> : null}
      {mine.data && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
            <Statistic title={tx('total')} value={mine.data.total} data-testid="my-points-total" />
            <Statistic title={tx('thisMonth')} value={mine.data.monthPoints} data-testid="my-points-month" />
          </div>
          <Typography.Text type="secondary">
            {mine.data.name}
            {mine.data.teamName ? ` · ${mine.data.teamName}` : ''}
          </Typography.Text>
        </Card>
      )}
      <Card size="small" title={tx('top10')} style={{ marginBottom: 16 }}>
        <List size="small" loading={board.loading} dataSource={board.data?.items ?? []} renderItem={row} locale={{ emptyText: tx('noPoints') }} data-testid="my-board" />
        {me && !board.data?.items.some((i) => i.me) && <Typography.Paragraph style={{ marginTop: 8 }}>{tx('myRank', { rank: me.rank })}</Typography.Paragraph>}
      </Card>
      <Card size="small" title={tx('entries')}>
        <List
          size="small"
          loading={mine.loading}
          dataSource={mine.data?.entries ?? []}
          locale={{ emptyText: tx('noPoints') }}
          renderItem={(e) => (
            <List.Item key={e.id}>
              <div>
                <div>{lang === 'zh' ? e.ruleName : e.ruleNameEn}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(e.at)}
                </Typography.Text>
              </div>
              <Typography.Text strong type={e.points < 0 ? 'danger' : 'success'}>
                {e.points > 0 ? `+${e.points}` : e.points}
              </Typography.Text>
            </List.Item>
          )}
          data-testid="my-points-entries"
        />
      </Card>
    </div>
  );
}
