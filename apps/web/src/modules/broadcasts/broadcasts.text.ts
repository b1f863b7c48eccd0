import { fillParams, type Lang } from '../../app/i18n/messages';
import type { BroadcastKind, ReplyKind } from './broadcasts.api';

/** The broadcast pages' own words, Chinese first. */
const TEXT = {
  title: { zh: '协查广播', en: 'Broadcasts' },
  intro: { zh: '寻人、寻车、反诈预警：按区域或队伍推送给志愿者和网格员，实时查看签收、回复和找到用时。', en: 'Missing people, wanted vehicles, fraud alerts: pushed to volunteers and grid workers by area or team, with live receipts, replies and time to found.' },
  new: { zh: '发布广播', en: 'New broadcast' },
  kind: { zh: '类型', en: 'Kind' },
  subject: { zh: '标题', en: 'Title' },
  body: { zh: '内容', en: 'Details' },
  bodyPlaceholder: { zh: '体貌特征、衣着、车辆号牌、最后出现的地点和时间……', en: 'Appearance, clothes, plate number, where and when last seen…' },
  photo: { zh: '照片（可选，JPEG/PNG/WebP，5 MB 以内）', en: 'Photo (optional, JPEG/PNG/WebP, up to 5 MB)' },
  photoTooBig: { zh: '照片超过 5 MB', en: 'The photo is larger than 5 MB' },
  target: { zh: '推送范围', en: 'Who gets it' },
  targetRadius: { zh: '按半径', en: 'Radius' },
  targetTeams: { zh: '按队伍', en: 'Teams' },
  targetPolygon: { zh: '多边形', en: 'Polygon' },
  polygonHint: { zh: '在地图上依次点击添加顶点（至少 3 个），或在下方逐行输入“纬度,经度”。', en: 'Click the map to add corners (at least 3), or type one “lat,lon” per line below.' },
  polygonPoints: { zh: '顶点（每行“纬度,经度”）', en: 'Corners (one “lat,lon” per line)' },
  polygonCount: { zh: '已添加 {n} 个顶点', en: '{n} corners' },
  undoPoint: { zh: '撤销上一点', en: 'Undo last corner' },
  clearPoints: { zh: '清除', en: 'Clear' },
  polygonTooFew: { zh: '多边形至少需要 3 个顶点', en: 'A polygon needs at least 3 corners' },
  polygonBadLine: { zh: '第 {n} 行不是有效的“纬度,经度”', en: 'Line {n} is not a valid “lat,lon”' },
  previewCount: { zh: '预计送达 {n} 人', en: 'Reaches {n} people' },
  previewing: { zh: '正在计算送达人数…', en: 'Counting recipients…' },
  mapHint: { zh: '在地图上点击设置中心点，再选择半径。', en: 'Click the map to set the centre, then choose the radius.' },
  centre: { zh: '中心点', en: 'Centre' },
  noCentre: { zh: '请先在地图上点击设置中心点', en: 'Click the map to set the centre' },
  radius: { zh: '半径（米）', en: 'Radius (m)' },
  teams: { zh: '队伍', en: 'Teams' },
  noTeams: { zh: '暂无可选队伍', en: 'No teams to choose' },
  includeGrid: { zh: '同时推送给区域内网格员', en: 'Include the grid workers of the area' },
  send: { zh: '立即发布', en: 'Send now' },
  sent: { zh: '已发布，推送给 {n} 人', en: 'Sent to {n} people' },
  status: { zh: '状态', en: 'Status' },
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
  createdAt: { zh: '发布时间', en: 'Sent' },
  createdBy: { zh: '发布人', en: 'Sent by' },
  recipients: { zh: '推送人数', en: 'Recipients' },
  delivered: { zh: '已送达', en: 'Delivered' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  replied: { zh: '已回复', en: 'Replied' },
  timeToFound: { zh: '找到用时', en: 'Time to found' },
  minutes: { zh: '{n} 分钟', en: '{n} min' },
  notFoundYet: { zh: '尚未找到', en: 'Not found yet' },
  replies: { zh: '群众回复', en: 'Replies' },
  noReplies: { zh: '暂无回复', en: 'No replies yet' },
  close: { zh: '结束广播', en: 'Close' },
  closeNote: { zh: '结束说明（将告知所有接收人）', en: 'Closing note (every recipient is told)' },
  closeNotePlaceholder: { zh: '如：人已找到，感谢大家！', en: 'e.g. Found safe — thank you all!' },
  closedOk: { zh: '广播已结束，已通知所有接收人', en: 'Closed; every recipient has been told' },
  back: { zh: '返回', en: 'Back' },
  backList: { zh: '返回广播列表', en: 'Back to broadcasts' },
  live: { zh: '实时', en: 'Live' },
  offline: { zh: '连接中断，正在重连', en: 'Offline, reconnecting' },
  connecting: { zh: '连接中', en: 'Connecting' },
  notFound: { zh: '广播不存在或无权查看', en: 'Broadcast not found or not visible to you' },
  mapUnavailable: { zh: '地图加载失败', en: 'The map could not load' },
  // Phone
  myTitle: { zh: '协查广播', en: 'Broadcasts' },
  myIntro: { zh: '派出所发布的寻人、寻车和反诈预警会实时推送到这里。看到线索请回复并附上位置。', en: 'Appeals from the station arrive here live. If you see something, reply with your location.' },
  backHome: { zh: '返回首页', en: 'Back' },
  none: { zh: '暂无协查广播', en: 'No broadcasts for you' },
  arrived: { zh: '收到新的协查广播：{title}', en: 'New broadcast: {title}' },
  closedNotice: { zh: '协查已结束：{title}', en: 'Broadcast closed: {title}' },
  ack: { zh: '签收', en: 'Acknowledge' },
  acked: { zh: '已签收', en: 'Acknowledged' },
  reply: { zh: '回复', en: 'Reply' },
  replyKind: { zh: '回复类型', en: 'Reply type' },
  replyText: { zh: '说明', en: 'What you saw' },
  replyTextPlaceholder: { zh: '在哪里、什么时间、看到了什么', en: 'Where, when, what you saw' },
  useLocation: { zh: '使用我的位置', en: 'Use my location' },
  locating: { zh: '正在定位…', en: 'Locating…' },
  located: { zh: '已定位：{lat}, {lon}', en: 'Located: {lat}, {lon}' },
  geoFailed: { zh: '无法获取位置，请允许定位后重试', en: 'Could not get your position; allow location and retry' },
  needLocation: { zh: '发现线索或找到目标时须附上位置', en: 'A sighting or a find needs your location' },
  submit: { zh: '发送回复', en: 'Send reply' },
  replySent: { zh: '回复已发送', en: 'Reply sent' },
  myReplies: { zh: '我的回复', en: 'My replies' },
  foundByOthers: { zh: '目标已找到', en: 'Found' },
  cancel: { zh: '取消', en: 'Cancel' },
  viewPhoto: { zh: '照片', en: 'Photo' },
} as const;

export type BroadcastTextKey = keyof typeof TEXT;

export function broadcastText(lang: Lang, key: BroadcastTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const KIND_LABELS: Record<BroadcastKind, { zh: string; en: string }> = {
  missing_person: { zh: '寻找走失人员', en: 'Missing person' },
  missing_child: { zh: '寻找走失儿童', en: 'Missing child' },
  wanted_vehicle: { zh: '协查车辆', en: 'Wanted vehicle' },
  fraud_alert: { zh: '反诈预警', en: 'Fraud alert' },
};
export const KIND_COLORS: Record<BroadcastKind, string> = { missing_person: 'orange', missing_child: 'red', wanted_vehicle: 'blue', fraud_alert: 'purple' };

export const REPLY_LABELS: Record<ReplyKind, { zh: string; en: string }> = {
  sighting: { zh: '发现线索', en: 'Sighting' },
  found: { zh: '已找到', en: 'Found' },
  note: { zh: '留言', en: 'Note' },
};
export const REPLY_COLORS: Record<ReplyKind, string> = { sighting: 'gold', found: 'green', note: 'default' };
