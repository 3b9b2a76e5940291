// A running server for API tests: a fresh store (SQLite in a temporary
// directory, or a fresh PostgreSQL database when SA_TEST_DB=postgres), the acme organization imported, a manual clock, an EchoEngine,
// and one API token per role. The server listens on 127.0.0.1, port 0.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "automation/totp_vault.h"
#include "client.h"
#include "core/clock.h"
#include "echo_engine.h"
#include "http/server.h"
#include "itsm/tickets.h"
#include "store/store.h"

namespace sa::http::testing {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Options for the server; tests may change them before StartServer().
  virtual void Configure(ServerOptions* options) {}

  // A new token of `role` for `user` ("" for integration).
  std::string Token(const std::string& role, const std::string& user);
  // Creates a ticket as `token` and returns its id.
  std::string CreateTicket(const std::string& token, const Json& body);

  std::filesystem::path dir_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<itsm::TicketService> tickets_;
  EchoEngine engine_;
  std::unique_ptr<automation::TotpVault> totp_;  // users' authenticator apps (dir_/totp)
  std::unique_ptr<Server> server_;
  std::unique_ptr<Client> client_;
  ServerOptions options_;

  // Tokens: alice and carol (users), franck (agent, identity team), nadia
  // (agent, network team), hugo (admin), "slack" (integration).
  std::string alice_, carol_, franck_, nadia_, hugo_, slack_;
};

}  // namespace sa::http::testing
