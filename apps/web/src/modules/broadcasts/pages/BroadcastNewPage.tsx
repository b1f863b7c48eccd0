import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { MapFrame } from '../../../app/components/MapFrame';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { BROADCAST_KINDS, broadcastsApi, PHOTO_MAX_BYTES, readPhoto, type BroadcastKind, type Target } from '../broadcasts.api';
import { broadcastText, KIND_LABELS, type BroadcastTextKey } from '../broadcasts.text';

interface FormValues {
  kind: BroadcastKind;
  title: string;
  body: string;
  radiusM: number;
  teamIds: number[];
  includeGrid: boolean;
}

/** A fallback view when the jurisdiction has no centre. */
const DEFAULT_VIEW: [number, number] = [30.25, 120.17];

type Mode = 'radius' | 'polygon' | 'teams';
interface Point {
  lat: number;
  lon: number;
}

const pointsText = (points: Point[]) => points.map((p) => `${p.lat.toFixed(6)},${p.lon.toFixed(6)}`).join('\n');

/** "lat,lon" lines (blank lines skipped) → points, or the 1-based number of the first bad line. */
export function parsePoints(text: string): { points: Point[] } | { badLine: number } {
  const points: Point[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)$/.exec(line);
    const lat = m ? Number(m[1]) : NaN;
    const lon = m ? Number(m[2]) : NaN;
    if (!m || Math.abs(lat) > 90 || Math.abs(lon) > 180) return { badLine: i + 1 };
    points.push({ lat, lon });
  }
  return { points };
}

/** The closed GeoJSON ring ([lon, lat], first point repeated) of the drawn corners. */
const ringOf = (points: Point[]): [number, number][] => [...points, points[0]!].map((p) => [p.lon, p.lat]);

/**
 * 发布广播: kind, text, optional photo; the target is a centre and radius set on the map, a polygon
 * drawn on the map (or typed as "lat,lon" lines, so it is not mouse-only), or chosen teams. While
 * the target is complete the page shows how many people it reaches (the API resolves it like a send).
 */
