import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { categoryTree, incidentsApi, newIdempotencyKey, shanghaiLocalToIso, shanghaiNowLocal, type Incident } from '../incidents.api';
import { text, type TextKey } from '../incidents.text';
import { partiesText } from '../incidents.parties.text';
import { PartyFields, toPartyInput, type PartyFormValues } from '../components/PartyFields';

interface FormValues {
  channel: string;
  receivedAt: string;
  categoryCode: string;
  riskDomain?: string;
  disputeType?: string;
  summary: string;
  narrative?: string;
  callerName?: string;
  callerPhone?: string;
  addressText?: string;
  lat?: number | null;
  lon?: number | null;
  parties?: PartyFormValues[];
}

const blank = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** 接警登记: walk-in and phone reports. One idempotency key per form, so a resend never makes a second incident. */
export default function IncidentNewPage() {
  const { lang } = useI18n();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [submitting, setSubmitting] = useState(false);
  // Generated once for this form: a double click or a retry after a lost answer sends the same key.
  const idempotencyKey = useRef<string>(newIdempotencyKey());
  const inFlight = useRef<Promise<Incident> | null>(null);
  const tx = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);

  const taxonomy = useQuery((signal) => incidentsApi.taxonomy(signal), []);
  const channels = useQuery((signal) => incidentsApi.channels(signal), []);
  const tree = useMemo(() => categoryTree(taxonomy.data?.categories ?? [], lang), [taxonomy.data, lang]);
  const kindOf = useMemo(() => new Map((taxonomy.data?.categories ?? []).map((c) => [c.code, c.kind])), [taxonomy.data]);
  const categoryCode = Form.useWatch('categoryCode', form);
  const isDispute = categoryCode ? kindOf.get(categoryCode) === 'dispute' : false;
  const nameOf = (c: { nameZh: string; nameEn: string }) => (lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh);

  const submit = (values: FormValues) => {
    clearError();
    const input = {
      channel: values.channel,
      receivedAt: shanghaiLocalToIso(values.receivedAt),
      categoryCode: values.categoryCode,
      riskDomain: isDispute ? (values.riskDomain ?? null) : null,
      disputeType: isDispute ? (values.disputeType ?? null) : null,
      summary: values.summary.trim(),
      narrative: values.narrative?.trim() ?? '',
      callerName: blank(values.callerName),
      callerPhone: blank(values.callerPhone),
      addressText: blank(values.addressText),
      lat: values.lat ?? null,
      lon: values.lon ?? null,
      parties: (values.parties ?? []).map(toPartyInput),
    };
    // A second click while the first request is out waits for the same answer.
    const pending = inFlight.current ?? incidentsApi.create(input, idempotencyKey.current);
    inFlight.current = pending;
    setSubmitting(true);
    pending
      .then((incident) => {
        void message.success(tx('created'));
        void navigate(`/incidents/${incident.id}`);
      })
      .catch((err: unknown) => {
        inFlight.current = null;
        handleError(err);
      })
      .finally(() => setSubmitting(false));
  };

  const required = (key: TextKey) => [{ required: true, message: tx('required', { field: tx(key) }) }];

  return (
    <div>
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/incidents" aria-label={tx('back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{tx('newTitle')}</Typography.Title>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{tx('newIntro')}</Typography.Paragraph>
      <Card size="small" style={{ maxWidth: 760 }}>
        <FormErrorAlert error={formError} />
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ channel: 'walkin', receivedAt: shanghaiNowLocal() }}
          data-testid="incident-form"
        >
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="channel" label={tx('channel')} rules={required('channel')}>
                <Select
                  loading={channels.loading}
                  options={(channels.data?.items ?? [{ code: 'walkin', nameZh: '现场报警', nameEn: 'Walk-in' }]).map((c) => ({ value: c.code, label: nameOf(c) }))}
                  data-testid="incident-form-channel"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="receivedAt" label={`${tx('receivedAt')}（${tx('timeZoneHint')}）`} rules={required('receivedAt')}>
                <Input type="datetime-local" data-testid="incident-form-receivedAt" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="categoryCode" label={tx('category')} rules={required('category')}>
            <TreeSelect
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={tree}
              loading={taxonomy.loading}
              placeholder={tx('category')}
              data-testid="incident-form-categoryCode"
            />
          </Form.Item>
          {isDispute && (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="riskDomain" label={tx('riskDomain')}>
                  <Select allowClear options={(taxonomy.data?.riskDomains ?? []).map((c) => ({ value: c.code, label: nameOf(c) }))} data-testid="incident-form-riskDomain" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="disputeType" label={tx('disputeType')}>
                  <Select allowClear options={(taxonomy.data?.disputeTypes ?? []).map((c) => ({ value: c.code, label: nameOf(c) }))} data-testid="incident-form-disputeType" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="summary" label={tx('summary')} rules={[...required('summary'), { max: 200 }]}>
            <Input maxLength={200} data-testid="incident-form-summary" />
          </Form.Item>
          <Form.Item name="narrative" label={tx('narrative')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="incident-form-narrative" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="callerName" label={tx('callerName')} rules={[{ max: 50 }]}>
                <Input maxLength={50} data-testid="incident-form-callerName" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="callerPhone" label={tx('callerPhone')} rules={[{ max: 30 }]}>
                <Input type="tel" maxLength={30} data-testid="incident-form-callerPhone" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="addressText" label={tx('addressText')} rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder={tx('addressPlaceholder')} data-testid="incident-form-addressText" />
          </Form.Item>
          <Form.List name="parties">
            {(rows, { add, remove }) => (
              <div style={{ marginBottom: 16 }} data-testid="incident-form-parties">
                <Typography.Text strong>{partiesText(lang, 'parties')}</Typography.Text>
                {rows.map((row) => (
                  <Card
                    key={row.key}
                    size="small"
                    style={{ marginTop: 8 }}
                    extra={<Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={partiesText(lang, 'removeParty')} onClick={() => remove(row.name)} />}
                  >
                    <PartyFields prefix={[row.name]} testId={`incident-form-party-${row.name}`} />
                  </Card>
                ))}
                <div style={{ marginTop: 8 }}>
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ role: 'party' })} data-testid="incident-form-party-add">
                    {partiesText(lang, 'addParty')}
                  </Button>
                </div>
              </div>
            )}
          </Form.List>
          <Typography.Text type="secondary">{tx('coordinates')}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} sm={12}>
              <Form.Item name="lat" label={tx('lat')}>
                <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} data-testid="incident-form-lat" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="lon" label={tx('lon')}>
                <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} data-testid="incident-form-lon" />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="incident-submit">
              {tx('submit')}
            </Button>
            <Button onClick={() => void navigate('/incidents')}>{tx('cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
