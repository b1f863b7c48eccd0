import { Card, Timeline, Typography } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { CaseEvent } from '../cases.api';
import { ACTION_LABELS, caseText, RESOLUTION_LABELS, STAGE_LABELS } from '../cases.text';

/** 流转记录: every stage change with who, when and why. */
export function CaseEvents({ events }: { events: CaseEvent[] }) {
  const { lang, dateTime } = useI18n();
  return (
    <Card size="small" title={caseText(lang, 'events')} data-testid="case-events">
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          content: (
            <div>
              <Typography.Text strong>
                {ACTION_LABELS[e.action]?.[lang] ?? e.action}
                {e.fromStage ? `：${STAGE_LABELS[e.fromStage][lang]} → ${STAGE_LABELS[e.toStage][lang]}` : `：${STAGE_LABELS[e.toStage][lang]}`}
                {e.resolution ? `（${RESOLUTION_LABELS[e.resolution][lang]}）` : ''}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {dateTime(e.at)} · {e.actorName}
                </Typography.Text>
              </div>
              {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
