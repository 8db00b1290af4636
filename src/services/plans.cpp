#include "services/plans.hpp"

#include "documents/xlsx/workbook.hpp"
#include "domain/validation.hpp"

#include "services/community.hpp"
#include "services/territory.hpp"
#include "services/uploads.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace danvan {
namespace {


Error PlanNotFound() {
  return MakeError(ErrorKind::kNotFound, "plan_not_found", "Không tìm thấy kế hoạch.", "No such plan.");
}
Error TargetNotFound() {
  return MakeError(ErrorKind::kNotFound, "target_not_found", "Không tìm thấy chỉ tiêu.", "No such target.");
}
Error ActivityNotFound() {
  return MakeError(ErrorKind::kNotFound, "activity_not_found", "Không tìm thấy hoạt động.", "No such activity.");
}
Error FileNotFound() {
  return MakeError(ErrorKind::kNotFound, "file_not_found", "Không tìm thấy tệp.", "No such file.");
}

bool SpeaksForOrganisation(const Principal& p, std::optional<int64_t> organisation_id) {
  if (!organisation_id) return false;
  return std::any_of(p.grants.begin(), p.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kUnitMember && g.organisation_id == organisation_id;
  });
}

Date LastDayOf(int year) { return Date::FromYmd(year, 12, 31); }

//! The value a target has on the day from the counts or its reports, with how far it is toward the target.
TargetProgress Progress(const PlanTarget& t, const TargetKind& kind, const PlanCounts& counts,
                        const std::vector<TargetReport>& reports, const Date& as_of) {
  TargetProgress p;
  p.target = t;
  p.kind = kind;
  if (kind.metric) {
    p.value = CountedValue(kind, counts);
  } else {
    for (const auto& r : reports) {
      if (r.target_id != t.id) continue;
      p.reports.push_back(r);
      if (r.reported_on <= as_of) p.latest_report = r;  // reports come by day, then id
    }
    if (p.latest_report) p.value = p.latest_report->value;
  }
  if (p.value) {
    p.percent = ProgressPercent(*p.value, t.target);
    p.met = *p.value >= t.target;
  }
  return p;
}

std::string Number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{}", static_cast<int64_t>(std::llround(v)));
  return fmt::format("{:.1f}", v);
}

std::string TargetJson(const PlanTarget& t) {
  return boost::json::serialize(boost::json::object{
      {"plan_id", t.plan_id}, {"kind", t.kind_code}, {"target", t.target}, {"notes", t.notes}});
}

std::string ActivityJson(const OutreachActivity& a) {
  boost::json::object o{{"unit_id", a.unit_id},   {"kind", a.kind_code},       {"held_on", a.held_on.Iso()},
                        {"place", a.place},       {"topic", a.topic},          {"attendance", a.attendance},
                        {"files", a.file_count}};
  if (a.organisation_id) o["organisation_id"] = *a.organisation_id;
  return boost::json::serialize(o);
}

}  // namespace

Result<PlanReference> PlanService::Reference() {
  return db_.Run<PlanReference>(TxMode::kRead, [&](Tx& tx) -> Result<PlanReference> {
    return PlanReference{plans_.Tasks(tx), plans_.TargetKinds(tx), plans_.OutreachKinds(tx)};
  });
}

namespace {

struct Access {
  bool view = false;
  bool edit = false;
};

Access AccessTo(const Principal& p, const std::vector<int64_t>& ancestry, std::optional<int64_t> organisation_id) {
  Access a;
  a.view = Allows(p, Permission::kViewUnitPrivate, ancestry);
  a.edit = Allows(p, Permission::kManageMovement, ancestry) ||
           (a.view && SpeaksForOrganisation(p, organisation_id));
  return a;
}

const TargetKind* KindOf(const std::vector<TargetKind>& kinds, const std::string& code) {
  for (const auto& k : kinds)
    if (k.code == code) return &k;
  return nullptr;
}

Status CheckTarget(const TargetKind* kind, const TargetInput& t, std::string_view field) {
  if (!kind)
    return InvalidField("unknown_target_kind", "Loại chỉ tiêu không có trong danh mục.",
                        "The target kind is not in the reference list.", field)
        .WithDetail("kind", boost::json::string(t.kind_code));
  if (!std::isfinite(t.target) || t.target < 0)
    return InvalidField("invalid_target", "Chỉ tiêu phải là số không âm.", "A target must be a number of zero or more.",
                        field);
  if (kind->measure == Measure::kPercent && t.target > 100)
    return InvalidField("invalid_target", "Chỉ tiêu tỷ lệ không quá 100%.", "A percentage target is at most 100 %.",
                        field);
  if (kind->measure == Measure::kMean && t.target > 5)
    return InvalidField("invalid_target", "Mức hài lòng tính trên thang 1–5.", "Satisfaction is rated from 1 to 5.",
                        field);
  return OkStatus();
}

}  // namespace

