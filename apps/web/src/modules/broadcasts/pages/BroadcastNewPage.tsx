import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { BROADCAST_KINDS, broadcastsApi, PHOTO_MAX_BYTES, readPhoto, type BroadcastKind } from '../broadcasts.api';
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

/** 发布广播: kind, text, optional photo; a centre and radius set on the map, or chosen teams. */
export default function BroadcastNewPage() {
  const { lang } = useI18n();
  const tx = (key: BroadcastTextKey, p?: Record<string, string | number>) => broadcastText(lang, key, p);
  const { me } = useSession();
  const { showError, message } = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [mode, setMode] = useState<'radius' | 'teams'>('radius');
  const [centre, setCentre] = useState<{ lat: number; lon: number } | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const radius = Form.useWatch('radiusM', form) ?? 2000;
  const teams = useQuery((signal) => broadcastsApi.teams(signal), []);
  const home = useQuery(
    (signal) => api.get<{ centerLat: number | null; centerLon: number | null }>(`/api/jurisdictions/${me.jurisdiction.id}`, undefined, signal).catch(() => ({ centerLat: null, centerLon: null })),
    [me.jurisdiction.id],
  );

  const container = useRef<HTMLDivElement>(null);
  const { ref, config, failed } = useLeafletMap(container, (L, map) => {
    const layer = L.layerGroup().addTo(map);
    map.setView(DEFAULT_VIEW, 13);
    map.on('click', (e: Leaflet.LeafletMouseEvent) => setCentre({ lat: e.latlng.lat, lon: e.latlng.lng }));
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
  }, [centre, radius, mode, config, ref]);

  const submit = async (v: FormValues) => {
    if (mode === 'radius' && !centre) {
      setPhotoError(null);
      void message.warning(tx('noCentre'));
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
        target: mode === 'radius' && centre ? { type: 'radius', centerLat: centre.lat, centerLon: centre.lon, radiusM: v.radiusM } : { type: 'teams', teamIds: v.teamIds },
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
            onChange={(v) => setMode(v as 'radius' | 'teams')}
            options={[
              { value: 'radius', label: tx('targetRadius') },
              { value: 'teams', label: tx('targetTeams') },
            ]}
            style={{ marginBottom: 12 }}
          />
          {/* The map stays mounted (Leaflet needs its container); hidden while teams are chosen. */}
          <div style={{ display: mode === 'radius' ? 'block' : 'none' }}>
            <Typography.Paragraph type="secondary">{tx('mapHint')}</Typography.Paragraph>
            {failed && <Alert type="warning" title={tx('mapUnavailable')} />}
            <div ref={container} style={{ height: 320, borderRadius: 8 }} data-testid="broadcast-map" />
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
          ) : (
            <Form.Item name="teamIds" label={tx('teams')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" notFoundContent={tx('noTeams')} options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))} />
            </Form.Item>
          )}
          <Form.Item name="includeGrid" valuePropName="checked" style={{ marginTop: 12, marginBottom: 0 }}>
            <Checkbox>{tx('includeGrid')}</Checkbox>
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" size="large" loading={sending} style={{ marginTop: 16 }} data-testid="broadcast-send">
          {tx('send')}
        </Button>
      </Form>
    </div>
  );
}
