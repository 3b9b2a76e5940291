// Who is logged in, shared by every page. Loaded once from /auth/me at start;
// cleared at logout or when the server answers 401.
import { useEffect, useState } from 'preact/hooks';
import { api, Me, setUnauthenticatedHandler, User } from './api';
import { profileLang } from './i18n';
import { live } from './live';

export interface Session {
  me: Me;
  profile: User | null;
}

let session: Session | null = null;
let loaded = false;
const listeners = new Set<() => void>();

function set(s: Session | null): void {
  session = s;
  loaded = true;
  if (s) live.start();
  else live.stop();
  listeners.forEach((l) => l());
}

async function fill(me: Me): Promise<Session> {
  let profile: User | null = null;
  try {
    profile = await api.user(me.id);
  } catch {
    profile = null;
  }
  profileLang(profile?.language);
  return { me, profile };
}

export async function loadSession(): Promise<void> {
  try {
    set(await fill(await api.me()));
  } catch {
    set(null);
  }
}

export async function login(user: string, password: string): Promise<void> {
  set(await fill(await api.login(user, password)));
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    /* the session is gone either way */
  }
  sessionStorage.clear();
  set(null);
}

// Logged out elsewhere (another tab, session revoked): the server closed our
// socket; re-check, which shows the login page on 401.
live.onRevoked(() => void loadSession());

setUnauthenticatedHandler(() => {
  if (session) set(null);
});

export function useSession(): { session: Session | null; loaded: boolean } {
  const [, bump] = useState(0);
  useEffect(() => {
    const l = () => bump((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { session, loaded };
}

export function isStaff(me: Me): boolean {
  return me.role === 'agent' || me.role === 'admin';
}
