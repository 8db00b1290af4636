#pragma once
//! The year's plans, their targets and hand reports, outreach activities and their files (V009). One SOCI
//! implementation for both databases (storage/plan_repository.cpp, SQL in storage/sql/plans_sql.hpp).

#include "domain/plan.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! The records a plan's counts cover: the unit's subtree with the units that became part of it by `as_of`, and
//! of the organisation and those below it when the plan is an organisation's; from 1 January of `year` to `as_of`.
struct PlanScope {
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  int year = 0;
  Date as_of;
};

struct ActivityQuery {
  int64_t unit_id = 0;  //!< its subtree, and the units that became part of it by `as_of`
  Date as_of;
  Date from, to;  //!< held in [from, to], both included
  std::optional<std::string> kind_code;
  std::optional<int64_t> organisation_id;
  int64_t limit = 50;
  int64_t offset = 0;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;

  virtual std::vector<PlanTask> Tasks(Tx& tx) = 0;
  virtual std::vector<TargetKind> TargetKinds(Tx& tx) = 0;
  virtual std::vector<OutreachKind> OutreachKinds(Tx& tx) = 0;

  virtual std::optional<Plan> FindPlan(Tx& tx, int64_t id) = 0;
  virtual std::optional<Plan> FindPlanOf(Tx& tx, int64_t unit_id, std::optional<int64_t> organisation_id, int year) = 0;
  virtual std::vector<Plan> PlansOfUnit(Tx& tx, int64_t unit_id, std::optional<int> year) = 0;
  virtual int64_t InsertPlan(Tx& tx, const Plan& plan) = 0;
  virtual void UpdatePlan(Tx& tx, const Plan& plan) = 0;

  virtual std::vector<PlanTarget> TargetsOf(Tx& tx, int64_t plan_id) = 0;
  virtual std::optional<PlanTarget> FindTarget(Tx& tx, int64_t id) = 0;
  virtual int64_t InsertTarget(Tx& tx, const PlanTarget& target) = 0;
  virtual void UpdateTarget(Tx& tx, const PlanTarget& target) = 0;
  virtual void DeleteTarget(Tx& tx, int64_t id) = 0;
  virtual int64_t CountReportsOf(Tx& tx, int64_t target_id) = 0;

  virtual int64_t InsertTargetReport(Tx& tx, const TargetReport& report) = 0;
  //! Every report of the plan's targets with its files' metadata, by target then day: two queries.
  virtual std::vector<TargetReport> ReportsOfPlan(Tx& tx, int64_t plan_id) = 0;

  virtual std::optional<OutreachActivity> FindActivity(Tx& tx, int64_t id) = 0;
  //! A page of activities, each with the number of its files: one query.
  virtual std::vector<OutreachActivity> Activities(Tx& tx, const ActivityQuery& query) = 0;
  virtual int64_t CountActivities(Tx& tx, const ActivityQuery& query) = 0;
  virtual int64_t InsertActivity(Tx& tx, const OutreachActivity& activity) = 0;
  virtual void UpdateActivity(Tx& tx, const OutreachActivity& activity) = 0;
  virtual std::vector<PlanFileMeta> FilesOfActivity(Tx& tx, int64_t activity_id) = 0;

  virtual int64_t InsertFile(Tx& tx, const PlanFileMeta& meta, const std::string& content,
                             const std::optional<std::string>& thumbnail) = 0;
  virtual std::optional<PlanFileMeta> FindFile(Tx& tx, int64_t id) = 0;
  //! The unit whose records the file belongs to: its activity's, or its report's plan's.
  virtual std::optional<int64_t> FileUnit(Tx& tx, int64_t id) = 0;
  virtual std::optional<std::string> FileBytes(Tx& tx, int64_t id, bool thumbnail) = 0;

  //! The counts behind every counted target of a plan: three queries whatever the number of records.
  virtual PlanCounts Counts(Tx& tx, const PlanScope& scope) = 0;
};

std::unique_ptr<PlanRepository> MakePlanRepository();

}  // namespace danvan