Result<PlanView> PlanService::CreatePlan(const Caller& caller, const PlanInput& in) {
  if (in.year < 1900 || in.year > 9999)
    return InvalidField("invalid_year", "Năm phải từ 1900 đến 9999.", "The year must be between 1900 and 9999.", "year");
  const std::string now = FormatUtc(clock_.Now());
  auto created = db_.Run<int64_t>(TxMode::kWrite, [&](Tx& tx) -> Result<int64_t> {
    auto unit = repos_.territory->Find(tx, in.unit_id);
    if (!unit) return UnitNotFound(in.unit_id).WithDetail("field", "unit_id");
    const auto ancestry = repos_.territory->Ancestry(tx, in.unit_id);
    if (!AccessTo(caller.principal, ancestry, in.organisation_id).edit) return Forbidden();
    if (in.organisation_id) {
      auto o = repos_.organisations->Find(tx, *in.organisation_id);
      if (!o || o->unit_id != in.unit_id)
        return OrganisationNotFound(*in.organisation_id).WithDetail("field", "organisation_id");
    }
    if (auto existing = plans_.FindPlanOf(tx, in.unit_id, in.organisation_id, in.year))
      return MakeError(ErrorKind::kConflict, "plan_exists", "Đã có kế hoạch của năm này.", "A plan for this year exists.")
          .WithDetail("plan_id", existing->id);
    const auto kinds = plans_.TargetKinds(tx);
    std::vector<std::string> seen;
    for (size_t i = 0; i < in.targets.size(); ++i) {
      const auto& t = in.targets[i];
      DANVAN_TRY(CheckTarget(KindOf(kinds, t.kind_code), t, fmt::format("targets/{}/kind", i)));
      if (std::find(seen.begin(), seen.end(), t.kind_code) != seen.end())
        return InvalidField("target_kind_in_plan", "Mỗi loại chỉ tiêu chỉ có một lần trong kế hoạch.",
                            "Each kind of target appears once in a plan.", fmt::format("targets/{}/kind", i));
      seen.push_back(t.kind_code);
    }
    Plan p;
    p.unit_id = in.unit_id;
    p.organisation_id = in.organisation_id;
    p.year = in.year;
    p.title = in.title.empty() ? fmt::format("Kế hoạch công tác dân vận năm {}", in.year) : in.title;
    p.notes = in.notes;
    p.created_by = ActorName(caller);
    p.created_at = p.updated_at = now;
    p.id = plans_.InsertPlan(tx, p);
    boost::json::array targets;
    for (size_t i = 0; i < in.targets.size(); ++i) {
      PlanTarget t{0, p.id, in.targets[i].kind_code, in.targets[i].target, in.targets[i].notes,
                   static_cast<int>(i + 1), std::nullopt};
      t.id = plans_.InsertTarget(tx, t);
      targets.push_back({{"kind", t.kind_code}, {"target", t.target}});
    }
    boost::json::object after{{"unit_id", p.unit_id}, {"year", p.year}, {"title", p.title}, {"targets", targets}};
    if (p.organisation_id) after["organisation_id"] = *p.organisation_id;
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(p.unit_id), "plan", std::to_string(p.id), "create", std::nullopt,
                             boost::json::serialize(after)});
    return p.id;
  });
  if (!created) return std::move(created).error();
  return GetPlan(caller, *created, "");
}

