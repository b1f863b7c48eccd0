import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Result, Segmented, Space, Statistic, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { FixRowModal } from '../components/FixRowModal';
import { importsApi, type CommitResult, type ImportError, type ImportKind, type ImportRow, type ImportSummary } from '../imports.api';
import { KIND_LABELS, text } from '../imports.text';

export default function ImportsPage() {
  const { lang } = useI18n();
  const { showError } = useFeedback();
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('rentals');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fixing, setFixing] = useState<ImportRow | null>(null);
  const [done, setDone] = useState<CommitResult | 'discarded' | null>(null);

  const reset = () => {
    setSummary(null);
    setDone(null);
    setUploadError(null);
  };

  const upload = async (file: File) => {
    setBusy(true);
    setUploadError(null);
    try {
      setSummary(await importsApi.preview(kind, file));
    } catch (err) {
      // A refused file says why in its field messages (missing columns, unreadable, empty).
      const details = err instanceof ApiError && err.fields.length ? err.fields.map((f) => f.message).join('；') : null;
      setUploadError(details ?? errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const refresh = async (id: number) => setSummary(await importsApi.summary(id));

  const openFix = async (rowNumber: number) => {
    if (!summary) return;
    try {
      const { items } = await importsApi.rows(summary.import.id, true);
      const row = items.find((r) => r.row === rowNumber);
      if (row) setFixing(row);
    } catch (err) {
      showError(err);
    }
  };

  const commit = async () => {
    if (!summary) return;
    setBusy(true);
    try {
      setDone(await importsApi.commit(summary.import.id));
    } catch (err) {
      showError(err);
      await refresh(summary.import.id);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!summary) return;
    await importsApi.discard(summary.import.id);
    setDone('discarded');
  };

  const columns: TableColumnsType<ImportError> = [
    { title: text(lang, 'row'), dataIndex: 'row', width: 70 },
    { title: text(lang, 'column'), dataIndex: 'header', width: 140 },
    { title: text(lang, 'problem'), dataIndex: 'message' },
    {
      title: '',
      width: 80,
      render: (_: unknown, e) => (
        <Button size="small" onClick={() => void openFix(e.row)} data-testid={`fix-row-${e.row}`}>
          {text(lang, 'fix')}
        </Button>
      ),
    },
  ];

  if (done) {
    return (
      <Result
        status={done === 'discarded' ? 'info' : 'success'}
        title={done === 'discarded' ? text(lang, 'discarded') : text(lang, 'committed', { rows: done.rows, created: done.created, updated: done.updated })}
        extra={
          <Button type="primary" onClick={reset} data-testid="import-again">
            {text(lang, 'another')}
          </Button>
        }
        data-testid="import-done"
      />
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {text(lang, 'title')}
        </Typography.Title>
        <Typography.Text type="secondary">{text(lang, 'intro')}</Typography.Text>
      </div>
      {!summary && (
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              <span id="import-kind-label">{text(lang, 'kind')}</span>
              <Segmented<ImportKind>
                aria-labelledby="import-kind-label"
                value={kind}
                onChange={setKind}
                options={(Object.keys(KIND_LABELS) as ImportKind[]).map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
                data-testid="import-kind"
              />
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void importsApi.template(kind, `${KIND_LABELS[kind].zh}模板.xlsx`).catch(showError)} data-testid="import-template">
                {text(lang, 'template')}
              </Button>
            </Space>
            {uploadError && <Alert type="error" showIcon title={uploadError} data-testid="import-upload-error" />}
            <Upload.Dragger
              accept=".xlsx,.csv"
              showUploadList={false}
              disabled={busy}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{text(lang, 'choose')}</p>
              <p className="ant-upload-hint">{text(lang, 'dropHint')}</p>
            </Upload.Dragger>
          </Space>
        </Card>
      )}
      {summary && (
        <Card title={`${KIND_LABELS[summary.import.kind][lang]} · ${summary.import.fileName}`}>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title={text(lang, 'rows')} value={summary.import.totalRows} />
            <div data-testid="import-error-rows" data-count={summary.import.errorRows}>
              <Statistic title={text(lang, 'errorRows')} value={summary.import.errorRows} valueStyle={{ color: summary.import.errorRows ? '#cf1322' : '#389e0d' }} />
            </div>
          </Space>
          {summary.import.errorRows === 0 ? (
            <Alert type="success" showIcon title={text(lang, 'ready')} style={{ marginBottom: 16 }} data-testid="import-ready" />
          ) : (
            <Table<ImportError>
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.rule}`}
              columns={columns}
              dataSource={summary.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              title={() => text(lang, 'errorsTitle')}
              scroll={{ x: 480 }}
              data-testid="import-errors"
            />
          )}
          <Space style={{ marginTop: 16 }} wrap>
            <Button type="primary" disabled={summary.import.errorRows > 0} loading={busy} onClick={() => void commit()} data-testid="import-commit">
              {text(lang, 'commit')}
            </Button>
            <Popconfirm title={text(lang, 'discard')} onConfirm={() => void discard()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button data-testid="import-discard">{text(lang, 'discard')}</Button>
            </Popconfirm>
          </Space>
        </Card>
      )}
      {summary && (
        <FixRowModal
          summary={summary}
          row={fixing}
          onClose={() => setFixing(null)}
          onFixed={(row) => {
            setFixing(row.errors.length ? row : null);
            void refresh(summary.import.id).catch(showError);
          }}
        />
      )}
    </Space>
  );
}
