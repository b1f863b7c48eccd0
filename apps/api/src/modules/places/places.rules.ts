import type { Messages } from '../../app/errors.js';
import type { AddressLevelName } from './places.schemas.js';

/**
 * Which level may sit directly under which. Each step goes one level down, with one exception:
 * a building may hold rooms directly (no 单元), for village courtyards (院/号) that are let by
 * the room and small buildings without stairwells. A village's courtyard itself is a building
 * (姚村 → 一组 → 12号), so it needs neither unit nor room.
 */
export const CHILD_LEVELS: Record<AddressLevelName, readonly AddressLevelName[]> = {
  county: ['town'],
  town: ['community'],
  community: ['compound'],
  compound: ['building'],
  building: ['unit', 'room'],
  unit: ['room'],
  room: [],
};

export const LEVEL_LABELS: Record<AddressLevelName, Messages> = {
  county: { zh: '县（区）', en: 'county' },
  town: { zh: '乡镇（街道）', en: 'town or street office' },
  community: { zh: '社区（村）', en: 'community or village' },
  compound: { zh: '小区（街巷、村民小组）', en: 'compound, street or village group' },
  building: { zh: '楼栋（院落、门牌）', en: 'building, courtyard or door number' },
  unit: { zh: '单元', en: 'unit' },
  room: { zh: '户室', en: 'room' },
};
