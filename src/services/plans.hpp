#pragma once
//! The year's plans of the mass-mobilisation work and the outreach activities that feed them (docs/plans.md).
//! A unit's plan is kept by its officers (kManageMovement); an organisation's plan also by the members who speak
//! for it. Every change is audited; progress is read as of any day with a fixed number of queries.

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/plan.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "services/movement.hpp"
#include "storage/database.hpp"
#include "storage/plan_repository.hpp"
#include "storage/repositories.hpp"

#include <optional>
#include <string>
#include <vector>

namespace danvan {

struct PlanReference {
  std::vector<PlanTask> tasks;
  std::vector<TargetKind> target_kinds;
  std::vector<OutreachKind> outreach_kinds;
};

struct TargetInput {
  std::string kind_code;
  double target = 0;
  std::string notes;
};

struct PlanInput {
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  int year = 0;
  std::string title;
  std::string notes;
  std::vector<TargetInput> targets;
};

struct TargetReportInput {
  std::string reported_on;  //!< dd/mm/yyyy or yyyy-mm-dd; in the plan's year, not after today
  double value = 0;
  std::string evidence;
  std::vector<UploadedFile> files;
};

struct ActivityInput {
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  std::string kind_code;
  std::string held_on;
  std::string place;
  std::string topic;
  int64_t attendance = 0;
  std::string notes;
  std::vector<UploadedFile> files;  //!< on creation only; later files come with AddActivityFiles
};

//! A target with where it stands on the day asked for.
struct TargetProgress {
  PlanTarget target;
  TargetKind kind;
  std::optional<double> value;  //!< counted, or the latest hand report on or before the day; absent: nothing yet
  double percent = 0;           //!< value / target × 100
  bool met = false;
  std::optional<TargetReport> latest_report;  //!< hand-reported targets: the report the value comes from
  std::vector<TargetReport> reports;          //!< hand-reported targets: every report, oldest first
};

struct PlanSection {
  PlanTask task;
  std::vector<TargetProgress> targets;
};

struct PlanView {
  Plan plan;
  std::string unit_name;
  Date as_of;
  std::vector<PlanSection> sections;  //!< the five tasks in order, each even without targets
  int targets = 0;
  int met = 0;
  bool can_edit = false;
};

struct ActivityQueryInput {
  int64_t unit_id = 0;
  std::optional<int> year;
  std::string from, to;  //!< dd/mm/yyyy or ISO; inside the year when both are given
  std::optional<std::string> kind_code;
  std::optional<int64_t> organisation_id;
  int64_t page = 1;
  int64_t page_size = 50;
};

struct ActivityView {
  OutreachActivity activity;
  bool can_edit = false;
};

struct PlanFileDownload {
  PlanFileMeta meta;
  std::string bytes;
};

//! What carrying a plan into the next year made.
struct PlanCarryOver {
  PlanView plan;                      //!< next year's plan, as of its first day
  std::vector<TargetProgress> ended;  //!< last year's targets as of 31 December, with their shortfall
};

class PlanService {
 public:
  PlanService(Database& db, Repositories& repos, PlanRepository& plans, AuditLog& audit, const Clock& clock)
      : db_(db), repos_(repos), plans_(plans), audit_(audit), clock_(clock) {}

  Result<PlanReference> Reference();

  Result<PlanView> CreatePlan(const Caller& caller, const PlanInput& input);
  //! The plan with each target's progress as of `as_of` (empty: today in Vietnam, or 31/12 of a past year).
  Result<PlanView> GetPlan(const Caller& caller, int64_t id, const std::string& as_of);
  //! The same as a spreadsheet: a row per task and per target, the figures as numbers ("ke-hoach-2026-<as_of>.xlsx").
  Result<ExportFile> ExportPlan(const Caller& caller, int64_t id, const std::string& as_of);
  Result<std::vector<Plan>> ListPlans(const Caller& caller, int64_t unit_id, std::optional<int> year);
  Result<PlanView> UpdatePlan(const Caller& caller, int64_t id, const std::string& title, const std::string& notes);
  //! Next year's plan with the same targets, each noting last year's result; refused when it exists already.
  Result<PlanCarryOver> CarryOver(const Caller& caller, int64_t id);

  Result<PlanTarget> AddTarget(const Caller& caller, int64_t plan_id, const TargetInput& input);
  Result<PlanTarget> UpdateTarget(const Caller& caller, int64_t target_id, double target, const std::string& notes);
  //! Refused once a report was made for it: the evidence stays.
  Status DeleteTarget(const Caller& caller, int64_t target_id);
  //! Only targets reported by hand take reports; a counted one counts itself.
  Result<TargetReport> ReportTarget(const Caller& caller, int64_t target_id, const TargetReportInput& input);

  Result<ActivityView> CreateActivity(const Caller& caller, const ActivityInput& input);
  Result<ActivityView> UpdateActivity(const Caller& caller, int64_t id, const ActivityInput& input);
  Result<ActivityView> GetActivity(const Caller& caller, int64_t id);
  Result<Page<ActivityView>> ListActivities(const Caller& caller, const ActivityQueryInput& query);
  //! Every activity the query matches, newest first, as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportActivities(const Caller& caller, ActivityQueryInput query);
  Result<ActivityView> AddActivityFiles(const Caller& caller, int64_t id, const std::vector<UploadedFile>& files);
  Result<PlanFileDownload> File(const Caller& caller, int64_t id, bool thumbnail);

 private:
  Result<PlanView> Read(const Caller& caller, int64_t id, std::optional<Date> as_of);

  Database& db_;
  Repositories& repos_;
  PlanRepository& plans_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace danvan
