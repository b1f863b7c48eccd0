import { CameraOutlined, CloseOutlined, EnvironmentOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { TIP_CATEGORIES, TIP_PHOTO_MAX_BYTES, TIP_PHOTOS_MAX, tipsApi, type MyTip, type TipCategory } from '../tips.api';
import { STATUS_LABELS as INCIDENT_STATUS_LABELS } from '../../incidents/incidents.text';
import type { IncidentStatus } from '../../incidents/incidents.api';
import '../../volunteer/volunteer.css';
import { CATEGORY_LABELS, STATUS_COLORS, STATUS_LABELS, tipText, type TipTextKey } from '../tips.text';

interface Position {
  lat: number;
  lon: number;
  accuracy: number;
}
type GeoState = { kind: 'idle' } | { kind: 'locating' } | { kind: 'located'; pos: Position } | { kind: 'failed'; message: TipTextKey };

interface FormValues {
  text: string;
  category: TipCategory;
  addressText?: string;
}

/** 上报线索 on the phone: text, category, the phone's position (or an address), up to three photos; then the reporter's own tips with their outcome. */
export default function TipReportPage() {
  const { t, lang, dateTime } = useI18n();
  const tx = (key: TipTextKey, p?: Record<string, string | number>) => tipText(lang, key, p);
  const { showError, message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const [geo, setGeo] = useState<GeoState>({ kind: 'idle' });
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const mine = useQuery((signal) => tipsApi.mine(signal), []);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ kind: 'failed', message: 'geoUnsupported' });
      return;
    }
    setGeo({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => setGeo({ kind: 'located', pos: { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) } }),
      (err) => setGeo({ kind: 'failed', message: err.code === err.PERMISSION_DENIED ? 'geoDenied' : 'geoFailed' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const pickPhotos = (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    let problem: string | null = null;
    for (const f of Array.from(files)) {
      if (next.length >= TIP_PHOTOS_MAX) {
        problem = tx('tooManyPhotos');
        break;
      }
      if (f.size > TIP_PHOTO_MAX_BYTES) {
        problem = tx('photoTooBig', { name: f.name });
        continue;
      }
      next.push(f);
    }
    setPhotos(next);
    setPhotoError(problem);
    if (fileInput.current) fileInput.current.value = '';
  };

  const submit = async (values: FormValues) => {
    setSending(true);
    try {
      const pos = geo.kind === 'located' ? geo.pos : null;
      await tipsApi.report(
        {
          text: values.text,
          category: values.category,
          ...(pos ? { lat: pos.lat, lon: pos.lon, accuracy: pos.accuracy } : {}),
          ...(values.addressText?.trim() ? { addressText: values.addressText.trim() } : {}),
        },
        photos,
      );
      void message.success(tx('submitted'));
      form.resetFields();
      setPhotos([]);
      setGeo({ kind: 'idle' });
      mine.reload();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const known = new Set(['text', 'category', 'addressText']);
        form.setFields(err.fields.filter((f) => known.has(f.path)).map((f) => ({ name: f.path as keyof FormValues, errors: [f.message] })));
        const other = err.fields.filter((f) => !known.has(f.path));
        if (other.length > 0) setPhotoError(other.map((f) => f.message).join('；'));
      } else showError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="fq-vapp" data-testid="tip-report-page">
      <Link to="/v" className="fq-vapp-back">
        <LeftOutlined /> {tx('back')}
      </Link>
      <Typography.Title level={1} className="fq-vapp-title">
        {tx('reportTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{tx('reportIntro')}</Typography.Paragraph>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ category: 'security' }} requiredMark={false}>
          <Form.Item name="text" label={tx('text')} rules={[{ required: true, whitespace: true, message: tx('textRequired') }, { max: 2000 }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={tx('textPlaceholder')} data-testid="tip-text" />
          </Form.Item>
          <Form.Item name="category" label={tx('category')} rules={[{ required: true }]}>
            <Select
              data-testid="tip-category"
              options={TIP_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c][lang] }))}
              size="large"
            />
          </Form.Item>
          <Form.Item label={tx('location')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Button icon={<EnvironmentOutlined />} onClick={locate} loading={geo.kind === 'locating'} size="large" data-testid="tip-locate">
                  {geo.kind === 'locating' ? tx('locating') : tx('useLocation')}
                </Button>
                {geo.kind === 'located' && (
                  <Button type="text" onClick={() => setGeo({ kind: 'idle' })}>
                    {tx('clearLocation')}
                  </Button>
                )}
              </Space>
              {geo.kind === 'located' && (
                <Typography.Text type="success" data-testid="tip-located">
                  {tx('located', { lat: geo.pos.lat.toFixed(5), lon: geo.pos.lon.toFixed(5), acc: geo.pos.accuracy })}
                </Typography.Text>
              )}
              {geo.kind === 'failed' && <Alert type="warning" showIcon title={tx(geo.message)} role="alert" />}
            </Space>
          </Form.Item>
          <Form.Item name="addressText" label={tx('address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder={tx('addressPlaceholder')} size="large" />
          </Form.Item>
          <Form.Item label={tx('photos')}>
            <input
              ref={fileInput}
              id="tip-photo-input"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              multiple
              className="fq-visually-hidden"
              onChange={(e) => pickPhotos(e.target.files)}
              data-testid="tip-photo-input"
            />
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button icon={<CameraOutlined />} size="large" disabled={photos.length >= TIP_PHOTOS_MAX} onClick={() => fileInput.current?.click()}>
                {tx('addPhoto')}（{photos.length}/{TIP_PHOTOS_MAX}）
              </Button>
              {photos.map((p, i) => (
                <Space key={`${p.name}-${i}`}>
                  <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                    {p.name}
                  </Typography.Text>
                  <Button size="small" type="text" icon={<CloseOutlined />} aria-label={tx('removePhoto', { name: p.name })} onClick={() => setPhotos(photos.filter((_, j) => j !== i))} />
                </Space>
              ))}
              {photoError && <Alert type="error" showIcon title={photoError} role="alert" />}
            </Space>
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={sending} data-testid="tip-submit">
            {tx('submit')}
          </Button>
        </Form>
      </Card>

      <Typography.Title level={2} className="fq-vapp-subtitle">
        {tx('myTips')}
      </Typography.Title>
      {mine.error ? <Alert type="error" showIcon title={errorText(mine.error, t)} /> : null}
      {mine.loading && !mine.data ? (
        <div className="fq-center">
          <Spin />
        </div>
      ) : (
        <List
          data-testid="my-tips"
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description={tx('noTips')} /> }}
          renderItem={(tip: MyTip) => (
            <List.Item key={tip.id} data-testid={`my-tip-${tip.id}`}>
              <div style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <Tag color={STATUS_COLORS[tip.status]}>{STATUS_LABELS[tip.status][lang]}</Tag>
                  <Tag>{CATEGORY_LABELS[tip.category][lang]}</Tag>
                  <Typography.Text type="secondary">{dateTime(tip.createdAt)}</Typography.Text>
                  {tip.pointsAwarded > 0 && <Tag color="gold">{tx('points', { n: tip.pointsAwarded })}</Tag>}
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: '4px 0' }}>
                  {tip.text}
                </Typography.Paragraph>
                {tip.photos.length > 0 && <Typography.Text type="secondary">{tx('photoCount', { n: tip.photos.length })}</Typography.Text>}
                {tip.incident && (
                  <Typography.Paragraph type="success" style={{ margin: 0 }} data-testid={`my-tip-incident-${tip.id}`}>
                    {tx('incidentLinked', { id: tip.incident.id, summary: tip.incident.summary, status: INCIDENT_STATUS_LABELS[tip.incident.status as IncidentStatus]?.[lang] ?? tip.incident.status })}
                  </Typography.Paragraph>
                )}
                {tip.status === 'dismissed' && tip.dismissReason && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {tx('dismissReason', { reason: tip.dismissReason })}
                  </Typography.Paragraph>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
