import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseBFilePanel(_props: CasePanelProps) {
  return null;
}
