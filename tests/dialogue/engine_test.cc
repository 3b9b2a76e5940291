// The conversation engine end to end, in-process: a real SQLite store (or a
// real PostgreSQL database when SA_TEST_DB=postgres, tests/support/test_db.h), the
// real NLU and knowledge index, a real slapd and a real SMTP server for
// password resets. Conversations are data (data/conversations.yaml) on a pack
// unlike the demo one (data/northwind.yaml), and every other pair
// data/<pack>.yaml + data/<pack>-conversations.yaml.
#include <gtest/gtest.h>
#include <liboath/oath.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/ids.h"
#include "dialogue/dialogue.h"
#include "dialogue/slots.h"
#include "itsm/pack.h"
#include "tests/support/slapd_server.h"
#include "tests/support/smtp_server.h"
#include "tests/support/test_db.h"

namespace sa::dialogue {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Data(const std::string& name) {
  return std::string(SA_SOURCE_DIR) + "/tests/dialogue/data/" + name;
}

// Everything the engine needs, built once for the suite (training the NLU
// model takes a few seconds).
struct World {
  std::string dir;
  std::shared_ptr<ManualClock> clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<itsm::TicketService> tickets;
  std::unique_ptr<OrgContext> org;
  std::unique_ptr<Messages> messages;
  std::unique_ptr<test::SmtpServer> smtp;
  std::unique_ptr<test::SlapdServer> slapd;
  std::unique_ptr<automation::Mailer> mailer;
  std::unique_ptr<automation::Directory> directory;
  std::unique_ptr<Engine> engine;
};

World* world = nullptr;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world = new World();
    BuildWorld(*world, "northwind.yaml");
  }

  // Imports data/<pack> into a fresh store and builds the engine over it.
  static void BuildWorld(World& w, const std::string& pack) {
    w.dir = fs::temp_directory_path() / ("sa-dialogue-" + RandomHex(6));
    fs::create_directories(w.dir);
    // Monday 2026-11-23 10:00 UTC = 18:00 in Shanghai, within Northwind's hours.
    w.clock = std::make_shared<ManualClock>(*ParseTime("2026-11-23T10:00:00Z"));
    auto location = sa::testing::TestStoreLocation(w.dir);
    ASSERT_TRUE(location.ok()) << location.status().ToString();
    auto store = store::OpenStore(*location);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    w.store = std::move(store).value();
    std::vector<std::string> errors;
    auto imported = itsm::ImportPack(*w.store, *w.clock, ReadFile(Data(pack)), "test",
                                     "cli", &errors);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString()
                               << (errors.empty() ? "" : "\n" + errors.front());
    w.tickets = std::make_unique<itsm::TicketService>(*w.store, *w.clock, itsm::PriorityMatrix(),
                                                      itsm::AccessPolicy{});
    OrgContextOptions org_options;
    org_options.nlu_resource_dir = std::string(SA_SOURCE_DIR) + "/resources/nlu";
    org_options.nlu_model_cache = w.dir + "/nlu-model.bin";
    w.org = std::make_unique<OrgContext>(*w.store, org_options);
    auto messages = Messages::Embedded();
    ASSERT_TRUE(messages.ok());
    w.messages = std::make_unique<Messages>(std::move(messages).value());

    auto smtp = test::SmtpServer::Start();
    ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
    w.smtp = std::move(smtp).value();
    automation::SmtpOptions smtp_options;
    smtp_options.host = w.smtp->host();
    smtp_options.port = w.smtp->port();
    smtp_options.from = "bot@northwind.example";
    auto mailer = automation::NewSmtpMailer(smtp_options);
    ASSERT_TRUE(mailer.ok());
    w.mailer = std::move(mailer).value();

    test::SlapdOptions slapd_options;
    slapd_options.suffix = "dc=northwind,dc=example";
    slapd_options.users = {{"nina", "Nina Park", "Nina-Initial-1", "nina@northwind.example"},
                           {"pavel", "Pavel Orlov", "Pavel-Initial-2", "pavel@northwind.example"}};
    auto slapd = test::SlapdServer::Start(slapd_options);
    ASSERT_TRUE(slapd.ok()) << slapd.status().ToString();
    w.slapd = std::move(slapd).value();
    automation::LdapOptions ldap;
    ldap.uri = w.slapd->uri();
    ldap.bind_dn = w.slapd->service_dn();
    ldap.bind_password = w.slapd->service_password();
    auto directory = automation::NewLdapDirectory(ldap);
    ASSERT_TRUE(directory.ok());
    w.directory = std::move(directory).value();

    EngineDeps deps;
    deps.store = w.store.get();
    deps.clock = w.clock;
    deps.tickets = w.tickets.get();
    deps.org = w.org.get();
    deps.messages = w.messages.get();
    deps.mailer = w.mailer.get();
    deps.directory = w.directory.get();
    auto engine = NewEngine(std::move(deps));
    ASSERT_TRUE(engine.ok());
    w.engine = std::move(engine).value();
  }

  static void TearDownTestSuite() {
    if (world == nullptr) return;
    std::string dir = world->dir;
    delete world;
    world = nullptr;
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  void SetUp() override { ASSERT_NE(world->engine, nullptr) << "suite set-up failed"; }

  static itsm::Actor Integration() {
    itsm::Actor a;
    a.id = "test-adapter";
    a.role = itsm::Role::kIntegration;
    return a;
  }

  Engine& engine() { return *world->engine; }

 public:
  Turn SayForTest(const std::string& id, const std::string& text) { return Say(id, text); }

 protected:

  Turn Open(const std::string& user) {
    auto t = engine().Open(Integration(), user, "api");
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Turn{};
  }

  Turn Say(const std::string& id, const std::string& text, const std::string& key = "") {
    auto t = engine().Message(Integration(), id, text, key.empty() ? NewUuid() : key);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Turn{};
  }

  static std::string Slot(const Turn& t) {
    const Json& e = t.state.value("expecting", Json());
    return e.is_object() ? e.value("slot", "") : "";
  }

  static const Json* Reply(const Turn& t, const std::string& kind) {
    for (const auto& r : t.replies) {
      if (r.value("kind", "") == kind) return &r;
    }
    return nullptr;
  }

  // The latest code mailed to `to`.
  static std::string LastCode(const std::string& to) {
    std::string code;
    for (const auto& m : world->smtp->Messages()) {
      if (std::find(m.rcpt_tos.begin(), m.rcpt_tos.end(), to) == m.rcpt_tos.end()) continue;
      std::smatch match;
      if (std::regex_search(m.text, match, std::regex(R"(\b(\d{6})\b)"))) code = match.str(1);
    }
    return code;
  }
};

