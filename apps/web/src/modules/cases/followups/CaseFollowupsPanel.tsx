import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { followupsApi, type Followup } from '../../myday/myday.api';
import { FOLLOWUP_KIND_LABELS, mydayText, type MyDayTextKey } from '../../myday/myday.text';
import type { CasePanelProps } from '../casePanel';
import { RecordFollowupModal } from './RecordFollowupModal';

function StatusTag({ f, tx }: { f: Followup; tx: (key: MyDayTextKey) => string }) {
  if (f.relapse) return <Tag color="red">{tx('relapse')}</Tag>;
  if (f.doneAt) return <Tag color="green">{tx('done')}</Tag>;
  if (f.overdue) return <Tag color="orange">{tx('overdue')}</Tag>;
  return <Tag color="blue">{tx('pending')}</Tag>;
}

/** 三访 on the case page: the visits scheduled at closure, what each found, and recording the next one. */
export function CaseFollowupsPanel({ caseId, stage, onChanged }: CasePanelProps) {
  const { t, lang, dateTime } = useI18n();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  const query = useQuery((signal) => followupsApi.ofCase(caseId, signal), [caseId, stage]);
  const [recording, setRecording] = useState<Followup | null>(null);
  const data = query.data;

  return (
    <Card size="small" title={tx('followups')} data-testid="case-followups">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {tx('followupsHint')}
      </Typography.Paragraph>
      {query.error ? <Alert type="error" showIcon title={errorText(query.error, t)} /> : null}
      <List<Followup>
        loading={query.loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('followupsNone')} /> }}
        renderItem={(f) => (
          <List.Item
            data-testid={`followup-${f.kind}`}
            actions={
              data?.abilities.record && !f.doneAt
                ? [
                    <Button key="record" type="primary" size="small" onClick={() => setRecording(f)} data-testid={`followup-record-${f.id}`}>
                      {tx('record')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={8}>
                  <span>{FOLLOWUP_KIND_LABELS[f.kind][lang]}</span>
                  <StatusTag f={f} tx={tx} />
                </Space>
              }
              description={
                <Space orientation="vertical" size={2}>
                  <span>
                    {tx('dueOn')}：{f.dueOn}
                    {f.assignedName ? ` · ${tx('assigned')}：${f.assignedName}` : ''}
                  </span>
                  {f.doneAt && <span>{tx('doneBy', { name: f.doneByName ?? '—', at: dateTime(f.doneAt) })}</span>}
                  {f.finding && <Typography.Text>{f.finding}</Typography.Text>}
                  {f.relapseIncidentId && <Link to={`/incidents/${f.relapseIncidentId}`}>#{f.relapseIncidentId}</Link>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <RecordFollowupModal
        followup={recording}
        onClose={() => setRecording(null)}
        onRecorded={(result) => {
          setRecording(null);
          query.reload();
          if (result.relapsed || result.stage !== stage) onChanged();
        }}
      />
    </Card>
  );
}
