import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseTransfersPanel(_props: CasePanelProps) {
  return null;
}