// ---------------------------------------------------------------- data-driven conversations

struct CaseResult {
  bool ok = false;
  std::string why;
};

bool ScriptOk(const std::string& text, const std::string& lang) {
  // Cyrillic letters are U+0400..U+04FF: lead byte D0..D3 (not "«" C2 AB).
  bool cyr = false;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (c >= 0xD0 && c <= 0xD3 && next >= 0x80 && next <= 0xBF) cyr = true;
  }
  bool han = false;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xE4 && c <= 0xE9) han = true;
  }
  bool latin = std::regex_search(text, std::regex("[A-Za-z]"));
  if (lang == "ru") return cyr;
  if (lang == "zh") return han;
  return latin && !cyr && !han;
}

struct PlayResult {
  int passed = 0;
  int total = 0;
  std::string failures;  // one line per failed conversation
};

// Plays data/<cases_file> against the world built on data/<pack_file> the way
// converse-eval does, and judges the outcomes.
PlayResult PlayConversations(World& w, const std::string& pack_file,
                             const std::string& cases_file) {
  itsm::Actor integration;
  integration.id = "test-adapter";
  integration.role = itsm::Role::kIntegration;
  YAML::Node cases = YAML::LoadFile(Data(cases_file));
  YAML::Node pack = YAML::LoadFile(Data(pack_file));
  const std::map<std::string, std::string> yes = {{"en", "yes"}, {"ru", "да"}, {"zh", "是的"}};
  const std::map<std::string, std::string> no_help = {
      {"en", "no, that does not help"}, {"ru", "нет, это не помогло"}, {"zh", "不是，这没有帮助"}};
  const std::map<std::string, std::string> dunno = {
      {"en", "I don't know"}, {"ru", "не знаю"}, {"zh", "我不知道"}};
  // An article and its translations count as the same answer.
  std::map<std::string, std::set<std::string>> family;
  for (const auto& a : pack["knowledge"]) {
    std::set<std::string> ids = {a["id"].as<std::string>()};
    for (const auto& t : a["translations"]) ids.insert(t.second.as<std::string>());
    for (const auto& id : ids) family[id].insert(ids.begin(), ids.end());
  }
  auto offered_expected = [&](const std::set<std::string>& offered, const std::string& article) {
    for (const auto& id : family[article]) {
      if (offered.count(id)) return true;
    }
    return offered.count(article) > 0;
  };
  PlayResult result;
  for (const auto& c : cases) {
    const std::string id = c["id"].as<std::string>();
    const std::string lang = c["language"].as<std::string>();
    const YAML::Node expect = c["expect"];
    const std::string outcome = expect["outcome"].as<std::string>();
    auto opened = w.engine->Open(integration, c["user"].as<std::string>(), "api");
    if (!opened.ok()) {
      result.failures += "\n  " + id + ": " + opened.status().ToString();
      continue;
    }
    Turn t = *opened;
    std::string text = c["says"].as<std::string>();
    std::set<std::string> offered, notices;
    bool language_ok = true;
    for (int turn = 0; turn < 12; ++turn) {
      auto said = w.engine->Message(integration, t.conversation_id, text, NewUuid());
      if (!said.ok()) break;
      t = *said;
      for (const auto& r : t.replies) {
        language_ok &= ScriptOk(r.value("text", ""), lang);
        if (r.value("kind", "") == "article") offered.insert(r.value("article_id", ""));
        if (r.value("kind", "") == "notice") {
          notices.insert(r.value("change_id", "") + r.value("incident_id", ""));
        }
      }
      std::string status = t.state.value("status", "");
      if (status == "resolved" || status == "handed_off" || status == "closed") break;
      const Json expecting = t.state.value("expecting", Json());
      if (!expecting.is_object()) break;
      std::string slot = expecting.value("slot", "");
      if (slot == "verification_code") break;
      if (slot == "article_feedback") {
        bool right =
            outcome == "answered" && offered_expected(offered, expect["article"].as<std::string>());
        text = right ? yes.at(lang) : no_help.at(lang);
      } else if (slot == "confirm") {
        text = (outcome == "answered" || outcome == "outage_notice") ? "no" : yes.at(lang);
        if (lang == "ru" && text == "no") text = "нет";
        if (lang == "zh" && text == "no") text = "不是";
      } else if (c["knows"][slot]) {
        text = c["knows"][slot].as<std::string>();
        if (expecting.contains("options") && expecting.value("type", "") == "choice") {
          int idx = MatchChoice(text, expecting["options"].get<std::vector<std::string>>());
          if (idx >= 0) text = expecting["options"][static_cast<size_t>(idx)].get<std::string>();
        }
      } else if (expecting.contains("options") && !expecting["options"].empty()) {
        text = expecting["options"][0].get<std::string>();
      } else {
        text = dunno.at(lang);
      }
    }
    CaseResult r;
    std::string ticket_id = t.state.value("ticket_id", Json()).is_string()
                                ? t.state["ticket_id"].get<std::string>()
                                : "";
    std::optional<model::Ticket> ticket;
    if (!ticket_id.empty()) {
      itsm::Actor judge;
      judge.id = "ada";
      judge.role = itsm::Role::kAdmin;
      auto got = w.tickets->Get(judge, ticket_id);
      if (got.ok()) ticket = *got;
    }
    if (outcome == "answered") {
      r.ok = offered_expected(offered, expect["article"].as<std::string>()) && !ticket;
      r.why = "offered " + std::to_string(offered.size()) + " article(s)";
    } else if (outcome == "ticket" || outcome == "request") {
      r.ok = ticket && ticket->team == expect["team"].as<std::string>();
      if (r.ok && outcome == "ticket") {
        r.ok = ticket->type == model::TicketType::kIncident &&
               (!expect["service"] || ticket->service == expect["service"].as<std::string>());
      }
      if (r.ok && outcome == "request") {
        r.ok = ticket->type == model::TicketType::kRequest &&
               ticket->catalog_item == expect["request"].as<std::string>();
        for (const auto& item : pack["request_catalog"]) {
          if (item["id"].as<std::string>() != expect["request"].as<std::string>()) continue;
          for (const auto& f : item["fields"]) {
            if (f["required"] && f["required"].as<bool>()) {
              // As converse-eval judges: present and not empty, false or 0.
              const Json v = ticket->fields.value(f["name"].as<std::string>(), Json());
              r.ok = r.ok && !v.is_null() && v != Json(false) && v != Json("") && v != Json(0);
            }
          }
        }
      }
      r.why = ticket ? "ticket " + ticket->id + " team " + ticket->team + " service " +
                           ticket->service + " item " + ticket->catalog_item
                     : "no ticket, state " + t.state.dump();
    } else if (outcome == "outage_notice") {
      r.ok = notices.count(expect["change"].as<std::string>()) > 0;
      r.why = "notices given: " + std::to_string(notices.size());
    } else if (outcome == "password_reset") {
      r.ok = t.state.value("intent", "") == "password_reset" && !ticket;
      r.why = "state " + t.state.dump();
    } else if (outcome == "handoff") {
      r.ok = t.state.value("status", "") == "handed_off" &&
             t.state.value("team", Json()) == expect["team"].as<std::string>();
      r.why = "state " + t.state.dump();
    }
    if (r.ok && !language_ok) {
      r.ok = false;
      r.why = "a reply was not in " + lang;
    }
    result.passed += r.ok;
    if (!r.ok) result.failures += "\n  " + id + " (" + outcome + "): " + r.why;
  }
  result.total = static_cast<int>(cases.size());
  return result;
}

