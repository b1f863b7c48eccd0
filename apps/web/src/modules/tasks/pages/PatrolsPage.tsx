import { Alert, Button, Checkbox, Drawer, Form, Input, Progress, Radio, Select, Space, Switch, Table, Tag, TimePicker, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { tasksApi, type Checkpoint, type Coverage, type PatrolPlan } from '../tasks.api';
import { taskText, WEEKDAY_LABELS, type TaskTextKey } from '../tasks.text';

/** 'YYYY-Www' of a date (ISO 8601: the week with the year's first Thursday is week 1). */
export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
function shiftWeek(week: string, by: number): string {
  const y = Number(week.slice(0, 4));
  const w = Number(week.slice(6));
  const jan4 = new Date(y, 0, 4);
  const monday = new Date(jan4);
  monday.setDate(jan4.getDate() - ((jan4.getDay() || 7) - 1) + (w - 1 + by) * 7);
  return isoWeekOf(monday);
}

interface PlanValues {
  name: string;
  jurisdictionId: number;
  mode: 'vehicle' | 'foot';
  bandStart: Dayjs;
  bandEnd: Dayjs;
  weekdays: number[];
  staggered: boolean;
  teamId?: number;
  checkpoints: string;
}

/** /patrols: the plans of the jurisdiction and their weekly checkpoint coverage. */
export default function PatrolsPage() {
  const { lang, t } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const [week, setWeek] = useState(() => isoWeekOf(new Date()));
  const [creating, setCreating] = useState(false);
  const plans = useQuery((signal) => tasksApi.plans(signal), []);
  const coverage = useQuery((signal) => tasksApi.coverage(week, signal), [week]);

  const planColumns: TableColumnsType<PatrolPlan> = [
    { title: tx('planName'), dataIndex: 'name' },
    { title: tx('jurisdiction'), dataIndex: 'jurisdictionName' },
    { title: tx('mode'), dataIndex: 'mode', render: (m: 'vehicle' | 'foot') => tx(m) },
    { title: tx('band'), key: 'band', render: (_, p) => `${p.bandStart}–${p.bandEnd}` },
    { title: tx('weekdays'), key: 'weekdays', render: (_, p) => p.weekdays.map((d) => WEEKDAY_LABELS[d]![lang]).join(lang === 'zh' ? '、' : ', ') },
    { title: tx('staggered'), dataIndex: 'staggered', render: (v: boolean) => (v ? <Tag color="purple">{tx('staggered')}</Tag> : '') },
    { title: tx('team'), dataIndex: 'teamName', render: (v: string | null) => v ?? tx('anyTeam') },
    { title: tx('checkpoints'), key: 'cps', render: (_, p) => p.checkpoints.map((c) => c.name).join(' → ') },
  ];
  const coverageColumns: TableColumnsType<Coverage['items'][number]> = [
    { title: tx('planName'), dataIndex: 'name' },
    { title: tx('mode'), dataIndex: 'mode', render: (m: 'vehicle' | 'foot') => tx(m) },
    { title: tx('bands'), dataIndex: 'bands' },
    { title: tx('scheduled'), dataIndex: 'scheduled' },
    { title: tx('covered'), dataIndex: 'covered' },
    { title: tx('coverage'), dataIndex: 'coveragePct', render: (v: number) => <Progress percent={v} size="small" style={{ minWidth: 120 }} format={() => `${v}%`} /> },
  ];

  return (
    <div data-testid="patrols-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {tx('patrolsTitle')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {tx('newPlan')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tx('patrolsIntro')}</Typography.Paragraph>
      {plans.error ? <Alert type="error" showIcon title={errorText(plans.error, t)} /> : null}
      <Table rowKey="id" size="middle" columns={planColumns} dataSource={plans.data?.items ?? []} loading={plans.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="patrol-plans" />
      <Space style={{ marginTop: 24, marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {tx('coverage')}
        </Typography.Title>
        <Button onClick={() => setWeek(shiftWeek(week, -1))} aria-label="previous week">
          ‹
        </Button>
        <Typography.Text strong data-testid="coverage-week">
          {week}
          {coverage.data ? `（${coverage.data.from} – ${coverage.data.to}）` : ''}
        </Typography.Text>
        <Button onClick={() => setWeek(shiftWeek(week, 1))} aria-label="next week">
          ›
        </Button>
      </Space>
      {coverage.error ? <Alert type="error" showIcon title={errorText(coverage.error, t)} /> : null}
      <Table rowKey="planId" size="middle" columns={coverageColumns} dataSource={coverage.data?.items ?? []} loading={coverage.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="patrol-coverage" />
      {creating && (
        <PlanDrawer
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            plans.reload();
            coverage.reload();
          }}
        />
      )}
    </div>
  );
}

function parseCheckpoints(text: string): Checkpoint[] | number {
  const out: Checkpoint[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const [name, lat, lon] = line.split(/[,，]/).map((p) => p.trim());
    if (!name || !lat || !lon || !Number.isFinite(Number(lat)) || !Number.isFinite(Number(lon))) return i + 1;
    out.push({ name, lat: Number(lat), lon: Number(lon) });
  }
  return out;
}

function PlanDrawer({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { showError, message } = useFeedback();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const teams = useQuery((signal) => tasksApi.teams(signal), []);
  const submit = async (v: PlanValues) => {
    const checkpoints = parseCheckpoints(v.checkpoints);
    if (typeof checkpoints === 'number') {
      form.setFields([{ name: 'checkpoints', errors: [tx('checkpointsBad', { n: checkpoints })] }]);
      return;
    }
    setSaving(true);
    try {
      await tasksApi.createPlan({
        name: v.name,
        jurisdictionId: v.jurisdictionId,
        mode: v.mode,
        bandStart: v.bandStart.format('HH:mm'),
        bandEnd: v.bandEnd.format('HH:mm'),
        weekdays: v.weekdays,
        staggered: v.staggered,
        teamId: v.teamId ?? null,
        checkpoints,
      });
      void message.success(tx('saved'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) form.setFields(err.fields.map((f) => ({ name: f.path.split('.')[0] as keyof PlanValues, errors: [f.message] })));
      else showError(err);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: tx('required') }];
  return (
    <Drawer open onClose={onClose} title={tx('newPlan')} size="large">
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ mode: 'foot', weekdays: [1, 2, 3, 4, 5, 6, 7], staggered: false }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={tx('planName')} rules={[...required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="jurisdictionId" label={tx('jurisdiction')} rules={required}>
          <JurisdictionSelect items={jurisdictions.data?.items ?? []} loading={jurisdictions.loading} aria-label={tx('jurisdiction')} />
        </Form.Item>
        <Form.Item name="mode" label={tx('mode')}>
          <Radio.Group optionType="button" options={[{ value: 'foot', label: tx('foot') }, { value: 'vehicle', label: tx('vehicle') }]} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="bandStart" label={tx('bandStart')} rules={required}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="bandEnd" label={tx('bandEnd')} rules={required}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="staggered" label={tx('staggered')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="weekdays" label={tx('weekdays')} rules={required}>
          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: WEEKDAY_LABELS[d]![lang] }))} />
        </Form.Item>
        <Form.Item name="teamId" label={tx('team')}>
          <Select allowClear placeholder={tx('anyTeam')} loading={teams.loading} options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="checkpoints" label={tx('checkpoints')} extra={tx('checkpointsHelp')} rules={required}>
          <Input.TextArea rows={5} placeholder={'夜市东口,35.0712,111.0561\n夜市西口,35.0718,111.0532'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {tx('newPlan')}
        </Button>
      </Form>
    </Drawer>
  );
}
