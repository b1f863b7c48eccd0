import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { casesApi, type CaseDetail, type CaseParty, type CasePartyInput } from '../cases.api';
import { caseText, SIDE_LABELS } from '../cases.text';
import { CasePartyFields } from './CasePartyFields';

/** A file: the parties and their claims (诉求), editable by the police of the case. */
export function CaseParties({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = (key: Parameters<typeof caseText>[1]) => caseText(lang, key);
  const { message, showError } = useFeedback();
  const [editing, setEditing] = useState<CaseParty | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CasePartyInput>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const manage = detail.abilities.manage;

  const open = (p: CaseParty | 'new') => {
    clearError();
    form.resetFields();
    if (p !== 'new') form.setFieldsValue({ side: p.side, name: p.name, phone: p.phone ?? '', claims: p.claims });
    else form.setFieldsValue({ side: 'applicant' });
    setEditing(p);
  };
  const submit = async (v: CasePartyInput) => {
    setSaving(true);
    try {
      const body = { side: v.side, name: v.name, phone: v.phone || null, claims: v.claims ?? '', ...(v.idNumber ? { idNumber: v.idNumber } : {}) };
      if (editing === 'new') await casesApi.addParty(detail.id, body);
      else if (editing) await casesApi.updateParty(detail.id, editing.id, body);
      void message.success(tx('saved'));
      setEditing(null);
      onChanged();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  const remove = (p: CaseParty) => {
    casesApi
      .removeParty(detail.id, p.id)
      .then(onChanged)
      .catch(showError);
  };

  return (
    <Card
      size="small"
      title={tx('parties')}
      data-testid="case-parties"
      extra={
        manage && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')} data-testid="case-party-add">
            {tx('addParty')}
          </Button>
        )
      }
    >
      <List
        size="small"
        dataSource={detail.parties}
        locale={{ emptyText: tx('noParties') }}
        renderItem={(p) => (
          <List.Item
            actions={
              manage
                ? [
                    <Button key="edit" type="text" size="small" icon={<EditOutlined aria-hidden />} onClick={() => open(p)} aria-label={`${tx('editParty')} ${p.name}`} />,
                    <Popconfirm key="remove" title={tx('removePartyConfirm')} onConfirm={() => remove(p)} okText={tx('removeParty')} cancelText={tx('cancel')}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${tx('removeParty')} ${p.name}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Tag color={p.side === 'applicant' ? 'blue' : p.side === 'respondent' ? 'orange' : 'default'}>{SIDE_LABELS[p.side][lang]}</Tag>
                {p.phone && <a href={`tel:${p.phone}`}>{p.phone}</a>}
                {p.idNumberMasked && <Typography.Text type="secondary">{p.idNumberMasked}</Typography.Text>}
                {p.personId && detail.abilities.bfile && <Link to={`/people/${p.personId}`}>{tx('personLink')}</Link>}
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{tx('claims')}：</Typography.Text>
                {p.claims || tx('none')}
              </div>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? tx('addParty') : tx('editParty')}
        okText={tx('save')}
        cancelText={tx('cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <FormErrorAlert error={formError} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="case-party-form">
          <CasePartyFields prefix={[]} />
        </Form>
      </Modal>
    </Card>
  );
}
