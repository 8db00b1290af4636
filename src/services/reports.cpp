#include "services/reports.hpp"

#include "core/vietnamese.hpp"
#include "services/territory.hpp"

#include <algorithm>
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

}  // namespace danvan
