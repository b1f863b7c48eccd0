import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { LangSwitch } from '../../../app/components/LangSwitch';
import { errorText } from '../../../app/feedback';
import { FullPageSpinner } from '../../../app/guards';
import { useI18n } from '../../../app/i18n/I18nProvider';

interface LoginValues {
  username: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { state, login } = useAuth();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'authenticated') {
    // An initial password must be changed before anything else.
    const to = state.me.mustChangePassword ? '/account' : redirectTarget(location.state);
    return <Navigate to={to} replace />;
  }

  const submit = (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    login(values.username.trim(), values.password)
      .catch((err: unknown) => {
        // The server's own words: wrong credentials (never which part) or "locked until …".
        setError(errorText(err, t));
        form.setFieldValue('password', '');
      })
      .finally(() => setSubmitting(false));
  };

  return (
    <main className="fq-login">
      <div className="fq-login-top">
        <LangSwitch />
      </div>
      <Card className="fq-login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <img src="/icon.svg" alt="" width={56} height={56} />
          <Typography.Title level={1} style={{ fontSize: 24, margin: '12px 0 4px' }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
