import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Tenancy } from '../rentals.api';
import { STATE_COLORS, STATE_LABELS } from '../rentals.labels';

/** Where a stay stands; a pending one says how long it has waited, in red once overdue. */
export function TenancyStateTag({ tenancy }: { tenancy: Pick<Tenancy, 'id' | 'state' | 'daysWaiting' | 'overdue'> }) {
  const { t } = useI18n();
  const waiting = tenancy.daysWaiting === null ? null : tenancy.daysWaiting === 0 ? t('rentals.waitingToday') : t('rentals.daysWaiting', { days: tenancy.daysWaiting });
  return (
    <Tag color={tenancy.overdue ? 'red' : STATE_COLORS[tenancy.state]} data-testid={`tenancy-state-${tenancy.id}`} data-state={tenancy.state}>
      {t(STATE_LABELS[tenancy.state])}
      {waiting ? ` · ${waiting}` : ''}
    </Tag>
  );
}
