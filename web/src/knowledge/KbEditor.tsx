// The knowledge editor (agents and admins): every article with its status,
// and one article's form with a live preview, its versions and its status
// actions. The preview is the server's rendering (POST /articles/render, the
// same sanitized HTML readers get); the Markdown typed here is never inserted
// as HTML by the browser.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Card, Empty, ErrorBox, Spinner, useAsync } from '../components';
import { LANGS, fmtDateTime, t, useLang } from '../i18n';
import { navigate } from '../router';
import { Article, ArticleInput, ArticleStatus, kb } from './kbapi';
import './knowledge.css';

const STATUSES: ArticleStatus[] = ['draft', 'published', 'retired'];

export function StatusPill({ status }: { status: string }) {
  return <span class={'badge kb-status kb-status-' + status}>{t('kbe.status.' + status)}</span>;
}

export function KbEditorList() {
  useLang();
  const q = useAsync(() => kb.all(), []);
  const [filter, setFilter] = useState('');
  const items = (q.data?.items ?? []).filter(
    (a) => !filter || (a.title + ' ' + a.id).toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <div class="page page-wide">
      <div class="page-head">
        <div>
          <h1>{t('kbe.title')}</h1>
          <p class="muted">{t('kbe.subtitle')}</p>
        </div>
        <a class="btn btn-primary" href="/agent/kb/new">
          {t('kbe.new')}
        </a>
      </div>
      <ErrorBox error={q.error} />
      {!q.data && !q.error && <Spinner />}
      {q.data && (
        <Card>
          <input
            type="search"
            class="kbe-filter"
            value={filter}
            placeholder={t('kbe.filter')}
            aria-label={t('kbe.filter')}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
          {items.length === 0 ? (
            <Empty>{t('kbe.none')}</Empty>
          ) : (
            <div class="table-wrap">
              <table class="table kbe-table">
                <thead>
                  <tr>
                    <th>{t('kbe.article')}</th>
                    <th>{t('kbe.language')}</th>
                    <th>{t('kbe.status')}</th>
                    <th class="hide-sm">{t('kbe.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr class="clickable" onClick={() => navigate('/agent/kb/' + encodeURIComponent(a.id))}>
                      <td>
                        <a href={'/agent/kb/' + encodeURIComponent(a.id)}>
                          <strong>{a.title}</strong>
                        </a>
                        <div class="muted mono small">{a.id}</div>
                      </td>
                      <td>{a.language}</td>
                      <td>
                        <StatusPill status={a.status ?? 'published'} />
                      </td>
                      <td class="hide-sm muted small">{fmtDateTime(a.updated)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

interface Form {
  id: string;
  title: string;
  body: string;
  language: string;
  audience: string;
  services: string;
  tags: string;
  translations: string; // "ru=kb-x-ru, zh=kb-x-zh"
  status: ArticleStatus;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function toForm(a: Article | undefined): Form {
  return {
    id: a?.id ?? '',
    title: a?.title ?? '',
    body: a?.body ?? '',
    language: a?.language ?? 'en',
    audience: (a?.audience ?? ['all']).join(', '),
    services: (a?.services ?? []).join(', '),
    tags: (a?.tags ?? []).join(', '),
    translations: Object.entries(a?.translations ?? {})
      .map(([l, id]) => `${l}=${id}`)
      .join(', '),
    status: a?.status ?? 'draft',
  };
}

function toInput(f: Form): ArticleInput {
  const translations: Record<string, string> = {};
  for (const pair of list(f.translations)) {
    const [l, id] = pair.split('=').map((x) => x.trim());
    if (l) translations[l] = id ?? '';
  }
  return {
    title: f.title,
    body: f.body,
    language: f.language,
    audience: list(f.audience),
    services: list(f.services),
    tags: list(f.tags),
    translations,
  };
}

// The server's sanitized HTML for `body`, refreshed a moment after typing stops.
function usePreview(body: string): { html: string; error: ApiError | null } {
  const [html, setHtml] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const gen = useRef(0);
  useEffect(() => {
    const mine = ++gen.current;
    const delay = mine === 1 ? 0 : 300; // at once when the editor opens
    const timer = setTimeout(() => {
      kb.render(body).then(
        (r) => mine === gen.current && (setHtml(r.html), setError(null)),
        (e) => mine === gen.current && setError(e as ApiError),
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [body]);
  return { html, error };
}

export function KbEditorPage({ id }: { id: string }) {
  useLang();
  const isNew = id === 'new';
  const [saved, setSaved] = useState(false);
  const q = useAsync(() => (isNew ? Promise.resolve(undefined) : kb.article(id)), [id]);
  if (q.error) {
    return (
      <div class="page">
        <ErrorBox error={q.error} />
      </div>
    );
  }
  if (!isNew && !q.data) {
    return (
      <div class="page">
        <Spinner />
      </div>
    );
  }
  return (
    <Editor
      key={id + ':' + (q.data?.version ?? 0)}
      article={q.data}
      reload={q.reload}
      saved={saved}
      setSaved={setSaved}
    />
  );
}

function Editor({
  article,
  reload,
  saved,
  setSaved,
}: {
  article: Article | undefined;
  reload: () => void;
  saved: boolean; // kept by the page: the editor is re-created for each new version
  setSaved: (v: boolean) => void;
}) {
  const [form, setForm] = useState<Form>(() => toForm(article));
  const [err, setErr] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = usePreview(form.body);
  const dirty = JSON.stringify(form) !== JSON.stringify(toForm(article));
  const set = (k: keyof Form) => (e: Event) => {
    setSaved(false);
    setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  };

  const run = async (fn: () => Promise<Article>) => {
    setBusy(true);
    setErr(null);
    setSaved(false);
    try {
      const a = await fn();
      setSaved(true);
      if (!article) navigate('/agent/kb/' + encodeURIComponent(a.id), true);
      else reload();
    } catch (e) {
      setErr(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() =>
      article
        ? kb.save(article.id, { ...toInput(form), version: article.version })
        : kb.create({ ...toInput(form), status: form.status, ...(form.id ? { id: form.id } : {}) }),
    );
  const conflict = err instanceof ApiError && err.status === 409 && !!article;

  return (
    <div class="page page-wide kbe">
      <a class="back" href="/agent/kb">
        ← {t('kbe.title')}
      </a>
      <div class="page-head">
        <div>
          <h1>{article ? article.title : t('kbe.new')}</h1>
          {article && (
            <p class="muted small">
              <span class="mono">{article.id}</span> · {t('kbe.version', { n: article.version })} ·{' '}
              {article.author} · {fmtDateTime(article.updated)} <StatusPill status={article.status} />
            </p>
          )}
        </div>
        {article && (
          <div class="kbe-status-actions">
            {STATUSES.filter((s) => s !== article.status).map((s) => (
              <button
                class={'btn btn-sm ' + (s === 'published' ? 'btn-primary' : s === 'retired' ? 'btn-danger' : 'btn-ghost')}
                disabled={busy || dirty}
                title={dirty ? t('kbe.save_first') : undefined}
                data-status={s}
                onClick={() => run(() => kb.setStatus(article.id, s, article.version))}
              >
                {t('kbe.to.' + s)}
              </button>
            ))}
            {article.status === 'published' && (
              <a class="btn btn-sm btn-ghost" href={'/kb/' + encodeURIComponent(article.id)}>
                {t('kbe.view')}
              </a>
            )}
          </div>
        )}
      </div>
      {conflict ? (
        <div class="alert alert-error" role="alert">
          <strong>{t('kbe.conflict')}</strong>{' '}
          <button class="btn btn-sm btn-ghost" onClick={reload}>
            {t('kbe.reload')}
          </button>
        </div>
      ) : (
        <ErrorBox error={err} />
      )}
      {saved && !dirty && !err && (
        <div class="alert alert-ok" role="status">
          {t('kbe.saved')}
        </div>
      )}
      <div class="kbe-grid">
        <Card title={t('kbe.edit')}>
          <form
            class="kbe-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {!article && (
              <label>
                <span>{t('kbe.id')}</span>
                <input name="id" value={form.id} placeholder="kb-…" onInput={set('id')} />
              </label>
            )}
            <label>
              <span>{t('kbe.field.title')}</span>
              <input name="title" required value={form.title} onInput={set('title')} />
            </label>
            <div class="kbe-row">
              <label>
                <span>{t('kbe.language')}</span>
                <select name="language" value={form.language} onChange={set('language')}>
                  {LANGS.map((l) => (
                    <option value={l.id}>{l.label}</option>
                  ))}
                </select>
              </label>
              {!article && (
                <label>
                  <span>{t('kbe.status')}</span>
                  <select name="status" value={form.status} onChange={set('status')}>
                    {STATUSES.map((s) => (
                      <option value={s}>{t('kbe.status.' + s)}</option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <label>
              <span>{t('kbe.body')}</span>
              <textarea name="body" class="code kbe-body" rows={16} value={form.body} onInput={set('body')} />
            </label>
            <div class="kbe-row">
              <label>
                <span>{t('kbe.audience')}</span>
                <input name="audience" value={form.audience} onInput={set('audience')} />
              </label>
              <label>
                <span>{t('kbe.services')}</span>
                <input name="services" value={form.services} onInput={set('services')} />
              </label>
            </div>
            <div class="kbe-row">
              <label>
                <span>{t('kbe.tags')}</span>
                <input name="tags" value={form.tags} onInput={set('tags')} />
              </label>
              <label>
                <span>{t('kbe.translations')}</span>
                <input name="translations" value={form.translations} placeholder="ru=kb-…-ru" onInput={set('translations')} />
              </label>
            </div>
            <p class="muted small">{t('kbe.lists_hint')}</p>
            <div class="form-actions">
              <button class="btn btn-primary" type="submit" disabled={busy || (!!article && !dirty)}>
                {article ? t('kbe.save') : t('kbe.create')}
              </button>
            </div>
          </form>
        </Card>
        <div class="kbe-side">
          <Card title={t('kbe.preview')}>
            <ErrorBox error={preview.error} />
            {/* Sanitized by the server's Markdown renderer (knowledge/markdown.h). */}
            <div class="prose kbe-preview" dangerouslySetInnerHTML={{ __html: preview.html }} />
          </Card>
          {article?.feedback && (
            <Card title={t('kbe.feedback')}>
              <p class="kbe-feedback">
                <span class="kbe-yes">{t('kbe.helped', { n: article.feedback.helped })}</span>
                <span class="kbe-no">{t('kbe.not_helped', { n: article.feedback.not_helped })}</span>
              </p>
            </Card>
          )}
          {article && (
            <Versions
              id={article.id}
              current={article.version}
              onRestore={(v) => setForm({ ...form, title: v.title, body: v.body ?? '' })}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function Versions({ id, current, onRestore }: { id: string; current: number; onRestore: (v: Article) => void }) {
  const q = useAsync(() => kb.versions(id), [id, current]);
  return (
    <Card title={t('kbe.versions')}>
      <ErrorBox error={q.error} />
      {!q.data && !q.error && <Spinner />}
      <ol class="kbe-versions">
        {(q.data?.items ?? []).map((v) => (
          <li>
            <div>
              <strong>{t('kbe.version', { n: v.version })}</strong> <StatusPill status={v.status} />
              <div class="muted small">
                {v.author} · {fmtDateTime(v.updated)}
              </div>
            </div>
            {v.version !== current && (
              <button class="btn btn-sm btn-ghost" onClick={() => onRestore(v)}>
                {t('kbe.restore')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
