import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Steps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { CaseBFilePanel } from '../files/CaseBFilePanel';
import { CaseEvidencePanel } from '../files/CaseEvidencePanel';
import { CaseSessionsPanel } from '../files/CaseSessionsPanel';
import { CaseFollowupsPanel } from '../followups/CaseFollowupsPanel';
import { CaseAgreementPanel } from '../transfers/CaseAgreementPanel';
import { CaseTransfersPanel } from '../transfers/CaseTransfersPanel';
import type { CasePanelProps } from '../casePanel';
import { casesApi, type CaseDetail, type CaseEvent, type CaseStage } from '../cases.api';
import { caseText, RESOLUTION_LABELS, SOURCE_LABELS, STAGE_LABELS, STEP_PATH, type CaseTextKey } from '../cases.text';
import { CaseEditModal } from '../components/CaseEditModal';
import { CaseEvents } from '../components/CaseEvents';
import { CaseIncidents } from '../components/CaseIncidents';
import { CaseParties } from '../components/CaseParties';
import { CaseTransitions } from '../components/CaseTransitions';
import { OverdueTag, StageTag } from '../components/StageTag';

/**
 * The steps bar: the main path, with a side branch (transferred, no agreement) shown in place of
 * the step it replaces; assessment is left out when the case went straight to mediation.
 */
function stepsOf(stage: CaseStage, events: CaseEvent[]): { path: CaseStage[]; current: number } {
  let path = [...STEP_PATH];
  if (stage === 'transferred') path[path.indexOf('mediating')] = 'transferred';
  if (stage === 'no_agreement') path[path.indexOf('agreement')] = 'no_agreement';
  const assessed = stage === 'assessing' || events.some((e) => e.toStage === 'assessing');
  const pastRegistration = events.some((e) => e.fromStage !== null);
  if (!assessed && pastRegistration) path = path.filter((s) => s !== 'assessing');
  return { path, current: path.indexOf(stage) };
}

/** One dispute case: header, stage steps and moves, the A file, the B file (police only) and the stage history. */
export default function CasePage() {
  const { id } = useParams();
  const caseId = Number(id);
  const { t, lang, dateTime } = useI18n();
  const { may } = useSession();
  const tx = (key: CaseTextKey, p?: Record<string, string | number>) => caseText(lang, key, p);
  const detail = useQuery((signal) => casesApi.get(caseId, signal), [caseId]);
  const [editing, setEditing] = useState(false);
  const c = detail.data;

  if (detail.loading && !c) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) {
    return <Result status="404" title={tx('notFound')} extra={<Link to="/cases">{tx('back')}</Link>} />;
  }
  if (detail.error || !c) return <Alert type="error" showIcon title={errorText(detail.error, t)} />;

  const panel: CasePanelProps = { caseId: c.id, stage: c.stage, onChanged: detail.reload };
  const steps = stepsOf(c.stage, c.events);
  const none = tx('none');
  const source = (d: CaseDetail) => (
    <Space wrap size={6}>
      <span>{SOURCE_LABELS[d.source][lang]}</span>
      {d.sourceIncidentId && <Link to={`/incidents/${d.sourceIncidentId}`}>#{d.sourceIncidentId}</Link>}
      {d.sourceClusterId && <Typography.Text type="secondary">#{d.sourceClusterId}</Typography.Text>}
      {d.sourceNote && <Typography.Text type="secondary">{d.sourceNote}</Typography.Text>}
    </Space>
  );

  const aFile = (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={tx('basics')} extra={c.abilities.manage && <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="case-edit">{tx('edit')}</Button>}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'source', label: tx('source'), span: 'filled' as const, children: source(c) },
            { key: 'type', label: tx('disputeType'), children: c.disputeTypeName },
            { key: 'domain', label: tx('riskDomain'), children: c.riskDomainName ?? none },
            { key: 'address', label: tx('address'), span: 'filled' as const, children: c.addressName ?? c.addressText ?? none },
            { key: 'created', label: tx('createdAt'), children: `${dateTime(c.createdAt)}${c.createdByName ? ` · ${c.createdByName}` : ''}` },
            { key: 'jurisdiction', label: tx('jurisdiction'), children: c.jurisdictionName },
            { key: 'summary', label: tx('summary'), span: 'filled' as const, children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.summary || none}</div> },
            ...(c.resolution
              ? [
                  { key: 'resolution', label: tx('resolution'), children: RESOLUTION_LABELS[c.resolution][lang] },
                  { key: 'result', label: tx('result'), children: c.result ?? none },
                ]
              : []),
          ]}
        />
      </Card>
      <CaseIncidents detail={c} onChanged={detail.reload} />
      <CaseParties detail={c} onChanged={detail.reload} />
      <CaseEvidencePanel {...panel} />
      <CaseSessionsPanel {...panel} />
      <CaseTransfersPanel {...panel} />
      <CaseAgreementPanel {...panel} />
      <CaseFollowupsPanel {...panel} />
    </Space>
  );

  return (
    <div data-testid="case-detail">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/cases" aria-label={tx('back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{c.title}</Typography.Title>
          <Tag data-testid="case-no">{c.caseNo}</Tag>
          <StageTag stage={c.stage} />
          <OverdueTag overdue={c.overdue} />
          {c.reopenedCount > 0 && <Tag color="volcano">{tx('reopened', { n: c.reopenedCount })}</Tag>}
        </Space>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Steps
            size="small"
            responsive
            current={steps.current < 0 ? 0 : steps.current}
            status={c.overdue ? 'error' : c.stage === 'closed' ? 'finish' : 'process'}
            items={steps.path.map((s) => ({ title: STAGE_LABELS[s][lang] }))}
            style={{ marginBottom: 12 }}
          />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: 'stage', label: tx('stage'), children: STAGE_LABELS[c.stage][lang] },
              { key: 'due', label: tx('due'), children: <Space size={4} wrap><span>{c.stageDueAt ? dateTime(c.stageDueAt) : none}</span><OverdueTag overdue={c.overdue} /></Space> },
              { key: 'officer', label: tx('officer'), children: c.officerName ?? none },
              { key: 'leader', label: tx('leader'), children: c.leaderName ?? none },
            ]}
          />
          <CaseTransitions detail={c} onChanged={detail.reload} />
        </Card>
        <Tabs
          items={[
            { key: 'a', label: tx('aFile'), children: aFile },
            ...(may('cases.bfile') ? [{ key: 'b', label: tx('bFile'), children: <CaseBFilePanel {...panel} /> }] : []),
            { key: 'events', label: tx('events'), children: <CaseEvents events={c.events} /> },
          ]}
        />
      </Space>
      <CaseEditModal detail={c} open={editing} onClose={() => setEditing(false)} onChanged={detail.reload} />
    </div>
  );
}
