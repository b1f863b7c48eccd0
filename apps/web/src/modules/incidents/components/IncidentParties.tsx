import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { incidentPartiesApi, type Incident } from '../incidents.api';
import { partiesText, ROLE_COLORS, ROLE_LABELS, type PartiesTextKey } from '../incidents.parties.text';
import { PartyFields, toPartyInput, type PartyFormValues } from './PartyFields';

/** 当事人: who the incident concerns, linked to person records; police of the jurisdiction add and remove them. */
export function IncidentParties({ incident, onChange }: { incident: Incident; onChange: (next: Incident) => void }) {
  const { lang } = useI18n();
  const { may } = useSession();
  const { message, showError } = useFeedback();
  const tx = (key: PartiesTextKey, params?: Record<string, string | number>) => partiesText(lang, key, params);
  const canEdit = may('incidents.handle');
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<PartyFormValues>();
  const { formError, handleError, clearError } = useServerErrors(form);

  const add = (values: PartyFormValues) => {
    clearError();
    setSaving(true);
    incidentPartiesApi
      .add(incident.id, toPartyInput(values))
      .then((next) => {
        void message.success(tx('added'));
        setOpen(false);
        onChange(next);
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const remove = (partyId: number) =>
    incidentPartiesApi
      .remove(incident.id, partyId)
      .then((next) => {
        void message.success(tx('removed'));
        onChange(next);
      })
      .catch(showError);

  return (
    <Card
      size="small"
      title={`${tx('parties')}（${incident.parties.length}）`}
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="party-add">
            {tx('addParty')}
          </Button>
        )
      }
      data-testid="incident-parties"
    >
      <List
        size="small"
        dataSource={incident.parties}
        locale={{ emptyText: tx('noParties') }}
        renderItem={(p) => (
          <List.Item
            actions={
              canEdit
                ? [
                    <Popconfirm key="remove" title={tx('removeConfirm', { name: p.name })} onConfirm={() => remove(p.id)} okText={tx('removeParty')} cancelText={tx('cancel')}>
                      <Button size="small" type="link" danger>
                        {tx('removeParty')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap size={6}>
              <Tag color={ROLE_COLORS[p.role]}>{ROLE_LABELS[p.role][lang]}</Tag>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.phone && <a href={`tel:${p.phone}`}>{p.phone}</a>}
              {p.idNumberMasked && <Typography.Text code>{p.idNumberMasked}</Typography.Text>}
              {p.injured && <Tag color="red">{tx('injured')}</Tag>}
              {p.personId !== null && <Link to={`/people/${p.personId}`}>{`${tx('person')}：${p.personName ?? p.personId}`}</Link>}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={tx('addParty')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={tx('save')}
        cancelText={tx('cancel')}
        confirmLoading={saving}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'party-save' }}
      >
        <FormErrorAlert error={formError} />
        <Form<PartyFormValues> form={form} layout="vertical" onFinish={add} preserve={false} initialValues={{ role: 'party' }}>
          <PartyFields testId="party-dialog" />
        </Form>
      </Modal>
    </Card>
  );
}
