// The knowledge base search: finds the article that answers a user's question.
//
// KnowledgeIndex is a full-text index (Xapian behind the interface) over
// model::Article values. It knows no database: the owner feeds it articles
// (Rebuild at start, Upsert/Remove on every change) and keeps it in step with
// the store. Search takes a chatty, possibly misspelled, possibly
// other-language question and returns at most `limit` articles, one per
// translation family, each with a calibrated confidence so the caller can
// choose between answering, offering "did you mean", or handing over.
//
// Thread-safety: a KnowledgeIndex is thread-safe. Any number of Search calls
// run concurrently; Rebuild/Upsert/Remove take an exclusive lock and their
// effect is visible to every Search that starts after they return.
//
// Markdown rendering (knowledge/markdown.h) and the case library
// (knowledge/cases.h) are part of this module and included here.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "knowledge/cases.h"
#include "knowledge/markdown.h"
#include "model/org.h"

namespace sa::knowledge {

struct IndexOptions {
  // Empty: an in-memory index (the normal case: it is rebuilt from the store
  // at start). Otherwise a directory holding an on-disk Xapian database,
  // created if absent.
  std::string directory;
};

// A service and every name users call it by, in all languages
// ({"vpn", {"AnyPath VPN", "VPN", "впн", "远程访问"}}). Used to expand a query
// across languages: a query naming "впн" also finds articles tagged `vpn` or
// mentioning any of its names, and its words in other languages ("AnyPath
// VPN", "远程访问") are added to the query. With an empty service_id the names
// are only such a translation group (a request-catalog item's name and
// aliases: "Install software" = "установить программу" = "安装软件").
struct ServiceTerms {
  std::string service_id;          // empty: a translation group, no service
  std::vector<std::string> names;  // name and aliases, any language
};

// What an organization gives the index besides its articles: each service
// with its name and aliases, then each request-catalog item as a translation
// group. Callers pass it to KnowledgeIndex::Rebuild.
std::vector<ServiceTerms> SearchVocabulary(const model::OrgPack& pack);

struct SearchQuery {
  std::string text;      // the user's message, as typed
  std::string language;  // "en", "ru", "zh"...; empty = detect from text
  // Groups of the user; articles whose audience is "all" are always visible,
  // others only when the audience shares a group with this list.
  std::vector<std::string> user_groups;
  bool staff = false;           // agents/admins see every audience
  bool include_drafts = false;  // only honoured when staff; retired never shown
  // Hint from the conversation (e.g. the service already named): articles
  // about these services rank higher. Never a filter.
  std::vector<std::string> services;
  int limit = 5;  // 1..50
};

struct SearchHit {
  std::string article_id;
  std::string title;
  std::string language;
  double score = 0;                   // ranking score; comparable only within one result list
  double confidence = 0;              // 0..1, calibrated: P(this article answers the question)
  std::string snippet;                // the best passage, plain text, at most ~300 bytes
  bool other_language = false;        // the article is not in the query's language
  std::vector<std::string> services;  // the article's services
};

// What the bot should do with a result list, from the top hit's confidence.
enum class AnswerDecision {
  kAnswer,    // give hits[0] as the answer
  kSuggest,   // offer the first few hits: "did you mean one of these?"
  kHandOver,  // nothing good enough: pass to a person / open a ticket
};
// Thresholds on hits[0].confidence (hits are sorted best first).
inline constexpr double kAnswerConfidence = 0.6;
inline constexpr double kSuggestConfidence = 0.3;
AnswerDecision Decide(const std::vector<SearchHit>& hits);

class KnowledgeIndex {
 public:
  virtual ~KnowledgeIndex() = default;

  // A new, empty index. kUnavailable when the on-disk database cannot be
  // opened or created.
  static Result<std::unique_ptr<KnowledgeIndex>> Create(const IndexOptions& options);

  // Replaces the whole content with `articles` and the service vocabulary with
  // `services`. kInvalidArgument for an article without id; kInternal on an
  // engine failure (the previous content is then kept).
  virtual Status Rebuild(const std::vector<model::Article>& articles,
                         const std::vector<ServiceTerms>& services) = 0;

  // Adds or replaces one article (same id); searchable as soon as it returns.
  virtual Status Upsert(const model::Article& article) = 0;

  // Removes an article. kNotFound when it is not in the index.
  virtual Status Remove(std::string_view article_id) = 0;

  // Best articles for the query, best first, at most query.limit. Drafts only
  // for staff with include_drafts; retired articles never. When an article
  // and its translations all match, only the one in the query's language (or
  // else the best-scoring one) is returned. Never fails: an empty or
  // stop-word-only query returns no hits.
  virtual std::vector<SearchHit> Search(const SearchQuery& query) const = 0;

  // Number of articles indexed (all statuses).
  virtual size_t Size() const = 0;
};

// Guesses the language of a message: "zh" when it contains CJK ideographs,
// "ru" when Cyrillic letters dominate, else "en". Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace sa::knowledge
