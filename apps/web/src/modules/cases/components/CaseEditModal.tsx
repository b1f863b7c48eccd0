import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { casesApi, type CaseDetail, type CaseUpdate } from '../cases.api';
import { caseText } from '../cases.text';

/** Edits the case's title, summary, type, domain, officer, leader and place. */
export function CaseEditModal({ detail, open, onClose, onChanged }: { detail: CaseDetail; open: boolean; onClose: () => void; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = (key: Parameters<typeof caseText>[1], p?: Record<string, string | number>) => caseText(lang, key, p);
  const { message } = useFeedback();
  const [form] = Form.useForm<CaseUpdate>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const meta = useQuery((signal) => (open ? casesApi.meta(detail.jurisdictionId, signal) : Promise.resolve(undefined)), [open, detail.jurisdictionId]);
  const name = (c: { nameZh: string; nameEn: string }) => (lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh);

  useEffect(() => {
    if (!open) return;
    clearError();
    form.setFieldsValue({
      title: detail.title,
      summary: detail.summary,
      disputeType: detail.disputeType,
      riskDomain: detail.riskDomain,
      officerUserId: detail.officerUserId,
      leaderUserId: detail.leaderUserId,
      addressText: detail.addressText ?? '',
    });
  }, [open, detail, form, clearError]);

  const submit = async (v: CaseUpdate) => {
    setSaving(true);
    try {
      await casesApi.update(detail.id, { ...v, riskDomain: v.riskDomain ?? null, officerUserId: v.officerUserId ?? null, leaderUserId: v.leaderUserId ?? null, addressText: v.addressText || null });
      void message.success(tx('saved'));
      onClose();
      onChanged();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  const users = (list: { id: number; name: string; jurisdictionName: string }[] | undefined) => (list ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.jurisdictionName}）` }));
  return (
    <Modal open={open} title={tx('edit')} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="case-edit-form">
        <Form.Item name="title" label={tx('caseTitle')} rules={[{ required: true, whitespace: true, message: tx('required', { field: tx('caseTitle') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={tx('summary')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="disputeType" label={tx('disputeType')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={(meta.data?.disputeTypes ?? []).map((d) => ({ value: d.code, label: name(d) }))} aria-label={tx('disputeType')} />
        </Form.Item>
        <Form.Item name="riskDomain" label={tx('riskDomain')}>
          <Select allowClear options={(meta.data?.riskDomains ?? []).map((d) => ({ value: d.code, label: name(d) }))} aria-label={tx('riskDomain')} />
        </Form.Item>
        <Form.Item name="officerUserId" label={tx('officer')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={users(meta.data?.officers)} aria-label={tx('officer')} />
        </Form.Item>
        <Form.Item name="leaderUserId" label={tx('leader')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={users(meta.data?.leaders)} aria-label={tx('leader')} />
        </Form.Item>
        <Form.Item name="addressText" label={tx('address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
