import crypto from 'node:crypto';
import { idCheckCharacter } from '@fengqiao/shared';
import type { LightMyRequestResponse } from 'fastify';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { sealIdNumber } from '../people/people.core.js';
import { addDays, beijingToday } from './rentals.rules.js';

// What the fixtures need of the test app, declared here so that the production build (which
// leaves out src/test) can compile this file.
interface Session {
  cookie: string;
  csrfToken: string;
}
interface TestApp {
  db: Database;
  identity: IdentityCipher;
  send(method: 'POST', url: string, session: Session | null, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** The demo grid every fixture house lies in by default: inside demo-officer's, demo-grid's and demo-chief's scope. */
export const HOME_GRID = '东湖新村社区第1网格';

/** Rental records built straight in the database, for the rentals tests. */
export function rentalFixtures(t: TestApp) {
  let serial = 0;
  const today = beijingToday();
  const userId = async (username: string) => (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const jurisdiction = (name: string) => t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow();

  const fx = {
    today,
    daysAgo: (n: number) => addDays(today, -n),
    daysAhead: (n: number) => addDays(today, n),
    userId,
    jurisdiction,

    /** A valid identity number born in 1937: never one of the demo county's people (born 1940 and later). */
    idNumber(): string {
      const n = ++serial;
      const birth = addDays('1937-01-01', n % 360).replace(/-/g, '');
      const first17 = `140871${birth}${String(100 + Math.floor(n / 360) % 900).padStart(3, '0')}`;
      return first17 + idCheckCharacter(first17);
    },

    async person(options: { name?: string; idNumber?: string; jurisdiction?: string; category?: 'registered' | 'tenant' } = {}) {
      const j = await jurisdiction(options.jurisdiction ?? HOME_GRID);
      const idNumber = options.idNumber ?? fx.idNumber();
      const row = await t.db
        .insertInto('persons')
        .values({ name: options.name ?? `测试${++serial}`, category: options.category ?? 'tenant', ...sealIdNumber(t.identity, idNumber), phone: '13900001111', jurisdiction_id: j.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, idNumber };
    },

    /** A house (not yet let) at a new room-level address. */
    async house(options: { jurisdiction?: string; ownerPersonId?: number | null } = {}) {
      const jName = options.jurisdiction ?? HOME_GRID;
      const j = await jurisdiction(jName);
      const name = `${++serial}室`;
      const address = await t.db
        .insertInto('addresses')
        .values({ level: 'room', name, full_name: `枫源县测试租房小区${jName}${name}`, path: `/rentals-test-${crypto.randomBytes(6).toString('hex')}/`, jurisdiction_id: j.id })
        .returning(['id', 'full_name'])
        .executeTakeFirstOrThrow();
      const house = await t.db
        .insertInto('houses')
        .values({ address_id: address.id, jurisdiction_id: j.id, use: 'own', owner_person_id: options.ownerPersonId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: house.id, addressId: address.id, address: address.full_name, jurisdictionId: j.id };
    },

    /** A let house with its landlord; `agreement: null` leaves it without one. */
    async rental(options: { jurisdiction?: string; landlordUser?: string | null; occupantLimit?: number; agreementExpires?: string | null } = {}) {
      const landlord = await fx.person({ category: 'registered', ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}) });
      const house = await fx.house({ ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ownerPersonId: landlord.id });
      await t.db.updateTable('houses').set({ use: 'rental' }).where('id', '=', house.id).execute();
      const row = await t.db
        .insertInto('rental_houses')
        .values({
          house_id: house.id,
          landlord_person_id: landlord.id,
          landlord_user_id: options.landlordUser ? await userId(options.landlordUser) : null,
          jurisdiction_id: house.jurisdictionId,
          occupant_limit: options.occupantLimit ?? 4,
          registered_on: addDays(today, -400),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const expires = options.agreementExpires === undefined ? addDays(today, 200) : options.agreementExpires;
      if (expires) await fx.agreement(row.id, expires);
      return { id: row.id, house, landlord };
    },

    agreement(rentalHouseId: number, expiresOn: string, fileId: number | null = null) {
      return t.db.insertInto('responsibility_agreements').values({ rental_house_id: rentalHouseId, signed_on: addDays(expiresOn, -365), expires_on: expiresOn, file_id: fileId }).returning('id').executeTakeFirstOrThrow();
    },

    async tenancy(rentalHouseId: number, options: { checkIn: string; checkOut?: string | null; verified?: boolean; checkoutVerified?: boolean; personId?: number }) {
      const personId = options.personId ?? (await fx.person()).id;
      const officer = await userId('demo-officer');
      const row = await t.db
        .insertInto('tenancies')
        .values({
          rental_house_id: rentalHouseId,
          person_id: personId,
          check_in: options.checkIn,
          check_out: options.checkOut ?? null,
          reported_via: 'officer',
          reported_by: officer,
          verified_at: options.verified ? new Date() : null,
          verified_by: options.verified ? officer : null,
          checkout_verified_at: options.checkoutVerified ? new Date() : null,
          checkout_verified_by: options.checkoutVerified ? officer : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, personId };
    },

    async auditCount(action: string, entityId?: number | string) {
      let q = t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action);
      if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
      return (await q.executeTakeFirstOrThrow()).n;
    },
  };
  return fx;
}

/** A multipart body as a browser would send it. */
export async function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

export function upload(t: TestApp, url: string, session: Session, fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  return multipart(fields, file).then(({ body, headers }) => t.send('POST', url, session, body, headers));
}

/** A minimal valid PDF. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Matches any whole 18-character identity number in a response body. */
export const WHOLE_ID = /\b\d{17}[\dX]\b/;
