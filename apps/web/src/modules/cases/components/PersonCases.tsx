import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { casesApi } from '../cases.api';
import { caseText, SIDE_LABELS } from '../cases.text';
import { StageTag } from './StageTag';

/** The person page's dispute cases: each case the person is a party to, newest first (shown when the viewer may see cases). */
export function PersonCases({ personId }: { personId: number }) {
  const { may } = useSession();
  const visible = may('cases.view');
  if (!visible) return null;
  return <PersonCasesList personId={personId} />;
}

function PersonCasesList({ personId }: { personId: number }) {
  const { lang, dateTime } = useI18n();
  const cases = useQuery((signal) => casesApi.ofPerson(personId, signal), [personId]);
  const items = cases.data?.items ?? [];
  return (
    <Card size="small" title={caseText(lang, 'personCases', { n: items.length })} loading={cases.loading && !cases.data} data-testid="person-cases">
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: caseText(lang, 'noPersonCases') }}
        renderItem={(c) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
                <StageTag stage={c.stage} />
                <Tag>{SIDE_LABELS[c.side][lang]}</Tag>
              </Space>
              <Typography.Text type="secondary">
                {c.caseNo} · {dateTime(c.createdAt)} · {c.jurisdictionName}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
