import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import type { CasePanelProps } from '../casePanel';
import { caseFilesApi, EVIDENCE_LIMITS, formatSize, type Evidence, type EvidenceKind } from './caseFiles.api';
import { EVIDENCE_KIND_LABELS, label, text } from './caseFiles.text';

const TYPE_NAMES: Record<EvidenceKind, string> = { photo: 'JPEG、PNG、WebP', video: 'MP4', document: 'PDF、JPEG、PNG、WebP', followup: 'PDF、JPEG、PNG、WebP' };

interface Values {
  kind: EvidenceKind;
  description: string;
}

function UploadForm({ caseId, kinds, onDone }: { caseId: number; kinds: EvidenceKind[]; onDone: () => void }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? kinds[0] ?? 'document';
  const limit = EVIDENCE_LIMITS[kind];

  const pick = (f: File) => {
    setFile(f);
    setFileError(f.size > limit.maxMb * 1024 * 1024 ? text(lang, 'evidenceTooBig', { mb: limit.maxMb }) : null);
  };

  const submit = (values: Values) => {
    if (!file) return setFileError(text(lang, 'evidenceFileRequired'));
    if (file.size > limit.maxMb * 1024 * 1024) return setFileError(text(lang, 'evidenceTooBig', { mb: limit.maxMb }));
    setSaving(true);
    clearError();
    caseFilesApi
      .uploadEvidence(caseId, { kind: values.kind, description: values.description ?? '', file })
      .then(() => {
        void message.success(text(lang, 'evidenceSaved'));
        form.resetFields();
        setFile(null);
        onDone();
      })
      .catch((err: unknown) => {
        const onFile = ((err as { fields?: { path: string; message: string }[] }).fields ?? []).find((f) => f.path === 'file');
        if (onFile) setFileError(onFile.message);
        handleError(err);
      })
      .finally(() => setSaving(false));
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: kinds[0], description: '' }} data-testid="evidence-form">
      <FormErrorAlert error={formError} />
      <Form.Item name="kind" label={text(lang, 'evidenceKind')} rules={[{ required: true }]}>
        <Select
          options={kinds.map((k) => ({ value: k, label: label(EVIDENCE_KIND_LABELS, lang, k) }))}
          onChange={() => file && setFileError(null)}
          aria-label={text(lang, 'evidenceKind')}
          data-testid="evidence-kind"
        />
      </Form.Item>
      <Form.Item name="description" label={text(lang, 'evidenceDescription')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={text(lang, 'evidenceDescriptionPlaceholder')} data-testid="evidence-description" />
      </Form.Item>
      <Form.Item label={text(lang, 'evidenceFile')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? text(lang, 'evidenceHelp', { types: TYPE_NAMES[kind], mb: limit.maxMb })}>
        <Upload
          accept={limit.accept}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            pick(f);
            return false;
          }}
          data-testid="evidence-file"
        >
          <Button icon={<PaperClipOutlined aria-hidden />} block data-testid="evidence-pick">
            {file ? text(lang, 'evidenceChange') : text(lang, 'evidencePick')}
          </Button>
        </Upload>
        {file ? (
          <Typography.Text style={{ display: 'block', marginTop: 8 }} ellipsis data-testid="evidence-picked">
            {file.name} · {formatSize(file.size)}
          </Typography.Text>
        ) : null}
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<UploadOutlined aria-hidden />} loading={saving} block data-testid="evidence-submit">
        {text(lang, 'evidenceAdd')}
      </Button>
    </Form>
  );
}

function EvidenceItem({ caseId, item }: { caseId: number; item: Evidence }) {
  const { lang, dateTime } = useI18n();
  const { showError } = useFeedback();
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    caseFilesApi
      .downloadEvidence(caseId, item)
      .catch(showError)
      .finally(() => setBusy(false));
  };
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', flexWrap: 'wrap' }} data-testid="evidence-item">
      <div style={{ flex: '1 1 220px', minWidth: 0 }}>
        <Space size={6} wrap>
          <Tag color="blue">{label(EVIDENCE_KIND_LABELS, lang, item.kind)}</Tag>
          <Typography.Text strong style={{ wordBreak: 'break-all' }}>
            {item.fileName}
          </Typography.Text>
          <Typography.Text type="secondary">{formatSize(item.size)}</Typography.Text>
        </Space>
        {item.description ? <div style={{ marginTop: 4 }}>{item.description}</div> : null}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {text(lang, 'evidenceBy', { name: item.uploadedBy?.name ?? '—', time: dateTime(item.uploadedAt) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }} title={text(lang, 'evidenceChecksum')}>
          SHA-256 {item.sha256}
        </Typography.Text>
      </div>
      <Button icon={<DownloadOutlined aria-hidden />} onClick={download} loading={busy} aria-label={`${text(lang, 'evidenceDownload')} ${item.fileName}`} data-testid="evidence-download">
        {text(lang, 'evidenceDownload')}
      </Button>
    </div>
  );
}

/** A file (A卷) evidence: photos, video, documents and follow-up material, each download audited. */
export function CaseEvidencePanel({ caseId }: CasePanelProps) {
  const { lang } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = useQuery((signal) => caseFilesApi.evidence(caseId, signal), [caseId]);
  const kinds = list.data?.abilities.uploadKinds ?? [];

  return (
    <Card
      title={text(lang, 'evidenceTitle')}
      size="small"
      extra={
        kinds.length > 0 ? (
          <Button type={adding ? 'default' : 'primary'} size="small" icon={<UploadOutlined aria-hidden />} onClick={() => setAdding((v) => !v)} aria-expanded={adding} data-testid="evidence-add">
            {adding ? text(lang, 'cancel') : text(lang, 'evidenceAdd')}
          </Button>
        ) : null
      }
      data-testid="case-evidence-panel"
    >
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={text(lang, 'loadFailed')}
          action={
            <Button size="small" onClick={list.reload}>
              {text(lang, 'reload')}
            </Button>
          }
        />
      ) : null}
      {adding && kinds.length > 0 ? (
        <div style={{ marginBottom: 16 }}>
          <UploadForm
            caseId={caseId}
            kinds={kinds}
            onDone={() => {
              setAdding(false);
              list.reload();
            }}
          />
        </div>
      ) : null}
      {list.data && list.data.items.length === 0 ? <Empty description={text(lang, 'evidenceEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      {list.data?.items.map((item) => <EvidenceItem key={item.id} caseId={caseId} item={item} />)}
      {list.data && list.data.items.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
          {text(lang, 'evidenceDownloadNote')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
