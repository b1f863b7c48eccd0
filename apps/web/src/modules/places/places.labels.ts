import type { Lang } from '../../app/i18n/messages';
import type { AddressLevel } from './places.api';

const LEVEL_LABELS: Record<AddressLevel, { zh: string; en: string }> = {
  county: { zh: '县（区）', en: 'County' },
  town: { zh: '乡镇（街道）', en: 'Town / street office' },
  community: { zh: '社区（村）', en: 'Community / village' },
  compound: { zh: '小区（街巷、村民小组）', en: 'Compound / street / village group' },
  building: { zh: '楼栋（院落、门牌）', en: 'Building / courtyard / door no.' },
  unit: { zh: '单元', en: 'Unit' },
  room: { zh: '户室', en: 'Room' },
};

const SHORT_LABELS: Record<AddressLevel, { zh: string; en: string }> = {
  county: { zh: '县', en: 'County' },
  town: { zh: '镇街', en: 'Town' },
  community: { zh: '社区/村', en: 'Community' },
  compound: { zh: '小区', en: 'Compound' },
  building: { zh: '楼院', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  room: { zh: '户室', en: 'Room' },
};

export const LEVEL_COLORS: Record<AddressLevel, string> = {
  county: 'geekblue',
  town: 'blue',
  community: 'cyan',
  compound: 'green',
  building: 'orange',
  unit: 'gold',
  room: 'magenta',
};

export function levelLabel(level: AddressLevel, lang: Lang, short = true): string {
  return (short ? SHORT_LABELS : LEVEL_LABELS)[level][lang];
}

/** Confidence 0–1 as a whole percent. */
export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
