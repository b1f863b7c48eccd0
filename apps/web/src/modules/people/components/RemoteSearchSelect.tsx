import { Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';

export interface RemoteOption {
  value: number;
  label: string;
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Called as the user types (debounced); the previous call is aborted. */
  search: (q: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** What to show for the current value before any search (an edit form's existing choice). */
  initialOption?: RemoteOption | null;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** A select whose options come from the server as the user types: addresses, people. */
export function RemoteSearchSelect({ value, onChange, search, initialOption, ...rest }: Props) {
  const { t } = useI18n();
  // On a phone the list keeps to the field's width rather than running off the screen.
  const narrow = useIsNarrow();
  const [options, setOptions] = useState<RemoteOption[]>(initialOption ? [initialOption] : []);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      searchRef
        .current(q, controller.signal)
        .then((found) => {
          if (!controller.signal.aborted) setOptions(found);
        })
        .catch(() => {
          if (!controller.signal.aborted) setOptions([]);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // Keep the chosen option listed so the select can show its label after a new search.
  const shown = useMemo(() => {
    const chosen = initialOption && initialOption.value === value && !options.some((o) => o.value === value) ? [initialOption] : [];
    return [...chosen, ...options];
  }, [options, initialOption, value]);

  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={shown}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={loading ? <Spin size="small" /> : query.trim() ? t('base.noMatch') : t('base.typeToSearch')}
      popupMatchSelectWidth={narrow}
      style={{ width: '100%', ...rest.style }}
    />
  );
}
