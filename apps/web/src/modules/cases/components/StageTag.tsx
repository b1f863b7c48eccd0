import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { CaseStage } from '../cases.api';
import { caseText, STAGE_COLORS, STAGE_LABELS } from '../cases.text';

export function StageTag({ stage }: { stage: CaseStage }) {
  const { lang } = useI18n();
  return <Tag color={STAGE_COLORS[stage]}>{STAGE_LABELS[stage][lang]}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { lang } = useI18n();
  return overdue ? (
    <Tag color="red" data-testid="case-overdue">
      {caseText(lang, 'overdue')}
    </Tag>
  ) : null;
}
