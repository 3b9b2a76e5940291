// Sign-in with user id (or email) and password; the server sets an HttpOnly
// session cookie and returns the CSRF token.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { LANGS, lang, pickLang, t, useLang } from '../i18n';
import { login } from '../session';

export function LoginPage() {
  useLang();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  return (
    <div class="login-wrap">
      <div class="login-art" aria-hidden="true">
        <div class="login-art-inner">
          <div class="brand brand-lg">
            <span class="brand-mark">sa</span> smartassist
          </div>
          <p class="login-tag">{t('login.tagline')}</p>
          <ul class="login-points">
            <li>{t('login.point1')}</li>
            <li>{t('login.point2')}</li>
            <li>{t('login.point3')}</li>
          </ul>
        </div>
      </div>
      <main class="login-main">
        <form
          class="login-card card"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setErr(null);
            try {
              await login(user.trim(), password);
            } catch (x) {
              setErr(x instanceof ApiError && x.status === 401 ? t('login.wrong') : (x as Error).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          <div class="brand brand-mobile">
            <span class="brand-mark">sa</span> smartassist
          </div>
          <h1>{t('login.title')}</h1>
          <p class="muted">{t('login.subtitle')}</p>
          <label>
            <span>{t('login.user')}</span>
            <input
              name="user"
              autocomplete="username"
              required
              value={user}
              onInput={(e) => setUser((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </label>
          {err && (
            <div class="alert alert-error" role="alert">
              {err}
            </div>
          )}
          <button class="btn btn-primary full" disabled={busy}>
            {busy ? t('loading') : t('login.submit')}
          </button>
          <div class="lang-row">
            {LANGS.map((l) => (
              <button type="button" class={'link ' + (l.id === lang() ? 'on' : '')} onClick={() => pickLang(l.id)}>
                {l.label}
              </button>
            ))}
          </div>
        </form>
      </main>
    </div>
  );
}
