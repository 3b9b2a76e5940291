// Knowledge base: search and article view. The server renders article
// Markdown to sanitized HTML ("html"); that, and only that, is inserted as
// HTML. When the server has no knowledge endpoints (404) the page says so.
import { useEffect, useState } from 'preact/hooks';
import { api, isMissingEndpoint } from '../api';
import { Card, Empty, ErrorBox, Spinner, useAsync } from '../components';
import { t, useLang } from '../i18n';
import { navigate } from '../router';

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
    () => (submitted ? api.searchArticles(submitted) : Promise.resolve(null)),
    [submitted],
  );
  useEffect(() => {
    const p = submitted ? '/kb?q=' + encodeURIComponent(submitted) : '/kb';
    if (location.pathname + location.search !== p) history.replaceState(null, '', p);
  }, [submitted]);
  const missing = isMissingEndpoint(error);
  return (
    <div class="page">
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
              <a class="kb-result" href={`/kb/${encodeURIComponent(a.id)}`}>
                <strong>{a.title}</strong>
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
  const { data, error } = useAsync(() => api.article(id), [id]);
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
          {data.html !== undefined ? (
            // Sanitized by the server's Markdown renderer (knowledge/markdown.h).
            <div class="prose" dangerouslySetInnerHTML={{ __html: data.html }} />
          ) : (
            <p class="pre">{data.body}</p>
          )}
        </Card>
      )}
    </div>
  );
}
