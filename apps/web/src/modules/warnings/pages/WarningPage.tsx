import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, List, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { incidentsApi } from '../../incidents/incidents.api';
import { IncidentRisk } from '../../incidents/components/IncidentRisk';
import { isOverdue, warningsApi, type WarningDetail } from '../warnings.api';
import { LEVEL_COLORS, LEVEL_LABELS, LINK_BY_LABELS, SOURCE_LABELS, STATUS_COLORS, STATUS_LABELS, warningText, type WarningTextKey } from '../warnings.text';

/** The one step a warning can take next, as a small form: acknowledge → plan (一事一策) → close. */
function NextStep({ warning, onDone }: { warning: WarningDetail; onDone: (w: WarningDetail) => void }) {
  const { lang } = useI18n();
  const { showError, message } = useFeedback();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const tx = (key: WarningTextKey, p?: Record<string, string | number>) => warningText(lang, key, p);

  const run = (call: () => Promise<WarningDetail>, done: WarningTextKey) => {
    setBusy(true);
    call()
      .then((w) => {
        form.resetFields();
        void message.success(tx(done));
        onDone(w);
      })
      .catch(showError)
      .finally(() => setBusy(false));
  };

  if (warning.status === 'open') {
    return (
      <Space orientation="vertical" size={8}>
        <Typography.Text type="secondary">{tx('acknowledgeHint')}</Typography.Text>
        <Button type="primary" loading={busy} onClick={() => run(() => warningsApi.acknowledge(warning.id), 'acknowledged')} data-testid="warning-acknowledge">
          {tx('acknowledge')}
        </Button>
      </Space>
    );
  }
  if (warning.status === 'closed') return null;
  const planning = warning.status === 'acknowledged';
  const field = planning ? tx('plan') : tx('closedReason');
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ text }) => run(() => (planning ? warningsApi.plan(warning.id, text.trim()) : warningsApi.close(warning.id, text.trim())), planning ? 'planned' : 'closed')}
    >
      <Form.Item name="text" label={field} rules={[{ required: true, whitespace: true, message: tx('required', { field }) }]}>
        <Input.TextArea
          autoSize={{ minRows: planning ? 4 : 2, maxRows: 12 }}
          maxLength={planning ? 5000 : 2000}
          showCount
          placeholder={planning ? tx('planPlaceholder') : tx('closePlaceholder')}
          data-testid={planning ? 'warning-plan-text' : 'warning-close-text'}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} danger={!planning} data-testid={planning ? 'warning-plan' : 'warning-close'}>
        {planning ? tx('recordPlan') : tx('close')}
      </Button>
    </Form>
  );
}

/** One warning: grade, reason, owner and deadline, its incidents, its history, and the next step. */
export default function WarningPage() {
  const { id } = useParams();
  const warningId = Number(id);
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const tx = (key: WarningTextKey, p?: Record<string, string | number>) => warningText(lang, key, p);
  const query = useQuery((signal) => warningsApi.get(warningId, signal), [warningId]);
  const [updated, setUpdated] = useState<WarningDetail | null>(null);
  const w = updated?.id === warningId ? updated : query.data;
  // An escalation warning shows the score that raised it.
  const incident = useQuery((signal) => (w?.source === 'escalation' && w.incidentId ? incidentsApi.get(w.incidentId, signal) : Promise.resolve(null)), [w?.source, w?.incidentId]);

  if (query.loading && !w) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
    return <Result status="404" title={tx('notFound')} extra={<Link to="/warnings">{tx('back')}</Link>} />;
  }
  if (query.error || !w) return <Alert type="error" showIcon title={errorText(query.error, t)} />;

  const overdue = isOverdue(w);
  const none = t('common.none');
  return (
    <div data-testid="warning-detail">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/warnings" aria-label={tx('back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{LEVEL_LABELS[w.level][lang]}</Typography.Title>
          <Tag color={LEVEL_COLORS[w.level]} data-testid="warning-level">
            {SOURCE_LABELS[w.source][lang]}
          </Tag>
          <Tag color={STATUS_COLORS[w.status]} data-testid="warning-status">
            {STATUS_LABELS[w.status][lang]}
          </Tag>
        </Space>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {overdue && <Alert type="error" showIcon title={`${tx('overdue')}：${tx('deadline')} ${w.deadline}`} data-testid="warning-overdue" />}
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'reason', label: tx('reason'), span: 'filled' as const, children: <span data-testid="warning-reason">{w.reason}</span> },
              { key: 'owner', label: tx('owner'), children: w.ownerName ?? tx('noOwner') },
              {
                key: 'deadline',
                label: tx('deadline'),
                children: overdue ? (
                  <Typography.Text type="danger" strong>
                    {w.deadline} {tx('overdue')}
                  </Typography.Text>
                ) : (
                  w.deadline
                ),
              },
              { key: 'jurisdiction', label: tx('jurisdiction'), children: w.jurisdictionName },
              { key: 'created', label: tx('createdAt'), children: dateTime(w.createdAt) },
              ...(w.linkBy ? [{ key: 'link', label: tx('link'), children: `${LINK_BY_LABELS[w.linkBy][lang]} · ${tx('incidentCount', { count: w.incidentCount })}` }] : []),
              ...(w.plan ? [{ key: 'plan', label: tx('plan'), span: 'filled' as const, children: <div style={{ whiteSpace: 'pre-wrap' }}>{w.plan}</div> }] : []),
              ...(w.closedReason ? [{ key: 'closed', label: tx('closedReason'), span: 'filled' as const, children: <div style={{ whiteSpace: 'pre-wrap' }}>{w.closedReason}</div> }] : []),
            ]}
          />
        </Card>
        {w.status !== 'closed' && (
          <Card size="small" title={tx('nextStep')}>
            {may('warnings.manage') ? <NextStep warning={w} onDone={setUpdated} /> : <Typography.Text type="secondary">{tx('readOnly')}</Typography.Text>}
          </Card>
        )}
        {incident.data && <IncidentRisk key={w.status} incident={incident.data} inWarning />}
        <Card size="small" title={`${tx('incidents')}（${w.incidents.length}）`}>
          <List
            size="small"
            dataSource={w.incidents}
            data-testid="warning-incidents"
            renderItem={(i) => (
              <List.Item key={i.id}>
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Link to={`/incidents/${i.id}`} data-testid={`warning-incident-${i.id}`}>
                    {i.summary}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dateTime(i.receivedAt)} · {i.addressText ?? i.callerPhone ?? none}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={tx('events')}>
          <Timeline
            data-testid="warning-events"
            items={w.events.map((e, index) => ({
              key: index,
              color: e.toStatus === 'closed' ? 'gray' : e.fromStatus === null ? 'red' : 'blue',
              content: (
                <div>
                  <Space size={4} wrap>
                    <Typography.Text strong>{STATUS_LABELS[e.toStatus][lang]}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dateTime(e.at)} · {e.actorName === '系统' ? tx('system') : e.actorName}
                    </Typography.Text>
                  </Space>
                  {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
    </div>
  );
}
