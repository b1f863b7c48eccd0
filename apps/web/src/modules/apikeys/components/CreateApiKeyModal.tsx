import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { apiKeysApi, type ApiKeyInput, type Channel } from '../apikeys.api';

interface Props {
  open: boolean;
  channels: readonly Channel[];
  jurisdictions: readonly Jurisdiction[];
  onClose: () => void;
  onCreated: (secret: string) => void;
}

export function CreateApiKeyModal({ open, channels, jurisdictions, onClose, onCreated }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ApiKeyInput>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [open, clearError]);

  const submit = (values: ApiKeyInput) => {
    setSaving(true);
    clearError();
    apiKeysApi
      .create({ ...values, name: values.name.trim() })
      .then(({ secret }) => onCreated(secret))
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('field.required', { label }) });

  return (
    <Modal
      open={open}
      title={t('apikeys.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<ApiKeyInput> form={form} layout="vertical" onFinish={submit} preserve={false} name="apikey">
        <Form.Item label={t('apikeys.name')} name="name" rules={[required(t('apikeys.name')), { max: 100 }]}>
          <Input data-testid="apikey-name" />
        </Form.Item>
        <Form.Item label={t('apikeys.channel')} name="channel" rules={[required(t('apikeys.channel'))]}>
          <Select
            options={channels.map((c) => ({ value: c.code, label: `${lang === 'zh' ? c.nameZh : c.nameEn}（${c.code}）` }))}
            data-testid="apikey-channel"
          />
        </Form.Item>
        <Form.Item label={t('apikeys.jurisdiction')} name="jurisdictionId" rules={[{ required: true, message: t('field.required', { label: t('apikeys.jurisdiction') }) }]}>
          <JurisdictionSelect items={jurisdictions} data-testid="apikey-jurisdiction" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
