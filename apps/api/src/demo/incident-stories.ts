import type { IncidentKind, IncidentOutcome } from '../app/db/schema.js';

// What the demo county's incidents are about: per kind of incident its daily volume, its rhythm
// over the day, the week and the year, where it happens, which channels report it, what it may
// end as, and short Chinese templates for the summary and the narrative (our own wording).

export type PlaceKind = 'home' | 'shop' | 'street' | 'open';

export interface Story {
  code: string;
  weight: number;
  /** Summary after the place: 「东湖新村小区3号楼」+「夫妻因家庭琐事争吵」. */
  summaries: string[];
  /** Narrative templates: {caller} {party} {time} {place} {topic} {item} {money}. */
  narratives: string[];
  topics?: string[];
  disputeType?: string;
  riskDomain?: string;
  /** Villages only (homestead, land) or apartments only (property management). */
  only?: 'village' | 'town';
  /** Extra seasonal weight on a date (month 1–12, days from the Spring Festival). */
  season?: (month: number, fromSpringFestival: number) => number;
  /** Whether this story names parties beyond the caller, and whether they are family. */
  parties?: 'family' | 'neighbour' | 'other' | 'fight';
}

export interface Stream {
  kind: IncidentKind;
  /** Incidents a day for four stations (a scale-1 county). */
  perDay: number;
  hours: number[];
  weekly: (dow: number, hour: number) => number;
  seasonal: (month: number, fromSpringFestival: number) => number;
  places: [PlaceKind, number][];
  channels: [string, number][];
  outcomes: [IncidentOutcome, number][];
  stories: Story[];
}

// Hour weights (Beijing time, 0–23).
const NIGHT = [3.2, 2.4, 1.6, 1, 0.6, 0.4, 0.5, 0.8, 1.1, 1.3, 1.5, 1.6, 1.7, 1.5, 1.4, 1.5, 1.7, 2, 2.6, 3.3, 3.9, 4.2, 4, 3.6];
const DAY = [0.4, 0.3, 0.2, 0.2, 0.2, 0.4, 1, 2.2, 3, 3.1, 3, 2.8, 2.4, 2.6, 2.8, 2.9, 3, 3.2, 3, 2.4, 1.8, 1.3, 0.9, 0.6];
const RUSH = [0.5, 0.4, 0.3, 0.3, 0.3, 0.6, 1.5, 3.6, 3.4, 2.4, 2.2, 2.4, 2.6, 2.3, 2.2, 2.4, 2.8, 3.6, 3.8, 2.6, 1.8, 1.3, 0.9, 0.7];
const OFFICE = [0.1, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 1, 2.6, 3.4, 3.4, 2.8, 1.4, 1.6, 3, 3.3, 3.1, 2.4, 1.2, 0.8, 0.6, 0.4, 0.2, 0.15];
const THEFT = [1.6, 1.8, 2, 1.9, 1.5, 1, 0.8, 1, 1.4, 1.6, 1.6, 1.5, 1.4, 1.4, 1.5, 1.6, 1.7, 1.8, 1.8, 1.7, 1.6, 1.6, 1.5, 1.5];
const FIRE = [0.8, 0.6, 0.5, 0.4, 0.4, 0.5, 0.8, 1.2, 1.4, 1.5, 1.7, 2, 2.3, 2.4, 2.4, 2.2, 2, 2.1, 2.4, 2.2, 1.8, 1.5, 1.2, 1];

/** Friday and Saturday evenings (and the small hours after them) are the busy nights. */
const weekendNights = (strength: number) => (dow: number, hour: number) => {
  if ((dow === 5 || dow === 6) && hour >= 18) return strength;
  if ((dow === 6 || dow === 0) && hour < 3) return strength;
  return 1;
};
const officeWeek = (dow: number) => (dow === 0 || dow === 6 ? 0.4 : 1.15);
const flat = () => 1;
/** A yearly wave peaking on day-of-year `peak` (month is enough here: the 15th of each month). */
const wave = (amplitude: number, peakMonth: number) => (month: number) => 1 + amplitude * Math.cos((2 * Math.PI * (month - peakMonth)) / 12);
const near = (from: number, lo: number, hi: number, factor: number) => (from >= lo && from <= hi ? factor : 1);

