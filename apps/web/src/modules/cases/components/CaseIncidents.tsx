import { Button, Card, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { casesApi, type CaseDetail } from '../cases.api';
import { caseText } from '../cases.text';

const REASON_LABELS = { source: { zh: '来源', en: 'Source' }, linked: { zh: '关联', en: 'Linked' }, relapse: { zh: '复发', en: 'Relapse' } } as const;

/** A file: the incidents the case came from or was linked to. */
export function CaseIncidents({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { lang, dateTime } = useI18n();
  const tx = (key: Parameters<typeof caseText>[1]) => caseText(lang, key);
  const { showError } = useFeedback();
  const [incidentId, setIncidentId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const link = () => {
    if (!incidentId) return;
    setSaving(true);
    casesApi
      .linkIncident(detail.id, incidentId)
      .then(() => {
        setIncidentId(null);
        onChanged();
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  return (
    <Card size="small" title={tx('incidents')} data-testid="case-incidents">
      <List
        size="small"
        dataSource={detail.incidents}
        locale={{ emptyText: tx('noIncidents') }}
        renderItem={(i) => (
          <List.Item>
            <Space wrap size={6}>
              <Link to={`/incidents/${i.id}`}>{i.summary}</Link>
              <Tag>{REASON_LABELS[i.reason][lang]}</Tag>
              <Typography.Text type="secondary">{dateTime(i.receivedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {detail.abilities.manage && (
        <Space.Compact style={{ marginTop: 8, maxWidth: 320, width: '100%' }}>
          <InputNumber<number> min={1} precision={0} value={incidentId} onChange={setIncidentId} placeholder={tx('incidentId')} aria-label={tx('incidentId')} style={{ width: '100%' }} />
          <Button onClick={link} loading={saving} disabled={!incidentId}>
            {tx('linkIncident')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
