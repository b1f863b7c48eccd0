import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { peopleApi } from '../people.api';

interface Props {
  personId: number;
  masked: string | null;
  /** The role may see whole numbers (police roles of the jurisdiction). */
  canView: boolean;
}

/**
 * The masked number, and for police roles a button that fetches the whole one. Each press is a
 * new request the server records in the audit log; the number is kept only while shown.
 */
export function IdentityNumber({ personId, masked, canView }: Props) {
  const { t, dateTime } = useI18n();
  const { showError } = useFeedback();
  const [whole, setWhole] = useState<{ number: string | null; at: Date } | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => setWhole(null), [personId]);

  if (!masked) return <Typography.Text type="secondary">{t('people.identityNone')}</Typography.Text>;

  const reveal = () => {
    setLoading(true);
    peopleApi
      .viewIdentity(personId)
      .then((r) => setWhole({ number: r.idNumber, at: new Date() }))
      .catch(showError)
      .finally(() => setLoading(false));
  };

  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={8}>
        <Typography.Text code copyable={whole?.number ? { text: whole.number } : false} data-testid="person-id-number" style={{ fontSize: 15 }}>
          {whole?.number ?? masked}
        </Typography.Text>
        {canView &&
          (whole ? (
            <Button size="small" icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setWhole(null)} data-testid="person-id-hide">
              {t('people.hideIdentity')}
            </Button>
          ) : (
            <Button size="small" icon={<EyeOutlined aria-hidden />} loading={loading} onClick={reveal} data-testid="person-id-reveal">
              {t('people.viewIdentity')}
            </Button>
          ))}
      </Space>
      {canView && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="person-id-note">
          {whole ? t('people.identityShown', { time: dateTime(whole.at) }) : t('people.identityNote')}
        </Typography.Text>
      )}
    </Space>
  );
}
