import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { incidentFindApi, type IncidentLinks as Links } from '../incidents.api';
import { findText, LINK_BY_LABELS, WARNING_LEVEL_COLORS, WARNING_LEVEL_LABELS, WARNING_SOURCE_LABELS, WARNING_STATUS_LABELS, type FindTextKey } from '../incidents.find.text';
import { STATUS_COLORS, STATUS_LABELS } from '../incidents.text';

/** 关联警情与预警: the repeat clusters this incident belongs to, their other incidents, and the warnings. */
export function IncidentLinks({ incidentId }: { incidentId: number }) {
  const { t, lang, dateTime } = useI18n();
  const fx = (key: FindTextKey, p?: Record<string, string | number>) => findText(lang, key, p);
  const links = useQuery((signal) => incidentFindApi.links(incidentId, signal), [incidentId]);
  const data = links.data;
  const day = (iso: string) => dateTime(iso).slice(0, 10);

  const warnings = (items: Links['warnings']) => (
    <List
      size="small"
      header={<Typography.Text strong>{fx('warnings')}</Typography.Text>}
      dataSource={items}
      renderItem={(w) => (
        <List.Item key={w.id} data-testid={`incident-warning-${w.id}`}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <Tag color={WARNING_LEVEL_COLORS[w.level]}>{WARNING_LEVEL_LABELS[w.level][lang]}</Tag>
              <Tag>{WARNING_STATUS_LABELS[w.status][lang]}</Tag>
              <Typography.Text type="secondary">{WARNING_SOURCE_LABELS[w.source][lang]}</Typography.Text>
            </Space>
            <Link to={`/warnings/${w.id}`} aria-label={`${fx('openWarning')}：${w.reason}`}>
              {w.reason}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fx('deadline', { date: w.deadline })}
              {w.ownerName ? ` · ${fx('owner', { name: w.ownerName })}` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );

  const clusters = (items: Links['clusters']) =>
    items.map((c) => (
      <div key={c.id} data-testid={`incident-cluster-${c.id}`} style={{ marginBottom: 12 }}>
        <Space size={4} wrap>
          <Typography.Text strong>{LINK_BY_LABELS[c.linkBy][lang]}</Typography.Text>
          {c.linkBy === 'address' && c.addressId !== null ? <Link to={`/incidents?addressId=${c.addressId}`}>{c.linkLabel}</Link> : <span>{c.linkLabel}</span>}
          {c.level && <Tag color={WARNING_LEVEL_COLORS[c.level]}>{WARNING_LEVEL_LABELS[c.level][lang]}</Tag>}
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fx('clusterCount', { count: c.incidentCount })} · {fx('clusterSpan', { first: day(c.firstAt), last: day(c.lastAt) })}
          </Typography.Text>
        </div>
        <List
          size="small"
          dataSource={c.incidents}
          locale={{ emptyText: fx('clusterOthersHidden') }}
          renderItem={(i) => (
            <List.Item key={i.id}>
              <Space size={8} wrap style={{ width: '100%' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {dateTime(i.receivedAt)}
                </Typography.Text>
                <Link to={`/incidents/${i.id}`} data-testid={`incident-link-${i.id}`}>
                  {i.summary}
                </Link>
                <Tag color={STATUS_COLORS[i.status]}>{STATUS_LABELS[i.status][lang]}</Tag>
              </Space>
            </List.Item>
          )}
        />
        {c.more > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fx('clusterMore', { count: c.more })}
          </Typography.Text>
        )}
      </div>
    ));

  return (
    <Card size="small" title={fx('linksTitle')} loading={links.loading && !data} data-testid="incident-links">
      {links.error ? <Alert type="error" showIcon title={`${fx('linksError')}：${errorText(links.error, t)}`} /> : null}
      {data && data.clusters.length === 0 && data.warnings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={fx('noLinks')} /> : null}
      {data && clusters(data.clusters)}
      {data && data.warnings.length > 0 && warnings(data.warnings)}
    </Card>
  );
}
