import { CheckOutlined, EnvironmentOutlined, LeftOutlined, NotificationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import '../../volunteer/volunteer.css';
import { broadcastsApi, PHOTO_MAX_BYTES, readPhoto, type MyBroadcast, type ReplyKind } from '../broadcasts.api';
import { broadcastText, KIND_COLORS, KIND_LABELS, REPLY_COLORS, REPLY_LABELS, type BroadcastTextKey } from '../broadcasts.text';
import { useBroadcastStream } from '../useBroadcastStream';

const MY_EVENTS = ['broadcast', 'broadcast.closed'] as const;

/** 协查广播 on the phone: live list, a banner when one arrives, acknowledge, reply with location and photo. */
export default function MyBroadcastsPage() {
  const { lang } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const mine = useQuery((signal) => broadcastsApi.mine(signal), []);
  const [banner, setBanner] = useState<string | null>(null);
  useBroadcastStream('/api/my/broadcasts/stream', MY_EVENTS, {
    onEvent: (type, data) => {
      const title = typeof data.title === 'string' ? data.title : '';
      setBanner(tx(type === 'broadcast' ? 'arrived' : 'closedNotice', { title }));
      mine.reload();
    },
    onResync: () => mine.reload(),
  });

  return (
    <div className="fq-vapp" data-testid="my-broadcasts-page">
      <Link to="/v" className="fq-vapp-back">
        <LeftOutlined /> {tx('backHome')}
      </Link>
      <Typography.Title level={1} className="fq-vapp-title">
        {tx('myTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{tx('myIntro')}</Typography.Paragraph>
      <div aria-live="assertive">
        {banner && <Alert type="warning" showIcon icon={<NotificationOutlined />} title={banner} closable onClose={() => setBanner(null)} style={{ marginBottom: 12 }} data-testid="broadcast-banner" />}
      </div>
      {!mine.data && mine.loading && <Spin />}
      {mine.data?.items.length === 0 && <Empty description={tx('none')} />}
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {mine.data?.items.map((b) => <BroadcastCard key={b.id} b={b} onChanged={mine.reload} />)}
      </Space>
    </div>
  );
}

function BroadcastCard({ b, onChanged }: { b: MyBroadcast; onChanged: () => void }) {
  const { lang, dateTime } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const { showError, message } = useFeedback();
  const [replying, setReplying] = useState(false);
  const [kind, setKind] = useState<ReplyKind>('sighting');
  const [text, setText] = useState('');
  const [pos, setPos] = useState<{ lat: number; lon: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = b.status === 'open';

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(tx('geoFailed'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setProblem(null);
        setPos({ lat: p.coords.latitude, lon: p.coords.longitude });
      },
      () => {
        setLocating(false);
        setProblem(tx('geoFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const ack = async () => {
    setBusy(true);
    try {
      await broadcastsApi.ack(b.id);
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (kind !== 'note' && !pos) {
      setProblem(tx('needLocation'));
      return;
    }
    setBusy(true);
    try {
      await broadcastsApi.reply(b.id, { kind, text: text.trim(), ...(pos ? { lat: pos.lat, lon: pos.lon } : {}), ...(photo ? { photo: await readPhoto(photo) } : {}) });
      void message.success(tx('replySent'));
      setReplying(false);
      setText('');
      setPhoto(null);
      setProblem(null);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setProblem(err.fields.map((f) => f.message).join('；'));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" data-testid={`my-broadcast-${b.id}`} style={open ? { borderColor: '#fa8c16' } : { opacity: 0.85 }}>
      <Space wrap size={4}>
        <Tag color={KIND_COLORS[b.kind]}>{KIND_LABELS[b.kind][lang]}</Tag>
        <Tag color={open ? 'processing' : 'default'} data-testid="my-broadcast-status">
          {tx(b.status)}
        </Tag>
        {b.found && <Tag color="green">{tx('foundByOthers')}</Tag>}
        <Typography.Text type="secondary">{dateTime(b.createdAt)}</Typography.Text>
      </Space>
      <Typography.Title level={3} style={{ fontSize: 18, margin: '8px 0 4px' }}>
        {b.title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.body}</Typography.Paragraph>
      {b.hasPhoto && <img src={broadcastsApi.photoUrl(b.id)} alt={b.title} style={{ width: '100%', maxHeight: 260, objectFit: 'contain' }} />}
      {!open && <Alert type="info" showIcon title={tx('closed')} description={b.closeNote ?? undefined} style={{ marginTop: 8 }} />}
      {b.myReplies.length > 0 && (
        <>
          <Typography.Text strong>{tx('myReplies')}</Typography.Text>
          <ul style={{ paddingLeft: 18, margin: '4px 0' }}>
            {b.myReplies.map((r) => (
              <li key={r.id}>
                <Tag color={REPLY_COLORS[r.kind]}>{REPLY_LABELS[r.kind][lang]}</Tag>
                {r.text} <Typography.Text type="secondary">{dateTime(r.at)}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {open && (
        <Space wrap style={{ marginTop: 8 }}>
          {b.acknowledgedAt ? (
            <Tag icon={<CheckOutlined />} color="success">
              {tx('acked')}
            </Tag>
          ) : (
            <Button size="large" type="primary" loading={busy} onClick={() => void ack()} data-testid="broadcast-ack">
              {tx('ack')}
            </Button>
          )}
          {!replying && (
            <Button size="large" onClick={() => setReplying(true)} data-testid="broadcast-reply">
              {tx('reply')}
            </Button>
          )}
        </Space>
      )}
      {open && replying && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Segmented
            block
            value={kind}
            onChange={(v) => setKind(v)}
            options={(['sighting', 'found', 'note'] as const).map((k) => ({ value: k, label: REPLY_LABELS[k][lang] }))}
            aria-label={tx('replyKind')}
            data-testid="reply-kind"
          />
          <Input.TextArea rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={tx('replyTextPlaceholder')} aria-label={tx('replyText')} data-testid="reply-text" />
          <Space wrap>
            <Button icon={<EnvironmentOutlined />} onClick={locate} loading={locating} size="large" data-testid="reply-locate">
              {locating ? tx('locating') : tx('useLocation')}
            </Button>
            {pos && <Typography.Text type="success">{tx('located', { lat: pos.lat.toFixed(5), lon: pos.lon.toFixed(5) })}</Typography.Text>}
          </Space>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            aria-label={tx('photo')}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              if (f && f.size > PHOTO_MAX_BYTES) {
                setProblem(tx('photoTooBig'));
                setPhoto(null);
              } else setPhoto(f);
            }}
          />
          {problem && <Alert type="error" showIcon title={problem} role="alert" />}
          <Space>
            <Button type="primary" size="large" loading={busy} onClick={() => void send()} data-testid="reply-send">
              {tx('submit')}
            </Button>
            <Button size="large" onClick={() => setReplying(false)}>
              {tx('cancel')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
