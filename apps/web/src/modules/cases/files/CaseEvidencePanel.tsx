import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseEvidencePanel(_props: CasePanelProps) {
  return null;
}