TEST_F(EngineTest, PlaysTheConversationsOfTheTestPack) {
  PlayResult r = PlayConversations(*world, "northwind.yaml", "conversations.yaml");
  // Every conversation must pass: they are the behaviours the bot promises.
  EXPECT_EQ(r.passed, r.total) << "failed:" << r.failures;
}

// Every other pair data/<pack>.yaml + data/<pack>-conversations.yaml, each on a
// fresh world: packs the bot was not tuned on, so 90% must pass.
TEST_F(EngineTest, PlaysTheConversationsOfEveryOtherTestPack) {
  const std::string suffix = "-conversations.yaml";
  int packs = 0;
  for (const auto& entry : fs::directory_iterator(Data(""))) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string pack = name.substr(0, name.size() - suffix.size()) + ".yaml";
    ASSERT_TRUE(fs::exists(Data(pack))) << name << " has no " << pack;
    ++packs;
    PlayResult r;
    std::string dir;
    {
      World w;
      BuildWorld(w, pack);
      dir = w.dir;
      ASSERT_NE(w.engine, nullptr) << pack;
      r = PlayConversations(w, pack, name);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    std::printf("%s: %d/%d conversations passed%s\n", pack.c_str(), r.passed, r.total,
                r.failures.c_str());
    EXPECT_GE(r.passed * 10, r.total * 9) << pack << " failed:" << r.failures;
  }
  EXPECT_GT(packs, 0);
}

