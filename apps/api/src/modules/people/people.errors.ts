import { AppError, errors } from '../../app/errors.js';

/**
 * 409 `people.duplicate_identity`: the number is registered already. The existing person's id
 * comes along only when the actor may open that record; otherwise the answer says no more than
 * the unique number itself does.
 */
export class DuplicateIdentityError extends AppError {
  constructor(readonly existingPersonId: number | null) {
    super('people.duplicate_identity', 409, {
      zh: existingPersonId ? '该身份证号已登记，请打开已有人员记录' : '该身份证号已在其他辖区登记',
      en: existingPersonId ? 'This identity number is already registered: open the existing person' : 'This identity number is already registered in another jurisdiction',
    });
    this.name = 'DuplicateIdentityError';
  }
}

export const peopleErrors = {
  placeRequired: () => errors.field('addressId', 'required', { zh: '请选择现住址或所属辖区', en: 'give an address or a jurisdiction' }),
  moveBeforeCurrent: (since: string) =>
    errors.field('fromDate', 'before_current_address', { zh: `迁入日期不能早于当前住址的起始日期 ${since}`, en: `must not be before the current address's start date ${since}` }),
  sameAddress: () => errors.conflict('people.same_address', { zh: '该人员已登记在此地址', en: 'The person already lives at this address' }),
};
