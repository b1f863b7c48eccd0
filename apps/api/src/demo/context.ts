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
