/** What the case page hands each of its panels (A file sections, B file, transfers, agreement, follow-ups). */
export interface CasePanelProps {
  caseId: number;
  /** The case's current stage code (registered, assessing, mediating, transferred, agreement, no_agreement, follow_up, closed). */
  stage: string;
  /** Call after a change that may move the stage, so the page reloads the case. */
  onChanged: () => void;
}
