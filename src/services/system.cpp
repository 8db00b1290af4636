#include "services/system.hpp"

#include "storage/migrations.hpp"

namespace danvan {

Status CheckReady(Database& db) {
  DANVAN_TRY(db.Ping());
  return CheckMigrated(db);
}

}  // namespace danvan
