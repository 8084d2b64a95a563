import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionEnded, setToken, type Schemas } from '../api/client';

type User = Schemas['UserView'];

interface SessionState {
  token: string | null;
  user: User | null;
  /** A one-time password (set by an administrator) must be replaced before anything else (DESIGN.md 6). */
  mustChangePassword: boolean;
  signIn(answer: Schemas['LoginResponse']): void;
  signOut(): void;
}

const KEY = 'cbb.session';
const Ctx = createContext<SessionState | null>(null);

function restore(): { token: string; user: User } | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as { token: string; user: User }) : null;
  } catch {
    return null;
  }
}

/** The session lives in this tab only (sessionStorage): closing the tab signs out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ token: string; user: User } | null>(() => {
    const s = restore();
    setToken(s?.token ?? null);
    return s;
  });
  const signIn = useCallback((answer: Schemas['LoginResponse']) => {
    const next = { token: answer.accessToken, user: answer.user };
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setToken(next.token);
    setState(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
    setState(null);
  }, []);
  useEffect(() => onSessionEnded(signOut), [signOut]);
  const value = useMemo<SessionState>(
    () => ({ token: state?.token ?? null, user: state?.user ?? null, mustChangePassword: state?.user.mustChangePassword ?? false, signIn, signOut }),
    [state, signIn, signOut],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
