import { maskPhone } from '@fengqiao/shared';
import type { Actor } from '../../app/actor.js';
import { beijing, workbook } from '../../app/excel.js';
import { can } from '../../app/policy.js';
import { flagsOf } from './rentals.flags.js';
import type { LedgerRow } from './rentals.repository.js';
import type { FlagClock, RentalFlag } from './rentals.rules.js';

export const FLAG_LABELS_ZH: Record<RentalFlag, string> = {
  unverified: '超期未核实',
  agreement_missing: '未签责任书',
  agreement_expired: '责任书过期',
  agreement_expiring: '责任书将到期',
  over_limit: '超员',
};

/**
 * 出租房屋台账: one row per tenant living there now, and one row for each house nobody rents at
 * the moment, so the ledger counts every house. Identity numbers masked; whole phone numbers for
 * police roles only.
 */
export function exportLedger(actor: Actor, rows: LedgerRow[], clock: FlagClock): Promise<Buffer> {
  const phone = (p: string | null) => (p ? (can(actor, 'people.viewIdentity') ? p : maskPhone(p)) : null);
  return workbook<LedgerRow>(
    '出租房屋台账',
    [
      { header: '社区/村', width: 16, value: (r) => r.community_name },
      { header: '管辖单位', width: 16, value: (r) => r.jurisdiction_name },
      { header: '房屋地址', width: 40, value: (r) => r.address },
      { header: '房东', width: 10, value: (r) => r.landlord_name },
      { header: '房东电话', width: 14, value: (r) => phone(r.landlord_phone) },
      { header: '限住人数', width: 10, value: (r) => r.occupant_limit },
      { header: '在住人数', width: 10, value: (r) => r.open_tenancies ?? 0 },
      { header: '租客', width: 10, value: (r) => r.tenant_name },
      { header: '租客身份证号', width: 22, value: (r) => r.tenant_id_masked },
      { header: '租客电话', width: 14, value: (r) => phone(r.tenant_phone) },
      { header: '入住日期', width: 12, value: (r) => r.check_in },
      { header: '入住核实', width: 20, value: (r) => (r.tenancy_id === null ? null : r.verified_at ? beijing(r.verified_at) : '未核实') },
      { header: '责任书到期', width: 12, value: (r) => r.agreement_expires_on ?? '未签' },
      { header: '预警', width: 30, value: (r) => flagsOf(r).map((f) => FLAG_LABELS_ZH[f]).join('、') },
      { header: '统计日期', width: 12, value: () => clock.today },
    ],
    rows,
  );
}
