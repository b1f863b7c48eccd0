import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space } from 'antd';
import { useId, useRef } from 'react';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';

/** Clipboard API where allowed (HTTPS, localhost); otherwise the old selection-based copy. */
async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<void> {
  if ('clipboard' in navigator && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  if (!fallbackInput) throw new Error('no input to copy from');
  fallbackInput.focus();
  fallbackInput.select();
  // execCommand is deprecated but the only way to copy on plain-HTTP intranet deployments.
  const legacy = document as unknown as { execCommand?: (command: string) => boolean };
  if (!legacy.execCommand?.('copy')) throw new Error('copy refused');
}

export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const inputId = useId();
  const wrapper = useRef<HTMLDivElement>(null);

  const copy = () => {
    if (!secret) return;
    const input = wrapper.current?.querySelector('input') ?? null;
    copyText(secret, input)
      .then(() => void message.success(t('common.copied')))
      .catch(() => void message.error(t('common.copyFailed')));
  };

  return (
    <Modal
      open={secret !== null}
      title={t('apikeys.secretTitle')}
      onCancel={onClose}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="apikey-secret-done">
          {t('apikeys.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('apikeys.secretWarning')} style={{ marginBottom: 16 }} />
      <label htmlFor={inputId} style={{ display: 'block', marginBottom: 4 }}>
        {t('apikeys.secretLabel')}
      </label>
      <div ref={wrapper}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id={inputId}
            readOnly
            value={secret ?? ''}
            onFocus={(e) => e.target.select()}
            style={{ fontFamily: 'monospace' }}
            data-testid="apikey-secret"
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy} data-testid="apikey-copy">
            {t('common.copy')}
          </Button>
        </Space.Compact>
      </div>
    </Modal>
  );
}
