#pragma once
//! The year's plan of the mass-mobilisation work: the five tasks as sections, each with targets; a target is
//! counted from danvan's own records (its kind names the metric) or reported by hand with evidence. Outreach
//! activities (propaganda sessions, dialogues, voters' meetings, trainings) are records that feed the counts.
//! docs/plans.md says which query counts each metric.

#include "core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

//! What a counted target counts. Each has one query (storage/sql/plans_sql.hpp) over the plan's scope, from the
//! first day of the plan's year to the day asked for.
enum class PlanMetric {
  kOutreachSessions,            //!< activities held (of the target kind's activity kind)
  kOutreachAttendance,          //!< their attendance summed
  kModelsRegistered,            //!< models of the year's campaigns registered by the day
  kModelsRecognised,            //!< … recognised by a council session held by the day
  kModelsReplicated,            //!< … that replicate another model, created by the day
  kConcernsReceived,            //!< residents' concerns sent in the year by the day
  kConcernsResolved,            //!< … resolved (or closed) by the day
  kConcernsReceivedOnTimePct,   //!< of those acknowledged by the day, the share on time (%)
  kConcernsResolvedOnTimePct,   //!< of those resolved by the day, the share on time (%)
  kSatisfactionMean,            //!< the mean of the ratings given by the day (1–5)
};
std::string_view ToString(PlanMetric m);
std::optional<PlanMetric> ParsePlanMetric(std::string_view s);

//! How a value reads: a count, a percentage, a mean of 1–5. Percentages and means are not summed over a year:
//! a target of 90 % is met when the share is at least 90 %.
enum class Measure { kCount, kPercent, kMean };
std::string_view ToString(Measure m);
std::optional<Measure> ParseMeasure(std::string_view s);

struct PlanTask {
  std::string code;
  int position = 0;
  std::string name_vi;
  std::string name_en;
};

struct OutreachKind {
  std::string code;
  std::string name_vi;
  std::string name_en;
};

struct TargetKind {
  std::string code;
  std::string task_code;
  std::string name_vi;
  std::string name_en;
  std::string unit_vi;
  std::string unit_en;
  std::optional<PlanMetric> metric;  //!< absent: reported by hand
  std::optional<std::string> outreach_kind;
  Measure measure = Measure::kCount;
};

struct Plan {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;  //!< a plan of one organisation of the unit; absent: the unit's
  int year = 0;
  std::string title;
  std::string notes;
  std::optional<int64_t> carried_from_id;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> organisation_name;  //!< read with it
};

struct PlanTarget {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string kind_code;
  double target = 0;
  std::string notes;
  int position = 0;
  std::optional<int64_t> carried_from_id;
};

struct PlanFileMeta {
  int64_t id = 0;
  std::optional<int64_t> activity_id;
  std::optional<int64_t> report_id;
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::optional<int> width, height;
  bool has_thumbnail = false;
  std::string created_at;
};

struct TargetReport {
  int64_t id = 0;
  int64_t target_id = 0;
  Date reported_on;
  double value = 0;
  std::string evidence;
  std::string reported_by;
  std::string created_at;
  std::vector<PlanFileMeta> files;
};

struct OutreachActivity {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;  //!< the organiser; absent: the unit's own
  std::string kind_code;
  Date held_on;
  std::string place;
  std::string topic;
  int64_t attendance = 0;
  std::string notes;
  bool is_demo = false;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  int64_t file_count = 0;
  std::string kind_name;                         //!< read with it: the kind's Vietnamese name
  std::optional<std::string> organisation_name;  //!< read with it
  std::vector<PlanFileMeta> files;               //!< read for one activity, not for a list
};

//! The records a plan's counts cover, as numbers from the three count queries (one per family).
struct PlanCounts {
  struct Outreach {
    std::string kind_code;
    int64_t sessions = 0;
    int64_t attendance = 0;
  };
  std::vector<Outreach> outreach;
  int64_t models_registered = 0;
  int64_t models_recognised = 0;
  int64_t models_replicated = 0;
  int64_t concerns_received = 0;
  int64_t concerns_acknowledged = 0;  //!< acknowledged (received by staff) by the day
  int64_t concerns_received_on_time = 0;
  int64_t concerns_resolved = 0;
  int64_t concerns_resolved_on_time = 0;
  int64_t ratings = 0;
  int64_t stars = 0;
};

//! A target's value from the counts; absent when there is nothing to measure yet (no concern resolved for a
//! percentage, no rating for a mean).
std::optional<double> CountedValue(const TargetKind& kind, const PlanCounts& counts);

//! How far a value is toward its target, 0–100 (may pass 100 for counts). A target of 0 is met by any value.
double ProgressPercent(double value, double target);

}  // namespace danvan
