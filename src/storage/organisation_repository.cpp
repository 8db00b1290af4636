#include "core/vietnamese.hpp"
#include "storage/repositories.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/organisations_sql.hpp"
#include "storage/tx.hpp"

namespace danvan {
namespace {

Organisation OrganisationFromRow(const soci::row& r) {
  Organisation o;
  o.id = RowInt(r, 0);
  o.unit_id = RowInt(r, 1);
  o.parent_id = RowOptInt(r, 2);
  o.kind = r.get<std::string>(3);
  o.name = r.get<std::string>(4);
  o.valid_from = RowDate(r, 5);
  o.valid_to = RowOptDate(r, 6);
  o.status = ParseOrganisationStatus(r.get<std::string>(7)).value_or(OrganisationStatus::kActive);
  o.successor_id = RowOptInt(r, 8);
  o.created_at = r.get<std::string>(9);
  o.updated_at = r.get<std::string>(10);
  return o;
}

Person PersonFromRow(const soci::row& r) {
  Person p;
  p.id = RowInt(r, 0);
  p.unit_id = RowInt(r, 1);
  p.full_name = r.get<std::string>(2);
  if (auto y = RowOptInt(r, 3)) p.birth_year = static_cast<int>(*y);
  if (auto g = RowOptString(r, 4)) p.gender = ParseGender(*g);
  p.phone = RowOptString(r, 5);
  p.email = RowOptString(r, 6);
  p.address = RowOptString(r, 7);
  p.is_demo = RowInt(r, 8) != 0;
  p.created_at = r.get<std::string>(9);
  p.updated_at = r.get<std::string>(10);
  return p;
}

Membership MembershipFromRow(const soci::row& r) {
  Membership m;
  m.id = RowInt(r, 0);
  m.person_id = RowInt(r, 1);
  m.organisation_id = RowInt(r, 2);
  m.title = r.get<std::string>(3);
  m.valid_from = RowDate(r, 4);
  m.valid_to = RowOptDate(r, 5);
  return m;
}

std::optional<std::string> OptIso(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->Iso();
}

class SociOrganisationRepository final : public OrganisationRepository {
 public:
  std::vector<OrganisationKind> Kinds(Tx& tx) override {
    std::vector<OrganisationKind> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectOrganisationKinds);
    for (const auto& r : rows) out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    return out;
  }

  int64_t Insert(Tx& tx, const Organisation& o) override {
    int64_t id = 0;
    const std::string folded = FoldForSearch(o.name), sort = VietnameseSortKey(o.name), from = o.valid_from.Iso();
    const auto to = OptIso(o.valid_to);
    tx.session() << sql::kInsertOrganisation, soci::use(o.unit_id), soci::use(o.parent_id), soci::use(o.kind),
        soci::use(o.name), soci::use(folded), soci::use(sort), soci::use(from), soci::use(to),
        soci::use(o.created_at), soci::use(o.updated_at), soci::into(id);
    return id;
  }

  std::optional<Organisation> Find(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectOrganisation, soci::use(id));
    for (const auto& r : rows) return OrganisationFromRow(r);
    return std::nullopt;
  }

  std::vector<Organisation> FindMany(Tx& tx, const std::vector<int64_t>& ids) override {
    std::vector<Organisation> out;
    if (ids.empty()) return out;
    const std::string csv = IdList(ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectOrganisationsByIdsSqlite
                                                        : sql::kSelectOrganisationsByIdsPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows) out.push_back(OrganisationFromRow(r));
    return out;
  }

  Page<Organisation> List(Tx& tx, const OrganisationQuery& q) override {
    Page<Organisation> page;
    std::optional<std::string> as_of;
    if (q.as_of) as_of = q.as_of->Iso();
    const int roots = q.roots_only ? 1 : 0;
    const std::string pattern = ContainsPattern(q.folded_text);
    tx.session() << sql::kCountOrganisations, soci::use(q.unit_id), soci::use(q.unit_id), soci::use(q.parent_id),
        soci::use(q.parent_id), soci::use(roots), soci::use(as_of), soci::use(as_of), soci::use(as_of),
        soci::use(q.kind), soci::use(q.kind), soci::use(q.folded_text), soci::use(pattern), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectOrganisationsPage, soci::use(q.unit_id), soci::use(q.unit_id),
         soci::use(q.parent_id), soci::use(q.parent_id), soci::use(roots), soci::use(as_of), soci::use(as_of),
         soci::use(as_of), soci::use(q.kind), soci::use(q.kind), soci::use(q.folded_text), soci::use(pattern),
         soci::use(q.limit), soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(OrganisationFromRow(r));
    return page;
  }

