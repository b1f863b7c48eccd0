import type { Random } from './random.js';

// Common surnames by frequency and given-name characters: enough for a county of plausible names.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅文斌宇浩凯鹏飞鑫晨旭阳林亮海波宁欣怡佳慧婷雪琳晓东春燕立新永福德成荣祥瑞博文俊峰建华丹萍瑶'.split('');

export function personName(rng: Random): string {
  const surname = SURNAMES[Math.floor(rng.next() * Math.min(SURNAMES.length, 40 + rng.int(0, 60)))] ?? '王';
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname + given;
}

export function mobile(rng: Random): string {
  const prefixes = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '189', '177', '199'];
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return rng.pick(prefixes) + digits;
}

// Parts for the names of extra stations and communities when the county is built at a larger scale.
export const PLACE_PREFIXES = '东西南北中新老上下前后大小金银石柳杨桃李梅竹松兴和安宁丰泰康乐福寿永长青红白'.split('');
export const PLACE_SUFFIXES = ['湖', '岭', '塘', '河', '桥', '庄', '集', '坡', '店', '营', '堡', '湾', '园', '苑', '坊'];
