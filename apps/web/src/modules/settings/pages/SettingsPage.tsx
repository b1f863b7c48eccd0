import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { CASE_STAGES, type CaseStage } from '../../cases/cases.api';
import { STAGE_LABELS } from '../../cases/cases.text';
import { INCIDENT_KINDS } from '../../incidents/incidents.api';
import { KIND_LABELS } from '../../incidents/incidents.text';
import { settingsApi, type CalendarDay, type Category, type Level, type LinkBy, type PlanItem, type RepeatRule, type ReviewRules, type RiskConfig, type RiskTerm, type StageDeadline } from '../settings.api';
import { LEVEL_LABELS, LINK_LABELS, SOURCE_LABELS, TERM_KIND_LABELS, settingsText, type SettingsTextKey } from '../settings.text';

function useTx() {
  const { lang } = useI18n();
  return { lang, tx: (key: SettingsTextKey) => settingsText(lang, key) };
}

/** A failed save as a list naming each field and its rule, so a row in a long table can be found. */
function SaveError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={errorText(error, t)}
      description={fields.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{fields.map((f) => <li key={f.path}>{`${f.path}：${f.message}`}</li>)}</ul> : undefined}
      data-testid="settings-error"
    />
  );
}

function Loading({ error, reload, children }: { error: unknown; reload: () => void; children: ReactNode }) {
  const { tx } = useTx();
  if (error) return <Alert type="error" showIcon title={tx('loadFailed')} action={<Button size="small" onClick={reload}>{tx('reload')}</Button>} />;
  return <>{children}</>;
}

function useSaver<T>(save: () => Promise<T>, onSaved: (value: T) => void) {
  const { message } = useFeedback();
  const { tx } = useTx();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = () => {
    setSaving(true);
    setError(null);
    save()
      .then((value) => {
        onSaved(value);
        void message.success(tx('saved'));
      })
      .catch(setError)
      .finally(() => setSaving(false));
  };
  return { saving, error, run };
}

