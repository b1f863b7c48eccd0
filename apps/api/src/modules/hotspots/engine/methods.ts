import { blendMethod } from './blend.js';
import { kdeMethod } from './kde.js';
import { naiveMethod } from './naive.js';
import { prospectiveMethod } from './prospective.js';
import { seppMethod } from './sepp.js';
import type { HotspotMethod, MethodParams } from './types.js';

/** Every method the product and the backtest command offer, by name. */
export const HOTSPOT_METHODS: readonly HotspotMethod[] = [naiveMethod, kdeMethod, prospectiveMethod, seppMethod, blendMethod];

/** The method the product uses unless told otherwise: the one that generalised best in the backtests (docs/hotspots.md). */
export const DEFAULT_METHOD = 'blend';

export function methodByName(name: string): HotspotMethod | undefined {
  return HOTSPOT_METHODS.find((m) => m.name === name);
}

/** A method's defaults overlaid with the given values (unknown keys ignored). */
export function paramsFor(method: HotspotMethod, given: MethodParams = {}): MethodParams {
  const out: MethodParams = {};
  for (const p of method.params) out[p.key] = given[p.key] ?? p.default;
  return out;
}
