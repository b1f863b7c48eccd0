import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { PagedTable, type PageState } from '../../../app/components/PagedTable';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { PointPicker } from '../components/PointPicker';
import { ASSIGNMENT_STATUSES, TASK_KINDS, tasksApi, type Assignment, type Task, type TaskKind } from '../tasks.api';
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS, taskText, type TaskTextKey } from '../tasks.text';

interface DispatchValues {
  kind: TaskKind;
  title: string;
  description?: string;
  target: 'volunteer' | 'team';
  volunteerId?: number;
  teamId?: number;
  placeText?: string;
  lat: number;
  lon: number;
  radiusM: number;
  window: [Dayjs, Dayjs];
}

/** The county's default map centre when the jurisdiction has none. */
const FALLBACK_CENTER: [number, number] = [35.07, 111.06];

export function useMapCenter(): [number, number] {
  const { me } = useSession();
  const list = useQuery((signal) => orgApi.list(false, signal), []);
  return useMemo(() => {
    const own = list.data?.items.find((j) => j.id === me.jurisdiction.id);
    const any = list.data?.items.find((j) => j.centerLat !== null && j.centerLon !== null);
    const pick = own?.centerLat != null && own.centerLon != null ? own : any;
    return pick?.centerLat != null && pick.centerLon != null ? [pick.centerLat, pick.centerLon] : FALLBACK_CENTER;
  }, [list.data, me]);
}

