import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../app/actor.js';
import { createRandom, type Random } from '../../demo/random.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { matchAddress, type AddressMatch } from './places.matcher.js';

let t: TestApp;
let admin: Actor;
let chief: Actor;

async function actorOf(username: string): Promise<Actor> {
  const u = await t.db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.jurisdiction_id', 'j.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { kind: 'user', userId: u.id, username, displayName: u.display_name, role: u.role, jurisdictionId: u.jurisdiction_id, jurisdictionPath: u.path, departmentId: null, sessionId: 'test' };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await actorOf('demo-admin');
  chief = await actorOf('demo-chief');
});
afterAll(async () => {
  await t.close();
});

const match = (text: string, actor = admin) => matchAddress(t.db, actor, text);
const fullNameOf = (m: AddressMatch) => m.best?.address.fullName;

describe('address matching', () => {
  it('finds an exact full address with confidence of at least 0.95', async () => {
    const m = await match('枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室');
    expect(fullNameOf(m)).toBe('枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室');
    expect(m.best!.confidence).toBeGreaterThanOrEqual(0.95);
    expect(m.parsed).toEqual({ building: '3', unit: '2', room: '502' });
  });

  it('reads Chinese numerals and a partial chain: 城关镇东湖新村小区三号楼二单元502室', async () => {
    const m = await match('城关镇东湖新村小区三号楼二单元502室');
    expect(fullNameOf(m)).toBe('枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室');
    expect(m.best!.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('understands the short form 东湖新村3栋2单元502', async () => {
    const m = await match('东湖新村3栋2单元502');
    expect(fullNameOf(m)).toBe('枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室');
    expect(m.best!.confidence).toBeGreaterThanOrEqual(0.85);
    // Other compounds of the community with the same numbers are offered, well below.
    expect(m.alternatives.every((a) => a.confidence < m.best!.confidence - 0.3)).toBe(true);
  });

  it('gives the building at lower confidence when unit and room are missing', async () => {
    const room = await match('东湖新村小区3号楼2单元502室');
    const building = await match('东湖新村小区3号楼');
    expect(building.best!.address).toMatchObject({ level: 'building', fullName: '枫源县城关镇东湖新村社区东湖新村小区3号楼' });
    expect(building.best!.confidence).toBeGreaterThan(0.6);
    expect(building.best!.confidence).toBeLessThan(room.best!.confidence);
  });

  it('finds 湖滨社区 2号楼 in the compound named after the community and offers the others', async () => {
    const m = await match('湖滨社区 2号楼');
    expect(fullNameOf(m)).toBe('枫源县东湖镇湖滨社区湖滨小区2号楼');
    expect(m.best!.confidence).toBeGreaterThan(0.6);
    const others = m.alternatives.filter((a) => a.address.level === 'building' && a.address.name === '2号楼' && a.address.fullName.startsWith('枫源县东湖镇湖滨社区'));
    expect(others.length).toBeGreaterThanOrEqual(1);
  });

  it('answers 姚村 12号 with one of the village’s courtyards 12号, at a confidence that admits the doubt', async () => {
    const m = await match('姚村 12号');
    expect(m.best!.address.fullName).toMatch(/^枫源县西岭乡姚村.+12号$/);
    const twins = await t.db.selectFrom('addresses').select('id').where('full_name', 'like', '枫源县西岭乡姚村%12号').where('level', '=', 'building').execute();
    if (twins.length > 1) {
      expect(m.best!.confidence).toBeLessThan(0.6);
      expect(m.alternatives.map((a) => a.address.id)).toEqual(expect.arrayContaining(twins.map((r) => r.id).filter((id) => id !== m.best!.address.id)));
    }
    const exact = await match('姚村一组12号');
    expect(exact.best).toMatchObject({ address: { fullName: '枫源县西岭乡姚村一组12号' } });
    expect(exact.best!.confidence).toBeGreaterThan(0.8);
  });

  it('still finds the place through a typo', async () => {
    const m = await match('东湖新材小区3号楼2单元502');
    expect(fullNameOf(m)).toBe('枫源县城关镇东湖新村社区东湖新村小区3号楼2单元502室');
    expect(m.best!.confidence).toBeGreaterThan(0.4);
  });

  it('answers nothing, or nothing it is sure of, for a text that names no place in the county', async () => {
    for (const text of ['北京市朝阳区建国路88号', '今天天气很好', '12345', '上海市浦东新区世纪大道100号']) {
      const m = await match(text);
      expect(m.best === null || m.best.confidence < 0.3, text).toBe(true);
    }
  });

  it('looks only inside the actor’s scope', async () => {
    const m = await match('湖滨社区 2号楼', chief);
    expect(m.best === null || m.best.address.fullName.startsWith('枫源县城关镇')).toBe(true);
    expect(m.alternatives.every((a) => a.address.fullName.startsWith('枫源县城关镇'))).toBe(true);
  });

  it('is served at GET /api/addresses/match with the parsed numbers', async () => {
    const s = await t.login('demo-officer');
    const res = await t.get(`/api/addresses/match?q=${encodeURIComponent('东湖新村 3-2-502')}`, s);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ best: { address: { name: '502室', level: 'room' } }, parsed: { building: '3', unit: '2', room: '502' } });
  });
});

// Messy ways people write an address they know: parts left out, other markers, numerals, typos.
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`);
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const TYPO_CHARS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经';

interface Chain {
  id: number;
  kind: 'apartment' | 'courtyard' | 'shopfront';
  town: string;
  community: string;
  compound: string;
  building: string;
  unit: string | null;
  room: string | null;
}

function typo(rng: Random, name: string): string {
  const chars = Array.from(name);
  if (chars.length < 4) return name;
  const i = rng.int(1, chars.length - 2);
  chars[i] = rng.pick(Array.from(TYPO_CHARS));
  return chars.join('');
}

function messy(rng: Random, c: Chain): string {
  const sep = () => (rng.chance(0.3) ? rng.pick([' ', '，', '、']) : '');
  const b = Number(/\d+/.exec(c.building)![0]);
  if (c.kind === 'courtyard') {
    const lane = rng.chance(0.3) ? c.compound.replace(/^[一二三四]/, (x) => String(CN.indexOf(x))) : c.compound;
    const head = rng.pick([`${c.community}${lane}`, `${c.town}${c.community}${lane}`, `${c.community}${sep()}${lane}`]);
    return head + sep() + rng.pick([`${b}号`, `${b}号院`, `${b}`, `${cn(b)}号`]);
  }
  if (c.kind === 'shopfront') return rng.pick([`${c.community}${c.compound}${b}号`, `${c.town}${c.compound}${b}号`, `${c.community}${sep()}${c.compound}${sep()}${b}号商铺`]);
  let compound = rng.chance(0.3) ? c.compound.replace(/小区$/, '') : c.compound;
  if (rng.chance(0.1)) compound = typo(rng, compound);
  const head = rng.pick([compound, compound, compound, `${c.community}${compound}`, `${c.town}${compound}`, `枫源县${c.town}${c.community}${compound}`]);
  const u = Number(/\d+/.exec(c.unit!)![0]);
  const r = /\d+/.exec(c.room!)![0];
  let tail: string;
  if (rng.chance(0.15)) tail = `${b}-${u}-${r}`;
  else {
    const building = rng.pick([`${b}号楼`, `${b}栋`, `${b}幢`, `${b}#`, `${cn(b)}号楼`, `${b}号`]);
    const unit = rng.pick([`${u}单元`, `${cn(u)}单元`]);
    const room = rng.pick([`${r}室`, r, `${r}户`, `${r}号`]);
    tail = building + sep() + unit + sep() + room;
  }
  const text = head + sep() + tail;
  return rng.chance(0.15) ? fullWidth(text) : text;
}

