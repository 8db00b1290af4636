#pragma once
//! Reports: counts per unit over a unit's subtree, optionally widened to the units that became part of it.
//! Each function is one query whatever the number of units and records.

#include "domain/territory.hpp"
#include "storage/database.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! Which records a report covers: those of `unit_id` and the units below it and, with `roll_up`, of every unit
//! that became (part of) one of them by a succession in force on `as_of`.
struct ReportScope {
  int64_t unit_id = 0;
  bool roll_up = false;
  Date as_of;
  std::optional<int> year;
};

struct UnitStatusCount {
  int64_t unit_id = 0;
  std::string status;  //!< a model status
  int64_t models = 0;
  int64_t registered = 0;  //!< registered at some point (registered_at set)
  int64_t adopted = 0;     //!< replications of another model
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  //! Models per unit and status, of campaigns starting in the scope's year.
  virtual std::vector<UnitStatusCount> ModelCounts(Tx& tx, const ReportScope& scope) = 0;
  //! Valid certificates per unit of their decision, decided in the scope's year.
  virtual std::map<int64_t, int64_t> CertificateCounts(Tx& tx, const ReportScope& scope) = 0;
  //! The successions in force on `as_of` on the way forward from every unit of the scope.
  virtual std::vector<Succession> SuccessionsAhead(Tx& tx, const ReportScope& scope) = 0;
};

std::unique_ptr<ReportRepository> MakeReportRepository();

}  // namespace danvan
