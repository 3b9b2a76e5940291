// The learning loop over HTTP (staff only): agents correct a conversation's
// intent, service or team (stored as labelled training examples), admins
// review the utterances the bot did not understand and label them, and the
// web pages list the intents a label may take. See docs/NLU.md.
#include <algorithm>

#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "itsm/audit.h"
#include "nlu/nlu.h"
#include "nlu/retrain.h"

namespace sa::http {

namespace {

constexpr size_t kMaxExampleText = 2000;
constexpr int kAllExamples = 100000;

// Kinds of store::TrainingExample (dialogue/learning.h names the same ones).
constexpr char kUnlabelled[] = "unlabelled";
constexpr char kIntent[] = "intent";

Status CheckIntent(const std::string& intent, const char* field) {
  const auto& known = nlu::FineIntents();
  if (std::find(known.begin(), known.end(), intent) != known.end()) return Status::Ok();
  return InvalidArgument(std::string("field \"") + field + "\": unknown intent \"" + intent +
                         "\" (GET /api/v1/learning/intents lists them)");
}

template <typename T>
bool HasId(const std::vector<T>& items, const std::string& id) {
  return std::any_of(items.begin(), items.end(), [&](const T& x) { return SameId(x.id, id); });
}

Json UtteranceJson(const store::TrainingExample& e) {
  return {{"id", e.id},
          {"text", e.text},
          {"language", e.language},
          {"conversation_id", e.source},
          {"label", e.label.empty() ? Json(nullptr) : Json(e.label)},
          {"at", FormatTime(e.at)}};
}

// The user's words a correction is about when the agent gives none: the
// conversation's first user message (secrets were masked before storing).
std::string FirstUserText(const std::vector<model::TranscriptEntry>& transcript) {
  for (const auto& entry : transcript) {
    if (entry.role == "user" && !entry.text.empty() && entry.text != "[hidden]") return entry.text;
  }
  return "";
}

Result<store::TrainingExample> FindUtterance(store::Tx& tx, int64_t id) {
  SA_ASSIGN_OR_RETURN(auto all, tx.learning().List(kUnlabelled, kAllExamples));
  for (auto& e : all) {
    if (e.id == id) return std::move(e);
  }
  return NotFound("utterance " + std::to_string(id) + " does not exist");
}

// GET /api/v1/nlu/model's body: the retrained model's info, or the built-in model.
Result<Json> ModelJson(const std::string& model_file) {
  Result<nlu::ModelInfo> info = model_file.empty()
                                    ? Result<nlu::ModelInfo>(NotFound("no model file"))
                                    : nlu::ReadModelInfo(model_file);
  if (!info.ok() && info.status().code() != Code::kNotFound) return info.status();
  if (!info.ok()) {
    return Json{{"source", "built-in"}, {"version", 0},       {"trained_at", nullptr},
                {"examples", nullptr},  {"corrections", 0},   {"held_out", 0},
                {"scores", nullptr}};
  }
  return Json{{"source", "retrained"},
              {"version", info->version},
              {"trained_at", info->trained_at.empty() ? Json(nullptr) : Json(info->trained_at)},
              {"examples", info->examples},
              {"corrections", info->corrections},
              {"held_out", info->held_out},
              {"scores",
               {{"heldout_accuracy", info->heldout_accuracy},
                {"builtin_accuracy", info->builtin_accuracy}}}};
}

}  // namespace

void Api::AddLearningRoutes() {
  Authed("POST", "/api/v1/conversations/{id}/corrections",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"intent", "service", "team", "text"});
           std::optional<std::string> intent = in.OptString("intent");
           std::optional<std::string> service = in.OptString("service");
           std::optional<std::string> team = in.OptString("team");
           std::optional<std::string> text = in.OptString("text");
           SA_RETURN_IF_ERROR(in.status());
           if (!intent && !service && !team) {
             return InvalidArgument("give at least one of \"intent\", \"service\", \"team\"");
           }
           if (intent) SA_RETURN_IF_ERROR(CheckIntent(*intent, "intent"));
           if (text && (text->empty() || text->size() > kMaxExampleText)) {
             return InvalidArgument("field \"text\": must be 1 to 2000 bytes");
           }
           SA_ASSIGN_OR_RETURN(std::shared_ptr<const model::OrgPack> org, Org());
           if (service && !HasId(org->services, *service)) {
             return InvalidArgument("field \"service\": unknown service \"" + *service + "\"");
           }
           if (team && !HasId(org->teams, *team)) {
             return InvalidArgument("field \"team\": unknown team \"" + *team + "\"");
           }

