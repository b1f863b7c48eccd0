import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { CASE_RESOLUTIONS, casesApi, type CaseAction, type CaseDetail, type CaseResolution } from '../cases.api';
import { ACTION_LABELS, caseText, RESOLUTION_LABELS, STAGE_LABELS } from '../cases.text';

/** One button per move the API allows this user now; each asks for the why (and the resolution when closing). */
export function CaseTransitions({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = (key: Parameters<typeof caseText>[1], p?: Record<string, string | number>) => caseText(lang, key, p);
  const { message } = useFeedback();
  const [current, setCurrent] = useState<CaseAction | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason?: string; resolution?: CaseResolution }>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const label = (a: CaseAction) => ACTION_LABELS[a.action]?.[lang] ?? a.action;

  const openDialog = (a: CaseAction) => {
    form.resetFields();
    clearError();
    setCurrent(a);
  };
  const submit = async (v: { reason?: string; resolution?: CaseResolution }) => {
    if (!current) return;
    setSaving(true);
    try {
      await casesApi.transition(detail.id, { to: current.to, reason: v.reason?.trim() || null, ...(current.resolutionRequired ? { resolution: v.resolution ?? null } : {}) });
      void message.success(tx('moved'));
      setCurrent(null);
      onChanged();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  if (detail.actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {detail.actions.map((a) => (
          <Button key={a.to} type={a.to === 'closed' ? 'primary' : 'default'} onClick={() => openDialog(a)} data-testid={`case-move-${a.to}`}>
            {label(a)} → {STAGE_LABELS[a.to][lang]}
          </Button>
        ))}
      </Space>
      <Modal
        open={current !== null}
        title={current ? tx('moveTitle', { action: label(current), from: STAGE_LABELS[detail.stage][lang], to: STAGE_LABELS[current.to][lang] }) : ''}
        okText={tx('confirmMove')}
        cancelText={tx('cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setCurrent(null)}
        destroyOnHidden
      >
        <FormErrorAlert error={formError} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="case-move-form">
          {current?.resolutionRequired && (
            <Form.Item name="resolution" label={tx('resolution')} rules={[{ required: true, message: tx('required', { field: tx('resolution') }) }]}>
              <Select options={CASE_RESOLUTIONS.map((r) => ({ value: r, label: RESOLUTION_LABELS[r][lang] }))} aria-label={tx('resolution')} data-testid="case-move-resolution" />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={tx('reason')}
            extra={current?.reasonRequired ? tx('reasonRequired') : undefined}
            rules={current?.reasonRequired ? [{ required: true, whitespace: true, message: tx('required', { field: tx('reason') }) }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="case-move-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