// The held-out exam (exam/meridian*.yaml): a pack and conversations written by
// someone who had not read the product, used to measure the bot on an unseen
// organization (docs/PERFORMANCE.md gives its converse-eval score). It is kept
// out of data/ so that fixing its failures one by one cannot pass for
// generalization; this test only guards against falling below the score it
// reached (36 of 45 in this player, 2026-11-23).
TEST_F(EngineTest, DoesNotFallBelowItsScoreOnTheHeldOutExamPack) {
  PlayResult r;
  std::string dir;
  {
    World w;
    BuildWorld(w, "../exam/meridian.yaml");
    dir = w.dir;
    ASSERT_NE(w.engine, nullptr);
    r = PlayConversations(w, "../exam/meridian.yaml", "../exam/meridian-conversations.yaml");
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::printf("exam/meridian.yaml: %d/%d conversations passed%s\n", r.passed, r.total,
              r.failures.c_str());
  EXPECT_EQ(r.total, 45);
  EXPECT_GE(r.passed, 36) << "failed:" << r.failures;
}

// ---------------------------------------------------------------- behaviours

// What a catalog field's answer is stored as: what a person reading the request
// (and converse-eval, which counts false or "" as missing) expects.
TEST_F(EngineTest, StoresEachFieldTypeInTheFormPeopleRead) {
  auto org = world->org->Current();
  ASSERT_TRUE(org.ok());
  const OrgSnapshot& snap = **org;
  nlu::AnalyzeContext ctx;
  ctx.language_hint = "en";
  ctx.now = world->clock->Now();
  ctx.timezone = snap.pack.organization.timezone;
  auto parse = [&](const std::string& type, const std::string& answer,
                   std::vector<std::string> options = {}) {
    model::CatalogField f;
    f.name = "f";
    f.type = type;
    f.options = std::move(options);
    f.required = true;
    return ParseFieldAnswer(f, answer, snap, *snap.nlu, ctx);
  };
  EXPECT_EQ(parse("yes_no", "no").value, Json("no"));
  EXPECT_EQ(parse("yes_no", "нет").value, Json("no"));
  EXPECT_EQ(parse("yes_no", "yes please").value, Json("yes"));
  EXPECT_EQ(parse("yes_no", "是的").value, Json("yes"));
  EXPECT_EQ(parse("choice", "2", {"lost", "damaged"}).value, Json("damaged"));
  EXPECT_EQ(parse("date", "2026-12-03").value, Json("2026-12-03"));
  EXPECT_EQ(parse("number", "about 3 of them").value, Json(3));
  EXPECT_EQ(parse("email", "Ward3@Northwind.example").value, Json("ward3@northwind.example"));
  EXPECT_EQ(parse("user", "Pavel Orlov").value, Json("pavel"));
  EXPECT_EQ(parse("text", "the blue one").value, Json("the blue one"));
  EXPECT_TRUE(parse("yes_no", "I don't know").skipped);
}


TEST_F(EngineTest, GreetsInTheUsersLanguageAndWaitsForTheirRequest) {
  Turn t = Open("vera");
  ASSERT_FALSE(t.replies.empty());
  EXPECT_TRUE(ScriptOk(t.replies[0].value("text", ""), "ru"));
  EXPECT_EQ(Slot(t), "description");
}

TEST_F(EngineTest, RefusesUnknownUsersAndChannels) {
  EXPECT_EQ(engine().Open(Integration(), "nobody", "api").status().code(), Code::kNotFound);
  EXPECT_EQ(engine().Open(Integration(), "nina", "pigeon").status().code(), Code::kInvalidArgument);
  itsm::Actor user;
  user.id = "nina";
  user.role = itsm::Role::kUser;
  EXPECT_EQ(engine().Open(user, "pavel", "api").status().code(), Code::kPermissionDenied);
}

TEST_F(EngineTest, FindsUserByEmail) {
  auto t = engine().Open(Integration(), "NINA@northwind.example", "web");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto got = engine().Get(Integration(), t->conversation_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["user"], "nina");
}

TEST_F(EngineTest, RepeatedClientMessageIdReturnsTheFirstAnswerAndChangesNothing) {
  Turn t = Open("nina");
  Turn first = Say(t.conversation_id, "the ward printer prints blank labels", "retry-1");
  Turn again = Say(t.conversation_id, "the ward printer prints blank labels", "retry-1");
  EXPECT_EQ(first.replies, again.replies);
  EXPECT_EQ(first.state, again.state);
  auto got = engine().Get(Integration(), t.conversation_id);
  ASSERT_TRUE(got.ok());
  int user_turns = 0;
  for (const auto& e : (*got)["transcript"]) user_turns += e["role"] == "user";
  EXPECT_EQ(user_turns, 1);
}

TEST_F(EngineTest, HidesArticlesFromUsersOutsideTheirAudience) {
  Turn t = Open("pavel");  // office, not nurses
  t = Say(t.conversation_id, "How do I reprint a patient wristband?");
  for (const auto& r : t.replies) {
    EXPECT_NE(r.value("article_id", ""), "kb-wristband");
    EXPECT_NE(r.value("article_id", ""), "kb-wristband-ru");
  }
}

TEST_F(EngineTest, ReasksABadSlotAnswerWithHelp) {
  Turn t = Open("dora");
  t = Say(t.conversation_id, "I lost my badge, I need a new one");
  // The reason "lost" is in the first message; the date is asked.
  ASSERT_EQ(Slot(t), "collect_on") << t.state.dump();
  EXPECT_EQ(t.state["slots"].value("reason", ""), "lost");
  t = Say(t.conversation_id, "whenever, maybe purple");
  EXPECT_EQ(Slot(t), "collect_on");
  ASSERT_FALSE(t.replies.empty());
  EXPECT_NE(t.replies[0].value("text", "").find("2027-01-15"), std::string::npos);
  t = Say(t.conversation_id, "2026-12-10");
  EXPECT_EQ(t.state.value("status", ""), "resolved");
  ASSERT_NE(Reply(t, "ticket"), nullptr);
}

// "Never ask for what the profile already tells": the delivery place is the
// user's location and the computer their own tablet in the CMDB; the
// confirmation shows both so the user can correct them.
TEST_F(EngineTest, FillsRequesterFieldsFromTheProfileAndShowsThemBeforeSending) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "I need a second monitor please");
  ASSERT_EQ(Slot(t), "size") << t.state.dump();
  t = Say(t.conversation_id, "24\"");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  ASSERT_FALSE(t.replies.empty());
  const std::string summary = t.replies.back().value("text", "");
  EXPECT_NE(summary.find("Ward 3"), std::string::npos) << summary;
  EXPECT_NE(summary.find("TAB-0107"), std::string::npos) << summary;
  EXPECT_NE(summary.find("from your profile"), std::string::npos) << summary;
  t = Say(t.conversation_id, "yes");
  ASSERT_NE(Reply(t, "ticket"), nullptr) << t.state.dump();
  itsm::Actor admin;
  admin.id = "ada";
  admin.role = itsm::Role::kAdmin;
  auto ticket = world->tickets->Get(admin, t.state["ticket_id"].get<std::string>());
  ASSERT_TRUE(ticket.ok());
  EXPECT_EQ(ticket->catalog_item, "monitor");
  EXPECT_EQ(ticket->fields.value("deliver_to", ""), "Ward 3");
  EXPECT_EQ(ticket->fields.value("computer", ""), "TAB-0107");
  EXPECT_EQ(ticket->fields.value("size", ""), "24\"");
}

TEST_F(EngineTest, AsksWhatTheProfileSuggestedWhenTheUserSaysItIsWrong) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "I need a second monitor");
  t = Say(t.conversation_id, "27\"");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  t = Say(t.conversation_id, "no");
  ASSERT_EQ(Slot(t), "deliver_to") << t.state.dump();
  t = Say(t.conversation_id, "Ward 5, the nurses' office");
  ASSERT_EQ(Slot(t), "computer") << t.state.dump();
  t = Say(t.conversation_id, "skip");
  ASSERT_NE(Reply(t, "ticket"), nullptr) << t.state.dump();
  EXPECT_EQ(t.state["slots"].value("deliver_to", ""), "Ward 5, the nurses' office");
  EXPECT_FALSE(t.state["slots"].contains("computer"));
}

TEST_F(EngineTest, CorrectsAChoiceNamedInTheAnswerToTheConfirmation) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "I need a second monitor");
  t = Say(t.conversation_id, "27\"");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  t = Say(t.conversation_id, "no, make it 24\"");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  EXPECT_EQ(t.state["slots"].value("size", ""), "24\"");
  t = Say(t.conversation_id, "yes");
  ASSERT_NE(Reply(t, "ticket"), nullptr) << t.state.dump();
}

// "I don't know" to a required field: the request can go without it, the
// team asks later, instead of a hand-off.
TEST_F(EngineTest, OffersToSendWithoutARequiredFieldTheUserDoesNotKnow) {
  Turn t = Open("pavel");
  t = Say(t.conversation_id, "Нужно установить программу на компьютер");
  ASSERT_EQ(Slot(t), "app") << t.state.dump();
  t = Say(t.conversation_id, "не знаю");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  ASSERT_FALSE(t.replies.empty());
  EXPECT_TRUE(ScriptOk(t.replies.back().value("text", ""), "ru"));
  t = Say(t.conversation_id, "да");
  ASSERT_EQ(Slot(t), "copies") << t.state.dump();
  t = Say(t.conversation_id, "пропустить");
  ASSERT_NE(Reply(t, "ticket"), nullptr) << t.state.dump();
  EXPECT_NE(t.state.value("status", ""), "handed_off");
  itsm::Actor admin;
  admin.id = "ada";
  admin.role = itsm::Role::kAdmin;
  auto ticket = world->tickets->Get(admin, t.state["ticket_id"].get<std::string>());
  ASSERT_TRUE(ticket.ok());
  EXPECT_NE(ticket->description.find("to ask them: app"), std::string::npos) << ticket->description;
}

