#pragma once
//! Reports over a unit's records. History is never rewritten: a record keeps the unit it was made in; a report
//! can roll it up, through the successions, into the unit that stands for it on a date (docs/decisions.md).

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/caller.hpp"
#include "storage/database.hpp"
#include "storage/report_repository.hpp"
#include "storage/repositories.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

struct ModelsByUnitQuery {
  int64_t unit_id = 0;
  std::optional<int> year;  //!< the campaigns' starting year (decisions: their year); all years when absent
  std::string as_of;        //!< dd/mm/yyyy or yyyy-mm-dd; empty = today in Vietnam
  bool roll_up = false;
};

//! A unit with its parent's name: "Phường Lý Thái Tổ", "Quận Hoàn Kiếm".
struct UnitLabel {
  AdminUnit unit;
  std::string parent_name;
};

//! One row of the report: the movement's records counted under one unit.
struct UnitTally {
  UnitLabel unit;
  std::map<std::string, int64_t> by_status;  //!< every model status, zero included
  int64_t models = 0;
  int64_t registered = 0;    //!< registered at some point
  int64_t recognised = 0;    //!< recognised or carried over
  int64_t adopted = 0;       //!< replications of another model
  int64_t certificates = 0;  //!< valid certificates of the unit's decisions
  std::vector<UnitLabel> rolled_up_from;  //!< the units whose records this row counts (roll-up), itself included
  std::vector<UnitLabel> split_into;      //!< a unit split between several successors: where its parts went
};

struct ModelsByUnitReport {
  UnitLabel unit;
  std::optional<int> year;
  Date as_of;
  bool roll_up = false;
  std::vector<UnitTally> rows;  //!< in Vietnamese order of the unit's name
  UnitTally total;              //!< the sums (its unit is the report's unit)
};

class ReportService {
 public:
  ReportService(Database& db, Repositories& repos, ReportRepository& reports, const Clock& clock)
      : db_(db), repos_(repos), reports_(reports), clock_(clock) {}

  //! Models by status, registrations, recognitions, adoptions and certificates per unit over the unit's subtree;
  //! with `roll_up`, also the records of every unit that became (part of) it by `as_of`, each counted under the
  //! unit that stands for it on `as_of`. For any grant on the unit (403 otherwise); a fixed number of queries.
  Result<ModelsByUnitReport> ModelsByUnit(const Caller& caller, const ModelsByUnitQuery& query);

 private:
  Database& db_;
  Repositories& repos_;
  ReportRepository& reports_;
  const Clock& clock_;
};

}  // namespace danvan
