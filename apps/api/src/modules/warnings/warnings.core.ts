import type { WarningLevel, WarningStatus } from '../../app/db/schema.js';

/** Blue is the mildest grade, red the gravest. */
export const LEVEL_RANK: Record<WarningLevel, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/** Days a warning's owner has to deal with it, by grade. */
export const DEADLINE_DAYS: Record<WarningLevel, number> = { red: 3, orange: 7, yellow: 14, blue: 14 };

export const LEVEL_ZH: Record<WarningLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };

export type WarningStep = 'acknowledge' | 'plan' | 'close';

/** The one path a warning walks: open → acknowledged → planned (一事一策) → closed. */
export const TRANSITIONS: Record<WarningStep, { from: WarningStatus; to: WarningStatus; action: 'warning.acknowledged' | 'warning.planned' | 'warning.closed' }> = {
  acknowledge: { from: 'open', to: 'acknowledged', action: 'warning.acknowledged' },
  plan: { from: 'acknowledged', to: 'planned', action: 'warning.planned' },
  close: { from: 'planned', to: 'closed', action: 'warning.closed' },
};

export function higher(a: WarningLevel | null, b: WarningLevel | null): boolean {
  return (a ? LEVEL_RANK[a] : 0) > (b ? LEVEL_RANK[b] : 0);
}
