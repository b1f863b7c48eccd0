import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseSessionsPanel(_props: CasePanelProps) {
  return null;
}
