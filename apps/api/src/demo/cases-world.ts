import type { CasePartySide, CaseResolution, CaseSource, CaseStage, FollowupKind } from '../app/db/schema.js';
import type { Theme } from './cases-text.js';
import type { DemoArea, DemoContext, DemoDepartment, DemoPerson, DemoStation, DemoUser } from './context.js';

// Who works the demo county's dispute cases and where: each area's officers, auxiliaries and grid
// members, each station's chief, mediators and lawyer, the partner departments and their users.

export interface Step {
  action: string;
  from: CaseStage | null;
  to: CaseStage;
  at: number;
  reason: string | null;
  resolution: CaseResolution | null;
  actor: DemoUser;
}

export interface PartyDraft {
  side: CasePartySide;
  name: string;
  phone: string | null;
  personId: number | null;
  claims: string;
}

/** How a scripted transfer of a featured case ends up. */
export type TransferFate = 'sent_overdue' | 'sent' | 'accepted' | 'accepted_overdue' | 'rejected' | 'resolved' | 'failed';

export interface CaseDraft {
  id: number;
  caseNo: string;
  source: CaseSource;
  sourceIncidentId: number | null;
  sourceClusterId: number | null;
  sourceNote: string | null;
  disputeType: string;
  riskDomain: string | null;
  title: string;
  summary: string;
  station: DemoStation;
  area: DemoArea;
  jurisdictionId: number;
  addressId: number | null;
  addressText: string | null;
  lat: number | null;
  lon: number | null;
  officer: DemoUser;
  leader: DemoUser | null;
  openedAt: number;
  /** The stage changes up to now (the first is the opening). */
  steps: Step[];
  parties: PartyDraft[];
  incidents: { id: number; reason: 'source' | 'linked' | 'relapse'; at: number }[];
  /** The incident found on the follow-up visit that reopened the case. */
  relapseIncidentId: number | null;
  /** The current stage's deadline (set with the records). */
  dueAt: number | null;
  /** What the dispute is about and how it is settled (claims, issue, terms). */
  theme: Theme;
  slots: { a: string; b: string; topic: string; money: string; days: string };
  featured?: { transfer?: TransferFate; partner?: DemoDepartment; undone?: FollowupKind[]; judicialSoon?: boolean; signature?: 'unsigned' | 'partly_signed' | 'signed' };
}

export interface AreaStaff {
  station: DemoStation;
  area: DemoArea;
  officers: DemoUser[];
  auxiliaries: DemoUser[];
  grid: DemoUser[];
}

export interface CaseWorld {
  areaOf: (jurisdictionId: number) => AreaStaff | undefined;
  areas: AreaStaff[];
  chiefOf: (stationId: number) => DemoUser | null;
  mediatorOf: (stationId: number) => DemoUser | null;
  lawyerOf: (stationId: number) => DemoUser | null;
  departmentsOf: (stationId: number) => DemoDepartment[];
  county: DemoDepartment[];
  partnerOf: (departmentId: number) => DemoUser | null;
  people: Map<number, DemoPerson>;
  personsByAddress: Map<number, number[]>;
  residentsOfArea: (areaId: number) => DemoPerson[];
  dwellingsOfArea: (areaId: number) => { addressId: number; fullName: string; lat: number; lon: number; village: boolean }[];
  town: (station: DemoStation) => string;
}

export function buildCaseWorld(ctx: DemoContext): CaseWorld {
  const { stations, users, departments, bureau } = ctx.county;
  const byUnit = new Map<number, AreaStaff>();
  const areas: AreaStaff[] = [];
  for (const s of stations) {
    for (const a of s.areas) {
      const gridIds = new Set(a.grids.map((g) => g.id));
      const staff: AreaStaff = {
        station: s,
        area: a,
        officers: users.filter((u) => u.role === 'officer' && u.jurisdictionId === a.unit.id),
        auxiliaries: users.filter((u) => u.role === 'auxiliary' && u.jurisdictionId === a.unit.id),
        grid: users.filter((u) => u.role === 'grid' && gridIds.has(u.jurisdictionId)),
      };
      areas.push(staff);
      for (const u of [a.unit, ...a.grids, ...a.policeRooms]) byUnit.set(u.id, staff);
    }
  }
  const chief = new Map<number, DemoUser>();
  const mediator = new Map<number, DemoUser>();
  const lawyer = new Map<number, DemoUser>();
  for (const u of users) {
    if (u.role === 'chief' && !chief.has(u.jurisdictionId)) chief.set(u.jurisdictionId, u);
    if (u.role === 'mediator' && u.username.endsWith('-lawyer')) lawyer.set(u.jurisdictionId, u);
    else if (u.role === 'mediator' && !mediator.has(u.jurisdictionId)) mediator.set(u.jurisdictionId, u);
  }
  const partner = new Map<number, DemoUser>();
  for (const u of users) if (u.role === 'partner' && u.departmentId !== null && !partner.has(u.departmentId)) partner.set(u.departmentId, u);

  const people = new Map((ctx.county.population?.people ?? []).map((p) => [p.id, p]));
  const personsByAddress = ctx.county.population?.personsByAddress ?? new Map<number, number[]>();
  const dwellingArea = new Map<number, number>();
  const dwellings = new Map<number, { addressId: number; fullName: string; lat: number; lon: number; village: boolean }[]>();
  for (const d of ctx.county.dwellings) {
    if (d.kind === 'shopfront') continue;
    const staff = byUnit.get(d.communityId) ?? byUnit.get(d.jurisdictionId);
    if (!staff) continue;
    dwellingArea.set(d.addressId, staff.area.unit.id);
    const list = dwellings.get(staff.area.unit.id) ?? [];
    list.push({ addressId: d.addressId, fullName: d.fullName, lat: d.lat, lon: d.lon, village: staff.area.unit.kind === 'village' });
    dwellings.set(staff.area.unit.id, list);
  }
  const residents = new Map<number, DemoPerson[]>();
  for (const p of people.values()) {
    const a = dwellingArea.get(p.addressId);
    if (a === undefined || !p.phone || p.birthDate > '2006-01-01') continue;
    const list = residents.get(a) ?? [];
    list.push(p);
    residents.set(a, list);
  }
  return {
    areaOf: (id) => byUnit.get(id),
    areas,
    chiefOf: (id) => chief.get(id) ?? null,
    mediatorOf: (id) => mediator.get(id) ?? null,
    lawyerOf: (id) => lawyer.get(id) ?? null,
    departmentsOf: (id) => departments.filter((d) => d.jurisdictionId === id),
    county: departments.filter((d) => d.jurisdictionId === bureau.id),
    partnerOf: (id) => partner.get(id) ?? null,
    people,
    personsByAddress,
    residentsOfArea: (id) => residents.get(id) ?? [],
    dwellingsOfArea: (id) => dwellings.get(id) ?? [],
    town: (s) => s.unit.name.replace(/派出所$/, ''),
  };
}
