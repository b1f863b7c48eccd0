import type { JurisdictionKind, Role } from '@fengqiao/shared';
import type { IdentityCipher } from '../app/crypto.js';
import type { Tx } from '../app/db/database.js';
import type { Quad } from './geometry.js';
import type { Random } from './random.js';

export interface DemoUnit {
  id: number;
  kind: JurisdictionKind;
  name: string;
  code: string | null;
  path: string;
  parentId: number | null;
  center: { lat: number; lon: number } | null;
  quad: Quad | null;
}

export interface DemoArea {
  unit: DemoUnit;
  grids: DemoUnit[];
  policeRooms: DemoUnit[];
}

export interface DemoStation {
  unit: DemoUnit;
  /** Short tag used in generated usernames (cg, dh …). */
  short: string;
  areas: DemoArea[];
}

export interface DemoUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number;
  departmentId: number | null;
}

export interface DemoDepartment {
  id: number;
  name: string;
  kind: string;
  jurisdictionId: number;
}

/** A standard address where people can live or work: a room of a building, or a village courtyard. */
export interface DemoDwelling {
  addressId: number;
  fullName: string;
  /** The grid (or community/village) whose jurisdiction the address belongs to. */
  jurisdictionId: number;
  communityId: number;
  stationId: number;
  lat: number;
  lon: number;
  kind: 'apartment' | 'courtyard' | 'shopfront';
}

/** What the steps built so far: later steps (addresses, incidents, cases …) hang their records on it. */
export interface DemoCounty {
  bureau: DemoUnit;
  stations: DemoStation[];
  departments: DemoDepartment[];
  users: DemoUser[];
  /** Filled by the places step: every dwelling and shopfront address, for people, houses and units. */
  dwellings: DemoDwelling[];
  /** Filled by the population step: houses and who lives where, for rentals and later steps. */
  population?: DemoPopulation;
}

/** A house (实有房屋) of the demo county: one for every dwelling. */
export interface DemoHouse {
  id: number;
  addressId: number;
  use: 'own' | 'rental' | 'vacant' | 'business' | 'other';
  /** Set for let houses; a few are deliberately below their occupant count. */
  occupantLimit: number | null;
  /** The owner; for a let house the landlord (a registered adult living elsewhere in the community). */
  ownerPersonId: number | null;
  jurisdictionId: number;
  communityId: number;
  stationId: number;
  kind: DemoDwelling['kind'];
  areaM2: number;
}

/** A person (实有人口) of the demo county, with what later steps need to date and place records. */
export interface DemoPerson {
  id: number;
  name: string;
  category: 'registered' | 'floating' | 'tenant';
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  addressId: number;
  jurisdictionId: number;
  /** Since when they live at the address (YYYY-MM-DD): a tenancy's check-in. */
  since: string;
}

export interface DemoPopulation {
  houses: DemoHouse[];
  people: DemoPerson[];
  /** Address id → ids of the people living there now. */
  personsByAddress: Map<number, number[]>;
}

export interface DemoContext {
  trx: Tx;
  rng: Random;
  scale: number;
  /** Hash of the demo password, computed once for every demo account. */
  passwordHash: string;
  /** The date the demo data is built around (records are dated relative to it). */
  today: Date;
  /** Encrypts the demo population's identity numbers with the configured key. */
  identity: IdentityCipher;
  county: DemoCounty;
}

export type DemoStep = (ctx: DemoContext) => Promise<void>;
