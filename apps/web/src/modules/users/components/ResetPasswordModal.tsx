import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { usersApi, type User } from '../users.api';

interface Props {
  user: User | null;
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [user, clearError]);

  const submit = ({ password }: { password: string }) => {
    if (!user) return;
    setSaving(true);
    clearError();
    usersApi
      .resetPassword(user.id, password)
      .then(onDone)
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} name="reset-password">
        <Form.Item
          label={t('users.newPassword')}
          name="password"
          extra={t('users.passwordHelp')}
          rules={[
            { required: true, message: t('field.required', { label: t('users.newPassword') }) },
            { min: 10, message: t('account.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
