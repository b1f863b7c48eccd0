import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { beijingToday, rentalsApi, type Tenancy } from '../rentals.api';

/** 退租: the date the tenant left, never before they arrived nor after today. */
export function CheckOutModal({ tenancy, onClose, onDone, large = false }: { tenancy: Pick<Tenancy, 'id' | 'checkIn' | 'person'> | null; onClose: () => void; onDone: () => void; large?: boolean }) {
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const today = beijingToday();
  const [date, setDate] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (tenancy) {
      setDate(today);
      setError(null);
    }
  }, [tenancy, today]);

  const confirm = () => {
    if (!tenancy) return;
    setSaving(true);
    setError(null);
    rentalsApi
      .checkOut(tenancy.id, date)
      .then(() => {
        showSuccess('rentals.checkedOut');
        onDone();
      })
      .catch((err: unknown) => setError(errorText(err, t)))
      .finally(() => setSaving(false));
  };

  const size = large ? 'large' : 'middle';
  return (
    <Modal
      open={tenancy !== null}
      title={t('rentals.checkOutTitle', { name: tenancy?.person.name ?? '' })}
      onCancel={onClose}
      onOk={confirm}
      okText={t('rentals.checkOutConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, size, disabled: !date, 'data-testid': 'checkout-confirm' }}
      cancelButtonProps={{ size }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" size={size}>
        <Form.Item label={t('rentals.checkOutDate')} extra={tenancy ? t('rentals.checkedInOn', { date: tenancy.checkIn }) : null}>
          <Input type="date" value={date} min={tenancy?.checkIn} max={today} onChange={(e) => setDate(e.target.value)} data-testid="checkout-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
