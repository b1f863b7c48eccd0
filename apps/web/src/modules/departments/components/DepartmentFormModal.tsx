import { ROLE_JURISDICTION_KINDS } from '@fengqiao/shared';
import { AutoComplete, Form, Input, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Jurisdiction } from '../../org/org.api';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { DEPARTMENT_KIND_SUGGESTIONS, departmentsApi, type Department, type DepartmentInput } from '../departments.api';

interface Values {
  name: string;
  kind: string;
  jurisdictionId: number;
  contactName?: string;
  phone?: string;
  address?: string;
}

interface Props {
  /** null: closed; 'new': create; a department: edit it. */
  target: Department | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  /** Kinds already in use, offered first. */
  knownKinds: readonly string[];
  onClose: () => void;
  onSaved: () => void;
}

const optional = (v: string | undefined): string | null => (v?.trim() ? v.trim() : null);

export function DepartmentFormModal({ target, jurisdictions, knownKinds, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [target, clearError]);

  const editing = target !== null && target !== 'new' ? target : null;
  const initial: Partial<Values> | undefined = editing
    ? {
        name: editing.name,
        kind: editing.kind,
        jurisdictionId: editing.jurisdictionId,
        contactName: editing.contactName ?? '',
        phone: editing.phone ?? '',
        address: editing.address ?? '',
      }
    : undefined;

  const kindOptions = useMemo(
    () => [...new Set([...knownKinds, ...DEPARTMENT_KIND_SUGGESTIONS])].map((k) => ({ value: k })),
    [knownKinds],
  );

  const submit = (values: Values) => {
    const input: DepartmentInput = {
      name: values.name.trim(),
      kind: values.kind,
      jurisdictionId: values.jurisdictionId,
      contactName: optional(values.contactName),
      phone: optional(values.phone),
      address: optional(values.address),
    };
    setSaving(true);
    clearError();
    (editing ? departmentsApi.update(editing.id, input) : departmentsApi.create(input))
      .then(() => onSaved())
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('field.required', { label }) });

  return (
    <Modal
      open={target !== null}
      title={editing ? t('dept.editTitle') : t('dept.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initial} name="department">
        <Form.Item label={t('dept.name')} name="name" rules={[required(t('dept.name')), { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('dept.kind')} name="kind" extra={t('dept.kindHelp')} rules={[required(t('dept.kind')), { max: 40 }]}>
          <AutoComplete
            options={kindOptions}
            showSearch={{
              filterOption: (input, option) => (option?.value ?? '').includes(input.trim()),
            }}
          />
        </Form.Item>
        <Form.Item label={t('dept.jurisdiction')} name="jurisdictionId" rules={[{ required: true, message: t('field.required', { label: t('dept.jurisdiction') }) }]}>
          <JurisdictionSelect items={jurisdictions} allowedKinds={ROLE_JURISDICTION_KINDS.partner} />
        </Form.Item>
        <Form.Item label={t('dept.contactName')} name="contactName" rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('dept.phone')} name="phone" rules={[{ max: 30 }]}>
          <Input type="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('dept.address')} name="address" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