export default function BroadcastNewPage() {
  const { lang } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const { me } = useSession();
  const { showError, message } = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [mode, setModeState] = useState<Mode>('radius');
  const modeRef = useRef<Mode>('radius');
  const setMode = (m: Mode) => {
    modeRef.current = m;
    setModeState(m);
  };
  const [centre, setCentre] = useState<Point | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  const [text, setText] = useState('');
  const [badLine, setBadLine] = useState<number | null>(null);
  const [tooFew, setTooFew] = useState(false);
  const [preview, setPreview] = useState<{ n: number | null; loading: boolean }>({ n: null, loading: false });
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const radius = Form.useWatch('radiusM', form) ?? 2000;
  const includeGrid = Form.useWatch('includeGrid', form) ?? true;
  const teamIds = Form.useWatch('teamIds', form);
  const teams = useQuery((signal) => broadcastsApi.teams(signal), []);
  const home = useQuery(
    (signal) => api.get<{ centerLat: number | null; centerLon: number | null }>(`/api/jurisdictions/${me.jurisdiction.id}`, undefined, signal).catch(() => ({ centerLat: null, centerLon: null })),
    [me.jurisdiction.id],
  );

  const container = useRef<HTMLDivElement>(null);
  const { ref, config, failed } = useLeafletMap(container, (L, map) => {
    const layer = L.layerGroup().addTo(map);
    map.setView(DEFAULT_VIEW, 13);
    map.on('click', (e: Leaflet.LeafletMouseEvent) => {
      const p = { lat: e.latlng.lat, lon: e.latlng.lng };
      if (modeRef.current === 'polygon') {
        setPoints((prev) => {
          const next = [...prev, p];
          setText(pointsText(next));
          return next;
        });
        setBadLine(null);
        setTooFew(false);
      } else setCentre(p);
    });
    return { layer };
  });
  useEffect(() => {
    const h = ref.current;
    const d = home.data;
    if (h && d?.centerLat != null && d.centerLon != null) h.map.setView([d.centerLat, d.centerLon], 14);
  }, [config, home.data, ref]);
  useEffect(() => {
    const h = ref.current;
    if (!h) return;
    h.layer.clearLayers();
    if (centre && mode === 'radius') {
      h.L.circle([centre.lat, centre.lon], { radius, color: '#d4380d', weight: 2, fillOpacity: 0.12 }).addTo(h.layer);
      h.L.circleMarker([centre.lat, centre.lon], { radius: 5, color: '#d4380d', fillOpacity: 1 }).addTo(h.layer);
    }
    if (mode === 'polygon' && points.length > 0) {
      const latlngs = points.map((p) => [p.lat, p.lon] as [number, number]);
      if (points.length >= 3) h.L.polygon(latlngs, { color: '#d4380d', weight: 2, fillOpacity: 0.12 }).addTo(h.layer);
      else h.L.polyline(latlngs, { color: '#d4380d', weight: 2, dashArray: '4 4' }).addTo(h.layer);
      for (const [i, p] of points.entries()) h.L.circleMarker([p.lat, p.lon], { radius: 5, color: '#d4380d', fillOpacity: 1 }).bindTooltip(String(i + 1)).addTo(h.layer);
    }
  }, [centre, radius, mode, points, config, ref]);

  const setCorners = (next: Point[]) => {
    setPoints(next);
    setText(pointsText(next));
    setBadLine(null);
    setTooFew(false);
  };
  const onText = (value: string) => {
    setText(value);
    const parsed = parsePoints(value);
    if ('badLine' in parsed) setBadLine(parsed.badLine);
    else {
      setBadLine(null);
      setPoints(parsed.points);
      if (parsed.points.length >= 3) setTooFew(false);
    }
  };

  /** The target as the form stands, or null while it is incomplete. */
  const target: Target | null =
    mode === 'radius'
      ? centre && radius >= 100
        ? { type: 'radius', centerLat: centre.lat, centerLon: centre.lon, radiusM: radius }
        : null
      : mode === 'polygon'
        ? points.length >= 3 && badLine === null
          ? { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ringOf(points)] } }
          : null
        : teamIds && teamIds.length > 0
          ? { type: 'teams', teamIds }
          : null;
  const targetKey = target ? JSON.stringify(target) : '';
  useEffect(() => {
    if (!targetKey) {
      setPreview({ n: null, loading: false });
      return;
    }
    let stale = false;
    setPreview((p) => ({ ...p, loading: true }));
    const timer = setTimeout(() => {
      broadcastsApi
        .preview({ target: JSON.parse(targetKey) as Target, includeGrid })
        .then((r) => !stale && setPreview({ n: r.recipients, loading: false }))
        .catch(() => !stale && setPreview({ n: null, loading: false }));
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [targetKey, includeGrid]);

  const submit = async (v: FormValues) => {
    if (mode === 'radius' && !centre) {
      setPhotoError(null);
      void message.warning(tx('noCentre'));
      return;
    }
    if (mode === 'polygon' && (points.length < 3 || badLine !== null)) {
      setTooFew(points.length < 3);
      void message.warning(badLine !== null ? tx('polygonBadLine', { n: badLine }) : tx('polygonTooFew'));
      return;
    }
    setSending(true);
    try {
      const created = await broadcastsApi.send({
        kind: v.kind,
        title: v.title,
        body: v.body,
        includeGrid: v.includeGrid,
        ...(photo ? { photo: await readPhoto(photo) } : {}),
        target:
          mode === 'radius' && centre
            ? { type: 'radius', centerLat: centre.lat, centerLon: centre.lon, radiusM: v.radiusM }
            : mode === 'polygon'
              ? { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ringOf(points)] } }
              : { type: 'teams', teamIds: v.teamIds },
      });
      void message.success(tx('sent', { n: created.counts.recipients }));
      void navigate(`/broadcasts/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const known = new Set(['kind', 'title', 'body']);
        form.setFields(err.fields.filter((f) => known.has(f.path)).map((f) => ({ name: f.path as keyof FormValues, errors: [f.message] })));
        const other = err.fields.filter((f) => !known.has(f.path));
        if (other.length) setPhotoError(other.map((f) => f.message).join('；'));
      } else showError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="broadcast-new-page">
      <Link to="/broadcasts">
        <LeftOutlined /> {tx('backList')}
      </Link>
      <Typography.Title level={2}>{tx('new')}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'missing_person', radiusM: 2000, teamIds: [], includeGrid: true }} requiredMark={false}>
        <Card size="small">
          <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
            <Select options={BROADCAST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))} data-testid="broadcast-kind" />
          </Form.Item>
          <Form.Item name="title" label={tx('subject')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input maxLength={200} data-testid="broadcast-title" />
          </Form.Item>
          <Form.Item name="body" label={tx('body')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} placeholder={tx('bodyPlaceholder')} data-testid="broadcast-body" />
          </Form.Item>
          <Form.Item label={tx('photo')}>
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-label={tx('photo')}
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                if (f && f.size > PHOTO_MAX_BYTES) {
                  setPhotoError(tx('photoTooBig'));
                  setPhoto(null);
                } else {
                  setPhotoError(null);
                  setPhoto(f);
                }
              }}
            />
          </Form.Item>
          {photoError && <Alert type="error" showIcon title={photoError} role="alert" style={{ marginBottom: 12 }} />}
        </Card>
        <Card size="small" title={tx('target')} style={{ marginTop: 12 }}>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            options={[
              { value: 'radius', label: tx('targetRadius') },
              { value: 'polygon', label: <span data-testid="broadcast-mode-polygon">{tx('targetPolygon')}</span> },
              { value: 'teams', label: tx('targetTeams') },
            ]}
            style={{ marginBottom: 12 }}
          />
          {/* The map stays mounted (Leaflet needs its container); hidden while teams are chosen. */}
          <div style={{ display: mode === 'teams' ? 'none' : 'block' }}>
            <Typography.Paragraph type="secondary">{mode === 'polygon' ? tx('polygonHint') : tx('mapHint')}</Typography.Paragraph>
            <MapFrame container={container} config={config} failed={failed} label={tx('target')} failedText={tx('mapUnavailable')} height={320} data-testid="broadcast-map" />
          </div>
          {mode === 'radius' ? (
            <>
              <Space wrap style={{ marginTop: 12 }}>
                <Typography.Text data-testid="broadcast-centre">
                  {tx('centre')}: {centre ? `${centre.lat.toFixed(5)}, ${centre.lon.toFixed(5)}` : tx('noCentre')}
                </Typography.Text>
                <Form.Item name="radiusM" label={tx('radius')} style={{ margin: 0 }} rules={[{ required: true }]}>
                  <InputNumber min={100} max={100000} step={500} data-testid="broadcast-radius" />
                </Form.Item>
              </Space>
            </>
          ) : mode === 'polygon' ? (
            <div style={{ marginTop: 12 }}>
              <Space wrap style={{ marginBottom: 8 }}>
                <Typography.Text data-testid="broadcast-polygon-count">{tx('polygonCount', { n: points.length })}</Typography.Text>
                <Button size="small" onClick={() => setCorners(points.slice(0, -1))} disabled={points.length === 0} data-testid="broadcast-polygon-undo">
                  {tx('undoPoint')}
                </Button>
                <Button size="small" onClick={() => setCorners([])} disabled={points.length === 0 && !text} data-testid="broadcast-polygon-clear">
                  {tx('clearPoints')}
                </Button>
              </Space>
              <label htmlFor="broadcast-polygon-text" style={{ display: 'block', marginBottom: 4 }}>
                {tx('polygonPoints')}
              </label>
              <Input.TextArea
                id="broadcast-polygon-text"
                rows={4}
                value={text}
                onChange={(e) => onText(e.target.value)}
                placeholder={'30.251000,120.170000\n30.251000,120.180000\n30.245000,120.175000'}
                status={badLine !== null || tooFew ? 'error' : undefined}
                aria-invalid={badLine !== null || tooFew}
                data-testid="broadcast-polygon-text"
              />
              {(badLine !== null || tooFew) && (
                <Typography.Text type="danger" role="alert" data-testid="broadcast-polygon-error">
                  {badLine !== null ? tx('polygonBadLine', { n: badLine }) : tx('polygonTooFew')}
                </Typography.Text>
              )}
            </div>
          ) : (
            <Form.Item name="teamIds" label={tx('teams')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" notFoundContent={tx('noTeams')} options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))} />
            </Form.Item>
          )}
          <Form.Item name="includeGrid" valuePropName="checked" style={{ marginTop: 12, marginBottom: 0 }}>
            <Checkbox>{tx('includeGrid')}</Checkbox>
          </Form.Item>
          {target && (
            <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }} aria-live="polite" data-testid="broadcast-preview">
              {preview.loading || preview.n === null ? tx('previewing') : tx('previewCount', { n: preview.n })}
            </Typography.Paragraph>
          )}
        </Card>
        <Button type="primary" htmlType="submit" size="large" loading={sending} style={{ marginTop: 16 }} data-testid="broadcast-send">
          {tx('send')}
        </Button>
      </Form>
    </div>
  );
}
