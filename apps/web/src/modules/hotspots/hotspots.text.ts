import { fillParams, type Lang } from '../../app/i18n/messages';

/** The hotspot page's own words, Chinese first. */
const TEXT = {
  title: { zh: '热点预测', en: 'Hotspot prediction' },
  intro: {
    zh: '按辖区、警情类别和时段预测未来一段时间的高发网格，并据此提出巡逻区域建议（警力跟着警情走）。',
    en: 'Predicts the cells where incidents are likely in the coming days, by jurisdiction, kind and time band, and proposes patrol areas from it.',
  },
  jurisdiction: { zh: '辖区', en: 'Jurisdiction' },
  kind: { zh: '警情大类', en: 'Kind' },
  allKinds: { zh: '全部警情', en: 'All kinds' },
  band: { zh: '时段', en: 'Time band' },
  bandPlaceholder: { zh: '全天；或如 19:00-23:00', en: 'All day, or e.g. 19:00-23:00' },
  bandHelp: { zh: '只用该时段（北京时间）的警情训练；结束早于开始表示跨午夜。', en: 'Trains on incidents in this band (Beijing time) only; an end before the start wraps midnight.' },
  method: { zh: '预测方法', en: 'Method' },
  recommended: { zh: '推荐', en: 'recommended' },
  cellM: { zh: '网格边长', en: 'Cell size' },
  horizon: { zh: '预测天数', en: 'Days ahead' },
  run: { zh: '预测', en: 'Predict' },
  save: { zh: '预测并保存', en: 'Predict and save' },
  saved: { zh: '已保存预测', en: 'Forecast saved' },
  layers: { zh: '图层', en: 'Layers' },
  heatLayer: { zh: '警情热力', en: 'Incident heat' },
  riskLayer: { zh: '预测风险网格', en: 'Predicted risk' },
  patrolLayer: { zh: '巡逻区域', en: 'Patrol areas' },
  map: { zh: '热点地图', en: 'Hotspot map' },
  mapNoTiles: { zh: '未配置底图：仅显示辖区轮廓、热力与网格。', en: 'No tile server configured: outlines, heat and grid only.' },
  behind: { zh: '地图依据', en: 'Behind this map' },
  source: { zh: '来源', en: 'Source' },
  fresh: { zh: '即时计算（未保存）', en: 'Computed now (not saved)' },
  savedRun: { zh: '已保存的预测 #{id}（{who}，{at}）', en: 'Saved run #{id} ({who}, {at})' },
  params: { zh: '参数', en: 'Parameters' },
  trainPeriod: { zh: '训练期', en: 'Training period' },
  targetPeriod: { zh: '预测期', en: 'Predicted period' },
  allDay: { zh: '全天', en: 'All day' },
  eventCount: { zh: '训练数据量', en: 'Training data' },
  eventCountValue: { zh: '{n} 起有坐标的警情', en: '{n} located incidents' },
  heatVolume: { zh: '热力数据量', en: 'Heat map data' },
  heatPeriod: { zh: '热力时段', en: 'Heat period' },
  heatDays: { zh: '近 {n} 天', en: 'Last {n} days' },
  heatVolumeValue: { zh: '{from} 至 {to}：{n} 起警情，其中 {located} 起有坐标', en: '{from} to {to}: {n} incidents, {located} with coordinates' },
  cellsShown: { zh: '风险网格', en: 'Risk cells' },
  cellsShownValue: { zh: '{n} 个网格风险大于 0{more}', en: '{n} cells with risk above 0{more}' },
  truncated: { zh: '（仅显示最高的部分）', en: ' (highest shown)' },
  topCells: { zh: '风险最高的网格', en: 'Highest-risk cells' },
  rank: { zh: '名次', en: 'Rank' },
  risk: { zh: '风险值', en: 'Risk' },
  position: { zh: '位置', en: 'Position' },
  noData: { zh: '所选范围内没有可用于预测的警情。', en: 'No incidents to predict from in this selection.' },
  noRun: { zh: '尚无预测：选择条件后点击“预测”。', en: 'No forecast yet: choose and press Predict.' },
  feedbackTitle: { zh: '使用须知：反馈回路', en: 'Read first: feedback loops' },
  feedbackBody: {
    zh: '预测用的是已登记的警情。按预测派出巡逻，巡逻又会在同样的地方发现和登记更多警情，预测因此越来越集中，未必反映真实发案。登记的警情也并非都是违法犯罪（求助、纠纷、投诉等）。请结合走访、网格员反映、12345 工单等其他来源核对这张图，不要仅凭它决定警力部署或针对具体人员。',
    en: 'Predictions are trained on recorded incidents. Patrols sent by a prediction record more incidents in the same places, so the map concentrates further and may not reflect where things really happen. Recorded incidents are not all crime (help requests, disputes, complaints). Review the map against other sources — visits, grid workers, 12345 tickets — and never use it alone to deploy police or to target people.',
  },
  proposalTitle: { zh: '巡逻建议', en: 'Patrol proposal' },
  proposalIntro: { zh: '按每个班次的时段分别预测，再为每个巡逻组划出一块风险最高、互不重叠的区域（步巡约 3×3 个网格，车巡更大）。', en: 'Predicts each shift’s band separately, then gives each patrol group a compact, non-overlapping area of the highest risk (foot about 3×3 cells, vehicle larger).' },
  units: { zh: '巡逻组数', en: 'Patrol groups' },
  shifts: { zh: '班次', en: 'Shifts' },
  shiftUnits: { zh: '组数', en: 'Groups' },
  mode: { zh: '方式', en: 'Mode' },
  foot: { zh: '步巡', en: 'Foot' },
  vehicle: { zh: '车巡', en: 'Vehicle' },
  addShift: { zh: '增加班次', en: 'Add shift' },
  removeShift: { zh: '删除班次 {n}', en: 'Remove shift {n}' },
  propose: { zh: '生成巡逻建议', en: 'Propose patrols' },
  proposed: { zh: '已生成巡逻建议', en: 'Patrol proposal made' },
  proposals: { zh: '近期巡逻建议', en: 'Recent proposals' },
  noProposals: { zh: '暂无巡逻建议', en: 'No proposals yet' },
  coverage: { zh: '预期覆盖', en: 'Expected coverage' },
  coverageValue: { zh: '{band} {mode}×{units}：覆盖该时段预测风险的 {cov}，占研究区（训练期有警情的网格）的 {share}；训练数据 {n} 起', en: '{band} {mode}×{units}: {cov} of the band’s predicted risk in {share} of the study area (cells with incidents in training); {n} incidents' },
  overall: { zh: '各班次平均预期覆盖：{cov}', en: 'Mean expected coverage over the shifts: {cov}' },
  area: { zh: '区域 {n}', en: 'Area {n}' },
  areaLine: { zh: '{band} · 区域 {n}（{mode}，{cells} 个网格，覆盖 {cov}）：{points}', en: '{band} · area {n} ({mode}, {cells} cells, {cov}): {points}' },
  adopt: { zh: '采纳为巡逻计划', en: 'Adopt as patrol plans' },
  adoptConfirm: { zh: '将为每个区域建立一个巡逻计划（每天执行，可在巡逻计划页调整）。确定采纳？', en: 'One patrol plan per area will be created (daily; adjust them on the patrols page). Adopt?' },
  adopted: { zh: '已采纳，巡逻计划已建立', en: 'Adopted: patrol plans created' },
  dismiss: { zh: '不采纳', en: 'Dismiss' },
  dismissed: { zh: '已不采纳', en: 'Dismissed' },
  status_proposed: { zh: '待决定', en: 'Proposed' },
  status_adopted: { zh: '已采纳', en: 'Adopted' },
  status_dismissed: { zh: '未采纳', en: 'Dismissed' },
  plansLink: { zh: '查看巡逻计划（{n} 个）', en: 'See the patrol plans ({n})' },
  fromRun: { zh: '基于预测 #{id}', en: 'From run #{id}' },
  fromFresh: { zh: '基于即时预测', en: 'From a fresh forecast' },
  show: { zh: '在地图上显示', en: 'Show on map' },
  showing: { zh: '地图上显示中', en: 'On the map' },
  viewOnly: { zh: '您的角色可查看已保存的预测和建议，不能计算新的预测。', en: 'Your role sees saved forecasts and proposals but does not compute new ones.' },
} as const;

export type HotspotTextKey = keyof typeof TEXT;

export function hotspotText(lang: Lang, key: HotspotTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

const DAY_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** An instant in the county's time (Beijing). */
export const dayTime = (iso: string) => DAY_TIME.format(new Date(iso));
export const day = (iso: string) => DAY.format(new Date(iso));
export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
