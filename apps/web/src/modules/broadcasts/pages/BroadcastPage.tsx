import { LeftOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Input, List, Modal, Result, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { MapFrame } from '../../../app/components/MapFrame';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { broadcastsApi, type BroadcastDetail } from '../broadcasts.api';
import { broadcastText, KIND_COLORS, KIND_LABELS, REPLY_COLORS, REPLY_LABELS, type BroadcastTextKey } from '../broadcasts.text';
import { useBroadcastStream } from '../useBroadcastStream';

const STAFF_EVENTS = ['broadcast.delivered', 'broadcast.acknowledged', 'broadcast.replied', 'broadcast.closed'] as const;
const REPLY_MARKER: Record<string, string> = { sighting: '#d48806', found: '#389e0d', note: '#8c8c8c' };

/** One broadcast on the officers' board: live counts, replies on the map, time to found, close. */
export default function BroadcastPage() {
  const id = Number(useParams().id);
  const { lang, dateTime } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const { may } = useSession();
  const { showError, message } = useFeedback();
  const detail = useQuery((signal) => broadcastsApi.get(id, signal), [id]);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  // Bursts of delivery events reload at most twice a second.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      detail.reload();
    }, 500);
  };
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  const stream = useBroadcastStream(Number.isSafeInteger(id) ? `/api/broadcasts/${id}/stream` : null, STAFF_EVENTS, { onEvent: reloadSoon, onResync: reloadSoon });

  const b = detail.data;
  if (detail.error instanceof ApiError && detail.error.status === 404) return <Result status="404" title={tx('notFound')} extra={<Link to="/broadcasts">{tx('backList')}</Link>} />;
  if (!b) return <Spin />;

  const close = async () => {
    setBusy(true);
    try {
      await broadcastsApi.close(b.id, note.trim());
      void message.success(tx('closedOk'));
      setClosing(false);
      detail.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="broadcast-page">
      <Link to="/broadcasts">
        <LeftOutlined /> {tx('backList')}
      </Link>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
        <Space wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {b.title}
          </Typography.Title>
          <Tag color={KIND_COLORS[b.kind]}>{KIND_LABELS[b.kind][lang]}</Tag>
          <Tag color={b.status === 'open' ? 'processing' : 'default'} data-testid="broadcast-status">
            {tx(b.status)}
          </Tag>
          <Badge status={stream === 'live' ? 'success' : stream === 'offline' ? 'error' : 'processing'} text={tx(stream === 'live' ? 'live' : stream === 'offline' ? 'offline' : 'connecting')} />
        </Space>
        {may('broadcasts.send') && b.status === 'open' && (
          <Button danger onClick={() => setClosing(true)} data-testid="broadcast-close">
            {tx('close')}
          </Button>
        )}
      </Space>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {(['recipients', 'delivered', 'acknowledged', 'replied'] as const).map((k) => (
          <Col xs={12} md={4} key={k}>
            <Card size="small">
              <Statistic title={tx(k)} value={b.counts[k]} data-testid={`count-${k}`} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={tx('timeToFound')} value={b.minutesToFound === null ? tx('notFoundYet') : tx('minutes', { n: b.minutesToFound })} data-testid="time-to-found" />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>
          <BroadcastMap b={b} />
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={tx('createdAt')}>{dateTime(b.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={tx('createdBy')}>{b.createdBy ?? '—'}</Descriptions.Item>
              {b.closedAt && <Descriptions.Item label={tx('closed')}>{`${dateTime(b.closedAt)}${b.closeNote ? ` · ${b.closeNote}` : ''}`}</Descriptions.Item>}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.body}</Typography.Paragraph>
            {b.hasPhoto && <img src={broadcastsApi.photoUrl(b.id)} alt={b.title} style={{ maxWidth: '100%', maxHeight: 240 }} />}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        {tx('replies')}
      </Typography.Title>
      {b.replies.length === 0 ? (
        <Empty description={tx('noReplies')} />
      ) : (
        <List
          data-testid="broadcast-replies"
          dataSource={[...b.replies].reverse()}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <Space wrap>
                  <Tag color={REPLY_COLORS[r.kind]}>{REPLY_LABELS[r.kind][lang]}</Tag>
                  <Typography.Text strong>{r.byName}</Typography.Text>
                  <Typography.Text type="secondary">{dateTime(r.at)}</Typography.Text>
                </Space>
                {r.text && <Typography.Text>{r.text}</Typography.Text>}
                {r.hasPhoto && (
                  <a href={broadcastsApi.replyPhotoUrl(b.id, r.id)} target="_blank" rel="noreferrer">
                    {tx('viewPhoto')}
                  </a>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {b.status === 'closed' && <Alert style={{ marginTop: 12 }} type="info" title={tx('closed')} description={b.closeNote ?? undefined} />}
      <Modal open={closing} title={tx('close')} onCancel={() => setClosing(false)} onOk={() => void close()} confirmLoading={busy} okButtonProps={{ danger: true, id: 'broadcast-close-confirm' }}>
        <Typography.Paragraph>{tx('closeNote')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={tx('closeNotePlaceholder')} />
      </Modal>
    </div>
  );
}

/** The area and the replies on a map; mounted once the broadcast has loaded (the map needs its container). */
function BroadcastMap({ b }: { b: BroadcastDetail }) {
  const { lang, dateTime } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const { ref, config, failed } = useLeafletMap(container, (L, map) => ({ layer: L.layerGroup().addTo(map) }));
  useEffect(() => {
    const h = ref.current;
    if (!h) return;
    h.layer.clearLayers();
    const points: [number, number][] = [];
    if (b.target.type === 'radius' && b.target.centerLat !== null && b.target.centerLon !== null && b.target.radiusM !== null) {
      const circle = h.L.circle([b.target.centerLat, b.target.centerLon], { radius: b.target.radiusM, color: '#d4380d', weight: 2, fillOpacity: 0.08 }).addTo(h.layer);
      const area = circle.getBounds();
      points.push([area.getSouth(), area.getWest()], [area.getNorth(), area.getEast()]);
    }
    if (b.target.polygon) {
      const ring = b.target.polygon.coordinates[0] ?? [];
      h.L.polygon(ring.map(([lon, lat]) => [lat, lon] as [number, number]), { color: '#d4380d', weight: 2, fillOpacity: 0.08 }).addTo(h.layer);
      for (const [lon, lat] of ring) points.push([lat, lon]);
    }
    for (const r of b.replies) {
      if (r.lat === null || r.lon === null) continue;
      h.L.circleMarker([r.lat, r.lon], { radius: r.kind === 'found' ? 9 : 7, color: REPLY_MARKER[r.kind], fillOpacity: 0.9 })
        .bindTooltip(`${REPLY_LABELS[r.kind][lang]} · ${r.byName ?? ''} · ${dateTime(r.at)}`)
        .addTo(h.layer);
      points.push([r.lat, r.lon]);
    }
    if (points.length === 1) h.map.setView(points[0]!, 14);
    else if (points.length > 1) h.map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
  }, [b, config, ref, lang, dateTime]);

  return <MapFrame container={container} config={config} failed={failed} label={broadcastText(lang, 'replies')} failedText={broadcastText(lang, 'mapUnavailable')} height={380} data-testid="broadcast-map" />;
}
