#include <algorithm>

#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

constexpr char kGenerationCounter[] = "learning_generation";

class SqlLearningRepo : public LearningRepo {
 public:
  explicit SqlLearningRepo(sql::Connection& conn) : conn_(conn) {}

  Result<int64_t> Add(const TrainingExample& e) override {
    SA_ASSIGN_OR_RETURN(int64_t id, NextSequence(conn_, "training_example"));
    auto inserted = conn_.Exec(R"(INSERT INTO training_examples (id, kind, text, label, language,
  source, created) VALUES ($1, $2, $3, $4, $5, $6, $7))",
                               {id, e.kind, e.text, e.label, e.language, e.source, TimeText(e.at)});
    if (!inserted.ok()) return inserted.status();
    if (e.kind != "unlabelled") SA_RETURN_IF_ERROR(BumpGeneration());
    return id;
  }

  Status SetLabel(int64_t id, std::string_view label) override {
    SA_RETURN_IF_ERROR(RequireChanged(
        conn_.Exec("UPDATE training_examples SET label = $1 WHERE id = $2", {label, id}),
        NotFound("training example " + std::to_string(id) + " does not exist")));
    return BumpGeneration();
  }

  Result<int64_t> Generation() override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query("SELECT value FROM sequences WHERE name = $1",
                                               {std::string_view(kGenerationCounter)}));
    return rows.empty() ? int64_t{0} : rows[0].Int(0);
  }

  Status BumpGeneration() override { return NextSequence(conn_, kGenerationCounter).status(); }

  // Oldest first (the order they were added in); all kinds when `kind` is empty.
  Result<std::vector<TrainingExample>> List(std::string_view kind, int limit) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, kind, text, label, language, source,
  created FROM training_examples WHERE ($1 = '' OR kind = $1) ORDER BY id LIMIT $2)",
                                               {kind, std::clamp(limit, 1, 100000)}));
    std::vector<TrainingExample> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
      sql::RowReader r(row);
      TrainingExample e;
      e.id = r.Int();
      e.kind = r.Text();
      e.text = r.Text();
      e.label = r.Text();
      e.language = r.Text();
      e.source = r.Text();
      e.at = ParseStoredTime(r.Text());
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<LearningRepo> NewLearningRepo(sql::Connection& conn) {
  return std::make_unique<SqlLearningRepo>(conn);
}

}  // namespace sa::store