TEST_F(EngineTest, WrapsEnglishOnlyFieldPromptsInTheUsersLanguage) {
  Turn t = Open("xiao");
  t = Say(t.conversation_id, "我需要第二个显示器");
  ASSERT_EQ(Slot(t), "size") << t.state.dump();
  ASSERT_FALSE(t.replies.empty());
  const std::string q = t.replies.back().value("text", "");
  EXPECT_TRUE(ScriptOk(q, "zh")) << q;
  EXPECT_NE(q.find("Which size?"), std::string::npos) << q;
}

TEST_F(EngineTest, KeepsTheUsersLanguageWhenTheyAnswerWithALatinName) {
  Turn t = Open("xiao");
  t = Say(t.conversation_id, "我需要安装软件");
  ASSERT_EQ(Slot(t), "app") << t.state.dump();
  t = Say(t.conversation_id, "Adobe Acrobat Reader DC");
  ASSERT_EQ(Slot(t), "copies") << t.state.dump();
  EXPECT_EQ(t.state.value("language", ""), "zh");
  ASSERT_FALSE(t.replies.empty());
  EXPECT_TRUE(ScriptOk(t.replies.back().value("text", ""), "zh"))
      << t.replies.back().value("text", "");
}

// A message that names a catalog item but reads as a question: the bot asks
// whether it is a request before collecting anything; "no" goes on as how-to.
TEST_F(EngineTest, ConfirmsAWeakCatalogMatchInsteadOfAssumingIt) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "got a new badge yesterday because i lost my old one, now the ward pc says unknown "
          "badge when i tap it. how do i get it working");
  // Either the bot asks whether it is a request, or it reads the question as
  // a how-to at once and offers an article; it never starts the form.
  ASSERT_TRUE(Slot(t) == "confirm" || Slot(t) == "article_feedback") << t.state.dump();
  ASSERT_FALSE(t.replies.empty());
  if (Slot(t) == "confirm") {
    EXPECT_NE(t.replies.back().value("text", "").find("New ID badge"), std::string::npos);
  }
  t = Say(t.conversation_id, "no");
  EXPECT_NE(Slot(t), "reason") << t.state.dump();
  EXPECT_NE(t.state.value("intent", ""), "service_request") << t.state.dump();
}

TEST_F(EngineTest, DoesNotConfirmAPlainRequestForANamedItem) {
  Turn t = Open("dora");
  t = Say(t.conversation_id, "I need a new badge please");
  EXPECT_EQ(Slot(t), "reason") << t.state.dump();
}

TEST_F(EngineTest, HandsOverToTheTeamTheUserAsksFor) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "can I speak to someone from the netops team? we need to plan the ward network move");
  EXPECT_EQ(t.state.value("status", ""), "handed_off") << t.state.dump();
  EXPECT_EQ(t.state.value("team", Json()), "netops") << t.state.dump();
}

TEST_F(EngineTest, ALongMessageIsNeverReadAsAGoodbye) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "the label printer at the nurses station prints blank labels since this morning, "
          "thanks for looking into it, bye for now");
  EXPECT_NE(t.state.value("status", ""), "closed") << t.state.dump();
  EXPECT_NE(t.state.value("intent", ""), "thanks") << t.state.dump();
}

TEST_F(EngineTest, CancelMidwayCreatesNothing) {
  Turn t = Open("pavel");
  t = Say(t.conversation_id, "Нужно установить программу на компьютер");
  ASSERT_EQ(Slot(t), "app") << t.state.dump();
  t = Say(t.conversation_id, "отмена");
  EXPECT_EQ(t.state.value("status", ""), "resolved");
  EXPECT_TRUE(t.state["ticket_id"].is_null());
}

TEST_F(EngineTest, TakesACorrectionOfTheService) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "my webmail shows an error when I log in");
  ASSERT_EQ(t.state.value("service", Json()), "webmail") << t.state.dump();
  t = Say(t.conversation_id, "no sorry, it is MediChart, not the webmail");
  EXPECT_EQ(t.state.value("service", Json()), "medichart") << t.state.dump();
}

// Answers whatever the bot asks with a plausible value until the
// conversation ends (at most `turns` answers); the last turn.
Turn PlayOn(EngineTest& test, Turn t, const std::string& lang, int turns);

// "No" to sending without a field the user does not know asks it once more
// with a way out; not knowing it again goes to a person instead of a loop.
TEST_F(EngineTest, DoesNotLoopWhenTheUserRefusesToSendWithoutAField) {
  Turn t = Open("pavel");
  t = Say(t.conversation_id, "Нужно установить программу на компьютер");
  ASSERT_EQ(Slot(t), "app") << t.state.dump();
  t = Say(t.conversation_id, "не знаю");
  ASSERT_EQ(Slot(t), "confirm") << t.state.dump();
  t = Say(t.conversation_id, "нет");
  ASSERT_EQ(Slot(t), "app") << t.state.dump();
  ASSERT_FALSE(t.replies.empty());
  EXPECT_NE(t.replies.back().value("text", "").find("отмена"), std::string::npos);
  t = Say(t.conversation_id, "не знаю");
  EXPECT_EQ(t.state.value("status", ""), "handed_off") << t.state.dump();
  EXPECT_TRUE(t.state["ticket_id"].is_null());
}

// A polite word in a message that asks for help never closes the conversation.
TEST_F(EngineTest, AClosingWordNeverEndsAMessageThatAsksForHelp) {
  for (const auto& [user, text] : std::vector<std::pair<std::string, std::string>>{
           {"xiao", "谢谢，挂号处的打印机打不出腕带了，有没有办法自己先弄一下？"},
           {"nina", "thanks, bye... oh wait, my webmail says 'session expired' every time, is "
                    "there anything I can do myself?"}}) {
    Turn t = Open(user);
    t = Say(t.conversation_id, text);
    EXPECT_NE(t.state.value("status", ""), "closed") << text << "\n" << t.state.dump();
    EXPECT_NE(t.state.value("intent", ""), "thanks") << text << "\n" << t.state.dump();
  }
}

