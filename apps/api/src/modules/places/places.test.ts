import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { addressGrams } from './places.text.js';

interface Address {
  id: number;
  parentId: number | null;
  level: string;
  name: string;
  fullName: string;
  jurisdictionId: number;
  lat: number | null;
  lon: number | null;
  childCount: number;
}
interface Detail extends Address {
  ancestors: { id: number; level: string; name: string; visible: boolean }[];
  counts: { persons: number; houses: number; units: number };
}
interface Fields {
  code: string;
  message: string;
  fields: { path: string; rule: string; message: string }[];
}

let t: TestApp;
let admin: Session;
let chief: Session;
let officer: Session;
const addressId = async (fullName: string) => (await t.db.selectFrom('addresses').select('id').where('full_name', '=', fullName).where('archived_at', 'is', null).executeTakeFirstOrThrow()).id;
const ROOM = '枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-admin');
  chief = await t.login('demo-chief');
  officer = await t.login('demo-officer');
});
afterAll(async () => {
  await t.close();
});

describe('standard addresses: reading', () => {
  it('starts a station chief at the station’s town and hides other stations’ addresses as missing', async () => {
    const roots = (await t.get('/api/addresses', chief)).json<{ items: Address[] }>().items;
    expect(roots.map((r) => r.fullName)).toEqual(['枫源县城关镇']);
    const communities = (await t.get(`/api/addresses?parentId=${roots[0]!.id}`, chief)).json<{ items: Address[] }>().items;
    expect(communities.map((c) => c.name).sort()).toEqual(['东湖新村社区', '北街社区', '南关社区', '府前社区'].sort());

    const elsewhere = await addressId('枫源县东湖镇湖滨社区湖滨小区');
    expect((await t.get(`/api/addresses/${elsewhere}`, chief)).statusCode).toBe(404);
    expect((await t.get(`/api/addresses?parentId=${elsewhere}`, chief)).statusCode).toBe(404);
    expect((await t.send('PATCH', `/api/addresses/${elsewhere}`, chief, { name: '改名' })).statusCode).toBe(404);
    expect((await t.send('DELETE', `/api/addresses/${elsewhere}`, chief)).statusCode).toBe(404);
    expect((await t.get(`/api/addresses/${elsewhere}`, admin)).statusCode).toBe(200);

    const found = (await t.get(`/api/addresses/search?q=${encodeURIComponent('湖滨小区')}`, chief)).json<{ items: Address[] }>().items;
    expect(found.every((a) => a.fullName.startsWith('枫源县城关镇'))).toBe(true);
  });

  it('starts the administrator at the county and a grid worker at the compounds of the grid', async () => {
    const county = (await t.get('/api/addresses', admin)).json<{ items: Address[] }>().items;
    expect(county.map((r) => r.fullName)).toEqual(['枫源县']);
    const grid = await t.login('demo-grid');
    const roots = (await t.get('/api/addresses', grid)).json<{ items: Address[] }>().items;
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.every((r) => r.level === 'compound' && r.fullName.startsWith('枫源县城关镇东湖新村社区'))).toBe(true);
  });

  it('shows an address with its chain of ancestors and the people, houses and units at or below it', async () => {
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    const detail = (await t.get(`/api/addresses/${compound}`, chief)).json<Detail>();
    expect(detail.ancestors.map((a) => [a.name, a.visible])).toEqual([
      ['枫源县', false],
      ['城关镇', true],
      ['东湖新村社区', true],
    ]);
    expect(detail.childCount).toBeGreaterThanOrEqual(4);
    const under = `%/${compound}/%`;
    const { rows } = await sql<{ persons: number; houses: number; units: number }>`
      select (select count(*) from persons p join addresses a on a.id = p.current_address_id where a.path like ${under} and p.archived_at is null)::int as persons,
             (select count(*) from houses h join addresses a on a.id = h.address_id where a.path like ${under})::int as houses,
             (select count(*) from units u join addresses a on a.id = u.address_id where a.path like ${under} and u.archived_at is null)::int as units`.execute(t.db);
    expect(detail.counts).toEqual(rows[0]);

    const room = (await t.get(`/api/addresses/${await addressId(ROOM)}`, officer)).json<Detail>();
    expect(room.ancestors.map((a) => a.name)).toEqual(['枫源县', '城关镇', '东湖新村社区', '东湖新村小区', '3号楼', '2单元']);
    expect(room).toMatchObject({ level: 'room', name: '502室', fullName: ROOM, childCount: 0 });
  });

  it('lists the children of a node in their natural order', async () => {
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    const buildings = (await t.get(`/api/addresses?parentId=${compound}`, officer)).json<{ items: Address[] }>().items;
    expect(buildings.map((b) => b.name).slice(0, 3)).toEqual(['1号楼', '2号楼', '3号楼']);
    expect(buildings.every((b) => b.childCount >= 2 && b.lat !== null)).toBe(true);
  });

  it('lets staff and mediators read addresses but not volunteers or landlords', async () => {
    expect((await t.get('/api/addresses', await t.login('demo-mediator'))).statusCode).toBe(200);
    expect((await t.get('/api/addresses', await t.login('demo-volunteer'))).statusCode).toBe(403);
    expect((await t.get('/api/addresses/match?q=东湖新村', await t.login('demo-landlord'))).statusCode).toBe(403);
    expect((await t.get('/api/divisions', await t.login('demo-partner'))).statusCode).toBe(403);
  });
});

