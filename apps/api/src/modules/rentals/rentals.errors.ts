import { errors } from '../../app/errors.js';

/** Rental housing's refusals, with stable codes. */
export const rentalErrors = {
  alreadyRegistered: () => errors.conflict('rentals.already_registered', { zh: '该房屋已登记为出租房屋', en: 'This house is already registered as a rental' }),
  withdrawn: () => errors.conflict('rentals.house_withdrawn', { zh: '该出租房屋已停止出租，不能登记入住', en: 'This rental house is withdrawn: no check-ins' }),
  hasTenants: () => errors.conflict('rentals.has_tenants', { zh: '仍有在住租客，请先办理退租', en: 'Tenants still live here: check them out first' }),
  alreadyCheckedIn: () => errors.conflict('rentals.tenant_already_checked_in', { zh: '此人已在该房屋登记在住，不能重复登记', en: 'This person already has an open stay in this house' }),
  alreadyCheckedOut: () => errors.conflict('rentals.already_checked_out', { zh: '该租客已退租', en: 'This tenant has already checked out' }),
  alreadyVerified: () => errors.conflict('rentals.already_verified', { zh: '已核实，无需重复核实', en: 'Already verified' }),
  idNameMismatch: (path: string) =>
    errors.field(path, 'id_name_mismatch', { zh: '姓名与已登记的身份证号不一致，请核对', en: 'the name does not match the registered identity number' }),
  notInFuture: (path: string) => errors.field(path, 'not_in_future', { zh: '日期不能晚于今天', en: 'must not be later than today' }),
};
