import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { hotspotsApi, type ForecastRequest, type Proposal, type ShiftInput } from '../hotspots.api';
import { dayTime, hotspotText, pct, type HotspotTextKey } from '../hotspots.text';

interface Props {
  proposals: readonly Proposal[];
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  /** after a write: reload the list and show this proposal */
  onChanged: (id: number) => void;
  /** the forecast on the map: a saved run, or the request that computed it */
  basis: { runId: number | null; request: ForecastRequest } | undefined;
  canRun: boolean;
  canAdopt: boolean;
}

const STATUS_COLOR = { proposed: 'processing', adopted: 'success', dismissed: 'default' } as const;
const BAND = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** 巡逻建议: the form (groups and shifts), the proposal on the map with its coverage, adopt or dismiss. */
export function ProposalPanel({ proposals, selectedId, onSelect, onChanged, basis, canRun, canAdopt }: Props) {
  const { lang } = useI18n();
  const hx = (key: HotspotTextKey, p?: Record<string, string | number>) => hotspotText(lang, key, p);
  const [form] = Form.useForm<{ units: number; shifts: ShiftInput[] }>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const { message, showError } = useFeedback();
  const [busy, setBusy] = useState(false);
  const selected = proposals.find((p) => p.id === selectedId);

  async function propose(values: { units: number; shifts: ShiftInput[] }) {
    if (!basis) return;
    clearError();
    setBusy(true);
    try {
      const r = basis.request;
      const made = await hotspotsApi.propose(
        basis.runId ? { runId: basis.runId, units: values.units, shifts: values.shifts } : { jurisdictionId: r.jurisdictionId, kind: r.kind, method: r.method, params: r.params, cellM: r.cellM, horizonDays: r.horizonDays, units: values.units, shifts: values.shifts },
      );
      void message.success(hx('proposed'));
      onChanged(made.id);
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  }
  async function decide(kind: 'adopt' | 'dismiss', id: number) {
    setBusy(true);
    try {
      const done = kind === 'adopt' ? await hotspotsApi.adopt(id) : await hotspotsApi.dismiss(id);
      void message.success(hx(kind === 'adopt' ? 'adopted' : 'dismissed'));
      onChanged(done.id);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={hx('proposalTitle')} size="small" style={{ marginTop: 16 }} data-testid="proposal-panel">
      {canRun && (
        <>
          <Typography.Paragraph type="secondary">{hx('proposalIntro')}</Typography.Paragraph>
          <FormErrorAlert error={formError} />
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void propose(v)}
            initialValues={{
              units: 2,
              shifts: [
                { band: '19:00-23:00', units: 2, mode: 'foot' },
                { band: '22:00-02:00', units: 1, mode: 'vehicle' },
              ],
            }}
          >
            <Form.Item name="units" label={hx('units')} rules={[{ required: true }]}>
              <InputNumber min={1} max={200} />
            </Form.Item>
            <Form.List name="shifts">
              {(fields, { add, remove }) => (
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend style={{ fontSize: 14, marginBottom: 8 }}>{hx('shifts')}</legend>
                  {fields.map((field, i) => (
                    <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                      <Form.Item name={[field.name, 'band']} label={hx('band')} rules={[{ required: true, pattern: BAND, message: hx('bandPlaceholder') }]}>
                        <Input placeholder="19:00-23:00" style={{ width: 130 }} aria-label={`${hx('band')} ${i + 1}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'units']} label={hx('shiftUnits')} rules={[{ required: true }]}>
                        <InputNumber min={1} max={50} style={{ width: 72 }} aria-label={`${hx('shiftUnits')} ${i + 1}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'mode']} label={hx('mode')} rules={[{ required: true }]}>
                        <Select style={{ width: 90 }} aria-label={`${hx('mode')} ${i + 1}`} options={[{ value: 'foot', label: hx('foot') }, { value: 'vehicle', label: hx('vehicle') }]} />
                      </Form.Item>
                      {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={hx('removeShift', { n: i + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />}
                    </Space>
                  ))}
                  {fields.length < 6 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ band: '07:00-09:00', units: 1, mode: 'vehicle' })} style={{ marginBottom: 12 }}>
                      {hx('addShift')}
                    </Button>
                  )}
                </fieldset>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!basis}>
              {hx('propose')}
            </Button>
          </Form>
        </>
      )}

      {selected && (
        <div style={{ marginTop: 16 }} data-testid="proposal-detail">
          <Space wrap>
            <Typography.Text strong>#{selected.id}</Typography.Text>
            <Tag color={STATUS_COLOR[selected.status]}>{hx(`status_${selected.status}`)}</Tag>
            <Typography.Text type="secondary">{selected.runId ? hx('fromRun', { id: selected.runId }) : hx('fromFresh')} · {dayTime(selected.createdAt)}</Typography.Text>
          </Space>
          <Typography.Paragraph strong style={{ marginTop: 8 }} data-testid="proposal-coverage">
            {hx('overall', { cov: pct(selected.expectedCoverage) })}
          </Typography.Paragraph>
          <ul style={{ paddingLeft: 18 }}>
            {selected.shifts.map((s) => (
              <li key={s.band + s.mode}>{hx('coverageValue', { band: s.band, mode: hx(s.mode), units: s.units, cov: pct(s.coverage), share: pct(s.areaShare), n: s.eventCount })}</li>
            ))}
          </ul>
          <List
            size="small"
            dataSource={selected.areas}
            renderItem={(a) => (
              <List.Item>
                {hx('areaLine', { band: a.band, n: a.index, mode: hx(a.mode), cells: a.cells.length, cov: pct(a.expectedCoverage), points: a.checkpoints.map((c) => c.name).join('、') })}
              </List.Item>
            )}
          />
          {selected.status === 'proposed' && canRun && (
            <Space wrap style={{ marginTop: 8 }}>
              {canAdopt && (
                <Popconfirm title={hx('adoptConfirm')} onConfirm={() => decide('adopt', selected.id)}>
                  <Button type="primary" loading={busy}>
                    {hx('adopt')}
                  </Button>
                </Popconfirm>
              )}
              <Button onClick={() => void decide('dismiss', selected.id)} loading={busy}>
                {hx('dismiss')}
              </Button>
            </Space>
          )}
          {selected.status === 'adopted' && (
            <Link to="/patrols" data-testid="adopted-plans-link">
              {hx('plansLink', { n: selected.adoptedPlanIds.length })}
            </Link>
          )}
        </div>
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {hx('proposals')}
      </Typography.Title>
      <List
        size="small"
        locale={{ emptyText: hx('noProposals') }}
        dataSource={[...proposals]}
        renderItem={(p) => (
          <List.Item
            actions={[
              p.id === selectedId ? (
                <Typography.Text type="secondary" key="on">{hx('showing')}</Typography.Text>
              ) : (
                <Button key="show" type="link" size="small" onClick={() => onSelect(p.id)}>
                  {hx('show')}
                </Button>
              ),
            ]}
          >
            <Space wrap size={4}>
              <span>#{p.id}</span>
              <Tag color={STATUS_COLOR[p.status]}>{hx(`status_${p.status}`)}</Tag>
              <span>{p.jurisdictionName}</span>
              <span>{p.shifts.map((s) => s.band).join(' / ')}</span>
              <span>{pct(p.expectedCoverage)}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