describe('standard addresses: divisions', () => {
  it('lists GB/T 2260 divisions level by level, with the demo county under 运城市', async () => {
    const provinces = (await t.get('/api/divisions', officer)).json<{ items: { code: string; name: string; level: number; childCount: number }[] }>().items;
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces).toContainEqual(expect.objectContaining({ code: '14', name: '山西省', level: 1 }));
    const counties = (await t.get('/api/divisions?parentCode=1408', officer)).json<{ items: { code: string; name: string }[] }>().items;
    expect(counties).toEqual(expect.arrayContaining([expect.objectContaining({ code: '140802', name: '盐湖区' }), expect.objectContaining({ code: '140871', name: '枫源县' })]));
    const towns = (await t.get('/api/divisions?parentCode=140871', officer)).json<{ items: { code: string; name: string }[] }>().items;
    expect(towns.map((d) => d.name)).toEqual(['城关镇', '东湖镇', '西岭乡', '南塘镇']);
    expect(towns[0]!.code).toBe('140871100');
    const bad = await t.get('/api/divisions?parentCode=abc', officer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Fields>().fields[0]!.path).toBe('parentCode');
  });
});

describe('standard addresses: writing', () => {
  it('adds addresses one level down, inheriting coordinates and jurisdiction, and audits it', async () => {
    const community = await addressId('枫源县城关镇东湖新村社区');
    const res = await t.send('POST', '/api/addresses', officer, { parentId: community, level: 'compound', name: '湖光苑' });
    expect(res.statusCode).toBe(201);
    const compound = res.json<Detail>();
    const parent = (await t.get(`/api/addresses/${community}`, officer)).json<Detail>();
    expect(compound).toMatchObject({ fullName: '枫源县城关镇东湖新村社区湖光苑', level: 'compound', lat: parent.lat, lon: parent.lon, jurisdictionId: parent.jurisdictionId });
    const building = (await t.send('POST', '/api/addresses', officer, { parentId: compound.id, level: 'building', name: '1号楼', lat: 34.96, lon: 110.93 })).json<Detail>();
    const unit = (await t.send('POST', '/api/addresses', officer, { parentId: building.id, level: 'unit', name: '1单元' })).json<Detail>();
    const room = (await t.send('POST', '/api/addresses', officer, { parentId: unit.id, level: 'room', name: '101室' })).json<Detail>();
    expect(room).toMatchObject({ fullName: '枫源县城关镇东湖新村社区湖光苑1号楼1单元101室', lat: 34.96, lon: 110.93 });
    const stored = await t.db.selectFrom('addresses').select(['grams', 'path']).where('id', '=', room.id).executeTakeFirstOrThrow();
    expect(stored.grams).toEqual(addressGrams(room.fullName));
    expect(stored.path).toMatch(new RegExp(`/${compound.id}/${building.id}/${unit.id}/${room.id}/$`));
    const events = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'address.created').execute();
    expect(events.map((e) => e.entity_id)).toEqual(expect.arrayContaining([String(compound.id), String(room.id)]));
  });

  it('refuses a level that is not the next one down, naming the field and what is allowed', async () => {
    const community = await addressId('枫源县城关镇东湖新村社区');
    const skip = await t.send('POST', '/api/addresses', officer, { parentId: community, level: 'building', name: '9号楼' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json<Fields>().fields[0]).toMatchObject({ path: 'level', rule: 'address_level', message: '社区（村）下只能添加：小区（街巷、村民小组）' });
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    const unitUnderCompound = await t.send('POST', '/api/addresses', officer, { parentId: compound, level: 'unit', name: '1单元' });
    expect(unitUnderCompound.json<Fields>().fields[0]).toMatchObject({ path: 'level', rule: 'address_level' });
    const underRoom = await t.send('POST', '/api/addresses', officer, { parentId: await addressId(ROOM), level: 'room', name: '1室' }, { 'accept-language': 'en' });
    expect(underRoom.json<Fields>().fields[0]).toMatchObject({ path: 'level', message: 'nothing can be added under a room' });
    const orphan = await t.send('POST', '/api/addresses', admin, { level: 'town', name: '新镇' });
    expect(orphan.json<Fields>().fields[0]).toMatchObject({ path: 'parentId', rule: 'required' });
    const badDivision = await t.send('POST', '/api/addresses', officer, { parentId: community, level: 'compound', name: '新苑', divisionCode: '999999' });
    expect(badDivision.json<Fields>().fields[0]).toMatchObject({ path: 'divisionCode', rule: 'not_found' });
  });

  it('lets a village courtyard hold rooms directly, without a unit', async () => {
    const courtyard = await addressId('枫源县西岭乡姚村一组12号');
    const res = await t.send('POST', '/api/addresses', admin, { parentId: courtyard, level: 'room', name: '东厢房' });
    expect(res.statusCode).toBe(201);
    expect(res.json<Detail>().fullName).toBe('枫源县西岭乡姚村一组12号东厢房');
  });

  it('refuses a second address of the same name under one parent', async () => {
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    const res = await t.send('POST', '/api/addresses', officer, { parentId: compound, level: 'building', name: '3号楼' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Fields>().code).toBe('places.address_exists');
  });

  it('keeps writing to the roles that manage places', async () => {
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    expect((await t.send('POST', '/api/addresses', await t.login('demo-grid'), { parentId: compound, level: 'building', name: '99号楼' })).statusCode).toBe(403);
    expect((await t.send('POST', '/api/addresses', await t.login('demo-bureau'), { parentId: compound, level: 'building', name: '99号楼' })).statusCode).toBe(403);
  });

  it('recomputes full names and grams of the whole subtree when a name changes', async () => {
    const compound = await addressId('枫源县城关镇府前社区府前花园');
    const res = await t.send('PATCH', `/api/addresses/${compound}`, chief, { name: '府前雅园' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Detail>().fullName).toBe('枫源县城关镇府前社区府前雅园');
    const subtree = await t.db.selectFrom('addresses').select(['full_name', 'grams']).where('path', 'like', `%/${compound}/%`).execute();
    expect(subtree.length).toBeGreaterThan(20);
    for (const row of subtree) {
      expect(row.full_name.startsWith('枫源县城关镇府前社区府前雅园')).toBe(true);
      expect(row.grams).toEqual(addressGrams(row.full_name));
      expect(row.grams).not.toContain('花园');
    }
    const match = (await t.get(`/api/addresses/match?q=${encodeURIComponent('府前雅园1号楼1单元101')}`, chief)).json<{ best: { address: Address; confidence: number } }>();
    expect(match.best.address.fullName).toBe('枫源县城关镇府前社区府前雅园1号楼1单元101室');
    const event = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'address.updated').where('entity_id', '=', String(compound)).executeTakeFirstOrThrow();
    expect(event.change).toMatchObject({ name: { from: '府前花园', to: '府前雅园' }, renamedDescendants: subtree.length - 1 });
  });

  it('refuses to archive an address that still has children, people, houses or units, and archives it once free', async () => {
    const compound = await addressId('枫源县城关镇东湖新村社区东湖新村小区');
    const busy = await t.send('DELETE', `/api/addresses/${compound}`, officer);
    expect(busy.statusCode).toBe(409);
    expect(busy.json<Fields>().code).toBe('places.address_in_use');

    const unit = await addressId('枫源县城关镇东湖新村社区东湖新村小区1号楼1单元');
    const room = (await t.send('POST', '/api/addresses', officer, { parentId: unit, level: 'room', name: '701室' })).json<Detail>();
    const house = await t.db.insertInto('houses').values({ address_id: room.id, jurisdiction_id: room.jurisdictionId, use: 'vacant' }).returning('id').executeTakeFirstOrThrow();
    const inUse = await t.send('DELETE', `/api/addresses/${room.id}`, officer);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json<Fields>().message).toContain('1 处房屋');
    await t.db.deleteFrom('houses').where('id', '=', house.id).execute();

    expect((await t.send('DELETE', `/api/addresses/${room.id}`, officer)).statusCode).toBe(204);
    expect((await t.get(`/api/addresses/${room.id}`, officer)).statusCode).toBe(404);
    const event = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'address.archived').where('entity_id', '=', String(room.id)).executeTakeFirstOrThrow();
    expect(event.change).toMatchObject({ fullName: '枫源县城关镇东湖新村社区东湖新村小区1号楼1单元701室' });
    // The name is free again once archived.
    expect((await t.send('POST', '/api/addresses', officer, { parentId: unit, level: 'room', name: '701室' })).statusCode).toBe(201);
  });
});
