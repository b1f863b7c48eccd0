import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Steps, Tag, Timeline, TreeSelect, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import {
  CASE_OUTCOMES,
  categoryTree,
  INCIDENT_OUTCOMES,
  INCIDENT_STATUSES,
  incidentLifecycleApi,
  incidentsApi,
  shanghaiLocalToIso,
  shanghaiNowLocal,
  type Incident,
  type IncidentOutcome,
  type IncidentStatus,
  type Category,
  type TimelineEntry,
} from '../incidents.api';
import { STATUS_LABELS } from '../incidents.text';
import { IncidentCaseSolved } from './IncidentCaseSolved';
import { duration, OUTCOME_LABELS, timingText, type TimingTextKey } from '../incidents.timing.text';

interface OutcomeFormValues {
  outcome?: IncidentOutcome;
  caseNumber?: string;
  caseCategoryCode?: string;
  note?: string;
}

const STEP_TIME: Record<IncidentStatus, (i: Incident) => string | null> = {
  received: (i) => i.receivedAt,
  dispatched: (i) => i.dispatchedAt,
  arrived: (i) => i.arrivedAt,
  handled: (i) => i.handledAt,
  closed: (i) => i.closedAt,
};
/** The outcome is recorded from arrival (or desk handling) until closure; the API enforces the same. */
const OUTCOME_STATUSES: readonly IncidentStatus[] = ['arrived', 'handled'];

function entryColor(e: TimelineEntry): string {
  if (e.action.startsWith('warning.')) return 'red';
  if (e.action === 'incident.outcome_recorded') return 'green';
  if (e.action === 'incident.status_changed') return 'blue';
  return 'gray';
}

/**
 * 处置进度: the status steps with their times, the next allowed step (time optional), 1-3-5
 * compliance, the outcome, and the time line built from the audit log and the incident's warnings.
 */
