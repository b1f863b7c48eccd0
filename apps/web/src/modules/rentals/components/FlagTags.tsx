import { Space, Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { RentalFlag } from '../rentals.api';
import { FLAG_COLORS, FLAG_LABELS } from '../rentals.labels';

/** The warnings of one rental house, as coloured tags; a green "normal" tag when there are none. */
export function FlagTags({ flags, showNone = true, 'data-testid': testId }: { flags: readonly RentalFlag[]; showNone?: boolean; 'data-testid'?: string }) {
  const { t } = useI18n();
  if (flags.length === 0) return showNone ? <Tag color="green" data-testid={testId}>{t('rentals.flag.none')}</Tag> : null;
  return (
    <Space size={4} wrap data-testid={testId}>
      {flags.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]} data-flag={f}>
          {t(FLAG_LABELS[f])}
        </Tag>
      ))}
    </Space>
  );
}