const marriage: Story = {
  code: '200200',
  weight: 28,
  disputeType: 'marriage_family',
  riskDomain: 'social_stability',
  parties: 'family',
  // Family quarrels gather around the Spring Festival (返乡, 彩礼, money, in-laws).
  season: (_m, sf) => near(sf, -7, 12, 3.2),
  summaries: ['夫妻因家庭琐事发生争吵', '家庭纠纷，报警人称丈夫酒后吵闹', '婆媳矛盾引发争执', '夫妻因{topic}发生纠纷', '报警人称与配偶吵架后被赶出家门'],
  topics: ['家庭开支', '子女教育', '赡养老人', '过年回谁家', '彩礼', '打牌输钱', '离婚财产分割', '孩子抚养'],
  narratives: [
    '报警人{caller}称，{time}与配偶{party}因{topic}发生争吵，对方情绪激动并摔砸家中物品，要求民警到场处理。民警到场后将双方分开劝解，讲明法律后果，双方情绪平复。',
    '{time}，{caller}报警称其与{party}因{topic}问题长期不和，今日再次争吵。民警到场了解情况，联系社区调解员共同调解，双方表示冷静后再协商。',
    '报警人{caller}称家人{party}饮酒后在家中吵闹，担心发生冲突。民警到场时双方已停止争吵，现场无人受伤，民警进行了批评教育并登记在案。',
  ],
};

