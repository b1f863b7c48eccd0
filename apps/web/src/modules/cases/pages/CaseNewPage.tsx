import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { CASE_SOURCES, casesApi, type CasePartyInput, type CaseSource, type OpenCaseInput } from '../cases.api';
import { caseText, SOURCE_LABELS, type CaseTextKey } from '../cases.text';
import { CasePartyFields } from '../components/CasePartyFields';

interface FormValues {
  source: CaseSource;
  sourceNote?: string;
  sourceClusterId?: number;
  title?: string;
  summary?: string;
  disputeType?: string;
  riskDomain?: string;
  officerUserId?: number;
  leaderUserId?: number;
  addressText?: string;
  parties?: CasePartyInput[];
}

/** Opens a case: directly, from a tip or a visit, or (with ?incidentId= / ?clusterId=) from an incident or a repeat cluster. */
export default function CaseNewPage() {
  const { lang } = useI18n();
  const tx = (key: CaseTextKey, p?: Record<string, string | number>) => caseText(lang, key, p);
  const [params] = useSearchParams();
  const incidentId = Number(params.get('incidentId')) || undefined;
  const clusterId = Number(params.get('clusterId')) || undefined;
  const navigate = useNavigate();
  const { message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const meta = useQuery((signal) => casesApi.meta(undefined, signal), []);
  const source = Form.useWatch('source', form) ?? (incidentId ? 'incident' : clusterId ? 'cluster' : 'direct');
  const name = (c: { nameZh: string; nameEn: string }) => (lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh);
  const sources = useMemo(() => CASE_SOURCES.filter((s) => (s === 'incident' ? !!incidentId : s === 'cluster' ? !!clusterId : true)), [incidentId, clusterId]);

  const submit = async (v: FormValues) => {
    clearError();
    setSaving(true);
    const input: OpenCaseInput = {
      source: v.source,
      ...(v.source === 'incident' ? { sourceIncidentId: incidentId ?? null } : {}),
      ...(v.source === 'cluster' ? { sourceClusterId: clusterId ?? null } : {}),
      ...(v.sourceNote ? { sourceNote: v.sourceNote } : {}),
      ...(v.title ? { title: v.title } : {}),
      ...(v.summary ? { summary: v.summary } : {}),
      ...(v.disputeType ? { disputeType: v.disputeType } : {}),
      ...(v.riskDomain ? { riskDomain: v.riskDomain } : {}),
      ...(v.officerUserId ? { officerUserId: v.officerUserId } : {}),
      ...(v.leaderUserId ? { leaderUserId: v.leaderUserId } : {}),
      ...(v.addressText ? { addressText: v.addressText } : {}),
      parties: (v.parties ?? []).map((p) => ({ side: p.side, name: p.name, phone: p.phone || null, idNumber: p.idNumber || null, claims: p.claims ?? '' })),
    };
    try {
      const created = await casesApi.open(input);
      void message.success(`${tx('created')}：${created.caseNo}`);
      void navigate(`/cases/${created.id}`);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  const fromRecord = source === 'incident' || source === 'cluster';
  return (
    <div style={{ maxWidth: 760 }}>
      <div className="fq-page-head">
        <Space size={8} align="center">
          <Link to="/cases" aria-label={tx('back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{tx('newTitle')}</Typography.Title>
        </Space>
      </div>
      {incidentId && <Alert type="info" showIcon title={tx('fromIncident', { id: incidentId })} style={{ marginBottom: 16 }} />}
      <FormErrorAlert error={formError} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ source: incidentId ? 'incident' : clusterId ? 'cluster' : 'direct', parties: [] }}
        onFinish={(v) => void submit(v)}
        data-testid="case-new-form"
      >
        <Card size="small" title={tx('basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="source" label={tx('source')} rules={[{ required: true }]}>
            <Select options={sources.map((s) => ({ value: s, label: SOURCE_LABELS[s][lang] }))} aria-label={tx('source')} data-testid="case-source" />
          </Form.Item>
          {(source === 'tip' || source === 'visit' || source === 'direct') && (
            <Form.Item name="sourceNote" label={tx('sourceNote')} extra={tx('sourceNoteHint')} rules={source === 'direct' ? [] : [{ required: true, message: tx('required', { field: tx('sourceNote') }) }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
          <Form.Item name="title" label={tx('caseTitle')} rules={fromRecord ? [] : [{ required: true, message: tx('required', { field: tx('caseTitle') }) }]}>
            <Input maxLength={200} data-testid="case-title" />
          </Form.Item>
          <Form.Item name="summary" label={tx('summary')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="disputeType" label={tx('disputeType')} rules={fromRecord ? [] : [{ required: true, message: tx('required', { field: tx('disputeType') }) }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              loading={meta.loading}
              options={(meta.data?.disputeTypes ?? []).map((d) => ({ value: d.code, label: name(d) }))}
              aria-label={tx('disputeType')}
              data-testid="case-dispute-type"
            />
          </Form.Item>
          <Form.Item name="riskDomain" label={tx('riskDomain')}>
            <Select allowClear options={(meta.data?.riskDomains ?? []).map((d) => ({ value: d.code, label: name(d) }))} aria-label={tx('riskDomain')} />
          </Form.Item>
          <Form.Item name="officerUserId" label={tx('officer')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(meta.data?.officers ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.jurisdictionName}）` }))}
              aria-label={tx('officer')}
            />
          </Form.Item>
          <Form.Item name="leaderUserId" label={tx('leader')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(meta.data?.leaders ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.jurisdictionName}）` }))}
              aria-label={tx('leader')}
            />
          </Form.Item>
          {!fromRecord && (
            <Form.Item name="addressText" label={tx('address')}>
              <Input maxLength={200} />
            </Form.Item>
          )}
        </Card>
        <Card size="small" title={tx('parties')} style={{ marginBottom: 16 }}>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={`${tx('party')} ${index + 1}`}
                    style={{ marginBottom: 12 }}
                    extra={
                      <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`${tx('removeParty')} ${index + 1}`}>
                        {tx('removeParty')}
                      </Button>
                    }
                  >
                    <CasePartyFields prefix={[field.name]} />
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ side: fields.length === 0 ? 'applicant' : 'respondent' })} block data-testid="case-add-party">
                  {tx('addParty')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="case-submit">
            {tx('submit')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{tx('cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
