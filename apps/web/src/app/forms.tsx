import { Alert, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type FieldError } from './api';
import { errorText } from './feedback';
import { useI18n } from './i18n/I18nProvider';

type NamePath = (string | number)[];

function pathSegments(path: string): NamePath {
  return path
    .split('.')
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function sameName(a: NamePath, b: NamePath): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/**
 * Puts server validation errors (`fields: [{ path, rule, message }]`) onto the form's own fields.
 * A deep path such as `boundary.coordinates.0` lands on the nearest field the form has (`boundary`).
 * Returns the errors that matched no field, for a general notice.
 */
export function applyFieldErrors(form: FormInstance, fields: FieldError[]): FieldError[] {
  const registered: NamePath[] = form.getFieldsError().map((f) => f.name);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const field of fields) {
    const segments = pathSegments(field.path);
    let target: NamePath | undefined;
    for (let len = segments.length; len > 0 && !target; len--) {
      const prefix = segments.slice(0, len);
      target = registered.find((name) => sameName(name, prefix));
    }
    if (!target) {
      unmatched.push(field);
      continue;
    }
    const key = target.join('.');
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(field.message || field.rule);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unmatched;
}

/** Error handling for a form that submits to the API: field errors inline, the rest in an alert. */
export function useServerErrors(form: FormInstance) {
  const { t } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);

  const handleError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.fields.length > 0) {
        const unmatched = applyFieldErrors(form, err.fields);
        const extra = unmatched.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message));
        setFormError([err.message, ...extra].join('；'));
        return;
      }
      setFormError(errorText(err, t));
    },
    [form, t],
  );

  const clearError = useCallback(() => setFormError(null), []);
  return { formError, handleError, clearError };
}

export function FormErrorAlert({ error }: { error: string | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />;
}
