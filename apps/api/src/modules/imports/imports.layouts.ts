import type { Messages } from '../../app/errors.js';

export type ImportKind = 'people' | 'houses' | 'units' | 'rentals';
export const IMPORT_KINDS: readonly ImportKind[] = ['people', 'houses', 'units', 'rentals'];

export interface Column {
  key: string;
  /** The header a station's ledger uses; aliases are other headers seen in the wild. */
  header: string;
  aliases?: string[];
  required?: boolean;
  width?: number;
}

/** The column layouts of the ledgers stations keep today (实有人口登记表, 出租房屋登记表 …). */
export const LAYOUTS: Record<ImportKind, { title: Messages; sheet: string; columns: Column[] }> = {
  people: {
    title: { zh: '实有人口登记表', en: 'Population register' },
    sheet: '实有人口',
    columns: [
      { key: 'name', header: '姓名', required: true },
      { key: 'idNumber', header: '公民身份号码', aliases: ['身份证号', '身份证号码', '证件号码'], width: 22 },
      { key: 'category', header: '人员类别', aliases: ['类别', '人口类别'], required: true },
      { key: 'phone', header: '联系电话', aliases: ['电话', '手机号', '手机号码'], width: 16 },
      { key: 'ethnicity', header: '民族' },
      { key: 'householdPlace', header: '户籍地址', aliases: ['户籍地', '户籍所在地'], width: 28 },
      { key: 'address', header: '现住址', aliases: ['居住地址', '实际居住地址', '现居住地址'], required: true, width: 40 },
      { key: 'notes', header: '备注' },
    ],
  },
  houses: {
    title: { zh: '实有房屋登记表', en: 'House register' },
    sheet: '实有房屋',
    columns: [
      { key: 'address', header: '房屋地址', aliases: ['地址', '标准地址'], required: true, width: 40 },
      { key: 'use', header: '房屋用途', aliases: ['用途', '使用性质'], required: true },
      { key: 'ownerName', header: '房主姓名', aliases: ['产权人', '房主'] },
      { key: 'ownerIdNumber', header: '房主身份证号', aliases: ['产权人身份证号'], width: 22 },
      { key: 'ownerPhone', header: '房主电话', width: 16 },
      { key: 'area', header: '建筑面积', aliases: ['面积', '面积（平方米）'] },
      { key: 'occupantLimit', header: '限住人数', aliases: ['核定人数'] },
    ],
  },
  units: {
    title: { zh: '实有单位登记表', en: 'Unit register' },
    sheet: '实有单位',
    columns: [
      { key: 'name', header: '单位名称', required: true, width: 28 },
      { key: 'kind', header: '单位类别', aliases: ['类别', '单位类型'], required: true },
      { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码'], width: 22 },
      { key: 'address', header: '单位地址', aliases: ['地址', '经营地址'], width: 40 },
      { key: 'legalRepresentative', header: '法定代表人', aliases: ['负责人'] },
      { key: 'phone', header: '联系电话', aliases: ['电话'], width: 16 },
      { key: 'employees', header: '从业人数', aliases: ['员工人数'] },
      { key: 'keyPlace', header: '重点单位', aliases: ['是否重点单位'] },
    ],
  },
  rentals: {
    title: { zh: '出租房屋登记表', en: 'Rental register' },
    sheet: '出租房屋',
    columns: [
      { key: 'address', header: '出租房屋地址', aliases: ['房屋地址', '地址'], required: true, width: 40 },
      // Needed for a house not yet registered as a rental; checked row by row.
      { key: 'landlordName', header: '房东姓名', aliases: ['出租人', '房主姓名'] },
      { key: 'landlordIdNumber', header: '房东身份证号', aliases: ['出租人身份证号'], width: 22 },
      { key: 'landlordPhone', header: '房东电话', aliases: ['出租人电话'], width: 16 },
      { key: 'occupantLimit', header: '限住人数', aliases: ['核定人数'] },
      { key: 'tenantName', header: '承租人姓名', aliases: ['租客姓名'] },
      { key: 'tenantIdNumber', header: '承租人身份证号', aliases: ['租客身份证号'], width: 22 },
      { key: 'tenantPhone', header: '承租人电话', aliases: ['租客电话'], width: 16 },
      { key: 'checkIn', header: '入住日期', aliases: ['入住时间', '承租日期'], width: 14 },
    ],
  },
};

export const CATEGORY_VALUES: Record<string, 'registered' | 'floating' | 'tenant'> = {
  户籍: 'registered',
  户籍人口: 'registered',
  常住: 'registered',
  流动: 'floating',
  流动人口: 'floating',
  暂住: 'floating',
  承租: 'tenant',
  承租人: 'tenant',
  租户: 'tenant',
};

export const HOUSE_USE_VALUES: Record<string, 'own' | 'rental' | 'vacant' | 'business' | 'other'> = {
  自住: 'own',
  出租: 'rental',
  空置: 'vacant',
  闲置: 'vacant',
  经营: 'business',
  商用: 'business',
  其他: 'other',
};

export const UNIT_KIND_VALUES: Record<string, 'enterprise' | 'shop' | 'venue' | 'school' | 'key_place' | 'other'> = {
  企业: 'enterprise',
  商铺: 'shop',
  门店: 'shop',
  个体工商户: 'shop',
  场所: 'venue',
  娱乐场所: 'venue',
  学校: 'school',
  幼儿园: 'school',
  重点场所: 'key_place',
  其他: 'other',
};
