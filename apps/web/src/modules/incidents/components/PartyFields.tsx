import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { PARTY_ROLES } from '../incidents.api';
import { partiesText, ROLE_LABELS, type PartiesTextKey } from '../incidents.parties.text';

/**
 * The fields of one party, for the intake form's party rows (`prefix` = the Form.List row) and the
 * add-party dialog (no prefix). Server errors such as `parties.1.idNumber` land on these fields.
 */
export function PartyFields({ prefix = [], testId = 'party' }: { prefix?: (string | number)[]; testId?: string }) {
  const { lang } = useI18n();
  const tx = (key: PartiesTextKey, params?: Record<string, string | number>) => partiesText(lang, key, params);
  const name = (field: string): (string | number)[] => [...prefix, field];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item name={name('role')} label={tx('role')} rules={[{ required: true, message: tx('required', { field: tx('role') }) }]}>
          <Select options={PARTY_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} data-testid={`${testId}-role`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={name('name')} label={tx('name')} rules={[{ required: true, whitespace: true, message: tx('required', { field: tx('name') }) }, { max: 50 }]}>
          <Input maxLength={50} data-testid={`${testId}-name`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={name('phone')} label={tx('phone')} rules={[{ max: 30 }]}>
          <Input type="tel" maxLength={30} data-testid={`${testId}-phone`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item name={name('idNumber')} label={tx('idNumber')} extra={tx('idNumberHint')} rules={[{ max: 30 }]}>
          <Input maxLength={30} autoComplete="off" data-testid={`${testId}-idNumber`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={name('injured')} valuePropName="checked" label=" ">
          <Checkbox data-testid={`${testId}-injured`}>{tx('injured')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}

export interface PartyFormValues {
  role: (typeof PARTY_ROLES)[number];
  name: string;
  phone?: string;
  idNumber?: string;
  injured?: boolean;
}

const blank = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** Form values to the API's party input. */
export function toPartyInput(v: PartyFormValues) {
  return { role: v.role, name: v.name.trim(), phone: blank(v.phone), idNumber: blank(v.idNumber), injured: v.injured ?? false };
}
