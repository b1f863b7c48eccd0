import { fillParams, type Lang } from '../../app/i18n/messages';

/** The phone app shell's own words, Chinese first. */
const TEXT = {
  title: { zh: '枫桥群防', en: 'Fengqiao volunteers' },
  greeting: { zh: '{name}，您好', en: 'Hello, {name}' },
  intro: { zh: '群防群治，守护身边的平安。', en: 'Keeping the neighbourhood safe, together.' },
  tasks: { zh: '我的任务', en: 'My tasks' },
  tasksHint: { zh: '派单、签到、完成', en: 'Dispatched tasks' },
  tip: { zh: '上报线索', en: 'Report a tip' },
  tipHint: { zh: '文字、照片、位置', en: 'Text, photo, place' },
  broadcasts: { zh: '协查广播', en: 'Broadcasts' },
  broadcastsHint: { zh: '寻人、寻车、预警', en: 'Missing persons, alerts' },
  patrol: { zh: '巡逻打卡', en: 'Patrol check-in' },
  patrolHint: { zh: '按路线签到', en: 'Check in on the route' },
  points: { zh: '我的积分', en: 'My points' },
  pointsHint: { zh: '积分与排行', en: 'Points and ranking' },
  offline: { zh: '当前离线：可浏览已打开的页面，提交需联网。', en: 'Offline: pages already opened still show; sending needs a connection.' },
} as const;

export type VolunteerTextKey = keyof typeof TEXT;

export function volunteerText(lang: Lang, key: VolunteerTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}
