import { FilePdfOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import type { CasePanelProps } from '../casePanel';
import { TRANSFER_KINDS, transferDocumentUrl, transfersApi, type Transfer, type TransferKind } from './transfers.api';
import { KIND_LABELS, label, STATUS_COLORS, STATUS_LABELS, text, UPDATE_COLORS, UPDATE_LABELS } from './transfers.text';

interface SendValues {
  kind: TransferKind;
  departmentId: number;
  note: string;
}

function SendDialog({ caseId, open, onClose, onSent }: { caseId: number; open: boolean; onClose: () => void; onSent: () => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<SendValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const departments = useQuery((signal) => (open ? transfersApi.departments(caseId, signal) : Promise.resolve({ items: [] })), [caseId, open]);

  const submit = (values: SendValues) => {
    setSaving(true);
    clearError();
    transfersApi
      .send(caseId, { ...values, note: values.note?.trim() ?? '' })
      .then((t) => {
        void message.success(`${text(lang, 'sendOk')}：${t.docNo}`);
        form.resetFields();
        onSent();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal open={open} title={text(lang, 'sendTitle')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<SendValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'gongdiao', note: '' }} data-testid="transfer-form">
        <FormErrorAlert error={formError} />
        <Form.Item name="kind" label={text(lang, 'kind')} rules={[{ required: true, message: text(lang, 'choose', { field: text(lang, 'kind') }) }]}>
          <Select options={TRANSFER_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS, lang, k) }))} aria-label={text(lang, 'kind')} data-testid="transfer-kind" />
        </Form.Item>
        <Form.Item name="departmentId" label={text(lang, 'department')} extra={text(lang, 'departmentHint')} rules={[{ required: true, message: text(lang, 'choose', { field: text(lang, 'department') }) }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.loading}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.jurisdictionName}）` }))}
            aria-label={text(lang, 'department')}
            data-testid="transfer-department"
          />
        </Form.Item>
        <Form.Item name="note" label={text(lang, 'note')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount placeholder={text(lang, 'notePlaceholder')} data-testid="transfer-note" />
        </Form.Item>
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{text(lang, 'cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} icon={<SendOutlined aria-hidden />} data-testid="transfer-submit">
            {text(lang, 'submit')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

export function DocumentLinks({ pdf, docx, testId }: { pdf: string; docx: string; testId: string }) {
  const { lang } = useI18n();
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<FilePdfOutlined aria-hidden />} href={pdf} target="_blank" rel="noopener" data-testid={`${testId}-pdf`}>
        {text(lang, 'pdf')}
      </Button>
      <Button size="small" icon={<FileWordOutlined aria-hidden />} href={docx} download data-testid={`${testId}-docx`}>
        {text(lang, 'docx')}
      </Button>
    </Space>
  );
}

function TransferItem({ transfer: t }: { transfer: Transfer }) {
  const { lang, dateTime } = useI18n();
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }} data-testid="transfer-item">
      <Space size={6} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{label(KIND_LABELS, lang, t.kind)}</Typography.Text>
        <Typography.Text code>{t.docNo}</Typography.Text>
        <Tag color={STATUS_COLORS[t.status]} data-testid="transfer-status">
          {label(STATUS_LABELS, lang, t.status)}
        </Tag>
        {t.ackOverdue ? <Tag color="red">{text(lang, 'ackOverdue')}</Tag> : null}
        {t.overdue ? <Tag color="red">{text(lang, 'overdue')}</Tag> : null}
      </Space>
      <div>
        <Typography.Text>{t.departmentName}</Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {text(lang, 'sentAt')} {dateTime(t.sentAt)}
        {t.sentByName ? ` · ${t.sentByName}` : ''} · {text(lang, 'ackDue')} {dateTime(t.ackDueAt)} · {text(lang, 'due')} {dateTime(t.dueAt)}
      </Typography.Text>
      {t.note ? <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{t.note}</Typography.Paragraph> : null}
      {t.rejectReason ? <Alert type="warning" showIcon style={{ margin: '6px 0' }} title={`${text(lang, 'rejectReason')}：${t.rejectReason}`} /> : null}
      {t.result ? <Alert type={t.status === 'resolved' ? 'success' : 'error'} showIcon style={{ margin: '6px 0' }} title={`${text(lang, 'result')}：${t.result}`} /> : null}
      <div style={{ margin: '6px 0' }}>
        <DocumentLinks pdf={transferDocumentUrl(t.id, 'pdf')} docx={transferDocumentUrl(t.id, 'docx')} testId={`transfer-${t.id}`} />
      </div>
      {t.updates.length === 0 ? (
        <Typography.Text type="secondary">{text(lang, 'noUpdates')}</Typography.Text>
      ) : (
        <Timeline
          style={{ marginTop: 8, marginBottom: 0 }}
          items={t.updates.map((u) => ({
            color: UPDATE_COLORS[u.kind],
            content: (
              <div data-testid="transfer-update">
                <Typography.Text strong>{label(UPDATE_LABELS, lang, u.kind)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(u.at)} · {u.actorName}
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{u.note}</div>
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

/** 两书一函 of a case: send a letter to a partner department, follow its status, updates and deadlines, print it. */
export function CaseTransfersPanel({ caseId, onChanged }: CasePanelProps) {
  const { lang } = useI18n();
  const [sending, setSending] = useState(false);
  const list = useQuery((signal) => transfersApi.list(caseId, signal), [caseId]);

  return (
    <Card
      title={text(lang, 'transfersTitle')}
      size="small"
      extra={
        list.data?.abilities.send ? (
          <Button type="primary" size="small" icon={<SendOutlined aria-hidden />} onClick={() => setSending(true)} data-testid="transfer-send">
            {text(lang, 'send')}
          </Button>
        ) : null
      }
      data-testid="case-transfers-panel"
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
      {list.data && list.data.items.length === 0 ? <Empty description={text(lang, 'empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      {list.data?.items.map((t) => <TransferItem key={t.id} transfer={t} />)}
      <SendDialog
        caseId={caseId}
        open={sending}
        onClose={() => setSending(false)}
        onSent={() => {
          setSending(false);
          list.reload();
          onChanged();
        }}
      />
    </Card>
  );
}
