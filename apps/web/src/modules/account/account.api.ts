import { api } from '../../app/api';

export const accountApi = {
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post('/api/me/password', { currentPassword, newPassword }),
};
