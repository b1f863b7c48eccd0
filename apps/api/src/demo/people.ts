import type { Role } from '@fengqiao/shared';
import type { DemoContext, DemoDepartment, DemoUser } from './context.js';
import { mobile, personName } from './names.js';

const COUNTY_DEPARTMENTS = [
  { name: '枫源县司法局', kind: '司法行政' },
  { name: '枫源县信访局', kind: '信访' },
  { name: '枫源县住房和城乡建设局', kind: '物业主管' },
  { name: '枫源县市场监督管理局', kind: '市场监管' },
  { name: '枫源县人民法院', kind: '法院' },
  { name: '枫源县人力资源和社会保障局', kind: '劳动监察' },
];

function townOf(stationName: string): string {
  return stationName.replace(/派出所$/, '');
}

/** Partner departments: county bodies and, for each station's town, its 司法所, mediation committee and 综治中心. */
export async function seedDepartments(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('departments');
  const rows: { name: string; kind: string; jurisdiction_id: number; contact_name: string; phone: string; address: string }[] = [];
  for (const d of COUNTY_DEPARTMENTS) rows.push({ ...d, jurisdiction_id: ctx.county.bureau.id, contact_name: personName(rng), phone: mobile(rng), address: `枫源县${rng.pick(['府前街', '人民路', '建设路', '文化路'])}${rng.int(1, 199)}号` });
  for (const s of ctx.county.stations) {
    const town = townOf(s.unit.name);
    for (const [suffix, kind] of [['司法所', '司法所'], ['人民调解委员会', '人民调解'], ['综治中心', '综治中心']] as const) {
      rows.push({ name: `${town}${suffix}`, kind, jurisdiction_id: s.unit.id, contact_name: personName(rng), phone: mobile(rng), address: `${town}${rng.pick(['中心街', '政府路', '东大街'])}${rng.int(1, 99)}号` });
    }
  }
  const inserted = await ctx.trx.insertInto('departments').values(rows).returning(['id', 'name', 'kind', 'jurisdiction_id']).execute();
  ctx.county.departments = inserted.map((d): DemoDepartment => ({ id: d.id, name: d.name, kind: d.kind, jurisdictionId: d.jurisdiction_id }));
}

interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number;
  departmentId?: number | null;
}

/**
 * Accounts for every role. The fixed `demo-*` accounts sit in 城关派出所 / 东湖新村社区 so one
 * sign-in after another shows the same place from each role; every other unit gets its own staff.
 */
export async function seedUsers(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('users');
  const { bureau, stations, departments } = ctx.county;
  const users: NewUser[] = [
    { username: 'demo-admin', displayName: '郑国栋', role: 'admin', jurisdictionId: bureau.id },
    { username: 'demo-bureau', displayName: '高振华', role: 'bureau', jurisdictionId: bureau.id },
    { username: 'zhzx-01', displayName: personName(rng), role: 'bureau', jurisdictionId: bureau.id },
    { username: 'qbyp-01', displayName: personName(rng), role: 'bureau', jurisdictionId: bureau.id },
  ];
  const partnerOf = (jurisdictionId: number) => departments.filter((d) => d.jurisdictionId === jurisdictionId);
  for (const [si, station] of stations.entries()) {
    const tag = station.short;
    users.push({ username: si === 0 ? 'demo-chief' : `${tag}-chief`, displayName: personName(rng), role: 'chief', jurisdictionId: station.unit.id });
    users.push({ username: si === 0 ? 'demo-mediator' : `${tag}-mediator`, displayName: personName(rng), role: 'mediator', jurisdictionId: station.unit.id });
    users.push({ username: `${tag}-lawyer`, displayName: personName(rng), role: 'mediator', jurisdictionId: station.unit.id });
    for (const [ai, area] of station.areas.entries()) {
      const isFirst = si === 0 && ai === 0;
      const n = `${tag}${ai + 1}`;
      users.push({ username: isFirst ? 'demo-officer' : `${n}-officer`, displayName: personName(rng), role: 'officer', jurisdictionId: area.unit.id });
      users.push({ username: isFirst ? 'demo-auxiliary' : `${n}-auxiliary`, displayName: personName(rng), role: 'auxiliary', jurisdictionId: area.unit.id });
      for (const [gi, grid] of area.grids.entries()) {
        users.push({ username: isFirst && gi === 0 ? 'demo-grid' : `${n}-grid${gi + 1}`, displayName: personName(rng), role: 'grid', jurisdictionId: grid.id });
      }
      for (let v = 0; v < 3; v++) {
        users.push({ username: isFirst && v === 0 ? 'demo-volunteer' : `${n}-vol${v + 1}`, displayName: personName(rng), role: 'volunteer', jurisdictionId: area.unit.id });
      }
      for (let l = 0; l < 2; l++) {
        users.push({ username: isFirst && l === 0 ? 'demo-landlord' : `${n}-landlord${l + 1}`, displayName: personName(rng), role: 'landlord', jurisdictionId: area.unit.id });
      }
    }
    for (const [di, dept] of partnerOf(station.unit.id).entries()) {
      users.push({ username: si === 0 && di === 0 ? 'demo-partner' : `${tag}-partner${di + 1}`, displayName: personName(rng), role: 'partner', jurisdictionId: station.unit.id, departmentId: dept.id });
    }
  }
  for (const [di, dept] of partnerOf(bureau.id).entries()) {
    users.push({ username: `county-partner${di + 1}`, displayName: personName(rng), role: 'partner', jurisdictionId: bureau.id, departmentId: dept.id });
  }

  const created: DemoUser[] = [];
  for (let i = 0; i < users.length; i += 500) {
    const rows = await ctx.trx
      .insertInto('users')
      .values(
        users.slice(i, i + 500).map((u) => ({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          jurisdiction_id: u.jurisdictionId,
          department_id: u.departmentId ?? null,
          phone: mobile(rng),
          password_hash: ctx.passwordHash,
          is_demo: true,
        })),
      )
      .returning(['id', 'username', 'display_name', 'role', 'jurisdiction_id', 'department_id'])
      .execute();
    created.push(...rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, jurisdictionId: r.jurisdiction_id, departmentId: r.department_id })));
  }
  ctx.county.users = created;
}
