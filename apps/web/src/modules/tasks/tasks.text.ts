import { fillParams, type Lang } from '../../app/i18n/messages';
import type { AssignmentStatus, GuardBand, TaskKind } from './tasks.api';

/** The tasks, patrols and guard-post pages' own words, Chinese first. */
const TEXT = {
  // officer: tasks
  tasksTitle: { zh: '派单任务', en: 'Dispatched tasks' },
  tasksIntro: { zh: '向志愿者或队伍派发巡逻、走访、隐患排查、宣传、活动安保任务；志愿者在手机上接单、到场打卡、提交完成记录。', en: 'Send patrol, visit, hazard, propaganda or event-security tasks to a volunteer or a team; they accept, check in on site and report on the phone.' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  kind: { zh: '类型', en: 'Kind' },
  title: { zh: '标题', en: 'Title' },
  description: { zh: '任务说明', en: 'Description' },
  target: { zh: '派给', en: 'Send to' },
  toVolunteer: { zh: '志愿者', en: 'A volunteer' },
  toTeam: { zh: '队伍', en: 'A team' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  team: { zh: '队伍', en: 'Team' },
  place: { zh: '地点', en: 'Place' },
  placePlaceholder: { zh: '如：东湖新村 3 幢', en: 'e.g. building 3, 东湖新村' },
  lat: { zh: '纬度', en: 'Latitude' },
  lon: { zh: '经度', en: 'Longitude' },
  pickOnMap: { zh: '在地图上点击选取位置，或直接填写经纬度。', en: 'Click the map to pick the place, or type the coordinates.' },
  radius: { zh: '到场半径（米）', en: 'On-site radius (m)' },
  window: { zh: '时间窗口', en: 'Time window' },
  overdueOnly: { zh: '仅看逾期', en: 'Overdue only' },
  allKinds: { zh: '全部类型', en: 'All kinds' },
  progress: { zh: '进度', en: 'Progress' },
  overdue: { zh: '逾期', en: 'Overdue' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  cancelTask: { zh: '取消任务', en: 'Cancel task' },
  cancelReason: { zh: '取消原因', en: 'Reason for cancelling' },
  cancelConfirm: { zh: '确认取消', en: 'Confirm cancel' },
  cancelBack: { zh: '返回', en: 'Back' },
  cancelDone: { zh: '任务已取消，已通知执行人', en: 'Task cancelled; the assignees were told' },
  cancelReasonRequired: { zh: '请填写取消原因', en: 'Give a reason' },
  cancelledMine: { zh: '该任务已被民警取消，无需再执行。', en: 'The police cancelled this task; nothing more to do.' },
  cancelledReasonMine: { zh: '取消原因：{reason}', en: 'Reason: {reason}' },
  cancelledAt: { zh: '取消时间', en: 'Cancelled at' },
  assignees: { zh: '执行情况', en: 'Assignees' },
  distance: { zh: '距离 {m} 米', en: '{m} m away' },
  onSite: { zh: '在场', en: 'On site' },
  notOnSite: { zh: '不在范围内', en: 'Outside the radius' },
  record: { zh: '完成记录', en: 'Record' },
  declineReason: { zh: '拒绝原因', en: 'Reason' },
  photosN: { zh: '{n} 张照片', en: '{n} photo(s)' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  required: { zh: '必填', en: 'Required' },
  view: { zh: '查看', en: 'View' },
  // officer: patrols
  patrolsTitle: { zh: '巡逻计划', en: 'Patrol plans' },
  patrolsIntro: { zh: '定时+分段的车巡、步巡计划，错时巡逻；按周统计打卡点覆盖率（到场 150 米内的打卡计入）。', en: 'Timed, banded vehicle and foot patrols, staggered hours; weekly coverage of checkpoints (check-ins within 150 m count).' },
  newPlan: { zh: '新建计划', en: 'New plan' },
  planName: { zh: '计划名称', en: 'Plan' },
  jurisdiction: { zh: '辖区', en: 'Jurisdiction' },
  mode: { zh: '方式', en: 'Mode' },
  vehicle: { zh: '车巡', en: 'Vehicle' },
  foot: { zh: '步巡', en: 'Foot' },
  band: { zh: '时段', en: 'Band' },
  bandStart: { zh: '开始', en: 'Start' },
  bandEnd: { zh: '结束', en: 'End' },
  weekdays: { zh: '星期', en: 'Weekdays' },
  staggered: { zh: '错时', en: 'Staggered' },
  checkpoints: { zh: '打卡点', en: 'Checkpoints' },
  checkpointsHelp: { zh: '每行一个：名称,纬度,经度', en: 'One per line: name,latitude,longitude' },
  checkpointsBad: { zh: '第 {n} 行格式应为：名称,纬度,经度', en: 'Line {n} must read: name,latitude,longitude' },
  coverage: { zh: '覆盖率', en: 'Coverage' },
  week: { zh: '周', en: 'Week' },
  bands: { zh: '班次', en: 'Bands' },
  scheduled: { zh: '应打卡', en: 'Scheduled' },
  covered: { zh: '已覆盖', en: 'Covered' },
  saved: { zh: '已保存', en: 'Saved' },
  anyTeam: { zh: '不限队伍', en: 'Any team' },
  // officer: guard posts
  guardTitle: { zh: '护学岗', en: 'School guard posts' },
  guardIntro: { zh: '每个护学岗一名民警、两名志愿者，上学、放学时段前后 30 分钟内到岗打卡；开始 15 分钟后不足 3 人即提醒民警和所长。', en: 'Each post: one officer and two volunteers, attending within 30 minutes of the opening and closing times; 15 minutes after a band starts with fewer than three present, the officer and the chief are told.' },
  schools: { zh: '学校', en: 'Schools' },
  posts: { zh: '护学岗', en: 'Posts' },
  newSchool: { zh: '新增学校', en: 'New school' },
  newPost: { zh: '新增护学岗', en: 'New post' },
  school: { zh: '学校', en: 'School' },
  address: { zh: '地址', en: 'Address' },
  openingTime: { zh: '上学时间', en: 'Opening' },
  closingTime: { zh: '放学时间', en: 'Closing' },
  postName: { zh: '岗位名称', en: 'Post' },
  officer: { zh: '民警', en: 'Officer' },
  twoVolunteers: { zh: '两名志愿者', en: 'Two volunteers' },
  today: { zh: '今日到岗', en: 'Today' },
  present: { zh: '{n}/3 人', en: '{n}/3' },
  day: { zh: '日期', en: 'Day' },
  // phone
  back: { zh: '返回首页', en: 'Back' },
  myTasksTitle: { zh: '我的任务', en: 'My tasks' },
  noTasks: { zh: '暂无任务', en: 'No tasks' },
  accept: { zh: '接受', en: 'Accept' },
  decline: { zh: '拒绝', en: 'Decline' },
  declinePrompt: { zh: '请填写拒绝原因', en: 'Why can you not take it?' },
  checkin: { zh: '到场打卡', en: 'Check in on site' },
  locating: { zh: '正在定位…', en: 'Locating…' },
  complete: { zh: '提交完成', en: 'Complete' },
  recordPlaceholder: { zh: '处置经过、发现的问题……', en: 'What you did and found…' },
  addPhoto: { zh: '拍照或选择照片（最多 3 张）', en: 'Take or choose photos (up to 3)' },
  removePhoto: { zh: '移除 {name}', en: 'Remove {name}' },
  tooManyPhotos: { zh: '最多 3 张照片', en: 'At most 3 photos' },
  photoTooBig: { zh: '{name} 超过 10 MB', en: '{name} is larger than 10 MB' },
  checkedIn: { zh: '已打卡：距目标 {m} 米（允许 {r} 米）', en: 'Checked in {m} m from the target (radius {r} m)' },
  points: { zh: '+{n} 分', en: '+{n} pts' },
  geoDenied: { zh: '无法获取位置：请在浏览器设置中允许定位。', en: 'Location permission was denied; allow it in the browser settings.' },
  geoFailed: { zh: '暂时无法定位，请到开阔处重试。', en: 'Could not get a position; try again in the open.' },
  geoUnsupported: { zh: '此设备不支持定位。', en: 'This device cannot share its location.' },
  navigate: { zh: '目标位置', en: 'Target' },
  myPatrolTitle: { zh: '巡逻打卡', en: 'Patrol check-in' },
  todayPlans: { zh: '今日巡逻', en: "Today's patrols" },
  noPlans: { zh: '今天没有您的巡逻计划', en: 'No patrols for you today' },
  checkHere: { zh: '打卡', en: 'Check in' },
  myGuardPosts: { zh: '我的护学岗', en: 'My guard posts' },
  noPosts: { zh: '您没有护学岗', en: 'You stand no guard post' },
  attendOpening: { zh: '上学岗到岗', en: 'Attend opening' },
  attendClosing: { zh: '放学岗到岗', en: 'Attend closing' },
  attended: { zh: '已到岗（距学校 {m} 米）', en: 'Attended ({m} m from the school)' },
  done: { zh: '已完成', en: 'Done' },
} as const;

export type TaskTextKey = keyof typeof TEXT;

export function taskText(lang: Lang, key: TaskTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

const CLOCK = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** 'HH:MM' of an instant in the county's time (Beijing), whatever the browser's zone. */
export function clock(iso: string): string {
  return CLOCK.format(new Date(iso));
}

export const KIND_LABELS: Record<TaskKind, { zh: string; en: string }> = {
  patrol: { zh: '巡逻', en: 'Patrol' },
  visit: { zh: '走访', en: 'Visit' },
  hazard: { zh: '隐患排查', en: 'Hazard check' },
  propaganda: { zh: '宣传', en: 'Propaganda' },
  event_security: { zh: '活动安保', en: 'Event security' },
};
export const STATUS_LABELS: Record<AssignmentStatus, { zh: string; en: string }> = {
  assigned: { zh: '待接单', en: 'Waiting' },
  accepted: { zh: '已接单', en: 'Accepted' },
  declined: { zh: '已拒绝', en: 'Declined' },
  checked_in: { zh: '已到场', en: 'On site' },
  completed: { zh: '已完成', en: 'Completed' },
};
export const STATUS_COLORS: Record<AssignmentStatus, string> = { assigned: 'default', accepted: 'processing', declined: 'warning', checked_in: 'cyan', completed: 'success' };
export const BAND_LABELS: Record<GuardBand, { zh: string; en: string }> = { opening: { zh: '上学岗', en: 'Opening' }, closing: { zh: '放学岗', en: 'Closing' } };
export const WEEKDAY_LABELS: Record<number, { zh: string; en: string }> = {
  1: { zh: '一', en: 'Mon' },
  2: { zh: '二', en: 'Tue' },
  3: { zh: '三', en: 'Wed' },
  4: { zh: '四', en: 'Thu' },
  5: { zh: '五', en: 'Fri' },
  6: { zh: '六', en: 'Sat' },
  7: { zh: '日', en: 'Sun' },
};
