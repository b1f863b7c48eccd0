import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { VOLUNTEER_ROLES, VOLUNTEER_STATUSES, volunteersApi, type Team, type Volunteer, type VolunteerRole, type VolunteerStatus } from '../volunteers.api';
import { ROLE_LABELS, STATUS_LABELS, vtext, type VolunteersTextKey } from '../volunteers.text';

interface Values {
  name: string;
  phone?: string;
  teamId?: number;
  role?: VolunteerRole;
  skills?: string[];
  jurisdictionId?: number;
  status?: VolunteerStatus;
  withAccount?: boolean;
  account?: { username?: string; password?: string };
}

interface Props {
  target: Volunteer | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  teams: readonly Team[];
  onClose: () => void;
  onSaved: () => void;
}

/** New or edited member; a new member may get a phone sign-in (role volunteer) at once. */
export function MemberFormModal({ target, jurisdictions, teams, onClose, onSaved }: Props) {
  const { lang } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [target, clearError]);
  const editing = target !== null && target !== 'new' ? target : null;
  const withAccount = Form.useWatch('withAccount', form);

  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      phone: v.phone?.trim() || null,
      teamId: v.teamId ?? null,
      role: v.role!,
      skills: v.skills ?? [],
      jurisdictionId: v.jurisdictionId ?? 0,
      ...(v.status ? { status: v.status } : {}),
      ...(!editing && v.withAccount ? { account: { username: (v.account?.username ?? '').trim(), password: v.account?.password ?? '' } } : {}),
    };
    setSaving(true);
    clearError();
    (editing ? volunteersApi.updateMember(editing.id, body) : volunteersApi.createMember(body))
      .then(() => onSaved())
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  const required = (field: string) => ({ required: true, message: tx('required', { field }) });

  return (
    <Modal open={target !== null} title={editing ? tx('editMember') : tx('addMember')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <FormErrorAlert error={formError} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        name="member"
        initialValues={
          editing
            ? { name: editing.name, phone: editing.phone ?? '', ...(editing.teamId ? { teamId: editing.teamId } : {}), role: editing.role, skills: editing.skills, jurisdictionId: editing.jurisdictionId, status: editing.status }
            : { role: 'info', status: 'active' }
        }
      >
        <Form.Item label={tx('personName')} name="name" rules={[{ ...required(tx('personName')), whitespace: true }, { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={tx('phone')} name="phone" rules={[{ max: 20 }]}>
          <Input type="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item label={tx('role')} name="role" rules={[required(tx('role'))]}>
          <Select options={VOLUNTEER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
        </Form.Item>
        <Form.Item label={tx('team')} name="teamId" rules={[{ required: false }]}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={teams.filter((tm) => !tm.archived).map((tm) => ({ value: tm.id, label: tm.name }))} />
        </Form.Item>
        <Form.Item label={tx('area')} name="jurisdictionId" rules={[required(tx('area'))]}>
          <JurisdictionSelect items={jurisdictions} />
        </Form.Item>
        <Form.Item label={tx('skills')} name="skills" extra={tx('skillsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={tx('status')} name="status">
          <Select options={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))} />
        </Form.Item>
        {!editing && (
          <Form.Item name="withAccount" valuePropName="checked">
            <Checkbox>{tx('createAccount')}</Checkbox>
          </Form.Item>
        )}
        {!editing && withAccount && (
          <>
            <Form.Item label={tx('username')} name={['account', 'username']} rules={[required(tx('username')), { max: 32 }]}>
              <Input autoComplete="off" autoCapitalize="none" />
            </Form.Item>
            <Form.Item label={tx('password')} name={['account', 'password']} rules={[required(tx('password')), { min: 10 }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
