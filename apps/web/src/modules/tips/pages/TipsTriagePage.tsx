import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Image, Input, List, Modal, Segmented, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { categoryTree, incidentsApi } from '../../incidents/incidents.api';
import { TIP_STATUSES, tipsApi, type Tip, type TipStatus } from '../tips.api';
import { CATEGORY_LABELS, STATUS_COLORS, STATUS_LABELS, tipText, type TipTextKey } from '../tips.text';

interface AcceptValues {
  categoryCode: string;
  summary: string;
  disputeType?: string;
}

const PAGE_SIZE = 20;

/** 线索研判: the tips of the officer's jurisdiction (the API scopes them), oldest waiting first; accept as an incident or dismiss with a reason. */
export default function TipsTriagePage() {
  const { t, lang, dateTime } = useI18n();
  const tx = (key: TipTextKey, p?: Record<string, string | number>) => tipText(lang, key, p);
  const { showError, message } = useFeedback();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: TipStatus | 'all' = raw === 'all' ? 'all' : (TIP_STATUSES.find((s) => s === raw) ?? 'new');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useQuery((signal) => tipsApi.list({ ...(status !== 'all' ? { status } : {}), page, pageSize: PAGE_SIZE }, signal), [status, page]);
  const taxonomy = useQuery((signal) => incidentsApi.taxonomy(signal), []);
  const tree = useMemo(() => categoryTree(taxonomy.data?.categories ?? [], lang), [taxonomy.data, lang]);

  const [accepting, setAccepting] = useState<Tip | null>(null);
  const [dismissing, setDismissing] = useState<Tip | null>(null);
  const [busy, setBusy] = useState(false);
  const [acceptForm] = Form.useForm<AcceptValues>();
  const [dismissForm] = Form.useForm<{ reason: string }>();
  const chosen = Form.useWatch('categoryCode', acceptForm);
  const isDispute = taxonomy.data?.categories.find((c) => c.code === chosen)?.kind === 'dispute';

  const setStatus = (s: string) => setParams(s === 'new' ? {} : { status: s });

  const openAccept = (tip: Tip) => {
    setAccepting(tip);
    acceptForm.setFieldsValue({ categoryCode: undefined, summary: `${CATEGORY_LABELS[tip.category].zh}线索：${tip.text.replace(/\s+/g, ' ').slice(0, 60)}`, disputeType: undefined });
  };
  const openDismiss = (tip: Tip) => {
    setDismissing(tip);
    dismissForm.resetFields();
  };

  /** The server's field errors that belong to the open form, or null (then the error is shown as a message). */
  const fieldErrorsOf = (err: unknown, known: string[]) => (err instanceof ApiError && err.fields.some((f) => known.includes(f.path)) ? err.fields.filter((f) => known.includes(f.path)) : null);

  const accept = async (values: AcceptValues) => {
    if (!accepting) return;
    setBusy(true);
    try {
      const tip = await tipsApi.accept(accepting.id, { categoryCode: values.categoryCode, summary: values.summary, ...(isDispute && values.disputeType ? { disputeType: values.disputeType } : {}) });
      void message.success(tx('accepted', { id: tip.incidentId ?? '' }));
      setAccepting(null);
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setAccepting(null);
        list.reload();
      }
      const fields = fieldErrorsOf(err, ['categoryCode', 'summary', 'disputeType']);
      if (fields) acceptForm.setFields(fields.map((f) => ({ name: f.path as keyof AcceptValues, errors: [f.message] })));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const dismiss = async (values: { reason: string }) => {
    if (!dismissing) return;
    setBusy(true);
    try {
      await tipsApi.dismiss(dismissing.id, values.reason);
      void message.success(tx('dismissed'));
      setDismissing(null);
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setDismissing(null);
        list.reload();
      }
      const fields = fieldErrorsOf(err, ['reason']);
      if (fields) dismissForm.setFields(fields.map((f) => ({ name: 'reason' as const, errors: [f.message] })));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const renderTip = (tip: Tip) => (
    <List.Item key={tip.id} data-testid={`tip-row-${tip.id}`}>
      <Card size="small" style={{ width: '100%' }}>
        <Space size={4} wrap>
          <Typography.Text strong>#{tip.id}</Typography.Text>
          <Tag color={STATUS_COLORS[tip.status]}>{STATUS_LABELS[tip.status][lang]}</Tag>
          <Tag>{CATEGORY_LABELS[tip.category][lang]}</Tag>
          <Typography.Text type="secondary">{dateTime(tip.createdAt)}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{tip.text}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {tx('reporter')}：{tip.reporter.name}
          {tip.reporter.teamName ? `（${tip.reporter.teamName}）` : ''} · {tip.jurisdictionName}
          <br />
          {tip.lat !== null && tip.lon !== null ? `${tx('coords')}：${tip.lat.toFixed(5)}, ${tip.lon.toFixed(5)}${tip.accuracyM !== null ? ` ±${Math.round(tip.accuracyM)}m` : ''}` : tx('noLocation')}
          {tip.addressText ? ` · ${tip.addressText}` : ''}
        </Typography.Paragraph>
        {tip.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginBottom: 8 }}>
              {tip.photos.map((p, i) => (
                <Image key={p.id} width={96} height={96} style={{ objectFit: 'cover' }} src={tipsApi.photoUrl(tip.id, p.id)} alt={tx('photo', { n: i + 1 })} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {tip.status === 'new' ? (
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => openAccept(tip)} data-testid={`tip-accept-${tip.id}`}>
              {tx('accept')}
            </Button>
            <Button icon={<CloseOutlined />} onClick={() => openDismiss(tip)} data-testid={`tip-dismiss-${tip.id}`}>
              {tx('dismiss')}
            </Button>
          </Space>
        ) : (
          <Space orientation="vertical" size={2}>
            {tip.triagedBy && tip.triagedAt && <Typography.Text type="secondary">{tx('triagedBy', { name: tip.triagedBy, at: dateTime(tip.triagedAt) })}</Typography.Text>}
            {tip.incidentId !== null && (
              <Link to={`/incidents/${tip.incidentId}`} data-testid={`tip-incident-${tip.id}`}>
                {tx('openIncident', { id: tip.incidentId })}
              </Link>
            )}
            {tip.dismissReason && <Typography.Text type="secondary">{tx('dismissReason', { reason: tip.dismissReason })}</Typography.Text>}
          </Space>
        )}
      </Card>
    </List.Item>
  );

  return (
    <div data-testid="tips-triage-page">
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('triageTitle')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{tx('triageIntro')}</Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[...TIP_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] })), { value: 'all', label: tx('all') }]}
        style={{ marginBottom: 12 }}
        data-testid="tips-status"
      />
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 12 }} /> : null}
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        renderItem={renderTip}
        locale={{ emptyText: <Empty description={tx('empty')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          simple: true,
          hideOnSinglePage: true,
          onChange: (p) => setParams({ ...(status !== 'new' ? { status } : {}), ...(p > 1 ? { page: String(p) } : {}) }),
        }}
        data-testid="tips-list"
      />

      <Modal
        open={accepting !== null}
        title={accepting ? tx('acceptTitle', { id: accepting.id }) : ''}
        onCancel={() => setAccepting(null)}
        okText={tx('accept')}
        cancelText={tx('cancel')}
        confirmLoading={busy}
        onOk={() => acceptForm.submit()}
        okButtonProps={{ 'data-testid': 'tip-accept-confirm' } }
        forceRender
      >
        <Form form={acceptForm} layout="vertical" onFinish={(v) => void accept(v)}>
          <Form.Item name="categoryCode" label={tx('incidentCategory')} rules={[{ required: true, message: tx('required') }]}>
            <TreeSelect showSearch={{ treeNodeFilterProp: 'title' }} treeData={tree} loading={taxonomy.loading} placeholder={tx('incidentCategory')} data-testid="tip-accept-category" />
          </Form.Item>
          <Form.Item name="summary" label={tx('summary')} rules={[{ required: true, whitespace: true, message: tx('required') }, { max: 200 }]}>
            <Input maxLength={200} data-testid="tip-accept-summary" />
          </Form.Item>
          {isDispute && (
            <Form.Item name="disputeType" label={tx('disputeType')}>
              <Select allowClear options={(taxonomy.data?.disputeTypes ?? []).map((c) => ({ value: c.code, label: lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <Modal
        open={dismissing !== null}
        title={dismissing ? tx('dismissTitle', { id: dismissing.id }) : ''}
        onCancel={() => setDismissing(null)}
        okText={tx('dismiss')}
        cancelText={tx('cancel')}
        confirmLoading={busy}
        onOk={() => dismissForm.submit()}
        okButtonProps={{ 'data-testid': 'tip-dismiss-confirm' } }
        forceRender
      >
        <Form form={dismissForm} layout="vertical" onFinish={(v) => void dismiss(v)}>
          <Form.Item name="reason" label={tx('reason')} rules={[{ required: true, whitespace: true, message: tx('required') }, { max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={tx('reasonPlaceholder')} data-testid="tip-dismiss-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
