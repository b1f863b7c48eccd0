import { describe, expect, it } from 'vitest';
import { distanceMetres, insidePolygon } from './geo.js';

describe('geo', () => {
  it('measures distances on the ground', () => {
    // One thousandth of a degree of latitude is about 111 m anywhere.
    expect(distanceMetres({ lat: 35, lon: 110 }, { lat: 35.001, lon: 110 })).toBeCloseTo(111.2, 0);
    // Beijing (Tiananmen) to Shanghai (People's Square): about 1,067 km.
    expect(distanceMetres({ lat: 39.9075, lon: 116.3972 }, { lat: 31.2304, lon: 121.4737 }) / 1000).toBeGreaterThan(1060);
    expect(distanceMetres({ lat: 39.9075, lon: 116.3972 }, { lat: 31.2304, lon: 121.4737 }) / 1000).toBeLessThan(1075);
    expect(distanceMetres({ lat: 1, lon: 2 }, { lat: 1, lon: 2 })).toBe(0);
  });

  it('tells inside from outside a polygon, holes included', () => {
    const square: [number, number][] = [[110, 35], [111, 35], [111, 36], [110, 36], [110, 35]];
    const hole: [number, number][] = [[110.4, 35.4], [110.6, 35.4], [110.6, 35.6], [110.4, 35.6], [110.4, 35.4]];
    expect(insidePolygon({ lat: 35.2, lon: 110.2 }, [square])).toBe(true);
    expect(insidePolygon({ lat: 36.2, lon: 110.2 }, [square])).toBe(false);
    expect(insidePolygon({ lat: 35.5, lon: 110.5 }, [square, hole])).toBe(false);
  });
});
