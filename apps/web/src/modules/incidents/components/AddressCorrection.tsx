import { Alert, Button, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { AddressPicker, placesApi, type AddressMatch } from '../../places';
import { incidentPartiesApi, type Incident } from '../incidents.api';
import { partiesText, type PartiesTextKey } from '../incidents.parties.text';

/**
 * The officer's correction of the standard address the matcher chose: the match's candidates for
 * the address as reported, or any standard address found by search.
 */
export function AddressCorrection({ incident, onChange }: { incident: Incident; onChange: (next: Incident) => void }) {
  const { lang, t, dateTime } = useI18n();
  const { may } = useSession();
  const { message } = useFeedback();
  const tx = (key: PartiesTextKey, params?: Record<string, string | number>) => partiesText(lang, key, params);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<number | null>(null);
  const [match, setMatch] = useState<AddressMatch | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !incident.addressText) return;
    const c = new AbortController();
    placesApi
      .match(incident.addressText, c.signal)
      .then(setMatch)
      .catch(() => setMatch(null));
    return () => c.abort();
  }, [open, incident.addressText]);

  const corrected = incident.addressCorrectedAt ? (
    <Tag color="purple" title={tx('correctedBy', { name: incident.addressCorrectedBy ?? '', at: dateTime(incident.addressCorrectedAt) })}>
      {tx('corrected')}
    </Tag>
  ) : null;
  if (!may('incidents.handle')) return corrected;

  const candidates = match ? [match.best, ...match.alternatives].filter((m): m is NonNullable<typeof m> => m !== null) : [];
  const save = () => {
    if (!choice) {
      setError(tx('chooseAddress'));
      return;
    }
    setSaving(true);
    setError(null);
    incidentPartiesApi
      .correctAddress(incident.id, choice)
      .then((next) => {
        void message.success(tx('correctedOk'));
        setOpen(false);
        onChange(next);
      })
      .catch((err: unknown) => setError(errorText(err, t)))
      .finally(() => setSaving(false));
  };

  return (
    <>
      {corrected}
      <Button size="small" onClick={() => { setChoice(incident.addressId); setOpen(true); }} data-testid="address-correct">
        {tx('correct')}
      </Button>
      <Modal
        open={open}
        title={tx('correctTitle')}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={tx('save')}
        cancelText={tx('cancel')}
        confirmLoading={saving}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'address-correct-save' }}
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {tx('correctIntro')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} />}
          {candidates.length > 0 && (
            <div>
              <Typography.Text strong>{tx('candidates')}</Typography.Text>
              <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as number)} style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 6 }}>
                {candidates.map((c) => (
                  <Radio key={c.address.id} value={c.address.id}>
                    {c.address.fullName} <Tag>{Math.round(c.confidence * 100)}%</Tag>
                  </Radio>
                ))}
              </Radio.Group>
            </div>
          )}
          <div>
            <Typography.Text strong>{tx('search')}</Typography.Text>
            <AddressPicker value={choice} onChange={(id) => setChoice(id)} style={{ width: '100%', marginTop: 6 }} aria-label={tx('search')} data-testid="address-correct-picker" />
          </div>
        </Space>
      </Modal>
    </>
  );
}