function RepeatRulesTab() {
  const { lang, tx } = useTx();
  const q = useQuery((signal) => settingsApi.repeatRules(signal), []);
  const [rows, setRows] = useState<RepeatRule[]>([]);
  useEffect(() => setRows(q.data?.rules ?? []), [q.data]);
  const saver = useSaver(() => settingsApi.saveRepeatRules(rows), (r) => setRows(r.rules));
  const patch = (i: number, p: Partial<RepeatRule>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const columns: TableColumnsType<RepeatRule> = [
    { title: tx('name'), key: 'name', render: (_, r, i) => <Input value={r.name} maxLength={100} onChange={(e) => patch(i, { name: e.target.value })} aria-label={`${tx('name')} ${i + 1}`} /> },
    { title: tx('linkBy'), key: 'linkBy', width: 130, render: (_, r, i) => <Select value={r.linkBy} onChange={(v: LinkBy) => patch(i, { linkBy: v })} options={(Object.keys(LINK_LABELS) as LinkBy[]).map((k) => ({ value: k, label: LINK_LABELS[k][lang] }))} aria-label={`${tx('linkBy')} ${i + 1}`} style={{ width: '100%' }} /> },
    { title: tx('windowDays'), key: 'window', width: 110, render: (_, r, i) => <InputNumber value={r.windowDays} min={1} max={3650} precision={0} onChange={(v) => patch(i, { windowDays: v ?? 1 })} aria-label={`${tx('windowDays')} ${i + 1}`} /> },
    { title: tx('threshold'), key: 'threshold', width: 90, render: (_, r, i) => <InputNumber value={r.threshold} min={2} max={1000} precision={0} onChange={(v) => patch(i, { threshold: v ?? 2 })} aria-label={`${tx('threshold')} ${i + 1}`} data-testid={`repeat-threshold-${i}`} /> },
    { title: tx('level'), key: 'level', width: 110, render: (_, r, i) => <Select value={r.level} onChange={(v: Level) => patch(i, { level: v })} options={(Object.keys(LEVEL_LABELS) as Level[]).map((k) => ({ value: k, label: LEVEL_LABELS[k][lang] }))} aria-label={`${tx('level')} ${i + 1}`} style={{ width: '100%' }} /> },
    { title: tx('active'), key: 'active', width: 70, render: (_, r, i) => <Switch checked={r.active} onChange={(v) => patch(i, { active: v })} aria-label={`${tx('active')} ${i + 1}`} /> },
    { title: '', key: 'x', width: 50, render: (_, _r, i) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${tx('remove')} ${i + 1}`} onClick={() => setRows((rs) => rs.filter((_x, j) => j !== i))} /> },
  ];
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('repeatHint')}</Typography.Paragraph>
      <SaveError error={saver.error} />
      <Table rowKey={(r) => String(r.id ?? `new-${rows.indexOf(r)}`)} columns={columns} dataSource={rows} loading={q.loading} pagination={false} size="small" scroll={{ x: 760 }} data-testid="repeat-rules" />
      <Space style={{ marginTop: 12 }} wrap>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRows((rs) => [...rs, { name: '', linkBy: 'address', windowDays: 30, threshold: 3, level: 'yellow', active: true }])}>
          {tx('add')}
        </Button>
        <Button type="primary" loading={saver.saving} onClick={saver.run} data-testid="repeat-save">
          {tx('save')}
        </Button>
      </Space>
    </Loading>
  );
}

type CategoryRow = Category & { children?: CategoryRow[] };

function CategoriesTab() {
  const { lang, tx } = useTx();
  const { showError } = useFeedback();
  const q = useQuery((signal) => settingsApi.categories(signal), []);
  const [editing, setEditing] = useState<{ mode: 'add' | 'rename'; category: Category } | null>(null);
  const [form] = Form.useForm<{ code: string; nameZh: string; nameEn?: string; kind: string }>();
  const [error, setError] = useState<unknown>(null);
  const tree = useMemo(() => {
    const all = q.data?.categories ?? [];
    const byParent = new Map<string | null, CategoryRow[]>();
    for (const c of all) byParent.set(c.parentCode, [...(byParent.get(c.parentCode) ?? []), { ...c }]);
    const attach = (rows: CategoryRow[]): CategoryRow[] =>
      rows.map((r) => {
        const kids = byParent.get(r.code);
        return kids ? { ...r, children: attach(kids) } : r;
      });
    return attach(byParent.get(null) ?? []);
  }, [q.data]);
  const toggle = (c: Category, active: boolean) => settingsApi.updateCategory(c.code, { active }).then(q.reload).catch(showError);
  const submit = (v: { code: string; nameZh: string; nameEn?: string; kind: string }) => {
    if (!editing) return;
    setError(null);
    const done = editing.mode === 'add' ? settingsApi.createCategory({ code: v.code, nameZh: v.nameZh, ...(v.nameEn ? { nameEn: v.nameEn } : {}), parentCode: editing.category.code, kind: v.kind }) : settingsApi.updateCategory(editing.category.code, { nameZh: v.nameZh, ...(v.nameEn ? { nameEn: v.nameEn } : {}) });
    done
      .then(() => {
        setEditing(null);
        q.reload();
      })
      .catch(setError);
  };
  const columns: TableColumnsType<CategoryRow> = [
    { title: tx('nameZh'), key: 'name', render: (_, c) => (lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh) },
    { title: tx('code'), dataIndex: 'code', key: 'code', width: 120 },
    { title: tx('kind'), key: 'kind', width: 100, render: (_, c) => KIND_LABELS[c.kind as keyof typeof KIND_LABELS]?.[lang] ?? c.kind },
    { title: tx('source'), key: 'source', width: 120, render: (_, c) => <Tag>{SOURCE_LABELS[c.source][lang]}</Tag> },
    { title: tx('active'), key: 'active', width: 70, render: (_, c) => <Switch size="small" checked={c.active} onChange={(v) => void toggle(c, v)} aria-label={`${tx('active')} ${c.nameZh}`} /> },
    {
      title: '',
      key: 'ops',
      width: 170,
      render: (_, c) => (
        <Space size={4}>
          {c.level === 1 ? (
            <Button size="small" onClick={() => { form.setFieldsValue({ code: '', nameZh: '', nameEn: '', kind: c.kind }); setEditing({ mode: 'add', category: c }); }} data-testid={`category-add-${c.code}`}>
              {tx('addChild')}
            </Button>
          ) : null}
          <Button size="small" onClick={() => { form.setFieldsValue({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, kind: c.kind }); setEditing({ mode: 'rename', category: c }); }}>
            {tx('rename')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('categoryHint')}</Typography.Paragraph>
      <Table rowKey="code" columns={columns} dataSource={tree} loading={q.loading} size="small" pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 700 }} data-testid="categories" />
      <Modal open={editing !== null} title={editing ? `${editing.mode === 'add' ? tx('addChild') : tx('rename')}：${editing.category.nameZh}` : ''} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={tx('save')} cancelText={tx('cancel')} destroyOnHidden>
        <SaveError error={error} />
        <Form form={form} layout="vertical" onFinish={submit}>
          {editing?.mode === 'add' ? (
            <Form.Item name="code" label={tx('code')} rules={[{ required: true }, { pattern: /^[A-Za-z0-9_-]{1,20}$/ }]}>
              <Input maxLength={20} data-testid="category-code" />
            </Form.Item>
          ) : null}
          <Form.Item name="nameZh" label={tx('nameZh')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
            <Input maxLength={50} data-testid="category-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={tx('nameEn')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          {editing?.mode === 'add' ? (
            <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
              <Select options={INCIDENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Loading>
  );
}

function RiskTab() {
  const { lang, tx } = useTx();
  const q = useQuery((signal) => settingsApi.risk(signal), []);
  const [config, setConfig] = useState<RiskConfig | null>(null);
  useEffect(() => setConfig(q.data ?? null), [q.data]);
  const saver = useSaver(() => settingsApi.saveRisk({ settings: config!.settings, terms: config!.terms }), setConfig);
  const setSettings = (p: Partial<RiskConfig['settings']>) => setConfig((c) => (c ? { ...c, settings: { ...c.settings, ...p } } : c));
  const setTerm = (i: number, p: Partial<RiskTerm>) => setConfig((c) => (c ? { ...c, terms: c.terms.map((t, j) => (j === i ? { ...t, ...p } : t)) } : c));
  const columns: TableColumnsType<RiskTerm> = [
    { title: tx('term'), key: 'term', render: (_, t, i) => <Input value={t.term} maxLength={20} onChange={(e) => setTerm(i, { term: e.target.value })} aria-label={`${tx('term')} ${i + 1}`} /> },
    { title: tx('termKind'), key: 'kind', width: 130, render: (_, t, i) => <Select value={t.kind} onChange={(v: RiskTerm['kind']) => setTerm(i, { kind: v })} options={(Object.keys(TERM_KIND_LABELS) as RiskTerm['kind'][]).map((k) => ({ value: k, label: TERM_KIND_LABELS[k][lang] }))} style={{ width: '100%' }} aria-label={`${tx('termKind')} ${i + 1}`} /> },
    { title: tx('points'), key: 'points', width: 90, render: (_, t, i) => <InputNumber value={t.points} min={1} max={50} precision={0} onChange={(v) => setTerm(i, { points: v ?? 1 })} aria-label={`${tx('points')} ${i + 1}`} /> },
    { title: '', key: 'x', width: 50, render: (_, _t, i) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${tx('remove')} ${i + 1}`} onClick={() => setConfig((c) => (c ? { ...c, terms: c.terms.filter((_x, j) => j !== i) } : c))} /> },
  ];
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('riskHint')}</Typography.Paragraph>
      <SaveError error={saver.error} />
      {config ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{tx('riskThreshold')}</span>
            <InputNumber value={config.settings.threshold} min={1} max={100} precision={0} onChange={(v) => setSettings({ threshold: v ?? 1 })} aria-label={tx('riskThreshold')} data-testid="risk-threshold" />
            <span>{tx('riskOrange')}</span>
            <InputNumber value={config.settings.levels.orange} min={1} max={100} precision={0} onChange={(v) => setSettings({ levels: { ...config.settings.levels, orange: v ?? 1 } })} aria-label={tx('riskOrange')} />
            <span>{tx('riskRed')}</span>
            <InputNumber value={config.settings.levels.red} min={1} max={100} precision={0} onChange={(v) => setSettings({ levels: { ...config.settings.levels, red: v ?? 1 } })} aria-label={tx('riskRed')} />
          </Space>
          <Table rowKey={(t) => `${config.terms.indexOf(t)}`} columns={columns} dataSource={config.terms} pagination={{ pageSize: 15, showSizeChanger: false }} size="small" scroll={{ x: 480 }} />
          <Space style={{ marginTop: 12 }} wrap>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setConfig((c) => (c ? { ...c, terms: [{ term: '', kind: 'threat', points: 5 }, ...c.terms] } : c))}>
              {tx('add')}
            </Button>
            <Button type="primary" loading={saver.saving} onClick={saver.run} data-testid="risk-save">
              {tx('save')}
            </Button>
          </Space>
        </>
      ) : null}
    </Loading>
  );
}

