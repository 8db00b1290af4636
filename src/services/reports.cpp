#include "services/reports.hpp"

#include "core/vietnamese.hpp"
#include "services/territory.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace danvan {
namespace {

constexpr ModelStatus kStatuses[] = {ModelStatus::kDraft,       ModelStatus::kRegistered,    ModelStatus::kActive,
                                     ModelStatus::kProposed,    ModelStatus::kRecognised,    ModelStatus::kNotRecognised,
                                     ModelStatus::kCarriedOver, ModelStatus::kStopped};

UnitTally EmptyTally(UnitLabel unit) {
  UnitTally t;
  t.unit = std::move(unit);
  for (auto s : kStatuses) t.by_status[std::string(ToString(s))] = 0;
  return t;
}

void Add(UnitTally& to, const UnitStatusCount& c) {
  to.by_status[c.status] += c.models;
  to.models += c.models;
  to.registered += c.registered;
  to.adopted += c.adopted;
  if (c.status == ToString(ModelStatus::kRecognised) || c.status == ToString(ModelStatus::kCarriedOver))
    to.recognised += c.models;
}

Error InvalidParameter(const char* parameter, std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", std::move(vi), std::move(en))
      .WithDetail("parameter", parameter);
}

// A row of concern figures being summed, with its stars for the mean.
struct FigureTally {
  ConcernFigureRow row;
  int64_t stars = 0;
};

void Add(FigureTally& to, const ConcernCount& c) {
  auto& r = to.row;
  r.received += c.received;
  r.resolved += c.resolved;
  r.received_on_time += c.received_on_time;
  r.resolved_on_time += c.resolved_on_time;
  r.rejected += c.rejected;
  r.out_of_scope += c.out_of_scope;
  r.duplicate += c.duplicate;
  r.open += c.open;
  r.rating_count += c.ratings;
  to.stars += c.stars;
}

ConcernFigureRow Finish(FigureTally t) {
  if (t.row.rating_count > 0)
    t.row.rating_mean = std::round(100.0 * static_cast<double>(t.stars) / static_cast<double>(t.row.rating_count)) / 100.0;
  return std::move(t.row);
}

FigureTally NewTally(std::string key, std::string label) {
  FigureTally t;
  t.row.key = std::move(key);
  t.row.label = std::move(label);
  return t;
}

std::string MonthKey(int year, unsigned month) { return fmt::format("{:04d}-{:02d}", year, month); }
std::string MonthLabel(int year, unsigned month) { return fmt::format("Tháng {}/{}", month, year); }

bool VietnameseBefore(const std::string& a, const std::string& b) { return VietnameseSortKey(a) < VietnameseSortKey(b); }

}  // namespace

