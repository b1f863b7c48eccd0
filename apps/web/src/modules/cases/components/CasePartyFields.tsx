import { Form, Input, Select } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { PARTY_SIDES } from '../cases.api';
import { caseText, SIDE_LABELS } from '../cases.text';

/** The fields of one party; `prefix` is the form path of the party (['parties', 0] in a list, [] alone). */
export function CasePartyFields({ prefix, idOptional = true }: { prefix: (string | number)[]; idOptional?: boolean }) {
  const { lang } = useI18n();
  const tx = (key: Parameters<typeof caseText>[1]) => caseText(lang, key);
  return (
    <>
      <Form.Item name={[...prefix, 'side']} label={tx('side')} rules={[{ required: true, message: caseText(lang, 'required', { field: tx('side') }) }]}>
        <Select options={PARTY_SIDES.map((s) => ({ value: s, label: SIDE_LABELS[s][lang] }))} aria-label={tx('side')} />
      </Form.Item>
      <Form.Item name={[...prefix, 'name']} label={tx('name')} rules={[{ required: true, message: caseText(lang, 'required', { field: tx('name') }) }]}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...prefix, 'phone']} label={tx('phone')}>
        <Input maxLength={30} inputMode="tel" autoComplete="off" />
      </Form.Item>
      {idOptional && (
        <Form.Item name={[...prefix, 'idNumber']} label={tx('idNumber')}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name={[...prefix, 'claims']} label={tx('claims')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
    </>
  );
}
