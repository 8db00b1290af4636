#pragma once
//! Repository interfaces, one per aggregate. Services call these inside Database::Run; the SOCI
//! implementations (storage/*_repository.cpp) serve both SQLite and PostgreSQL.

#include "domain/audit.hpp"
#include "storage/database.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace danvan {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  //! Locks the chain until the transaction ends and returns its last entry, if any.
  virtual std::optional<AuditEntry> LockHead(Tx& tx, const std::string& chain) = 0;
  virtual void Insert(Tx& tx, const AuditEntry& entry) = 0;
  //! Every entry, in (chain, seq) order, read in pages; stops when fn returns false.
  virtual void ForEach(Tx& tx, const std::function<bool(const AuditEntry&)>& fn) = 0;
};

//! All repositories of one database.
struct Repositories {
  std::unique_ptr<AuditRepository> audit;
};

Repositories MakeRepositories();

}  // namespace danvan
