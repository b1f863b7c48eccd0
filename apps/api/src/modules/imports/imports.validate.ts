import { validateCreditCode, validateIdNumber } from '@fengqiao/shared';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { Messages } from '../../app/errors.js';
import { scopePrefix } from '../../app/policy.js';
import { ID_PROBLEM_MESSAGES } from '../people/people.core.js';
import { CATEGORY_VALUES, HOUSE_USE_VALUES, UNIT_KIND_VALUES, type ImportKind } from './imports.layouts.js';

export interface RowError {
  column: string;
  rule: string;
  message: Messages;
}

export interface ResolvedAddress {
  id: number;
  jurisdictionId: number;
}

/** Full-width to ASCII, no spaces or punctuation, one spelling for building and room words. */
export function normaliseAddress(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000,，.。、\-—_()（）#＃]/g, '')
    .replace(/(\d+)(栋|幢|座|号楼)/g, '$1号楼')
    .replace(/(\d+)(室|户)$/g, '$1');
}

/**
 * Resolves the address column of each row: an exact match (from the community level down, or
 * the whole chain) among the standard addresses in the actor's scope.
 */
export async function loadAddressIndex(db: Queryable, actor: Actor): Promise<Map<string, ResolvedAddress>> {
  const rows = await db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id', 'a.full_name', 'a.jurisdiction_id', 'a.level', 'a.name', 'a.parent_id'])
    .where('j.path', 'like', scopePrefix(actor))
    .where('a.archived_at', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const index = new Map<string, ResolvedAddress>();
  for (const r of rows) {
    const value = { id: r.id, jurisdictionId: r.jurisdiction_id };
    index.set(normaliseAddress(r.full_name), value);
    // The chain from the community (or the compound) down, as stations usually write it.
    const chain: string[] = [];
    let cur: typeof r | undefined = r;
    while (cur) {
      chain.unshift(cur.name);
      if (cur.level === 'community' || cur.level === 'town' || cur.level === 'county') break;
      cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
    }
    for (let start = 0; start < chain.length - 1; start++) {
      const key = normaliseAddress(chain.slice(start).join(''));
      if (!index.has(key)) index.set(key, value);
    }
  }
  return index;
}

export interface ValidationContext {
  kind: ImportKind;
  addresses: Map<string, ResolvedAddress>;
  today: string;
  /** Addresses already registered as rental houses: a tenant row there needs no landlord columns. */
  rentalAddressIds?: Set<number>;
}

/** Standard addresses in scope that are registered, active rental houses. */
export async function loadRentalAddressIds(db: Queryable, actor: Actor): Promise<Set<number>> {
  const rows = await db
    .selectFrom('rental_houses as r')
    .innerJoin('houses as h', 'h.id', 'r.house_id')
    .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
    .select('h.address_id')
    .where('r.status', '=', 'active')
    .where('j.path', 'like', scopePrefix(actor))
    .execute();
  return new Set(rows.map((r) => r.address_id));
}

const req = (column: string): RowError => ({ column, rule: 'required', message: { zh: '必填', en: 'is required' } });

function checkId(column: string, value: string, errors: RowError[], required: boolean): string | null {
  if (!value) {
    if (required) errors.push(req(column));
    return null;
  }
  const r = validateIdNumber(value);
  if (!r.valid) {
    errors.push({ column, rule: `id_${r.problem ?? 'format'}`, message: ID_PROBLEM_MESSAGES[r.problem ?? 'format'] });
    return null;
  }
  return r.normalized;
}

function checkPhone(column: string, value: string, errors: RowError[]): void {
  if (value && !/^(1\d{10}|0\d{2,3}-?\d{7,8}|[0-9+\-() ]{5,20})$/.test(value)) {
    errors.push({ column, rule: 'format_phone', message: { zh: '电话号码格式不正确', en: 'is not a phone number' } });
  }
}

function checkAddress(column: string, value: string, ctx: ValidationContext, errors: RowError[], required = true): ResolvedAddress | null {
  if (!value) {
    if (required) errors.push(req(column));
    return null;
  }
  const found = ctx.addresses.get(normaliseAddress(value));
  if (!found) {
    errors.push({ column, rule: 'address_unmatched', message: { zh: '未找到对应的标准地址（或不在本辖区）', en: 'matches no standard address in your jurisdiction' } });
    return null;
  }
  return found;
}

function checkEnum<T>(column: string, value: string, values: Record<string, T>, errors: RowError[]): T | null {
  if (!value) {
    errors.push(req(column));
    return null;
  }
  const v = values[value];
  if (v === undefined) {
    errors.push({ column, rule: 'invalid_value', message: { zh: `应为：${Object.keys(values).join('、')}`, en: `must be one of: ${Object.keys(values).join(', ')}` } });
    return null;
  }
  return v;
}

function checkInt(column: string, value: string, min: number, max: number, errors: RowError[]): number | null {
  if (!value) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    errors.push({ column, rule: 'invalid_number', message: { zh: `应为 ${min}–${max} 的整数`, en: `must be a whole number from ${min} to ${max}` } });
    return null;
  }
  return n;
}

function checkDate(column: string, value: string, today: string, errors: RowError[]): string | null {
  if (!value) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
  if (!iso || Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso) {
    errors.push({ column, rule: 'invalid_date', message: { zh: '日期格式应为 2025-03-01', en: 'must be a date like 2025-03-01' } });
    return null;
  }
  if (iso > today) {
    errors.push({ column, rule: 'future_date', message: { zh: '不能晚于今天', en: 'cannot be in the future' } });
    return null;
  }
  return iso;
}