  void End(Tx& tx, int64_t id, OrganisationStatus status, const Date& date, std::optional<int64_t> successor_id,
           const std::string& at) override {
    const std::string s(ToString(status)), to = date.Iso();
    tx.session() << sql::kEndOrganisation, soci::use(s), soci::use(to), soci::use(successor_id), soci::use(at),
        soci::use(id);
  }

  std::vector<Organisation> OpenChildren(Tx& tx, int64_t id, const Date& date) override {
    std::vector<Organisation> out;
    const std::string on = date.Iso();
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectOpenChildOrganisations, soci::use(id), soci::use(on));
    for (const auto& r : rows) out.push_back(OrganisationFromRow(r));
    return out;
  }
};

class SociPersonRepository final : public PersonRepository {
 public:
  int64_t Insert(Tx& tx, const Person& p) override {
    int64_t id = 0;
    const std::string folded = FoldForSearch(p.full_name), sort = VietnameseSortKey(p.full_name);
    std::optional<std::string> gender;
    if (p.gender) gender = std::string(ToString(*p.gender));
    const int demo = p.is_demo ? 1 : 0;
    tx.session() << sql::kInsertPerson, soci::use(p.unit_id), soci::use(p.full_name), soci::use(folded),
        soci::use(sort), soci::use(p.birth_year), soci::use(gender), soci::use(p.phone), soci::use(p.email),
        soci::use(p.address), soci::use(demo), soci::use(p.created_at), soci::use(p.updated_at), soci::into(id);
    return id;
  }

  void Update(Tx& tx, const Person& p) override {
    const std::string folded = FoldForSearch(p.full_name), sort = VietnameseSortKey(p.full_name);
    std::optional<std::string> gender;
    if (p.gender) gender = std::string(ToString(*p.gender));
    tx.session() << sql::kUpdatePerson, soci::use(p.full_name), soci::use(folded), soci::use(sort),
        soci::use(p.birth_year), soci::use(gender), soci::use(p.phone), soci::use(p.email), soci::use(p.address),
        soci::use(p.updated_at), soci::use(p.id);
  }

  std::optional<Person> Find(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectPerson, soci::use(id));
    for (const auto& r : rows) return PersonFromRow(r);
    return std::nullopt;
  }

  Page<Person> List(Tx& tx, const PersonQuery& q) override {
    Page<Person> page;
    const std::string pattern = ContainsPattern(q.folded_text);
    tx.session() << sql::kCountPeople, soci::use(q.unit_id), soci::use(q.organisation_id),
        soci::use(q.organisation_id), soci::use(q.folded_text), soci::use(pattern), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectPeoplePage, soci::use(q.unit_id), soci::use(q.organisation_id),
         soci::use(q.organisation_id), soci::use(q.folded_text), soci::use(pattern), soci::use(q.limit),
         soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(PersonFromRow(r));
    return page;
  }

  int64_t InsertMembership(Tx& tx, const Membership& m, const std::string& at) override {
    int64_t id = 0;
    const std::string from = m.valid_from.Iso();
    const auto to = OptIso(m.valid_to);
    tx.session() << sql::kInsertMembership, soci::use(m.person_id), soci::use(m.organisation_id),
        soci::use(m.title), soci::use(from), soci::use(to), soci::use(at), soci::into(id);
    return id;
  }

  std::optional<Membership> FindMembership(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectMembership, soci::use(id));
    for (const auto& r : rows) return MembershipFromRow(r);
    return std::nullopt;
  }

  void EndMembership(Tx& tx, int64_t id, const Date& valid_to) override {
    const std::string to = valid_to.Iso();
    tx.session() << sql::kEndMembership, soci::use(to), soci::use(id);
  }

  std::vector<Membership> MembershipsOf(Tx& tx, const std::vector<int64_t>& person_ids) override {
    std::vector<Membership> out;
    if (person_ids.empty()) return out;
    const std::string csv = IdList(person_ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectMembershipsOfPeopleSqlite
                                                        : sql::kSelectMembershipsOfPeoplePostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows) out.push_back(MembershipFromRow(r));
    return out;
  }

  std::vector<Membership> MembersOf(Tx& tx, int64_t organisation_id) override {
    std::vector<Membership> out;
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectMembershipsOfOrganisation, soci::use(organisation_id));
    for (const auto& r : rows) out.push_back(MembershipFromRow(r));
    return out;
  }
};

}  // namespace

std::unique_ptr<OrganisationRepository> MakeOrganisationRepository() {
  return std::make_unique<SociOrganisationRepository>();
}
std::unique_ptr<PersonRepository> MakePersonRepository() { return std::make_unique<SociPersonRepository>(); }

}  // namespace danvan
