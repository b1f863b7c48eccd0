import { Form, Input, InputNumber, Modal, Radio, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { housesApi } from '../../houses/houses.api';
import { rentalsApi, type RentalDetail } from '../rentals.api';

/** Landlord accounts of the jurisdiction, for linking a house to a landlord's phone app. */
function LandlordAccountSelect({ value, onChange }: { value?: number | null; onChange?: (v: number | null) => void }) {
  const { t } = useI18n();
  const accounts = useQuery((signal) => rentalsApi.landlordAccounts(signal), []);
  return (
    <Select<number>
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={accounts.loading}
      placeholder={t('rentals.noAccount')}
      showSearch={{ optionFilterProp: 'label' }}
      options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}，${a.jurisdictionName}）` }))}
      data-testid="rental-landlord-account"
    />
  );
}

/** Houses not yet let, found by address as the user types. */
function HouseSearch({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!q.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      housesApi
        .list({ q: q.trim(), rental: false, page: 1, pageSize: 20 }, controller.signal)
        .then((r) => setOptions(r.items.map((h) => ({ value: h.id, label: `${h.addressName}${h.ownerName ? `（${h.ownerName}）` : ''}` }))))
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? <Spin size="small" /> : t('rentals.houseSearchHint')}
      placeholder={t('rentals.houseSearchHint')}
      data-testid="rental-house"
    />
  );
}

interface RegisterValues {
  houseId: number;
  landlordMode: 'owner' | 'other';
  landlord?: { name: string; idNumber: string; phone?: string };
  landlordUserId?: number | null;
  occupantLimit?: number;
}

export function RegisterRentalModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (created: RentalDetail) => void }) {
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const [form] = Form.useForm<RegisterValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('landlordMode', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      clearError();
    }
  }, [open, form, clearError]);

  const submit = (v: RegisterValues) => {
    setSaving(true);
    clearError();
    rentalsApi
      .register({
        houseId: v.houseId,
        ...(v.landlordMode === 'other' && v.landlord ? { landlord: { name: v.landlord.name, idNumber: v.landlord.idNumber, ...(v.landlord.phone ? { phone: v.landlord.phone } : {}) } } : {}),
        ...(v.landlordUserId ? { landlordUserId: v.landlordUserId } : {}),
        ...(v.occupantLimit ? { occupantLimit: v.occupantLimit } : {}),
      })
      .then((created) => {
        showSuccess('common.saved');
        onDone(created);
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal open={open} title={t('rentals.register')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} okButtonProps={{ 'data-testid': 'rental-register-submit' }} destroyOnHidden forceRender>
      <FormErrorAlert error={formError} />
      <Form<RegisterValues> form={form} layout="vertical" onFinish={submit} initialValues={{ landlordMode: 'owner' }}>
        <Form.Item name="houseId" label={t('rentals.house')} rules={[{ required: true, message: t('field.required', { label: t('rentals.house') }) }]}>
          <HouseSearch />
        </Form.Item>
        <Form.Item name="landlordMode" label={t('rentals.landlord')}>
          <Radio.Group options={[{ value: 'owner', label: t('rentals.landlordIsOwner') }, { value: 'other', label: t('rentals.landlordOther') }]} />
        </Form.Item>
        {mode === 'other' ? (
          <>
            <Form.Item name={['landlord', 'name']} label={t('rentals.landlordName')} rules={[{ required: true, whitespace: true, message: t('field.required', { label: t('rentals.landlordName') }) }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name={['landlord', 'idNumber']} label={t('rentals.idNumber')} rules={[{ required: true, whitespace: true, message: t('field.required', { label: t('rentals.idNumber') }) }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['landlord', 'phone']} label={t('rentals.phone')}>
              <Input type="tel" maxLength={20} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="landlordUserId" label={t('rentals.landlordAccount')} extra={t('rentals.landlordAccountHelp')}>
          <LandlordAccountSelect />
        </Form.Item>
        <Form.Item name="occupantLimit" label={t('rentals.occupantLimit')}>
          <InputNumber min={1} max={200} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  occupantLimit: number;
  landlordUserId: number | null;
  status: 'active' | 'withdrawn';
}

export function EditRentalModal({ rental, onClose, onDone }: { rental: RentalDetail | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const [form] = Form.useForm<EditValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (rental) {
      form.setFieldsValue({ occupantLimit: rental.occupantLimit, landlordUserId: rental.landlordUserId, status: rental.status });
      clearError();
    }
  }, [rental, form, clearError]);

  const submit = (v: EditValues) => {
    if (!rental) return;
    setSaving(true);
    clearError();
    rentalsApi
      .update(rental.id, { occupantLimit: v.occupantLimit, landlordUserId: v.landlordUserId ?? null, status: v.status })
      .then(() => {
        showSuccess('common.saved');
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal open={rental !== null} title={t('rentals.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden forceRender>
      <FormErrorAlert error={formError} />
      <Form<EditValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="occupantLimit" label={t('rentals.occupantLimit')} rules={[{ required: true }]}>
          <InputNumber min={1} max={200} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="landlordUserId" label={t('rentals.landlordAccount')} extra={t('rentals.landlordAccountHelp')}>
          <LandlordAccountSelect />
        </Form.Item>
        <Form.Item name="status" label={t('rentals.status')}>
          <Radio.Group options={[{ value: 'active', label: t('rentals.status.active') }, { value: 'withdrawn', label: t('rentals.status.withdrawn') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