export type Resolved = Record<string, unknown>;

/** Checks one row; returns its errors and, when there are none, the values ready to write. */
export function validateRow(data: Record<string, string>, ctx: ValidationContext): { errors: RowError[]; resolved: Resolved } {
  const errors: RowError[] = [];
  const d = (k: string) => (data[k] ?? '').trim();
  const resolved: Resolved = {};
  switch (ctx.kind) {
    case 'people': {
      if (!d('name')) errors.push(req('name'));
      else if (d('name').length > 50) errors.push({ column: 'name', rule: 'too_big', message: { zh: '最多 50 个字符', en: 'at most 50 characters' } });
      resolved.name = d('name');
      resolved.idNumber = checkId('idNumber', d('idNumber'), errors, false);
      resolved.category = checkEnum('category', d('category'), CATEGORY_VALUES, errors);
      checkPhone('phone', d('phone'), errors);
      resolved.phone = d('phone') || null;
      resolved.householdPlace = d('householdPlace') || null;
      resolved.address = checkAddress('address', d('address'), ctx, errors);
      resolved.notes = d('notes') || null;
      break;
    }
    case 'houses': {
      resolved.address = checkAddress('address', d('address'), ctx, errors);
      resolved.use = checkEnum('use', d('use'), HOUSE_USE_VALUES, errors);
      resolved.ownerName = d('ownerName') || null;
      resolved.ownerIdNumber = checkId('ownerIdNumber', d('ownerIdNumber'), errors, false);
      if (resolved.ownerIdNumber && !resolved.ownerName) errors.push(req('ownerName'));
      checkPhone('ownerPhone', d('ownerPhone'), errors);
      resolved.ownerPhone = d('ownerPhone') || null;
      const area = d('area') ? Number(d('area')) : null;
      if (area !== null && (!Number.isFinite(area) || area <= 0 || area > 100000)) errors.push({ column: 'area', rule: 'invalid_number', message: { zh: '面积应为正数', en: 'must be a positive number' } });
      resolved.area = area;
      resolved.occupantLimit = checkInt('occupantLimit', d('occupantLimit'), 1, 200, errors);
      break;
    }
    case 'units': {
      if (!d('name')) errors.push(req('name'));
      resolved.name = d('name');
      resolved.kind = checkEnum('kind', d('kind'), UNIT_KIND_VALUES, errors);
      if (d('creditCode')) {
        const cc = validateCreditCode(d('creditCode'));
        if (!cc.wellFormed) errors.push({ column: 'creditCode', rule: 'credit_code_format', message: { zh: '统一社会信用代码应为 18 位（不含 I、O、S、V、Z）', en: 'must be 18 characters without I, O, S, V, Z' } });
        resolved.creditCode = cc.normalized;
        resolved.creditCodeOk = cc.checksumOk;
      }
      resolved.address = checkAddress('address', d('address'), ctx, errors, false);
      resolved.legalRepresentative = d('legalRepresentative') || null;
      checkPhone('phone', d('phone'), errors);
      resolved.phone = d('phone') || null;
      resolved.employees = checkInt('employees', d('employees'), 0, 1_000_000, errors);
      resolved.keyPlace = d('keyPlace') === '是';
      break;
    }
    case 'rentals': {
      const address = checkAddress('address', d('address'), ctx, errors);
      resolved.address = address;
      // A house already registered as a rental keeps its landlord; a new one needs the landlord's particulars.
      const known = !!address && !!ctx.rentalAddressIds?.has(address.id);
      if (!d('landlordName') && !known) errors.push(req('landlordName'));
      resolved.landlordName = d('landlordName') || null;
      resolved.landlordIdNumber = checkId('landlordIdNumber', d('landlordIdNumber'), errors, !known);
      checkPhone('landlordPhone', d('landlordPhone'), errors);
      resolved.landlordPhone = d('landlordPhone') || null;
      resolved.occupantLimit = checkInt('occupantLimit', d('occupantLimit'), 1, 200, errors);
      const hasTenant = !!(d('tenantName') || d('tenantIdNumber') || d('checkIn'));
      if (hasTenant) {
        if (!d('tenantName')) errors.push(req('tenantName'));
        resolved.tenantName = d('tenantName');
        resolved.tenantIdNumber = checkId('tenantIdNumber', d('tenantIdNumber'), errors, true);
        checkPhone('tenantPhone', d('tenantPhone'), errors);
        resolved.tenantPhone = d('tenantPhone') || null;
        resolved.checkIn = checkDate('checkIn', d('checkIn'), ctx.today, errors);
        if (!d('checkIn')) errors.push(req('checkIn'));
      }
      break;
    }
  }
  return { errors, resolved };
}

/** The same person twice in one file is almost always a copy-paste slip: flag the later rows. */
export function duplicateIdErrors(kind: ImportKind, rows: { rowNumber: number; resolved: Resolved }[]): Map<number, RowError> {
  const column = kind === 'people' ? 'idNumber' : kind === 'rentals' ? 'tenantIdNumber' : null;
  const out = new Map<number, RowError>();
  if (!column) return out;
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = r.resolved[column];
    if (typeof id !== 'string') continue;
    const first = seen.get(id);
    if (first !== undefined) out.set(r.rowNumber, { column, rule: 'duplicate_in_file', message: { zh: `与第 ${first} 行的身份证号重复`, en: `repeats the identity number of row ${first}` } });
    else seen.set(id, r.rowNumber);
  }
  return out;
}
