import type { EventPoint, EventSet, Grid } from './types.js';

const EARTH_M_PER_DEG_LAT = 111_320;

/**
 * A local plane for a city-sized area: metres east and north of an origin (equirectangular at the
 * origin's latitude band; the scale error over 50 km is far below a 250 m cell).
 */
export interface Plane {
  originLat: number;
  originLon: number;
  /** cos of the reference latitude */
  cosLat: number;
  toXY(lat: number, lon: number): { x: number; y: number };
  toLatLon(x: number, y: number): { lat: number; lon: number };
}

/** A plane whose (0, 0) is the south-west corner (minimum latitude and longitude) of the points, scaled at their mid-latitude. */
export function planeAtSouthWest(points: Iterable<{ lat: number; lon: number }>): Plane {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  for (const p of points) {
    if (p.lat < minLat) minLat = p.lat;
    if (p.lon < minLon) minLon = p.lon;
    if (p.lat > maxLat) maxLat = p.lat;
  }
  if (!Number.isFinite(minLat)) throw new Error('no points');
  return plane(minLat, minLon, (minLat + maxLat) / 2);
}

export function plane(originLat: number, originLon: number, refLat = originLat): Plane {
  const cosLat = Math.cos((refLat * Math.PI) / 180);
  return {
    originLat,
    originLon,
    cosLat,
    toXY: (lat, lon) => ({ x: (lon - originLon) * EARTH_M_PER_DEG_LAT * cosLat, y: (lat - originLat) * EARTH_M_PER_DEG_LAT }),
    toLatLon: (x, y) => ({ lat: originLat + y / EARTH_M_PER_DEG_LAT, lon: originLon + x / (EARTH_M_PER_DEG_LAT * cosLat) }),
  };
}

/** The grid anchored at (0, 0) of the plane covering every point (x, y ≥ 0). */
export function gridCovering(points: readonly { x: number; y: number }[], cellM: number): Grid {
  let maxX = 0;
  let maxY = 0;
  for (const p of points) {
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { originX: 0, originY: 0, cellM, cols: Math.floor(maxX / cellM) + 1, rows: Math.floor(maxY / cellM) + 1 };
}

export function cellOf(grid: Grid, x: number, y: number): number {
  const col = Math.floor((x - grid.originX) / grid.cellM);
  const row = Math.floor((y - grid.originY) / grid.cellM);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return -1;
  return row * grid.cols + col;
}

export function cellCentre(grid: Grid, cell: number): { x: number; y: number } {
  const col = cell % grid.cols;
  const row = (cell - col) / grid.cols;
  return { x: grid.originX + (col + 0.5) * grid.cellM, y: grid.originY + (row + 0.5) * grid.cellM };
}

/** Sorts the events by time and assigns each its cell. */
export function eventSet(grid: Grid, events: readonly EventPoint[]): EventSet {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const cell = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) cell[i] = cellOf(grid, sorted[i]!.x, sorted[i]!.y);
  return { grid, events: sorted, cell };
}

/** Index of the first event with t ≥ time (events sorted by t). */
export function lowerBound(events: readonly EventPoint[], time: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cells ordered by risk, highest first; ties broken by the lower cell index. Only cells where
 * `include` is true (the study area) are ranked.
 */
export function rankCells(risk: Float64Array, include?: Uint8Array): Int32Array {
  const ids: number[] = [];
  for (let c = 0; c < risk.length; c++) if (!include || include[c]) ids.push(c);
  ids.sort((a, b) => risk[b]! - risk[a]! || a - b);
  return Int32Array.from(ids);
}