const STREAMS: Stream[] = [
  {
    kind: 'dispute',
    perDay: 2.7,
    hours: NIGHT,
    weekly: weekendNights(1.35),
    seasonal: wave(0.08, 7),
    places: [['home', 78], ['shop', 10], ['street', 3], ['open', 9]],
    channels: [['110', 60], ['12345', 14], ['grid', 10], ['walkin', 8], ['sqmy', 4], ['web', 2], ['online', 1], ['tip', 1]],
    outcomes: [['dispute_case', 55], ['no_action', 35], ['administrative_case', 10]],
    stories: [
      marriage,
      {
        code: '200200', weight: 24, disputeType: 'neighbour', riskDomain: 'social_stability', parties: 'neighbour',
        summaries: ['邻里因{topic}发生纠纷', '楼上楼下因{topic}起争执', '邻居之间因{topic}互相指责'],
        topics: ['噪音扰民', '楼上漏水', '楼道堆放杂物', '门前停车', '宠物狗吠叫', '装修噪音', '空调外机滴水', '晾晒衣物'],
        narratives: [
          '报警人{caller}称，邻居{party}家{topic}问题已持续多日，多次沟通无果，{time}双方再次发生口角。民警到场后分别做双方工作，约定由社区调解员次日组织调解。',
          '{time}，{caller}报警称因{topic}与邻居{party}发生争执，对方言语过激。民警到场调解，双方各退一步，表示今后互相体谅。',
        ],
      },
      {
        code: '200200', weight: 8, disputeType: 'contract', riskDomain: 'social_stability', parties: 'other',
        summaries: ['欠款纠纷，报警人称对方拖欠{money}元不还', '借贷纠纷引发争吵'],
        narratives: ['报警人{caller}称{party}向其借款{money}元，约定期限已过仍拒不归还，今日上门讨要时发生争吵。民警告知双方该纠纷属民事纠纷，可通过调解或诉讼解决，并现场组织调解。'],
      },
      {
        code: '200200', weight: 7, disputeType: 'labour', riskDomain: 'social_stability', parties: 'other',
        // Wages are chased in the weeks before the Spring Festival.
        season: (_m, sf) => near(sf, -45, -3, 2.6),
        summaries: ['务工人员讨要工资发生纠纷', '工人称老板拖欠工资{money}元'],
        narratives: ['报警人{caller}称其在{party}处务工，被拖欠工资{money}元，多次讨要未果，今日双方发生争执。民警到场稳定情绪，联系劳动保障部门介入处理。'],
      },
      {
        code: '200200', weight: 8, disputeType: 'damages', riskDomain: 'social_stability', parties: 'other',
        summaries: ['因{topic}赔偿问题发生纠纷'],
        topics: ['狗咬伤人', '车辆被损坏', '店内物品损坏', '孩子打闹受伤'],
        narratives: ['报警人{caller}称因{topic}与{party}协商赔偿未果，双方争执不下。民警到场后固定相关情况，引导双方协商，建议必要时申请人民调解。'],
      },
      {
        code: '200200', weight: 5, disputeType: 'property_management', riskDomain: 'social_stability', parties: 'other', only: 'town',
        summaries: ['业主与物业因{topic}发生纠纷'],
        topics: ['物业费', '车库门禁', '停车收费', '电梯维修'],
        narratives: ['报警人{caller}称与小区物业因{topic}问题发生争执，物业人员{party}言语不当。民警到场后联系物业负责人，约定由社区组织业主和物业协商。'],
      },
      {
        code: '200200', weight: 5, disputeType: 'housing_homestead', riskDomain: 'social_stability', parties: 'neighbour', only: 'village',
        summaries: ['宅基地界址纠纷', '因盖房占地与邻居发生争执'],
        narratives: ['报警人{caller}称邻居{party}盖房时占用其宅基地，双方发生争执。民警到场劝阻，联系村委会和司法所共同核实界址，组织调解。'],
      },
      {
        code: '200200', weight: 3, disputeType: 'forest_land', riskDomain: 'social_stability', parties: 'neighbour', only: 'village',
        summaries: ['地界纠纷，双方因果树归属争执'],
        narratives: ['报警人{caller}称与同村{party}因地界和果树归属问题发生争吵，对方欲强行采摘。民警到场后要求双方保持克制，由村委会调取承包合同核实。'],
      },
      {
        code: '200200', weight: 2, disputeType: 'land_acquisition', riskDomain: 'social_stability', parties: 'other', only: 'village',
        summaries: ['村民对征地补偿有异议聚集反映'],
        narratives: ['报警人{caller}称部分村民对征地补偿标准有异议，在施工现场阻拦作业。民警到场疏导，联系镇政府工作人员现场答复，群众陆续散去。'],
      },
      {
        code: '200200', weight: 4, disputeType: 'traffic_accident', riskDomain: 'public_safety', parties: 'fight',
        summaries: ['交通事故赔偿纠纷'],
        narratives: ['报警人{caller}称此前与{party}发生轻微交通事故，双方就赔偿金额{money}元协商不成发生争执。民警到场后告知双方处理程序，引导其通过保险理赔或调解解决。'],
      },
      {
        code: '200200', weight: 5, disputeType: 'consumer', riskDomain: 'public_life', parties: 'other',
        summaries: ['消费纠纷，顾客与商家争执', '顾客要求退款遭拒发生纠纷'],
        narratives: ['报警人{caller}称在店内消费后对商品质量有异议，要求退款被拒，与店主{party}发生争执。民警到场后劝解双方，告知可向市场监管部门投诉。'],
      },
      {
        code: '200200', weight: 2, disputeType: 'pollution', riskDomain: 'public_life', parties: 'neighbour',
        summaries: ['饭店油烟扰民引发纠纷'],
        narratives: ['报警人{caller}称楼下饭店油烟和噪声长期扰民，与店主{party}交涉时发生争吵。民警到场调解，并将情况通报相关部门。'],
      },
      {
        code: '200200', weight: 2, disputeType: 'consumer', riskDomain: 'cyber', parties: 'other',
        summaries: ['网购纠纷，卖家拒不退款'],
        narratives: ['报警人{caller}称通过网络向{party}购买商品{money}元，收货后与描述不符，对方拒绝退款并将其拉黑。民警告知其保存聊天记录，通过平台投诉维权，并提示防范网络诈骗。'],
      },
      {
        code: '200200', weight: 2, disputeType: 'medical', riskDomain: 'public_life', parties: 'other',
        summaries: ['患者家属与诊所发生医疗纠纷'],
        narratives: ['报警人{caller}称家属在诊所就医后病情加重，与诊所负责人{party}发生争执。民警到场维持秩序，引导双方通过医疗纠纷调解委员会解决。'],
      },
    ],
  },
  {
    kind: 'public_order',
    perDay: 1.7,
    hours: NIGHT,
    weekly: weekendNights(1.7),
    // Summer nights: barbecue stalls, drinking, fights.
    seasonal: (m, sf) => wave(0.38, 7)(m) * near(sf, -2, 6, 1.3),
    places: [['shop', 40], ['street', 14], ['home', 18], ['open', 28]],
    channels: [['110', 85], ['walkin', 5], ['tip', 4], ['grid', 3], ['online', 2], ['web', 1]],
    outcomes: [['administrative_case', 45], ['no_action', 35], ['dispute_case', 20]],
    stories: [
      {
        code: '200100', weight: 30, parties: 'fight',
        summaries: ['酒后因琐事发生打架', '烧烤摊食客之间发生斗殴', '多人因口角发生撕扯'],
        narratives: [
          '{time}，报警人{caller}称在{place}有人酒后打架。民警到场时双方已被劝开，{party}面部有轻微擦伤，民警将双方带回所内进一步调查处理。',
          '报警人{caller}称其与{party}因座位问题发生口角，继而互相推搡。民警到场控制现场，询问目击者，依法调查处理。',
        ],
      },
      {
        code: '200400', weight: 15, parties: 'other',
        summaries: ['醉酒人员滋事扰乱秩序', '有人在店内大声吵闹不听劝阻'],
        narratives: ['{time}，报警人{caller}称一名男子（{party}）醉酒后在{place}大声吵闹、拍打桌椅，不听劝阻。民警到场将其带离，待其酒醒后进行批评教育。'],
      },
      {
        code: '201000', weight: 20,
        summaries: ['电动车电瓶被盗', '放在门口的{item}被盗', '手机被盗'],
        topics: [],
        narratives: ['报警人{caller}称其停放在{place}的{item}被盗，价值约{money}元。民警到场勘查，调取周边监控，登记受理。'],
      },
      {
        code: '200500', weight: 8, parties: 'other',
        summaries: ['车辆被人划伤', '店铺玻璃被砸'],
        narratives: ['报警人{caller}称{time}发现其{item}被人故意损坏，怀疑与此前和{party}的矛盾有关。民警到场拍照取证，调取监控开展调查。'],
      },
      {
        code: '200600', weight: 8, parties: 'family',
        summaries: ['家庭暴力，报警人称被配偶殴打'],
        narratives: ['报警人{caller}称{time}被配偶{party}殴打，手臂有淤青。民警到场制止，对施暴人进行训诫，告知报警人可申请人身安全保护令，并通知妇联跟进。'],
      },
      {
        code: '200700', weight: 5,
        summaries: ['群众反映有人聚众赌博'],
        narratives: ['报警人称{place}有人聚集打牌赌钱，每局输赢数百元。民警到场核查，依法处理涉赌人员。'],
      },
      {
        code: '201200', weight: 6,
        summaries: ['被人以低价出售为由骗走{money}元'],
        narratives: ['报警人{caller}称有人以低价出售物品为由骗取其{money}元后失联。民警登记受理，告知其保存转账记录。'],
      },
      {
        code: '201800', weight: 3, parties: 'other',
        summaries: ['有人强行闯入住宅'],
        narratives: ['报警人{caller}称{party}因纠纷强行进入其家中吵闹，拒不离开。民警到场将其带离，依法调查处理。'],
      },
      {
        code: '209900', weight: 5,
        summaries: ['深夜燃放烟花扰民', '有人在路边焚烧垃圾'],
        narratives: ['{time}，报警人{caller}反映{place}附近有人违规燃放烟花爆竹，影响休息。民警到场劝阻并进行安全教育。'],
      },
    ],
  },
  {
    kind: 'criminal',
    perDay: 0.5,
    hours: THEFT,
    weekly: flat,
    seasonal: wave(0.12, 12),
    places: [['home', 48], ['shop', 25], ['street', 8], ['open', 19]],
    channels: [['110', 75], ['walkin', 20], ['web', 3], ['online', 2]],
    outcomes: [['criminal_case', 72], ['administrative_case', 14], ['no_action', 14]],
    stories: [
      {
        code: '100100', weight: 45,
        summaries: ['入室盗窃，家中现金和首饰被盗', '车内财物被盗', '商铺夜间被盗'],
        narratives: ['报警人{caller}称{time}发现家中门锁被撬，{item}被盗，损失约{money}元。民警到场保护现场，通知技术队勘查取证，立案侦查。'],
      },
      {
        code: '100600', weight: 35,
        summaries: ['电信网络诈骗，被骗{money}元', '冒充客服退款诈骗', '刷单返利诈骗'],
        narratives: ['报警人{caller}称接到自称客服的电话，对方以{topic}为由诱导其转账，共被骗{money}元。民警立即开展止付工作，受案侦查，并开展防诈宣传。'],
        topics: ['快递理赔', '刷单返利', '注销校园贷', '冒充领导借钱', '网购退款'],
      },
      {
        code: '100500', weight: 10, parties: 'fight',
        summaries: ['纠纷升级持械伤人', '因矛盾将他人打伤'],
        narratives: ['{time}，报警人{caller}称因旧有矛盾被{party}持棍棒殴打致伤，已送医治疗。民警到场控制嫌疑人，固定证据，依法立案侦查。'],
      },
      { code: '100200', weight: 3, summaries: ['路边被抢走手机'], narratives: ['报警人{caller}称{time}在{place}被一名骑电动车男子抢走手机，价值{money}元。民警立即组织围堵查缉。'] },
      { code: '100700', weight: 3, parties: 'other', summaries: ['被人以隐私相威胁索要钱财'], narratives: ['报警人{caller}称{party}以公开其隐私相威胁，索要{money}元。民警受案调查。'] },
      { code: '101300', weight: 2, parties: 'other', summaries: ['被人扬言报复'], narratives: ['报警人{caller}称因纠纷被{party}多次扬言报复，担心人身安全。民警受案调查，对当事人进行警告。'] },
      { code: '109900', weight: 2, summaries: ['发现疑似非法采砂'], narratives: ['报警人{caller}称{place}附近有人夜间非法采砂。民警到场调查取证。'] },
    ],
  },
  {
    kind: 'help',
    perDay: 3.8,
    hours: DAY,
    weekly: (dow) => (dow === 0 || dow === 6 ? 1.1 : 1),
    seasonal: wave(0.1, 1),
    places: [['home', 62], ['street', 6], ['open', 25], ['shop', 7]],
    channels: [['110', 85], ['walkin', 8], ['12345', 5], ['web', 2]],
    outcomes: [['help_given', 92], ['no_action', 8]],
    stories: [
      { code: '500100', weight: 12, summaries: ['老人外出走失', '孩子放学未归'], narratives: ['报警人{caller}称家中{topic}{time}外出后一直未归，电话无法联系。民警调取监控，组织网格员和志愿者沿途寻找，两小时后在{place}附近找到。'], topics: ['患有阿尔茨海默病的父亲', '八岁的孩子', '年迈的母亲'] },
      { code: '500200', weight: 15, summaries: ['{item}遗失求助'], narratives: ['报警人{caller}称在{place}附近遗失{item}，请求帮助寻找。民警调取沿途监控，帮助其找回失物。'] },
      { code: '500300', weight: 20, summaries: ['钥匙锁在屋内求助开锁'], narratives: ['报警人{caller}称钥匙锁在屋内，家中有老人孩子，请求帮助开锁。民警到场核实身份后联系备案开锁人员开锁。'] },
      { code: '500500', weight: 8, season: (m) => (m === 12 || m <= 2 ? 2.4 : 0.7), summaries: ['闻到煤气味求助', '楼道水管爆裂'], narratives: ['报警人{caller}称{place}楼道内有煤气味，担心泄漏。民警到场疏散群众，联系燃气公司抢修。'] },
      { code: '500600', weight: 12, summaries: ['老人在家中突发疾病', '路人晕倒求助'], narratives: ['报警人{caller}称{topic}突发疾病倒地，请求帮助。民警到场协助120急救人员送医。'], topics: ['家中老人', '路边一名男子', '邻居'] },
      { code: '500400', weight: 1, season: (m) => (m >= 6 && m <= 8 ? 5 : 0.2), summaries: ['有人在河边落水'], narratives: ['报警人{caller}称{place}附近有人落水。民警与消防人员到场施救。'] },
      { code: '500800', weight: 2, summaries: ['有人欲轻生求助'], narratives: ['报警人{caller}称其家人{party}情绪低落，扬言轻生。民警迅速到场劝解，联系家属和心理咨询人员陪护。'], parties: 'family' },
      { code: '509900', weight: 30, summaries: ['醉酒人员倒在路边', '有人被困电梯', '老人摔倒无法起身', '迷路求助'], narratives: ['{time}，报警人{caller}称{place}有人需要帮助。民警到场处置，联系家属将其安全送回。'] },
    ],
  },
  {
    kind: 'traffic',
    perDay: 1.9,
    hours: RUSH,
    weekly: (dow, hour) => (dow >= 1 && dow <= 5 && ((hour >= 7 && hour <= 8) || (hour >= 17 && hour <= 18)) ? 1.3 : 1),
    seasonal: wave(0.15, 1),
    places: [['street', 22], ['open', 70], ['shop', 5], ['home', 3]],
    channels: [['110', 90], ['12345', 5], ['walkin', 3], ['online', 2]],
    outcomes: [['no_action', 50], ['administrative_case', 30], ['help_given', 20]],
    stories: [
      { code: '300100', weight: 55, parties: 'fight', summaries: ['两车剐蹭', '电动车与轿车相撞', '追尾事故'], narratives: ['{time}，报警人{caller}称在{place}与{party}驾驶的车辆发生碰撞，无人受伤。民警到场疏导交通，指导双方快处快赔。'] },
      { code: '300500', weight: 25, summaries: ['车辆堵门无法出行', '路口车辆乱停堵塞交通'], narratives: ['报警人{caller}称一辆车停在{place}堵住出口，联系不上车主。民警到场联系车主挪车。'] },
      { code: '300200', weight: 10, summaries: ['举报疑似酒后驾车'], narratives: ['报警人{caller}称{place}附近一辆轿车行驶摇摆，疑似酒后驾驶。民警布控拦截检查。'] },
      { code: '300300', weight: 5, summaries: ['撞车后对方驾车逃逸'], narratives: ['报警人{caller}称其电动车被一辆轿车撞倒，对方驾车逃逸。民警调取监控追查。'] },
      { code: '309900', weight: 5, summaries: ['路面散落杂物影响通行'], narratives: ['报警人{caller}称{place}路面散落货物，影响车辆通行。民警到场清理并设置警示。'] },
    ],
  },
  {
    kind: 'fire',
    perDay: 0.25,
    hours: FIRE,
    weekly: flat,
    seasonal: (m, sf) => wave(0.45, 2)(m) * near(sf, -1, 15, 2),
    places: [['home', 50], ['shop', 15], ['open', 35]],
    channels: [['110', 95], ['grid', 5]],
    outcomes: [['help_given', 90], ['no_action', 10]],
    stories: [
      { code: '400100', weight: 60, summaries: ['电动车充电起火', '厨房油锅起火', '麦田秸秆着火'], narratives: ['报警人{caller}称{place}冒出浓烟，疑似起火。民警与消防人员到场处置，明火已扑灭，无人员伤亡。'] },
      { code: '400200', weight: 40, summaries: ['树木倒伏压住车辆', '屋檐下有马蜂窝求助摘除'], narratives: ['报警人{caller}称{place}有安全隐患，请求处置。民警到场设置警戒，联系消防救援人员处理。'] },
    ],
  },
  {
    kind: 'report',
    perDay: 0.5,
    hours: OFFICE,
    weekly: officeWeek,
    seasonal: flat,
    places: [['home', 45], ['shop', 25], ['street', 8], ['open', 22]],
    channels: [['tip', 35], ['110', 25], ['12345', 10], ['grid', 10], ['online', 10], ['web', 10]],
    outcomes: [['no_action', 45], ['administrative_case', 30], ['criminal_case', 8], ['help_given', 17]],
    stories: [
      { code: '900100', weight: 70, summaries: ['举报疑似传销窝点', '反映出租屋内人员可疑', '举报有人在网上销售管制刀具'], narratives: ['举报人称{place}有多名外地人员频繁出入，形迹可疑，疑似从事传销活动。民警会同社区网格员核查。'] },
      { code: '909900', weight: 30, summaries: ['反映有人私自改装车辆', '举报无证经营'], narratives: ['群众反映{place}存在违法经营情况。民警登记后转相关部门核查处理。'] },
    ],
  },
  {
    kind: 'complaint',
    perDay: 0.45,
    hours: OFFICE,
    weekly: officeWeek,
    seasonal: wave(0.2, 7),
    places: [['home', 45], ['shop', 20], ['street', 10], ['open', 25]],
    channels: [['12345', 45], ['12389', 25], ['110', 15], ['online', 8], ['web', 7]],
    outcomes: [['help_given', 50], ['no_action', 50]],
    stories: [
      { code: '950100', weight: 70, summaries: ['投诉广场舞噪音扰民', '投诉工地夜间施工', '投诉商铺音响声音过大'], narratives: ['投诉人{caller}称{place}附近{topic}，严重影响休息，希望相关部门处理。民警到场劝导，督促整改。'], topics: ['广场舞音响声音过大', '工地夜间施工', '商铺外放音乐'] },
      { code: '950200', weight: 30, summaries: ['反映民警出警慢', '对案件办理进度有意见'], narratives: ['反映人{caller}称此前报警后民警到场较慢，对处理结果不满意。所领导已约谈反映人，说明情况并进行回访。'] },
    ],
  },
  {
    kind: 'other',
    perDay: 0.9,
    hours: OFFICE,
    weekly: officeWeek,
    seasonal: (_m, sf) => near(sf, -40, -5, 1.6),
    places: [['home', 40], ['shop', 20], ['street', 12], ['open', 28]],
    channels: [['12345', 50], ['110', 25], ['grid', 15], ['sqmy', 10]],
    outcomes: [['help_given', 50], ['no_action', 50]],
    stories: [
      { code: '600600', weight: 25, summaries: ['占道经营影响通行'], narratives: ['群众反映{place}有商贩占道经营，影响行人通行。已通报城管部门处理，民警配合劝导。'] },
      { code: '600300', weight: 20, summaries: ['农民工讨薪求助'], narratives: ['报警人{caller}称工地拖欠其工资{money}元。民警到场稳定情绪，联系劳动监察部门处理。'] },
      { code: '609900', weight: 20, summaries: ['路灯损坏无人维修', '井盖缺失存在隐患'], narratives: ['群众反映{place}{topic}，存在安全隐患。已转相关部门处理。'], topics: ['路灯损坏', '井盖缺失', '护栏倒塌'] },
      { code: '999900', weight: 20, summaries: ['咨询户籍办理事宜', '误拨报警电话'], narratives: ['报警人{caller}来电咨询相关事宜，接警员已解答。'] },
      { code: '601400', weight: 8, summaries: ['反映饭店食品卫生问题'], narratives: ['报警人{caller}称在{place}就餐后身体不适，怀疑食品变质。已通报市场监管部门。'] },
      { code: '600200', weight: 7, summaries: ['停电求助'], narratives: ['报警人{caller}称{place}一带长时间停电。已联系供电公司抢修。'] },
    ],
  },
];

