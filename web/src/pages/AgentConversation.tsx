// Agent console: a live conversation. The agent takes it over from the bot,
// talks to the user in real time (both sides update over the WebSocket) and
// hands it back to the bot when done.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Card, ErrorBox, Field, fromTranscript, Spinner, Transcript, useAsync } from '../components';
import { fmtDateTime, label, t, useLang } from '../i18n';
import { live } from '../live';
import { Session } from '../session';
import { LiveDot } from './Agent';
import { TeachBot } from '../Teach';

export function AgentConversationPage({ session, id }: { session: Session; id: string }) {
  useLang();
  const q = useAsync(() => api.conversation(id), [id]);
  const [text, setText] = useState('');
  const [err, setErr] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const scroll = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const unwatch = live.watch({ conversation: id });
    const off = live.on((e) => {
      if (e.conversation_id === id) q.reload();
    });
    const offRe = live.onReconnect(() => q.reload());
    return () => {
      unwatch();
      off();
      offRe();
    };
  }, [id, q.reload]);

  useEffect(() => {
    const el = scroll.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [q.data?.transcript.length]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setErr(null);
    try {
      await fn();
      q.reload();
    } catch (e) {
      setErr(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const conv = q.data;
  if (q.error && !conv) return <div class="page"><ErrorBox error={q.error} /></div>;
  if (!conv) return <div class="page"><Spinner /></div>;
  const mine = conv.agent === session.me.id;
  const ticketId = conv.state.ticket_id;
  return (
    <div class="page page-wide">
      <a class="back" href="/agent">
        ← {t('agent.queues')}
      </a>
      <div class="two-col">
        <div class="col-main">
          <section class="chat-panel card agent-chat">
            <header class="chat-head">
              <span class="avatar" aria-hidden="true">
                {conv.user.slice(0, 1).toUpperCase()}
              </span>
              <div class="chat-title">
                <h1>{t('agent.chat_with', { user: conv.user })}</h1>
                <span class="presence on">
                  {mine ? t('agent.you_have_it') : conv.agent ? t('agent.agent_has_it', { agent: conv.agent }) : t('agent.bot_has_it')}
                </span>
              </div>
              <LiveDot />
            </header>
            <div class="chat-scroll" ref={scroll}>
              <Transcript items={fromTranscript(conv.transcript)} viewer="agent" />
            </div>
            {!mine ? (
              <div class="takeover-bar">
                <p>{t('agent.takeover_hint')}</p>
                <button class="btn btn-primary" disabled={busy} onClick={() => void act(() => api.takeOver(id))}>
                  {t('agent.take_over')}
                </button>
              </div>
            ) : (
              <form
                class="composer"
                onSubmit={(e) => {
                  e.preventDefault();
                  const s = text.trim();
                  if (!s) return;
                  void act(async () => {
                    await api.agentMessage(id, s);
                    setText('');
                  });
                }}
              >
                <textarea
                  class="composer-input"
                  rows={1}
                  value={text}
                  placeholder={t('agent.message_user')}
                  aria-label={t('agent.message_user')}
                  onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                      e.preventDefault();
                      (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
                    }
                  }}
                />
                <button class="btn btn-primary send-btn" disabled={busy || !text.trim()}>
                  {t('chat.send')}
                </button>
              </form>
            )}
            <ErrorBox error={err} />
          </section>
        </div>
        <div class="col-side">
          <Card title={t('agent.conversation')}>
            <dl class="kvs">
              <Field label={t('field.status')}>{label('conv', conv.state.status)}</Field>
              <Field label={t('agent.intent')}>{label('intent', conv.state.intent ?? '')}</Field>
              <Field label={t('field.service')}>{conv.state.service}</Field>
              <Field label={t('field.team')}>{conv.team}</Field>
              <Field label={t('field.channel')}>{conv.channel}</Field>
              <Field label={t('profile.language')}>{conv.state.language}</Field>
              <Field label={t('field.created')}>{fmtDateTime(conv.created)}</Field>
              <Field label={t('field.ticket')}>
                {ticketId ? <a href={'/agent/tickets/' + encodeURIComponent(ticketId)}>{ticketId}</a> : null}
              </Field>
            </dl>
            {conv.state.slots && Object.keys(conv.state.slots).length > 0 && (
              <>
                <h3 class="sub-head">{t('agent.collected')}</h3>
                <dl class="kvs">
                  {Object.entries(conv.state.slots).map(([k, v]) => (
                    <Field label={k.replace(/_/g, ' ')}>{typeof v === 'string' ? v : JSON.stringify(v)}</Field>
                  ))}
                </dl>
              </>
            )}
            {mine && (
              <button class="btn btn-ghost full" disabled={busy} onClick={() => void act(() => api.release(id))}>
                {t('agent.release')}
              </button>
            )}
          </Card>
          <TeachBot conversationId={id} intent={conv.state.intent} service={conv.state.service} />
        </div>
      </div>
    </div>
  );
}
