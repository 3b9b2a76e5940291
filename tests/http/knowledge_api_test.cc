// The knowledge API over real sockets, on the acme organization: articles
// written by agents (versions, optimistic conflicts, strict validation, audit,
// two-way translation links, status), read and searched by users through the
// ranked index (audience, drafts, retired, an edit found at once), feedback,
// Markdown that cannot carry script, and agent assist (similar resolved cases,
// suggested articles, a case turned into a draft article). Who may call what.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/ids.h"
#include "fixture.h"

namespace sa::http::testing {
namespace {

class KnowledgeApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    marc_ = Token("user", "marc");  // plant
  }

  // Ids of the items of a list/search answer.
  static std::vector<std::string> Ids(const HttpResponse& r) {
    std::vector<std::string> ids;
    Json body = r.json();  // kept alive for the loop
    for (const Json& item : body["items"]) ids.push_back(item.value("id", ""));
    return ids;
  }
  static bool Has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  // Whether a search finds `id` among its hits.
  bool Finds(const std::string& token, const std::string& q_encoded, const std::string& id,
             const std::string& extra = "") {
    HttpResponse r = client_->Call("GET", "/api/v1/articles?q=" + q_encoded + extra, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return Has(Ids(r), id);
  }

  std::string Search(const std::string& token, const std::string& q_encoded,
                     const std::string& extra = "") {
    HttpResponse r = client_->Call("GET", "/api/v1/articles?q=" + q_encoded + extra, token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids = Ids(r);
    return ids.empty() ? "" : ids.front();
  }

  Json Article(const std::string& id, const std::string& title, const std::string& body) {
    return {{"id", id}, {"title", title}, {"body", body}, {"status", "published"}};
  }

  HttpResponse Create(const Json& article, const std::string& token = "") {
    return client_->Call("POST", "/api/v1/articles", token.empty() ? franck_ : token, article);
  }

  // Events of the audit log about `article_id`, as "action" strings.
  std::vector<std::string> AuditActions(const std::string& article_id) {
    HttpResponse r = client_->Call("GET", "/api/v1/audit/events?limit=1000", hugo_);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> actions;
    Json body = r.json();  // kept alive for the loop
    for (const Json& e : body["items"]) {
      if (e.value("entity", "") == "article" && e.value("entity_id", "") == article_id) {
        actions.push_back(e.value("action", ""));
      }
    }
    return actions;
  }

  std::string ResolvedTicket(const std::string& title, const std::string& description,
                             const std::string& resolution) {
    std::string id = CreateTicket(alice_, {{"title", title}, {"description", description}});
    HttpResponse r = client_->Call("PATCH", "/api/v1/tickets/" + id, hugo_,
                                   {{"status", "resolved"}, {"resolution", resolution}});
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  std::string marc_;
};

TEST_F(KnowledgeApiTest, AgentCreatesEditsAndSeesVersionsWithAuthors) {
  HttpResponse created = Create(
      Article("kb-badge", "Replace a lost door badge", "Go to reception with your ID card."));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().value("version", 0), 1);
  EXPECT_EQ(created.json().value("author", ""), "franck");
  EXPECT_EQ(created.Header("location"), "/api/v1/articles/kb-badge");

  HttpResponse edited = client_->Call("PUT", "/api/v1/articles/kb-badge", nadia_,
                                      {{"version", 1}, {"body", "Ask reception for a new badge."}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().value("version", 0), 2);
  EXPECT_EQ(edited.json().value("author", ""), "nadia");
  EXPECT_EQ(edited.json().value("title", ""), "Replace a lost door badge");  // kept

  HttpResponse versions = client_->Call("GET", "/api/v1/articles/kb-badge/versions", franck_);
  ASSERT_EQ(versions.status, 200) << versions.body;
  Json items = versions.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].value("version", 0), 2);
  EXPECT_EQ(items[0].value("author", ""), "nadia");
  EXPECT_EQ(items[1].value("author", ""), "franck");
  EXPECT_EQ(items[1].value("body", ""), "Go to reception with your ID card.");
  EXPECT_FALSE(items[1].value("updated", "").empty());

  EXPECT_EQ(AuditActions("kb-badge"), (std::vector<std::string>{"created", "updated"}));
}

TEST_F(KnowledgeApiTest, StaleVersionIsAConflictAndSavesNothing) {
  ASSERT_EQ(Create(Article("kb-badge", "Lost badge", "Version one.")).status, 201);
  ASSERT_EQ(client_
                ->Call("PUT", "/api/v1/articles/kb-badge", franck_,
                       {{"version", 1}, {"body", "Version two."}})
                .status,
            200);
  HttpResponse stale = client_->Call("PUT", "/api/v1/articles/kb-badge", nadia_,
                                     {{"version", 1}, {"body", "Overwrites two?"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-badge", franck_).json().value("body", ""),
            "Version two.");
  EXPECT_EQ(client_->Call("PUT", "/api/v1/articles/kb-badge", nadia_, {{"body", "x"}}).status, 400);
  EXPECT_EQ(Create(Article("kb-badge", "Again", "Same id.")).status, 409);
  EXPECT_EQ(client_->Call("PUT", "/api/v1/articles/kb-nope", franck_, {{"version", 1}}).status,
            404);
}

TEST_F(KnowledgeApiTest, InvalidFieldsAreRejectedNamingTheField) {
  struct Case {
    Json extra;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"audience", {"no-such-group"}}}, "audience"},
      {{{"services", {"no-such-service"}}}, "services"},
      {{{"language", "de"}}, "language"},
      {{{"status", "pending"}}, "status"},
      {{{"translations", {{"ru", "kb-missing"}}}}, "translations"},
      {{{"translations", {{"en", "kb-vpn-setup"}}}}, "translations"},  // its own language
      {{{"translations", {{"ru", "kb-vpn-setup"}}}}, "translations"},  // target is English
      {{{"tags", {""}}}, "tags"},
      {{{"id", "bad id!"}}, "id"},
      {{{"title", ""}}, "title"},
      {{{"colour", "red"}}, "colour"},
  };
  for (const Case& c : cases) {
    Json body = Article("kb-new", "A title", "A body.");
    body.update(c.extra);
    HttpResponse r = Create(body);
    EXPECT_EQ(r.status, 400) << c.extra.dump() << " " << r.body;
    EXPECT_NE(r.body.find("\\\"" + c.field + "\\\""), std::string::npos)
        << c.extra.dump() << " " << r.body;
  }
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-new", franck_).status, 404);
  HttpResponse ok = Create({{"title", "Ask for a second monitor"},
                            {"body", "Use the catalog."},
                            {"audience", {"Plant"}},
                            {"services", {"LAPTOP"}}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json().value("id", ""), "kb-ask-for-a-second-monitor");
  EXPECT_EQ(ok.json()["audience"], Json({"plant"}));  // the org's spelling
  EXPECT_EQ(ok.json()["services"], Json({"laptop"}));
  EXPECT_EQ(ok.json().value("status", ""), "draft");  // the default
}

TEST_F(KnowledgeApiTest, UsersAndIntegrationsMayNotWrite) {
  ASSERT_EQ(Create(Article("kb-badge", "Lost badge", "Reception.")).status, 201);
  std::string ticket = CreateTicket(alice_, {{"title", "Printer jam"}});
  for (const std::string& token : {alice_, slack_}) {
    EXPECT_EQ(Create(Article("kb-x", "X", "Y."), token).status, 403);
    EXPECT_EQ(
        client_->Call("PUT", "/api/v1/articles/kb-badge", token, {{"version", 1}, {"body", "mine"}})
            .status,
        403);
    EXPECT_EQ(
        client_->Call("PATCH", "/api/v1/articles/kb-badge", token, {{"status", "retired"}}).status,
        403);
    EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-badge/versions", token).status, 403);
    EXPECT_EQ(client_->Call("POST", "/api/v1/articles/render", token, {{"body", "x"}}).status, 403);
    EXPECT_EQ(client_->Call("GET", "/api/v1/tickets/" + ticket + "/assist", token).status, 403);
    EXPECT_EQ(client_->Call("POST", "/api/v1/tickets/" + ticket + "/draft-article", token).status,
              403);
  }
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles?q=badge", "").status, 401);
  EXPECT_EQ(client_->Call("POST", "/api/v1/articles", "", Article("kb-x", "X", "Y.")).status, 401);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-badge", franck_).json().value("version", 0),
            1);
  // Admins write too.
  EXPECT_EQ(Create(Article("kb-admin", "Admin article", "Body."), hugo_).status, 201);
}

