import { validateCreditCode } from '@fengqiao/shared';
import { errors, type Messages } from '../../app/errors.js';

/** Shared by the units use-cases and the spreadsheet import. */
export const CREDIT_CODE_MESSAGES = {
  format: { zh: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）', en: 'must be 18 digits or capital letters without I, O, S, V or Z (GB 32100)' },
  checksum: {
    zh: '统一社会信用代码校验位不符（GB 32100），请核对营业执照；已按原样保存',
    en: 'the check character does not match (GB 32100): check the business licence; saved as entered',
  },
} satisfies Record<string, Messages>;

export interface CheckedCreditCode {
  creditCode: string | null;
  /** null when there is no code. */
  creditCodeOk: boolean | null;
}

/**
 * A malformed code is refused (400 naming the field); a well-formed code whose check character
 * fails is kept, because such codes exist on real licences, and the caller shows a warning.
 */
export function checkCreditCode(input: string | null | undefined, field = 'creditCode'): CheckedCreditCode {
  if (!input?.trim()) return { creditCode: null, creditCodeOk: null };
  const r = validateCreditCode(input);
  if (!r.wellFormed) throw errors.field(field, 'credit_code_format', CREDIT_CODE_MESSAGES.format);
  return { creditCode: r.normalized, creditCodeOk: r.checksumOk };
}
