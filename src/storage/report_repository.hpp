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

//! Models of one field at one recognition level.
struct FieldLevelCount {
  std::string field;       //!< the field's code
  std::string level;       //!< the recognition level's code; empty: not recognised at a level
  std::string level_name;  //!< the level's name in its campaign; empty when none
  int64_t models = 0;
};

//! How the figures of residents' concerns are grouped in SQL.
enum class ConcernGrouping { kUnit, kOrganisation, kCategory, kDay };

//! One group of concerns sent in the period, counted (docs/concerns.md, "Figures").
struct ConcernCount {
  std::optional<int64_t> id;  //!< the unit, organisation (absent: nobody owns them yet) or category
  std::string code;           //!< the category's code
  std::string name;           //!< the organisation's or the category's name
  std::string day;            //!< kDay: the UTC day sent, "YYYY-MM-DD"
  bool evening = false;       //!< kDay: sent at or after 17:00 UTC, already the next day in Vietnam
  int64_t received = 0;
  int64_t resolved = 0;          //!< resolved or closed: the answer stands
  int64_t received_on_time = 0;  //!< acknowledged within the receiving clock
  int64_t resolved_on_time = 0;  //!< of the resolved, the last resolving event was on time
  int64_t rejected = 0;
  int64_t out_of_scope = 0;
  int64_t duplicate = 0;
  int64_t open = 0;
  int64_t ratings = 0;
  int64_t stars = 0;  //!< the sum of the ratings' stars
};

//! Models of one field and subject (collective or individual).
struct FieldSubjectCount {
  std::string field;    //!< the field's code
  std::string subject;  //!< "collective" | "individual"
  int64_t models = 0;
  int64_t registered = 0;
  int64_t recognised = 0;  //!< recognised or carried over
  int64_t replicated = 0;  //!< replications of another model
};

//! The rewards of one issuer's decisions in a year: valid certificates only.
struct IssuerRewards {
  int64_t issuer_id = 0;
  std::string issuer_name;
  int64_t decisions = 0;
  int64_t collectives = 0;
  int64_t individuals = 0;
  int64_t amount = 0;  //!< đồng
};

//! What the officer writes around the year report's figures (docs/year-report.md). Lists are one item per line.
struct YearReportText {
  int64_t id = 0;  //!< 0: not saved yet
  int64_t unit_id = 0;
  int year = 0;
  std::optional<int64_t> issuer_id;
  std::string number;                //!< the issuer's own series; may be blank
  std::optional<Date> reported_on;   //!< the date printed; absent: the day it is printed
  std::string situation;             //!< I. Đặc điểm tình hình
  std::string highlights;            //!< II. Kết quả: the words before the figures
  std::string assessment;            //!< III. Đánh giá chung
  std::string directions;            //!< IV. Phương hướng năm sau
  std::string recipients;            //!< "Nơi nhận", one per line
  std::string signer_capacity;       //!< "", "TM.", "KT.", …
  std::string signer_title;
  std::string signer_name;
  std::string updated_by;
  std::string created_at;
  std::string updated_at;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  //! Models per unit and status, of campaigns starting in the scope's year.
  virtual std::vector<UnitStatusCount> ModelCounts(Tx& tx, const ReportScope& scope) = 0;
  //! Models per field and recognition level, of campaigns starting in the scope's year.
  virtual std::vector<FieldLevelCount> ModelFieldLevels(Tx& tx, const ReportScope& scope) = 0;
  //! Valid certificates per unit of their decision, decided in the scope's year.
  virtual std::map<int64_t, int64_t> CertificateCounts(Tx& tx, const ReportScope& scope) = 0;
  //! Models per field and subject, of campaigns starting in the scope's year (which must be set).
  virtual std::vector<FieldSubjectCount> ModelSubjects(Tx& tx, const ReportScope& scope) = 0;
  //! Rewards per issuer of the decisions of the scope's year (which must be set).
  virtual std::vector<IssuerRewards> RewardsByIssuer(Tx& tx, const ReportScope& scope) = 0;
  virtual std::optional<YearReportText> FindYearReport(Tx& tx, int64_t unit_id, int year) = 0;
  //! Inserts (id 0) or updates the text; returns its id.
  virtual int64_t SaveYearReport(Tx& tx, const YearReportText& text) = 0;
  //! The successions in force on `as_of` on the way forward from every unit of the scope.
  virtual std::vector<Succession> SuccessionsAhead(Tx& tx, const ReportScope& scope) = 0;
  //! Concerns of the scope sent in [from, to) (UTC text; absent: unbounded), counted per group (the year of the
  //! scope is not used).
  virtual std::vector<ConcernCount> ConcernCounts(Tx& tx, const ReportScope& scope, ConcernGrouping grouping,
                                                  const std::optional<std::string>& from,
                                                  const std::optional<std::string>& to) = 0;
};

std::unique_ptr<ReportRepository> MakeReportRepository();

}  // namespace danvan