/** /tasks: dispatched tasks of the jurisdiction with per-assignee progress, and the dispatch form. */
export default function TasksPage() {
  const { lang, dateTime } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const narrow = useIsNarrow();
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('id')) || null;
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<TaskKind | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [dispatching, setDispatching] = useState(false);
  const list = useQuery((signal) => tasksApi.list({ ...page, ...(kind ? { kind } : {}), ...(overdue ? { overdue: true } : {}) }, signal), [page, kind, overdue]);

  const columns: TableColumnsType<Task> = [
    { title: tx('title'), dataIndex: 'title', render: (v: string, r) => <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setParams({ id: String(r.id) })}>{v}</Button> },
    { title: tx('kind'), dataIndex: 'kind', render: (v: TaskKind) => KIND_LABELS[v][lang] },
    { title: tx('target'), key: 'target', render: (_, r) => r.teamName ?? r.volunteerName ?? '' },
    ...(narrow ? [] : [{ title: tx('window'), key: 'window', render: (_: unknown, r: Task) => `${dateTime(r.windowStart)} – ${dateTime(r.windowEnd)}` }]),
    {
      title: tx('progress'),
      key: 'progress',
      render: (_, r) => (
        <Space size={4} wrap>
          {ASSIGNMENT_STATUSES.filter((s) => r.counts[s] > 0).map((s) => (
            <Tag key={s} color={STATUS_COLORS[s]}>
              {STATUS_LABELS[s][lang]} {r.counts[s]}
            </Tag>
          ))}
          {r.overdue && <Tag color="error">{tx('overdue')} {r.overdueCount}</Tag>}
          {r.cancelled && <Tag>{tx('cancelled')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="tasks-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {tx('tasksTitle')}
        </Typography.Title>
        <Button type="primary" onClick={() => setDispatching(true)} data-testid="task-dispatch-open">
          {tx('dispatch')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tx('tasksIntro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={tx('allKinds')}
          aria-label={tx('kind')}
          style={{ minWidth: 140 }}
          value={kind}
          onChange={(v: TaskKind | undefined) => {
            setKind(v);
            setPage({ ...page, page: 1 });
          }}
          options={TASK_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
        />
        <Space>
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage({ ...page, page: 1 });
            }}
            aria-label={tx('overdueOnly')}
          />
          {tx('overdueOnly')}
        </Space>
      </Space>
      <PagedTable list={list} columns={columns} page={page} onPage={setPage} narrow={narrow} data-testid="tasks-table" />
      {dispatching && (
        <DispatchDrawer
          onClose={() => setDispatching(false)}
          onDone={(id) => {
            setDispatching(false);
            list.reload();
            setParams({ id: String(id) });
          }}
        />
      )}
      {openId !== null && <TaskDrawer id={openId} onClose={() => setParams({})} onChanged={list.reload} />}
    </div>
  );
}

function TaskDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { lang, t, dateTime } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { showError, message } = useFeedback();
  const task = useQuery((signal) => tasksApi.get(id, signal), [id]);
  const d = task.data;
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const open = d ? !d.cancelled && d.assignments.some((a) => a.status === 'assigned' || a.status === 'accepted' || a.status === 'checked_in') : false;
  const cancel = async () => {
    if (!reason.trim()) {
      setReasonError(tx('cancelReasonRequired'));
      return;
    }
    setSaving(true);
    try {
      await tasksApi.cancel(id, reason.trim());
      void message.success(tx('cancelDone'));
      setCancelling(false);
      task.reload();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setReasonError(err.fields.map((f) => f.message).join('；'));
      else showError(err);
      // 409 (cancelled or completed meanwhile, task.already_cancelled / task.already_completed): show the task as it is now.
      if (err instanceof ApiError && err.status === 409) {
        setCancelling(false);
        task.reload();
        onChanged();
      }
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<Assignment> = [
    { title: tx('volunteer'), dataIndex: 'volunteerName' },
    {
      title: tx('progress'),
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[a.status]}>{STATUS_LABELS[a.status][lang]}</Tag>
          {a.overdue && <Tag color="error">{tx('overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: tx('checkin'),
      key: 'checkin',
      render: (_, a) =>
        a.checkinDistanceM === null ? '' : (
          <Space orientation="vertical" size={0}>
            <span>{tx('distance', { m: a.checkinDistanceM })}</span>
            <Tag color={a.checkinOnSite ? 'success' : 'warning'}>{a.checkinOnSite ? tx('onSite') : tx('notOnSite')}</Tag>
          </Space>
        ),
    },
    {
      title: tx('record'),
      key: 'record',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {a.record && <span>{a.record}</span>}
          {a.declineReason && <span>{`${tx('declineReason')}：${a.declineReason}`}</span>}
          {a.photoIds.length > 0 && (
            <Space size={4} wrap>
              {a.photoIds.map((fid, i) => (
                <a key={fid} href={tasksApi.photoUrl(id, fid)} target="_blank" rel="noreferrer" aria-label={`${tx('photosN', { n: i + 1 })}`}>
                  <img src={tasksApi.photoUrl(id, fid)} alt="" width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} />
                </a>
              ))}
            </Space>
          )}
          {a.completedAt && <Typography.Text type="secondary">{dateTime(a.completedAt)}</Typography.Text>}
        </Space>
      ),
    },
  ];
  return (
    <Drawer open onClose={onClose} title={d?.title ?? ''} size="large" data-testid="task-drawer">
      {task.error ? <Alert type="error" showIcon title={errorText(task.error, t)} /> : null}
      {d && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tx('kind')}>{KIND_LABELS[d.kind][lang]}</Descriptions.Item>
            <Descriptions.Item label={tx('target')}>{d.teamName ?? d.volunteerName}</Descriptions.Item>
            <Descriptions.Item label={tx('window')}>{`${dateTime(d.windowStart)} – ${dateTime(d.windowEnd)}`}</Descriptions.Item>
            <Descriptions.Item label={tx('place')}>{`${d.placeText ?? ''} (${d.lat ?? ''}, ${d.lon ?? ''}) · ${d.radiusM} m`}</Descriptions.Item>
            {d.description ? <Descriptions.Item label={tx('description')}>{d.description}</Descriptions.Item> : null}
            {d.cancelled ? (
              <Descriptions.Item label={tx('progress')}>
                <Tag data-testid="task-cancelled">{tx('cancelled')}</Tag>
              </Descriptions.Item>
            ) : null}
            {d.cancelledAt ? <Descriptions.Item label={tx('cancelledAt')}>{dateTime(d.cancelledAt)}</Descriptions.Item> : null}
            {d.cancelReason ? (
              <Descriptions.Item label={tx('cancelReason')}>
                <span data-testid="task-cancel-reason">{d.cancelReason}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {open && !cancelling && (
            <Button danger style={{ marginTop: 12 }} onClick={() => setCancelling(true)} data-testid="task-cancel-open">
              {tx('cancelTask')}
            </Button>
          )}
          {open && cancelling && (
            <Card size="small" style={{ marginTop: 12 }}>
              <label htmlFor="task-cancel-reason" style={{ display: 'block', marginBottom: 4 }}>
                {tx('cancelReason')}
              </label>
              <Input.TextArea
                id="task-cancel-reason"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(null);
                }}
                status={reasonError ? 'error' : undefined}
                aria-invalid={!!reasonError}
                data-testid="task-cancel-reason"
              />
              {reasonError && (
                <Typography.Text type="danger" role="alert">
                  {reasonError}
                </Typography.Text>
              )}
              <Space style={{ marginTop: 8 }}>
                <Button danger type="primary" loading={saving} onClick={() => void cancel()} data-testid="task-cancel-confirm">
                  {tx('cancelConfirm')}
                </Button>
                <Button onClick={() => setCancelling(false)}>{tx('cancelBack')}</Button>
              </Space>
            </Card>
          )}
          <Typography.Title level={4} style={{ marginTop: 16 }}>
            {tx('assignees')}
          </Typography.Title>
          <Table rowKey="id" size="small" columns={columns} dataSource={d.assignments} pagination={false} scroll={{ x: 'max-content' }} data-testid="task-assignments" />
        </>
      )}
    </Drawer>
  );
}

function DispatchDrawer({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { showError, message } = useFeedback();
  const [form] = Form.useForm<DispatchValues>();
  const [saving, setSaving] = useState(false);
  const center = useMapCenter();
  const volunteers = useQuery((signal) => tasksApi.volunteers(signal), []);
  const teams = useQuery((signal) => tasksApi.teams(signal), []);
  const target = Form.useWatch('target', form) ?? 'volunteer';
  const lat = Form.useWatch('lat', form) ?? null;
  const lon = Form.useWatch('lon', form) ?? null;
  const radiusM = Form.useWatch('radiusM', form) ?? null;

  const submit = async (v: DispatchValues) => {
    setSaving(true);
    try {
      const created = await tasksApi.dispatch({
        kind: v.kind,
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        ...(v.target === 'volunteer' ? { volunteerId: v.volunteerId! } : { teamId: v.teamId! }),
        ...(v.placeText ? { placeText: v.placeText } : {}),
        lat: v.lat,
        lon: v.lon,
        radiusM: v.radiusM,
        windowStart: v.window[0].toISOString(),
        windowEnd: v.window[1].toISOString(),
      });
      void message.success(tx('dispatched'));
      onDone(created.id);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const map: Record<string, keyof DispatchValues> = { windowStart: 'window', windowEnd: 'window' };
        form.setFields(err.fields.map((f) => ({ name: map[f.path] ?? (f.path as keyof DispatchValues), errors: [f.message] })));
      } else showError(err);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: tx('required') }];
  return (
    <Drawer open onClose={onClose} title={tx('dispatch')} size="large" data-testid="task-dispatch">
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'visit', target: 'volunteer', radiusM: 200, window: [dayjs().add(1, 'hour').startOf('hour'), dayjs().add(3, 'hour').startOf('hour')] }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="kind" label={tx('kind')} rules={required}>
          <Select options={TASK_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={tx('title')} rules={[...required, { max: 200 }]}>
          <Input maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="description" label={tx('description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="target" label={tx('target')}>
          <Radio.Group optionType="button" options={[{ value: 'volunteer', label: tx('toVolunteer') }, { value: 'team', label: tx('toTeam') }]} />
        </Form.Item>
        {target === 'volunteer' ? (
          <Form.Item name="volunteerId" label={tx('volunteer')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={volunteers.loading} options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} data-testid="task-volunteer" />
          </Form.Item>
        ) : (
          <Form.Item name="teamId" label={tx('team')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={teams.loading} options={(teams.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} data-testid="task-team" />
          </Form.Item>
        )}
        <Form.Item name="window" label={tx('window')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="placeText" label={tx('place')} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder={tx('placePlaceholder')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{tx('pickOnMap')}</Typography.Paragraph>
        <PointPicker lat={lat} lon={lon} radiusM={radiusM} center={center} label={tx('pickOnMap')} onPick={(la, lo) => form.setFieldsValue({ lat: la, lon: lo })} />
        <Space wrap style={{ marginTop: 12 }}>
          <Form.Item name="lat" label={tx('lat')} rules={required}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 150 }} data-testid="task-lat" />
          </Form.Item>
          <Form.Item name="lon" label={tx('lon')} rules={required}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 150 }} data-testid="task-lon" />
          </Form.Item>
          <Form.Item name="radiusM" label={tx('radius')} rules={required}>
            <InputNumber min={10} max={10000} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Card size="small" variant="borderless" styles={{ body: { padding: 0 } }}>
          <Button type="primary" htmlType="submit" loading={saving} block data-testid="task-dispatch-submit">
            {tx('dispatch')}
          </Button>
        </Card>
      </Form>
    </Drawer>
  );
}
