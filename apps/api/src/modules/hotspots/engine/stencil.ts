import type { Grid } from './types.js';

/** Kernels over distance d (metres) with bandwidth h: Gaussian (σ = h, cut at 3h) or quartic (zero beyond h). */
export const KERNELS = ['gaussian', 'quartic'] as const;
export type KernelName = (typeof KERNELS)[number];

/** A precomputed kernel on the grid: offsets (dCol, dRow) around a cell and their weights, summing to 1. */
export interface Stencil {
  dc: Int32Array;
  dr: Int32Array;
  w: Float64Array;
}

export function kernelValue(kernel: KernelName, d: number, h: number): number {
  if (kernel === 'gaussian') return d > 3 * h ? 0 : Math.exp((-0.5 * d * d) / (h * h));
  const u = d / h;
  return u >= 1 ? 0 : (1 - u * u) ** 2;
}

/**
 * The kernel sampled at cell-centre distances. Events are taken at their cell's centre, so the
 * smoothing is exact on the grid and costs (cells with events) × (stencil size) per surface
 * instead of events × cells. A bandwidth below half a cell degenerates to the cell itself.
 */
export function makeStencil(kernel: KernelName, bandwidthM: number, cellM: number): Stencil {
  const reach = kernel === 'gaussian' ? 3 * bandwidthM : bandwidthM;
  const r = Math.max(0, Math.floor(reach / cellM));
  const dc: number[] = [];
  const dr: number[] = [];
  const w: number[] = [];
  for (let y = -r; y <= r; y++)
    for (let x = -r; x <= r; x++) {
      const v = bandwidthM <= 0 ? (x === 0 && y === 0 ? 1 : 0) : kernelValue(kernel, Math.hypot(x, y) * cellM, bandwidthM);
      if (v > 0) {
        dc.push(x);
        dr.push(y);
        w.push(v);
      }
    }
  if (w.length === 0) return { dc: Int32Array.of(0), dr: Int32Array.of(0), w: Float64Array.of(1) };
  const sum = w.reduce((a, b) => a + b, 0);
  return { dc: Int32Array.from(dc), dr: Int32Array.from(dr), w: Float64Array.from(w.map((v) => v / sum)) };
}

/** out += scale · (stencil ∗ mass): spreads each cell's mass over its neighbours (cells off the grid are dropped). */
export function spread(grid: Grid, mass: Float64Array, stencil: Stencil, out: Float64Array, scale = 1): Float64Array {
  const { cols, rows } = grid;
  const { dc, dr, w } = stencil;
  const k = w.length;
  for (let c = 0; c < mass.length; c++) {
    const m = mass[c]!;
    if (m === 0) continue;
    const col = c % cols;
    const row = (c - col) / cols;
    const sm = m * scale;
    for (let j = 0; j < k; j++) {
      const x = col + dc[j]!;
      const y = row + dr[j]!;
      if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
      out[y * cols + x]! += sm * w[j]!;
    }
  }
  return out;
}
