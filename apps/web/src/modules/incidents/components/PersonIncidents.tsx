import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { IncidentKind, IncidentStatus, PartyRole } from '../incidents.api';
import { partiesText } from '../incidents.parties.text';
import { KIND_COLORS, KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from '../incidents.text';
import { ROLE_COLORS, ROLE_LABELS } from '../incidents.parties.text';

export interface PersonIncident {
  id: number;
  receivedAt: string;
  summary: string;
  status: string;
  kind: string;
  categoryName: string;
  role: string;
  jurisdictionName: string;
}

/** The person page's incidents: each incident the person was a party to, newest first. */
export function PersonIncidents({ items }: { items: PersonIncident[] }) {
  const { lang, dateTime } = useI18n();
  return (
    <Card size="small" title={partiesText(lang, 'personIncidents', { n: items.length })} data-testid="person-incidents">
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: partiesText(lang, 'noPersonIncidents') }}
        renderItem={(i) => {
          const kind = i.kind as IncidentKind;
          const status = i.status as IncidentStatus;
          const role = i.role as PartyRole;
          return (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Link to={`/incidents/${i.id}`}>{i.summary}</Link>
                  {ROLE_LABELS[role] && <Tag color={ROLE_COLORS[role]}>{ROLE_LABELS[role][lang]}</Tag>}
                  {KIND_LABELS[kind] && <Tag color={KIND_COLORS[kind]}>{KIND_LABELS[kind][lang]}</Tag>}
                  {STATUS_LABELS[status] && <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status][lang]}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {dateTime(i.receivedAt)} · {i.categoryName} · {i.jurisdictionName}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
