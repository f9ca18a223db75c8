// The application: who is logged in, the shell around every page, and which page the address shows.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, Session, api, loginAddress, setCsrfToken } from './api';
import { navigate, useLocation, match } from './router';
import { t, useLang } from './i18n';
import { Shell } from './parts/shell';
import { LoginPage } from './pages/login';
import { ArchivePage } from './pages/archive';
import { QueuePage } from './pages/queue';
import { ReportPage } from './pages/report';
import { ReviewPage } from './pages/review';
import './style.css';

function App() {
  useLang();
  const { path } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    if (path === '/login' || session) {
      return;
    }
    api<Session>('/api/auth/me').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          navigate(loginAddress(), true);
        }
      },
    );
  }, [path, session]);

  if (path === '/login') {
    return (
      <LoginPage
        onLoggedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
        }}
      />
    );
  }
  if (!session) {
    return <p class="muted pad">{t('loading')}</p>;
  }
  const review = match('/review/:id', path);
  const report = match('/documents/:id', path);
  const page = review ? (
    <ReviewPage key={review.id} id={review.id} session={session} />
  ) : report ? (
    <ReportPage key={report.id} id={report.id} />
  ) : path === '/queue' ? (
    <QueuePage />
  ) : (
    <ArchivePage session={session} />
  );
  return (
    <Shell session={session} onLoggedOut={() => setSession(null)}>
      {page}
    </Shell>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
