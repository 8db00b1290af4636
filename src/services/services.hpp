#pragma once
//! Every service, wired to one database; built once in the composition root.

#include "core/time.hpp"
#include "services/audit.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct Services {
  Services(Database& database, const Clock& clock)
      : db(database), repos(MakeRepositories()), audit(*repos.audit, clock) {}

  Database& db;
  Repositories repos;
  AuditLog audit;
};

}  // namespace danvan