Result<PlanView> PlanService::GetPlan(const Caller& caller, int64_t id, const std::string& as_of_text) {
  std::optional<Date> asked;
  if (!as_of_text.empty()) asked = DANVAN_TRY(Date::Parse(as_of_text, "as_of"));
  return Read(caller, id, asked);
}

Result<PlanView> PlanService::Read(const Caller& caller, int64_t id, std::optional<Date> asked) {
  return db_.Run<PlanView>(TxMode::kRead, [&](Tx& tx) -> Result<PlanView> {
    auto plan = plans_.FindPlan(tx, id);
    if (!plan) return PlanNotFound();
    const auto ancestry = repos_.territory->Ancestry(tx, plan->unit_id);
    const auto access = AccessTo(caller.principal, ancestry, plan->organisation_id);
    if (!access.view) return PlanNotFound();
    PlanView v;
    v.plan = *plan;
    v.can_edit = access.edit;
    const Date today = Date::TodayInVietnam(clock_.Now());
    // A plan speaks of its year: after it, the day is its last; before it begins nothing is counted yet.
    v.as_of = std::min(asked.value_or(today), LastDayOf(plan->year));
    if (auto unit = repos_.territory->Find(tx, plan->unit_id)) v.unit_name = unit->name;
    const auto tasks = plans_.Tasks(tx);
    const auto kinds = plans_.TargetKinds(tx);
    const auto targets = plans_.TargetsOf(tx, id);
    const auto reports = plans_.ReportsOfPlan(tx, id);
    const auto counts = plans_.Counts(tx, PlanScope{plan->unit_id, plan->organisation_id, plan->year, v.as_of});
    for (const auto& task : tasks) {
      PlanSection s{task, {}};
      for (const auto& t : targets) {
        const TargetKind* kind = KindOf(kinds, t.kind_code);
        if (!kind || kind->task_code != task.code) continue;
        s.targets.push_back(Progress(t, *kind, counts, reports, v.as_of));
        ++v.targets;
        if (s.targets.back().met) ++v.met;
      }
      v.sections.push_back(std::move(s));
    }
    return v;
  });
}

Result<std::vector<Plan>> PlanService::ListPlans(const Caller& caller, int64_t unit_id, std::optional<int> year) {
  return db_.Run<std::vector<Plan>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<Plan>> {
    if (!repos_.territory->Find(tx, unit_id)) return UnitNotFound(unit_id).WithDetail("parameter", "unit_id");
    if (!Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, unit_id)))
      return Forbidden();
    return plans_.PlansOfUnit(tx, unit_id, year);
  });
}

Result<PlanView> PlanService::UpdatePlan(const Caller& caller, int64_t id, const std::string& title,
                                         const std::string& notes) {
  auto done = db_.Run<bool>(TxMode::kWrite, [&](Tx& tx) -> Result<bool> {
    auto plan = plans_.FindPlan(tx, id);
    if (!plan) return PlanNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, plan->unit_id), plan->organisation_id);
    if (!access.view) return PlanNotFound();
    if (!access.edit) return Forbidden();
    const std::string before = boost::json::serialize(boost::json::object{{"title", plan->title}, {"notes", plan->notes}});
    if (!title.empty()) plan->title = title;
    plan->notes = notes;
    plan->updated_at = FormatUtc(clock_.Now());
    plans_.UpdatePlan(tx, *plan);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(plan->unit_id), "plan", std::to_string(id), "update", before,
                             boost::json::serialize(boost::json::object{{"title", plan->title}, {"notes", plan->notes}})});
    return true;
  });
  if (!done) return std::move(done).error();
  return GetPlan(caller, id, "");
}

