import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { peopleApi, type PersonDetail, type ResidenceKind } from '../people.api';
import { residenceKindLabel } from '../people.labels';
import { AddressField } from './AddressField';

interface Values {
  addressId?: number | null;
  fromDate?: string;
  kind: ResidenceKind;
}

interface Props {
  person: PersonDetail | null;
  onClose: () => void;
  onSaved: (person: PersonDetail) => void;
}

/** 迁移住址: the current residence ends on the date given and the new one begins. */
export function MovePersonModal({ person, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => clearError(), [person, clearError]);

  const submit = (values: Values) => {
    if (!person || !values.addressId) return;
    setSaving(true);
    clearError();
    peopleApi
      .move(person.id, { addressId: values.addressId, kind: values.kind, ...(values.fromDate ? { fromDate: values.fromDate } : {}) })
      .then(onSaved)
      .catch(handleError)
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={person !== null}
      title={person ? t('people.moveTitle', { name: person.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ kind: 'residence' }} name="move-person">
        <Form.Item label={t('people.addressKindLabel')} name="kind">
          <Select options={(['residence', 'household', 'work'] as const).map((k) => ({ value: k, label: t(residenceKindLabel(k)) }))} />
        </Form.Item>
        <Form.Item label={t('people.newAddress')} name="addressId" rules={[{ required: true, message: t('field.required', { label: t('people.newAddress') }) }]}>
          <AddressField data-testid="move-address" />
        </Form.Item>
        <Form.Item label={t('people.fromDate')} name="fromDate" extra={t('people.fromDateHelp')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
