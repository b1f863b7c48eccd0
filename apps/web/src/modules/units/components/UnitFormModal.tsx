import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { AddressField } from '../../people/components/AddressField';
import { scrollToServerError } from '../../people/components/scrollToError';
import { UNIT_KINDS, unitsApi, type UnitDetail, type UnitKind } from '../units.api';
import { kindLabel } from '../units.labels';

interface Values {
  name: string;
  kind?: UnitKind;
  creditCode?: string;
  addressId?: number | null;
  jurisdictionId?: number;
  legalRepresentative?: string;
  contactPhone?: string;
  employees?: number | null;
  keyPlace?: boolean;
  notes?: string;
}

interface Props {
  target: UnitDetail | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  onClose: () => void;
  onSaved: (unit: UnitDetail) => void;
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Registers or edits a unit (实有单位). A credit code failing its check character is saved with a warning. */
export function UnitFormModal({ target, jurisdictions, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [target, clearError]);
  const editing = target !== null && target !== 'new' ? target : null;
  const addressId = Form.useWatch('addressId', form);

  const initial: Partial<Values> = editing
    ? {
        name: editing.name,
        kind: editing.kind,
        creditCode: editing.creditCode ?? '',
        addressId: editing.addressId,
        ...(editing.addressId ? {} : { jurisdictionId: editing.jurisdictionId }),
        legalRepresentative: editing.legalRepresentative ?? '',
        contactPhone: editing.contactPhone ?? '',
        employees: editing.employees,
        keyPlace: editing.keyPlace,
        notes: editing.notes ?? '',
      }
    : { kind: 'shop', keyPlace: false };

  const onValuesChange = (changed: Partial<Values>) => {
    if (changed.kind === 'school' || changed.kind === 'key_place') form.setFieldValue('keyPlace', true);
  };

  const submit = (values: Values) => {
    setSaving(true);
    clearError();
    const body = {
      name: values.name.trim(),
      kind: values.kind,
      creditCode: blank(values.creditCode),
      addressId: values.addressId ?? null,
      ...(values.addressId ? {} : { jurisdictionId: values.jurisdictionId }),
      legalRepresentative: blank(values.legalRepresentative),
      contactPhone: blank(values.contactPhone),
      employees: values.employees ?? null,
      keyPlace: values.keyPlace ?? false,
      notes: blank(values.notes),
    };
    (editing ? unitsApi.update(editing.id, body) : unitsApi.create(body))
      .then(onSaved)
      .catch((err: unknown) => {
        handleError(err);
        scrollToServerError(form, err);
      })
      .finally(() => setSaving(false));
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('field.required', { label }) });

  return (
    <Modal
      open={target !== null}
      title={editing ? t('units.editTitle', { name: editing.name }) : t('units.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={onValuesChange} preserve={false} initialValues={initial} name="unit">
        <Form.Item label={t('units.name')} name="name" rules={[required(t('units.name')), { max: 100 }]}>
          <Input data-testid="unit-name" />
        </Form.Item>
        <Form.Item label={t('units.kindLabel')} name="kind" rules={[{ required: true }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} />
        </Form.Item>
        <Form.Item label={t('units.creditCode')} name="creditCode" extra={t('units.creditCodeHelp')} rules={[{ max: 18 }]}>
          <Input autoComplete="off" autoCapitalize="characters" style={{ fontFamily: 'monospace' }} data-testid="unit-credit-code" />
        </Form.Item>
        <Form.Item label={t('units.address')} name="addressId">
          <AddressField allowClear data-testid="unit-address" />
        </Form.Item>
        {!addressId && (
          <Form.Item label={t('people.jurisdiction')} name="jurisdictionId" rules={[{ required: true, message: t('people.addressOrJurisdiction') }]}>
            <JurisdictionSelect items={jurisdictions} />
          </Form.Item>
        )}
        <Form.Item label={t('units.legalRepresentative')} name="legalRepresentative" rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('units.contactPhone')} name="contactPhone" rules={[{ max: 20 }]}>
          <Input type="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('units.employees')} name="employees">
          <InputNumber min={0} max={1000000} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item label={t('units.keyPlace')} name="keyPlace" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('units.notes')} name="notes" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
