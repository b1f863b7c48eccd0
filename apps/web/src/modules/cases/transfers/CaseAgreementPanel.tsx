import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseAgreementPanel(_props: CasePanelProps) {
  return null;
}