export const INCIDENT_STREAMS: readonly Stream[] = STREAMS;

export const ITEMS = ['电动车电瓶', '电动车', '手机', '钱包', '自行车', '现金', '金项链', '笔记本电脑', '车内背包', '快递包裹'];

/** 「凌晨两点左右」… from a Beijing hour. */
export function timePhrase(hour: number): string {
  const part = hour < 5 ? '凌晨' : hour < 8 ? '早上' : hour < 11 ? '上午' : hour < 13 ? '中午' : hour < 18 ? '下午' : hour < 19 ? '傍晚' : hour < 23 ? '晚上' : '深夜';
  const h12 = hour > 12 ? hour - 12 : hour;
  return `${part}${h12}点左右`;
}

// Dates of the Spring Festival (正月初一), which moves with the lunar calendar.
const SPRING_FESTIVALS = ['2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03', '2031-01-23', '2032-02-11'].map((d) => Date.parse(`${d}T00:00:00+08:00`));

/** Days from the nearest Spring Festival (negative before it). */
export function daysFromSpringFestival(t: number): number {
  let best = Infinity;
  for (const sf of SPRING_FESTIVALS) {
    const d = Math.floor((t - sf) / 86_400_000);
    if (Math.abs(d) < Math.abs(best)) best = d;
  }
  return best;
}

