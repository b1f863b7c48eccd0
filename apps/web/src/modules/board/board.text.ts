import { fillParams, type Lang } from '../../app/i18n/messages';
import type { WarningLevel, WarningStatus } from './board.api';
import type { StreamState } from './useBoardStream';

/** The command board's own words, Chinese first. */
const TEXT = {
  title: { zh: '指挥大屏', en: 'Command board' },
  intro: { zh: '今日警情与未结预警，新警情实时推送，无需刷新。', en: 'Today’s incidents and open warnings, updated live without reloading.' },
  filters: { zh: '筛选', en: 'Filters' },
  station: { zh: '派出所', en: 'Station' },
  allStations: { zh: '全部派出所', en: 'All stations' },
  kind: { zh: '警情大类', en: 'Kind' },
  allKinds: { zh: '全部类别', en: 'All kinds' },
  today: { zh: '今日警情', en: 'Today’s incidents' },
  todayCount: { zh: '今日警情（{count}）', en: 'Today’s incidents ({count})' },
  truncated: { zh: '仅显示最近 {count} 条', en: 'Showing the latest {count}' },
  noIncidents: { zh: '今日暂无警情', en: 'No incidents today' },
  warnings: { zh: '未结预警（{count}）', en: 'Open warnings ({count})' },
  noWarnings: { zh: '暂无未结预警', en: 'No open warnings' },
  owner: { zh: '责任人', en: 'Owner' },
  deadline: { zh: '期限', en: 'Due' },
  incidents: { zh: '{count} 起', en: '{count} incidents' },
  map: { zh: '今日警情分布图', en: 'Map of today’s incidents' },
  mapNoTiles: { zh: '未配置底图：仅显示辖区轮廓和警情位置', en: 'No map tiles configured: outlines and incident points only' },
  noLocation: { zh: '{count} 起警情无坐标，未在图上标出', en: '{count} incidents have no coordinates and are not on the map' },
  new: { zh: '新', en: 'New' },
  loadFailed: { zh: '大屏数据加载失败', en: 'The board could not be loaded' },
  retry: { zh: '重试', en: 'Retry' },
  unassigned: { zh: '未指定', en: 'Unassigned' },
} as const;

export type BoardTextKey = keyof typeof TEXT;

export function boardText(lang: Lang, key: BoardTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const STREAM_LABELS: Record<StreamState, { zh: string; en: string }> = {
  live: { zh: '实时', en: 'Live' },
  connecting: { zh: '连接中…', en: 'Connecting…' },
  offline: { zh: '已断开，正在重连', en: 'Disconnected, retrying' },
};

export const LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: '红色预警', en: 'Red' },
  orange: { zh: '橙色预警', en: 'Orange' },
  yellow: { zh: '黄色预警', en: 'Yellow' },
  blue: { zh: '蓝色预警', en: 'Blue' },
};

/** Tag colours of the grades and the stronger edge colour of a warning card. */
export const LEVEL_COLORS: Record<WarningLevel, { tag: string; edge: string }> = {
  red: { tag: 'red', edge: '#cf1322' },
  orange: { tag: 'orange', edge: '#fa8c16' },
  yellow: { tag: 'gold', edge: '#fadb14' },
  blue: { tag: 'blue', edge: '#1677ff' },
};

export const WARNING_STATUS_LABELS: Record<WarningStatus, { zh: string; en: string }> = {
  open: { zh: '待签收', en: 'Open' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  planned: { zh: '已制定方案', en: 'Plan recorded' },
  closed: { zh: '已办结', en: 'Closed' },
};
