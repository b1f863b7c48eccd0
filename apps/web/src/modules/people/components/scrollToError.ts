import type { FormInstance } from 'antd';
import { ApiError } from '../../../app/api';

/** On a phone the field the server named may be far above the save button: bring it into view. */
export function scrollToServerError(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError) || err.fields.length === 0) return;
  const registered = form.getFieldsError().map((f) => f.name.join('.'));
  const path = err.fields.map((f) => f.path.split('.')[0] ?? '').find((p) => registered.includes(p));
  if (path) form.scrollToField(path, { block: 'center' });
}
