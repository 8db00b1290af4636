#pragma once
//! The audit log service: every state change in every service goes through Record.

#include "core/error.hpp"
#include "core/time.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <optional>
#include <string>

namespace danvan {

//! Who acts: a user, an API token, the command line or the system itself.
struct Actor {
  std::string id = "system";  //!< "user:42", "token:7", "cli", "system"
  std::string request_id;     //!< the HTTP request that caused it, if any
};

//! One change to record; before/after are JSON texts (absent for creation/deletion).
//! The audit chain of a unit's records: "unit:3".
inline std::string UnitChain(int64_t unit_id) { return "unit:" + std::to_string(unit_id); }

struct AuditEvent {
  std::string chain = "system";
  std::string entity;
  std::string entity_id;
  std::string action;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
};

struct AuditVerification {
  bool ok = true;
  int64_t count = 0;                  //!< entries checked (up to the first broken one)
  std::optional<std::string> broken;  //!< the first broken link
};

class AuditLog {
 public:
  AuditLog(AuditRepository& repo, const Clock& clock) : repo_(repo), clock_(clock) {}

  //! Appends an entry inside the caller's transaction, so it commits or rolls back with the change.
  void Record(Tx& tx, const Actor& actor, const AuditEvent& event);

  //! Checks every chain link by link.
  Result<AuditVerification> Verify(Database& db);

 private:
  AuditRepository& repo_;
  const Clock& clock_;
};

}  // namespace danvan
