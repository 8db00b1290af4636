#include "services/territory.hpp"

#include "core/vietnamese.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <set>
#include <sstream>

namespace danvan {
namespace {

std::string UnitJson(const AdminUnit& u) {
  boost::json::object o{{"id", u.id},         {"code", u.code},         {"name", u.name},
                        {"level", ToString(u.level)}, {"kind", u.kind}, {"valid_from", u.valid_from.Iso()}};
  o["parent_id"] = u.parent_id ? boost::json::value(*u.parent_id) : boost::json::value(nullptr);
  o["valid_to"] = u.valid_to ? boost::json::value(u.valid_to->Iso()) : boost::json::value(nullptr);
  return boost::json::serialize(o);
}

// "Phường Lý Thái Tổ" → "phuong-ly-thai-to": a code for units whose official code is not known.
std::string SlugOf(const std::string& name) {
  std::string slug;
  for (char c : FoldForSearch(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.substr(0, 32);
}

// Kind and level from the name's first word, as the merger table writes them.
std::pair<UnitLevel, std::string> KindOf(const std::string& name) {
  const std::string f = FoldForSearch(name);
  if (f.rfind("thanh pho", 0) == 0) return {UnitLevel::kProvince, "thanh_pho"};
  if (f.rfind("tinh", 0) == 0) return {UnitLevel::kProvince, "tinh"};
  if (f.rfind("quan", 0) == 0) return {UnitLevel::kDistrict, "quan"};
  if (f.rfind("huyen", 0) == 0) return {UnitLevel::kDistrict, "huyen"};
  if (f.rfind("thi xa", 0) == 0) return {UnitLevel::kDistrict, "thi_xa"};
  if (f.rfind("xa", 0) == 0) return {UnitLevel::kCommune, "xa"};
  if (f.rfind("thi tran", 0) == 0) return {UnitLevel::kCommune, "thi_tran"};
  return {UnitLevel::kCommune, "phuong"};
}

}  // namespace

Error UnitNotFound(int64_t id) {
  return MakeError(ErrorKind::kNotFound, "unit_not_found", "Không tìm thấy đơn vị hành chính.",
                   "No such administrative unit.")
      .WithDetail("unit_id", id);
}

Result<AdminUnit> TerritoryService::CreateUnit(const Caller& caller, const NewUnit& in) {
  if (!Allows(caller.principal, Permission::kManageTerritory, {})) return Forbidden();
  AdminUnit u;
  u.code = in.code;
  u.name = in.name;
  auto level = ParseUnitLevel(in.level);
  if (!level)
    return MakeError(ErrorKind::kInvalidInput, "invalid_unit_level", "Cấp đơn vị phải là province, district hoặc commune.",
                     "The level must be province, district or commune.")
        .WithDetail("field", "level");
  u.level = *level;
  u.kind = in.kind;
  u.parent_id = in.parent_id;
  u.valid_from = DANVAN_TRY(Date::Parse(in.valid_from, "valid_from"));
  if (!in.valid_to.empty()) u.valid_to = DANVAN_TRY(Date::Parse(in.valid_to, "valid_to"));
  u.created_at = u.updated_at = FormatUtc(clock_.Now());
  return db_.Run<AdminUnit>(TxMode::kWrite, [&](Tx& tx) -> Result<AdminUnit> {
    std::optional<AdminUnit> parent;
    if (u.parent_id) {
      parent = repo_.Find(tx, *u.parent_id);
      if (!parent) return UnitNotFound(*u.parent_id).WithDetail("field", "parent_id");
    }
    DANVAN_TRY(ValidateNewUnit(u, parent ? &*parent : nullptr));
    u.id = repo_.Insert(tx, u);
    audit_.Record(tx, caller.actor(), AuditEvent{"system", "unit", std::to_string(u.id), "create", std::nullopt, UnitJson(u)});
    return u;
  });
}

Result<Succession> TerritoryService::AddSuccession(const Caller& caller, const NewSuccession& in) {
  if (!Allows(caller.principal, Permission::kManageTerritory, {})) return Forbidden();
  Succession s;
  s.from_unit_id = in.from_unit_id;
  s.to_unit_id = in.to_unit_id;
  auto share = ParseShare(in.share);
  if (!share)
    return MakeError(ErrorKind::kInvalidInput, "invalid_share", "Phần chuyển sang phải là whole (toàn bộ) hoặc part (một phần).",
                     "share must be whole or part.")
        .WithDetail("field", "share");
  s.share = *share;
  s.legal_basis = in.legal_basis;
  s.effective_date = DANVAN_TRY(Date::Parse(in.effective_date, "effective_date"));
  if (!in.note.empty()) s.note = in.note;
  s.created_at = FormatUtc(clock_.Now());
  return db_.Run<Succession>(TxMode::kWrite, [&](Tx& tx) -> Result<Succession> {
    auto from = repo_.Find(tx, s.from_unit_id);
    if (!from) return UnitNotFound(s.from_unit_id).WithDetail("field", "from_unit_id");
    auto to = repo_.Find(tx, s.to_unit_id);
    if (!to) return UnitNotFound(s.to_unit_id).WithDetail("field", "to_unit_id");
    DANVAN_TRY(ValidateSuccession(s, *from, *to));
    if (!from->valid_to || *from->valid_to > s.effective_date) {
      // The old unit ends where its successor takes over: history stays as it was up to that day.
      const AdminUnit before = *from;
      from->valid_to = s.effective_date;
      repo_.SetValidTo(tx, from->id, s.effective_date, s.created_at);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"system", "unit", std::to_string(from->id), "close", UnitJson(before), UnitJson(*from)});
    }
    s.id = repo_.InsertSuccession(tx, s);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "unit_succession", std::to_string(s.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"from_unit_id", s.from_unit_id},
                                                                        {"to_unit_id", s.to_unit_id},
                                                                        {"share", ToString(s.share)},
                                                                        {"legal_basis", s.legal_basis},
                                                                        {"effective_date", s.effective_date.Iso()}})});
    return s;
  });
}

