import { WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';

/** A credit code, with a visible warning tag when its GB 32100 check character does not match. */
export function CreditCode({ code, ok }: { code: string | null; ok: boolean | null }) {
  const { t } = useI18n();
  if (!code) return <>{t('common.none')}</>;
  return (
    <Space size={4} wrap>
      <span style={{ fontFamily: 'monospace' }}>{code}</span>
      {ok === false && (
        <Tooltip title={t('units.creditCodeWarningTip')}>
          <Tag color="warning" icon={<WarningOutlined aria-hidden />} data-testid="credit-code-warning">
            {t('units.creditCodeWarning')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