TEST_F(EngineTest, HandsOverToTheTeamTheUserNames) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "can I speak to someone from clinical apps? we need to go through the billing codes, "
          "too much to type here");
  EXPECT_EQ(t.state.value("status", ""), "handed_off") << t.state.dump();
  EXPECT_EQ(t.state.value("team", ""), "clinical-apps") << t.state.dump();
  t = Open("nina");
  t = Say(t.conversation_id, "I want to talk to a human, now");
  EXPECT_EQ(t.state.value("team", ""), "helpdesk") << t.state.dump();
}

TEST_F(EngineTest, TakesASelfCorrectionInRussianAndChinese) {
  Turn t = Open("pavel");
  t = Say(t.conversation_id,
          "Не работает почта... ой, нет, почта работает, это МедиЧарт: при входе ошибка 500");
  EXPECT_EQ(t.state.value("service", Json()), "medichart") << t.state.dump();
  t = Open("xiao");
  t = Say(t.conversation_id, "邮件打不开……说错了，是病历系统打不开，一直报错");
  EXPECT_EQ(t.state.value("service", Json()), "medichart") << t.state.dump();
}

// The Chinese-only webmail article is about the service but not about an
// English user's login error: not offered.
TEST_F(EngineTest, OffersAnArticleInAnotherLanguageOnlyOnItsWords) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "my webmail shows an error when I log in");
  for (const auto& r : t.replies) {
    EXPECT_NE(r.value("article_id", ""), "kb-mail-signature") << t.state.dump();
  }
}

TEST_F(EngineTest, SaysARequestGoesToApprovalWithoutAManagerPlaceholder) {
  Turn t = Open("nina");  // Nina has no manager
  t = Say(t.conversation_id, "I lost my badge and need a replacement badge");
  t = PlayOn(*this, t, "en", 6);
  const Json* ticket = Reply(t, "ticket");
  ASSERT_NE(ticket, nullptr) << t.state.dump();
  const std::string text = ticket->value("text", "");
  EXPECT_EQ(text.find("(-)"), std::string::npos) << text;
  EXPECT_NE(text.find("approval"), std::string::npos) << text;
}

TEST_F(EngineTest, TakesACountFromTheRequestItself) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "Please install Zoom on 3 computers in our office");
  ASSERT_EQ(t.state.value("intent", ""), "service_request") << t.state.dump();
  if (Slot(t) == "confirm") t = Say(t.conversation_id, "yes");  // a weak item match is confirmed
  EXPECT_EQ(t.state["slots"].value("copies", Json()), Json(3)) << t.state.dump();
  EXPECT_NE(Slot(t), "copies");
}

// A "how do I" question that reports a fault, not answered by the article,
// becomes an incident rather than a service request.
TEST_F(EngineTest, AHowToReportingAFaultBecomesAnIncident) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "How do I reprint a patient wristband? the label printer shows a 'ribbon error' every time");
  ASSERT_EQ(Slot(t), "article_feedback") << t.state.dump();
  t = Say(t.conversation_id, "no, that does not help");
  t = PlayOn(*this, t, "en", 6);
  ASSERT_FALSE(t.state["ticket_id"].is_null()) << t.state.dump() << t.replies.dump();
  itsm::Actor admin;
  admin.id = "ada";
  admin.role = itsm::Role::kAdmin;
  auto ticket = world->tickets->Get(admin, t.state["ticket_id"].get<std::string>());
  ASSERT_TRUE(ticket.ok());
  EXPECT_EQ(ticket->type, model::TicketType::kIncident);
}

Turn PlayOn(EngineTest& test, Turn t, const std::string& lang, int turns) {
  (void)lang;
  for (int i = 0; i < turns; ++i) {
    const Json& e = t.state.value("expecting", Json());
    if (!e.is_object()) break;
    const std::string type = e.value("type", "");
    std::string answer = "I don't know";
    if (type == "choice" && e.contains("options")) answer = e["options"][0].get<std::string>();
    if (type == "yes_no") answer = e.value("slot", "") == "article_feedback" ? "no" : "yes";
    if (type == "date") answer = "tomorrow";
    if (type == "number") answer = "1";
    if (type == "text") answer = "it happens every time since this morning";
    t = test.SayForTest(t.conversation_id, answer);
  }
  return t;
}

TEST_F(EngineTest, HandsAnAngryUserToAPersonAtOnce) {
  Turn t = Open("nina");
  t = Say(t.conversation_id,
          "THIS IS THE THIRD TIME I ASK!!! nothing works and nobody helps, this is ridiculous");
  EXPECT_EQ(t.state.value("status", ""), "handed_off");
  EXPECT_EQ(t.state.value("team", Json()), "helpdesk");
  ASSERT_NE(Reply(t, "handoff"), nullptr);
}

TEST_F(EngineTest, HandsOverAfterTwoMessagesItCannotUnderstand) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "qwzx plov brrt");
  EXPECT_EQ(t.state.value("status", ""), "awaiting_user");
  t = Say(t.conversation_id, "zzzz kkkk mmmm");
  EXPECT_EQ(t.state.value("status", ""), "handed_off");
}

TEST_F(EngineTest, ReportsTicketStatusAndAddsInformation) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "MediChart crashes when I print a discharge letter, only me");
  for (int i = 0; i < 6 && t.state.value("status", "") != "resolved"; ++i) {
    std::string slot = Slot(t);
    t = Say(t.conversation_id, slot == "urgency"            ? "medium"
                               : slot == "article_feedback" ? "no"
                                                            : "I restarted the PC already");
  }
  ASSERT_TRUE(t.state["ticket_id"].is_string())
      << t.state.dump() << "\n"
      << engine().Get(Integration(), t.conversation_id)->dump(1);
  std::string id = t.state["ticket_id"];
  Turn s = Open("nina");
  s = Say(s.conversation_id, "what is the status of my ticket " + id + "?");
  const Json* reply = Reply(s, "ticket");
  ASSERT_NE(reply, nullptr) << s.replies.dump();
  EXPECT_EQ((*reply)["ticket_id"], id);
  // Another user cannot read it.
  Turn other = Open("pavel");
  other = Say(other.conversation_id, "какой статус у заявки " + id + "?");
  EXPECT_EQ(Reply(other, "ticket"), nullptr);
}

TEST_F(EngineTest, MasksSecretsBeforeStoringTheTranscript) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "I can't log in to MediChart, my password is Tr0ub4dor&3x");
  auto got = engine().Get(Integration(), t.conversation_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->dump().find("Tr0ub4dor"), std::string::npos);
}

