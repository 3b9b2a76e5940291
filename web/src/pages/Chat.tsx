// Portal home: the chat with the bot, the outage banner and a side panel
// with the user's open tickets and conversation starters.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, Expecting } from '../api';
import { ChatController, ChatView } from '../chat';
import { StatusBadge, Transcript, useAsync } from '../components';
import { t, useLang } from '../i18n';
import { Session } from '../session';
import { live } from '../live';
import { OutageBanner } from './Outages';

export function ChatPage({ session }: { session: Session }) {
  useLang();
  const [view, setView] = useState<ChatView>({
    items: [],
    state: null,
    conversationId: null,
    error: null,
    ready: false,
    offline: false,
  });
  const ctl = useRef<ChatController | null>(null);
  const [text, setText] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const c = new ChatController(session.me.id, setView);
    ctl.current = c;
    void c.start();
    return () => c.stop();
  }, [session.me.id]);

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [view.items.length, view.items[view.items.length - 1]?.pending]);

  const send = (s: string) => {
    if (!s.trim()) return;
    ctl.current?.send(s);
    setText('');
    inputRef.current?.focus();
  };

  const expecting = view.state?.expecting ?? null;
  const status = view.state?.status;
  const lastReplyHasChoices = lastBotHasChoices(view);

  return (
    <div class="page page-chat">
      <div class="chat-layout">
        <div class="chat-col">
          <OutageBanner />
          <section class="chat-panel card" aria-label={t('chat.title')}>
            <header class="chat-head">
              <div class={'bot-avatar' + (status === 'handed_off' ? ' with-person' : '')} aria-hidden="true">
                <svg viewBox="0 0 24 24" width="22" height="22">
                  <path
                    fill="currentColor"
                    d={status === 'handed_off' ? PERSON_ICON : BOT_ICON}
                  />
                </svg>
              </div>
              <div class="chat-title">
                <h1>{status === 'handed_off' ? t('chat.title_person') : t('chat.title')}</h1>
                <span class={'presence ' + (view.offline ? 'off' : 'on')}>
                  {view.offline ? t('chat.reconnecting') : statusLine(status, view.state?.team)}
                </span>
              </div>
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => void ctl.current?.restart()}>
                {t('chat.new')}
              </button>
            </header>
            <div class="chat-scroll" ref={listRef}>
              {!view.ready && !view.error && <div class="chat-empty">{t('loading')}</div>}
              {view.error && !view.ready && <div class="alert alert-error">{view.error}</div>}
              <Transcript items={view.items} viewer="user" onChoose={send} />
            </div>
            {view.offline && (
              <div class="chat-offline" role="status">
                {t('chat.offline')}
              </div>
            )}
            {expecting && !lastReplyHasChoices && <QuickAnswers expecting={expecting} onPick={send} />}
            <form
              class="composer"
              data-expecting={expecting?.slot ?? ''}
              onSubmit={(e) => {
                e.preventDefault();
                send(text);
              }}
            >
              {isSecret(expecting) ? (
                <input
                  class="composer-input"
                  type="password"
                  autocomplete="one-time-code"
                  inputMode={expecting?.slot === 'verification_code' ? 'numeric' : undefined}
                  placeholder={hint(expecting)}
                  value={text}
                  onInput={(e) => setText((e.target as HTMLInputElement).value)}
                  aria-label={t('chat.message')}
                />
              ) : (
                <textarea
                  ref={inputRef}
                  class="composer-input"
                  rows={1}
                  placeholder={hint(expecting)}
                  value={text}
                  maxLength={8000}
                  onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                      e.preventDefault();
                      send(text);
                    }
                  }}
                  aria-label={t('chat.message')}
                  disabled={!view.ready}
                />
              )}
              <button class="btn btn-primary send-btn" type="submit" disabled={!view.ready || !text.trim()}>
                <span class="send-label">{t('chat.send')}</span>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                  <path fill="currentColor" d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" />
                </svg>
              </button>
            </form>
          </section>
        </div>
        <aside class="chat-side">
          <Starters onPick={send} disabled={!view.ready} />
          <MyOpenTickets user={session.me.id} />
        </aside>
      </div>
    </div>
  );
}

