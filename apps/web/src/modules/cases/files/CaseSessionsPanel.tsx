import { MinusCircleOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { shanghaiLocalToIso, shanghaiNowLocal } from '../../incidents/incidents.api';
import type { CasePanelProps } from '../casePanel';
import { caseFilesApi, MEDIATOR_FORCES, OUTCOMES, type MediationOutcome, type MediationSession, type MediatorForce } from './caseFiles.api';
import { FORCE_LABELS, label, OUTCOME_LABELS, text } from './caseFiles.text';

interface Values {
  heldAt: string;
  place: string;
  mediators: { force: MediatorForce; name: string }[];
  attendees: string;
  record: string;
  outcome: MediationOutcome;
}

const OUTCOME_COLORS: Record<MediationOutcome, string> = { agreed: 'green', partial: 'gold', adjourned: 'blue', failed: 'red' };

function SessionForm({ caseId, onDone }: { caseId: number; onDone: () => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const now = shanghaiNowLocal();
  const req = (field: string) => ({ required: true, message: text(lang, 'required', { field }) });

  const submit = (values: Values) => {
    setSaving(true);
    clearError();
    caseFilesApi
      .recordSession(caseId, { ...values, heldAt: shanghaiLocalToIso(values.heldAt), attendees: values.attendees ?? '', record: values.record ?? '' })
      .then(() => {
        void message.success(text(lang, 'sessionSaved'));
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ heldAt: now, mediators: [{ force: 'police_room', name: '' }], outcome: 'agreed', attendees: '', record: '' }}
      data-testid="session-form"
    >
      <FormErrorAlert error={formError} />
      <Form.Item
        name="heldAt"
        label={text(lang, 'sessionHeldAt')}
        rules={[req(text(lang, 'sessionHeldAt')), { validator: (_, v: string) => (v && v > shanghaiNowLocal() ? Promise.reject(new Error(text(lang, 'sessionFuture'))) : Promise.resolve()) }]}
      >
        <Input type="datetime-local" max={now} data-testid="session-heldAt" />
      </Form.Item>
      <Form.Item name="place" label={text(lang, 'sessionPlace')} rules={[req(text(lang, 'sessionPlace')), { max: 200 }]}>
        <Input maxLength={200} placeholder={text(lang, 'sessionPlacePlaceholder')} data-testid="session-place" />
      </Form.Item>
      <Form.List
        name="mediators"
        rules={[{ validator: (_, v: unknown[] | undefined) => (v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(text(lang, 'sessionMediatorsRequired')))) }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={text(lang, 'sessionMediators')} required>
            {fields.map((field, i) => (
              <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap', marginBottom: 8 }} data-testid="session-mediator">
                <Form.Item name={[field.name, 'force']} rules={[{ required: true, message: text(lang, 'required', { field: text(lang, 'sessionMediatorForce') }) }]} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                  <Select
                    options={MEDIATOR_FORCES.map((f) => ({ value: f, label: label(FORCE_LABELS, lang, f) }))}
                    aria-label={`${text(lang, 'sessionMediatorForce')} ${i + 1}`}
                    data-testid={`session-mediator-force-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: text(lang, 'required', { field: text(lang, 'sessionMediatorName') }) }, { max: 50 }]} style={{ flex: '1 1 120px', marginBottom: 0 }}>
                  <Input maxLength={50} placeholder={text(lang, 'sessionMediatorName')} aria-label={`${text(lang, 'sessionMediatorName')} ${i + 1}`} data-testid={`session-mediator-name-${i}`} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`${text(lang, 'sessionMediatorRemove')} ${i + 1}`} disabled={fields.length <= 1} />
              </div>
            ))}
            <Button type="dashed" onClick={() => add({ force: 'town', name: '' })} icon={<PlusOutlined aria-hidden />} block data-testid="session-mediator-add">
              {text(lang, 'sessionMediatorAdd')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="attendees" label={text(lang, 'sessionAttendees')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="session-attendees" />
      </Form.Item>
      <Form.Item name="record" label={text(lang, 'sessionRecord')} rules={[{ max: 20000 }]}>
        <Input.TextArea rows={4} maxLength={20000} data-testid="session-record" />
      </Form.Item>
      <Form.Item name="outcome" label={text(lang, 'sessionOutcome')} rules={[req(text(lang, 'sessionOutcome'))]}>
        <Select options={OUTCOMES.map((o) => ({ value: o, label: label(OUTCOME_LABELS, lang, o) }))} aria-label={text(lang, 'sessionOutcome')} data-testid="session-outcome" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block data-testid="session-submit">
        {text(lang, 'save')}
      </Button>
    </Form>
  );
}

function SessionItem({ session }: { session: MediationSession }) {
  const { lang, dateTime } = useI18n();
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }} data-testid="session-item">
      <Space size={6} wrap>
        <Typography.Text strong>{dateTime(session.heldAt)}</Typography.Text>
        <Typography.Text>{session.place}</Typography.Text>
        <Tag color={OUTCOME_COLORS[session.outcome]}>{label(OUTCOME_LABELS, lang, session.outcome)}</Tag>
      </Space>
      <div style={{ marginTop: 6 }}>
        <TeamOutlined aria-hidden style={{ marginRight: 6 }} />
        {session.mediators.map((m) => (
          <Tag key={`${m.force}-${m.name}`} style={{ marginBottom: 4 }}>
            {label(FORCE_LABELS, lang, m.force)} · {m.name}
          </Tag>
        ))}
      </div>
      {session.attendees ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{text(lang, 'sessionAttendees')}：</Typography.Text>
          {session.attendees}
        </div>
      ) : null}
      {session.record ? <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>{session.record}</Typography.Paragraph> : null}
      {session.createdBy ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {text(lang, 'sessionBy', { name: session.createdBy.name })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** A file (A卷) mediation sessions: when, where, mediators from the four forces, who attended, the record. */
export function CaseSessionsPanel({ caseId, onChanged }: CasePanelProps) {
  const { lang } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = useQuery((signal) => caseFilesApi.sessions(caseId, signal), [caseId]);

  return (
    <Card
      title={text(lang, 'sessionsTitle')}
      size="small"
      extra={
        list.data?.abilities.record ? (
          <Button type={adding ? 'default' : 'primary'} size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding((v) => !v)} aria-expanded={adding} data-testid="session-add">
            {adding ? text(lang, 'cancel') : text(lang, 'sessionAdd')}
          </Button>
        ) : null
      }
      data-testid="case-sessions-panel"
    >
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={text(lang, 'loadFailed')}
          action={
            <Button size="small" onClick={list.reload}>
              {text(lang, 'reload')}
            </Button>
          }
        />
      ) : null}
      {adding ? (
        <div style={{ marginBottom: 16 }}>
          <SessionForm
            caseId={caseId}
            onDone={() => {
              setAdding(false);
              list.reload();
              onChanged();
            }}
          />
        </div>
      ) : null}
      {list.data && list.data.items.length === 0 ? <Empty description={text(lang, 'sessionsEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      {list.data?.items.map((s) => <SessionItem key={s.id} session={s} />)}
    </Card>
  );
}