Result<PlanCarryOver> PlanService::CarryOver(const Caller& caller, int64_t id) {
  // The year's results as of its last day, whatever today is.
  auto last = DANVAN_TRY(Read(caller, id, std::nullopt));
  if (last.as_of != LastDayOf(last.plan.year)) last = DANVAN_TRY(Read(caller, id, LastDayOf(last.plan.year)));
  if (!last.can_edit) return Forbidden();
  const std::string now = FormatUtc(clock_.Now());
  auto created = db_.Run<int64_t>(TxMode::kWrite, [&](Tx& tx) -> Result<int64_t> {
    const Plan& from = last.plan;
    if (auto existing = plans_.FindPlanOf(tx, from.unit_id, from.organisation_id, from.year + 1))
      return MakeError(ErrorKind::kConflict, "plan_exists", "Đã có kế hoạch của năm sau.",
                       "Next year's plan exists already.")
          .WithDetail("plan_id", existing->id);
    Plan p;
    p.unit_id = from.unit_id;
    p.organisation_id = from.organisation_id;
    p.year = from.year + 1;
    p.title = fmt::format("Kế hoạch công tác dân vận năm {}", p.year);
    p.notes = fmt::format("Chuyển tiếp từ kế hoạch năm {}: đạt {}/{} chỉ tiêu.", from.year, last.met, last.targets);
    p.carried_from_id = from.id;
    p.created_by = ActorName(caller);
    p.created_at = p.updated_at = now;
    p.id = plans_.InsertPlan(tx, p);
    int position = 0;
    boost::json::array targets;
    for (const auto& section : last.sections)
      for (const auto& t : section.targets) {
        PlanTarget n{0, p.id, t.target.kind_code, t.target.target, "", ++position, t.target.id};
        const std::string got = t.value ? Number(*t.value) : "chưa có số liệu";
        n.notes = t.met ? fmt::format("Năm {}: đạt {}/{} {}.", from.year, got, Number(t.target.target), t.kind.unit_vi)
                        : fmt::format("Năm {}: đạt {}/{} {}, còn thiếu {}.", from.year, got, Number(t.target.target),
                                      t.kind.unit_vi, Number(t.target.target - t.value.value_or(0)));
        n.id = plans_.InsertTarget(tx, n);
        targets.push_back({{"kind", n.kind_code}, {"target", n.target}, {"met", t.met}});
      }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(p.unit_id), "plan", std::to_string(p.id), "carry_over",
                             std::nullopt,
                             boost::json::serialize(boost::json::object{{"from_plan_id", from.id},
                                                                        {"year", p.year},
                                                                        {"targets", targets}})});
    return p.id;
  });
  if (!created) return std::move(created).error();
  PlanCarryOver out;
  out.plan = DANVAN_TRY(GetPlan(caller, *created, ""));
  for (const auto& section : last.sections)
    for (const auto& t : section.targets) out.ended.push_back(t);
  return out;
}

Result<PlanTarget> PlanService::AddTarget(const Caller& caller, int64_t plan_id, const TargetInput& in) {
  return db_.Run<PlanTarget>(TxMode::kWrite, [&](Tx& tx) -> Result<PlanTarget> {
    auto plan = plans_.FindPlan(tx, plan_id);
    if (!plan) return PlanNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, plan->unit_id), plan->organisation_id);
    if (!access.view) return PlanNotFound();
    if (!access.edit) return Forbidden();
    const auto kinds = plans_.TargetKinds(tx);
    DANVAN_TRY(CheckTarget(KindOf(kinds, in.kind_code), in, "kind"));
    const auto targets = plans_.TargetsOf(tx, plan_id);
    int position = 0;
    for (const auto& t : targets) {
      if (t.kind_code == in.kind_code)
        return MakeError(ErrorKind::kConflict, "target_kind_in_plan", "Kế hoạch đã có chỉ tiêu loại này.",
                         "The plan has a target of this kind already.")
            .WithDetail("target_id", t.id);
      position = std::max(position, t.position);
    }
    PlanTarget t{0, plan_id, in.kind_code, in.target, in.notes, position + 1, std::nullopt};
    t.id = plans_.InsertTarget(tx, t);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(plan->unit_id), "plan_target", std::to_string(t.id), "create", std::nullopt,
                             TargetJson(t)});
    return t;
  });
}

