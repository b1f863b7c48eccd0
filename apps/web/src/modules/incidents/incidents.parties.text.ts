import { fillParams, type Lang } from '../../app/i18n/messages';
import type { PartyRole } from './incidents.api';

/** Words of the parties section, the intake form's party rows and the address correction. */
const TEXT = {
  parties: { zh: '当事人', en: 'Parties' },
  noParties: { zh: '暂无当事人', en: 'No parties recorded' },
  addParty: { zh: '添加当事人', en: 'Add party' },
  removeParty: { zh: '移除', en: 'Remove' },
  removeConfirm: { zh: '移除当事人“{name}”？', en: 'Remove party “{name}”?' },
  role: { zh: '身份', en: 'Role' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'Identity number' },
  idNumberHint: { zh: '填写后自动关联实有人口，并用于同一当事人的重复警情研判', en: 'Links the registered person and the same party’s repeat incidents' },
  person: { zh: '人员档案', en: 'Person record' },
  injured: { zh: '有人受伤', en: 'Injured' },
  note: { zh: '备注', en: 'Note' },
  added: { zh: '已添加当事人', en: 'Party added' },
  removed: { zh: '已移除当事人', en: 'Party removed' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  correct: { zh: '校正地址', en: 'Correct address' },
  correctTitle: { zh: '校正标准地址', en: 'Correct the standard address' },
  correctIntro: { zh: '选择匹配候选或搜索标准地址；警情将改用该地址的坐标和辖区，并重新研判同地址重复警情。', en: 'Pick a candidate or search the standard addresses; the incident takes that address’s coordinates and jurisdiction, and repeat linking by address is redone.' },
  candidates: { zh: '匹配候选', en: 'Candidates' },
  search: { zh: '搜索标准地址', en: 'Search standard addresses' },
  corrected: { zh: '人工校正', en: 'Corrected' },
  correctedBy: { zh: '{name} 于 {at} 校正', en: 'Corrected by {name} at {at}' },
  correctedOk: { zh: '地址已校正', en: 'Address corrected' },
  personIncidents: { zh: '涉及警情（{n}）', en: 'Incidents ({n})' },
  noPersonIncidents: { zh: '暂无涉及的警情', en: 'No incidents' },
  chooseAddress: { zh: '请选择标准地址', en: 'Choose a standard address' },
} satisfies Record<string, { zh: string; en: string }>;

export type PartiesTextKey = keyof typeof TEXT;

export function partiesText(lang: Lang, key: PartiesTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const ROLE_LABELS: Record<PartyRole, { zh: string; en: string }> = {
  caller: { zh: '报警人', en: 'Caller' },
  party: { zh: '纠纷当事人', en: 'Party' },
  victim: { zh: '受害人', en: 'Victim' },
  suspect: { zh: '嫌疑人', en: 'Suspect' },
  witness: { zh: '证人', en: 'Witness' },
};

export const ROLE_COLORS: Record<PartyRole, string> = { caller: 'blue', party: 'orange', victim: 'magenta', suspect: 'red', witness: 'default' };
