import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { CHILD_LEVELS, placesApi, type AddressDetail, type AddressInput, type AddressLevel } from '../places.api';
import { levelLabel } from '../places.labels';

export type AddressFormMode = { kind: 'create'; parent: AddressDetail } | { kind: 'edit'; item: AddressDetail };

interface Values {
  level?: AddressLevel;
  name: string;
  divisionCode?: string;
  jurisdictionId?: number;
  lat?: number | null;
  lon?: number | null;
  sort?: number | null;
}

interface Props {
  mode: AddressFormMode | null;
  onClose: () => void;
  onSaved: (saved: AddressDetail) => void;
}

function initialValues(mode: AddressFormMode): Values {
  if (mode.kind === 'create') return { level: CHILD_LEVELS[mode.parent.level][0], name: '', jurisdictionId: mode.parent.jurisdictionId };
  const { item } = mode;
  return { name: item.name, divisionCode: item.divisionCode ?? '', jurisdictionId: item.jurisdictionId, lat: item.lat, lon: item.lon, sort: item.sort };
}

/** Adds a child address or edits one; coordinates left empty on a new address are taken from its parent. */
export function AddressFormModal({ mode, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const jurisdictions = useQuery((signal) => (mode ? orgApi.list(false, signal) : Promise.resolve({ items: [] })), [mode !== null]);

  useEffect(() => clearError(), [mode, clearError]);

  const submit = (values: Values) => {
    if (!mode) return;
    const common: AddressInput = {
      name: values.name.trim(),
      divisionCode: values.divisionCode?.trim() ? values.divisionCode.trim() : null,
      ...(values.jurisdictionId ? { jurisdictionId: values.jurisdictionId } : {}),
      ...(values.sort != null ? { sort: values.sort } : {}),
    };
    setSaving(true);
    clearError();
    const request =
      mode.kind === 'create'
        ? placesApi.create({
            ...common,
            parentId: mode.parent.id,
            ...(values.level ? { level: values.level } : {}),
            // Empty coordinates: the server takes the parent's.
            ...(values.lat != null && values.lon != null ? { lat: values.lat, lon: values.lon } : {}),
          })
        : placesApi.update(mode.item.id, { ...common, lat: values.lat ?? null, lon: values.lon ?? null });
    request
      .then(onSaved)
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const title = mode?.kind === 'create' ? t('places.addChildTitle', { parent: mode.parent.fullName }) : mode ? t('places.editTitle', { name: mode.item.fullName }) : '';
  const levels = mode?.kind === 'create' ? CHILD_LEVELS[mode.parent.level] : [];

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
      width={600}
      okButtonProps={{ 'data-testid': 'places-form-save' }}
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="address" preserve={false} initialValues={mode ? initialValues(mode) : undefined}>
        {mode?.kind === 'create' && (
          <Form.Item label={t('places.level')} name="level" rules={[{ required: true, message: t('field.required', { label: t('places.level') }) }]}>
            <Select options={levels.map((l) => ({ value: l, label: levelLabel(l, lang, false) }))} data-testid="places-form-level" />
          </Form.Item>
        )}
        <Form.Item
          label={t('places.name')}
          name="name"
          extra={t('places.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('field.required', { label: t('places.name') }) }, { max: 100 }]}
        >
          <Input data-testid="places-form-name" />
        </Form.Item>
        <Form.Item label={t('places.jurisdiction')} name="jurisdictionId">
          <JurisdictionSelect items={jurisdictions.data?.items ?? []} loading={jurisdictions.loading} aria-label={t('places.jurisdiction')} />
        </Form.Item>
        <Form.Item label={t('places.divisionCode')} name="divisionCode" rules={[{ pattern: /^\d{2,12}$/, message: t('places.divisionCodeFormat') }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item label={t('places.lat')} name="lat" style={{ flex: '1 1 140px' }} extra={mode?.kind === 'create' ? t('places.coordsInherit') : undefined}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('places.lon')} name="lon" style={{ flex: '1 1 140px' }}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('places.sort')} name="sort" style={{ flex: '1 1 90px' }}>
            <InputNumber min={0} step={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
