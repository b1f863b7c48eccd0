import type { CasePanelProps } from '../casePanel';

/** Placeholder until its owner lands it. */
export function CaseFollowupsPanel(_props: CasePanelProps) {
  return null;
}
