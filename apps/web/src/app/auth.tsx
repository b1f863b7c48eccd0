import type { Action } from '@fengqiao/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type Me } from '../modules/auth/auth.api';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from './api';

type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; me: Me; permissions: ReadonlySet<Action> };

export interface Auth {
  state: AuthState;
  /** Signs in and loads the permissions; returns the user so the caller can route on it. */
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reloads GET /api/me (after a password change, for instance). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const loadMe = useCallback(async (): Promise<Me | null> => {
    try {
      const answer = await authApi.me();
      setCsrfToken(answer.csrfToken);
      setState({ status: 'authenticated', me: answer.user, permissions: new Set(answer.permissions) });
      return answer.user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
        return null;
      }
      throw err;
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
    loadMe().catch(() => {
      // The server is unreachable or failing: show the login page, which reports errors itself.
      setState({ status: 'anonymous' });
    });
    return () => setUnauthorizedHandler(null);
  }, [loadMe]);

  const login = useCallback(
    async (username: string, password: string): Promise<Me> => {
      const answer = await authApi.login(username, password);
      setCsrfToken(answer.csrfToken);
      const me = await loadMe();
      return me ?? answer.user;
    },
    [loadMe],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  const refresh = useCallback(async () => {
    await loadMe();
  }, [loadMe]);

  const value = useMemo<Auth>(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside AuthProvider');
  return ctx;
}

/** For pages behind the auth guard: the signed-in user and what they may do. */
export function useSession(): { me: Me; may: (action: Action) => boolean } {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useSession needs a signed-in user');
  const { me, permissions } = state;
  return { me, may: (action) => permissions.has(action) };
}
