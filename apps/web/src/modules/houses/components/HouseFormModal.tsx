import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { AddressField } from '../../people/components/AddressField';
import { PersonSearchSelect } from '../../people/components/PersonSearchSelect';
import { scrollToServerError } from '../../people/components/scrollToError';
import { HOUSE_USES, housesApi, type HouseDetail, type HouseUse } from '../houses.api';
import { useLabel } from '../houses.labels';

interface Values {
  addressId?: number | null;
  use?: HouseUse;
  ownerPersonId?: number | null;
  areaM2?: number | null;
  occupantLimit?: number | null;
  notes?: string;
}

interface Props {
  target: HouseDetail | 'new' | null;
  onClose: () => void;
  onSaved: (house: HouseDetail) => void;
}

/** Registers a house (实有房屋) at a standard address, or edits its use, owner and size. */
export function HouseFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [target, clearError]);
  const editing = target !== null && target !== 'new' ? target : null;
  const use = Form.useWatch('use', form);

  const initial: Partial<Values> = editing
    ? { use: editing.use, ownerPersonId: editing.ownerPersonId, areaM2: editing.areaM2, occupantLimit: editing.occupantLimit, notes: editing.notes ?? '' }
    : { use: 'own' };

  const submit = (values: Values) => {
    setSaving(true);
    clearError();
    const body = {
      use: values.use,
      ownerPersonId: values.ownerPersonId ?? null,
      areaM2: values.areaM2 ?? null,
      occupantLimit: values.occupantLimit ?? null,
      notes: values.notes?.trim() ? values.notes.trim() : null,
    };
    (editing ? housesApi.update(editing.id, body) : housesApi.create({ ...body, addressId: values.addressId ?? undefined }))
      .then(onSaved)
      .catch((err: unknown) => {
        handleError(err);
        scrollToServerError(form, err);
      })
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? t('houses.editTitle') : t('houses.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initial} name="house">
        {editing ? (
          <Form.Item label={t('houses.address')}>{editing.addressName}</Form.Item>
        ) : (
          <Form.Item label={t('houses.address')} name="addressId" rules={[{ required: true, message: t('field.required', { label: t('houses.address') }) }]}>
            <AddressField data-testid="house-address" />
          </Form.Item>
        )}
        <Form.Item label={t('houses.useLabel')} name="use" rules={[{ required: true }]}>
          <Select options={HOUSE_USES.map((u) => ({ value: u, label: t(useLabel(u)) }))} data-testid="house-use" />
        </Form.Item>
        <Form.Item label={t('houses.owner')} name="ownerPersonId">
          <PersonSearchSelect initial={editing?.owner ? { id: editing.owner.id, name: editing.owner.name } : null} />
        </Form.Item>
        <Form.Item label={t('houses.area')} name="areaM2">
          <InputNumber min={1} max={100000} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        {(use === 'rental' || editing?.occupantLimit) && (
          <Form.Item label={t('houses.occupantLimit')} name="occupantLimit">
            <InputNumber min={1} max={200} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        )}
        <Form.Item label={t('houses.notes')} name="notes" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
