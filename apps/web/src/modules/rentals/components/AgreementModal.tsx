import { CameraOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { addDays, beijingToday, rentalsApi } from '../rentals.api';

interface Values {
  signedOn: string;
  expiresOn: string;
}

const MAX_BYTES = 10 * 1024 * 1024;

/** 治安责任书: a photo from the phone camera or a scanned PDF, with the signing and expiry dates. */
export function AgreementModal({ rentalId, onClose, onDone, large = false }: { rentalId: number | null; onClose: () => void; onDone: () => void; large?: boolean }) {
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const today = beijingToday();
  const size = large ? 'large' : 'middle';

  useEffect(() => {
    if (rentalId !== null) {
      form.setFieldsValue({ signedOn: today, expiresOn: addDays(today, 365) });
      setFile(null);
      setFileError(null);
      clearError();
    }
  }, [rentalId, form, today, clearError]);

  const pick = (f: File | null) => {
    setFile(f);
    setFileError(f && f.size > MAX_BYTES ? t('rentals.fileTooBig') : null);
  };

  const submit = (values: Values) => {
    if (rentalId === null) return;
    if (!file) {
      setFileError(t('rentals.fileRequired'));
      return;
    }
    if (file.size > MAX_BYTES) return;
    setSaving(true);
    clearError();
    rentalsApi
      .uploadAgreement(rentalId, { ...values, file })
      .then(() => {
        showSuccess('rentals.agreementSaved');
        onDone();
      })
      .catch((err: unknown) => {
        const fields = (err as { fields?: { path: string; message: string }[] }).fields ?? [];
        const onFile = fields.find((f) => f.path === 'file');
        if (onFile) setFileError(onFile.message);
        handleError(err);
      })
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={rentalId !== null}
      title={t('rentals.uploadAgreement')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ size, 'data-testid': 'agreement-submit' }}
      cancelButtonProps={{ size }}
      destroyOnHidden
      forceRender
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} size={size}>
        <Form.Item label={t('rentals.agreementFile')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('rentals.agreementFileHelp')}>
          <input
            ref={input}
            type="file"
            accept="image/*,application/pdf"
            style={{ display: 'none' }}
            onChange={(e) => pick(e.target.files?.[0] ?? null)}
            data-testid="agreement-file"
          />
          <Button icon={<CameraOutlined aria-hidden />} size={size} block onClick={() => input.current?.click()} data-testid="agreement-pick">
            {file ? t('rentals.changeFile') : t('rentals.pickFile')}
          </Button>
          {file ? <Typography.Text style={{ display: 'block', marginTop: 8 }} ellipsis>{file.name}</Typography.Text> : null}
        </Form.Item>
        <Form.Item name="signedOn" label={t('rentals.signedOn')} rules={[{ required: true, message: t('field.required', { label: t('rentals.signedOn') }) }]}>
          <Input type="date" max={today} data-testid="agreement-signedOn" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('rentals.expiresOn')} rules={[{ required: true, message: t('field.required', { label: t('rentals.expiresOn') }) }]}>
          <Input type="date" data-testid="agreement-expiresOn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