export function IncidentProgress({ incident, onChange }: { incident: Incident; onChange: (next: Incident) => void }) {
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const { message, showError } = useFeedback();
  const narrow = useIsNarrow();
  const tx = (key: TimingTextKey, params?: Record<string, string | number>) => timingText(lang, key, params);
  const canHandle = may('incidents.handle');

  const transitions = useQuery((signal) => incidentLifecycleApi.transitions(signal), []);
  // The incident object changes after every write and reload: the time line follows it.
  const timeline = useQuery((signal) => incidentLifecycleApi.timeline(incident.id, signal), [incident]);
  const taxonomy = useQuery((signal) => incidentsApi.taxonomy(signal), []);

  const [stepAt, setStepAt] = useState('');
  const [stepError, setStepError] = useState<string | null>(null);
  const [moving, setMoving] = useState<IncidentStatus | null>(null);

  const rank = INCIDENT_STATUSES.indexOf(incident.status);
  const next = (transitions.data?.items ?? []).filter((t) => t.fromStatus === incident.status && (t.channel === null || t.channel === incident.channel)).map((t) => t.toStatus);

  const move = (to: IncidentStatus) => {
    setStepError(null);
    setMoving(to);
    incidentLifecycleApi
      .changeStatus(incident.id, to, stepAt ? shanghaiLocalToIso(stepAt) : undefined)
      .then((updated) => {
        void message.success(tx('stepDone'));
        setStepAt('');
        onChange(updated);
      })
      .catch((err: unknown) => {
        const atField = err instanceof ApiError ? err.fields.find((f) => f.path === 'at') : undefined;
        if (atField) setStepError(atField.message);
        else showError(err);
      })
      .finally(() => setMoving(null));
  };

  const { timing } = incident;
  let compliance = <Tag>{tx('noStandard')}</Tag>;
  if (timing.compliant === true) compliance = <Tag color="green">{tx('compliant')}</Tag>;
  else if (timing.compliant === false) compliance = <Tag color="red">{tx('late')}</Tag>;
  else if (timing.arriveLimitSeconds !== null && !incident.arrivedAt) compliance = <Tag>{tx('notArrived')}</Tag>;

  const steps = INCIDENT_STATUSES.map((s, index) => {
    const at = STEP_TIME[s](incident);
    const skipped = !at && index < rank;
    return {
      key: s,
      title: STATUS_LABELS[s][lang],
      status: at ? ('finish' as const) : ('wait' as const),
      description: at ? dateTime(at) : skipped ? tx('skipped') : '',
    };
  });

  const categoryName = incident.caseCategoryCode ? (taxonomy.data?.categories.find((c) => c.code === incident.caseCategoryCode)?.nameZh ?? incident.caseCategoryCode) : null;
  const outcomeOpen = canHandle && OUTCOME_STATUSES.includes(incident.status);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="incident-progress">
      <Card size="small" title={tx('progress')} extra={<span data-testid="incident-compliance">{compliance}</span>}>
        <Steps size="small" orientation={narrow ? 'vertical' : 'horizontal'} current={rank} items={steps} />
        <Space orientation="vertical" size={4} style={{ marginTop: 12 }}>
          {timing.dispatchSeconds !== null && (
            <Typography.Text>{tx('dispatchTook', { seconds: duration(lang, timing.dispatchSeconds), limit: duration(lang, timing.dispatchLimitSeconds) })}</Typography.Text>
          )}
          {timing.arriveSeconds !== null && (
            <Typography.Text>{tx('arriveTook', { seconds: duration(lang, timing.arriveSeconds), limit: duration(lang, timing.arriveLimitSeconds) })}</Typography.Text>
          )}
        </Space>
        {canHandle && next.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <Space wrap size={8} align="start">
              <label>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {tx('stepTime')}
                </Typography.Text>
                <Input
                  type="datetime-local"
                  value={stepAt}
                  max={shanghaiNowLocal()}
                  onChange={(e) => setStepAt(e.target.value)}
                  status={stepError ? 'error' : undefined}
                  aria-invalid={stepError ? true : undefined}
                  style={{ width: 220, maxWidth: '100%' }}
                  data-testid="incident-step-at"
                />
              </label>
              <Space wrap size={8} style={{ paddingTop: narrow ? 0 : 20 }}>
                {next.map((to, index) => (
                  <Button key={to} type={index === 0 ? 'primary' : 'default'} loading={moving === to} disabled={moving !== null} onClick={() => move(to)} data-testid={`incident-step-${to}`}>
                    {tx('nextStep', { status: STATUS_LABELS[to][lang] })}
                  </Button>
                ))}
              </Space>
            </Space>
            {stepError && (
              <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                {stepError}
              </Typography.Text>
            )}
          </div>
        )}
      </Card>

      <Card size="small" title={tx('outcome')} data-testid="incident-outcome">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'outcome', label: tx('outcome'), children: incident.outcome ? OUTCOME_LABELS[incident.outcome][lang] : tx('outcomeNone') },
            ...(incident.caseNumber ? [{ key: 'case', label: tx('caseNumber'), children: incident.caseNumber }] : []),
            ...(categoryName ? [{ key: 'category', label: tx('caseCategory'), children: categoryName }] : []),
            ...(incident.outcomeNote ? [{ key: 'note', label: tx('note'), span: 'filled' as const, children: incident.outcomeNote }] : []),
          ]}
        />
        {incident.outcome && CASE_OUTCOMES.includes(incident.outcome) && <IncidentCaseSolved incident={incident} onChange={onChange} />}
        {outcomeOpen && <OutcomeForm incident={incident} categories={taxonomy.data?.categories ?? []} categoriesLoading={taxonomy.loading} onChange={onChange} />}
      </Card>

      <Card size="small" title={tx('timeline')} data-testid="incident-timeline">
        {timeline.error ? (
          <Alert type="error" showIcon title={errorText(timeline.error, t)} />
        ) : (timeline.data?.items.length ?? 0) === 0 ? (
          <Typography.Text type="secondary">{timeline.loading ? '…' : tx('timelineEmpty')}</Typography.Text>
        ) : (
          <Timeline
            items={(timeline.data?.items ?? []).map((e, index) => ({
              key: `${e.at}-${index}`,
              color: entryColor(e),
              content: (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dateTime(e.at)}
                  </Typography.Text>
                  <div>{e.warningId !== null ? <Link to={`/warnings/${e.warningId}`}>{e.summary[lang]}</Link> : e.summary[lang]}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName ?? tx('system')}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}

/** 录入处置结果: the case number for cases, a GA 240.1 category for criminal cases; a second recording replaces the first (audited). */
function OutcomeForm({ incident, categories, categoriesLoading, onChange }: { incident: Incident; categories: Category[]; categoriesLoading: boolean; onChange: (next: Incident) => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const tx = (key: TimingTextKey) => timingText(lang, key);
  const [form] = Form.useForm<OutcomeFormValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const chosen = Form.useWatch('outcome', form);
  const gaTree = useMemo(() => categoryTree(categories.filter((c) => c.code.startsWith('GA')), lang), [categories, lang]);

  const saveOutcome = (values: OutcomeFormValues) => {
    if (!values.outcome) return;
    clearError();
    setSaving(true);
    const isCase = CASE_OUTCOMES.includes(values.outcome);
    incidentLifecycleApi
      .recordOutcome(incident.id, {
        outcome: values.outcome,
        caseNumber: isCase ? values.caseNumber?.trim() || null : null,
        caseCategoryCode: values.outcome === 'criminal_case' ? (values.caseCategoryCode ?? null) : null,
        note: values.note?.trim() || null,
      })
      .then((updated) => {
        void message.success(tx('outcomeSaved'));
        onChange(updated);
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Form<OutcomeFormValues>
      form={form}
      layout="vertical"
      onFinish={saveOutcome}
      initialValues={{ outcome: incident.outcome ?? undefined, caseNumber: incident.caseNumber ?? '', caseCategoryCode: incident.caseCategoryCode ?? undefined, note: incident.outcomeNote ?? '' }}
      style={{ marginTop: 12, maxWidth: 560 }}
      data-testid="incident-outcome-form"
    >
      <FormErrorAlert error={formError} />
      <Typography.Paragraph type="secondary">{tx('outcomeHint')}</Typography.Paragraph>
      <Form.Item name="outcome" label={tx('outcome')} rules={[{ required: true, message: tx('outcomeRequired') }]}>
        <Select<IncidentOutcome> options={INCIDENT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o][lang] }))} data-testid="incident-outcome-select" />
      </Form.Item>
      {chosen === 'dispute_case' && <Alert type="info" showIcon title={tx('disputeLater')} style={{ marginBottom: 16 }} />}
      {chosen && CASE_OUTCOMES.includes(chosen) && (
        <Form.Item name="caseNumber" label={tx('caseNumber')} rules={[{ required: true, whitespace: true, message: tx('caseNumberRequired') }]}>
          <Input maxLength={50} autoComplete="off" data-testid="incident-case-number" />
        </Form.Item>
      )}
      {chosen === 'criminal_case' && (
        <Form.Item name="caseCategoryCode" label={tx('caseCategory')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={gaTree}
            loading={categoriesLoading}
            popupMatchSelectWidth={false}
            data-testid="incident-case-category"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={tx('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="incident-outcome-save">
        {incident.outcome ? tx('replaceOutcome') : tx('recordOutcome')}
      </Button>
    </Form>
  );
}
