// The knowledge API as the web app uses it (docs/KNOWLEDGE.md, "HTTP API"):
// ranked search, articles with versions, the editor's writes and preview,
// "did this help?" feedback, and agent assist for a ticket.
import { List, query, request } from '../api';

export type ArticleStatus = 'draft' | 'published' | 'retired';

export interface SearchHit {
  id: string;
  title: string;
  language: string;
  services: string[];
  snippet: string;
  confidence?: number;
  other_language?: boolean;
  status?: ArticleStatus; // browsing only
  updated?: string; // browsing only
}

export interface Article {
  id: string;
  title: string;
  language: string;
  translations: Record<string, string>;
  audience?: string[];
  services: string[];
  tags: string[];
  status: ArticleStatus;
  version: number;
  author?: string;
  updated: string;
  html?: string; // sanitized by the server; the only HTML the app inserts
  body?: string; // Markdown, staff only
  feedback?: { helped: number; not_helped: number };
}

export interface ArticleInput {
  id?: string;
  title?: string;
  body?: string;
  language?: string;
  status?: ArticleStatus;
  audience?: string[];
  services?: string[];
  tags?: string[];
  translations?: Record<string, string>;
  version?: number;
}

export interface CaseHit {
  ticket_id: string;
  title: string;
  resolution: string;
  service: string;
  team: string;
  similarity: number;
}

export interface Assist {
  ticket_id: string;
  cases: CaseHit[];
  articles: SearchHit[];
}

const path = (id: string) => '/articles/' + encodeURIComponent(id);

export const kb = {
  search: (q: string, opts: { include_drafts?: boolean; limit?: number } = {}) =>
    request<List<SearchHit> & { decision?: string }>('GET', '/articles' + query({ q, ...opts })),
  // Every article an editor may open (drafts and retired included).
  all: () => request<List<SearchHit>>('GET', '/articles' + query({ include_drafts: true, limit: 100 })),
  article: (id: string) => request<Article>('GET', path(id)),
  versions: (id: string) => request<List<Article>>('GET', path(id) + '/versions'),
  create: (a: ArticleInput) => request<Article>('POST', '/articles', a),
  save: (id: string, a: ArticleInput & { version: number }) => request<Article>('PUT', path(id), a),
  setStatus: (id: string, status: ArticleStatus, version: number) =>
    request<Article>('PATCH', path(id), { status, version }),
  render: (body: string) => request<{ html: string }>('POST', '/articles/render', { body }),
  feedback: (id: string, helped: boolean, q: string) =>
    request<unknown>('POST', path(id) + '/feedback', { helped, query: q }),
  assist: (ticketId: string) =>
    request<Assist>('GET', '/tickets/' + encodeURIComponent(ticketId) + '/assist'),
  draftFromCase: (ticketId: string) =>
    request<Article>('POST', '/tickets/' + encodeURIComponent(ticketId) + '/draft-article', {}),
};
