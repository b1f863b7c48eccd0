import { Select, Spin, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { placesApi, type AddressSummary } from '../places.api';
import { levelLabel } from '../places.labels';

export interface AddressPickerProps {
  /** The chosen address id (controlled, so it works as an antd Form.Item child). */
  value?: number | null;
  onChange?: (id: number | null, address: AddressSummary | null) => void;
  /** Shown for a preset value without a lookup (an edit form already knows the full name). */
  initial?: AddressSummary | null;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * Standard-address picker for other modules' forms: type any part of an address (messy text
 * works: 东湖新村3栋2单元502), pick from /api/addresses/search.
 */
export function AddressPicker({ value, onChange, initial, placeholder, disabled, allowClear = true, style, id, ...rest }: AddressPickerProps) {
  const { t, lang } = useI18n();
  const [options, setOptions] = useState<AddressSummary[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const controller = useRef<AbortController | null>(null);

  // A value set from outside that we have no label for: look it up once.
  useEffect(() => {
    if (!value || options.some((o) => o.id === value)) return;
    const c = new AbortController();
    placesApi
      .get(value, c.signal)
      .then((a) => setOptions((prev) => (prev.some((o) => o.id === a.id) ? prev : [a, ...prev])))
      .catch(() => undefined);
    return () => c.abort();
  }, [value, options]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const search = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setLoading(true);
      placesApi
        .search(q, 20, c.signal)
        .then((r) => {
          // Keep the chosen address among the options so its label stays.
          const chosen = options.find((o) => o.id === value);
          setOptions(chosen && !r.items.some((i) => i.id === chosen.id) ? [chosen, ...r.items] : r.items);
        })
        .catch(() => undefined)
        .finally(() => {
          if (!c.signal.aborted) setLoading(false);
        });
    }, 250);
  };

  const selectOptions = useMemo(
    () =>
      options.map((a) => ({
        value: a.id,
        label: a.fullName,
        title: a.fullName,
      })),
    [options],
  );

  return (
    <Select<number | null>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value ?? null}
      placeholder={placeholder ?? t('places.pickerPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('places.pickerEmpty')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      options={selectOptions}
      optionRender={(o) => {
        const address = options.find((a) => a.id === o.value);
        return (
          <span style={{ whiteSpace: 'normal' }}>
            {address?.fullName ?? o.label}{' '}
            {address && <Tag style={{ marginInlineStart: 4 }}>{levelLabel(address.level, lang)}</Tag>}
          </span>
        );
      }}
      onChange={(next) => {
        const address = options.find((o) => o.id === next) ?? null;
        onChange?.(next ?? null, address);
      }}
      data-testid={rest['data-testid'] ?? 'address-picker'}
      aria-label={rest['aria-label'] ?? t('places.pickerPlaceholder')}
    />
  );
}