describe('address matching on the demo county', () => {
  it('finds the exact address for at least 90 % of 200 messy variants of real ones, quickly', async () => {
    const rows = await t.db
      .selectFrom('addresses as a')
      .innerJoin('addresses as p', 'p.id', 'a.parent_id')
      .select(['a.id', 'a.level', 'a.path', 'a.name', 'p.level as parent_level', 'p.name as parent_name'])
      .where('a.archived_at', 'is', null)
      .where((eb) => eb.or([eb('a.level', '=', 'room'), eb.and([eb('a.level', '=', 'building'), eb('a.name', 'not like', '%楼')])]))
      .orderBy('a.id')
      .execute();
    const names = new Map((await t.db.selectFrom('addresses').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
    const rng = createRandom(2025);
    const sample = rng.shuffle(rows).slice(0, 200);
    let exact = 0;
    const misses: string[] = [];
    const times: number[] = [];
    for (const row of sample) {
      const ids = row.path.split('/').filter(Boolean).map(Number);
      const parts = ids.map((id) => names.get(id)!);
      const isRoom = row.level === 'room';
      const chain: Chain = {
        id: row.id,
        kind: isRoom ? 'apartment' : parts[2]!.endsWith('村') && !parts[3]!.endsWith('大街') ? 'courtyard' : 'shopfront',
        town: parts[1]!,
        community: parts[2]!,
        compound: parts[3]!,
        building: parts[4]!,
        unit: isRoom ? parts[5]! : null,
        room: isRoom ? parts[6]! : null,
      };
      const text = messy(rng, chain);
      const started = performance.now();
      const m = await match(text);
      times.push(performance.now() - started);
      if (m.best?.address.id === row.id) exact++;
      else misses.push(`${text} → ${m.best?.address.fullName ?? '—'} (${m.best?.confidence ?? 0})`);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length * 0.5)]!;
    const p95 = times[Math.floor(times.length * 0.95)]!;
    console.log(`address matching: ${exact}/${sample.length} exact (${((exact / sample.length) * 100).toFixed(1)} %), p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n  misses:\n  ${misses.join('\n  ')}`);
    expect(exact / sample.length).toBeGreaterThanOrEqual(0.9);
    expect(p95).toBeLessThan(250);
  });
});
