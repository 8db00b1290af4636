#include "storage/plan_repository.hpp"

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/plans_sql.hpp"
#include "storage/tx.hpp"

#include <stdexcept>

namespace danvan {
namespace {

// 00:00 of the day in Vietnam (+07:00) as a stored instant: 17:00 UTC the day before.
std::string VietnamMidnightUtc(const Date& d) {
  return FormatUtc(TimePoint(d.days()) - std::chrono::hours(7));
}

Plan PlanFromRow(const soci::row& r) {
  Plan p;
  p.id = RowInt(r, 0);
  p.unit_id = RowInt(r, 1);
  p.organisation_id = RowOptInt(r, 2);
  p.year = static_cast<int>(RowInt(r, 3));
  p.title = r.get<std::string>(4);
  p.notes = r.get<std::string>(5);
  p.carried_from_id = RowOptInt(r, 6);
  p.created_by = r.get<std::string>(7);
  p.created_at = r.get<std::string>(8);
  p.updated_at = r.get<std::string>(9);
  p.organisation_name = RowOptString(r, 10);
  return p;
}

PlanTarget TargetFromRow(const soci::row& r) {
  PlanTarget t;
  t.id = RowInt(r, 0);
  t.plan_id = RowInt(r, 1);
  t.kind_code = r.get<std::string>(2);
  t.target = RowDouble(r, 3);
  t.notes = r.get<std::string>(4);
  t.position = static_cast<int>(RowInt(r, 5));
  t.carried_from_id = RowOptInt(r, 6);
  return t;
}

OutreachActivity ActivityFromRow(const soci::row& r) {
  OutreachActivity a;
  a.id = RowInt(r, 0);
  a.unit_id = RowInt(r, 1);
  a.organisation_id = RowOptInt(r, 2);
  a.kind_code = r.get<std::string>(3);
  a.held_on = RowDate(r, 4);
  a.place = r.get<std::string>(5);
  a.topic = r.get<std::string>(6);
  a.attendance = RowInt(r, 7);
  a.notes = r.get<std::string>(8);
  a.is_demo = RowInt(r, 9) != 0;
  a.created_by = r.get<std::string>(10);
  a.created_at = r.get<std::string>(11);
  a.updated_at = r.get<std::string>(12);
  a.file_count = RowInt(r, 13);
  a.kind_name = r.get<std::string>(14);
  a.organisation_name = RowOptString(r, 15);
  return a;
}

PlanFileMeta FileFromRow(const soci::row& r) {
  PlanFileMeta f;
  f.id = RowInt(r, 0);
  f.activity_id = RowOptInt(r, 1);
  f.report_id = RowOptInt(r, 2);
  f.file_name = r.get<std::string>(3);
  f.media_type = r.get<std::string>(4);
  f.size_bytes = RowInt(r, 5);
  if (auto w = RowOptInt(r, 6)) f.width = static_cast<int>(*w);
  if (auto h = RowOptInt(r, 7)) f.height = static_cast<int>(*h);
  f.has_thumbnail = RowInt(r, 8) != 0;
  f.created_at = r.get<std::string>(9);
  return f;
}

class SociPlanRepository final : public PlanRepository {
 public:
  std::vector<PlanTask> Tasks(Tx& tx) override {
    std::vector<PlanTask> out;
    auto rows = tx.Query(sql::kSelectPlanTasks);
    while (const soci::row* r = rows.Next())
      out.push_back(PlanTask{r->get<std::string>(0), static_cast<int>(RowInt(*r, 1)), r->get<std::string>(2),
                             r->get<std::string>(3)});
    return out;
  }

  std::vector<TargetKind> TargetKinds(Tx& tx) override {
    std::vector<TargetKind> out;
    auto rows = tx.Query(sql::kSelectTargetKinds);
    while (const soci::row* r = rows.Next()) {
      TargetKind k;
      k.code = r->get<std::string>(0);
      k.task_code = r->get<std::string>(1);
      k.name_vi = r->get<std::string>(2);
      k.name_en = r->get<std::string>(3);
      k.unit_vi = r->get<std::string>(4);
      k.unit_en = r->get<std::string>(5);
      if (auto m = RowOptString(*r, 6)) {
        k.metric = ParsePlanMetric(*m);
        if (!k.metric) throw std::runtime_error("a target kind names an unknown metric: " + *m);
      }
      k.outreach_kind = RowOptString(*r, 7);
      const auto measure = ParseMeasure(r->get<std::string>(8));
      if (!measure) throw std::runtime_error("a target kind has an unknown measure");
      k.measure = *measure;
      out.push_back(std::move(k));
    }
    return out;
  }

  std::vector<OutreachKind> OutreachKinds(Tx& tx) override {
    std::vector<OutreachKind> out;
    auto rows = tx.Query(sql::kSelectOutreachKinds);
    while (const soci::row* r = rows.Next())
      out.push_back(OutreachKind{r->get<std::string>(0), r->get<std::string>(1), r->get<std::string>(2)});
    return out;
  }

