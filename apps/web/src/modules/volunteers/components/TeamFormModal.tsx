import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { unitsApi } from '../../units/units.api';
import { TEAM_KINDS, volunteersApi, type Team, type TeamKind } from '../volunteers.api';
import { TEAM_KIND_LABELS, vtext, type VolunteersTextKey } from '../volunteers.text';

interface Values {
  name: string;
  kind?: TeamKind;
  jurisdictionId?: number;
  unitId?: number;
  leaderName?: string;
  phone?: string;
  note?: string;
}

interface Props {
  target: Team | 'new' | null;
  jurisdictions: readonly Jurisdiction[];
  onClose: () => void;
  onSaved: () => void;
}

/** New or edited team; a security-guard team (警保联动) is linked to a unit of the jurisdiction. */
export function TeamFormModal({ target, jurisdictions, onClose, onSaved }: Props) {
  const { lang } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const [form] = Form.useForm<Values>();
  const { formError, handleError, clearError } = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const [units, setUnits] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => clearError(), [target, clearError]);
  const editing = target !== null && target !== 'new' ? target : null;
  const kind = Form.useWatch('kind', form) ?? editing?.kind;

  useEffect(() => {
    if (editing?.unitId && editing.unitName) setUnits([{ value: editing.unitId, label: editing.unitName }]);
  }, [editing]);
  const searchUnits = (q: string) => {
    if (q.trim().length < 1) return;
    unitsApi
      .list({ q: q.trim(), page: 1, pageSize: 20 })
      .then((r) => setUnits(r.items.map((u) => ({ value: u.id, label: u.name }))))
      .catch(() => setUnits([]));
  };

  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      kind: v.kind!,
      jurisdictionId: v.jurisdictionId ?? 0,
      unitId: v.kind === 'security_guard' ? (v.unitId ?? null) : null,
      leaderName: v.leaderName?.trim() || null,
      phone: v.phone?.trim() || null,
      note: v.note?.trim() || null,
    };
    setSaving(true);
    clearError();
    (editing ? volunteersApi.updateTeam(editing.id, body) : volunteersApi.createTeam(body))
      .then(() => onSaved())
      .catch(handleError)
      .finally(() => setSaving(false));
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: tx('required', { field }) });

  return (
    <Modal open={target !== null} title={editing ? tx('editTeam') : tx('addTeam')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <FormErrorAlert error={formError} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        name="team"
        initialValues={
          editing
            ? { name: editing.name, kind: editing.kind, jurisdictionId: editing.jurisdictionId, ...(editing.unitId ? { unitId: editing.unitId } : {}), leaderName: editing.leaderName ?? '', phone: editing.phone ?? '', note: editing.note ?? '' }
            : {}
        }
      >
        <Form.Item label={tx('name')} name="name" rules={[required(tx('name')), { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={tx('kind')} name="kind" rules={[{ required: true, message: tx('required', { field: tx('kind') }) }]}>
          <Select options={TEAM_KINDS.map((k) => ({ value: k, label: TEAM_KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item label={tx('area')} name="jurisdictionId" rules={[{ required: true, message: tx('required', { field: tx('area') }) }]}>
          <JurisdictionSelect items={jurisdictions} />
        </Form.Item>
        {kind === 'security_guard' && (
          <Form.Item label={tx('unit')} name="unitId" rules={[{ required: true, message: tx('required', { field: tx('unit') }) }]}>
            <Select showSearch={{ filterOption: false, onSearch: searchUnits }} options={units} data-testid="team-unit" />
          </Form.Item>
        )}
        <Form.Item label={tx('leader')} name="leaderName" rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={tx('phone')} name="phone" rules={[{ max: 20 }]}>
          <Input type="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item label={tx('note')} name="note" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
