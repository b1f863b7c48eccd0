import { EditOutlined, KeyOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isLocked, type User } from '../users.api';

interface Props {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  onUnlock: (user: User) => void;
  onSetActive: (user: User, active: boolean) => void;
}

export function UserActions({ user, onEdit, onResetPassword, onUnlock, onSetActive }: Props) {
  const { t } = useI18n();
  const who = user.displayName;
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => onEdit(user)} aria-label={`${t('common.edit')} ${who}`}>
        {t('common.edit')}
      </Button>
      <Button
        size="small"
        icon={<KeyOutlined aria-hidden />}
        onClick={() => onResetPassword(user)}
        aria-label={`${t('users.resetPassword')} ${who}`}
      >
        {t('users.resetPassword')}
      </Button>
      {isLocked(user) && (
        <Button
          size="small"
          icon={<UnlockOutlined aria-hidden />}
          onClick={() => onUnlock(user)}
          aria-label={`${t('users.unlock')} ${who}`}
          data-testid={`user-unlock-${user.username}`}
        >
          {t('users.unlock')}
        </Button>
      )}
      {user.active ? (
        <Popconfirm
          title={t('users.deactivateConfirm', { name: who })}
          onConfirm={() => onSetActive(user, false)}
          okText={t('users.deactivate')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
        >
          <Button size="small" danger icon={<StopOutlined aria-hidden />} aria-label={`${t('users.deactivate')} ${who}`}>
            {t('users.deactivate')}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          size="small"
          icon={<CheckCircleOutlined aria-hidden />}
          onClick={() => onSetActive(user, true)}
          aria-label={`${t('users.activate')} ${who}`}
        >
          {t('users.activate')}
        </Button>
      )}
    </Space>
  );
}
