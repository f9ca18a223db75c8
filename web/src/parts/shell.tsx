// The frame around every page: the name, the two places people work, the language and who is logged in.
import type { ComponentChildren } from 'preact';
import { Session, api } from '../api';
import { follow, navigate, useLocation } from '../router';
import { setLang, t, useLang } from '../i18n';

export function Shell({
  session,
  onLoggedOut,
  children,
}: {
  session: Session;
  onLoggedOut: () => void;
  children: ComponentChildren;
}) {
  const lang = useLang();
  const { path } = useLocation();
  const logOut = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    onLoggedOut();
    navigate('/login');
  };
  const link = (to: string, label: string, current: boolean) => (
    <a
      href={to}
      class={current ? 'current' : ''}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => follow(e, to)}
    >
      {label}
    </a>
  );
  return (
    <>
      <header class="bar">
        <strong class="brand">docpipe</strong>
        <nav>
          {link('/', t('archive'), path === '/' || path.startsWith('/documents/'))}
          {link('/queue', t('queue'), path === '/queue' || path.startsWith('/review/'))}
        </nav>
        <span class="grow" />
        <button type="button" class="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
        <span id="who" class="muted">
          {session.username} ({session.roles.join(', ')})
        </span>
        <button type="button" class="link" onClick={() => void logOut()}>
          {t('logout')}
        </button>
      </header>
      <main>{children}</main>
    </>
  );
}