/** 每周研判: the thresholds of the suggested interventions (the rise in percent on the page, a share in the API). */
function ReviewRulesTab() {
  const { tx } = useTx();
  const q = useQuery((signal) => settingsApi.reviewRules(signal), []);
  const [rules, setRules] = useState<ReviewRules | null>(null);
  useEffect(() => setRules(q.data?.rules ?? null), [q.data]);
  const saver = useSaver(
    () => settingsApi.saveReviewRules(rules!),
    (c) => setRules(c.rules),
  );
  const set = (p: Partial<ReviewRules>) => setRules((r) => (r ? { ...r, ...p } : r));
  const field = (label: SettingsTextKey, input: ReactNode) => (
    <Space wrap>
      <span>{tx(label)}</span>
      {input}
    </Space>
  );
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('reviewHint')}</Typography.Paragraph>
      <SaveError error={saver.error} />
      {rules ? (
        <Space orientation="vertical" size={12}>
          {field('reviewCampaignRise', <InputNumber value={Math.round(rules.campaignMinRise * 1000) / 10} min={0} max={1000} precision={1} suffix="%" onChange={(v) => set({ campaignMinRise: (v ?? 0) / 100 })} aria-label={tx('reviewCampaignRise')} data-testid="review-rise" />)}
          {field('reviewCampaignCount', <InputNumber value={rules.campaignMinCount} min={1} max={10000} precision={0} onChange={(v) => set({ campaignMinCount: v ?? 1 })} aria-label={tx('reviewCampaignCount')} data-testid="review-count" />)}
          {field('reviewPatrolCells', <InputNumber value={rules.patrolCells} min={1} max={20} precision={0} onChange={(v) => set({ patrolCells: v ?? 1 })} aria-label={tx('reviewPatrolCells')} />)}
          {field('reviewBusyHours', <InputNumber value={rules.busyHours} min={1} max={12} precision={0} onChange={(v) => set({ busyHours: v ?? 1 })} aria-label={tx('reviewBusyHours')} />)}
          <Space wrap>
            <Button type="primary" loading={saver.saving} onClick={saver.run} data-testid="review-rules-save">
              {tx('save')}
            </Button>
            {q.data ? <Button onClick={() => setRules(q.data!.defaults)}>{tx('reviewDefaults')}</Button> : null}
          </Space>
        </Space>
      ) : null}
    </Loading>
  );
}

