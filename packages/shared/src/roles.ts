/** Every role in SPEC "Who uses it". `admin` is the bureau's system administrator (系统管理员). */
export const ROLES = [
  'admin',
  'bureau',
  'chief',
  'officer',
  'auxiliary',
  'grid',
  'mediator',
  'partner',
  'volunteer',
  'landlord',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'System administrator' },
  bureau: { zh: '局领导/指挥中心', en: 'Bureau leader / analyst' },
  chief: { zh: '派出所所长', en: 'Station chief' },
  officer: { zh: '社区民警', en: 'Community officer' },
  auxiliary: { zh: '辅警', en: 'Auxiliary police' },
  grid: { zh: '网格员', en: 'Grid worker' },
  mediator: { zh: '调解员', en: 'Mediator / lawyer' },
  partner: { zh: '责任单位', en: 'Partner department' },
  volunteer: { zh: '平安志愿者', en: 'Volunteer' },
  landlord: { zh: '房东', en: 'Landlord' },
};

/** Police roles may see whole identity numbers of their jurisdiction (SPEC §4). */
export const POLICE_ROLES: readonly Role[] = ['admin', 'bureau', 'chief', 'officer', 'auxiliary'];

export const JURISDICTION_KINDS = ['bureau', 'station', 'community', 'village', 'grid', 'police_room'] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

export const JURISDICTION_KIND_LABELS: Record<JurisdictionKind, { zh: string; en: string }> = {
  bureau: { zh: '公安局', en: 'Bureau' },
  station: { zh: '派出所', en: 'Police station' },
  community: { zh: '社区', en: 'Community' },
  village: { zh: '村', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  police_room: { zh: '警务室', en: 'Police room' },
};

/** Which kinds may sit directly under which: bureau → station → community/village → grid; police rooms under a station or a community/village. */
export const CHILD_KINDS: Record<JurisdictionKind, readonly JurisdictionKind[]> = {
  bureau: ['station'],
  station: ['community', 'village', 'police_room'],
  community: ['grid', 'police_room'],
  village: ['grid', 'police_room'],
  grid: [],
  police_room: [],
};

/** Where a user of each role may be placed in the tree; their scope is that node's subtree. */
export const ROLE_JURISDICTION_KINDS: Record<Role, readonly JurisdictionKind[]> = {
  admin: ['bureau'],
  bureau: ['bureau'],
  chief: ['station'],
  officer: ['station', 'community', 'village', 'police_room'],
  auxiliary: ['station', 'community', 'village', 'police_room'],
  grid: ['grid', 'community', 'village'],
  mediator: ['bureau', 'station', 'community', 'village', 'police_room'],
  partner: ['bureau', 'station', 'community', 'village'],
  volunteer: ['station', 'community', 'village', 'grid'],
  landlord: ['community', 'village', 'grid'],
};

export const CHANNEL_CODES = ['110', '12345', '12389', 'grid', 'online', 'sqmy', 'tip', 'walkin', 'web'] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];