Result<ModelsByUnitReport> ReportService::ModelsByUnit(const Caller& caller, const ModelsByUnitQuery& q) {
  const Date as_of = q.as_of.empty() ? Date::TodayInVietnam(clock_.Now()) : DANVAN_TRY(Date::Parse(q.as_of, "as_of"));
  if (q.year && (*q.year < 1900 || *q.year > 9999))
    return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Năm phải từ 1900 đến 9999.",
                     "The year must be between 1900 and 9999.")
        .WithDetail("parameter", "year");
  return db_.Run<ModelsByUnitReport>(TxMode::kRead, [&](Tx& tx) -> Result<ModelsByUnitReport> {
    auto unit = repos_.territory->Find(tx, q.unit_id);
    if (!unit) return UnitNotFound(q.unit_id).WithDetail("parameter", "unit_id");
    if (!caller.principal.IsSystemAdmin() &&
        !Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, q.unit_id)))
      return Forbidden();

    const ReportScope scope{q.unit_id, q.roll_up, as_of, q.year};
    const auto counts = reports_.ModelCounts(tx, scope);
    const auto certificates = reports_.CertificateCounts(tx, scope);
    const auto successions = q.roll_up ? reports_.SuccessionsAhead(tx, scope) : std::vector<Succession>{};

    // Where each record's unit counts: itself, or the unit that stands for it on as_of.
    std::map<int64_t, RolledUp> where;
    for (const auto& c : counts) where.emplace(c.unit_id, RolledUp{c.unit_id, {}});
    for (const auto& [u, n] : certificates) where.emplace(u, RolledUp{u, {}});
    if (q.roll_up)
      for (auto& [u, r] : where) r = RollUp(u, successions, as_of);

    // Every unit named, with its parent's name: two queries.
    std::set<int64_t> ids = {q.unit_id};
    for (const auto& [u, r] : where) {
      ids.insert(u);
      ids.insert(r.unit_id);
      ids.insert(r.split_into.begin(), r.split_into.end());
    }
    const auto units = repos_.territory->FindMany(tx, std::vector<int64_t>(ids.begin(), ids.end()));
    std::set<int64_t> parent_ids;
    for (const auto& u : units)
      if (u.parent_id) parent_ids.insert(*u.parent_id);
    std::map<int64_t, std::string> parent_names;
    for (const auto& p : repos_.territory->FindMany(tx, std::vector<int64_t>(parent_ids.begin(), parent_ids.end())))
      parent_names[p.id] = p.name;
    std::map<int64_t, UnitLabel> labels;
    for (const auto& u : units) labels[u.id] = UnitLabel{u, u.parent_id ? parent_names[*u.parent_id] : std::string()};

    ModelsByUnitReport report;
    report.unit = labels.at(q.unit_id);
    report.year = q.year;
    report.as_of = as_of;
    report.roll_up = q.roll_up;
    report.total = EmptyTally(report.unit);
    std::map<int64_t, UnitTally> rows;
    auto row_of = [&](int64_t record_unit) -> UnitTally& {
      const auto& r = where.at(record_unit);
      auto it = rows.find(r.unit_id);
      if (it == rows.end()) {
        it = rows.emplace(r.unit_id, EmptyTally(labels.at(r.unit_id))).first;
        for (auto s : r.split_into) it->second.split_into.push_back(labels.at(s));
      }
      auto& from = it->second.rolled_up_from;
      if (q.roll_up && std::none_of(from.begin(), from.end(), [&](const UnitLabel& l) { return l.unit.id == record_unit; }))
        from.push_back(labels.at(record_unit));
      return it->second;
    };
    for (const auto& c : counts) {
      Add(row_of(c.unit_id), c);
      Add(report.total, c);
    }
    for (const auto& [u, n] : certificates) {
      row_of(u).certificates += n;
      report.total.certificates += n;
    }
    for (auto& [id, row] : rows) {
      std::sort(row.rolled_up_from.begin(), row.rolled_up_from.end(), [](const UnitLabel& a, const UnitLabel& b) {
        return VietnameseSortKey(a.unit.name) < VietnameseSortKey(b.unit.name);
      });
      report.rows.push_back(std::move(row));
    }
    std::sort(report.rows.begin(), report.rows.end(), [](const UnitTally& a, const UnitTally& b) {
      const auto ka = VietnameseSortKey(a.unit.unit.name), kb = VietnameseSortKey(b.unit.unit.name);
      return ka != kb ? ka < kb : a.unit.unit.id < b.unit.unit.id;
    });
    return report;
  });
}

Result<FieldLevelReport> ReportService::ModelsByFieldLevel(const Caller& caller, const ModelsByUnitQuery& q) {
  const Date as_of = q.as_of.empty() ? Date::TodayInVietnam(clock_.Now()) : DANVAN_TRY(Date::Parse(q.as_of, "as_of"));
  if (q.year && (*q.year < 1900 || *q.year > 9999))
    return InvalidParameter("year", "Năm phải từ 1900 đến 9999.", "The year must be between 1900 and 9999.");
  return db_.Run<FieldLevelReport>(TxMode::kRead, [&](Tx& tx) -> Result<FieldLevelReport> {
    auto unit = repos_.territory->Find(tx, q.unit_id);
    if (!unit) return UnitNotFound(q.unit_id).WithDetail("parameter", "unit_id");
    if (!caller.principal.IsSystemAdmin() &&
        !Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, q.unit_id)))
      return Forbidden();
    FieldLevelReport report;
    report.unit_id = unit->id;
    report.unit_name = unit->name;
    report.year = q.year;
    report.as_of = as_of;
    report.roll_up = q.roll_up;
    report.fields = repos_.movement->Fields(tx);
    auto cells = reports_.ModelFieldLevels(tx, ReportScope{q.unit_id, q.roll_up, as_of, q.year});
    std::map<std::string, std::string> level_names;
    for (const auto& c : cells) {
      auto& name = level_names[c.level];
      if (name.empty()) name = c.level_name;
      report.total += c.models;
    }
    for (const auto& [code, name] : level_names) report.levels.push_back(RecognitionLevel{code, name});
    std::sort(report.levels.begin(), report.levels.end(), [](const RecognitionLevel& a, const RecognitionLevel& b) {
      if (a.code.empty() != b.code.empty()) return b.code.empty();  // no level last
      return VietnameseSortKey(a.name) < VietnameseSortKey(b.name);
    });
    auto field_rank = [&](const std::string& code) {
      for (size_t i = 0; i < report.fields.size(); ++i)
        if (report.fields[i].code == code) return i;
      return report.fields.size();
    };
    auto level_rank = [&](const std::string& code) {
      for (size_t i = 0; i < report.levels.size(); ++i)
        if (report.levels[i].code == code) return i;
      return report.levels.size();
    };
    std::sort(cells.begin(), cells.end(), [&](const FieldLevelCount& a, const FieldLevelCount& b) {
      const auto fa = field_rank(a.field), fb = field_rank(b.field);
      return fa != fb ? fa < fb : level_rank(a.level) < level_rank(b.level);
    });
    report.cells = std::move(cells);
    return report;
  });
}