           const std::string& id = request.params["id"];
           Json stored = Json::array();
           std::string said;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             stored = Json::array();
             SA_ASSIGN_OR_RETURN(auto conversation, tx.conversations().Get(id));
             if (!conversation) return NotFound("conversation " + id + " does not exist");
             if (text) {
               said = *text;
             } else {
               SA_ASSIGN_OR_RETURN(auto transcript,
                                   tx.conversations().Transcript(conversation->id));
               said = FirstUserText(transcript);
               if (said.empty()) {
                 return InvalidArgument(
                     "the conversation has no user message to learn from; give \"text\"");
               }
             }
             std::string language = conversation->language;
             if (language.empty()) language = conversation->state.value("language", "");
             store::TrainingExample e;
             e.text = said;
             e.language = language;
             e.source = "correction:" + conversation->id;
             e.at = deps_.clock.Now();
             Json changes = Json::object();
             for (auto [kind, label] : {std::pair{"intent", &intent},
                                        std::pair{"service", &service}, std::pair{"team", &team}}) {
               if (!*label) continue;
               e.kind = kind;
               e.label = **label;
               SA_ASSIGN_OR_RETURN(int64_t example_id, tx.learning().Add(e));
               stored.push_back({{"id", example_id}, {"kind", kind}, {"label", e.label}});
               changes[kind] = e.label;
             }
             model::Event event;
             event.actor = caller.actor.id;
             event.channel = caller.actor.channel;
             event.entity = "conversation";
             event.entity_id = conversation->id;
             event.action = "corrected";
             event.changes = std::move(changes);
             event.reason = "training examples for the learning loop";
             return itsm::RecordEvent(tx, deps_.clock, std::move(event));
           }));
           return Response::MakeJson(
               201, {{"conversation_id", id}, {"text", said}, {"examples", std::move(stored)}});
         });

  Authed(
      "GET", "/api/v1/learning/utterances",
      [this](Request& request, const Caller& caller) -> Result<Response> {
        SA_RETURN_IF_ERROR(RequireStaff(caller));
        QueryReader q(request.query, {"status", "limit"});
        std::string status = q.String("status");
        int limit = static_cast<int>(q.OptInt("limit", 1, 500).value_or(100));
        SA_RETURN_IF_ERROR(q.status());
        if (status.empty()) status = "unlabelled";
        if (status != "unlabelled" && status != "labelled" && status != "all") {
          return InvalidArgument(
              "parameter \"status\": expected unlabelled, labelled or all, got \"" + status + "\"");
        }
        std::vector<store::TrainingExample> all;
        SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
          SA_ASSIGN_OR_RETURN(all, tx.learning().List(kUnlabelled, kAllExamples));
          return Status::Ok();
        }));
        Json items = Json::array();
        int64_t total = 0;
        for (auto it = all.rbegin(); it != all.rend(); ++it) {  // newest first
          bool labelled = !it->label.empty();
          if ((status == "unlabelled" && labelled) || (status == "labelled" && !labelled)) {
            continue;
          }
          ++total;
          if (static_cast<int>(items.size()) < limit) items.push_back(UtteranceJson(*it));
        }
        return Response::MakeJson(200, {{"items", std::move(items)}, {"total", total}});
      });

  Authed("POST", "/api/v1/learning/utterances/{id}/label",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           const std::string& raw_id = request.params["id"];
           int64_t id = 0;
           if (raw_id.empty() || raw_id.size() > 18 ||
               !std::all_of(raw_id.begin(), raw_id.end(),
                            [](unsigned char c) { return c >= '0' && c <= '9'; })) {
             return InvalidArgument("utterance id must be a number, got \"" + raw_id + "\"");
           }
           id = std::stoll(raw_id);
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"intent"});
           std::string intent = in.String("intent");
           SA_RETURN_IF_ERROR(in.status());
           SA_RETURN_IF_ERROR(CheckIntent(intent, "intent"));
           store::TrainingExample utterance;
           int64_t example_id = 0;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(utterance, FindUtterance(tx, id));
             if (!utterance.label.empty()) {
               return Conflict("utterance " + raw_id + " is already labelled \"" + utterance.label +
                               "\"");
             }
             SA_RETURN_IF_ERROR(tx.learning().SetLabel(id, intent));
             store::TrainingExample e = utterance;
             e.kind = kIntent;
             e.label = intent;
             e.source = "review:" + raw_id;
             e.at = deps_.clock.Now();
             SA_ASSIGN_OR_RETURN(example_id, tx.learning().Add(e));
             model::Event event;
             event.actor = caller.actor.id;
             event.channel = caller.actor.channel;
             event.entity = "training_example";
             event.entity_id = raw_id;
             event.action = "labelled";
             event.changes = {{"intent", intent}, {"example_id", example_id}};
             event.reason = "reviewed an utterance the bot did not understand";
             return itsm::RecordEvent(tx, deps_.clock, std::move(event));
           }));
           utterance.label = intent;
           Json j = UtteranceJson(utterance);
           j["example_id"] = example_id;
           return Response::MakeJson(200, j);
         });

  Authed("GET", "/api/v1/learning/intents",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           Json items = Json::array();
           for (const std::string& name : nlu::FineIntents()) {
             items.push_back({{"name", name}, {"coarse", nlu::CoarseIntent(name)}});
           }
           return Response::MakeJson(200, {{"items", std::move(items)}});
         });

  // The intent model (admins): what serves now, and a retrain on demand.
  Authed("GET", "/api/v1/nlu/model",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           SA_ASSIGN_OR_RETURN(Json model, ModelJson(deps_.nlu_model_file));
           return Response::MakeJson(200, std::move(model));
         });

  Authed("POST", "/api/v1/nlu/retrain",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           SA_RETURN_IF_ERROR(ParseJsonObject(request.body, /*empty_is_object=*/true).status());
           if (!deps_.nlu_retrain) return Unavailable("retraining is not available on this server");
           SA_ASSIGN_OR_RETURN(nlu::RetrainReport report, deps_.nlu_retrain());
           model::Event event;
           event.actor = caller.actor.id;
           event.channel = caller.actor.channel;
           event.entity = "nlu_model";
           event.entity_id = std::to_string(report.model_version);
           event.action = report.accepted ? "retrained" : "retrain_rejected";
           event.reason = report.reason;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) {
             return itsm::RecordEvent(tx, deps_.clock, std::move(event));
           }));
           SA_ASSIGN_OR_RETURN(Json model, ModelJson(deps_.nlu_model_file));
           return Response::MakeJson(
               200, {{"accepted", report.accepted},
                     {"swapped", report.accepted},
                     {"reason", report.reason},
                     {"old",
                      {{"heldout_accuracy", report.old_heldout_accuracy},
                       {"builtin_accuracy", report.old_builtin_accuracy}}},
                     {"new",
                      {{"heldout_accuracy", report.new_heldout_accuracy},
                       {"builtin_accuracy", report.new_builtin_accuracy}}},
                     {"corrections_trained", report.extra_trained},
                     {"corrections_held_out", report.extra_held_out},
                     {"builtin_tests", report.builtin_tests},
                     {"examples", report.examples},
                     {"training_seconds", report.training_seconds},
                     {"model", std::move(model)}});
         });
}

}  // namespace sa::http