TEST_F(EngineTest, AgentTakesOverAndTheBotStaysQuiet) {
  itsm::Actor agent;
  agent.id = "tom";
  agent.role = itsm::Role::kAgent;
  agent.teams = {"helpdesk"};
  Turn t = Open("nina");
  auto taken = engine().TakeOver(agent, t.conversation_id);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->state.value("status", ""), "handed_off");
  Turn quiet = Say(t.conversation_id, "hello? my printer is broken");
  EXPECT_TRUE(quiet.replies.empty());
  ASSERT_TRUE(engine().AgentMessage(agent, t.conversation_id, "Hi Nina, which ward?").ok());
  auto got = engine().Get(Integration(), t.conversation_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["transcript"].back()["role"], "agent");
  EXPECT_EQ((*got)["agent"], "tom");
  ASSERT_TRUE(engine().Release(agent, t.conversation_id).ok());
  Turn back = Say(t.conversation_id, "how do I reprint a wristband?");
  EXPECT_FALSE(back.replies.empty());
  itsm::Actor user;
  user.id = "nina";
  EXPECT_EQ(engine().TakeOver(user, t.conversation_id).status().code(), Code::kPermissionDenied);
}

TEST_F(EngineTest, ResetsAPasswordInTheDirectoryAfterAnEmailCode) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "I forgot my password and can't log in");
  ASSERT_EQ(Slot(t), "verification_code") << t.state.dump();
  std::string code = LastCode("nina@northwind.example");
  ASSERT_EQ(code.size(), 6u);
  t = Say(t.conversation_id, code);
  ASSERT_EQ(Slot(t), "confirm") << t.replies.dump();
  t = Say(t.conversation_id, "yes");
  ASSERT_EQ(Slot(t), "new_password");
  t = Say(t.conversation_id, "short");
  ASSERT_EQ(Slot(t), "new_password") << "a weak password must be refused";
  const std::string chosen = "Violet-Harbor-2026!";
  t = Say(t.conversation_id, chosen);
  EXPECT_EQ(t.state.value("status", ""), "resolved") << t.replies.dump();
  const std::string dn = world->slapd->UserDn("nina");
  EXPECT_TRUE(world->slapd->ReadOwnEntry(dn, chosen).ok());
  EXPECT_EQ(world->slapd->ReadOwnEntry(dn, "Nina-Initial-1").code(), Code::kUnauthenticated);
  auto got = engine().Get(Integration(), t.conversation_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->dump().find(chosen), std::string::npos) << "the password was stored";
  EXPECT_EQ(got->dump().find(code), std::string::npos) << "the code was stored";
}

TEST_F(EngineTest, GivesATemporaryPasswordThatMustBeChanged) {
  Turn t = Open("pavel");
  t = Say(t.conversation_id, "забыл пароль, не могу войти");
  ASSERT_EQ(Slot(t), "verification_code") << t.state.dump();
  t = Say(t.conversation_id, LastCode("pavel@northwind.example"));
  ASSERT_EQ(Slot(t), "confirm");
  t = Say(t.conversation_id, "нет");
  EXPECT_EQ(t.state.value("status", ""), "resolved") << t.replies.dump();
  auto reset = world->slapd->Attribute(world->slapd->UserDn("pavel"), "pwdReset");
  ASSERT_TRUE(reset.ok());
  ASSERT_EQ(reset->size(), 1u);
  EXPECT_EQ((*reset)[0], "TRUE");
}

TEST_F(EngineTest, LocksTheResetAfterRepeatedWrongCodes) {
  Turn t = Open("nina");
  t = Say(t.conversation_id, "please reset my password");
  ASSERT_EQ(Slot(t), "verification_code") << t.state.dump();
  std::string right = LastCode("nina@northwind.example");
  std::string wrong = right == "000000" ? "111111" : "000000";
  for (int i = 0; i < 3 && t.state.value("status", "") != "handed_off"; ++i) {
    t = Say(t.conversation_id, wrong);
  }
  EXPECT_EQ(t.state.value("status", ""), "handed_off");
  ASSERT_NE(Reply(t, "handoff"), nullptr);
  // The right code after the lock changes nothing: a person has the conversation now.
  Turn late = Say(t.conversation_id, right);
  EXPECT_EQ(late.state.value("status", ""), "handed_off");
  EXPECT_EQ(Reply(late, "text") == nullptr ? "" : (*Reply(late, "text")).value("text", ""),
            world->messages->Say("en", "waiting_for_agent", {{"team", "Helpdesk"}}));
}

// An engine like the suite's, but whose directory or mail server is unreachable.
std::unique_ptr<Engine> EngineWith(automation::Mailer* mailer, automation::Directory* directory,
                                   automation::TotpVault* totp = nullptr) {
  EngineDeps deps;
  deps.store = world->store.get();
  deps.clock = world->clock;
  deps.tickets = world->tickets.get();
  deps.org = world->org.get();
  deps.messages = world->messages.get();
  deps.mailer = mailer;
  deps.directory = directory;
  deps.totp = totp;
  return std::move(NewEngine(std::move(deps))).value();
}

// The code the user's authenticator app shows at `t`, computed with liboath.
std::string AppCode(const std::string& secret_base32, TimePoint t) {
  oath_init();
  std::string padded = secret_base32;
  while (padded.size() % 8 != 0) padded += '=';
  char* raw = nullptr;
  size_t raw_len = 0;
  EXPECT_EQ(oath_base32_decode(padded.data(), padded.size(), &raw, &raw_len), OATH_OK);
  char out[10] = {};
  const time_t now =
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  EXPECT_EQ(oath_totp_generate(raw, raw_len, now, 30, 0, 6, out), OATH_OK);
  std::free(raw);
  return out;
}

