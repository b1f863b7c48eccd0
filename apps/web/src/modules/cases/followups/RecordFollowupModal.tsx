import { Alert, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { followupsApi, type CaseFollowups, type FollowupKind } from '../../myday/myday.api';
import { FOLLOWUP_KIND_LABELS, mydayText, type MyDayTextKey } from '../../myday/myday.text';

interface Props {
  /** The visit to record; null keeps the dialog closed. */
  followup: { id: number; kind: FollowupKind; caseNo?: string } | null;
  onClose: () => void;
  onRecorded: (result: CaseFollowups & { relapsed: boolean }) => void;
}

interface Values {
  finding: string;
  relapse: boolean;
  incidentId?: number | null;
}

/** Records what a follow-up visit found; a relapse reopens the case and may link the new incident. */
export function RecordFollowupModal({ followup, onClose, onRecorded }: Props) {
  const { lang } = useI18n();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const { message } = useFeedback();
  const [busy, setBusy] = useState(false);
  const relapse = Form.useWatch('relapse', form) ?? false;

  useEffect(() => {
    if (followup) {
      form.resetFields();
      clearError();
    }
  }, [followup, form, clearError]);

  const submit = (v: Values) => {
    if (!followup) return;
    setBusy(true);
    clearError();
    followupsApi
      .record(followup.id, { finding: v.finding.trim(), relapse: v.relapse, ...(v.relapse && v.incidentId ? { incidentId: v.incidentId } : {}) })
      .then((result) => {
        void message.success(tx(result.relapsed ? 'relapsed' : 'recorded'));
        onRecorded(result);
      })
      .catch(handleError)
      .finally(() => setBusy(false));
  };

  const kind = followup ? FOLLOWUP_KIND_LABELS[followup.kind][lang] : '';
  return (
    <Modal
      open={followup !== null}
      title={`${tx('recordTitle', { kind })}${followup?.caseNo ? ` · ${followup.caseNo}` : ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tx('record')}
      okButtonProps={{ loading: busy, danger: relapse, 'data-testid': 'followup-submit' }}
      destroyOnHidden
      width={560}
    >
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ relapse: false }} onFinish={submit}>
        <Form.Item name="finding" label={tx('finding')} rules={[{ required: true, whitespace: true, message: tx('findingRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount placeholder={tx('findingPlaceholder')} data-testid="followup-finding" />
        </Form.Item>
        <Form.Item name="relapse" label={tx('relapseQuestion')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: false, label: tx('no') },
              { value: true, label: tx('yes') },
            ]}
            data-testid="followup-relapse"
          />
        </Form.Item>
        {relapse && (
          <>
            <Alert type="warning" showIcon title={tx('relapseHint')} style={{ marginBottom: 16 }} />
            <Form.Item name="incidentId" label={tx('incidentId')} extra={tx('incidentHint')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="followup-incident" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
