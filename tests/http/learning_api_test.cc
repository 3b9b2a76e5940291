// The learning-loop API over real sockets: corrections of a conversation,
// the review list of utterances the bot did not understand, labelling them,
// and the intents they may take. Staff only; bad input is a 400.
#include <atomic>
#include <fstream>
#include <set>

#include "fixture.h"
#include "nlu/retrain.h"

namespace sa::http::testing {
namespace {

class LearningApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    // A conversation of alice's whose first message the bot got wrong.
    model::Conversation c;
    c.id = "conv-learn-1";
    c.user_id = "alice";
    c.channel = "api";
    c.language = "en";
    c.created = c.updated = clock_->Now();
    ASSERT_TRUE(store_
                    ->Transact([&](store::Tx& tx) -> Status {
                      SA_RETURN_IF_ERROR(tx.conversations().Insert(c));
                      model::TranscriptEntry e;
                      e.conversation_id = c.id;
                      e.role = "user";
                      e.author = "alice";
                      e.text = "the gizmo on my desk keeps beeping";
                      e.at = clock_->Now();
                      return tx.conversations().Append(e).status();
                    })
                    .ok());
  }

  // Stores an utterance the bot did not understand; returns its id.
  int64_t AddUtterance(const std::string& text, const std::string& language = "en") {
    int64_t id = 0;
    EXPECT_TRUE(store_
                    ->Transact([&](store::Tx& tx) -> Status {
                      store::TrainingExample e;
                      e.kind = "unlabelled";
                      e.text = text;
                      e.language = language;
                      e.source = "conv-learn-1";
                      e.at = clock_->Now();
                      SA_ASSIGN_OR_RETURN(id, tx.learning().Add(e));
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  std::vector<store::TrainingExample> Examples(const std::string& kind) {
    std::vector<store::TrainingExample> out;
    EXPECT_TRUE(store_
                    ->Transact([&](store::Tx& tx) -> Status {
                      SA_ASSIGN_OR_RETURN(out, tx.learning().List(kind, 1000));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }
};

TEST_F(LearningApiTest, AgentCorrectionStoresLabelledExamplesOfTheFirstUserMessage) {
  HttpResponse r = client_->Call("POST", "/api/v1/conversations/conv-learn-1/corrections", franck_,
                                 {{"intent", "hardware_broken"}, {"team", "network"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["text"], "the gizmo on my desk keeps beeping");
  ASSERT_EQ(r.json()["examples"].size(), 2u);

  auto intents = Examples("intent");
  ASSERT_EQ(intents.size(), 1u);
  EXPECT_EQ(intents[0].label, "hardware_broken");
  EXPECT_EQ(intents[0].text, "the gizmo on my desk keeps beeping");
  EXPECT_EQ(intents[0].language, "en");
  EXPECT_EQ(intents[0].source, "correction:conv-learn-1");
  auto teams = Examples("team");
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0].label, "network");

  // Audited on the conversation.
  HttpResponse audit = client_->Call("GET", "/api/v1/audit/events?limit=1000", hugo_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  bool found = false;
  const Json events = audit.json();
  for (const Json& e : events["items"]) {
    if (e.value("action", "") == "corrected" && e.value("entity_id", "") == "conv-learn-1") {
      found = true;
      EXPECT_EQ(e.value("actor", ""), "franck");
    }
  }
  EXPECT_TRUE(found) << audit.body;
}

TEST_F(LearningApiTest, CorrectionWithExplicitTextAndServiceStoresThatText) {
  HttpResponse r =
      client_->Call("POST", "/api/v1/conversations/conv-learn-1/corrections", hugo_,
                    {{"service", "vpn"}, {"text", "anyconnect drops every ten minutes"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto services = Examples("service");
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].text, "anyconnect drops every ten minutes");
  EXPECT_EQ(services[0].label, "vpn");
}

TEST_F(LearningApiTest, OnlyStaffMayUseTheLearningRoutes) {
  int64_t id = AddUtterance("blorf");
  const std::string label = "/api/v1/learning/utterances/" + std::to_string(id) + "/label";
  for (const std::string& token : {alice_, slack_}) {
    EXPECT_EQ(client_
                  ->Call("POST", "/api/v1/conversations/conv-learn-1/corrections", token,
                         {{"intent", "greeting"}})
                  .status,
              403);
    EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances", token).status, 403);
    EXPECT_EQ(client_->Call("POST", label, token, {{"intent", "greeting"}}).status, 403);
    EXPECT_EQ(client_->Call("GET", "/api/v1/learning/intents", token).status, 403);
  }
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances", "").status, 401);
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances", nadia_).status, 200);
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/intents", hugo_).status, 200);
  EXPECT_TRUE(Examples("intent").empty()) << "a refused call stored something";
}

TEST_F(LearningApiTest, BadCorrectionsAreRejected) {
  const std::string path = "/api/v1/conversations/conv-learn-1/corrections";
  struct Case {
    Json body;
    int status;
  };
  std::vector<Case> cases = {
      {Json::object(), 400},                                              // nothing to learn
      {{{"intent", "make_coffee"}}, 400},                                 // unknown intent
      {{{"service", "teleporter"}}, 400},                                 // unknown service
      {{{"team", "nobody"}}, 400},                                        // unknown team
      {{{"intent", "greeting"}, {"text", ""}}, 400},                      // empty text
      {{{"intent", "greeting"}, {"text", std::string(2001, 'x')}}, 400},  // too long
      {{{"intent", 7}}, 400},                                             // wrong type
      {{{"intent", "greeting"}, {"colour", "red"}}, 400},                 // unknown field
  };
  for (const Case& c : cases) {
    HttpResponse r = client_->Call("POST", path, franck_, c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " -> " << r.body;
    EXPECT_EQ(r.ErrorCode(), "invalid_argument") << c.body.dump();
  }
  EXPECT_EQ(
      client_->Send("POST", path, "{not json", {{"Authorization", "Bearer " + franck_}}).status,
      400);
  EXPECT_EQ(client_
                ->Call("POST", "/api/v1/conversations/no-such-conv/corrections", franck_,
                       {{"intent", "greeting"}})
                .status,
            404);
  EXPECT_TRUE(Examples("").empty());
}

TEST_F(LearningApiTest, ReviewListShowsUnlabelledUtterancesNewestFirstAndLabellingMovesThem) {
  int64_t first = AddUtterance("wibble wobble");
  int64_t second = AddUtterance("打印机又卡纸了吗", "zh");
  HttpResponse list = client_->Call("GET", "/api/v1/learning/utterances?status=unlabelled", hugo_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 2u);
  EXPECT_EQ(list.json()["total"], 2);
  EXPECT_EQ(list.json()["items"][0]["id"], second);
  EXPECT_EQ(list.json()["items"][0]["language"], "zh");
  EXPECT_EQ(list.json()["items"][0]["conversation_id"], "conv-learn-1");
  EXPECT_TRUE(list.json()["items"][0]["label"].is_null());

  HttpResponse labelled =
      client_->Call("POST", "/api/v1/learning/utterances/" + std::to_string(second) + "/label",
                    hugo_, {{"intent", "printer_problem"}});
  ASSERT_EQ(labelled.status, 200) << labelled.body;
  EXPECT_EQ(labelled.json()["label"], "printer_problem");

  list = client_->Call("GET", "/api/v1/learning/utterances", hugo_);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], first);
  list = client_->Call("GET", "/api/v1/learning/utterances?status=labelled", hugo_);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["label"], "printer_problem");

  auto intents = Examples("intent");
  ASSERT_EQ(intents.size(), 1u);
  EXPECT_EQ(intents[0].text, "打印机又卡纸了吗");
  EXPECT_EQ(intents[0].label, "printer_problem");
  EXPECT_EQ(intents[0].language, "zh");

  // Labelling twice is a conflict; the store keeps the first label.
  EXPECT_EQ(client_
                ->Call("POST", "/api/v1/learning/utterances/" + std::to_string(second) + "/label",
                       hugo_, {{"intent", "greeting"}})
                .status,
            409);
}

TEST_F(LearningApiTest, BadLabelsAndUnknownUtterancesAreRejected) {
  int64_t id = AddUtterance("zzz");
  const std::string path = "/api/v1/learning/utterances/" + std::to_string(id) + "/label";
  EXPECT_EQ(client_->Call("POST", path, hugo_, {{"intent", "nonsense"}}).status, 400);
  EXPECT_EQ(client_->Call("POST", path, hugo_, Json::object()).status, 400);
  EXPECT_EQ(client_->Call("POST", path, hugo_, {{"intent", "greeting"}, {"x", 1}}).status, 400);
  EXPECT_EQ(
      client_
          ->Call("POST", "/api/v1/learning/utterances/abc/label", hugo_, {{"intent", "greeting"}})
          .status,
      400);
  EXPECT_EQ(client_
                ->Call("POST", "/api/v1/learning/utterances/999999/label", hugo_,
                       {{"intent", "greeting"}})
                .status,
            404);
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances?status=maybe", hugo_).status, 400);
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances?limit=0", hugo_).status, 400);
  EXPECT_EQ(client_->Call("GET", "/api/v1/learning/utterances?colour=red", hugo_).status, 400);
  EXPECT_TRUE(Examples("intent").empty());
}

TEST_F(LearningApiTest, IntentListNamesEveryFineIntentWithItsContractIntent) {
  HttpResponse r = client_->Call("GET", "/api/v1/learning/intents", franck_);
  ASSERT_EQ(r.status, 200);
  std::set<std::string> names;
  const Json body = r.json();
  for (const Json& item : body["items"]) {
    names.insert(item.value("name", ""));
    if (item.value("name", "") == "printer_problem") {
      EXPECT_EQ(item["coarse"], "incident");
    }
  }
  EXPECT_TRUE(names.count("password_reset"));
  EXPECT_TRUE(names.count("out_of_scope"));
  EXPECT_GT(names.size(), 10u) << r.body;
}

// The admin routes of the intent model, on a second server whose retrain
// hook is a fake (the real one, dialogue::RetrainFromStore, is tested in
// tests/dialogue/learning_test.cc and tests/nlu/retrain_test.cc).
class NluAdminApiTest : public LearningApiTest {
 protected:
  void SetUp() override {
    LearningApiTest::SetUp();
    if (HasFatalFailure()) return;
    model_file_ = (dir_ / "nlu-model.bin").string();
    ServerDeps deps{*store_, *clock_, *tickets_, &engine_};
    deps.nlu_model_file = model_file_;
    deps.nlu_retrain = [this]() -> Result<nlu::RetrainReport> {
      ++retrains_;
      nlu::RetrainReport r;
      r.accepted = true;
      r.reason = "accepted: held-out corrections 50.0% -> 100.0% (2)";
      r.extra_trained = 8;
      r.extra_held_out = 2;
      r.builtin_tests = 40;
      r.examples = 4408;
      r.old_heldout_accuracy = 0.5;
      r.new_heldout_accuracy = 1.0;
      r.old_builtin_accuracy = r.new_builtin_accuracy = 0.95;
      r.model_version = 3;
      std::ofstream(model_file_) << "model";
      std::ofstream(model_file_ + ".info")
          << R"({"version": 3, "trained_at": "2026-11-23T10:00:00Z", "examples": 4408,
                 "corrections": 8, "held_out": 2, "heldout_accuracy": 1.0,
                 "builtin_accuracy": 0.95})";
      return r;
    };
    auto server = Server::Start(options_, deps);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    admin_server_ = std::move(server).value();
    admin_client_ = std::make_unique<Client>(admin_server_->port());
  }
  void TearDown() override {
    admin_client_.reset();
    if (admin_server_) {
      admin_server_->Stop();
      admin_server_->Wait();
    }
    admin_server_.reset();
    LearningApiTest::TearDown();
  }

  std::string model_file_;
  std::atomic<int> retrains_{0};
  std::unique_ptr<Server> admin_server_;
  std::unique_ptr<Client> admin_client_;
};

TEST_F(NluAdminApiTest, OnlyAdminsMayRetrainOrInspectTheModel) {
  for (const std::string& token : {alice_, slack_, franck_}) {
    EXPECT_EQ(admin_client_->Call("POST", "/api/v1/nlu/retrain", token, Json::object()).status,
              403);
    EXPECT_EQ(admin_client_->Call("GET", "/api/v1/nlu/model", token).status, 403);
  }
  EXPECT_EQ(admin_client_->Call("POST", "/api/v1/nlu/retrain", "", Json::object()).status, 401);
  EXPECT_EQ(admin_client_->Call("GET", "/api/v1/nlu/model", "").status, 401);
  EXPECT_EQ(retrains_, 0) << "a refused call retrained";
  EXPECT_EQ(admin_client_->Call("GET", "/api/v1/nlu/model", hugo_).status, 200);
}

TEST_F(NluAdminApiTest, BeforeAnyRetrainTheBuiltInModelServes) {
  HttpResponse r = admin_client_->Call("GET", "/api/v1/nlu/model", hugo_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["source"], "built-in");
  EXPECT_EQ(r.json()["version"], 0);
  EXPECT_TRUE(r.json()["trained_at"].is_null());
}

TEST_F(NluAdminApiTest, RetrainReturnsOldAndNewScoresAndTheNewModel) {
  HttpResponse r = admin_client_->Call("POST", "/api/v1/nlu/retrain", hugo_, Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(retrains_, 1);
  Json j = r.json();
  EXPECT_EQ(j["accepted"], true);
  EXPECT_EQ(j["swapped"], true);
  EXPECT_DOUBLE_EQ(j["old"]["heldout_accuracy"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["new"]["heldout_accuracy"].get<double>(), 1.0);
  EXPECT_EQ(j["corrections_trained"], 8);
  EXPECT_EQ(j["corrections_held_out"], 2);
  EXPECT_EQ(j["model"]["version"], 3);

  HttpResponse m = admin_client_->Call("GET", "/api/v1/nlu/model", hugo_);
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.json()["source"], "retrained");
  EXPECT_EQ(m.json()["version"], 3);
  EXPECT_EQ(m.json()["trained_at"], "2026-11-23T10:00:00Z");
  EXPECT_EQ(m.json()["examples"], 4408);
  EXPECT_DOUBLE_EQ(m.json()["scores"]["builtin_accuracy"].get<double>(), 0.95);
  // A body that is not a JSON object is refused before retraining.
  EXPECT_EQ(admin_client_
                ->Send("POST", "/api/v1/nlu/retrain", "[1]", {{"Authorization", "Bearer " + hugo_}})
                .status,
            400);
  EXPECT_EQ(retrains_, 1);
}

TEST_F(LearningApiTest, RetrainWithoutAHookIsUnavailable) {
  EXPECT_EQ(client_->Call("POST", "/api/v1/nlu/retrain", hugo_, Json::object()).status, 503);
  EXPECT_EQ(client_->Call("GET", "/api/v1/nlu/model", hugo_).json()["source"], "built-in");
}

}  // namespace
}  // namespace sa::http::testing
