import { LeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Spin, Statistic, Table, Tag, Typography, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { KIND_LABELS as TASK_KIND_LABELS, STATUS_COLORS as TASK_STATUS_COLORS, STATUS_LABELS as TASK_STATUS_LABELS } from '../../tasks/tasks.text';
import { CATEGORY_LABELS as TIP_CATEGORY_LABELS, STATUS_COLORS as TIP_STATUS_COLORS, STATUS_LABELS as TIP_STATUS_LABELS } from '../../tips/tips.text';
import { volunteersApi, type MemberProfile } from '../volunteers.api';
import { ROLE_LABELS, STATUS_COLORS, STATUS_LABELS, TEAM_KIND_LABELS, TOPIC_LABELS, vtext, type VolunteersTextKey } from '../volunteers.text';

type Labels = Record<string, { zh: string; en: string }>;
const label = (labels: Labels, key: string, lang: 'zh' | 'en') => labels[key]?.[lang] ?? key;

/** 队员详情: the registry record, training completed, points and rewards, recent tasks and tips. */
export default function VolunteerMemberPage() {
  const { lang, t, dateTime } = useI18n();
  const tx = (key: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, key, p);
  const id = Number(useParams().id);
  const q = useQuery((signal) => volunteersApi.profile(id, signal), [id]);
  const p = q.data;

  const trainingColumns: TableColumnsType<MemberProfile['training'][number]> = [
    { title: tx('courseTitle'), dataIndex: 'title', key: 'title' },
    { title: tx('topic'), key: 'topic', render: (_, c) => TOPIC_LABELS[c.topic][lang] },
    { title: tx('hours'), dataIndex: 'hours', key: 'hours' },
    { title: tx('completedOn'), dataIndex: 'completedOn', key: 'completedOn' },
  ];
  const entryColumns: TableColumnsType<MemberProfile['points']['entries'][number]> = [
    { title: tx('rule'), key: 'rule', render: (_, e) => (lang === 'zh' ? e.ruleName : e.ruleNameEn) },
    { title: tx('pointsCard'), dataIndex: 'points', key: 'points', render: (v: number) => (v > 0 ? `+${v}` : String(v)) },
    { title: tx('at'), key: 'at', render: (_, e) => dateTime(e.at) },
  ];
  const rewardColumns: TableColumnsType<MemberProfile['rewards'][number]> = [
    { title: tx('rewards'), key: 'title', render: (_, r) => (r.toTeam ? <Space size={4}>{r.title}<Tag>{tx('rewardToTeam')}</Tag></Space> : r.title) },
    { title: tx('rewardMonth'), dataIndex: 'month', key: 'month' },
    { title: tx('at'), key: 'at', render: (_, r) => dateTime(r.awardedAt) },
  ];
  const taskColumns: TableColumnsType<MemberProfile['tasks'][number]> = [
    { title: tx('recentTasks'), dataIndex: 'title', key: 'title' },
    { title: tx('kind'), key: 'kind', render: (_, a) => label(TASK_KIND_LABELS, a.kind, lang) },
    {
      title: tx('status'),
      key: 'status',
      render: (_, a) =>
        a.cancelled ? <Tag>{tx('taskCancelled')}</Tag> : <Tag color={(TASK_STATUS_COLORS as Record<string, string>)[a.status]}>{label(TASK_STATUS_LABELS, a.status, lang)}</Tag>,
    },
    { title: tx('at'), key: 'window', render: (_, a) => dateTime(a.windowStart) },
  ];
  const tipColumns: TableColumnsType<MemberProfile['tips'][number]> = [
    { title: tx('kind'), key: 'category', render: (_, tip) => label(TIP_CATEGORY_LABELS, tip.category, lang) },
    { title: tx('recentTips'), key: 'text', render: (_, tip) => tip.text ?? tx('none') },
    { title: tx('status'), key: 'status', render: (_, tip) => <Tag color={(TIP_STATUS_COLORS as Record<string, string>)[tip.status]}>{label(TIP_STATUS_LABELS, tip.status, lang)}</Tag> },
    { title: tx('at'), key: 'at', render: (_, tip) => dateTime(tip.createdAt) },
  ];
  const table = <T extends object>(rows: T[], columns: TableColumnsType<T>, rowKey: keyof T & string, testId: string) => (
    <Table<T> rowKey={rowKey} size="small" columns={columns} dataSource={rows} pagination={rows.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: tx('empty') }} data-testid={testId} />
  );

  return (
    <div data-testid="volunteer-member-page">
      <Link to="/volunteers">
        <LeftOutlined /> {tx('backMembers')}
      </Link>
      <Typography.Title level={2}>{p ? p.member.name : tx('memberPage')}</Typography.Title>
      {q.error ? <Alert type="error" showIcon title={errorText(q.error, t)} role="alert" /> : null}
      {!p && !q.error && <Spin />}
      {p && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={tx('profile')}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" data-testid="member-profile">
              <Descriptions.Item label={tx('role')}>{ROLE_LABELS[p.member.role][lang]}</Descriptions.Item>
              <Descriptions.Item label={tx('status')}>
                <Tag color={STATUS_COLORS[p.member.status]}>{STATUS_LABELS[p.member.status][lang]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={tx('team')}>{p.member.teamName ? `${p.member.teamName}${p.member.teamKind ? `（${TEAM_KIND_LABELS[p.member.teamKind][lang]}）` : ''}` : tx('none')}</Descriptions.Item>
              <Descriptions.Item label={tx('area')}>{p.member.jurisdictionName}</Descriptions.Item>
              <Descriptions.Item label={tx('skills')}>{p.member.skills.length ? p.member.skills.map((s) => <Tag key={s}>{s}</Tag>) : tx('none')}</Descriptions.Item>
              <Descriptions.Item label={tx('phone')}>{p.member.phone ?? tx('none')}</Descriptions.Item>
              <Descriptions.Item label={tx('joinedOn')}>{p.member.joinedOn}</Descriptions.Item>
              <Descriptions.Item label={tx('lastLocated')}>{p.member.lastLocatedAt ? dateTime(p.member.lastLocatedAt) : tx('none')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={tx('pointsCard')}>
            <Space size={32} wrap style={{ marginBottom: 12 }}>
              <Statistic title={tx('pointsTotal')} value={p.points.total} data-testid="member-points-total" />
              <Statistic title={`${tx('pointsMonth')}（${p.points.month}）`} value={p.points.monthPoints} />
            </Space>
            {table(p.points.entries, entryColumns, 'id', 'member-point-entries')}
          </Card>
          <Card size="small" title={tx('trainingHistory')}>
            {table(p.training, trainingColumns, 'courseId', 'member-training')}
          </Card>
          <Card size="small" title={tx('rewards')}>
            {table(p.rewards, rewardColumns, 'id', 'member-rewards')}
          </Card>
          <Card size="small" title={tx('recentTasks')}>
            {table(p.tasks, taskColumns, 'assignmentId', 'member-tasks')}
          </Card>
          <Card size="small" title={tx('recentTips')}>
            {table(p.tips, tipColumns, 'id', 'member-tips')}
          </Card>
        </Space>
      )}
    </div>
  );
}