Result<PlanTarget> PlanService::UpdateTarget(const Caller& caller, int64_t target_id, double target,
                                             const std::string& notes) {
  return db_.Run<PlanTarget>(TxMode::kWrite, [&](Tx& tx) -> Result<PlanTarget> {
    auto t = plans_.FindTarget(tx, target_id);
    auto plan = t ? plans_.FindPlan(tx, t->plan_id) : std::nullopt;
    if (!t || !plan) return TargetNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, plan->unit_id), plan->organisation_id);
    if (!access.view) return TargetNotFound();
    if (!access.edit) return Forbidden();
    DANVAN_TRY(CheckTarget(KindOf(plans_.TargetKinds(tx), t->kind_code), TargetInput{t->kind_code, target, notes},
                           "target"));
    const std::string before = TargetJson(*t);
    t->target = target;
    t->notes = notes;
    plans_.UpdateTarget(tx, *t);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(plan->unit_id), "plan_target", std::to_string(t->id), "update", before, TargetJson(*t)});
    return *t;
  });
}

Status PlanService::DeleteTarget(const Caller& caller, int64_t target_id) {
  return db_.Run<Ok>(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto t = plans_.FindTarget(tx, target_id);
    auto plan = t ? plans_.FindPlan(tx, t->plan_id) : std::nullopt;
    if (!t || !plan) return TargetNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, plan->unit_id), plan->organisation_id);
    if (!access.view) return TargetNotFound();
    if (!access.edit) return Forbidden();
    if (plans_.CountReportsOf(tx, target_id) > 0)
      return MakeError(ErrorKind::kConflict, "target_has_reports",
                       "Chỉ tiêu đã có báo cáo kèm minh chứng nên không xóa được.",
                       "The target has reports with evidence and cannot be deleted.");
    plans_.DeleteTarget(tx, target_id);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(plan->unit_id), "plan_target", std::to_string(t->id), "delete", TargetJson(*t),
                             std::nullopt});
    return OkStatus();
  });
}

Result<TargetReport> PlanService::ReportTarget(const Caller& caller, int64_t target_id, const TargetReportInput& in) {
  const Date on = DANVAN_TRY(Date::Parse(in.reported_on, "reported_on"));
  if (!std::isfinite(in.value) || in.value < 0)
    return InvalidField("invalid_value", "Kết quả phải là số không âm.", "The value must be a number of zero or more.",
                        "value");
  if (on > Date::TodayInVietnam(clock_.Now()))
    return InvalidField("date_in_future", "Ngày báo cáo không được sau hôm nay.", "The report's day cannot be after today.",
                        "reported_on");
  const auto files = DANVAN_TRY(PrepareUploads(in.files));
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<TargetReport>(TxMode::kWrite, [&](Tx& tx) -> Result<TargetReport> {
    auto t = plans_.FindTarget(tx, target_id);
    auto plan = t ? plans_.FindPlan(tx, t->plan_id) : std::nullopt;
    if (!t || !plan) return TargetNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, plan->unit_id), plan->organisation_id);
    if (!access.view) return TargetNotFound();
    if (!access.edit) return Forbidden();
    const TargetKind* kind = KindOf(plans_.TargetKinds(tx), t->kind_code);
    if (kind && kind->metric)
      return MakeError(ErrorKind::kInvalidTransition, "target_counted",
                       "Chỉ tiêu này được tính tự động từ dữ liệu, không báo cáo tay.",
                       "This target is counted from the records, not reported by hand.")
          .WithDetail("metric", boost::json::string(ToString(*kind->metric)));
    if (on.year() != plan->year)
      return InvalidField("report_outside_year", fmt::format("Ngày báo cáo phải trong năm {}.", plan->year),
                          fmt::format("The report's day must be in {}.", plan->year), "reported_on");
    if (kind && kind->measure == Measure::kPercent && in.value > 100)
      return InvalidField("invalid_value", "Tỷ lệ không quá 100%.", "A percentage is at most 100 %.", "value");
    TargetReport r;
    r.target_id = target_id;
    r.reported_on = on;
    r.value = in.value;
    r.evidence = in.evidence;
    r.reported_by = ActorName(caller);
    r.created_at = now;
    r.id = plans_.InsertTargetReport(tx, r);
    boost::json::array names;
    for (const auto& f : files) {
      PlanFileMeta m;
      m.report_id = r.id;
      m.file_name = f.file_name;
      m.media_type = f.media_type;
      m.size_bytes = static_cast<int64_t>(f.bytes.size());
      m.width = f.width;
      m.height = f.height;
      m.has_thumbnail = f.thumbnail.has_value();
      m.created_at = now;
      m.id = plans_.InsertFile(tx, m, f.bytes, f.thumbnail);
      r.files.push_back(m);
      names.push_back({{"id", m.id}, {"file_name", m.file_name}, {"media_type", m.media_type}});
    }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(plan->unit_id), "target_report", std::to_string(r.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"target_id", target_id},
                                                                        {"reported_on", on.Iso()},
                                                                        {"value", in.value},
                                                                        {"files", names}})});
    return r;
  });
}

