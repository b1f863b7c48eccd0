import { useI18n } from '../../../app/i18n/I18nProvider';
import { peopleApi } from '../people.api';
import { RemoteSearchSelect, type RemoteOption } from './RemoteSearchSelect';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  initial?: { id: number; name: string } | null;
  'data-testid'?: string;
}

function searchPeople(q: string, signal: AbortSignal): Promise<RemoteOption[]> {
  return peopleApi
    .list({ q, page: 1, pageSize: 20 }, signal)
    .then((r) => r.items.map((p) => ({ value: p.id, label: [p.name, p.idNumberMasked, p.currentAddressName].filter(Boolean).join(' · ') })));
}

/** A person of the actor's jurisdiction, found by name, phone or exact identity number. */
export function PersonSearchSelect({ initial, ...rest }: Props) {
  const { t } = useI18n();
  return (
    <RemoteSearchSelect
      {...rest}
      allowClear
      search={searchPeople}
      initialOption={initial ? { value: initial.id, label: initial.name } : null}
      placeholder={t('base.personPlaceholder')}
      aria-label={t('base.person')}
    />
  );
}