  std::optional<Plan> FindPlan(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectPlan, id);
    if (const soci::row* r = rows.Next()) return PlanFromRow(*r);
    return std::nullopt;
  }

  std::optional<Plan> FindPlanOf(Tx& tx, int64_t unit_id, std::optional<int64_t> organisation_id, int year) override {
    const int64_t org = organisation_id.value_or(0);
    const int64_t y = year;
    auto rows = tx.Query(sql::kSelectPlanOf, unit_id, org, y);
    if (const soci::row* r = rows.Next()) return PlanFromRow(*r);
    return std::nullopt;
  }

  std::vector<Plan> PlansOfUnit(Tx& tx, int64_t unit_id, std::optional<int> year) override {
    std::optional<int64_t> y;
    if (year) y = *year;
    std::vector<Plan> out;
    auto rows = tx.Query(sql::kSelectPlansOfUnit, unit_id, y, y);
    while (const soci::row* r = rows.Next()) out.push_back(PlanFromRow(*r));
    return out;
  }

  int64_t InsertPlan(Tx& tx, const Plan& p) override {
    const int64_t year = p.year;
    return ReturnedId(tx.Query(sql::kInsertPlan, p.unit_id, p.organisation_id, year, p.title, p.notes,
                               p.carried_from_id, p.created_by, p.created_at, p.updated_at));
  }

  void UpdatePlan(Tx& tx, const Plan& p) override { tx.Exec(sql::kUpdatePlan, p.title, p.notes, p.updated_at, p.id); }

  std::vector<PlanTarget> TargetsOf(Tx& tx, int64_t plan_id) override {
    std::vector<PlanTarget> out;
    auto rows = tx.Query(sql::kSelectTargetsOfPlan, plan_id);
    while (const soci::row* r = rows.Next()) out.push_back(TargetFromRow(*r));
    return out;
  }

  std::optional<PlanTarget> FindTarget(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectTarget, id);
    if (const soci::row* r = rows.Next()) return TargetFromRow(*r);
    return std::nullopt;
  }

  int64_t InsertTarget(Tx& tx, const PlanTarget& t) override {
    const int64_t position = t.position;
    return ReturnedId(tx.Query(sql::kInsertTarget, t.plan_id, t.kind_code, t.target, t.notes, position, t.carried_from_id));
  }

  void UpdateTarget(Tx& tx, const PlanTarget& t) override { tx.Exec(sql::kUpdateTarget, t.target, t.notes, t.id); }

  void DeleteTarget(Tx& tx, int64_t id) override { tx.Exec(sql::kDeleteTarget, id); }

  int64_t CountReportsOf(Tx& tx, int64_t target_id) override {
    auto rows = tx.Query(sql::kCountTargetReports, target_id);
    const soci::row* r = rows.Next();
    return r ? RowInt(*r, 0) : 0;
  }

  int64_t InsertTargetReport(Tx& tx, const TargetReport& rep) override {
    return ReturnedId(tx.Query(sql::kInsertTargetReport, rep.target_id, rep.reported_on.Iso(), rep.value, rep.evidence,
                               rep.reported_by, rep.created_at));
  }

  std::vector<TargetReport> ReportsOfPlan(Tx& tx, int64_t plan_id) override {
    std::vector<TargetReport> out;
    {
      auto rows = tx.Query(sql::kSelectReportsOfPlan, plan_id);
      while (const soci::row* r = rows.Next()) {
        TargetReport rep;
        rep.id = RowInt(*r, 0);
        rep.target_id = RowInt(*r, 1);
        rep.reported_on = RowDate(*r, 2);
        rep.value = RowDouble(*r, 3);
        rep.evidence = r->get<std::string>(4);
        rep.reported_by = r->get<std::string>(5);
        rep.created_at = r->get<std::string>(6);
        out.push_back(std::move(rep));
      }
    }
    auto rows = tx.Query(sql::kSelectFilesOfPlanReports, plan_id);
    while (const soci::row* r = rows.Next()) {
      auto f = FileFromRow(*r);
      for (auto& rep : out)
        if (f.report_id && rep.id == *f.report_id) rep.files.push_back(f);
    }
    return out;
  }

