import { CHILD_KINDS, JURISDICTION_KIND_LABELS, type JurisdictionKind } from '@fengqiao/shared';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { orgApi, type Jurisdiction, type JurisdictionInput } from '../org.api';
import { parseBoundary } from '../org.tree';

export type JurisdictionFormMode = { kind: 'create'; parent: Jurisdiction } | { kind: 'edit'; item: Jurisdiction };

interface Values {
  kind?: JurisdictionKind;
  name: string;
  code?: string;
  centerLat?: number | null;
  centerLon?: number | null;
  sort?: number | null;
  boundary?: string;
}

interface Props {
  mode: JurisdictionFormMode | null;
  onClose: () => void;
  onSaved: (saved: Jurisdiction) => void;
}

function initialValues(mode: JurisdictionFormMode): Values {
  if (mode.kind === 'create') {
    return { kind: CHILD_KINDS[mode.parent.kind][0], name: '' };
  }
  const { item } = mode;
  return {
    name: item.name,
    code: item.code ?? '',
    centerLat: item.centerLat,
    centerLon: item.centerLon,
    sort: item.sort,
    boundary: item.boundary ? JSON.stringify(item.boundary) : '',
  };
}

export function JurisdictionFormModal({ mode, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);

  // Each opening starts clean: the form is rebuilt from `initialValues` (destroyOnHidden).
  useEffect(() => clearError(), [mode, clearError]);

  const submit = (values: Values) => {
    if (!mode) return;
    const boundary = parseBoundary(values.boundary);
    if (!boundary.ok) {
      form.setFields([{ name: 'boundary', errors: [t('org.boundaryInvalid')] }]);
      return;
    }
    const input: JurisdictionInput = {
      name: values.name.trim(),
      code: values.code?.trim() ? values.code.trim() : null,
      centerLat: values.centerLat ?? null,
      centerLon: values.centerLon ?? null,
      boundary: boundary.value ?? null,
    };
    setSaving(true);
    clearError();
    const request =
      mode.kind === 'create'
        ? orgApi.create({ ...input, parentId: mode.parent.id, ...(values.kind ? { kind: values.kind } : {}) })
        : orgApi.update(mode.item.id, { ...input, ...(values.sort != null ? { sort: values.sort } : {}) });
    request
      .then((saved) => onSaved(saved))
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const title =
    mode?.kind === 'create'
      ? t('org.addChildTitle', { parent: mode.parent.name })
      : mode
        ? t('org.editTitle', { name: mode.item.name })
        : '';
  const kindOptions =
    mode?.kind === 'create'
      ? CHILD_KINDS[mode.parent.kind].map((k) => ({ value: k, label: JURISDICTION_KIND_LABELS[k][lang] }))
      : [];

  return (
    <Modal
      open={mode !== null}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <FormErrorAlert error={formError} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        name="jurisdiction"
        preserve={false}
        initialValues={mode ? initialValues(mode) : undefined}
      >
        {mode?.kind === 'create' && (
          <Form.Item label={t('org.kind')} name="kind" rules={[{ required: true, message: t('field.required', { label: t('org.kind') }) }]}>
            <Select options={kindOptions} />
          </Form.Item>
        )}
        <Form.Item
          label={t('org.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('field.required', { label: t('org.name') }) }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t('org.code')} name="code" rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item label={t('org.centerLat')} name="centerLat" style={{ flex: '1 1 160px' }}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('org.centerLon')} name="centerLon" style={{ flex: '1 1 160px' }}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          {mode?.kind === 'edit' && (
            <Form.Item label={t('org.sort')} name="sort" style={{ flex: '1 1 100px' }}>
              <InputNumber min={0} step={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </div>
        <Form.Item label={t('org.boundary')} name="boundary" extra={t('org.boundaryHelp')}>
          <Input.TextArea rows={6} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
