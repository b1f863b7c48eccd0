import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { transferDocumentUrl } from '../../cases/transfers/transfers.api';
import { DocumentLinks } from '../../cases/transfers/CaseTransfersPanel';
import { KIND_LABELS, label, STATUS_COLORS, STATUS_LABELS, UPDATE_COLORS, UPDATE_LABELS } from '../../cases/transfers/transfers.text';
import { partnerApi, type PartnerTransferDetail } from '../partner.api';
import { OUTCOME_LABELS, ptext, SIDE_LABELS, type PartnerTextKey } from '../partner.text';

type Step = 'accept' | 'reject' | 'progress' | 'result';

interface StepValues {
  note: string;
  outcome: 'resolved' | 'failed';
}

/** One answer to the police: accept or reject (with a reason) a new transfer; progress or the result of an accepted one. */
function StepForm({ transfer, step, onCancel, onDone }: { transfer: PartnerTransferDetail; step: Step; onCancel: () => void; onDone: (t: PartnerTransferDetail) => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<StepValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const noteLabel: PartnerTextKey = step === 'accept' ? 'acceptNote' : step === 'reject' ? 'rejectReason' : step === 'progress' ? 'progressNote' : 'resultNote';
  const submit = (v: StepValues) => {
    const note = v.note?.trim() ?? '';
    const call =
      step === 'accept'
        ? partnerApi.accept(transfer.id, note)
        : step === 'reject'
          ? partnerApi.reject(transfer.id, note)
          : step === 'progress'
            ? partnerApi.progress(transfer.id, note)
            : partnerApi.result(transfer.id, v.outcome, note);
    setBusy(true);
    clearError();
    call
      .then((t) => {
        void message.success(ptext(lang, 'done'));
        onDone(t);
      })
      .catch((err: unknown) => {
        // The reject form names its field 'reason' on the server.
        if (err instanceof ApiError) err.fields.forEach((f) => (f.path = f.path === 'reason' ? 'note' : f.path));
        handleError(err);
      })
      .finally(() => setBusy(false));
  };
  return (
    <Form<StepValues> form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'resolved', note: '' }} data-testid={`partner-${step}-form`}>
      <FormErrorAlert error={formError} />
      {step === 'result' ? (
        <Form.Item name="outcome" label={ptext(lang, 'outcome')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'resolved', label: ptext(lang, 'resolved') },
              { value: 'failed', label: ptext(lang, 'failed') },
            ]}
            data-testid="partner-outcome"
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={ptext(lang, noteLabel)}
        rules={[...(step === 'accept' ? [] : [{ required: true, whitespace: true, message: ptext(lang, 'required', { field: ptext(lang, noteLabel) }) }]), { max: step === 'reject' ? 2000 : 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={step === 'reject' ? 2000 : 5000} placeholder={step === 'reject' ? ptext(lang, 'rejectPlaceholder') : undefined} data-testid="partner-note" />
      </Form.Item>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{ptext(lang, 'cancel')}</Button>
        <Button type="primary" danger={step === 'reject'} htmlType="submit" loading={busy} data-testid="partner-submit">
          {ptext(lang, 'submit')}
        </Button>
      </Space>
    </Form>
  );
}

function Actions({ transfer, onDone }: { transfer: PartnerTransferDetail; onDone: (t: PartnerTransferDetail) => void }) {
  const { lang } = useI18n();
  const [step, setStep] = useState<Step | null>(null);
  const steps: { step: Step; key: PartnerTextKey; primary?: boolean; danger?: boolean }[] =
    transfer.status === 'sent'
      ? [
          { step: 'accept', key: 'accept', primary: true },
          { step: 'reject', key: 'reject', danger: true },
        ]
      : transfer.status === 'accepted'
        ? [
            { step: 'progress', key: 'progress' },
            { step: 'result', key: 'result', primary: true },
          ]
        : [];
  if (steps.length === 0) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      {step ? (
        <StepForm
          transfer={transfer}
          step={step}
          onCancel={() => setStep(null)}
          onDone={(t) => {
            setStep(null);
            onDone(t);
          }}
        />
      ) : (
        <Space wrap style={{ width: '100%' }}>
          {steps.map((s) => (
            <Button key={s.step} type={s.primary ? 'primary' : 'default'} danger={s.danger} size="large" onClick={() => setStep(s.step)} data-testid={`partner-${s.step}`}>
              {ptext(lang, s.key)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** One transfer as the partner department sees it (the A file only), and its next answer. */
export default function PartnerTransferPage() {
  const { id } = useParams();
  const transferId = Number(id);
  const { lang, dateTime, date } = useI18n();
  const q = useQuery((signal) => partnerApi.get(transferId, signal), [transferId]);
  const [updated, setUpdated] = useState<PartnerTransferDetail | null>(null);
  const t = updated?.id === transferId ? updated : q.data;

  const back = (
    <Link to="/partner/transfers">
      <ArrowLeftOutlined aria-hidden /> {ptext(lang, 'back')}
    </Link>
  );
  if (q.error instanceof ApiError && q.error.status === 404) return <Result status="404" title={ptext(lang, 'notFound')} extra={back} />;
  if (q.error) return <Alert type="error" showIcon title={ptext(lang, 'loadFailed')} action={<Button onClick={q.reload}>{ptext(lang, 'reload')}</Button>} />;
  if (!t) return <Spin />;

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="partner-transfer-page">
      <div style={{ marginBottom: 8 }}>{back}</div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.caseTitle}
      </Typography.Title>
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[t.status]} data-testid="partner-transfer-status">
          {label(STATUS_LABELS, lang, t.status)}
        </Tag>
        {t.ackOverdue ? <Tag color="red">{ptext(lang, 'ackOverdue')}</Tag> : null}
        {t.overdue ? <Tag color="red">{ptext(lang, 'overdue')}</Tag> : null}
        <Typography.Text type="secondary">
          {label(KIND_LABELS, lang, t.kind)} · {t.docNo}
        </Typography.Text>
      </Space>
      {t.rejectReason ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={ptext(lang, 'rejectedWith', { reason: t.rejectReason })} /> : null}
      {t.result ? <Alert type={t.status === 'resolved' ? 'success' : 'error'} showIcon style={{ marginBottom: 12 }} title={ptext(lang, 'resultWith', { result: t.result })} /> : null}
      <Actions transfer={t} onDone={setUpdated} />
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={ptext(lang, 'from')}>{t.stationName}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'caseNo')}>{t.caseNo}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'disputeType')}>{t.disputeTypeName}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'sentAt')}>{dateTime(t.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'ackDue')}>{dateTime(t.ackDueAt)}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'due')}>{dateTime(t.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={ptext(lang, 'documents')}>
          <DocumentLinks pdf={transferDocumentUrl(t.id, 'pdf')} docx={transferDocumentUrl(t.id, 'docx')} testId="partner-document" />
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={ptext(lang, 'summary')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{t.summary || t.caseTitle}</Typography.Paragraph>
        {t.note ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>
            <Typography.Text strong>{ptext(lang, 'note')}：</Typography.Text>
            {t.note}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={ptext(lang, 'parties')} style={{ marginBottom: 12 }}>
        {t.parties.length === 0 ? <Typography.Text type="secondary">{ptext(lang, 'none')}</Typography.Text> : null}
        {t.parties.map((p, i) => (
          <div key={i} style={{ marginBottom: 8 }} data-testid="partner-party">
            <Typography.Text strong>
              {label(SIDE_LABELS, lang, p.side)} {p.name}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{p.claims || ptext(lang, 'none')}</div>
          </div>
        ))}
      </Card>
      {t.incidents.length > 0 ? (
        <Card size="small" title={ptext(lang, 'incidents')} style={{ marginBottom: 12 }}>
          {t.incidents.map((i, n) => (
            <div key={n}>
              <Typography.Text type="secondary">{dateTime(i.receivedAt)}</Typography.Text> {i.summary}
            </div>
          ))}
        </Card>
      ) : null}
      {t.sessions.length > 0 ? (
        <Card size="small" title={ptext(lang, 'sessions')} style={{ marginBottom: 12 }}>
          {t.sessions.map((s, n) => (
            <div key={n}>
              {date(s.heldAt)} <Tag>{label(OUTCOME_LABELS, lang, s.outcome)}</Tag>
            </div>
          ))}
        </Card>
      ) : null}
      <Card size="small" title={ptext(lang, 'updates')}>
        {t.updates.length === 0 ? <Typography.Text type="secondary">{ptext(lang, 'none')}</Typography.Text> : null}
        <Timeline
          items={t.updates.map((u) => ({
            color: UPDATE_COLORS[u.kind],
            content: (
              <div data-testid="partner-update">
                <Typography.Text strong>{label(UPDATE_LABELS, lang, u.kind)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(u.at)} · {u.actorName}
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{u.note}</div>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
