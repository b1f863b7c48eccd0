import { JURISDICTION_KIND_LABELS, ROLE_JURISDICTION_KINDS, ROLE_LABELS, ROLES, type Role } from '@fengqiao/shared';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Department } from '../../departments/departments.api';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { usersApi, type User } from '../users.api';

interface Values {
  username: string;
  displayName: string;
  role?: Role;
  jurisdictionId?: number;
  departmentId?: number;
  phone?: string;
  password: string;
}

interface Props {
  target: User | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  departments: readonly Department[];
  onClose: () => void;
  onSaved: () => void;
}

export function UserFormModal({ target, jurisdictions, departments, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [target, clearError]);

  const editing = target !== null && target !== 'new' ? target : null;
  const role = Form.useWatch('role', form) ?? editing?.role;
  const allowedKinds = role ? ROLE_JURISDICTION_KINDS[role] : undefined;
  const kindById = useMemo(() => new Map(jurisdictions.map((j) => [j.id, j.kind])), [jurisdictions]);

  const initial: Partial<Values> = editing
    ? {
        displayName: editing.displayName,
        role: editing.role,
        jurisdictionId: editing.jurisdictionId,
        ...(editing.departmentId ? { departmentId: editing.departmentId } : {}),
        phone: editing.phone ?? '',
      }
    : {};

  // A new role may not sit where the old one did: clear the place rather than send a bad pair.
  const onValuesChange = (changed: Partial<Values>) => {
    if (!changed.role) return;
    const current = form.getFieldValue('jurisdictionId') as number | undefined;
    const kind = current ? kindById.get(current) : undefined;
    if (kind && !ROLE_JURISDICTION_KINDS[changed.role].includes(kind)) form.setFieldValue('jurisdictionId', undefined);
    if (changed.role !== 'partner') form.setFieldValue('departmentId', undefined);
  };

  const submit = (values: Values) => {
    if (!values.role) return;
    const phone = values.phone?.trim() ? values.phone.trim() : null;
    const departmentId = values.role === 'partner' ? (values.departmentId ?? null) : null;
    const jurisdictionId = values.jurisdictionId ?? 0;
    setSaving(true);
    clearError();
    const request = editing
      ? usersApi.update(editing.id, {
          displayName: values.displayName.trim(),
          role: values.role,
          jurisdictionId,
          departmentId,
          phone,
        })
      : usersApi.create({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          jurisdictionId,
          ...(departmentId ? { departmentId } : {}),
          ...(phone ? { phone } : {}),
          password: values.password,
        });
    request
      .then(() => onSaved())
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('field.required', { label }) });
  const kindHint = allowedKinds
    ? t('users.jurisdictionKindHint', { kinds: allowedKinds.map((k) => JURISDICTION_KIND_LABELS[k][lang]).join('、') })
    : undefined;

  return (
    <Modal
      open={target !== null}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        preserve={false}
        initialValues={initial}
        name="user"
      >
        {!editing && (
          <Form.Item label={t('users.username')} name="username" rules={[required(t('users.username')), { max: 50 }]}>
            <Input autoComplete="off" autoCapitalize="none" />
          </Form.Item>
        )}
        <Form.Item label={t('users.displayName')} name="displayName" rules={[required(t('users.displayName')), { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('field.required', { label: t('users.role') }) }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
        </Form.Item>
        <Form.Item
          label={t('users.jurisdiction')}
          name="jurisdictionId"
          extra={kindHint}
          rules={[{ required: true, message: t('field.required', { label: t('users.jurisdiction') }) }]}
        >
          <JurisdictionSelect items={jurisdictions} allowedKinds={allowedKinds} />
        </Form.Item>
        {role === 'partner' && (
          <Form.Item label={t('users.department')} name="departmentId" rules={[{ required: true, message: t('users.departmentRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.jurisdictionName}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('users.phone')} name="phone" rules={[{ max: 30 }]}>
          <Input type="tel" inputMode="tel" />
        </Form.Item>
        {!editing && (
          <Form.Item
            label={t('users.password')}
            name="password"
            extra={t('users.passwordHelp')}
            rules={[required(t('users.password')), { min: 10, message: t('account.passwordMin') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
