import { JURISDICTION_KIND_LABELS, ROLE_LABELS } from '@fengqiao/shared';
import { Alert, Card, Col, Descriptions, Radio, Row, Typography } from 'antd';
import { useId } from 'react';
import { useSession } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isLang } from '../../../app/i18n/messages';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

export default function AccountPage() {
  const { t, lang, setLang } = useI18n();
  const { me } = useSession();
  const langLabelId = useId();
  const path = me.jurisdiction.path.length > 0 ? me.jurisdiction.path : [me.jurisdiction];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('account.title')}</Typography.Title>
      </div>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('account.mustChange')} style={{ marginBottom: 16 }} data-testid="must-change-password" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')} size="small">
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'username', label: t('account.username'), children: me.username },
                { key: 'displayName', label: t('account.displayName'), children: me.displayName },
                { key: 'role', label: t('account.role'), children: ROLE_LABELS[me.role][lang] },
                {
                  key: 'jurisdiction',
                  label: t('account.jurisdiction'),
                  children: (
                    <span>
                      {path.map((p) => p.name).join(' / ')}
                      <Typography.Text type="secondary">（{JURISDICTION_KIND_LABELS[me.jurisdiction.kind][lang]}）</Typography.Text>
                    </span>
                  ),
                },
                { key: 'department', label: t('account.department'), children: me.department?.name ?? t('common.none') },
              ]}
            />
            <div style={{ marginTop: 16 }}>
              <div id={langLabelId} style={{ marginBottom: 8 }}>
                {t('account.language')}
              </div>
              <Radio.Group
                aria-labelledby={langLabelId}
                value={lang}
                onChange={(e) => {
                  const value: unknown = e.target.value;
                  if (isLang(value)) setLang(value);
                }}
                optionType="button"
                options={[
                  { value: 'zh', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.changePassword')} size="small">
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
