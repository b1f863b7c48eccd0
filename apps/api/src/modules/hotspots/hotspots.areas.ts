/**
 * Patrol areas from a risk surface (警力跟着警情走): each patrol group takes a compact area — the
 * highest-risk free cell and then, one at a time, its best free neighbouring cell (cells without
 * predicted risk too, nearest first, so the area is a block of the mode's size) — inside a
 * window around that seed sized for the mode (a foot patrol about 750 m across, a vehicle patrol
 * about 1.25 km), never a cell another group of the same shift already holds. Pure computation.
 */

export type PatrolMode = 'vehicle' | 'foot';

/** Half-width (in cells) of the window an area may spread over around its seed cell. */
export function areaRadius(mode: PatrolMode, cellM: number): number {
  const halfSpanM = mode === 'foot' ? 375 : 625;
  return Math.max(mode === 'foot' ? 0 : 1, Math.round(halfSpanM / cellM - 0.5));
}

export interface ChosenArea {
  /** cell indices, in the order they were taken (the seed first) */
  cells: number[];
  /** summed risk of the cells */
  risk: number;
}

export function chooseAreas(risk: Float64Array, cols: number, units: number, mode: PatrolMode, cellM: number): ChosenArea[] {
  const rows = cols === 0 ? 0 : risk.length / cols;
  const radius = areaRadius(mode, cellM);
  const maxCells = (2 * radius + 1) ** 2;
  const taken = new Uint8Array(risk.length);
  // Cells by risk, highest first, ties by the lower index (as the engine ranks them).
  const order = Array.from(risk.keys())
    .filter((c) => risk[c]! > 0)
    .sort((a, b) => risk[b]! - risk[a]! || a - b);
  const areas: ChosenArea[] = [];
  let next = 0;
  while (areas.length < units) {
    while (next < order.length && taken[order[next]!]) next++;
    if (next >= order.length) break;
    const seed = order[next]!;
    const sc = seed % cols;
    const sr = (seed - sc) / cols;
    const cells = [seed];
    taken[seed] = 1;
    let sum = risk[seed]!;
    // Grow to the full window: the riskiest free neighbour first; among equals (often cells with
    // no risk at all) the one nearest the seed, so the area stays a compact block a patrol can walk.
    const dist = (n: number) => {
      const dc = (n % cols) - sc;
      const dr = Math.floor(n / cols) - sr;
      return dc * dc + dr * dr;
    };
    while (cells.length < maxCells) {
      let best = -1;
      for (const c of cells) {
        const cc = c % cols;
        const cr = (c - cc) / cols;
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            const nc = cc + dc;
            const nr = cr + dr;
            if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
            if (Math.abs(nc - sc) > radius || Math.abs(nr - sr) > radius) continue;
            const n = nr * cols + nc;
            if (taken[n]) continue;
            if (best < 0 || risk[n]! > risk[best]! || (risk[n] === risk[best] && (dist(n) < dist(best) || (dist(n) === dist(best) && n < best)))) best = n;
          }
      }
      if (best < 0) break;
      cells.push(best);
      taken[best] = 1;
      sum += Math.max(0, risk[best]!);
    }
    areas.push({ cells, risk: sum });
  }
  return areas;
}
