#include "core/vietnamese.hpp"
#include "storage/repositories.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/territory_sql.hpp"
#include "storage/tx.hpp"

#include <array>
#include <optional>

namespace danvan {
namespace {

AdminUnit UnitFromRow(const soci::row& r) {
  AdminUnit u;
  u.id = RowInt(r, 0);
  u.code = r.get<std::string>(1);
  u.name = r.get<std::string>(2);
  u.level = ParseUnitLevel(r.get<std::string>(3)).value_or(UnitLevel::kCommune);
  u.kind = r.get<std::string>(4);
  if (r.get_indicator(5) == soci::i_ok) u.parent_id = RowInt(r, 5);
  u.valid_from = RowDate(r, 6);
  u.valid_to = RowOptDate(r, 7);
  u.created_at = r.get<std::string>(8);
  u.updated_at = r.get<std::string>(9);
  return u;
}

Succession SuccessionFromRow(const soci::row& r) {
  Succession s;
  s.id = RowInt(r, 0);
  s.from_unit_id = RowInt(r, 1);
  s.to_unit_id = RowInt(r, 2);
  s.share = ParseShare(r.get<std::string>(3)).value_or(Share::kPart);
  s.legal_basis = r.get<std::string>(4);
  s.effective_date = RowDate(r, 5);
  s.note = RowOptString(r, 6);
  return s;
}

class SociTerritoryRepository final : public TerritoryRepository {
 public:
  int64_t Insert(Tx& tx, const AdminUnit& u) override {
    int64_t id = 0;
    const std::string level(ToString(u.level));
    const std::string from = u.valid_from.Iso();
    std::optional<std::string> to;
    if (u.valid_to) to = u.valid_to->Iso();
    const std::string folded = FoldForSearch(u.name);
    const std::string sort = VietnameseSortKey(u.name);
    tx.session() << sql::kInsertUnit, soci::use(u.code), soci::use(u.name), soci::use(level), soci::use(u.kind),
        soci::use(u.parent_id), soci::use(from), soci::use(to), soci::use(folded), soci::use(sort),
        soci::use(u.created_at), soci::use(u.updated_at), soci::into(id);
    return id;
  }

  std::optional<AdminUnit> Find(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectUnit, id);
    if (const soci::row* r = rows.Next()) return UnitFromRow(*r);
    return std::nullopt;
  }

  std::optional<AdminUnit> FindByName(Tx& tx, const std::string& name, std::optional<int64_t> parent_id) override {
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectUnitByName, soci::use(name), soci::use(parent_id), soci::use(parent_id));
    for (const auto& r : rows) return UnitFromRow(r);
    return std::nullopt;
  }

  std::vector<int64_t> Ancestry(Tx& tx, int64_t id) override {
    std::vector<int64_t> out;
    auto rows = tx.Query(sql::kSelectAncestry, id);
    while (const soci::row* r = rows.Next()) out.push_back(RowInt(*r, 0));
    return out;
  }

  std::vector<AdminUnit> FindWithAncestors(Tx& tx, int64_t id) override {
    // At most three rows, by depth (column 10): the unit, its parent, its grandparent.
    std::array<std::optional<AdminUnit>, 3> by_depth;
    auto rows = tx.Query(sql::kSelectUnitWithAncestors, id, id, id);
    while (const soci::row* r = rows.Next()) {
      const auto depth = RowInt(*r, 10);
      if (depth >= 0 && depth < 3) by_depth[static_cast<size_t>(depth)] = UnitFromRow(*r);
    }
    std::vector<AdminUnit> out;
    for (auto& u : by_depth)
      if (u) out.push_back(std::move(*u));
    return out;
  }

  std::vector<AdminUnit> FindMany(Tx& tx, const std::vector<int64_t>& ids) override {
    std::vector<AdminUnit> out;
    if (ids.empty()) return out;
    // One query for any number of ids: the list travels as one text parameter.
    const std::string csv = IdList(ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectUnitsByIdsSqlite : sql::kSelectUnitsByIdsPostgres;
    auto rows = tx.Query(query, csv);
    while (const soci::row* r = rows.Next()) out.push_back(UnitFromRow(*r));
    return out;
  }

  Page<AdminUnit> List(Tx& tx, const UnitQuery& q) override {
    Page<AdminUnit> page;
    std::optional<std::string> as_of;
    if (q.as_of) as_of = q.as_of->Iso();
    std::optional<std::string> level;
    if (q.level) level = std::string(ToString(*q.level));
    const int roots_only = q.roots_only ? 1 : 0;
    const std::string pattern = ContainsPattern(q.folded_text);
    tx.session() << sql::kCountUnits, soci::use(q.parent_id), soci::use(q.parent_id),
        soci::use(roots_only), soci::use(as_of), soci::use(as_of), soci::use(as_of), soci::use(level),
        soci::use(level), soci::use(q.folded_text), soci::use(pattern), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectUnitsPage,
         soci::use(q.parent_id), soci::use(q.parent_id), soci::use(roots_only), soci::use(as_of), soci::use(as_of),
         soci::use(as_of), soci::use(level), soci::use(level), soci::use(q.folded_text), soci::use(pattern),
         soci::use(q.limit), soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(UnitFromRow(r));
    return page;
  }

  void SetValidTo(Tx& tx, int64_t id, const Date& valid_to, const std::string& at) override {
    const std::string to = valid_to.Iso();
    tx.session() << sql::kUpdateUnitValidTo, soci::use(to), soci::use(at), soci::use(id);
  }

  bool SuccessionExists(Tx& tx, int64_t from_unit_id, int64_t to_unit_id) override {
    int64_t n = 0;
    tx.session() << sql::kCountSuccessionPair, soci::use(from_unit_id), soci::use(to_unit_id), soci::into(n);
    return n > 0;
  }

  int64_t InsertSuccession(Tx& tx, const Succession& s) override {
    int64_t id = 0;
    const std::string share(ToString(s.share));
    const std::string date = s.effective_date.Iso();
    tx.session() << sql::kInsertSuccession, soci::use(s.from_unit_id), soci::use(s.to_unit_id), soci::use(share),
        soci::use(s.legal_basis), soci::use(date), soci::use(s.note), soci::use(s.created_at), soci::into(id);
    return id;
  }

  std::vector<Succession> SuccessionsFrom(Tx& tx, int64_t unit_id) override {
    std::vector<Succession> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSuccessionsFrom, soci::use(unit_id));
    for (const auto& r : rows) out.push_back(SuccessionFromRow(r));
    return out;
  }

  std::vector<Succession> SuccessionsInto(Tx& tx, int64_t unit_id) override {
    std::vector<Succession> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSuccessionsInto, soci::use(unit_id));
    for (const auto& r : rows) out.push_back(SuccessionFromRow(r));
    return out;
  }
};

}  // namespace

std::unique_ptr<TerritoryRepository> MakeTerritoryRepository() { return std::make_unique<SociTerritoryRepository>(); }

}  // namespace danvan
