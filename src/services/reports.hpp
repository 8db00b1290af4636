#pragma once
//! Reports over a unit's records. History is never rewritten: a record keeps the unit it was made in; a report
//! can roll it up, through the successions, into the unit that stands for it on a date (docs/decisions.md).

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
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

//! Figures of residents' concerns over a unit's subtree and, rolled up, the units merged into it.
struct ConcernFiguresQuery {
  int64_t unit_id = 0;
  std::optional<int> year;  //!< the concerns sent in this year (Vietnam's time); or from/to; or all when none
  std::string from;         //!< dd/mm/yyyy or yyyy-mm-dd, the first day; empty: unbounded
  std::string to;           //!< the last day, included; empty: unbounded
  std::string group_by = "unit";  //!< unit | organisation | category | month
  std::string as_of;              //!< the successions in force on this date; empty = today in Vietnam
  bool roll_up = true;            //!< also the records of the units that became (part of) this one
};

//! One row of the figures (docs/concerns.md, "Figures"): the concerns sent in the period, as they stand now.
struct ConcernFigureRow {
  std::string key;    //!< the unit's or the organisation's id ("none": nobody owns them yet), the category's code(s), "2022-03", "total"
  std::string label;  //!< what people read: "Phường Hoàn Kiếm", "Vệ sinh môi trường", "Tháng 3/2022", "Tổng cộng"
  std::vector<std::string> includes;  //!< unit rows rolled up: the units counted, itself included; categories: their codes
  int64_t received = 0;
  int64_t resolved = 0;          //!< resolved or closed: the answer stands
  int64_t received_on_time = 0;  //!< acknowledged within the receiving clock
  int64_t resolved_on_time = 0;  //!< of the resolved, the last answer was on time
  int64_t rejected = 0;
  int64_t out_of_scope = 0;
  int64_t duplicate = 0;
  int64_t open = 0;
  int64_t rating_count = 0;
  std::optional<double> rating_mean;  //!< 1–5; absent without ratings
};

struct ConcernFiguresReport {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string group_by;
  std::optional<int> year;
  std::string from;   //!< ISO, the first day of the period; empty: unbounded
  std::string to;     //!< ISO, the last day (included); empty: unbounded
  std::string as_of;  //!< ISO
  bool roll_up = true;
  std::vector<ConcernFigureRow> rows;  //!< units, organisations, categories in Vietnamese order; months in order
  ConcernFigureRow total;
};

//! Models per field and recognition level over a unit's subtree (the home's chart).
struct FieldLevelReport {
  int64_t unit_id = 0;
  std::string unit_name;
  std::optional<int> year;
  Date as_of;
  bool roll_up = false;
  std::vector<FieldInfo> fields;          //!< every field, in their order
  std::vector<RecognitionLevel> levels;   //!< the levels met, by name; the empty code (no level) last
  std::vector<FieldLevelCount> cells;     //!< non-zero cells only, by field order then level order
  int64_t total = 0;
};

//! A report as a spreadsheet download.
using ReportFile = ExportFile;  //!< ASCII file name: "bao-cao-mo-hinh-2026.xlsx"

class ReportService {
 public:
  ReportService(Database& db, Repositories& repos, ReportRepository& reports, const Clock& clock)
      : db_(db), repos_(repos), reports_(reports), clock_(clock) {}

  //! Models by status, registrations, recognitions, adoptions and certificates per unit over the unit's subtree;
  //! with `roll_up`, also the records of every unit that became (part of) it by `as_of`, each counted under the
  //! unit that stands for it on `as_of`. For any grant on the unit (403 otherwise); a fixed number of queries.
  Result<ModelsByUnitReport> ModelsByUnit(const Caller& caller, const ModelsByUnitQuery& query);

  //! Residents' concerns sent in the period over the unit's subtree (and, with `roll_up`, the units that became
  //! part of it by `as_of`), grouped by unit, organisation, category or month, with a total. Permission and roll-up
  //! as ModelsByUnit; a fixed number of queries, aggregated in SQL.
  Result<ConcernFiguresReport> ConcernFigures(const Caller& caller, const ConcernFiguresQuery& query);

  //! The models of the unit's subtree (rolled up as ModelsByUnit) per field and recognition level; permission as
  //! ModelsByUnit; two queries.
  Result<FieldLevelReport> ModelsByFieldLevel(const Caller& caller, const ModelsByUnitQuery& query);

  //! ModelsByUnit as an .xlsx workbook: one sheet, a row per unit then the total, Vietnamese headers.
  Result<ReportFile> ModelsByUnitXlsx(const Caller& caller, const ModelsByUnitQuery& query);
  //! ConcernFigures as an .xlsx workbook: one sheet, a row per group then the total.
  Result<ReportFile> ConcernFiguresXlsx(const Caller& caller, const ConcernFiguresQuery& query);

 private:
  Database& db_;
  Repositories& repos_;
  ReportRepository& reports_;
  const Clock& clock_;
};

}  // namespace danvan
