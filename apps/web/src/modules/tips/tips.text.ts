import { fillParams, type Lang } from '../../app/i18n/messages';
import type { TipCategory, TipStatus } from './tips.api';

/** The tip pages' own words, Chinese first. */
const TEXT = {
  reportTitle: { zh: '上报线索', en: 'Report a tip' },
  reportIntro: { zh: '看到可疑情况、安全隐患或矛盾纠纷，写下来、拍张照，派出所会尽快研判。', en: 'Saw something suspicious, a hazard or a dispute? Describe it, add a photo, and the station will look at it.' },
  back: { zh: '返回首页', en: 'Back' },
  text: { zh: '线索内容', en: 'What did you see?' },
  textPlaceholder: { zh: '时间、地点、人员、车辆、经过……', en: 'When, where, who, which vehicle, what happened…' },
  category: { zh: '线索类别', en: 'Category' },
  location: { zh: '位置', en: 'Location' },
  useLocation: { zh: '使用我的位置', en: 'Use my location' },
  locating: { zh: '正在定位…', en: 'Locating…' },
  located: { zh: '已定位：{lat}, {lon}（误差约 {acc} 米）', en: 'Located: {lat}, {lon} (±{acc} m)' },
  clearLocation: { zh: '清除位置', en: 'Clear location' },
  geoDenied: { zh: '无法获取位置：您拒绝了定位权限。请在浏览器设置中允许定位，或在下方填写地址。', en: 'Location unavailable: permission was denied. Allow it in the browser settings, or type the address below.' },
  geoFailed: { zh: '暂时无法定位，请在下方填写地址。', en: 'Could not get a position; type the address below.' },
  geoUnsupported: { zh: '此设备不支持定位，请在下方填写地址。', en: 'This device cannot share its location; type the address below.' },
  address: { zh: '地址（可选）', en: 'Address (optional)' },
  addressPlaceholder: { zh: '如：东湖新村3幢南侧路口', en: 'e.g. the south corner of building 3, 东湖新村' },
  photos: { zh: '照片（最多 3 张）', en: 'Photos (up to 3)' },
  addPhoto: { zh: '拍照或选择照片', en: 'Take or choose a photo' },
  removePhoto: { zh: '移除 {name}', en: 'Remove {name}' },
  tooManyPhotos: { zh: '最多 3 张照片', en: 'At most 3 photos' },
  photoTooBig: { zh: '{name} 超过 10 MB', en: '{name} is larger than 10 MB' },
  submit: { zh: '提交线索', en: 'Send the tip' },
  submitted: { zh: '线索已提交，感谢您的参与！', en: 'Tip sent. Thank you!' },
  textRequired: { zh: '请填写线索内容', en: 'Describe what you saw' },
  myTips: { zh: '我的线索', en: 'My tips' },
  noTips: { zh: '还没有上报过线索', en: 'No tips yet' },
  incidentLinked: { zh: '已立为警情 #{id}：{summary}（{status}）', en: 'Became incident #{id}: {summary} ({status})' },
  dismissReason: { zh: '未采纳原因：{reason}', en: 'Not taken up: {reason}' },
  points: { zh: '+{n} 分', en: '+{n} pts' },
  photoCount: { zh: '{n} 张照片', en: '{n} photo(s)' },
  // triage
  triageTitle: { zh: '线索研判', en: 'Tip triage' },
  triageIntro: { zh: '志愿者和网格员上报的线索：采纳即按“志愿者线索”渠道登记为警情，不采纳须写明原因，上报人可看到结果。', en: 'Tips from volunteers and grid workers: accepting registers an incident on the “volunteer tip” channel; dismissing needs a reason. The reporter sees the outcome.' },
  status: { zh: '状态', en: 'Status' },
  reporter: { zh: '上报人', en: 'Reporter' },
  reportedAt: { zh: '上报时间', en: 'Reported' },
  jurisdiction: { zh: '所属单位', en: 'Jurisdiction' },
  coords: { zh: '坐标', en: 'Coordinates' },
  noLocation: { zh: '未提供位置', en: 'No location' },
  accept: { zh: '采纳立警', en: 'Accept' },
  dismiss: { zh: '不予采纳', en: 'Dismiss' },
  acceptTitle: { zh: '采纳线索 #{id} 并登记警情', en: 'Accept tip #{id} as an incident' },
  dismissTitle: { zh: '不予采纳线索 #{id}', en: 'Dismiss tip #{id}' },
  incidentCategory: { zh: '警情类别', en: 'Incident category' },
  summary: { zh: '简要警情', en: 'Summary' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  reason: { zh: '原因', en: 'Reason' },
  reasonPlaceholder: { zh: '如：经核实为正常经营活动', en: 'e.g. checked: ordinary business' },
  accepted: { zh: '已采纳，警情 #{id} 已登记', en: 'Accepted: incident #{id} registered' },
  dismissed: { zh: '已标记为不予采纳', en: 'Dismissed' },
  openIncident: { zh: '查看警情 #{id}', en: 'Open incident #{id}' },
  triagedBy: { zh: '{name} 于 {at} 研判', en: 'Triaged by {name} at {at}' },
  empty: { zh: '没有待研判的线索', en: 'No tips waiting' },
  all: { zh: '全部', en: 'All' },
  photo: { zh: '线索照片 {n}', en: 'Tip photo {n}' },
  cancel: { zh: '取消', en: 'Cancel' },
  required: { zh: '必填', en: 'Required' },
} as const;

export type TipTextKey = keyof typeof TEXT;

export function tipText(lang: Lang, key: TipTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const CATEGORY_LABELS: Record<TipCategory, { zh: string; en: string }> = {
  security: { zh: '治安情况', en: 'Public order' },
  dispute: { zh: '矛盾纠纷', en: 'Dispute' },
  hazard: { zh: '安全隐患', en: 'Hazard' },
  fraud: { zh: '诈骗线索', en: 'Fraud' },
  drugs: { zh: '涉毒线索', en: 'Drugs' },
  traffic: { zh: '交通问题', en: 'Traffic' },
  other: { zh: '其他', en: 'Other' },
};

export const STATUS_LABELS: Record<TipStatus, { zh: string; en: string }> = {
  new: { zh: '待研判', en: 'Waiting' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  dismissed: { zh: '未采纳', en: 'Dismissed' },
};
export const STATUS_COLORS: Record<TipStatus, string> = { new: 'processing', accepted: 'success', dismissed: 'default' };
