import { AUDIT_ACTIONS, ROLE_LABELS } from '@fengqiao/shared';
import { DatePicker, Select, Spin, type GetProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { shanghaiDayBoundary } from '../../../app/i18n/messages';
import { usersApi, type User } from '../../users/users.api';
import type { AuditFilters } from '../audit.api';
import { AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS } from '../audit.labels';

type RangePickerProps = GetProps<typeof DatePicker.RangePicker>;
type RangeValue = RangePickerProps['value'];

interface Props {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

/** Users to pick from, searched on the server as the user types. */
function UserPicker({ value, onChange }: { value: number | undefined; onChange: (id: number | undefined) => void }) {
  const { t, lang } = useI18n();
  const [options, setOptions] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const controller = useRef<AbortController | null>(null);

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setLoading(true);
      usersApi
        .list({ q: q.trim() || undefined, page: 1, pageSize: 30 }, c.signal)
        .then((r) => {
          if (!c.signal.aborted) setOptions(r.items);
        })
        .catch(() => undefined)
        .finally(() => {
          if (!c.signal.aborted) setLoading(false);
        });
    }, 250);
  };

  useEffect(() => {
    search('');
    return () => {
      if (timer.current) clearTimeout(timer.current);
      controller.current?.abort();
    };
    // Load the first page once; later loads follow the typed text.
  }, []);

  return (
    <Select<number>
      allowClear
      value={value}
      onChange={(v) => onChange(v)}
      placeholder={t('audit.user')}
      aria-label={t('audit.user')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={options.map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username} · ${ROLE_LABELS[u.role][lang]}）`,
      }))}
      style={{ width: 240, maxWidth: '100%' }}
      data-testid="audit-user"
    />
  );
}

export function AuditFilterBar({ filters, onChange }: Props) {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<RangeValue>(null);

  return (
    <div className="fq-toolbar" role="search">
      <UserPicker value={filters.userId} onChange={(userId) => onChange({ ...filters, userId })} />
      <Select<string>
        allowClear
        placeholder={t('audit.entityType')}
        aria-label={t('audit.entityType')}
        value={filters.entityType}
        onChange={(entityType) => onChange({ ...filters, entityType })}
        options={Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label: label[lang] }))}
        style={{ width: 150, maxWidth: '100%' }}
        data-testid="audit-entity-type"
      />
      <Select<string>
        allowClear
        placeholder={t('audit.action')}
        aria-label={t('audit.action')}
        value={filters.action}
        onChange={(action) => onChange({ ...filters, action })}
        showSearch={{ optionFilterProp: 'label' }}
        options={AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a][lang] }))}
        style={{ width: 180, maxWidth: '100%' }}
        data-testid="audit-action"
      />
      <DatePicker.RangePicker
        value={range}
        aria-label={t('audit.dateRange')}
        onChange={(dates, [fromDay, toDay]) => {
          setRange(dates);
          // The picked days are Shanghai calendar days, whatever zone the browser is in.
          onChange({
            ...filters,
            from: fromDay ? shanghaiDayBoundary(fromDay, 'start') : undefined,
            to: toDay ? shanghaiDayBoundary(toDay, 'end') : undefined,
          });
        }}
        style={{ maxWidth: '100%' }}
        data-testid="audit-range"
      />
    </div>
  );
}