/** Outcome notes by outcome. */
export const OUTCOME_NOTES: Record<IncidentOutcome, string[]> = {
  administrative_case: ['已受理为行政案件，移交办案队办理', '依法给予行政处罚', '已受理为行政案件，调查中'],
  criminal_case: ['已立为刑事案件，移交刑侦大队侦办', '已立案侦查'],
  dispute_case: ['转为矛盾纠纷案件，交社区民警跟进调解', '录入矛盾纠纷台账，约定调解'],
  help_given: ['已帮助群众解决', '已协助处置完毕', '已联系相关部门处理'],
  no_action: ['现场调解，双方达成和解', '经核实无违法情况', '已告知报警人通过其他途径解决'],
};

export const PLAN_TEXTS = [
  '一事一策：1. 社区民警牵头，联合网格员、调解员三日内入户走访，摸清矛盾根源；2. 邀请司法所调解员组织双方面对面调解；3. 每周回访一次，连续回访一个月；4. 发现激化苗头立即报告所领导。',
  '一事一策：1. 对报警人家庭开展心理疏导，联系妇联、村（居）委会共同介入；2. 对当事人进行法治教育和训诫；3. 纳入重点关注对象，网格员每日掌握动态；4. 必要时协助申请人身安全保护令。',
  '一事一策：1. 会同物业和业主代表召开协调会，明确整改责任；2. 对噪音、漏水等问题限期整改；3. 社区民警两周内复查；4. 整改不到位的移交住建部门处理。',
  '一事一策：1. 核查频繁报警原因，建立一人一档；2. 联系家属和社区落实照护责任；3. 协调民政部门提供救助；4. 每月回访，评估风险变化。',
];

export const CLOSE_REASONS = ['双方签订调解协议，矛盾已化解', '当事人已搬离，隐患消除', '经回访一个月未再报警，风险解除', '已转为矛盾纠纷案件持续跟进', '整改完成，群众满意'];

export const UNMATCHED_PLACES = ['{street}与{street2}交叉口', '{town}汽车站门口', '{town}农贸市场东门', 'G209国道K{n}处', '{village}村北果园', '{town}中学附近', '湖滨公园', '{street}加油站旁', '{village}村口大桥下', '{town}镇政府对面', '高速路口收费站附近', '{street}东段'];
