import { Alert, Button, Card, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { TRANSFER_STATUSES, type TransferStatus } from '../../cases/transfers/transfers.api';
import { KIND_LABELS, label, STATUS_COLORS, STATUS_LABELS } from '../../cases/transfers/transfers.text';
import { partnerApi, type PartnerTransfer } from '../partner.api';
import { ptext } from '../partner.text';

function isStatus(v: string | null): v is TransferStatus {
  return v !== null && (TRANSFER_STATUSES as readonly string[]).includes(v);
}

function TransferCard({ t }: { t: PartnerTransfer }) {
  const { lang, dateTime } = useI18n();
  return (
    <Link to={`/partner/transfers/${t.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="partner-transfer-item">
      <Card size="small" hoverable>
        <Space size={4} wrap style={{ marginBottom: 4 }}>
          <Tag color={STATUS_COLORS[t.status]}>{label(STATUS_LABELS, lang, t.status)}</Tag>
          {t.ackOverdue ? <Tag color="red">{ptext(lang, 'ackOverdue')}</Tag> : null}
          {t.overdue ? <Tag color="red">{ptext(lang, 'overdue')}</Tag> : null}
        </Space>
        <Typography.Text strong style={{ display: 'block' }}>
          {t.caseTitle}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {label(KIND_LABELS, lang, t.kind)} · {t.docNo}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t.stationName} · {ptext(lang, 'sentAt')} {dateTime(t.sentAt)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t.status === 'sent' ? `${ptext(lang, 'ackDue')} ${dateTime(t.ackDueAt)}` : `${ptext(lang, 'due')} ${dateTime(t.dueAt)}`}
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** 移交任务: the transfers addressed to the partner user's department, newest first; phone-first cards. */
export default function PartnerTransfersPage() {
  const { lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const q = useQuery((signal) => partnerApi.list(status, signal), [status]);

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="partner-transfers-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {ptext(lang, 'title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{ptext(lang, 'intro')}</Typography.Paragraph>
      <Select
        value={status ?? ''}
        onChange={(v: string) => setParams(v ? { status: v } : {})}
        options={[{ value: '', label: ptext(lang, 'all') }, ...TRANSFER_STATUSES.map((s) => ({ value: s, label: label(STATUS_LABELS, lang, s) }))]}
        style={{ width: '100%', maxWidth: 240, marginBottom: 12 }}
        aria-label={ptext(lang, 'status')}
        data-testid="partner-status-filter"
      />
      {q.error ? <Alert type="error" showIcon title={ptext(lang, 'loadFailed')} action={<Button size="small" onClick={q.reload}>{ptext(lang, 'reload')}</Button>} /> : null}
      {q.loading && !q.data ? <Spin /> : null}
      {q.data && q.data.items.length === 0 ? <Empty description={ptext(lang, 'empty')} /> : null}
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {q.data?.items.map((t) => <TransferCard key={t.id} t={t} />)}
      </Space>
    </div>
  );
}
