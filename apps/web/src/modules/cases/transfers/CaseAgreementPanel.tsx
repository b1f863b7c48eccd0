import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import type { CasePanelProps } from '../casePanel';
import { DocumentLinks } from './CaseTransfersPanel';
import { agreementDocumentUrl, transfersApi, type Agreement, type AgreementDraft, type SignatureStatus } from './transfers.api';
import { label, shanghaiToday, SIGNATURE_LABELS, text, type TransferTextKey } from './transfers.text';

const FIELDS: { name: keyof AgreementDraft; key: TransferTextKey; max: number; required: boolean; rows: number }[] = [
  { name: 'facts', key: 'facts', max: 10000, required: true, rows: 4 },
  { name: 'issues', key: 'issues', max: 10000, required: true, rows: 2 },
  { name: 'responsibilities', key: 'responsibilities', max: 10000, required: false, rows: 2 },
  { name: 'terms', key: 'terms', max: 10000, required: true, rows: 4 },
  { name: 'performance', key: 'performance', max: 5000, required: true, rows: 2 },
];

function DraftForm({ caseId, agreement, onDone }: { caseId: number; agreement: Agreement | null; onDone: () => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<AgreementDraft>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = (values: AgreementDraft) => {
    setSaving(true);
    clearError();
    transfersApi
      .saveAgreement(caseId, { ...values, responsibilities: values.responsibilities ?? '' })
      .then(() => {
        void message.success(text(lang, 'saved'));
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  return (
    <Form<AgreementDraft> form={form} layout="vertical" onFinish={submit} initialValues={agreement ?? { responsibilities: '' }} data-testid="agreement-form">
      <FormErrorAlert error={formError} />
      {FIELDS.map((f) => (
        <Form.Item key={f.name} name={f.name} label={text(lang, f.key)} rules={[...(f.required ? [{ required: true, whitespace: true, message: text(lang, 'required', { field: text(lang, f.key) }) }] : []), { max: f.max }]}>
          <Input.TextArea autoSize={{ minRows: f.rows, maxRows: 14 }} maxLength={f.max} data-testid={`agreement-${f.name}`} />
        </Form.Item>
      ))}
      <Form.Item name="mediatorNames" label={text(lang, 'mediatorNames')} rules={[{ required: true, whitespace: true, message: text(lang, 'required', { field: text(lang, 'mediatorNames') }) }, { max: 200 }]}>
        <Input maxLength={200} data-testid="agreement-mediatorNames" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block data-testid="agreement-save">
        {text(lang, 'save')}
      </Button>
    </Form>
  );
}

interface SignValues {
  status: SignatureStatus;
  signedOn: string;
  judicialConfirmation: boolean;
}

function SignatureForm({ caseId, agreement, onDone }: { caseId: number; agreement: Agreement; onDone: () => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<SignValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form) ?? agreement.signatureStatus;
  const today = shanghaiToday();
  const submit = (v: SignValues) => {
    setSaving(true);
    clearError();
    transfersApi
      .sign(caseId, { status: v.status, signedOn: v.status === 'unsigned' ? null : v.signedOn || null, judicialConfirmation: v.status === 'signed' && v.judicialConfirmation })
      .then(() => {
        void message.success(text(lang, 'signatureSaved'));
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  return (
    <Form<SignValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ status: agreement.signatureStatus, signedOn: agreement.signedOn ?? today, judicialConfirmation: agreement.judicialConfirmation }}
      data-testid="agreement-signature-form"
    >
      <FormErrorAlert error={formError} />
      <Form.Item name="status" label={text(lang, 'signature')}>
        <Select options={(['unsigned', 'partly_signed', 'signed'] as const).map((s) => ({ value: s, label: label(SIGNATURE_LABELS, lang, s) }))} aria-label={text(lang, 'signature')} data-testid="agreement-status" />
      </Form.Item>
      {status !== 'unsigned' ? (
        <Form.Item name="signedOn" label={text(lang, 'signedOn')} rules={[{ required: true, message: text(lang, 'required', { field: text(lang, 'signedOn') }) }]}>
          <Input type="date" max={today} data-testid="agreement-signedOn" />
        </Form.Item>
      ) : null}
      {status === 'signed' ? (
        <Form.Item name="judicialConfirmation" valuePropName="checked" extra={text(lang, 'judicialHint')}>
          <Checkbox data-testid="agreement-judicial">{text(lang, 'judicialConfirmation')}</Checkbox>
        </Form.Item>
      ) : null}
      <Button htmlType="submit" loading={saving} data-testid="agreement-sign">
        {text(lang, 'recordSignature')}
      </Button>
    </Form>
  );
}

function JudicialLine({ caseId, agreement, canRecord, onDone }: { caseId: number; agreement: Agreement; canRecord: boolean; onDone: () => void }) {
  const { lang } = useI18n();
  const { showError, message } = useFeedback();
  const [day, setDay] = useState(shanghaiToday());
  if (!agreement.judicialConfirmation || !agreement.judicialDeadline) return null;
  if (agreement.judicialAppliedOn) {
    return (
      <Alert type="success" showIcon title={`${text(lang, 'judicialApplied')}：${agreement.judicialAppliedOn}`} data-testid="agreement-judicial-applied" style={{ marginBottom: 12 }} />
    );
  }
  const left = Math.round((Date.parse(agreement.judicialDeadline) - Date.parse(shanghaiToday())) / 86_400_000);
  return (
    <Alert
      type={left <= 7 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="agreement-judicial-deadline"
      title={`${text(lang, 'judicialDeadline')}：${agreement.judicialDeadline}（${left >= 0 ? text(lang, 'daysLeft', { days: left }) : text(lang, 'expired')}）`}
      description={
        canRecord ? (
          <Space wrap>
            <Input type="date" value={day} max={shanghaiToday()} onChange={(e) => setDay(e.target.value)} aria-label={text(lang, 'appliedOn')} style={{ width: 170 }} />
            <Button
              size="small"
              onClick={() => {
                transfersApi
                  .judicialApplied(caseId, day)
                  .then(() => {
                    void message.success(text(lang, 'appliedSaved'));
                    onDone();
                  })
                  .catch(showError);
              }}
            >
              {text(lang, 'recordApplied')}
            </Button>
          </Space>
        ) : null
      }
    />
  );
}

/** 调解协议书: the art. 29 content, signature status, judicial confirmation and its 30-day limit, printing. */
export function CaseAgreementPanel({ caseId, onChanged }: CasePanelProps) {
  const { lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const q = useQuery((signal) => transfersApi.agreement(caseId, signal), [caseId]);
  const a = q.data?.agreement ?? null;
  const done = () => {
    setEditing(false);
    q.reload();
    onChanged();
  };

  return (
    <Card
      title={text(lang, 'agreementTitle')}
      size="small"
      data-testid="case-agreement-panel"
      extra={
        q.data?.abilities.edit && !editing ? (
          <Button size="small" type={a ? 'default' : 'primary'} icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="agreement-edit">
            {a ? text(lang, 'edit') : text(lang, 'draft')}
          </Button>
        ) : null
      }
    >
      {q.error ? (
        <Alert type="error" showIcon title={text(lang, 'loadFailed')} action={<Button size="small" onClick={q.reload}>{text(lang, 'reload')}</Button>} />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {text(lang, 'agreementIntro')}
      </Typography.Paragraph>
      {editing ? (
        <>
          <DraftForm caseId={caseId} agreement={a} onDone={done} />
          <Button type="link" onClick={() => setEditing(false)}>
            {text(lang, 'cancel')}
          </Button>
        </>
      ) : null}
      {!editing && q.data && !a ? <Empty description={text(lang, 'agreementNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      {!editing && a ? (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text code data-testid="agreement-no">
              {a.agreementNo}
            </Typography.Text>
            <Tag color={a.signatureStatus === 'signed' ? 'green' : a.signatureStatus === 'partly_signed' ? 'gold' : 'default'} data-testid="agreement-signature-status">
              {label(SIGNATURE_LABELS, lang, a.signatureStatus)}
              {a.signedOn ? ` ${a.signedOn}` : ''}
            </Tag>
            <DocumentLinks pdf={agreementDocumentUrl(caseId, 'pdf')} docx={agreementDocumentUrl(caseId, 'docx')} testId="agreement" />
          </Space>
          <JudicialLine caseId={caseId} agreement={a} canRecord={q.data?.abilities.sign ?? false} onDone={done} />
          <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
            {FIELDS.filter((f) => f.required || a[f.name]).map((f) => (
              <Descriptions.Item key={f.name} label={text(lang, f.key)}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{a[f.name]}</span>
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={text(lang, 'mediatorNames')}>{a.mediatorNames}</Descriptions.Item>
          </Descriptions>
          {a.signatureStatus === 'signed' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {text(lang, 'signedLocked')}
            </Typography.Paragraph>
          ) : null}
          {q.data?.abilities.sign ? (
            <div style={{ marginTop: 12 }}>
              <SignatureForm key={a.updatedAt} caseId={caseId} agreement={a} onDone={done} />
            </div>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