Result<ActivityView> PlanService::CreateActivity(const Caller& caller, const ActivityInput& in) {
  const Date held_on = DANVAN_TRY(Date::Parse(in.held_on, "held_on"));
  if (held_on > Date::TodayInVietnam(clock_.Now()))
    return InvalidField("date_in_future", "Hoạt động chỉ được ghi sau khi đã diễn ra.",
                        "An activity is recorded once it has taken place.", "held_on");
  const auto files = DANVAN_TRY(PrepareUploads(in.files));
  const std::string now = FormatUtc(clock_.Now());
  auto id = db_.Run<int64_t>(TxMode::kWrite, [&](Tx& tx) -> Result<int64_t> {
    if (!repos_.territory->Find(tx, in.unit_id)) return UnitNotFound(in.unit_id).WithDetail("field", "unit_id");
    if (!AccessTo(caller.principal, repos_.territory->Ancestry(tx, in.unit_id), in.organisation_id).edit)
      return Forbidden();
    if (in.organisation_id) {
      auto o = repos_.organisations->Find(tx, *in.organisation_id);
      if (!o || o->unit_id != in.unit_id)
        return OrganisationNotFound(*in.organisation_id).WithDetail("field", "organisation_id");
    }
    const auto kinds = plans_.OutreachKinds(tx);
    if (std::none_of(kinds.begin(), kinds.end(), [&](const OutreachKind& k) { return k.code == in.kind_code; }))
      return InvalidField("unknown_activity_kind", "Loại hoạt động không có trong danh mục.",
                          "The kind of activity is not in the reference list.", "kind");
    OutreachActivity a;
    a.unit_id = in.unit_id;
    a.organisation_id = in.organisation_id;
    a.kind_code = in.kind_code;
    a.held_on = held_on;
    a.place = in.place;
    a.topic = in.topic;
    a.attendance = in.attendance;
    a.notes = in.notes;
    a.created_by = ActorName(caller);
    a.created_at = a.updated_at = now;
    a.id = plans_.InsertActivity(tx, a);
    for (const auto& f : files) {
      PlanFileMeta m;
      m.activity_id = a.id;
      m.file_name = f.file_name;
      m.media_type = f.media_type;
      m.size_bytes = static_cast<int64_t>(f.bytes.size());
      m.width = f.width;
      m.height = f.height;
      m.created_at = now;
      plans_.InsertFile(tx, m, f.bytes, f.thumbnail);
    }
    a.file_count = static_cast<int64_t>(files.size());
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(a.unit_id), "outreach_activity", std::to_string(a.id), "create", std::nullopt,
                             ActivityJson(a)});
    return a.id;
  });
  if (!id) return std::move(id).error();
  return GetActivity(caller, *id);
}

