import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { accountApi } from '../account.api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { showSuccess } = useFeedback();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = (values: Values) => {
    setSaving(true);
    clearError();
    accountApi
      .changePassword(values.currentPassword, values.newPassword)
      .then(async () => {
        form.resetFields();
        showSuccess('account.passwordChanged');
        // mustChangePassword is now false: reload the session so the menu opens up.
        await refresh();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <>
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="change-password" style={{ maxWidth: 420 }}>
        <Form.Item
          label={t('account.currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('field.required', { label: t('account.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" data-testid="account-current-password" />
        </Form.Item>
        <Form.Item
          label={t('account.newPassword')}
          name="newPassword"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('field.required', { label: t('account.newPassword') }) },
            { min: 10, message: t('account.passwordMin') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('account.passwordSameAsOld')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item
          label={t('account.confirmPassword')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('field.required', { label: t('account.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="account-password-submit">
          {t('account.changePassword')}
        </Button>
      </Form>
    </>
  );
}
