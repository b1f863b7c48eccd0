import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n/I18nProvider';
import type { MessageKey } from './i18n/messages';

/** The text to show for any thrown error: the server's own message, plus its request id on 5xx. */
export function errorText(err: unknown, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  if (err instanceof ApiError) {
    if (err.status >= 500 && err.requestId) return `${err.message}（${t('error.requestId', { id: err.requestId })}）`;
    return err.message;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.unexpected');
}

export function useFeedback() {
  const { message, modal, notification } = App.useApp();
  const { t } = useI18n();
  const showError = useCallback(
    (err: unknown) => {
      void message.error(errorText(err, t));
    },
    [message, t],
  );
  const showSuccess = useCallback(
    (key: MessageKey) => {
      void message.success(t(key));
    },
    [message, t],
  );
  return { message, modal, notification, showError, showSuccess };
}
