import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { importsApi, type ImportRow, type ImportSummary } from '../imports.api';
import { text } from '../imports.text';

interface Props {
  summary: ImportSummary;
  row: ImportRow | null;
  onClose: () => void;
  onFixed: (row: ImportRow) => void;
}

/** Edits the cells of one row in place; the server checks the row again and answers with what is still wrong. */
export function FixRowModal({ summary, row, onClose, onFixed }: Props) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<Record<string, string>>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (row) {
      form.setFieldsValue(row.data);
      setProblem(null);
    }
  }, [row, form]);

  if (!row) return null;
  const wrong = new Map(row.errors.map((e) => [e.column, e.message]));

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const fixed = await importsApi.fixRow(summary.import.id, row.row, form.getFieldsValue());
      onFixed(fixed);
      if (fixed.errors.length) setProblem(`${text(lang, 'stillErrors')} ${fixed.errors.map((e) => `${e.header}：${e.message}`).join('；')}`);
      else onClose();
    } catch (err) {
      setProblem(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={text(lang, 'fixTitle', { row: row.row })}
      okText={text(lang, 'fixSave')}
      cancelText={t('common.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'fix-save' }}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="fix-problem" />}
      <Form form={form} layout="vertical">
        {summary.columns.map((c) => (
          <Form.Item
            key={c.key}
            name={c.key}
            label={c.header}
            required={c.required}
            validateStatus={wrong.has(c.key) ? 'error' : undefined}
            help={wrong.get(c.key)}
          >
            <Input data-testid={`fix-${c.key}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