function DeadlinesTab() {
  const { lang, tx } = useTx();
  const q = useQuery((signal) => settingsApi.deadlines(signal), []);
  const [rows, setRows] = useState<StageDeadline[]>([]);
  useEffect(() => setRows(q.data?.items ?? []), [q.data]);
  const saver = useSaver(() => settingsApi.saveDeadlines(rows), (r) => setRows(r.items));
  const patch = (i: number, p: Partial<StageDeadline>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const stageOptions = CASE_STAGES.filter((s) => s !== 'closed').map((s) => ({ value: s, label: STAGE_LABELS[s][lang] }));
  const columns: TableColumnsType<StageDeadline> = [
    { title: tx('stage'), key: 'stage', width: 150, render: (_, r, i) => <Select value={r.stage} onChange={(v: string) => patch(i, { stage: v })} options={stageOptions} style={{ width: '100%' }} aria-label={`${tx('stage')} ${i + 1}`} /> },
    { title: tx('fromStage'), key: 'from', width: 160, render: (_, r, i) => <Select value={r.fromStage ?? ''} onChange={(v: string) => patch(i, { fromStage: v || null })} options={[{ value: '', label: tx('anyStage') }, ...stageOptions]} style={{ width: '100%' }} aria-label={`${tx('fromStage')} ${i + 1}`} /> },
    { title: tx('days'), key: 'days', width: 100, render: (_, r, i) => <InputNumber value={r.days} min={1} max={3650} precision={0} onChange={(v) => patch(i, { days: v ?? 1 })} aria-label={`${tx('days')} ${i + 1}`} /> },
    { title: tx('workingDays'), key: 'wd', width: 90, render: (_, r, i) => <Checkbox checked={r.workingDays} onChange={(e) => patch(i, { workingDays: e.target.checked })} aria-label={`${tx('workingDays')} ${i + 1}`} /> },
    { title: '', key: 'x', width: 50, render: (_, _r, i) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${tx('remove')} ${i + 1}`} onClick={() => setRows((rs) => rs.filter((_x, j) => j !== i))} /> },
  ];
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('deadlineHint')}</Typography.Paragraph>
      <SaveError error={saver.error} />
      <Table rowKey={(r) => `${r.stage}-${r.fromStage ?? ''}-${rows.indexOf(r)}`} columns={columns} dataSource={rows} loading={q.loading} pagination={false} size="small" scroll={{ x: 560 }} data-testid="deadlines" />
      <Space style={{ marginTop: 12 }} wrap>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRows((rs) => [...rs, { stage: 'mediating' satisfies CaseStage, fromStage: null, days: 5, workingDays: true }])}>
          {tx('add')}
        </Button>
        <Button type="primary" loading={saver.saving} onClick={saver.run} data-testid="deadlines-save">
          {tx('save')}
        </Button>
      </Space>
    </Loading>
  );
}

function CalendarTab() {
  const { tx } = useTx();
  const { showError } = useFeedback();
  const [year, setYear] = useState(() => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())));
  const q = useQuery((signal) => settingsApi.calendar(year, signal), [year]);
  const [form] = Form.useForm<{ day: string; workday: boolean; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const add = (v: { day: string; workday: boolean; note?: string }) => {
    setError(null);
    settingsApi
      .saveCalendarDay({ day: v.day, workday: v.workday, note: v.note?.trim() || null })
      .then(() => {
        form.resetFields();
        q.reload();
      })
      .catch(setError);
  };
  const columns: TableColumnsType<CalendarDay> = [
    { title: tx('day'), dataIndex: 'day', key: 'day', width: 120 },
    { title: '', key: 'kind', width: 90, render: (_, d) => (d.workday ? <Tag color="blue">{tx('workday')}</Tag> : <Tag color="red">{tx('holiday')}</Tag>) },
    { title: tx('note'), dataIndex: 'note', key: 'note' },
    { title: '', key: 'x', width: 50, render: (_, d) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${tx('remove')} ${d.day}`} onClick={() => void settingsApi.deleteCalendarDay(d.day).then(q.reload).catch(showError)} /> },
  ];
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('calendarHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{tx('year')}</span>
        <InputNumber value={year} min={2000} max={2100} precision={0} onChange={(v) => v && setYear(v)} aria-label={tx('year')} />
      </Space>
      <SaveError error={error} />
      <Form form={form} layout="inline" onFinish={add} initialValues={{ workday: false }} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="day" rules={[{ required: true }]}>
          <Input type="date" aria-label={tx('day')} data-testid="calendar-day" />
        </Form.Item>
        <Form.Item name="workday" valuePropName="checked">
          <Checkbox>{tx('workday')}</Checkbox>
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder={tx('note')} maxLength={100} aria-label={tx('note')} />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined aria-hidden />} data-testid="calendar-add">
          {tx('add')}
        </Button>
      </Form>
      <Table rowKey="day" columns={columns} dataSource={q.data?.items ?? []} loading={q.loading} pagination={false} size="small" data-testid="calendar" />
    </Loading>
  );
}

