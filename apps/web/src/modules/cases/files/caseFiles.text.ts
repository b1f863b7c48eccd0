import { fillParams, type Lang } from '../../../app/i18n/messages';
import type { EducationTopic, EvidenceKind, MediationOutcome, MediatorForce, RelationKind } from './caseFiles.api';

/** The A-file (evidence, mediation sessions) and B-file panels' own words, Chinese first. */
const TEXT = {
  evidenceTitle: { zh: '证据材料', en: 'Evidence' },
  evidenceEmpty: { zh: '暂无证据材料', en: 'No evidence yet' },
  evidenceAdd: { zh: '上传材料', en: 'Upload' },
  evidenceKind: { zh: '材料类别', en: 'Kind' },
  evidenceDescription: { zh: '说明', en: 'Description' },
  evidenceDescriptionPlaceholder: { zh: '如：现场调解照片、询问笔录、宅基地确权证明', en: 'e.g. mediation photo, inquiry record, homestead title' },
  evidenceFile: { zh: '文件', en: 'File' },
  evidencePick: { zh: '选择文件或拍照', en: 'Choose a file or take a photo' },
  evidenceChange: { zh: '更换文件', en: 'Change file' },
  evidenceHelp: { zh: '{types}，不超过 {mb} MB；系统按文件内容核验类型并记录校验值', en: '{types}, at most {mb} MB; the type is checked by content and a checksum recorded' },
  evidenceTooBig: { zh: '文件不能超过 {mb} MB', en: 'The file must be at most {mb} MB' },
  evidenceFileRequired: { zh: '请选择文件', en: 'Choose a file' },
  evidenceSaved: { zh: '材料已上传', en: 'Evidence uploaded' },
  evidenceDownload: { zh: '下载', en: 'Download' },
  evidenceDownloadNote: { zh: '每次下载均记入审计日志', en: 'Every download is recorded in the audit log' },
  evidenceBy: { zh: '{name} 上传于 {time}', en: 'Uploaded by {name}, {time}' },
  evidenceChecksum: { zh: '校验值 SHA-256', en: 'SHA-256 checksum' },
  evidenceMediatorOnlyDocs: { zh: '调解员可上传书面材料', en: 'Mediators may upload documents' },

  sessionsTitle: { zh: '调解记录', en: 'Mediation sessions' },
  sessionsEmpty: { zh: '暂无调解记录', en: 'No mediation sessions yet' },
  sessionAdd: { zh: '记录调解', en: 'Record a session' },
  sessionHeldAt: { zh: '调解时间', en: 'Held at' },
  sessionPlace: { zh: '调解地点', en: 'Place' },
  sessionPlacePlaceholder: { zh: '如：城关派出所老马调解室', en: 'e.g. the station’s mediation room' },
  sessionMediators: { zh: '调解人员（四支力量）', en: 'Mediators (four forces)' },
  sessionMediatorForce: { zh: '力量', en: 'Force' },
  sessionMediatorName: { zh: '姓名', en: 'Name' },
  sessionMediatorAdd: { zh: '添加调解人员', en: 'Add a mediator' },
  sessionMediatorRemove: { zh: '移除', en: 'Remove' },
  sessionMediatorsRequired: { zh: '至少需要一名调解人员', en: 'At least one mediator is needed' },
  sessionAttendees: { zh: '参加人员', en: 'Attendees' },
  sessionRecord: { zh: '调解情况记录', en: 'Record' },
  sessionOutcome: { zh: '调解结果', en: 'Outcome' },
  sessionSaved: { zh: '调解记录已保存', en: 'Session recorded' },
  sessionFuture: { zh: '调解时间不能晚于现在', en: 'Must not be in the future' },
  sessionBy: { zh: '{name} 记录', en: 'Recorded by {name}' },

  bfileTitle: { zh: 'B卷（当事人档案）', en: 'B file (parties)' },
  bfileNote: { zh: 'B卷仅限本辖区公安民警查阅，每次查阅均记入审计日志；调解员和责任单位不可见。', en: 'The B file is for the police of the jurisdiction only; every read is audited. Mediators and partner departments never see it.' },
  bfileEmpty: { zh: '本案尚无当事人', en: 'The case has no parties yet' },
  side_applicant: { zh: '申请人', en: 'Applicant' },
  side_respondent: { zh: '被申请人', en: 'Respondent' },
  side_other: { zh: '其他当事人', en: 'Other party' },
  notLinked: { zh: '尚未关联实有人口档案', en: 'Not yet linked to a person record' },
  registerPerson: { zh: '登记为实有人口', en: 'Register as a person' },
  registerPersonTitle: { zh: '登记当事人人员档案', en: 'Register the party as a person' },
  registerPersonHelp: { zh: '已登记身份证号的当事人可直接登记；同一身份证号的人员档案会被复用。', en: 'A party with a recorded identity number can be registered directly; an existing record with the same number is reused.' },
  registered: { zh: '已关联人员档案', en: 'Linked to the person record' },
  idNumber: { zh: '公民身份号码', en: 'Identity number' },
  idNumberOptional: { zh: '身份证号（当事人未登记时必填）', en: 'Identity number (needed if the party has none)' },
  category: { zh: '人员类别', en: 'Category' },
  category_registered: { zh: '户籍人口', en: 'Registered' },
  category_floating: { zh: '流动人口', en: 'Floating' },
  category_tenant: { zh: '租住人员', en: 'Tenant' },
  householdPlace: { zh: '户籍地', en: 'Household registration' },
  gender: { zh: '性别', en: 'Gender' },
  gender_male: { zh: '男', en: 'Male' },
  gender_female: { zh: '女', en: 'Female' },
  gender_unknown: { zh: '未知', en: 'Unknown' },
  birthDate: { zh: '出生日期', en: 'Born' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  phone: { zh: '联系电话', en: 'Phone' },
  openPerson: { zh: '打开人员档案', en: 'Open the person record' },
  registration: { zh: '一标三实登记', en: 'Registration (一标三实)' },
  standardAddress: { zh: '标准地址', en: 'Standard address' },
  house: { zh: '实有房屋', en: 'House' },
  houseOwner: { zh: '房主：{name}', en: 'Owner: {name}' },
  tenancy: { zh: '租住', en: 'Tenancy' },
  tenancyLine: { zh: '{address}（房东 {landlord}，{date} 入住{verified}）', en: '{address} (landlord {landlord}, since {date}{verified})' },
  verified: { zh: '，已核验', en: ', verified' },
  workUnit: { zh: '工作单位', en: 'Work unit' },
  none: { zh: '无', en: 'None' },
  household: { zh: '家庭成员与同住人员', en: 'Household' },
  coResidents: { zh: '同地址登记人员', en: 'Others registered at the address' },
  relations: { zh: '社会关系', en: 'Relations' },
  relationAdd: { zh: '添加关系人', en: 'Add a relation' },
  relationKind: { zh: '关系', en: 'Relation' },
  relationName: { zh: '姓名', en: 'Name' },
  relationPerson: { zh: '关联人员档案（可选）', en: 'Person record (optional)' },
  relationSameHousehold: { zh: '同户', en: 'Same household' },
  relationPhone: { zh: '电话', en: 'Phone' },
  relationNote: { zh: '备注', en: 'Note' },
  relationRemove: { zh: '删除', en: 'Remove' },
  relationRemoveConfirm: { zh: '删除关系人“{name}”？', en: 'Remove “{name}”?' },
  relationSaved: { zh: '关系人已添加', en: 'Relation added' },
  relationRemoved: { zh: '关系人已删除', en: 'Relation removed' },
  relationNameOrPerson: { zh: '请填写姓名或选择人员档案', en: 'Enter a name or choose a person record' },
  education: { zh: '宣传教育', en: 'Prevention education' },
  educationAdd: { zh: '记录宣传', en: 'Record education' },
  educationTopic: { zh: '宣传内容', en: 'Topic' },
  educationDate: { zh: '宣传日期', en: 'Date' },
  educationNote: { zh: '备注', en: 'Note' },
  educationBy: { zh: '{name}', en: '{name}' },
  educationSaved: { zh: '宣传记录已保存', en: 'Education recorded' },
  educationNone: { zh: '尚无宣传记录', en: 'No education recorded yet' },
  missingTopics: { zh: '尚未宣传：{topics}', en: 'Not yet covered: {topics}' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
  reload: { zh: '重试', en: 'Retry' },
} as const;

export type TextKey = keyof typeof TEXT;

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const EVIDENCE_KIND_LABELS: Labels<EvidenceKind> = {
  photo: { zh: '照片', en: 'Photo' },
  video: { zh: '视频', en: 'Video' },
  document: { zh: '书面材料', en: 'Document' },
  followup: { zh: '跟进盯办材料', en: 'Follow-up material' },
};

export const FORCE_LABELS: Labels<MediatorForce> = {
  grid: { zh: '村（网格）调解', en: 'Village / grid mediation' },
  town: { zh: '镇人民调解', en: 'Town people’s mediation' },
  police_room: { zh: '警务室民警调解', en: 'Police-room mediation' },
  judicial: { zh: '司法专职调解', en: 'Judicial professional mediation' },
};

export const OUTCOME_LABELS: Labels<MediationOutcome> = {
  agreed: { zh: '达成一致', en: 'Agreed' },
  partial: { zh: '部分达成', en: 'Partly agreed' },
  adjourned: { zh: '择期再调', en: 'Adjourned' },
  failed: { zh: '调解不成', en: 'Failed' },
};

export const RELATION_LABELS: Labels<RelationKind> = {
  spouse: { zh: '配偶', en: 'Spouse' },
  parent: { zh: '父母', en: 'Parent' },
  child: { zh: '子女', en: 'Child' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  grandparent: { zh: '祖父母/外祖父母', en: 'Grandparent' },
  grandchild: { zh: '孙子女/外孙子女', en: 'Grandchild' },
  other_family: { zh: '其他亲属', en: 'Other family' },
  friend: { zh: '朋友', en: 'Friend' },
  colleague: { zh: '同事', en: 'Colleague' },
  neighbour: { zh: '邻居', en: 'Neighbour' },
  landlord: { zh: '房东', en: 'Landlord' },
  tenant: { zh: '租客', en: 'Tenant' },
  other: { zh: '其他', en: 'Other' },
};

export const TOPIC_LABELS: Labels<EducationTopic> = {
  anti_fraud: { zh: '反诈宣传', en: 'Anti-fraud' },
  anti_drug: { zh: '禁毒宣传', en: 'Anti-drug' },
  illegal_passenger: { zh: '三轮车电动车非法载人', en: 'No passengers on tricycles and e-bikes' },
  helmet_belt: { zh: '一盔一带', en: 'Helmet and seat belt' },
};

export function label<K extends string>(labels: Labels<K>, lang: Lang, key: K): string {
  return labels[key]?.[lang] ?? key;
}
