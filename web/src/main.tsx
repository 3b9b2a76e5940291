// The app shell: top bar (role-dependent navigation, language, sign-out) and
// the routes of the portal, the agent console and the admin pages.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LANGS, Lang, lang, pickLang, t, useLang } from './i18n';
import { match, navigate, usePath } from './router';
import { isStaff, loadSession, logout, Session, useSession } from './session';
import { Spinner } from './components';
import { ChatPage } from './pages/Chat';
import { MyTicketsPage, TicketPage } from './pages/Tickets';
import { ArticlePage, KbPage } from './pages/Kb';
import { QueuesPage } from './pages/Agent';
import { AgentTicketPage } from './pages/AgentTicket';
import { AgentConversationPage } from './pages/AgentConversation';
import { AdminPage } from './pages/Admin';
import { MyServicesPage } from './pages/Outages';
import { KbEditorList, KbEditorPage } from './knowledge/KbEditor';
import { LoginPage } from './pages/Login';
import './styles.css';

function App() {
  useLang();
  const { session, loaded } = useSession();
  const path = usePath();
  useEffect(() => {
    void loadSession();
  }, []);
  if (!loaded) return <Spinner />;
  if (!session) return <LoginPage />;
  return (
    <div class="shell">
      <TopBar session={session} path={path} />
      <main class="content" id="main">
        <Route session={session} path={path} />
      </main>
    </div>
  );
}

function Route({ session, path }: { session: Session; path: string }) {
  const staff = isStaff(session.me);
  let m: Record<string, string> | null;
  if (path === '/' || path === '/chat') return <ChatPage session={session} />;
  if (path === '/tickets') return <MyTicketsPage session={session} />;
  if ((m = match('/tickets/:id', path))) {
    return staff ? <AgentTicketPage session={session} id={m.id} /> : <TicketPage session={session} id={m.id} />;
  }
  if (path === '/services') return <MyServicesPage session={session} />;
  if (path === '/kb') return <KbPage />;
  if ((m = match('/kb/:id', path))) return <ArticlePage id={m.id} />;
  if (staff && path === '/agent') return <QueuesPage session={session} />;
  if (staff && path === '/agent/kb') return <KbEditorList />;
  if (staff && (m = match('/agent/kb/:id', path))) return <KbEditorPage id={m.id} />;
  if (staff && (m = match('/agent/tickets/:id', path))) return <AgentTicketPage session={session} id={m.id} />;
  if (staff && (m = match('/agent/conversations/:id', path))) {
    return <AgentConversationPage session={session} id={m.id} />;
  }
  if (session.me.role === 'admin' && (path === '/admin' || path.startsWith('/admin/'))) {
    return <AdminPage tab={path.split('/')[2] ?? 'teams'} />;
  }
  return (
    <div class="page">
      <div class="empty">
        <h1>{t('notfound.title')}</h1>
        <a class="btn btn-primary" href="/">
          {t('notfound.home')}
        </a>
      </div>
    </div>
  );
}

function TopBar({ session, path }: { session: Session; path: string }) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const staff = isStaff(session.me);
  const links: { href: string; label: string; active: boolean }[] = [];
  if (staff) {
    links.push({ href: '/agent', label: t('nav.queues'), active: path.startsWith('/agent') && !path.startsWith('/agent/kb') });
    links.push({ href: '/agent/kb', label: t('nav.kb_editor'), active: path.startsWith('/agent/kb') });
  }
  links.push(
    { href: '/', label: t('nav.chat'), active: path === '/' || path === '/chat' },
    { href: '/tickets', label: t('nav.tickets'), active: path === '/tickets' || (!staff && path.startsWith('/tickets/')) },
    { href: '/kb', label: t('nav.kb'), active: path.startsWith('/kb') },
  );
  if (!staff) links.push({ href: '/services', label: t('nav.services'), active: path === '/services' });
  if (session.me.role === 'admin') {
    links.push({ href: '/admin/teams', label: t('nav.admin'), active: path.startsWith('/admin') });
  }
  const name = session.profile?.name ?? session.me.id;
  return (
    <header class={'topbar' + (staff ? ' staff' : '')}>
      <div class="topbar-inner">
        <a class="brand" href={staff ? '/agent' : '/'}>
          <span class="brand-mark">sa</span>
          <span class="brand-name">smartassist</span>
          {staff && <span class="brand-tag">{t('nav.console')}</span>}
        </a>
        <button
          class="menu-btn"
          aria-label={t('nav.menu')}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <span />
          <span />
          <span />
        </button>
        <nav class={'nav ' + (open ? 'open' : '')} aria-label={t('nav.main')}>
          {links.map((l) => (
            <a href={l.href} class={l.active ? 'active' : ''} aria-current={l.active ? 'page' : undefined}>
              {l.label}
            </a>
          ))}
          <div class="nav-end">
            <select
              class="lang-select"
              aria-label={t('nav.language')}
              value={lang()}
              onChange={(e) => pickLang((e.target as HTMLSelectElement).value as Lang)}
            >
              {LANGS.map((l) => (
                <option value={l.id}>{l.label}</option>
              ))}
            </select>
            <span class="who" title={`${name} (${session.me.role})`}>
              <span class="avatar avatar-sm" aria-hidden="true">
                {name.slice(0, 1).toUpperCase()}
              </span>
              <span class="who-name">{name}</span>
            </span>
            <button
              class="btn btn-ghost btn-sm"
              onClick={async () => {
                await logout();
                navigate('/', true);
              }}
            >
              {t('nav.logout')}
            </button>
          </div>
        </nav>
      </div>
    </header>
  );
}

render(<App />, document.getElementById('app')!);