function FollowupPlanTab() {
  const { tx } = useTx();
  const q = useQuery((signal) => settingsApi.followupPlan(signal), []);
  const [rows, setRows] = useState<PlanItem[]>([]);
  useEffect(() => setRows((q.data?.items ?? []).map(({ kind, offsetDays }) => ({ kind, offsetDays }))), [q.data]);
  const saver = useSaver(() => settingsApi.saveFollowupPlan(rows), (r) => setRows(r.items));
  return (
    <Loading error={q.error} reload={q.reload}>
      <Typography.Paragraph type="secondary">{tx('followupHint')}</Typography.Paragraph>
      <SaveError error={saver.error} />
      <Space direction="vertical">
        {rows.map((r, i) => (
          <Space key={r.kind} wrap>
            <span style={{ display: 'inline-block', minWidth: 96 }}>{tx(r.kind)}</span>
            <span>{tx('offsetDays')}</span>
            <InputNumber value={r.offsetDays} min={0} max={365} precision={0} onChange={(v) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, offsetDays: v ?? 0 } : x)))} aria-label={`${tx(r.kind)} ${tx('offsetDays')}`} data-testid={`plan-${r.kind}`} />
          </Space>
        ))}
        <Button type="primary" loading={saver.saving} onClick={saver.run} data-testid="plan-save">
          {tx('save')}
        </Button>
      </Space>
    </Loading>
  );
}

/** 业务规则设置: the bureau's data-driven rules (categories, warning thresholds, risk words, the weekly review's suggestions, case deadlines, calendar, follow-up plan). */
export default function SettingsPage() {
  const { tx } = useTx();
  const { may } = useSession();
  const items = [
    ...(may('categories.manage')
      ? [
          { key: 'repeat', label: tx('tabRepeat'), children: <RepeatRulesTab /> },
          { key: 'categories', label: tx('tabCategories'), children: <CategoriesTab /> },
          { key: 'risk', label: tx('tabRisk'), children: <RiskTab /> },
          { key: 'review', label: tx('tabReview'), children: <ReviewRulesTab /> },
        ]
      : []),
    ...(may('cases.settings')
      ? [
          { key: 'deadlines', label: tx('tabDeadlines'), children: <DeadlinesTab /> },
          { key: 'calendar', label: tx('tabCalendar'), children: <CalendarTab /> },
          { key: 'followups', label: tx('tabFollowups'), children: <FollowupPlanTab /> },
        ]
      : []),
  ];
  return (
    <Card title={tx('title')} data-testid="settings-page">
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