  std::optional<OutreachActivity> FindActivity(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectActivity, id);
    if (const soci::row* r = rows.Next()) return ActivityFromRow(*r);
    return std::nullopt;
  }

  std::vector<OutreachActivity> Activities(Tx& tx, const ActivityQuery& q) override {
    const int64_t roll_up = 1;
    std::vector<OutreachActivity> out;
    auto rows = tx.Query(sql::kSelectActivities, q.unit_id, roll_up, q.as_of.Iso(), q.from.Iso(), q.to.Iso(),
                         q.kind_code, q.kind_code, q.organisation_id, q.organisation_id, q.limit, q.offset);
    while (const soci::row* r = rows.Next()) out.push_back(ActivityFromRow(*r));
    return out;
  }

  int64_t CountActivities(Tx& tx, const ActivityQuery& q) override {
    const int64_t roll_up = 1;
    auto rows = tx.Query(sql::kCountActivities, q.unit_id, roll_up, q.as_of.Iso(), q.from.Iso(), q.to.Iso(),
                         q.kind_code, q.kind_code, q.organisation_id, q.organisation_id);
    const soci::row* r = rows.Next();
    return r ? RowInt(*r, 0) : 0;
  }

  int64_t InsertActivity(Tx& tx, const OutreachActivity& a) override {
    const int64_t is_demo = a.is_demo ? 1 : 0;
    return ReturnedId(tx.Query(sql::kInsertActivity, a.unit_id, a.organisation_id, a.kind_code, a.held_on.Iso(),
                               a.place, a.topic, a.attendance, a.notes, is_demo, a.created_by, a.created_at,
                               a.updated_at));
  }

  void UpdateActivity(Tx& tx, const OutreachActivity& a) override {
    tx.Exec(sql::kUpdateActivity, a.organisation_id, a.kind_code, a.held_on.Iso(), a.place, a.topic, a.attendance,
            a.notes, a.updated_at, a.id);
  }

  std::vector<PlanFileMeta> FilesOfActivity(Tx& tx, int64_t activity_id) override {
    std::vector<PlanFileMeta> out;
    auto rows = tx.Query(sql::kSelectFilesOfActivity, activity_id);
    while (const soci::row* r = rows.Next()) out.push_back(FileFromRow(*r));
    return out;
  }

  int64_t InsertFile(Tx& tx, const PlanFileMeta& f, const std::string& content,
                     const std::optional<std::string>& thumbnail) override {
    std::optional<std::string> thumb64;
    if (thumbnail) thumb64 = Base64(*thumbnail);
    std::optional<int64_t> width, height;
    if (f.width) width = *f.width;
    if (f.height) height = *f.height;
    return ReturnedId(tx.Query(sql::kInsertPlanFile, f.activity_id, f.report_id, f.file_name, f.media_type,
                               f.size_bytes, Base64(content), thumb64, width, height, f.created_at));
  }

  std::optional<PlanFileMeta> FindFile(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectPlanFileMeta, id);
    if (const soci::row* r = rows.Next()) return FileFromRow(*r);
    return std::nullopt;
  }

  std::optional<int64_t> FileUnit(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectPlanFileUnit, id);
    if (const soci::row* r = rows.Next()) return RowOptInt(*r, 0);
    return std::nullopt;
  }

  std::optional<std::string> FileBytes(Tx& tx, int64_t id, bool thumbnail) override {
    auto rows = tx.Query(thumbnail ? sql::kSelectPlanFileThumbnail : sql::kSelectPlanFileContent, id);
    const soci::row* r = rows.Next();
    if (!r) return std::nullopt;
    auto text = RowOptString(*r, 0);
    if (!text) return std::nullopt;
    auto bytes = FromBase64(*text);
    if (!bytes) throw std::runtime_error("a stored plan file is not valid base64");
    return bytes;
  }

  PlanCounts Counts(Tx& tx, const PlanScope& s) override {
    PlanCounts c;
    const int64_t roll_up = 1;
    const std::string as_of = s.as_of.Iso();
    const std::string year_start_day = Date::FromYmd(s.year, 1, 1).Iso();
    const std::string start = VietnamMidnightUtc(Date::FromYmd(s.year, 1, 1));
    const std::string end = VietnamMidnightUtc(Date(std::chrono::year_month_day(s.as_of.days() + std::chrono::days(1))));
    const std::string year = std::to_string(s.year);
    {
      auto rows = tx.Query(sql::kPlanOutreachCounts, s.unit_id, roll_up, as_of, s.organisation_id, year_start_day,
                           as_of, s.organisation_id);
      while (const soci::row* r = rows.Next())
        c.outreach.push_back(PlanCounts::Outreach{r->get<std::string>(0), RowInt(*r, 1), RowInt(*r, 2)});
    }
    {
      auto rows = tx.Query(sql::kPlanModelCounts, s.unit_id, roll_up, as_of, s.organisation_id, end, as_of, end, year,
                           s.organisation_id);
      if (const soci::row* r = rows.Next()) {
        c.models_registered = RowInt(*r, 0);
        c.models_recognised = RowInt(*r, 1);
        c.models_replicated = RowInt(*r, 2);
      }
    }
    auto rows = tx.Query(sql::kPlanConcernCounts, s.unit_id, roll_up, as_of, s.organisation_id, end, end, end, end,
                         end, start, end, s.organisation_id);
    if (const soci::row* r = rows.Next()) {
      c.concerns_received = RowInt(*r, 0);
      c.concerns_acknowledged = RowInt(*r, 1);
      c.concerns_received_on_time = RowInt(*r, 2);
      c.concerns_resolved = RowInt(*r, 3);
      c.concerns_resolved_on_time = RowInt(*r, 4);
      c.ratings = RowInt(*r, 5);
      c.stars = RowInt(*r, 6);
    }
    return c;
  }
};

}  // namespace

std::unique_ptr<PlanRepository> MakePlanRepository() { return std::make_unique<SociPlanRepository>(); }

}  // namespace danvan