Result<ActivityView> PlanService::UpdateActivity(const Caller& caller, int64_t id, const ActivityInput& in) {
  const Date held_on = DANVAN_TRY(Date::Parse(in.held_on, "held_on"));
  if (held_on > Date::TodayInVietnam(clock_.Now()))
    return InvalidField("date_in_future", "Hoạt động chỉ được ghi sau khi đã diễn ra.",
                        "An activity is recorded once it has taken place.", "held_on");
  auto done = db_.Run<bool>(TxMode::kWrite, [&](Tx& tx) -> Result<bool> {
    auto a = plans_.FindActivity(tx, id);
    if (!a) return ActivityNotFound();
    const auto ancestry = repos_.territory->Ancestry(tx, a->unit_id);
    const auto access = AccessTo(caller.principal, ancestry, a->organisation_id);
    if (!access.view) return ActivityNotFound();
    // A member may not hand the activity to another organisation than the one they speak for.
    if (!access.edit || !AccessTo(caller.principal, ancestry, in.organisation_id).edit) return Forbidden();
    if (in.organisation_id) {
      auto o = repos_.organisations->Find(tx, *in.organisation_id);
      if (!o || o->unit_id != a->unit_id)
        return OrganisationNotFound(*in.organisation_id).WithDetail("field", "organisation_id");
    }
    const auto kinds = plans_.OutreachKinds(tx);
    if (std::none_of(kinds.begin(), kinds.end(), [&](const OutreachKind& k) { return k.code == in.kind_code; }))
      return InvalidField("unknown_activity_kind", "Loại hoạt động không có trong danh mục.",
                          "The kind of activity is not in the reference list.", "kind");
    const std::string before = ActivityJson(*a);
    a->organisation_id = in.organisation_id;
    a->kind_code = in.kind_code;
    a->held_on = held_on;
    a->place = in.place;
    a->topic = in.topic;
    a->attendance = in.attendance;
    a->notes = in.notes;
    a->updated_at = FormatUtc(clock_.Now());
    plans_.UpdateActivity(tx, *a);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(a->unit_id), "outreach_activity", std::to_string(id), "update", before,
                             ActivityJson(*a)});
    return true;
  });
  if (!done) return std::move(done).error();
  return GetActivity(caller, id);
}

Result<ActivityView> PlanService::AddActivityFiles(const Caller& caller, int64_t id,
                                                   const std::vector<UploadedFile>& uploads) {
  const auto files = DANVAN_TRY(PrepareUploads(uploads));
  const std::string now = FormatUtc(clock_.Now());
  auto done = db_.Run<bool>(TxMode::kWrite, [&](Tx& tx) -> Result<bool> {
    auto a = plans_.FindActivity(tx, id);
    if (!a) return ActivityNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, a->unit_id), a->organisation_id);
    if (!access.view) return ActivityNotFound();
    if (!access.edit) return Forbidden();
    boost::json::array names;
    for (const auto& f : files) {
      PlanFileMeta m;
      m.activity_id = id;
      m.file_name = f.file_name;
      m.media_type = f.media_type;
      m.size_bytes = static_cast<int64_t>(f.bytes.size());
      m.width = f.width;
      m.height = f.height;
      m.created_at = now;
      m.id = plans_.InsertFile(tx, m, f.bytes, f.thumbnail);
      names.push_back({{"id", m.id}, {"file_name", m.file_name}, {"media_type", m.media_type}});
    }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(a->unit_id), "outreach_activity", std::to_string(id), "add_files", std::nullopt,
                             boost::json::serialize(boost::json::object{{"files", names}})});
    return true;
  });
  if (!done) return std::move(done).error();
  return GetActivity(caller, id);
}

Result<ActivityView> PlanService::GetActivity(const Caller& caller, int64_t id) {
  return db_.Run<ActivityView>(TxMode::kRead, [&](Tx& tx) -> Result<ActivityView> {
    auto a = plans_.FindActivity(tx, id);
    if (!a) return ActivityNotFound();
    const auto access = AccessTo(caller.principal, repos_.territory->Ancestry(tx, a->unit_id), a->organisation_id);
    if (!access.view) return ActivityNotFound();
    ActivityView v;
    v.activity = *a;
    v.activity.files = plans_.FilesOfActivity(tx, id);
    v.can_edit = access.edit;
    return v;
  });
}

