import type { MessageKey } from '../../app/i18n/messages';
import type { Gender, PersonCategory, ResidenceKind } from './people.api';

export const CATEGORY_COLORS: Record<PersonCategory, string> = { registered: 'blue', floating: 'orange', tenant: 'purple' };

export const categoryLabel = (c: PersonCategory): MessageKey => `people.category.${c}`;
export const genderLabel = (g: Gender): MessageKey => `people.gender.${g}`;
export const residenceKindLabel = (k: ResidenceKind): MessageKey => `people.addressKind.${k}`;

/** Whole years between a birth date and today. */
export function ageOf(birthDate: string | null, today = new Date()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