const BOT_ICON =
  'M12 2a1 1 0 0 1 1 1v1.07A7 7 0 0 1 19 11v5a3 3 0 0 1-3 3h-1l-3 3-3-3H8a3 3 0 0 1-3-3v-5a7 7 0 0 1 6-6.93V3a1 1 0 0 1 1-1zm-3 9.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z';
const PERSON_ICON = 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4.2 0-7 2.1-7 4.6V20h14v-1.4c0-2.5-2.8-4.6-7-4.6z';

function lastBotHasChoices(view: ChatView): boolean {
  for (let i = view.items.length - 1; i >= 0; i--) {
    const it = view.items[i];
    if (it.role === 'user') return false;
    if (it.role === 'bot') return (it.replies ?? []).some((r) => r.kind === 'choices');
  }
  return false;
}

function isSecret(e: Expecting | null): boolean {
  return !!e && (e.type === 'secret' || e.slot === 'verification_code');
}

function hint(e: Expecting | null): string {
  if (!e) return t('chat.placeholder');
  const key = 'hint.' + e.slot;
  const s = t(key);
  if (s !== key) return s;
  const byType = t('hint.type.' + e.type);
  return byType.startsWith('hint.') ? t('chat.placeholder') : byType;
}

function statusLine(status: string | undefined, team: string | null | undefined): string {
  if (status === 'handed_off') return t('chat.status.handed_off', { team: team ?? '' });
  return t('chat.status.online');
}

// Buttons for what the bot waits for: yes/no, urgency, or its choice options.
function QuickAnswers({ expecting, onPick }: { expecting: Expecting; onPick: (s: string) => void }) {
  let options: { label: string; value: string }[] = [];
  if (expecting.type === 'yes_no') {
    options = [
      { label: t('yes'), value: t('yes') },
      { label: t('no'), value: t('no') },
    ];
  } else if (expecting.slot === 'urgency') {
    options = ['low', 'medium', 'high'].map((u) => ({ label: t('urgency.' + u), value: t('urgency.' + u) }));
  } else if (expecting.slot === 'impact') {
    options = ['low', 'medium', 'high'].map((u) => ({ label: t('impact.' + u), value: t('impact.' + u) }));
  } else if (expecting.options?.length) {
    options = expecting.options.map((o) => ({ label: o, value: o }));
  }
  if (!options.length) return null;
  return (
    <div class="quick-answers" role="group" aria-label={t('chat.quick')}>
      {options.map((o) => (
        <button type="button" class="chip" onClick={() => onPick(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

function Starters({ onPick, disabled }: { onPick: (s: string) => void; disabled: boolean }) {
  const starters = ['starter.vpn', 'starter.password', 'starter.broken', 'starter.laptop', 'starter.status'];
  return (
    <section class="card side-card">
      <header class="card-head">
        <h2>{t('chat.starters')}</h2>
      </header>
      <div class="card-body starter-list">
        {starters.map((k) => (
          <button type="button" class="starter" disabled={disabled} onClick={() => onPick(t(k))}>
            {t(k)}
          </button>
        ))}
      </div>
    </section>
  );
}

function MyOpenTickets({ user }: { user: string }) {
  const { data, reload } = useAsync(() => api.tickets({ requester: user, open: true, limit: 5 }), [user]);
  // The server tells a requester about their own tickets: a ticket the bot
  // just opened shows up here at once.
  useEffect(() => live.on((e) => e.type.startsWith('ticket.') && reload()), [reload]);
  useEffect(() => live.onReconnect(reload), [reload]);
  return (
    <section class="card side-card">
      <header class="card-head">
        <h2>{t('tickets.open')}</h2>
        <a class="link-sm" href="/tickets">
          {t('tickets.all')}
        </a>
      </header>
      <div class="card-body">
        {!data?.items.length ? (
          <p class="muted">{t('tickets.none_open')}</p>
        ) : (
          <ul class="mini-tickets">
            {data.items.map((tk) => (
              <li>
                <a href={`/tickets/${encodeURIComponent(tk.id)}`}>
                  <span class="mono">{tk.id}</span>
                  <span class="mini-title">{tk.title}</span>
                  <StatusBadge status={tk.status} />
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
