import { Card, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { warningsApi, type WarningLevel } from '../../warnings/warnings.api';
import { FACTOR_LABELS, LEVEL_COLORS, LEVEL_LABELS, STATUS_LABELS, warningText, type WarningTextKey } from '../../warnings/warnings.text';

export interface RiskFactor {
  key: string;
  points: number;
  detail: string;
}

/** Stroke colours of the gauge by warning grade; green below the threshold. */
const GAUGE: Record<WarningLevel | 'none', string> = { red: '#cf1322', orange: '#fa8c16', yellow: '#d4b106', blue: '#1677ff', none: '#52c41a' };

/**
 * 民转刑风险: a dispute's escalation score as a gauge, the warning it raised (if any), and the
 * factors that make it up with their evidence. Renders nothing for other kinds of incident.
 */
export function IncidentRisk({
  incident,
  inWarning = false,
}: {
  incident: { id: number; kind: string; riskScore?: number | null; riskFactors?: RiskFactor[] | null };
  /** Shown on the warning's own page: no link back to it. */
  inWarning?: boolean;
}) {
  const { lang } = useI18n();
  const narrow = useIsNarrow();
  const tx = (key: WarningTextKey) => warningText(lang, key);
  const isDispute = incident.kind === 'dispute';
  // The escalation warning, if the score reached the threshold: its grade colours the gauge.
  const warning = useQuery(
    (signal) => (isDispute ? warningsApi.list({ source: 'escalation', incidentId: incident.id, page: 1, pageSize: 1 }, signal) : Promise.resolve({ items: [], total: 0 })),
    // A new score (parties added, a rescore) may have raised or upgraded the warning.
    [incident.id, isDispute, incident.riskScore],
  );
  if (!isDispute) return null;

  const score = incident.riskScore ?? null;
  const factors = incident.riskFactors ?? [];
  const w = warning.data?.items[0];
  const label = (key: string) => FACTOR_LABELS[key]?.[lang] ?? key;

  const columns: TableColumnsType<RiskFactor> = [
    { title: tx('riskFactor'), dataIndex: 'key', key: 'key', width: narrow ? 96 : 150, render: (k: string) => label(k) },
    {
      title: tx('riskPoints'),
      dataIndex: 'points',
      key: 'points',
      width: 64,
      align: 'right',
      render: (p: number) => (p > 0 ? <Typography.Text strong>+{p}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>),
    },
    { title: tx('riskEvidence'), dataIndex: 'detail', key: 'detail', render: (d: string) => <span style={{ wordBreak: 'break-word' }}>{d}</span> },
  ];

  return (
    <Card size="small" title={tx('riskTitle')} data-testid="incident-risk">
      {score === null ? (
        <Typography.Text type="secondary">{tx('riskNone')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space size={16} wrap align="center">
            <div role="img" aria-label={`${tx('riskScore')} ${score} / 100`}>
              <Progress type="dashboard" percent={score} size={narrow ? 88 : 104} strokeColor={GAUGE[w?.level ?? 'none']} format={() => <span data-testid="incident-risk-score">{score}</span>} />
            </div>
            <Space orientation="vertical" size={4}>
              {w ? (
                <Space size={4} wrap>
                  <Tag color={LEVEL_COLORS[w.level]}>{LEVEL_LABELS[w.level][lang]}</Tag>
                  <Tag>{STATUS_LABELS[w.status][lang]}</Tag>
                  {!inWarning && (
                    <Link to={`/warnings/${w.id}`} data-testid="incident-risk-warning">
                      {w.reason}
                    </Link>
                  )}
                </Space>
              ) : (
                <Tag color="green">{tx('riskLow')}</Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tx('riskHint')}
              </Typography.Text>
            </Space>
          </Space>
          <Table<RiskFactor> rowKey="key" size="small" pagination={false} columns={columns} dataSource={factors} data-testid="incident-risk-factors" />
        </Space>
      )}
    </Card>
  );
}
