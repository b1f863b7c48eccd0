import type { MessageKey } from '../../app/i18n/messages';
import type { HouseUse } from './houses.api';

export const USE_COLORS: Record<HouseUse, string> = { own: 'blue', rental: 'purple', vacant: 'default', business: 'gold', other: 'default' };
export const useLabel = (u: HouseUse): MessageKey => `houses.use.${u}`;