Result<UnitDetail> TerritoryService::GetUnit(int64_t id) {
  // One statement, so no transaction around it: the statement is its own snapshot.
  return db_.Run<UnitDetail>(TxMode::kSingleRead, [&](Tx& tx) -> Result<UnitDetail> {
    auto chain = repo_.FindWithAncestors(tx, id);
    if (chain.empty()) return UnitNotFound(id);
    UnitDetail d{std::move(chain.front()), {}};
    d.ancestors.assign(std::make_move_iterator(chain.begin() + 1), std::make_move_iterator(chain.end()));
    return d;
  });
}

Result<Page<AdminUnit>> TerritoryService::ListUnits(const UnitQuery& query) {
  return db_.Run<Page<AdminUnit>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<AdminUnit>> { return repo_.List(tx, query); });
}

Result<UnitFate> TerritoryService::Successors(int64_t id) {
  return db_.Run<UnitFate>(TxMode::kRead, [&](Tx& tx) -> Result<UnitFate> {
    auto u = repo_.Find(tx, id);
    if (!u) return UnitNotFound(id);
    UnitFate fate{*u, repo_.SuccessionsFrom(tx, id), {}};
    std::set<int64_t> ids;
    for (const auto& s : fate.successions) {
      ids.insert(s.from_unit_id);
      ids.insert(s.to_unit_id);
    }
    fate.units = repo_.FindMany(tx, std::vector<int64_t>(ids.begin(), ids.end()));
    return fate;
  });
}