Result<ConcernFiguresReport> ReportService::ConcernFigures(const Caller& caller, const ConcernFiguresQuery& q) {
  const Date as_of = q.as_of.empty() ? Date::TodayInVietnam(clock_.Now()) : DANVAN_TRY(Date::Parse(q.as_of, "as_of"));
  ConcernGrouping grouping = ConcernGrouping::kUnit;
  if (q.group_by == "organisation") grouping = ConcernGrouping::kOrganisation;
  else if (q.group_by == "category") grouping = ConcernGrouping::kCategory;
  else if (q.group_by == "month") grouping = ConcernGrouping::kDay;
  else if (q.group_by != "unit" && !q.group_by.empty())
    return InvalidParameter("group_by", "Chỉ nhóm theo đơn vị, tổ chức, lĩnh vực hoặc tháng.",
                            "Group by unit, organisation, category or month.");
  if (q.year && (*q.year < 1900 || *q.year > 9999))
    return InvalidParameter("year", "Năm phải từ 1900 đến 9999.", "The year must be between 1900 and 9999.");
  if (q.year && (!q.from.empty() || !q.to.empty()))
    return InvalidParameter("year", "Chọn một năm hoặc một khoảng ngày, không chọn cả hai.",
                            "Choose a year or a range of dates, not both.");
  std::optional<Date> first, last;
  if (q.year) {
    first = Date::FromYmd(*q.year, 1, 1);
    last = Date::FromYmd(*q.year, 12, 31);
  }
  if (!q.from.empty()) first = DANVAN_TRY(Date::Parse(q.from, "from"));
  if (!q.to.empty()) last = DANVAN_TRY(Date::Parse(q.to, "to"));
  if (first && last && *last < *first)
    return InvalidParameter("to", "Ngày kết thúc phải sau ngày bắt đầu.", "The last day must not be before the first.");
  // The period's days are Vietnam's (+07:00, no daylight saving since 1975); concerns store UTC instants.
  std::optional<std::string> from_utc, to_utc;
  if (first) from_utc = FormatUtc(first->days() - std::chrono::hours(7));
  if (last) to_utc = FormatUtc(last->days() + std::chrono::hours(24 - 7));

  return db_.Run<ConcernFiguresReport>(TxMode::kRead, [&](Tx& tx) -> Result<ConcernFiguresReport> {
    auto unit = repos_.territory->Find(tx, q.unit_id);
    if (!unit) return UnitNotFound(q.unit_id).WithDetail("parameter", "unit_id");
    if (!caller.principal.IsSystemAdmin() &&
        !Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, q.unit_id)))
      return Forbidden();

    const ReportScope scope{q.unit_id, q.roll_up, as_of, std::nullopt};
    const auto counts = reports_.ConcernCounts(tx, scope, grouping, from_utc, to_utc);

    ConcernFiguresReport report;
    report.unit_id = unit->id;
    report.unit_name = unit->name;
    report.group_by = q.group_by.empty() ? "unit" : q.group_by;
    report.year = q.year;
    report.from = first ? first->Iso() : "";
    report.to = last ? last->Iso() : "";
    report.as_of = as_of.Iso();
    report.roll_up = q.roll_up;
    FigureTally total = NewTally("total", "Tổng cộng");
    for (const auto& c : counts) Add(total, c);

    std::vector<FigureTally> rows;
    switch (grouping) {
      case ConcernGrouping::kUnit: {
        // Each record's unit counts under itself or, rolled up, under the unit that stands for it on as_of.
        const auto successions = q.roll_up ? reports_.SuccessionsAhead(tx, scope) : std::vector<Succession>{};
        std::map<int64_t, int64_t> under;
        std::set<int64_t> ids;
        for (const auto& c : counts) {
          const int64_t into = q.roll_up ? RollUp(*c.id, successions, as_of).unit_id : *c.id;
          under[*c.id] = into;
          ids.insert(*c.id);
          ids.insert(into);
        }
        std::map<int64_t, std::string> names;
        for (const auto& u : repos_.territory->FindMany(tx, std::vector<int64_t>(ids.begin(), ids.end())))
          names[u.id] = u.name;
        std::map<int64_t, FigureTally> by_unit;
        for (const auto& c : counts) {
          const int64_t into = under.at(*c.id);
          auto it = by_unit.try_emplace(into, NewTally(std::to_string(into), names[into])).first;
          Add(it->second, c);
          if (q.roll_up) it->second.row.includes.push_back(names[*c.id]);
        }
        for (auto& [id, t] : by_unit) {
          std::sort(t.row.includes.begin(), t.row.includes.end(), VietnameseBefore);
          rows.push_back(std::move(t));
        }
        break;
      }
      case ConcernGrouping::kOrganisation:
        for (const auto& c : counts) {
          if (c.id) rows.push_back(NewTally(std::to_string(*c.id), c.name));
          else rows.push_back(NewTally("none", "Chưa có tổ chức xử lý"));
          Add(rows.back(), c);
        }
        break;
      case ConcernGrouping::kCategory: {
        // Each unit has its own categories: those of the same name (a merged ward's and its successor's) are one row.
        std::map<std::string, FigureTally> by_name;
        for (const auto& c : counts) {
          auto it = by_name.try_emplace(c.name, NewTally("", c.name)).first;
          Add(it->second, c);
          it->second.row.includes.push_back(c.code);
        }
        for (auto& [name, t] : by_name) {
          std::sort(t.row.includes.begin(), t.row.includes.end());
          t.row.key = fmt::format("{}", fmt::join(t.row.includes, ","));
          rows.push_back(std::move(t));
        }
        break;
      }
      case ConcernGrouping::kDay: {
        std::map<std::string, FigureTally> by_month;
        if (first && last) {  // every month of a bounded period, those without concerns too
          const int from_month = first->year() * 12 + static_cast<int>(first->month()) - 1;
          const int to_month = last->year() * 12 + static_cast<int>(last->month()) - 1;
          for (int i = from_month; i <= to_month; ++i) {
            const int y = i / 12;
            const auto m = static_cast<unsigned>(i % 12 + 1);
            by_month.emplace(MonthKey(y, m), NewTally(MonthKey(y, m), MonthLabel(y, m)));
          }
        }
        for (const auto& c : counts) {
          Date d = DANVAN_TRY(Date::Parse(c.day, "day"));
          if (c.evening) d = Date(std::chrono::year_month_day(d.days() + std::chrono::days(1)));
          const std::string key = MonthKey(d.year(), d.month());
          Add(by_month.try_emplace(key, NewTally(key, MonthLabel(d.year(), d.month()))).first->second, c);
        }
        for (auto& [key, t] : by_month) rows.push_back(std::move(t));  // keys sort as months do
        break;
      }
    }
    if (grouping != ConcernGrouping::kDay)
      std::stable_sort(rows.begin(), rows.end(), [](const FigureTally& a, const FigureTally& b) {
        if ((a.row.key == "none") != (b.row.key == "none")) return b.row.key == "none";  // nobody's last
        const auto ka = VietnameseSortKey(a.row.label), kb = VietnameseSortKey(b.row.label);
        return ka != kb ? ka < kb : a.row.key < b.row.key;
      });
    for (auto& t : rows) report.rows.push_back(Finish(std::move(t)));
    report.total = Finish(std::move(total));
    return report;
  });
}

}  // namespace danvan
