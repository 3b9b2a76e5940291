#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

class SqlKnowledgeRepo : public KnowledgeRepo {
 public:
  explicit SqlKnowledgeRepo(sql::Connection& conn) : conn_(conn) {}

  Status Save(const model::Article& article) override {
    SA_RETURN_IF_ERROR(SaveArticle(conn_, article));
    return BumpOrgVersion(conn_);
  }

  Result<std::optional<model::Article>> Get(std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kArticleColumns +
                                                   " FROM articles WHERE id_key = $1",
                                               {FoldId(id)}));
    if (rows.empty()) return std::optional<model::Article>();
    return std::optional<model::Article>(ReadArticle(rows[0]));
  }

  Result<std::vector<model::Article>> List() override {
    return Select(std::string("SELECT ") + kArticleColumns + " FROM articles ORDER BY id_key", {});
  }

  Result<std::vector<model::Article>> Versions(std::string_view id) override {
    return Select(std::string("SELECT ") + kArticleColumns +
                      " FROM article_versions WHERE id_key = $1 ORDER BY version",
                  {FoldId(id)});
  }

  Status AddFeedback(std::string_view article_id, std::string_view user_id, std::string_view query,
                     bool helped, TimePoint at) override {
    SA_ASSIGN_OR_RETURN(int64_t id, NextSequence(conn_, "article_feedback"));
    return conn_
        .Exec(R"(INSERT INTO article_feedback (id, article_key, user_id, query, helped, created)
VALUES ($1, $2, $3, $4, $5, $6))",
              {id, FoldId(article_id), user_id, query, helped, TimeText(at)})
        .status();
  }

  Result<std::pair<int64_t, int64_t>> FeedbackCounts(std::string_view article_id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT helped, COUNT(*) FROM article_feedback
WHERE article_key = $1 GROUP BY helped)",
                                               {FoldId(article_id)}));
    std::pair<int64_t, int64_t> counts{0, 0};
    for (const auto& row : rows) {
      (row.Bool(0) ? counts.first : counts.second) += row.Int(1);
    }
    return counts;
  }

  Result<std::vector<ArticleFeedback>> RecentFeedback(std::string_view article_id,
                                                      int limit) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT user_id, query, helped, created
FROM article_feedback WHERE article_key = $1 ORDER BY id DESC LIMIT $2)",
                                               {FoldId(article_id), int64_t{limit}}));
    std::vector<ArticleFeedback> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
      out.push_back({row.Text(0), row.Text(1), row.Bool(2), ParseStoredTime(row.Text(3))});
    }
    return out;
  }

 private:
  Result<std::vector<model::Article>> Select(const std::string& sql, const sql::Params& params) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<model::Article> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ReadArticle(row));
    return out;
  }

  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<KnowledgeRepo> NewKnowledgeRepo(sql::Connection& conn) {
  return std::make_unique<SqlKnowledgeRepo>(conn);
}

}  // namespace sa::store
