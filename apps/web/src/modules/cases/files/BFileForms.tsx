import { Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { PersonSearchSelect } from '../../people/components/PersonSearchSelect';
import { beijingToday, caseFilesApi, EDUCATION_TOPICS, RELATION_KINDS, type EducationTopic, type RelationKind } from './caseFiles.api';
import { label, RELATION_LABELS, text, TOPIC_LABELS } from './caseFiles.text';

interface ModalProps {
  caseId: number;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Registers a party as a person record (实有人口) and links it; the server validates the number (GB 11643). */
export function RegisterPersonModal({ caseId, partyId, hasIdNumber, open, onClose, onDone }: ModalProps & { partyId: number; hasIdNumber: boolean }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ idNumber?: string; category: string; householdPlace?: string }>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = (v: { idNumber?: string; category: string; householdPlace?: string }) => {
    setSaving(true);
    clearError();
    caseFilesApi
      .registerPerson(caseId, partyId, { idNumber: v.idNumber?.trim() || null, category: v.category, householdPlace: v.householdPlace?.trim() || null })
      .then(() => {
        void message.success(text(lang, 'registered'));
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  return (
    <Modal open={open} title={text(lang, 'registerPersonTitle')} onCancel={onClose} onOk={() => form.submit()} okText={text(lang, 'save')} cancelText={text(lang, 'cancel')} confirmLoading={saving} destroyOnHidden forceRender okButtonProps={{ 'data-testid': 'bfile-register-submit' }}>
      <Typography.Paragraph type="secondary">{text(lang, 'registerPersonHelp')}</Typography.Paragraph>
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'registered' }}>
        <Form.Item name="idNumber" label={text(lang, 'idNumberOptional')} rules={hasIdNumber ? [] : [{ required: true, message: text(lang, 'required', { field: text(lang, 'idNumber') }) }]}>
          <Input maxLength={18} autoComplete="off" inputMode="text" style={{ fontFamily: 'monospace' }} data-testid="bfile-register-idNumber" />
        </Form.Item>
        <Form.Item name="category" label={text(lang, 'category')}>
          <Select
            options={(['registered', 'floating', 'tenant'] as const).map((c) => ({ value: c, label: text(lang, `category_${c}`) }))}
            aria-label={text(lang, 'category')}
          />
        </Form.Item>
        <Form.Item name="householdPlace" label={text(lang, 'householdPlace')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RelationValues {
  relation: RelationKind;
  relatedPersonId?: number | null;
  name?: string;
  sameHousehold: boolean;
  phone?: string;
  note?: string;
}

/** A family member or social relation of a party's person, optionally linked to a person record in scope. */
export function RelationModal({ caseId, personId, open, onClose, onDone }: ModalProps & { personId: number }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<RelationValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = (v: RelationValues) => {
    setSaving(true);
    clearError();
    caseFilesApi
      .addRelation(caseId, { personId, relation: v.relation, relatedPersonId: v.relatedPersonId ?? null, name: v.name?.trim() || null, sameHousehold: !!v.sameHousehold, phone: v.phone?.trim() || null, note: v.note?.trim() || null })
      .then(() => {
        void message.success(text(lang, 'relationSaved'));
        form.resetFields();
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  return (
    <Modal open={open} title={text(lang, 'relationAdd')} onCancel={onClose} onOk={() => form.submit()} okText={text(lang, 'save')} cancelText={text(lang, 'cancel')} confirmLoading={saving} destroyOnHidden forceRender okButtonProps={{ 'data-testid': 'bfile-relation-submit' }}>
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ relation: 'spouse', sameHousehold: false }}>
        <Form.Item name="relation" label={text(lang, 'relationKind')} rules={[{ required: true }]}>
          <Select options={RELATION_KINDS.map((r) => ({ value: r, label: label(RELATION_LABELS, lang, r) }))} aria-label={text(lang, 'relationKind')} data-testid="bfile-relation-kind" />
        </Form.Item>
        <Form.Item name="relatedPersonId" label={text(lang, 'relationPerson')}>
          <PersonSearchSelect />
        </Form.Item>
        <Form.Item
          name="name"
          label={text(lang, 'relationName')}
          dependencies={['relatedPersonId']}
          rules={[
            { max: 50 },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => (value?.trim() || getFieldValue('relatedPersonId') ? Promise.resolve() : Promise.reject(new Error(text(lang, 'relationNameOrPerson')))),
            }),
          ]}
        >
          <Input maxLength={50} data-testid="bfile-relation-name" />
        </Form.Item>
        <Form.Item name="sameHousehold" valuePropName="checked">
          <Checkbox data-testid="bfile-relation-household">{text(lang, 'relationSameHousehold')}</Checkbox>
        </Form.Item>
        <Form.Item name="phone" label={text(lang, 'relationPhone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: text(lang, 'relationPhone') }]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="note" label={text(lang, 'relationNote')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EducationValues {
  topic: EducationTopic;
  deliveredOn: string;
  note?: string;
}

/** Prevention education (反诈, 禁毒, 三轮车电动车非法载人, 一盔一带) delivered by the signed-in officer. */
export function EducationModal({ caseId, personId, open, onClose, onDone }: ModalProps & { personId: number }) {
  const { lang } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<EducationValues>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const today = beijingToday();
  const submit = (v: EducationValues) => {
    setSaving(true);
    clearError();
    caseFilesApi
      .addEducation(caseId, { personId, topic: v.topic, deliveredOn: v.deliveredOn, note: v.note?.trim() || null })
      .then(() => {
        void message.success(text(lang, 'educationSaved'));
        form.resetFields();
        onDone();
      })
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  return (
    <Modal open={open} title={text(lang, 'educationAdd')} onCancel={onClose} onOk={() => form.submit()} okText={text(lang, 'save')} cancelText={text(lang, 'cancel')} confirmLoading={saving} destroyOnHidden forceRender okButtonProps={{ 'data-testid': 'bfile-education-submit' }}>
      <FormErrorAlert error={formError} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ topic: 'anti_fraud', deliveredOn: today }}>
        <Form.Item name="topic" label={text(lang, 'educationTopic')} rules={[{ required: true }]}>
          <Select options={EDUCATION_TOPICS.map((k) => ({ value: k, label: label(TOPIC_LABELS, lang, k) }))} aria-label={text(lang, 'educationTopic')} data-testid="bfile-education-topic" />
        </Form.Item>
        <Form.Item name="deliveredOn" label={text(lang, 'educationDate')} rules={[{ required: true, message: text(lang, 'required', { field: text(lang, 'educationDate') }) }]}>
          <Input type="date" max={today} data-testid="bfile-education-date" />
        </Form.Item>
        <Form.Item name="note" label={text(lang, 'educationNote')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
