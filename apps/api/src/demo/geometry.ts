import type { GeoPolygon } from '../app/db/schema.js';
import type { Random } from './random.js';

/** A quadrilateral as [sw, se, ne, nw], each [lon, lat]. */
export type Quad = [[number, number], [number, number], [number, number], [number, number]];

function bilinear(q: Quad, u: number, v: number): [number, number] {
  const [sw, se, ne, nw] = q;
  const lon = (1 - u) * (1 - v) * sw[0] + u * (1 - v) * se[0] + u * v * ne[0] + (1 - u) * v * nw[0];
  const lat = (1 - u) * (1 - v) * sw[1] + u * (1 - v) * se[1] + u * v * ne[1] + (1 - u) * v * nw[1];
  return [lon, lat];
}

/**
 * Splits a quadrilateral into nx × ny cells whose inner corners are nudged at random, so
 * neighbouring units share their borders exactly but do not look like a ruled grid.
 */
export function subdivide(q: Quad, nx: number, ny: number, rng: Random, jitter = 0.18): Quad[] {
  const points: [number, number][][] = [];
  for (let j = 0; j <= ny; j++) {
    const row: [number, number][] = [];
    for (let i = 0; i <= nx; i++) {
      const inner = i > 0 && i < nx && j > 0 && j < ny;
      const u = i / nx + (inner ? rng.float(-jitter, jitter) / nx : 0);
      const v = j / ny + (inner ? rng.float(-jitter, jitter) / ny : 0);
      row.push(bilinear(q, u, v));
    }
    points.push(row);
  }
  const cells: Quad[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      cells.push([points[j]![i]!, points[j]![i + 1]!, points[j + 1]![i + 1]!, points[j + 1]![i]!]);
    }
  }
  return cells;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function quadToPolygon(q: Quad): GeoPolygon {
  const ring = [...q, q[0]].map(([lon, lat]) => [round(lon), round(lat)] as [number, number]);
  return { type: 'Polygon', coordinates: [ring] };
}

export function centroid(q: Quad): { lat: number; lon: number } {
  const c = bilinear(q, 0.5, 0.5);
  return { lon: round(c[0]), lat: round(c[1]) };
}

/** Splits n into a columns × rows layout as square as possible. */
export function layout(n: number): [number, number] {
  const cols = Math.ceil(Math.sqrt(n));
  return [cols, Math.ceil(n / cols)];
}