Result<ImportReport> TerritoryService::ImportMergerTable(const Caller& caller, const std::string& tsv,
                                                         const std::string& province, const std::string& legal_basis,
                                                         const std::string& effective_date, bool dry_run) {
  if (!Allows(caller.principal, Permission::kManageTerritory, {})) return Forbidden();
  const Date effective = DANVAN_TRY(Date::Parse(effective_date, "effective_date"));
  const Date unknown_start = Date::FromYmd(1900, 1, 1);
  const std::string now = FormatUtc(clock_.Now());

  struct Row {
    int line;
    std::string old_ward, old_district, new_ward, share;
  };
  ImportReport report;
  report.dry_run = dry_run;
  std::vector<Row> rows;
  std::istringstream in(tsv);
  std::string text;
  int line = 0;
  bool header_seen = false;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(text);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (!header_seen) {
      header_seen = true;
      if (cols.size() >= 4 && cols[0] == "old_ward") continue;
    }
    if (cols.size() != 4) {
      report.errors.push_back(fmt::format("dòng {} / line {}: cần 4 cột cách nhau bằng tab, có {} / needs 4 tab-separated columns, has {}",
                                          line, line, cols.size(), cols.size()));
      continue;
    }
    if (!ParseShare(cols[3])) {
      report.errors.push_back(fmt::format("dòng {} / line {}: cột share phải là whole hoặc part / share must be whole or part", line, line));
      continue;
    }
    rows.push_back(Row{line, cols[0], cols[1], cols[2], cols[3]});
  }
  report.rows = static_cast<int>(rows.size());
  if (!report.errors.empty()) return report;  // nothing is written unless every row is valid

  auto st = db_.Run(dry_run ? TxMode::kDryRun : TxMode::kWrite, [&](Tx& tx) -> Status {
    auto find_or_create = [&](const std::string& name, std::optional<int64_t> parent_id, Date from,
                              std::optional<Date> to) -> Result<AdminUnit> {
      if (auto existing = repo_.FindByName(tx, name, parent_id)) return *existing;
      AdminUnit u;
      u.name = name;
      std::tie(u.level, u.kind) = KindOf(name);
      u.code = SlugOf(name);
      u.parent_id = parent_id;
      u.valid_from = from;
      u.valid_to = to;
      u.created_at = u.updated_at = now;
      std::optional<AdminUnit> parent;
      if (parent_id) parent = repo_.Find(tx, *parent_id);
      DANVAN_TRY(ValidateNewUnit(u, parent ? &*parent : nullptr));
      u.id = repo_.Insert(tx, u);
      audit_.Record(tx, caller.actor(), AuditEvent{"system", "unit", std::to_string(u.id), "import", std::nullopt, UnitJson(u)});
      ++report.units_created;
      return u;
    };
    auto top = DANVAN_TRY(find_or_create(province, std::nullopt, unknown_start, std::nullopt));
    for (const auto& r : rows) {
      auto district = find_or_create(r.old_district, top.id, unknown_start, effective);
      if (!district) return std::move(district).error().WithDetail("line", r.line);
      auto old_ward = find_or_create(r.old_ward, district->id, unknown_start, effective);
      if (!old_ward) return std::move(old_ward).error().WithDetail("line", r.line);
      auto new_ward = find_or_create(r.new_ward, top.id, effective, std::nullopt);
      if (!new_ward) return std::move(new_ward).error().WithDetail("line", r.line);
      if (repo_.SuccessionExists(tx, old_ward->id, new_ward->id)) continue;
      Succession s;
      s.from_unit_id = old_ward->id;
      s.to_unit_id = new_ward->id;
      s.share = *ParseShare(r.share);
      s.legal_basis = legal_basis;
      s.effective_date = effective;
      s.created_at = now;
      auto valid = ValidateSuccession(s, *old_ward, *new_ward);
      if (!valid) return std::move(valid).error().WithDetail("line", r.line);
      s.id = repo_.InsertSuccession(tx, s);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"system", "unit_succession", std::to_string(s.id), "import", std::nullopt,
                               boost::json::serialize(boost::json::object{{"from_unit_id", s.from_unit_id},
                                                                          {"to_unit_id", s.to_unit_id},
                                                                          {"share", r.share}})});
      ++report.successions_created;
    }
    return OkStatus();
  });
  if (!st) return std::move(st).error();
  return report;
}

}  // namespace danvan