// A TOTP vault of its own in a temp dir, with `user` enrolled and confirmed
// (the clock then moves on a step, as the user would before resetting).
struct EnrolledVault {
  std::string dir;
  std::unique_ptr<automation::TotpVault> vault;
  std::string secret;
  EnrolledVault(const std::string& user, int max_attempts) {
    dir = fs::temp_directory_path() / ("sa-totp-" + RandomHex(6));
    automation::TotpVaultOptions options;
    options.dir = dir;
    options.max_attempts = max_attempts;
    vault = std::move(automation::NewFileTotpVault(options, world->clock)).value();
    auto e = vault->Enroll(user, user);
    EXPECT_TRUE(e.ok());
    secret = e->secret_base32;
    EXPECT_TRUE(vault->Confirm(user, AppCode(secret, world->clock->Now())).accepted());
    world->clock->Advance(std::chrono::seconds(30));
  }
  ~EnrolledVault() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::vector<std::string> AuditActions(const std::string& user) {
  std::vector<std::string> out;
  (void)world->store->Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto events, tx.events().ForEntity("password_reset", user));
    for (const auto& e : events) out.push_back(e.action);
    return Status::Ok();
  });
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The pack allows e-mail codes and authenticator apps; a user who has both
// is asked which, and the app's code verifies them.
TEST_F(EngineTest, OffersTheAuthenticatorAppAndResetsThePasswordWithItsCode) {
  EnrolledVault enrolled("pavel", 5);
  auto engine = EngineWith(world->mailer.get(), world->directory.get(), enrolled.vault.get());
  auto opened = engine->Open(Integration(), "pavel", "api");
  ASSERT_TRUE(opened.ok());
  const std::string id = opened->conversation_id;
  Turn t = *engine->Message(Integration(), id, "забыл пароль, не могу войти", NewUuid());
  ASSERT_EQ(Slot(t), "verification_method") << t.state.dump();
  ASSERT_EQ(t.state["expecting"]["options"].size(), 2u);
  EXPECT_TRUE(ScriptOk(t.replies.back().value("text", ""), "ru"));
  t = *engine->Message(Integration(), id, "через приложение", NewUuid());
  ASSERT_EQ(Slot(t), "verification_code") << t.state.dump();
  const std::string code = AppCode(enrolled.secret, world->clock->Now());
  t = *engine->Message(Integration(), id, code, NewUuid());
  ASSERT_EQ(Slot(t), "confirm") << t.replies.dump();
  t = *engine->Message(Integration(), id, "да", NewUuid());
  ASSERT_EQ(Slot(t), "new_password");
  const std::string chosen = "Amber-Lantern-2027?";
  t = *engine->Message(Integration(), id, chosen, NewUuid());
  EXPECT_EQ(t.state.value("status", ""), "resolved") << t.replies.dump();
  EXPECT_TRUE(world->slapd->ReadOwnEntry(world->slapd->UserDn("pavel"), chosen).ok());
  auto got = engine->Get(Integration(), id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->dump().find(code), std::string::npos) << "the code was stored";
  const auto actions = AuditActions("pavel");
  EXPECT_TRUE(Has(actions, "totp_requested"));
  EXPECT_TRUE(Has(actions, "totp_accepted"));
  EXPECT_TRUE(Has(actions, "reset_done"));
}

TEST_F(EngineTest, LocksTheAuthenticatorResetAfterWrongCodesAcrossConversations) {
  EnrolledVault enrolled("nina", 3);
  auto engine = EngineWith(world->mailer.get(), world->directory.get(), enrolled.vault.get());
  auto start = [&] {
    auto opened = engine->Open(Integration(), "nina", "api");
    EXPECT_TRUE(opened.ok());
    Turn t = *engine->Message(Integration(), opened->conversation_id, "reset my password", NewUuid());
    EXPECT_EQ(Slot(t), "verification_method") << t.state.dump();
    t = *engine->Message(Integration(), t.conversation_id, "authenticator app", NewUuid());
    EXPECT_EQ(Slot(t), "verification_code") << t.state.dump();
    return t;
  };
  Turn t = start();
  const std::string right = AppCode(enrolled.secret, world->clock->Now());
  const std::string wrong = right == "000000" ? "111111" : "000000";
  for (int i = 0; i < 3 && t.state.value("status", "") != "handed_off"; ++i) {
    t = *engine->Message(Integration(), t.conversation_id, wrong, NewUuid());
  }
  EXPECT_EQ(t.state.value("status", "") , "handed_off");
  // A new conversation does not shed the lock: even the right code is refused.
  t = start();
  t = *engine->Message(Integration(), t.conversation_id, right, NewUuid());
  EXPECT_EQ(t.state.value("status", ""), "handed_off") << t.replies.dump();
  const auto actions = AuditActions("nina");
  EXPECT_TRUE(Has(actions, "totp_wrong"));
  EXPECT_TRUE(Has(actions, "totp_locked"));
}

TEST_F(EngineTest, HandsOverWhenTheDirectoryIsUnreachable) {
  automation::LdapOptions ldap;
  ldap.uri = "ldap://127.0.0.1:1/";  // nothing listens there
  ldap.connect_timeout = std::chrono::milliseconds(500);
  auto down = automation::NewLdapDirectory(ldap);
  ASSERT_TRUE(down.ok());
  auto engine = EngineWith(world->mailer.get(), down->get());
  auto t = engine->Open(Integration(), "nina", "api");
  ASSERT_TRUE(t.ok());
  auto step = engine->Message(Integration(), t->conversation_id, "I forgot my password", "d1");
  ASSERT_TRUE(step.ok());
  ASSERT_EQ(Slot(*step), "verification_code") << step->state.dump();
  step =
      engine->Message(Integration(), t->conversation_id, LastCode("nina@northwind.example"), "d2");
  ASSERT_EQ(Slot(*step), "confirm");
  step = engine->Message(Integration(), t->conversation_id, "no", "d3");  // a temporary password
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->state.value("status", ""), "handed_off");
  for (const auto& r : step->replies) {
    EXPECT_EQ(r.value("text", "").find("temporary password is"), std::string::npos)
        << "no password may be announced when the reset failed";
  }
}

TEST_F(EngineTest, HandsOverWhenTheCodeCannotBeMailed) {
  automation::SmtpOptions smtp;
  smtp.host = "127.0.0.1";
  smtp.port = 1;  // refused
  smtp.from = "bot@northwind.example";
  auto down = automation::NewSmtpMailer(smtp);
  ASSERT_TRUE(down.ok());
  auto engine = EngineWith(down->get(), world->directory.get());
  auto t = engine->Open(Integration(), "nina", "api");
  ASSERT_TRUE(t.ok());
  auto step = engine->Message(Integration(), t->conversation_id, "reset my password please", "m1");
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->state.value("status", ""), "handed_off") << step->replies.dump();
  EXPECT_EQ(step->state.value("intent", ""), "password_reset");
}

}  // namespace
}  // namespace sa::dialogue