TEST_F(KnowledgeApiTest, RankedSearchAnswersAParaphrasedQuestion) {
  HttpResponse r =
      client_->Call("GET", "/api/v1/articles?q=how%20do%20I%20connect%20to%20the%20vpn", alice_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json items = r.json()["items"];
  ASSERT_FALSE(items.empty()) << r.body;
  EXPECT_EQ(items[0].value("id", ""), "kb-vpn-setup");
  EXPECT_GT(items[0].value("confidence", 0.0), 0.0);
  EXPECT_FALSE(items[0].value("snippet", "").empty());
  EXPECT_FALSE(items[0].value("other_language", true));
  EXPECT_TRUE(r.json().contains("decision"));
  // Asked in Russian, the Russian translation answers.
  EXPECT_EQ(Search(alice_,
                   "%D0%BA%D0%B0%D0%BA%20%D0%BF%D0%BE%D0%B4%D0%BA%D0%BB%D1%8E%D1%87%D0%B8%"
                   "D1%82%D1%8C%20vpn"),
            "kb-vpn-setup-ru");
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles?q=vpn&lang=de", alice_).status, 400);
}

TEST_F(KnowledgeApiTest, AnEditIsSearchableAtOnce) {
  EXPECT_FALSE(Finds(alice_, "quasar%20dongle", "kb-printer-map"));
  HttpResponse before = client_->Call("GET", "/api/v1/articles/kb-printer-map", franck_);
  ASSERT_EQ(before.status, 200) << before.body;
  HttpResponse edited = client_->Call(
      "PUT", "/api/v1/articles/kb-printer-map", franck_,
      {{"version", before.json().value("version", 0)},
       {"body", before.json().value("body", "") + "\n\nIf the quasar dongle blinks, replug it."}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Search(alice_, "quasar%20dongle"), "kb-printer-map");

  ASSERT_EQ(
      Create(Article("kb-zeppelin", "Book the zeppelin meeting room", "Use Outlook rooms.")).status,
      201);
  EXPECT_EQ(Search(alice_, "zeppelin%20room"), "kb-zeppelin");
}

TEST_F(KnowledgeApiTest, AudienceDraftsAndRetiredAreHiddenFromUsers) {
  Json plant = Article("kb-forklift", "Pair the forklift scanner", "Hold the trigger 5 seconds.");
  plant["audience"] = {"plant"};
  ASSERT_EQ(Create(plant).status, 201);
  EXPECT_EQ(Search(marc_, "forklift%20scanner"), "kb-forklift");
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-forklift", marc_).status, 200);
  EXPECT_FALSE(Finds(alice_, "forklift%20scanner", "kb-forklift"));
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-forklift", alice_).status, 404);
  EXPECT_EQ(Search(franck_, "forklift%20scanner"), "kb-forklift");  // staff see every audience

  Json draft = Article("kb-hovercraft", "Hovercraft parking permits", "Ask facilities.");
  draft["status"] = "draft";
  ASSERT_EQ(Create(draft).status, 201);
  EXPECT_FALSE(Finds(alice_, "hovercraft%20parking", "kb-hovercraft"));
  EXPECT_FALSE(Finds(alice_, "hovercraft%20parking", "kb-hovercraft", "&include_drafts=true"));
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-hovercraft", alice_).status, 404);
  EXPECT_FALSE(Finds(franck_, "hovercraft%20parking", "kb-hovercraft"));
  EXPECT_EQ(Search(franck_, "hovercraft%20parking", "&include_drafts=true"), "kb-hovercraft");

  HttpResponse retired =
      client_->Call("PATCH", "/api/v1/articles/kb-forklift", franck_, {{"status", "retired"}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json().value("version", 0), 2);
  EXPECT_FALSE(Finds(marc_, "forklift%20scanner", "kb-forklift"));
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-forklift", marc_).status, 404);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-forklift", franck_).status, 200);
  EXPECT_EQ(
      client_->Call("PATCH", "/api/v1/articles/kb-forklift", franck_, {{"status", "gone"}}).status,
      400);
  EXPECT_EQ(client_
                ->Call("PATCH", "/api/v1/articles/kb-forklift", franck_,
                       {{"status", "published"}, {"version", 1}})
                .status,
            409);
  EXPECT_EQ(AuditActions("kb-forklift"), (std::vector<std::string>{"created", "status_changed"}));

  // The editor's list: staff with include_drafts see every article, retired too.
  std::vector<std::string> all =
      Ids(client_->Call("GET", "/api/v1/articles?include_drafts=true&limit=100", franck_));
  EXPECT_TRUE(Has(all, "kb-forklift") && Has(all, "kb-hovercraft")) << all.size();
  std::vector<std::string> alices = Ids(client_->Call("GET", "/api/v1/articles?limit=100", alice_));
  EXPECT_FALSE(Has(alices, "kb-forklift") || Has(alices, "kb-hovercraft"));
  EXPECT_TRUE(Has(alices, "kb-vpn-setup"));
}

TEST_F(KnowledgeApiTest, TranslationLinksAreKeptBothWays) {
  ASSERT_EQ(Create(Article("kb-badge", "Lost badge", "Reception.")).status, 201);
  Json ru = Article("kb-badge-ru", "Потерян пропуск", "Обратитесь на ресепшн.");
  ru["language"] = "ru";
  ru["translations"] = {{"en", "kb-badge"}};
  ASSERT_EQ(Create(ru).status, 201);
  Json en = client_->Call("GET", "/api/v1/articles/kb-badge", franck_).json();
  EXPECT_EQ(en["translations"], Json({{"ru", "kb-badge-ru"}}));
  EXPECT_EQ(en.value("version", 0), 2);  // the back link is a new version

  ASSERT_EQ(client_
                ->Call("PUT", "/api/v1/articles/kb-badge-ru", franck_,
                       {{"version", 1}, {"translations", Json::object()}})
                .status,
            200);
  en = client_->Call("GET", "/api/v1/articles/kb-badge", franck_).json();
  EXPECT_EQ(en["translations"], Json::object());
}

TEST_F(KnowledgeApiTest, FeedbackIsStoredAndCountsShownToStaffOnly) {
  auto feedback = [&](const std::string& token, const std::string& id, const Json& body) {
    return client_->Call("POST", "/api/v1/articles/" + id + "/feedback", token, body);
  };
  EXPECT_EQ(feedback(alice_, "kb-vpn-setup", {{"helped", true}, {"query", "vpn from home"}}).status,
            201);
  EXPECT_EQ(feedback(carol_, "kb-vpn-setup", {{"helped", false}}).status, 201);
  EXPECT_EQ(feedback(alice_, "kb-vpn-setup", {{"helped", true}}).status, 201);
  EXPECT_EQ(feedback(alice_, "kb-vpn-setup", {{"query", "x"}}).status, 400);
  EXPECT_EQ(feedback(alice_, "kb-vpn-setup", {{"helped", "yes"}}).status, 400);
  EXPECT_EQ(feedback(alice_, "kb-nope", {{"helped", true}}).status, 404);

  Json staff = client_->Call("GET", "/api/v1/articles/kb-vpn-setup", franck_).json();
  EXPECT_EQ(staff["feedback"], Json({{"helped", 2}, {"not_helped", 1}}));
  Json user = client_->Call("GET", "/api/v1/articles/kb-vpn-setup", alice_).json();
  EXPECT_FALSE(user.contains("feedback"));
  EXPECT_FALSE(user.contains("body"));

  int64_t with_query = 0;
  ASSERT_TRUE(store_
                  ->Transact([&](store::Tx& tx) -> Status {
                    SA_ASSIGN_OR_RETURN(auto counts, tx.knowledge().FeedbackCounts("kb-vpn-setup"));
                    with_query = counts.first + counts.second;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(with_query, 3);
}

TEST_F(KnowledgeApiTest, StaffSeeFeedbackCountsAndTheQuestionsReadersAsked) {
  auto feedback = [&](const std::string& token, const Json& body) {
    return client_->Call("POST", "/api/v1/articles/kb-mailbox-full/feedback", token, body);
  };
  ASSERT_EQ(feedback(alice_, {{"helped", false}, {"query", "почта переполнена"}}).status, 201);
  clock_->Advance(std::chrono::minutes(1));
  ASSERT_EQ(feedback(carol_, {{"helped", true}, {"query", "mailbox full cannot send"}}).status,
            201);
  clock_->Advance(std::chrono::minutes(1));
  ASSERT_EQ(feedback(alice_, {{"helped", true}}).status, 201);

  HttpResponse r = client_->Call("GET", "/api/v1/articles/kb-mailbox-full/feedback", franck_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = r.json();
  EXPECT_EQ(j.value("article_id", ""), "kb-mailbox-full");
  EXPECT_EQ(j.value("helped", 0), 2);
  EXPECT_EQ(j.value("not_helped", 0), 1);
  ASSERT_EQ(j["recent"].size(), 3u) << r.body;
  // Newest first, each with the question that was asked and who answered.
  EXPECT_EQ(j["recent"][0].value("query", "?"), "");
  EXPECT_EQ(j["recent"][1].value("query", ""), "mailbox full cannot send");
  EXPECT_EQ(j["recent"][1].value("user", ""), "carol");
  EXPECT_TRUE(j["recent"][1].value("helped", false));
  EXPECT_EQ(j["recent"][2].value("query", ""), "почта переполнена");
  EXPECT_FALSE(j["recent"][2].value("helped", true));
  EXPECT_FALSE(j["recent"][2].value("at", "").empty());

  Json one = client_->Call("GET", "/api/v1/articles/kb-mailbox-full/feedback?limit=1", hugo_).json();
  EXPECT_EQ(one["recent"].size(), 1u);
  EXPECT_EQ(one.value("helped", 0), 2);  // counts stay whole
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-mailbox-full/feedback", alice_).status, 403);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-nope/feedback", franck_).status, 404);
  EXPECT_EQ(
      client_->Call("GET", "/api/v1/articles/kb-mailbox-full/feedback?limit=0", franck_).status,
      400);
}

TEST_F(KnowledgeApiTest, TicketsResolvedOutsideTheApiBecomeCasesToo) {
  // Build the library first, then resolve and close tickets the way the bot
  // and other servers do: through the ticket service, not PATCH.
  std::string open = CreateTicket(alice_, {{"title", "Scanner in bay 4 shows error E42"}});
  ASSERT_EQ(client_->Call("GET", "/api/v1/tickets/" + open + "/assist", franck_).status, 200);

  std::string elsewhere = CreateTicket(alice_, {{"title", "Bay 4 scanner error E42 after update"},
                                                {"description", "The scanner shows E42."}});
  itsm::Actor agent;
  agent.id = "hugo";
  agent.role = itsm::Role::kAdmin;
  itsm::TicketPatch resolve;
  resolve.status = "resolved";
  resolve.resolution = "Rolled back the scanner firmware to 3.1; E42 is gone.";
  ASSERT_TRUE(tickets_->Update(agent, elsewhere, resolve).ok());

  Json cases =
      client_->Call("GET", "/api/v1/tickets/" + open + "/assist", franck_).json()["cases"];
  ASSERT_FALSE(cases.empty());
  EXPECT_EQ(cases[0].value("ticket_id", ""), elsewhere);

  // Reopened elsewhere: no longer a case.
  itsm::TicketPatch reopen;
  reopen.status = "in_progress";
  ASSERT_TRUE(tickets_->Update(agent, elsewhere, reopen).ok());
  cases = client_->Call("GET", "/api/v1/tickets/" + open + "/assist", franck_).json()["cases"];
  for (const Json& c : cases) EXPECT_NE(c.value("ticket_id", ""), elsewhere);

  // And the agent turns a case into a draft in one step.
  ASSERT_TRUE(tickets_->Update(agent, elsewhere, resolve).ok());
  HttpResponse draft =
      client_->Call("POST", "/api/v1/tickets/" + elsewhere + "/draft-article", franck_);
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_NE(draft.json().value("body", "").find("firmware"), std::string::npos);
}

TEST_F(KnowledgeApiTest, MaliciousMarkdownIsNeutralised) {
  const std::string body =
      "Hello\n\n<script>alert('x')</script>\n\n[click me](javascript:alert(1)) "
      "[again](JaVaScRiPt:alert(2))\n\n<img src=x onerror=alert(3)>\n\n"
      "<a href=\"javascript:alert(4)\">raw</a>";
  ASSERT_EQ(Create(Article("kb-evil", "Evil article", body)).status, 201);
  for (const std::string& html :
       {client_->Call("GET", "/api/v1/articles/kb-evil", alice_).json().value("html", ""),
        client_->Call("POST", "/api/v1/articles/render", franck_, {{"body", body}})
            .json()
            .value("html", "")}) {
    EXPECT_NE(html.find("Hello"), std::string::npos) << html;
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    std::string lower = html;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    EXPECT_EQ(lower.find("javascript:"), std::string::npos) << html;
  }
}

TEST_F(KnowledgeApiTest, AssistShowsSimilarResolvedCasesAndSuggestedArticles) {
  std::string before = ResolvedTicket("Outlook keeps asking for my password",
                                      "Every few minutes a password prompt pops up in Outlook.",
                                      "Removed the stale Outlook entries in Credential Manager.");
  std::string open = CreateTicket(alice_, {{"title", "Outlook asks for the password again"},
                                           {"description",
                                            "The password prompt in Outlook "
                                            "comes back all the time."}});
  HttpResponse r = client_->Call("GET", "/api/v1/tickets/" + open + "/assist", franck_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json cases = r.json()["cases"];
  ASSERT_FALSE(cases.empty()) << r.body;
  EXPECT_EQ(cases[0].value("ticket_id", ""), before);
  EXPECT_NE(cases[0].value("resolution", "").find("Credential Manager"), std::string::npos);
  EXPECT_GT(cases[0].value("similarity", 0.0), 0.0);
  EXPECT_TRUE(r.json()["articles"].is_array());

  // Resolved after the library was built: found at once.
  std::string later =
      ResolvedTicket("Badge reader at gate 3 rejects my badge",
                     "The turnstile badge reader beeps red.", "Re-encoded the badge at reception.");
  std::string open2 = CreateTicket(alice_, {{"title", "Gate 3 badge reader rejects badge"}});
  Json cases2 =
      client_->Call("GET", "/api/v1/tickets/" + open2 + "/assist", franck_).json()["cases"];
  ASSERT_FALSE(cases2.empty());
  EXPECT_EQ(cases2[0].value("ticket_id", ""), later);

  // Suggested articles come from the ranked search.
  std::string vpn = CreateTicket(alice_, {{"title", "How do I set up the AnyPath VPN?"}});
  Json articles =
      client_->Call("GET", "/api/v1/tickets/" + vpn + "/assist", franck_).json()["articles"];
  ASSERT_FALSE(articles.empty());
  EXPECT_EQ(articles[0].value("id", ""), "kb-vpn-setup");
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets/INC-999999/assist", franck_).status, 404);
}

TEST_F(KnowledgeApiTest, ResolvedCaseBecomesADraftArticle) {
  std::string id = ResolvedTicket("Teams camera is black", "The camera shows a black image.",
                                  "Closed the other app using the camera, then restarted Teams.");
  HttpResponse r = client_->Call("POST", "/api/v1/tickets/" + id + "/draft-article", franck_);
  ASSERT_EQ(r.status, 201) << r.body;
  Json a = r.json();
  EXPECT_EQ(a.value("id", ""), "kb-case-" + FoldId(id));
  EXPECT_EQ(a.value("status", ""), "draft");
  EXPECT_EQ(a.value("author", ""), "franck");
  EXPECT_NE(a.value("body", "").find("restarted Teams"), std::string::npos);
  EXPECT_EQ(AuditActions(a.value("id", "")), (std::vector<std::string>{"created"}));
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/" + a.value("id", ""), alice_).status, 404);
  EXPECT_EQ(client_->Call("POST", "/api/v1/tickets/" + id + "/draft-article", franck_).status, 409);

  std::string open = CreateTicket(alice_, {{"title", "Unresolved"}});
  EXPECT_EQ(client_->Call("POST", "/api/v1/tickets/" + open + "/draft-article", franck_).status,
            409);
}

}  // namespace
}  // namespace sa::http::testing
