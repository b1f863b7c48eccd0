import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { incidentsApi } from '../incidents.api';
import { AddressCorrection } from '../components/AddressCorrection';
import { IncidentParties } from '../components/IncidentParties';
import { IncidentProgress } from '../components/IncidentProgress';
import { IncidentLinks } from '../components/IncidentLinks';
import { IncidentRisk } from '../components/IncidentRisk';
import { IncidentCaseLink } from '../../cases/components/IncidentCaseLink';
import { KIND_COLORS, KIND_LABELS, STATUS_COLORS, STATUS_LABELS, text, type TextKey } from '../incidents.text';

/** One incident: what was reported, where (with the matched standard address), and its timestamps. */
export default function IncidentPage() {
  const { id } = useParams();
  const incidentId = Number(id);
  const { t, lang, dateTime } = useI18n();
  const tx = (key: TextKey) => text(lang, key);
  const incident = useQuery((signal) => incidentsApi.get(incidentId, signal), [incidentId]);
  const taxonomy = useQuery((signal) => incidentsApi.taxonomy(signal), []);
  const channels = useQuery((signal) => incidentsApi.channels(signal), []);
  const names = useMemo(() => {
    const pick = (c: { code: string; nameZh: string; nameEn: string }) => [c.code, lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh] as const;
    return {
      channel: new Map((channels.data?.items ?? []).map(pick)),
      risk: new Map((taxonomy.data?.riskDomains ?? []).map(pick)),
      dispute: new Map((taxonomy.data?.disputeTypes ?? []).map(pick)),
    };
  }, [channels.data, taxonomy.data, lang]);
  const i = incident.data;

  if (incident.loading && !i) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (incident.error instanceof ApiError && (incident.error.status === 404 || incident.error.status === 400)) {
    return <Result status="404" title={tx('notFound')} extra={<Link to="/incidents">{tx('back')}</Link>} />;
  }
  if (incident.error || !i) return <Alert type="error" showIcon title={errorText(incident.error, t)} />;

  const none = t('common.none');
  const matched = i.addressName ? (
    <Space size={8} wrap>
      <span>{i.addressName}</span>
      {i.addressConfidence !== null && (
        <Tag color={i.addressConfidence >= 0.8 ? 'green' : i.addressConfidence >= 0.5 ? 'gold' : 'red'}>
          {tx('confidence')} {Math.round(i.addressConfidence * 100)}%
        </Tag>
      )}
    </Space>
  ) : (
    <Typography.Text type="secondary">{tx('noMatch')}</Typography.Text>
  );
  const standardAddress = (
    <Space size={8} wrap>
      {matched}
      <AddressCorrection incident={i} onChange={incident.reload} />
    </Space>
  );

  return (
    <div data-testid="incident-detail">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/incidents" aria-label={tx('back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{i.summary}</Typography.Title>
          <Tag color={KIND_COLORS[i.kind]}>{KIND_LABELS[i.kind][lang]}</Tag>
          <Tag color={STATUS_COLORS[i.status]}>{STATUS_LABELS[i.status][lang]}</Tag>
          <IncidentCaseLink incidentId={i.id} disputeCaseId={i.disputeCaseId} />
        </Space>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'receivedAt', label: tx('receivedAt'), children: dateTime(i.receivedAt) },
              { key: 'channel', label: tx('channel'), children: names.channel.get(i.channel) ?? i.channel },
              { key: 'category', label: tx('category'), children: `${i.categoryName}（${i.categoryCode}）` },
              ...(i.kind === 'dispute'
                ? [
                    { key: 'risk', label: tx('riskDomain'), children: i.riskDomain ? (names.risk.get(i.riskDomain) ?? i.riskDomain) : none },
                    { key: 'disputeType', label: tx('disputeType'), children: i.disputeType ? (names.dispute.get(i.disputeType) ?? i.disputeType) : none },
                  ]
                : []),
              { key: 'callerName', label: tx('callerName'), children: i.callerName ?? none },
              { key: 'callerPhone', label: tx('callerPhone'), children: i.callerPhone ? <a href={`tel:${i.callerPhone}`}>{i.callerPhone}</a> : none },
              { key: 'addressText', label: tx('addressText'), span: 'filled' as const, children: i.addressText ?? none },
              { key: 'standard', label: tx('standardAddress'), span: 'filled' as const, children: standardAddress },
              { key: 'coords', label: tx('coords'), children: i.lat !== null && i.lon !== null ? `${i.lat.toFixed(6)}, ${i.lon.toFixed(6)}` : none },
              { key: 'jurisdiction', label: tx('jurisdiction'), children: i.jurisdictionName },
              ...(i.externalRef ? [{ key: 'ref', label: tx('externalRef'), children: i.externalRef }] : []),
              { key: 'narrative', label: tx('narrative'), span: 'filled' as const, children: <div style={{ whiteSpace: 'pre-wrap' }}>{i.narrative || none}</div> },
            ]}
          />
        </Card>
        <IncidentProgress incident={i} onChange={incident.reload} />
        <IncidentRisk incident={i} />
        <IncidentParties incident={i} onChange={incident.reload} />
        <IncidentLinks incidentId={i.id} />
      </Space>
    </div>
  );
}
