import { AimOutlined, CameraOutlined, CloseOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import '../../volunteer/volunteer.css';
import { useGeolocation } from '../components/useGeolocation';
import { TASK_PHOTO_MAX_BYTES, TASK_PHOTOS_MAX, tasksApi, type MyTask } from '../tasks.api';
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS, taskText, type TaskTextKey } from '../tasks.text';

/** /v/tasks on the phone: my assignments; accept or decline, check in on site with the phone's position, complete with a record and photos. */
export default function MyTasksPage() {
  const { lang, t } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const mine = useQuery((signal) => tasksApi.mine(signal), []);
  return (
    <div className="fq-vapp" data-testid="my-tasks-page">
      <Link to="/v" className="fq-vapp-back">
        <LeftOutlined /> {tx('back')}
      </Link>
      <Typography.Title level={1} className="fq-vapp-title">
        {tx('myTasksTitle')}
      </Typography.Title>
      {mine.error ? <Alert type="error" showIcon title={errorText(mine.error, t)} /> : null}
      {mine.loading && !mine.data ? <Spin /> : null}
      {mine.data && mine.data.items.length === 0 ? <Empty description={tx('noTasks')} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {mine.data?.items.map((task) => <TaskCard key={task.id} task={task} onChanged={mine.reload} />)}
      </Space>
    </div>
  );
}

function TaskCard({ task, onChanged }: { task: MyTask; onChanged: () => void }) {
  const { lang, dateTime } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const { showError, message } = useFeedback();
  const geo = useGeolocation();
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [record, setRecord] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<MyTask>) => {
    setBusy(true);
    setProblem(null);
    try {
      const after = await work();
      if (after.pointsAwarded) void message.success(tx('points', { n: after.pointsAwarded }));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setProblem(err.fields.map((f) => f.message).join('；'));
      else showError(err);
      // 409 (task.cancelled meanwhile, or a step already taken on another device): show the task as it is now.
      if (err instanceof ApiError && err.status === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };
  const checkin = async () => {
    const pos = await geo.locate();
    if (pos) await run(() => tasksApi.checkin(task.id, { lat: pos.lat, lon: pos.lon }));
  };
  const pick = (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    let issue: string | null = null;
    for (const f of Array.from(files)) {
      if (next.length >= TASK_PHOTOS_MAX) {
        issue = tx('tooManyPhotos');
        break;
      }
      if (f.size > TASK_PHOTO_MAX_BYTES) issue = tx('photoTooBig', { name: f.name });
      else next.push(f);
    }
    setPhotos(next);
    setProblem(issue);
    if (fileInput.current) fileInput.current.value = '';
  };
  const working = !task.cancelled && (task.status === 'accepted' || task.status === 'checked_in');

  return (
    <Card size="small" data-testid={`my-task-${task.id}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag>{KIND_LABELS[task.kind][lang]}</Tag>
          <Tag color={STATUS_COLORS[task.status]}>{STATUS_LABELS[task.status][lang]}</Tag>
          {task.overdue && <Tag color="error">{tx('overdue')}</Tag>}
          {task.cancelled && <Tag data-testid="my-task-cancelled">{tx('cancelled')}</Tag>}
        </Space>
        {task.cancelled && (
          <Alert type="info" showIcon title={tx('cancelledMine')} description={task.cancelReason ? tx('cancelledReasonMine', { reason: task.cancelReason }) : undefined} data-testid="my-task-cancel-reason" />
        )}
        <Typography.Text strong style={{ fontSize: 17 }}>
          {task.title}
        </Typography.Text>
        {task.description && <Typography.Text>{task.description}</Typography.Text>}
        <Typography.Text type="secondary">{`${dateTime(task.windowStart)} – ${dateTime(task.windowEnd)}`}</Typography.Text>
        {task.placeText && <Typography.Text type="secondary">{`${tx('place')}：${task.placeText}`}</Typography.Text>}
        {task.checkinDistanceM !== null && (
          <Alert
            type={task.checkinOnSite ? 'success' : 'warning'}
            showIcon
            role="status"
            data-testid="task-checkin-result"
            title={`${tx('checkedIn', { m: task.checkinDistanceM, r: task.radiusM })} · ${task.checkinOnSite ? tx('onSite') : tx('notOnSite')}`}
          />
        )}
        {geo.problem && <Alert type="warning" showIcon role="alert" title={tx(geo.problem)} />}
        {problem && <Alert type="error" showIcon role="alert" title={problem} />}

        {task.status === 'assigned' && !task.cancelled && !declining && (
          <Space wrap>
            <Button type="primary" size="large" loading={busy} onClick={() => void run(() => tasksApi.accept(task.id))} data-testid="task-accept">
              {tx('accept')}
            </Button>
            <Button size="large" onClick={() => setDeclining(true)}>
              {tx('decline')}
            </Button>
          </Space>
        )}
        {task.status === 'assigned' && !task.cancelled && declining && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={tx('declinePrompt')} aria-label={tx('declineReason')} />
            <Space>
              <Button danger size="large" disabled={!reason.trim()} loading={busy} onClick={() => void run(() => tasksApi.decline(task.id, reason.trim()))}>
                {tx('decline')}
              </Button>
              <Button size="large" onClick={() => setDeclining(false)}>
                ×
              </Button>
            </Space>
          </Space>
        )}
        {working && (
          <>
            <Button size="large" icon={<AimOutlined />} loading={geo.locating || busy} onClick={() => void checkin()} block data-testid="task-checkin">
              {geo.locating ? tx('locating') : tx('checkin')}
            </Button>
            <Input.TextArea rows={3} maxLength={5000} value={record} onChange={(e) => setRecord(e.target.value)} placeholder={tx('recordPlaceholder')} aria-label={tx('record')} data-testid="task-record" />
            <input ref={fileInput} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple hidden onChange={(e) => pick(e.target.files)} />
            <Button icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} disabled={photos.length >= TASK_PHOTOS_MAX}>
              {tx('addPhoto')}
            </Button>
            {photos.map((p, i) => (
              <Space key={`${p.name}-${i}`}>
                <span>{p.name}</span>
                <Button type="text" size="small" icon={<CloseOutlined />} aria-label={tx('removePhoto', { name: p.name })} onClick={() => setPhotos(photos.filter((_, j) => j !== i))} />
              </Space>
            ))}
            <Button type="primary" size="large" block disabled={!record.trim()} loading={busy} onClick={() => void run(() => tasksApi.complete(task.id, record.trim(), photos))} data-testid="task-complete">
              {tx('complete')}
            </Button>
          </>
        )}
        {task.status === 'completed' && task.record && <Typography.Text>{`${tx('record')}：${task.record}`}</Typography.Text>}
        {task.status === 'declined' && task.declineReason && <Typography.Text type="secondary">{`${tx('declineReason')}：${task.declineReason}`}</Typography.Text>}
      </Space>
    </Card>
  );
}
