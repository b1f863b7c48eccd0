import type { MessageKey } from '../../app/i18n/messages';
import type { UnitKind } from './units.api';

export const KIND_COLORS: Record<UnitKind, string> = { enterprise: 'blue', shop: 'cyan', venue: 'gold', school: 'green', key_place: 'red', other: 'default' };
export const kindLabel = (k: UnitKind): MessageKey => `units.kind.${k}`;
