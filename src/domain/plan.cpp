#include "domain/plan.hpp"

#include <array>
#include <utility>

namespace danvan {
namespace {

constexpr std::array<std::pair<PlanMetric, std::string_view>, 10> kMetrics{{
    {PlanMetric::kOutreachSessions, "outreach_sessions"},
    {PlanMetric::kOutreachAttendance, "outreach_attendance"},
    {PlanMetric::kModelsRegistered, "models_registered"},
    {PlanMetric::kModelsRecognised, "models_recognised"},
    {PlanMetric::kModelsReplicated, "models_replicated"},
    {PlanMetric::kConcernsReceived, "concerns_received"},
    {PlanMetric::kConcernsResolved, "concerns_resolved"},
    {PlanMetric::kConcernsReceivedOnTimePct, "concerns_received_on_time_pct"},
    {PlanMetric::kConcernsResolvedOnTimePct, "concerns_resolved_on_time_pct"},
    {PlanMetric::kSatisfactionMean, "satisfaction_mean"},
}};

std::optional<double> Share(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::string_view ToString(PlanMetric m) {
  for (const auto& [metric, name] : kMetrics)
    if (metric == m) return name;
  return "outreach_sessions";
}

std::optional<PlanMetric> ParsePlanMetric(std::string_view s) {
  for (const auto& [metric, name] : kMetrics)
    if (name == s) return metric;
  return std::nullopt;
}

std::string_view ToString(Measure m) {
  switch (m) {
    case Measure::kPercent: return "percent";
    case Measure::kMean: return "mean";
    case Measure::kCount: break;
  }
  return "count";
}

std::optional<Measure> ParseMeasure(std::string_view s) {
  if (s == "count") return Measure::kCount;
  if (s == "percent") return Measure::kPercent;
  if (s == "mean") return Measure::kMean;
  return std::nullopt;
}

std::optional<double> CountedValue(const TargetKind& kind, const PlanCounts& c) {
  if (!kind.metric) return std::nullopt;
  switch (*kind.metric) {
    case PlanMetric::kOutreachSessions:
    case PlanMetric::kOutreachAttendance: {
      int64_t total = 0;
      for (const auto& o : c.outreach)
        if (!kind.outreach_kind || o.kind_code == *kind.outreach_kind)
          total += *kind.metric == PlanMetric::kOutreachSessions ? o.sessions : o.attendance;
      return static_cast<double>(total);
    }
    case PlanMetric::kModelsRegistered: return static_cast<double>(c.models_registered);
    case PlanMetric::kModelsRecognised: return static_cast<double>(c.models_recognised);
    case PlanMetric::kModelsReplicated: return static_cast<double>(c.models_replicated);
    case PlanMetric::kConcernsReceived: return static_cast<double>(c.concerns_received);
    case PlanMetric::kConcernsResolved: return static_cast<double>(c.concerns_resolved);
    case PlanMetric::kConcernsReceivedOnTimePct: return Share(c.concerns_received_on_time, c.concerns_acknowledged);
    case PlanMetric::kConcernsResolvedOnTimePct: return Share(c.concerns_resolved_on_time, c.concerns_resolved);
    case PlanMetric::kSatisfactionMean:
      if (c.ratings <= 0) return std::nullopt;
      return static_cast<double>(c.stars) / static_cast<double>(c.ratings);
  }
  return std::nullopt;
}

double ProgressPercent(double value, double target) {
  if (target <= 0) return 100.0;
  return 100.0 * value / target;
}

}  // namespace danvan
