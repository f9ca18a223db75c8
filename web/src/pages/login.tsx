// The login form: a session cookie for this browser, then back to where the person was going.
import { useState } from 'preact/hooks';
import { Session, api } from '../api';
import { navigate, useLocation } from '../router';
import { failureText, setLang, t, useLang } from '../i18n';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: Session) => void }) {
  const lang = useLang();
  const { query } = useLocation();
  const [message, setMessage] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    try {
      const session = await api<Session>('/api/auth/login', {
        method: 'POST',
        json: { username: data.get('username'), password: data.get('password') },
      });
      onLoggedIn(session);
      const next = query.get('next') ?? '/';
      // Only an address of this site: a link that sends a person elsewhere after logging in is refused.
      navigate(next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/', true);
    } catch (error) {
      setMessage(failureText(error));
    }
  };
  return (
    <main class="login">
      <h1>docpipe</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('username')}
          <input name="username" autocomplete="username" required autofocus />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <p>
          <button type="submit" class="primary">
            {t('login')}
          </button>{' '}
          <span id="msg" class="flag" role="alert">
            {message}
          </span>
        </p>
      </form>
      <button type="button" class="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
        {t('language')}
      </button>
    </main>
  );
}
