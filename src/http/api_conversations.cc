// /api/v1/conversations: the contract's conversation API and agent takeover,
// delegating everything to dialogue::Engine.
#include "dialogue/engine.h"
#include "http/api.h"
#include "http/json_input.h"

namespace sa::http {

namespace {

Json TurnJson(const dialogue::Turn& turn, bool with_id) {
  Json j = {{"replies", turn.replies}, {"state", turn.state}};
  if (with_id) j["id"] = turn.conversation_id;
  return j;
}

}  // namespace

void Api::AddConversationRoutes() {
  // Every conversation route needs the engine; without one they answer 503.
  auto with_engine = [this](CallerHandler handler) -> CallerHandler {
    return [this, handler = std::move(handler)](Request& request,
                                                const Caller& caller) -> Result<Response> {
      if (deps_.engine == nullptr) return Unavailable("the conversation engine is not running");
      return handler(request, caller);
    };
  };

  Authed("POST", "/api/v1/conversations",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body, true));
           JsonReader in(body, {"user", "channel"});
           std::string user = in.OptString("user").value_or("");
           std::string channel = in.OptString("channel").value_or("api");
           SA_RETURN_IF_ERROR(in.status());
           itsm::Actor actor = caller.actor;
           if (user.empty()) {
             if (actor.role == itsm::Role::kIntegration) {
               return InvalidArgument("field \"user\": required for integration tokens");
             }
             user = actor.id;
           }
           if (actor.role == itsm::Role::kIntegration) actor.on_behalf_of = user;
           SA_ASSIGN_OR_RETURN(dialogue::Turn turn, engine().Open(actor, user, channel));
           Response r = Response::MakeJson(201, TurnJson(turn, true));
           r.headers.emplace_back("Location", "/api/v1/conversations/" + turn.conversation_id);
           return r;
         }));

  Authed("GET", "/api/v1/conversations",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           QueryReader q(request.query, {"status", "team", "limit"});
           std::string status = q.String("status"), team = q.String("team");
           int limit = static_cast<int>(q.OptInt("limit", 1, 500).value_or(50));
           SA_RETURN_IF_ERROR(q.status());
           SA_ASSIGN_OR_RETURN(Json list, engine().List(caller.actor, status, team, limit));
           if (list.is_array()) list = {{"items", std::move(list)}};
           return Response::MakeJson(200, list);
         }));

  Authed("GET", "/api/v1/conversations/{id}",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json conversation, engine().Get(caller.actor, request.params["id"]));
           return Response::MakeJson(200, conversation);
         }));

  Authed("POST", "/api/v1/conversations/{id}/messages",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"text", "client_message_id"});
           std::string text = in.String("text");
           std::string client_message_id = in.OptString("client_message_id").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           std::string ticket_before = live_.TicketOfConversation(request.params["id"]);
           SA_ASSIGN_OR_RETURN(
               dialogue::Turn turn,
               engine().Message(caller.actor, request.params["id"], text, client_message_id));
           live_.ConversationChanged(turn.conversation_id, ticket_before);
           return Response::MakeJson(200, TurnJson(turn, false));
         }));

  Authed("POST", "/api/v1/conversations/{id}/takeover",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_RETURN_IF_ERROR(ParseJsonObject(request.body, true).status());
           SA_ASSIGN_OR_RETURN(dialogue::Turn turn,
                               engine().TakeOver(caller.actor, request.params["id"]));
           live_.ConversationChanged(turn.conversation_id);
           return Response::MakeJson(200, TurnJson(turn, false));
         }));

  Authed("POST", "/api/v1/conversations/{id}/agent-messages",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"text"});
           std::string text = in.String("text");
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(dialogue::Turn turn,
                               engine().AgentMessage(caller.actor, request.params["id"], text));
           live_.ConversationChanged(turn.conversation_id);
           return Response::MakeJson(200, TurnJson(turn, false));
         }));

  Authed("POST", "/api/v1/conversations/{id}/release",
         with_engine([this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_RETURN_IF_ERROR(ParseJsonObject(request.body, true).status());
           SA_ASSIGN_OR_RETURN(dialogue::Turn turn,
                               engine().Release(caller.actor, request.params["id"]));
           live_.ConversationChanged(turn.conversation_id);
           return Response::MakeJson(200, TurnJson(turn, false));
         }));
}

}  // namespace sa::http
