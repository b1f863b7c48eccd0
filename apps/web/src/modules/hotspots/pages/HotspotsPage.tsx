import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../../app/auth';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { INCIDENT_KINDS, type IncidentKind } from '../../incidents/incidents.api';
import { KIND_LABELS } from '../../incidents/incidents.text';
import { ForecastSummary } from '../components/ForecastSummary';
import { HotspotMap } from '../components/HotspotMap';
import { ProposalPanel } from '../components/ProposalPanel';
import { hotspotsApi, type Forecast, type ForecastRequest } from '../hotspots.api';
import { hotspotText, type HotspotTextKey } from '../hotspots.text';

interface Controls {
  jurisdictionId: number;
  kind?: IncidentKind;
  band?: string;
  method: string;
  params: Record<string, number>;
  cellM: number;
  horizonDays: number;
  /** The heat map's period: the last N days. */
  heatDays: number;
}

/** The heat map's periods offered: the last 30, 90 or 365 days. */
const HEAT_PERIODS = [30, 90, 365] as const;

/** /hotspots: incident heat, the predicted-risk grid and patrol proposals for a station or community. */
export default function HotspotsPage() {
  const { lang } = useI18n();
  const hx = (key: HotspotTextKey, p?: Record<string, string | number>) => hotspotText(lang, key, p);
  const { me, may } = useSession();
  const canRun = may('hotspots.run');
  const canAdopt = canRun && may('patrols.manage');
  const [form] = Form.useForm<Controls>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const methods = useQuery((signal) => hotspotsApi.methods(signal), []);
  const areas = useQuery((signal) => hotspotsApi.areas(signal), []);
  const [jurisdictionId, setJurisdictionId] = useState<number>(me.jurisdiction.id);
  const [heatKind, setHeatKind] = useState<IncidentKind | undefined>(undefined);
  const [cellM, setCellM] = useState(250);
  const [heatDays, setHeatDays] = useState<number>(365);
  const [methodName, setMethodName] = useState<string | undefined>(undefined);
  const [forecast, setForecast] = useState<{ data: Forecast; request: ForecastRequest } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [show, setShow] = useState({ heat: true, risk: true, patrol: true });
  const [selectedProposal, setSelectedProposal] = useState<number | undefined>(undefined);

  const heat = useQuery((signal) => hotspotsApi.heat({ jurisdictionId, kind: heatKind, days: heatDays, cellM }, signal), [jurisdictionId, heatKind, heatDays, cellM]);
  const runs = useQuery((signal) => hotspotsApi.runs(jurisdictionId, signal), [jurisdictionId]);
  const proposals = useQuery((signal) => hotspotsApi.proposals(jurisdictionId, signal), [jurisdictionId]);

  const methodList = methods.data?.items ?? [];
  const method = methodList.find((m) => m.name === methodName) ?? methodList.find((m) => m.isDefault) ?? methodList[0];

  // On opening (or another jurisdiction): the latest saved run of the jurisdiction, if any.
  const latestRunId = runs.data?.items.find((r) => r.jurisdictionId === jurisdictionId)?.id ?? runs.data?.items[0]?.id;
  useEffect(() => {
    if (latestRunId === undefined || (forecast && forecast.data.jurisdictionId === jurisdictionId)) return;
    const controller = new AbortController();
    hotspotsApi
      .run(latestRunId, controller.signal)
      .then((data) => setForecast({ data, request: { jurisdictionId, method: data.method, cellM: data.cellM, horizonDays: 7, kind: data.kind, band: data.band } }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [latestRunId, jurisdictionId]);

  // The newest proposal is shown until another is chosen.
  const proposalItems = proposals.data?.items ?? [];
  const shownProposal = proposalItems.find((p) => p.id === selectedProposal) ?? proposalItems[0];

  async function predict(save: boolean) {
    let values: Controls;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    clearError();
    setBusy(true);
    const request: ForecastRequest = {
      jurisdictionId: values.jurisdictionId,
      kind: values.kind ?? null,
      band: values.band?.trim() ? values.band.trim() : null,
      method: values.method,
      params: values.params,
      cellM: values.cellM,
      horizonDays: values.horizonDays,
      save,
    };
    try {
      const data = await hotspotsApi.forecast(request);
      setForecast({ data, request });
      if (save) runs.reload();
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  }

  const areaOptions = useMemo(() => (areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.id === me.jurisdiction.id ? a.name : a.kind === 'station' ? a.name : `· ${a.name}` })), [areas.data, me.jurisdiction.id]);
  const mapForecast = forecast && forecast.data.jurisdictionId === jurisdictionId ? forecast.data : forecast?.data;

  return (
    <div data-testid="hotspots-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {hx('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{hx('intro')}</Typography.Paragraph>
      {!canRun && <Alert type="info" showIcon title={hx('viewOnly')} style={{ marginBottom: 12 }} />}
      <FormErrorAlert error={formError} />
      {method && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ jurisdictionId: me.jurisdiction.id, method: method.name, params: Object.fromEntries(method.params.map((p) => [p.key, p.default])), cellM: 250, horizonDays: 7, heatDays: 365 }}
          onValuesChange={(changed: Partial<Controls>) => {
            if (changed.jurisdictionId !== undefined) setJurisdictionId(changed.jurisdictionId);
            if ('kind' in changed) setHeatKind(changed.kind ?? undefined);
            if (changed.cellM !== undefined && changed.cellM >= 50 && changed.cellM <= 2000) setCellM(changed.cellM);
            if (changed.heatDays !== undefined) setHeatDays(changed.heatDays);
            if (changed.method !== undefined) {
              setMethodName(changed.method);
              const next = methodList.find((m) => m.name === changed.method);
              if (next) form.setFieldValue('params', Object.fromEntries(next.params.map((p) => [p.key, p.default])));
            }
          }}
          onFinish={() => void predict(false)}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} md={8} lg={6}>
              <Form.Item name="jurisdictionId" label={hx('jurisdiction')}>
                <Select options={areaOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4} lg={3}>
              <Form.Item name="kind" label={hx('kind')}>
                <Select allowClear placeholder={hx('allKinds')} options={INCIDENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4} lg={3}>
              <Form.Item name="band" label={hx('band')} tooltip={hx('bandHelp')}>
                <Input allowClear placeholder={hx('bandPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8} lg={4}>
              <Form.Item name="method" label={hx('method')}>
                <Select options={methodList.map((m) => ({ value: m.name, label: m.isDefault ? `${m.label[lang]}（${hx('recommended')}）` : m.label[lang] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4} lg={2}>
              <Form.Item name="cellM" label={`${hx('cellM')} (m)`}>
                <InputNumber min={50} max={2000} step={50} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4} lg={2}>
              <Form.Item name="heatDays" label={hx('heatPeriod')}>
                <Select data-testid="heat-period" options={HEAT_PERIODS.map((d) => ({ value: d, label: hx('heatDays', { n: d }) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4} lg={2}>
              <Form.Item name="horizonDays" label={hx('horizon')}>
                <InputNumber min={1} max={90} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {method.params.map((p) => (
              <Col xs={12} sm={6} md={4} lg={2} key={`${method.name}-${p.key}`}>
                <Form.Item name={['params', p.key]} label={`${p.label[lang]}${p.unit ? ` (${p.unit})` : ''}`}>
                  <InputNumber min={p.min} max={p.max} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Space wrap style={{ marginBottom: 12 }}>
            {canRun && (
              <>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {hx('run')}
                </Button>
                <Button onClick={() => void predict(true)} loading={busy}>
                  {hx('save')}
                </Button>
              </>
            )}
            <span aria-hidden>{hx('layers')}:</span>
            <Checkbox checked={show.heat} onChange={(e) => setShow({ ...show, heat: e.target.checked })}>
              {hx('heatLayer')}
            </Checkbox>
            <Checkbox checked={show.risk} onChange={(e) => setShow({ ...show, risk: e.target.checked })}>
              {hx('riskLayer')}
            </Checkbox>
            <Checkbox checked={show.patrol} onChange={(e) => setShow({ ...show, patrol: e.target.checked })}>
              {hx('patrolLayer')}
            </Checkbox>
          </Space>
        </Form>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <HotspotMap areas={areas.data?.items ?? []} focusId={jurisdictionId} heat={heat.data} forecast={mapForecast} patrolAreas={shownProposal?.areas ?? []} show={show} height="min(70vh, 560px)" />
        </Col>
        <Col xs={24} lg={9}>
          <ForecastSummary forecast={mapForecast} heat={heat.data} methods={methodList} />
          <ProposalPanel
            proposals={proposalItems}
            selectedId={shownProposal?.id}
            onSelect={setSelectedProposal}
            onChanged={(id) => {
              setSelectedProposal(id);
              proposals.reload();
            }}
            basis={mapForecast && forecast ? { runId: mapForecast.runId, request: forecast.request } : undefined}
            canRun={canRun}
            canAdopt={canAdopt}
          />
        </Col>
      </Row>
    </div>
  );
}
