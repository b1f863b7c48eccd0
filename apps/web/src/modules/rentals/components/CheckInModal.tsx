import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { beijingToday, rentalsApi } from '../rentals.api';

interface Values {
  tenant: { name: string; idNumber: string; phone?: string };
  checkIn: string;
}

/** 登记入住: a tenant arriving, reported by the landlord on a phone or by the officer at the desk. */
export function CheckInModal({ rentalId, address, onClose, onDone, large = false }: { rentalId: number | null; address?: string; onClose: () => void; onDone: () => void; large?: boolean }) {
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const today = beijingToday();
  const size = large ? 'large' : 'middle';

  useEffect(() => {
    if (rentalId !== null) {
      form.resetFields();
      form.setFieldsValue({ checkIn: today });
      clearError();
    }
  }, [rentalId, form, today, clearError]);

  const submit = (values: Values) => {
    if (rentalId === null) return;
    setSaving(true);
    clearError();
    const phone = values.tenant.phone?.trim();
    rentalsApi
      .checkIn(rentalId, { tenant: { name: values.tenant.name.trim(), idNumber: values.tenant.idNumber.trim(), ...(phone ? { phone } : {}) }, checkIn: values.checkIn })
      .then(() => {
        showSuccess('rentals.checkedIn');
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={rentalId !== null}
      title={t('rentals.checkIn')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rentals.checkInSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ size, 'data-testid': 'checkin-submit' }}
      cancelButtonProps={{ size }}
      destroyOnHidden
      forceRender
    >
      {address ? <p style={{ marginTop: 0, color: 'rgba(0,0,0,0.6)' }}>{address}</p> : null}
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" size={size}>
        <Form.Item name={['tenant', 'name']} label={t('rentals.tenantName')} rules={[{ required: true, whitespace: true, message: t('field.required', { label: t('rentals.tenantName') }) }]}>
          <Input autoComplete="off" maxLength={50} data-testid="checkin-name" />
        </Form.Item>
        <Form.Item
          name={['tenant', 'idNumber']}
          label={t('rentals.idNumber')}
          rules={[
            { required: true, whitespace: true, message: t('field.required', { label: t('rentals.idNumber') }) },
            { pattern: /^\s*(\d{15}|\d{17}[\dXx])\s*$/, message: t('rentals.idNumberFormat') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="characters" maxLength={18} data-testid="checkin-idNumber" />
        </Form.Item>
        <Form.Item name={['tenant', 'phone']} label={t('rentals.phone')}>
          <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} data-testid="checkin-phone" />
        </Form.Item>
        <Form.Item name="checkIn" label={t('rentals.checkInDate')} rules={[{ required: true, message: t('field.required', { label: t('rentals.checkInDate') }) }]}>
          <Input type="date" max={today} data-testid="checkin-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
