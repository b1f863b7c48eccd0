import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { CASE_OUTCOMES, caseSolvedApi, incidentsApi, shanghaiLocalToIso, shanghaiNowLocal, type Incident } from '../incidents.api';
import { text, type TextKey } from '../incidents.text';

/** An ISO instant as the value of an `<input type="datetime-local">` in Shanghai time. */
function shanghaiLocal(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * 登记破案: for an incident filed as a criminal or administrative case, its 破案时间 once recorded;
 * until then, for the police of the jurisdiction, a time (default now, never in the future nor
 * before the filing) and a confirmed button. The API refuses anything else with the same rules.
 */
export function IncidentCaseSolved({ incident, onChange }: { incident: Incident; onChange: (next: Incident) => void }) {
  const { lang, dateTime } = useI18n();
  const { may } = useSession();
  const { message, modal, showError } = useFeedback();
  const narrow = useIsNarrow();
  const tx = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const [at, setAt] = useState(shanghaiNowLocal);
  const [atError, setAtError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // The incident carries its outcome, filing time and 破案时间; it is read again after every write.
  if (incident.outcome === null || !CASE_OUTCOMES.includes(incident.outcome)) return null;
  if (incident.caseSolvedAt) {
    return (
      <div style={{ marginTop: 12 }} data-testid="incident-case-solved">
        <Typography.Text type="secondary">{tx('caseSolvedAt')}：</Typography.Text>
        <Typography.Text data-testid="incident-case-solved-at">{dateTime(incident.caseSolvedAt)}</Typography.Text>
      </div>
    );
  }
  if (!may('incidents.handle')) {
    return (
      <div style={{ marginTop: 12 }} data-testid="incident-case-solved">
        <Typography.Text type="secondary">{tx('caseNotSolved')}</Typography.Text>
      </div>
    );
  }

  const record = () => {
    setAtError(null);
    if (!at) {
      setAtError(tx('caseSolvedTimeRequired'));
      return;
    }
    if (at > shanghaiNowLocal()) {
      setAtError(tx('caseSolvedInFuture'));
      return;
    }
    // The input keeps minutes only: within the filing's minute (or the current one) the exact
    // instant is sent, so a case filed at 10:20:45 and solved at "10:20" is not refused as before it.
    const nowIso = new Date().toISOString();
    let iso = at === shanghaiNowLocal() ? nowIso : shanghaiLocalToIso(at);
    if (incident.outcomeAt && Date.parse(iso) < Date.parse(incident.outcomeAt)) iso = incident.outcomeAt;
    modal.confirm({
      title: tx('caseSolvedConfirm'),
      content: tx('caseSolvedConfirmBody', { at: dateTime(iso) }),
      okText: tx('caseSolved'),
      cancelText: tx('cancel'),
      onOk: () => {
        setSaving(true);
        return caseSolvedApi
          .record(incident.id, iso)
          .then(async () => {
            void message.success(tx('caseSolvedDone'));
            onChange(await incidentsApi.get(incident.id));
          })
          .catch((err: unknown) => {
            const field = err instanceof ApiError ? err.fields.find((f) => f.path === 'solvedAt') : undefined;
            if (field) setAtError(field.message);
            else showError(err);
            // A refusal (already solved elsewhere, outcome changed) shows the current state.
            void incidentsApi.get(incident.id).then(onChange, () => undefined);
          })
          .finally(() => setSaving(false));
      },
    });
  };

  return (
    <div style={{ marginTop: 12 }} data-testid="incident-case-solved">
      <Space wrap size={8} align="start">
        <label>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {tx('caseSolvedTime')}
          </Typography.Text>
          <Input
            type="datetime-local"
            value={at}
            min={incident.outcomeAt ? shanghaiLocal(incident.outcomeAt) : undefined}
            max={shanghaiNowLocal()}
            onChange={(e) => setAt(e.target.value)}
            status={atError ? 'error' : undefined}
            aria-invalid={atError ? true : undefined}
            style={{ width: 220, maxWidth: '100%' }}
            data-testid="incident-case-solved-input"
          />
        </label>
        <div style={{ paddingTop: narrow ? 0 : 20 }}>
          <Button type="primary" loading={saving} onClick={record} data-testid="incident-case-solved-button">
            {tx('caseSolved')}
          </Button>
        </div>
      </Space>
      {atError && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
          {atError}
        </Typography.Text>
      )}
    </div>
  );
}