Result<Page<ActivityView>> PlanService::ListActivities(const Caller& caller, const ActivityQueryInput& in) {
  const Date today = Date::TodayInVietnam(clock_.Now());
  ActivityQuery q;
  q.unit_id = in.unit_id;
  q.as_of = today;
  const int year = in.year.value_or(today.year());
  q.from = in.from.empty() ? Date::FromYmd(in.year ? year : 1900, 1, 1) : DANVAN_TRY(Date::Parse(in.from, "from"));
  q.to = in.to.empty() ? (in.year ? LastDayOf(year) : LastDayOf(9999)) : DANVAN_TRY(Date::Parse(in.to, "to"));
  q.kind_code = in.kind_code;
  q.organisation_id = in.organisation_id;
  q.limit = in.page_size;
  q.offset = (in.page - 1) * in.page_size;
  return db_.Run<Page<ActivityView>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<ActivityView>> {
    if (!repos_.territory->Find(tx, in.unit_id)) return UnitNotFound(in.unit_id).WithDetail("parameter", "unit_id");
    const auto ancestry = repos_.territory->Ancestry(tx, in.unit_id);
    if (!Allows(caller.principal, Permission::kViewUnitPrivate, ancestry)) return Forbidden();
    const bool officer = Allows(caller.principal, Permission::kManageMovement, ancestry);
    Page<ActivityView> page;
    page.total = plans_.CountActivities(tx, q);
    for (auto& a : plans_.Activities(tx, q)) {
      const bool can_edit = officer || SpeaksForOrganisation(caller.principal, a.organisation_id);
      page.items.push_back(ActivityView{std::move(a), can_edit});
    }
    return page;
  });
}

Result<PlanFileDownload> PlanService::File(const Caller& caller, int64_t id, bool thumbnail) {
  return db_.Run<PlanFileDownload>(TxMode::kRead, [&](Tx& tx) -> Result<PlanFileDownload> {
    auto meta = plans_.FindFile(tx, id);
    if (!meta) return FileNotFound();
    const auto unit_id = plans_.FileUnit(tx, id);
    if (!unit_id || !Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, *unit_id)))
      return FileNotFound();
    auto bytes = plans_.FileBytes(tx, id, thumbnail);
    if (!bytes) return FileNotFound();
    PlanFileDownload d{*meta, std::move(*bytes)};
    if (thumbnail) d.meta.media_type = "image/jpeg";
    return d;
  });
}

// The plan page as a sheet: a row per target under its task's row, the figures as numbers.
Result<ExportFile> PlanService::ExportPlan(const Caller& caller, int64_t id, const std::string& as_of) {
  using namespace documents;
  using K = XlsxKind;
  const auto view = DANVAN_TRY(GetPlan(caller, id, as_of));
  documents::XlsxTable table{fmt::format("Kế hoạch năm {}", view.plan.year),
                             {{"Nhiệm vụ, chỉ tiêu", K::kText, 48},
                              {"Đơn vị tính", K::kText, 12},
                              {"Chỉ tiêu", K::kNumber, 11},
                              {"Kết quả", K::kNumber, 11},
                              {"Tỷ lệ (%)", K::kNumber, 10},
                              {"Đánh giá", K::kText, 11},
                              {"Cách tính", K::kText, 22},
                              {"Báo cáo gần nhất", K::kDate, 14},
                              {"Ghi chú", K::kText, 32},
                              {"Số liệu đến ngày", K::kDate, 14}},
                             {}};
  for (const auto& section : view.sections) {
    table.rows.push_back({TextCell(section.task.name_vi)});
    for (const auto& p : section.targets)
      table.rows.push_back({TextCell(p.kind.name_vi),
                            TextCell(p.kind.measure == Measure::kPercent ? "%" : p.kind.unit_vi),
                            NumberCell(p.target.target),
                            NumberCell(p.value),
                            p.value ? NumberCell(p.percent) : XlsxCell(),
                            TextCell(p.value ? (p.met ? "Đạt" : "Chưa đạt") : "Chưa có số liệu"),
                            TextCell(p.kind.metric ? "Đếm từ hồ sơ" : "Báo cáo kèm minh chứng"),
                            p.latest_report ? DateCell(p.latest_report->reported_on) : XlsxCell(),
                            TextCell(p.target.notes),
                            DateCell(view.as_of)});
  }
  auto bytes = DANVAN_TRY(documents::WriteXlsx({table}));
  return ExportFile{fmt::format("ke-hoach-{}-{}.xlsx", view.plan.year, view.as_of.Iso()), std::move(bytes)};
}

}  // namespace danvan
