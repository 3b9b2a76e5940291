// A throwaway PostgreSQL server for tests: a fresh cluster in a temp dir
// (copied from a template that initdb makes once per machine and user),
// postgres listening on 127.0.0.1 at a free port (its unix socket in the temp
// dir too), trust authentication for the superuser `postgres`. Works as root
// (runs the server as the `postgres` system user). Stopped (immediate mode)
// and its directory deleted when the object is destroyed.
//
// SharedPostgresServer() gives one server per test process, started on first
// use and stopped by a GoogleTest global environment at the end of the run.
// Thread-compatible: create databases from one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sa::testing {

class PostgresServer {
 public:
  // The PostgreSQL 15 binaries used.
  static constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

  // Initializes and starts a server, waiting (bounded) until it accepts
  // connections. kUnavailable, with the server log's tail, when it cannot.
  static Result<std::unique_ptr<PostgresServer>> Start();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Creates a new empty database and returns its URI
  // ("postgresql://postgres@127.0.0.1:PORT/NAME"). `name` must be a plain
  // identifier ([a-z0-9_]) not used before on this server.
  Result<std::string> CreateDatabase(std::string_view name);
  // A new database with a unique generated name.
  Result<std::string> CreateUniqueDatabase();

  std::string Uri(std::string_view database) const;
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }

 private:
  PostgresServer(std::string dir, int port);
  // Only the process that started the server stops it (not forked children).
  void Stop();

  std::string dir_;  // temp dir: data/, the socket, server.log
  int port_;
  int databases_created_ = 0;
  int owner_pid_;
};

// The process's shared server (started on first call). Returns nullptr and
// fills `error` when it cannot be started (e.g. PostgreSQL not installed).
PostgresServer* SharedPostgresServer(std::string* error);

}  // namespace sa::testing
