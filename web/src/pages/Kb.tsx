// Knowledge base: search (the bot's ranked search, with the caller's
// audience) and article view with "did this help?". The server renders
// article Markdown to sanitized HTML ("html"); that, and only that, is
// inserted as HTML. When the server has no knowledge endpoints (404) the page
// says so.
import { useEffect, useState } from 'preact/hooks';
import { isMissingEndpoint } from '../api';
import { Feedback } from '../knowledge/Feedback';
import { kb } from '../knowledge/kbapi';
import { Card, Empty, ErrorBox, Spinner, useAsync } from '../components';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import { OutageBanner } from './Outages';

function Unavailable() {
  return (
    <Empty>
      <p>{t('kb.unavailable')}</p>
      <a class="btn btn-primary" href="/">
        {t('tickets.ask_bot')}
      </a>
    </Empty>
  );
}

export function KbPage() {
  useLang();
  const params = new URLSearchParams(location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [submitted, setSubmitted] = useState(params.get('q') ?? '');
  const { data, error, loading } = useAsync(
    () => (submitted ? kb.search(submitted) : Promise.resolve(null)),
    [submitted],
  );
  useEffect(() => {
    const p = submitted ? '/kb?q=' + encodeURIComponent(submitted) : '/kb';
    if (location.pathname + location.search !== p) history.replaceState(null, '', p);
  }, [submitted]);
  const missing = isMissingEndpoint(error);
  return (
    <div class="page">
      <OutageBanner />
      <div class="kb-hero">
        <h1>{t('kb.title')}</h1>
        <p class="muted">{t('kb.subtitle')}</p>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(q.trim());
          }}
        >
          <input
            type="search"
            value={q}
            placeholder={t('kb.placeholder')}
            aria-label={t('kb.placeholder')}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
          <button class="btn btn-primary">{t('kb.search')}</button>
        </form>
      </div>
      {loading && submitted && <Spinner />}
      {missing ? <Unavailable /> : <ErrorBox error={error} />}
      {data && data.items.length === 0 && <Empty>{t('kb.no_results', { q: submitted })}</Empty>}
      {data && data.items.length > 0 && (
        <ul class="kb-results">
          {data.items.map((a) => (
            <li key={a.id}>
              <a class="kb-result" href={`/kb/${encodeURIComponent(a.id)}?q=${encodeURIComponent(submitted)}`}>
                <strong>
                  {a.title}
                  {a.other_language && <span class="badge badge-muted kb-lang">{a.language}</span>}
                </strong>
                <span class="muted">{a.snippet}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {!submitted && (
        <div class="kb-topics">
          {['kb.topic.vpn', 'kb.topic.password', 'kb.topic.printer', 'kb.topic.email', 'kb.topic.wifi', 'kb.topic.teams'].map((k) => (
            <button
              type="button"
              class="topic"
              onClick={() => {
                setQ(t(k));
                setSubmitted(t(k));
              }}
            >
              {t(k)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function ArticlePage({ id }: { id: string }) {
  useLang();
  const { data, error } = useAsync(() => kb.article(id), [id]);
  const query = new URLSearchParams(location.search).get('q') ?? '';
  return (
    <div class="page page-narrow">
      <a
        class="back"
        href="/kb"
        onClick={(e) => {
          if (history.length > 1) {
            e.preventDefault();
            history.back();
          } else navigate('/kb');
        }}
      >
        ← {t('kb.title')}
      </a>
      {isMissingEndpoint(error) ? (
        <Unavailable />
      ) : (
        <ErrorBox error={error} />
      )}
      {!data && !error && <Spinner />}
      {data && (
        <Card class="article">
          <h1>{data.title}</h1>
          {data.body !== undefined && (
            // Only staff get the Markdown source: they may edit.
            <p class="kb-staff muted small">
              <a href={'/agent/kb/' + encodeURIComponent(data.id)}>{t('kbe.edit')}</a>
              {data.feedback &&
                ` · ${t('kbe.helped', { n: data.feedback.helped })} · ${t('kbe.not_helped', { n: data.feedback.not_helped })}`}
            </p>
          )}
          {data.html !== undefined ? (
            // Sanitized by the server's Markdown renderer (knowledge/markdown.h).
            <div class="prose" dangerouslySetInnerHTML={{ __html: data.html }} />
          ) : (
            <p class="pre">{data.body}</p>
          )}
          <Feedback key={data.id} articleId={data.id} query={query} />
        </Card>
      )}
    </div>
  );
}
