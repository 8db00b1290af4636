#pragma once
//! Territory: administrative units, their history, and what became of them.

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct NewUnit {
  std::string code;
  std::string name;
  std::string level;  //!< province | district | commune
  std::string kind;
  std::optional<int64_t> parent_id;
  std::string valid_from;  //!< dd/mm/yyyy or yyyy-mm-dd
  std::string valid_to;    //!< empty while the unit exists
};

struct NewSuccession {
  int64_t from_unit_id = 0;
  int64_t to_unit_id = 0;
  std::string share;  //!< whole | part
  std::string legal_basis;
  std::string effective_date;
  std::string note;
};

struct UnitDetail {
  AdminUnit unit;
  std::vector<AdminUnit> ancestors;  //!< parent first
};

//! "What became of X": every succession forward in time, and the units they name.
struct UnitFate {
  AdminUnit unit;
  std::vector<Succession> successions;
  std::vector<AdminUnit> units;  //!< every unit a succession names
};

struct ImportReport {
  bool dry_run = true;
  int rows = 0;
  int units_created = 0;
  int successions_created = 0;
  std::vector<std::string> errors;  //!< "line 4: …"
};

class TerritoryService {
 public:
  TerritoryService(Database& db, TerritoryRepository& repo, AuditLog& audit, const Clock& clock)
      : db_(db), repo_(repo), audit_(audit), clock_(clock) {}

  Result<AdminUnit> CreateUnit(const Caller& caller, const NewUnit& input);
  Result<Succession> AddSuccession(const Caller& caller, const NewSuccession& input);
  //! Public: units and their history are public information.
  Result<UnitDetail> GetUnit(int64_t id);
  Result<Page<AdminUnit>> ListUnits(const UnitQuery& query);
  //! Every unit the query matches (its limit and offset aside), as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportUnits(UnitQuery query);
  Result<UnitFate> Successors(int64_t id);
  //! Reads the merger table's format (old_ward, old_district, new_ward, share); see docs/data-model.md.
  Result<ImportReport> ImportMergerTable(const Caller& caller, const std::string& tsv, const std::string& province,
                                         const std::string& legal_basis, const std::string& effective_date,
                                         bool dry_run);

 private:
  Database& db_;
  TerritoryRepository& repo_;
  AuditLog& audit_;
  const Clock& clock_;
};

Error UnitNotFound(int64_t id);

}  // namespace danvan
