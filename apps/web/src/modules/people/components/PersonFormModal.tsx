import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { ETHNICITIES } from '../ethnicities';
import { PERSON_CATEGORIES, peopleApi, type PersonCategory, type PersonDetail } from '../people.api';
import { categoryLabel } from '../people.labels';
import { AddressField } from './AddressField';
import { scrollToServerError } from './scrollToError';

interface Values {
  name: string;
  category?: PersonCategory;
  idNumber?: string;
  phone?: string;
  ethnicityCode?: string;
  householdPlace?: string;
  addressId?: number | null;
  jurisdictionId?: number;
  fromDate?: string;
  notes?: string;
}

interface Props {
  target: PersonDetail | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  onClose: () => void;
  onSaved: (person: PersonDetail) => void;
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Registers a person (登记) or edits one; an address change goes through the move dialog instead. */
export function PersonFormModal({ target, jurisdictions, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const [existing, setExisting] = useState<{ id: number; name: string } | null | 'hidden'>(null);
  useEffect(() => {
    clearError();
    setExisting(null);
  }, [target, clearError]);

  const editing = target !== null && target !== 'new' ? target : null;
  const addressId = Form.useWatch('addressId', form);
  const ethnicityOptions = useMemo(() => ETHNICITIES.map(([code, name]) => ({ value: code, label: name })), []);

  const initial: Partial<Values> = editing
    ? {
        name: editing.name,
        category: editing.category,
        phone: editing.phone ?? '',
        ...(editing.ethnicityCode ? { ethnicityCode: editing.ethnicityCode } : {}),
        householdPlace: editing.householdPlace ?? '',
        notes: editing.notes ?? '',
      }
    : { category: 'registered', ethnicityCode: '01' };

  // A duplicate number: find the existing record through the same exact-number search the list uses.
  const explainDuplicate = (idNumber: string) => {
    peopleApi
      .list({ q: idNumber, page: 1, pageSize: 1 })
      .then((r) => setExisting(r.items[0] ? { id: r.items[0].id, name: r.items[0].name } : 'hidden'))
      .catch(() => setExisting('hidden'));
  };

  const submit = (values: Values) => {
    if (!values.category) return;
    setSaving(true);
    clearError();
    setExisting(null);
    const common = {
      name: values.name.trim(),
      category: values.category,
      ethnicityCode: values.ethnicityCode ?? null,
      householdPlace: blank(values.householdPlace),
      notes: blank(values.notes),
    };
    const idNumber = blank(values.idNumber);
    // Phones come back masked to roles that may not see them whole: leave an unchanged one alone.
    const phone = editing && values.phone === (editing.phone ?? '') ? undefined : blank(values.phone);
    const request = editing
      ? peopleApi.update(editing.id, { ...common, ...(phone !== undefined ? { phone } : {}), ...(idNumber ? { idNumber } : {}) })
      : peopleApi.create({
          ...common,
          phone: phone ?? null,
          idNumber,
          addressId: values.addressId ?? null,
          ...(values.addressId ? {} : { jurisdictionId: values.jurisdictionId }),
          ...(values.fromDate ? { fromDate: values.fromDate } : {}),
        });
    request
      .then(onSaved)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'people.duplicate_identity' && idNumber) {
          // Said at the number itself, where the eye is, with a way to the record already there.
          form.setFields([{ name: 'idNumber', errors: [err.message] }]);
          form.scrollToField('idNumber');
          explainDuplicate(idNumber);
          return;
        }
        handleError(err);
        scrollToServerError(form, err);
      })
      .finally(() => setSaving(false));
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('field.required', { label }) });

  return (
    <Modal
      open={target !== null}
      title={editing ? t('people.editTitle', { name: editing.name }) : t('people.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <FormErrorAlert error={formError} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={(changed: Partial<Values>) => changed.idNumber !== undefined && setExisting(null)} preserve={false} initialValues={initial} name="person">
        <Form.Item label={t('people.name')} name="name" rules={[required(t('people.name')), { max: 50 }]}>
          <Input autoComplete="off" data-testid="person-name" />
        </Form.Item>
        <Form.Item label={t('people.categoryLabel')} name="category" rules={[{ required: true, message: t('field.required', { label: t('people.categoryLabel') }) }]}>
          <Select options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))} data-testid="person-category" />
        </Form.Item>
        <Form.Item
          label={t('people.idNumber')}
          name="idNumber"
          extra={
            existing && existing !== 'hidden' ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                title={t('people.duplicateFound', { name: existing.name })}
                action={
                  <Link to={`/people/${existing.id}`} onClick={onClose} data-testid="person-open-existing">
                    <Button size="small">{t('people.openExisting')}</Button>
                  </Link>
                }
              />
            ) : editing?.idNumberMasked ? (
              t('people.idNumberEditHelp', { masked: editing.idNumberMasked })
            ) : (
              t('people.idNumberHelp')
            )
          }
          rules={[{ pattern: /^\s*(\d{15}|\d{17}[\dXx])\s*$/, message: t('people.idNumberFormat') }]}
        >
          <Input autoComplete="off" inputMode="text" maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="person-id-input" />
        </Form.Item>
        <Form.Item label={t('people.phone')} name="phone" rules={[{ max: 20 }]}>
          <Input type="tel" inputMode="tel" autoComplete="off" />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item label={t('people.address')} name="addressId" extra={t('people.addressHelp')}>
              <AddressField allowClear data-testid="person-address" />
            </Form.Item>
            {addressId ? (
              <Form.Item label={t('people.fromDate')} name="fromDate">
                <Input type="date" />
              </Form.Item>
            ) : (
              <Form.Item label={t('people.jurisdiction')} name="jurisdictionId" rules={[{ required: true, message: t('people.addressOrJurisdiction') }]}>
                <JurisdictionSelect items={jurisdictions} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item label={t('people.ethnicity')} name="ethnicityCode">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={ethnicityOptions} />
        </Form.Item>
        <Form.Item label={t('people.householdPlace')} name="householdPlace" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('people.notes')} name="notes" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
