import crypto from 'node:crypto';
import { idCheckCharacter } from '@fengqiao/shared';
import type { Database } from '../../app/db/database.js';

/** Test records for the base-data modules, built straight in the database. */
export function baseDataFixtures(t: { db: Database }) {
  let serial = 0;
  return {
    async jurisdiction(name: string) {
      return t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow();
    },

    /** A room-level standard address under the named jurisdiction. */
    async address(jurisdictionName: string, name = `${++serial}号房`) {
      const j = await this.jurisdiction(jurisdictionName);
      const row = await t.db
        .insertInto('addresses')
        .values({ level: 'room', name, full_name: `枫源县测试小区${jurisdictionName}${name}`, path: `/test-${crypto.randomBytes(6).toString('hex')}/`, jurisdiction_id: j.id })
        .returning(['id', 'full_name', 'jurisdiction_id'])
        .executeTakeFirstOrThrow();
      return row;
    },

    /** A valid 18-character identity number; born in 1939, so it never meets the demo population (1940–2010). */
    idNumber(gender: 'male' | 'female' = 'male', area = '140871') {
      const n = ++serial;
      const birth = new Date(Date.UTC(1939, 0, 1 + (n % 360)));
      const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
      const seq = (Math.floor(n / 360) % 50) * 2 + 10 + (gender === 'male' ? 1 : 0);
      const first17 = `${area}${ymd}${String(seq).padStart(3, '0')}`;
      return first17 + idCheckCharacter(first17);
    },
  };
}
