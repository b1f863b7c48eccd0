import type { CaseAgreementsTable, TransferKind } from '../../app/db/schema.js';
import type { Selectable } from 'kysely';
import type { DocBlock, PrintableDocument } from './documents.js';
import type { CaseSheet, PartySheet } from './transfers.repository.js';

const SHANGHAI_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of an instant in Beijing time. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** '2026年11月24日' */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

interface KindText {
  /** Document name. */
  name: string;
  /** Letter in the document number: 枫公调〔2026〕12号. */
  series: string;
  /** What the letter asks of the department. */
  ask: string;
}

export const TRANSFER_KINDS: Record<TransferKind, KindText> = {
  gongdiao: {
    name: '公调对接通知单',
    series: '公调',
    ask: '依照公安机关与人民调解组织“公调对接”工作机制，现将该纠纷移送贵单位，请组织人民调解员依法开展调解。',
  },
  liandiao: {
    name: '联调联处通知单',
    series: '联调',
    ask: '该纠纷涉及贵单位职责范围，需多部门联合调处。请贵单位指派专人，会同我所共同开展调处工作。',
  },
  weituo: {
    name: '委托调解函',
    series: '委调',
    ask: '经当事人同意，现委托贵单位对该纠纷进行调解。调解结果请书面函告我所。',
  },
};

/** The document-number prefix of a kind in a year; the serial follows it: 枫公调〔2026〕12号. */
export function docNoPrefix(kind: TransferKind, year: string): string {
  return `枫${TRANSFER_KINDS[kind].series}〔${year}〕`;
}

export function agreementNoPrefix(year: string): string {
  return `枫调协〔${year}〕`;
}

const SIDES: Record<PartySheet['side'], string> = { applicant: '申请人', respondent: '被申请人', other: '其他当事人' };

function issuer(sheet: CaseSheet): string {
  const station = sheet.station?.name ?? '';
  const bureau = sheet.bureau?.name ?? '';
  return `${bureau}${station}` || '派出所';
}

function partyClaims(sheet: CaseSheet): string {
  if (sheet.parties.length === 0) return '（未登记当事人）';
  return sheet.parties.map((p) => `${SIDES[p.side]}${p.name}：${p.claims.trim() || '未提出具体诉求'}`).join('\n');
}

export interface LetterInput {
  kind: TransferKind;
  docNo: string;
  departmentName: string;
  note: string;
  sentAt: Date;
  ackDueAt: Date;
  dueAt: Date;
}

/** 两书一函: addressed to the department, with the A file's summary and the parties' claims only. */
export function transferLetter(sheet: CaseSheet, t: LetterInput): PrintableDocument {
  const k = TRANSFER_KINDS[t.kind];
  const blocks: DocBlock[] = [
    { kind: 'center', text: issuer(sheet) },
    { kind: 'title', text: k.name },
    { kind: 'center', text: t.docNo },
    { kind: 'gap' },
    { kind: 'left', text: `${t.departmentName}：` },
    {
      kind: 'para',
      text: `我所受理的“${sheet.title}”矛盾纠纷（案件编号：${sheet.case_no}，纠纷类型：${sheet.dispute_type_name}），经研判需移交贵单位办理。${k.ask}`,
    },
    { kind: 'heading', text: '一、纠纷概况' },
    { kind: 'para', text: sheet.summary.trim() || sheet.title },
    { kind: 'heading', text: '二、当事人及诉求' },
    { kind: 'para', text: partyClaims(sheet) },
  ];
  if (t.note.trim()) blocks.push({ kind: 'heading', text: '三、移交说明' }, { kind: 'para', text: t.note });
  blocks.push(
    { kind: 'heading', text: `${t.note.trim() ? '四' : '三'}、办理要求` },
    {
      kind: 'para',
      text:
        `请于${chineseDate(shanghaiDay(t.ackDueAt))}前签收本${k.name.endsWith('函') ? '函' : '通知单'}（接收或说明理由退回），` +
        `并于${chineseDate(shanghaiDay(t.dueAt))}前将办理进展和结果反馈我所。逾期未签收或未办结的，我所将跟踪督办。`,
    },
    { kind: 'para', text: `联系人：${sheet.officer_name ?? '值班民警'}` },
    { kind: 'gap' },
    { kind: 'right', text: `${sheet.station?.name ?? issuer(sheet)}（盖章）` },
    { kind: 'right', text: chineseDate(shanghaiDay(t.sentAt)) },
  );
  return { title: `${k.name} ${t.docNo}`, subject: sheet.case_no, blocks };
}

function age(birthDate: string | null, on: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const GENDERS = { male: '男', female: '女', unknown: null } as const;

/** 当事人基本情况: name, gender, age and address (art. 29); never identity numbers. */
function partyLine(p: PartySheet, on: string): string {
  const parts = [`${SIDES[p.side]}：${p.name}`];
  const g = p.gender ? GENDERS[p.gender] : null;
  if (g) parts.push(g);
  const a = age(p.birth_date, on);
  if (a !== null) parts.push(`${a}岁`);
  if (p.address) parts.push(`住${p.address}`);
  return parts.join('，');
}

/** 调解协议书 with the content of the People's Mediation Law art. 29. */
export function agreementDocument(sheet: CaseSheet, a: Selectable<CaseAgreementsTable>, today: string): PrintableDocument {
  const on = a.signed_on ?? today;
  const copies = Math.max(sheet.parties.length, 2) + 1;
  const blocks: DocBlock[] = [
    { kind: 'center', text: issuer(sheet) },
    { kind: 'title', text: '调解协议书' },
    { kind: 'center', text: a.agreement_no },
    { kind: 'gap' },
    { kind: 'heading', text: '当事人基本情况' },
    { kind: 'para', text: sheet.parties.length ? sheet.parties.map((p) => partyLine(p, on)).join('\n') : '（未登记当事人）' },
    { kind: 'heading', text: '纠纷主要事实' },
    { kind: 'para', text: a.facts },
    { kind: 'heading', text: '争议事项' },
    { kind: 'para', text: a.issues },
  ];
  if (a.responsibilities.trim()) blocks.push({ kind: 'heading', text: '各方责任' }, { kind: 'para', text: a.responsibilities });
  blocks.push(
    { kind: 'heading', text: '经调解，各方当事人自愿达成如下协议' },
    { kind: 'para', text: a.terms },
    { kind: 'heading', text: '履行方式和期限' },
    { kind: 'para', text: a.performance },
    {
      kind: 'para',
      text:
        '本协议经各方当事人签名（盖章）、调解员签名并加盖调解组织印章后生效，具有法律约束力，当事人应当按照约定履行。' +
        (a.judicial_confirmation ? '各方当事人同意自本协议生效之日起三十日内共同向人民法院申请司法确认。' : ''),
    },
    { kind: 'para', text: `本协议一式${copies}份，各方当事人各执一份，调解组织留存一份。` },
    { kind: 'gap' },
    ...sheet.parties.map((p): DocBlock => ({ kind: 'left', text: `${SIDES[p.side]}（签名或盖章）：__________    ${p.name}    日期：________` })),
    { kind: 'left', text: `调解员（签名）：__________    ${a.mediator_names}` },
    { kind: 'gap' },
    { kind: 'right', text: `调解组织：${sheet.station?.name ?? issuer(sheet)}（盖章）` },
    { kind: 'right', text: a.signed_on ? chineseDate(a.signed_on) : '____年__月__日' },
  );
  return { title: `调解协议书 ${a.agreement_no}`, subject: sheet.case_no, blocks };
}
