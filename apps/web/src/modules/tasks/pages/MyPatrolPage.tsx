import { CheckCircleFilled, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useSession } from '../../../app/auth';
import { useQuery } from '../../../app/useQuery';
import '../../volunteer/volunteer.css';
import { useGeolocation } from '../components/useGeolocation';
import { tasksApi, type GuardBand, type GuardPost, type MyPlan } from '../tasks.api';
import { BAND_LABELS, taskText, type TaskTextKey } from '../tasks.text';

/** /v/patrol on the phone: today's patrol plans with a check-in at each checkpoint, and my school guard posts. */
export default function MyPatrolPage() {
  const { lang, t } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const plans = useQuery((signal) => tasksApi.myPlans(signal), []);
  const posts = useQuery((signal) => tasksApi.myPosts(signal), []);
  return (
    <div className="fq-vapp" data-testid="my-patrol-page">
      <Link to="/v" className="fq-vapp-back">
        <LeftOutlined /> {tx('back')}
      </Link>
      <Typography.Title level={1} className="fq-vapp-title">
        {tx('myPatrolTitle')}
      </Typography.Title>
      <Typography.Title level={2} className="fq-vapp-subtitle">
        {tx('todayPlans')}
      </Typography.Title>
      {plans.error ? <Alert type="error" showIcon title={errorText(plans.error, t)} /> : null}
      {plans.loading && !plans.data ? <Spin /> : null}
      {plans.data && plans.data.items.length === 0 ? <Empty description={tx('noPlans')} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {plans.data?.items.map((p) => <PlanCard key={p.id} plan={p} onChanged={plans.reload} />)}
      </Space>
      <Typography.Title level={2} className="fq-vapp-subtitle">
        {tx('myGuardPosts')}
      </Typography.Title>
      {posts.error ? <Alert type="error" showIcon title={errorText(posts.error, t)} /> : null}
      {posts.data && posts.data.items.length === 0 ? <Empty description={tx('noPosts')} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {posts.data?.items.map((p) => <PostCard key={p.id} post={p} onChanged={posts.reload} />)}
      </Space>
    </div>
  );
}

function PlanCard({ plan, onChanged }: { plan: MyPlan; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { showError, message } = useFeedback();
  const geo = useGeolocation();
  const [busy, setBusy] = useState<number | null>(null);
  const checkin = async (index: number) => {
    setBusy(index);
    try {
      const pos = await geo.locate();
      if (!pos) return;
      const r = await tasksApi.patrolCheckin(plan.id, { checkpointIndex: index, lat: pos.lat, lon: pos.lon });
      const text = `${r.checkpointName}：${tx('distance', { m: r.distanceM })} · ${r.onSite ? tx('onSite') : tx('notOnSite')}`;
      if (r.onSite) void message.success(r.pointsAwarded ? `${text} ${tx('points', { n: r.pointsAwarded })}` : text);
      else void message.warning(text);
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" data-testid={`my-plan-${plan.id}`}>
      <Space wrap size={4}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          {plan.name}
        </Typography.Text>
        <Tag>{tx(plan.mode)}</Tag>
        {plan.staggered && <Tag color="purple">{tx('staggered')}</Tag>}
        <Tag color="blue">{`${plan.bandStart}–${plan.bandEnd}`}</Tag>
      </Space>
      {geo.problem && <Alert type="warning" showIcon role="alert" title={tx(geo.problem)} style={{ marginTop: 8 }} />}
      <List
        dataSource={plan.checkpoints.map((c, index) => ({ ...c, index, last: [...plan.todayCheckins].reverse().find((x) => x.checkpointIndex === index) }))}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="in" size="large" type={c.last?.onSite ? 'default' : 'primary'} loading={busy === c.index} onClick={() => void checkin(c.index)} data-testid={`checkpoint-${c.index}`}>
                {tx('checkHere')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {c.last?.onSite && <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={tx('done')} />}
                  {c.name}
                </Space>
              }
              description={c.last ? `${tx('distance', { m: c.last.distanceM })} · ${c.last.onSite ? tx('onSite') : tx('notOnSite')}` : null}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function PostCard({ post, onChanged }: { post: GuardPost; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { me } = useSession();
  const { showError, message } = useFeedback();
  const geo = useGeolocation();
  const [busy, setBusy] = useState<GuardBand | null>(null);
  const attend = async (band: GuardBand) => {
    setBusy(band);
    try {
      const pos = await geo.locate();
      if (!pos) return;
      const r = await tasksApi.attend(post.id, { band, lat: pos.lat, lon: pos.lon });
      void message.success(`${tx('attended', { m: r.distanceM })}${r.pointsAwarded ? ` ${tx('points', { n: r.pointsAwarded })}` : ''}`);
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" data-testid={`my-post-${post.id}`}>
      <Typography.Text strong style={{ fontSize: 17 }}>{`${post.schoolName} · ${post.name}`}</Typography.Text>
      {geo.problem && <Alert type="warning" showIcon role="alert" title={tx(geo.problem)} style={{ marginTop: 8 }} />}
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        {(['opening', 'closing'] as const).map((band) => {
          const present = post.attendance.filter((a) => a.band === band);
          const mine = present.find((a) => a.userId === me.id);
          return (
            <Space key={band} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>
                {`${BAND_LABELS[band][lang]} ${band === 'opening' ? post.openingTime : post.closingTime}`} <Tag>{tx('present', { n: present.length })}</Tag>
              </span>
              {mine ? (
                <Tag color="success">{tx('attended', { m: mine.distanceM ?? 0 })}</Tag>
              ) : (
                <Button size="large" type="primary" loading={busy === band} onClick={() => void attend(band)} data-testid={`attend-${band}`}>
                  {band === 'opening' ? tx('attendOpening') : tx('attendClosing')}
                </Button>
              )}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
