#include "services/community.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"
#include "core/vietnamese.hpp"
#include "documents/xlsx/reader.hpp"
#include "services/territory.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

namespace danvan {
namespace {

std::string OrganisationJson(const Organisation& o) {
  boost::json::object j{{"id", o.id},         {"unit_id", o.unit_id}, {"kind", o.kind},
                        {"name", o.name},     {"valid_from", o.valid_from.Iso()}, {"status", ToString(o.status)}};
  j["parent_id"] = o.parent_id ? boost::json::value(*o.parent_id) : nullptr;
  j["valid_to"] = o.valid_to ? boost::json::value(o.valid_to->Iso()) : nullptr;
  j["successor_id"] = o.successor_id ? boost::json::value(*o.successor_id) : nullptr;
  return boost::json::serialize(j);
}

// The audit log keeps who changed a person's record, not the personal data itself.
std::string PersonAuditJson(const Person& p) {
  return boost::json::serialize(boost::json::object{{"id", p.id},
                                                    {"unit_id", p.unit_id},
                                                    {"full_name", p.full_name},
                                                    {"has_birth_year", p.birth_year.has_value()},
                                                    {"has_contact", p.phone || p.email || p.address}});
}

std::optional<std::string> NonEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string Trim(std::string s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

Result<Person> PersonFrom(const PersonInput& in, int64_t unit_id, int current_year) {
  Person p;
  p.unit_id = unit_id;
  p.full_name = Trim(in.full_name);
  p.birth_year = in.birth_year;
  if (!in.gender.empty()) {
    p.gender = ParseGender(in.gender);
    if (!p.gender)
      return MakeError(ErrorKind::kInvalidInput, "invalid_gender", "Giới tính phải là female, male hoặc other.",
                       "gender must be female, male or other.")
          .WithDetail("field", "gender");
  }
  p.phone = NonEmpty(Trim(in.phone));
  p.email = NonEmpty(Trim(in.email));
  p.address = NonEmpty(Trim(in.address));
  DANVAN_TRY(ValidatePerson(p, current_year));
  return p;
}

int RankOf(const std::string& folded_name, const std::string& folded_query) {
  if (folded_name == folded_query) return 0;
  if (folded_name.rfind(folded_query, 0) == 0) return 1;
  if (folded_name.find(" " + folded_query) != std::string::npos) return 2;
  return 3;
}

}  // namespace

Error OrganisationNotFound(int64_t id) {
  return MakeError(ErrorKind::kNotFound, "organisation_not_found", "Không tìm thấy tổ chức.", "No such organisation.")
      .WithDetail("organisation_id", id);
}

Error PersonNotFound() {
  return MakeError(ErrorKind::kNotFound, "person_not_found", "Không tìm thấy người này.", "No such person.");
}

bool CommunityService::Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id) {
  if (caller.principal.IsSystemAdmin()) return true;
  return Allows(caller.principal, permission, repos_.territory->Ancestry(tx, unit_id));
}

Status CommunityService::Require(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id) {
  if (!Has(tx, caller, permission, unit_id)) return Forbidden();
  return OkStatus();
}

Result<std::vector<OrganisationKind>> CommunityService::Kinds() {
  return db_.Run<std::vector<OrganisationKind>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<OrganisationKind>> {
    return repos_.organisations->Kinds(tx);
  });
}

Result<Organisation> CommunityService::CreateOrganisation(const Caller& caller, const NewOrganisation& in) {
  Organisation o;
  o.unit_id = in.unit_id;
  o.parent_id = in.parent_id;
  o.kind = in.kind;
  o.name = Trim(in.name);
  o.valid_from = DANVAN_TRY(Date::Parse(in.valid_from, "valid_from"));
  o.created_at = o.updated_at = FormatUtc(clock_.Now());
  return db_.Run<Organisation>(TxMode::kWrite, [&](Tx& tx) -> Result<Organisation> {
    if (!repos_.territory->Find(tx, o.unit_id)) return UnitNotFound(o.unit_id).WithDetail("field", "unit_id");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, o.unit_id));
    const auto kinds = repos_.organisations->Kinds(tx);
    if (std::none_of(kinds.begin(), kinds.end(), [&](const OrganisationKind& k) { return k.code == o.kind; }))
      return MakeError(ErrorKind::kInvalidInput, "invalid_organisation_kind", "Loại tổ chức không có trong danh mục.",
                       "Unknown organisation kind.")
          .WithDetail("field", "kind");
    std::optional<Organisation> parent;
    if (o.parent_id) {
      parent = repos_.organisations->Find(tx, *o.parent_id);
      if (!parent) return OrganisationNotFound(*o.parent_id).WithDetail("field", "parent_id");
    }
    DANVAN_TRY(ValidateNewOrganisation(o, parent ? &*parent : nullptr));
    o.id = repos_.organisations->Insert(tx, o);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(o.unit_id), "organisation", std::to_string(o.id), "create",
                             std::nullopt, OrganisationJson(o)});
    return o;
  });
}

Result<OrganisationDetail> CommunityService::GetOrganisation(const std::optional<Caller>& caller, int64_t id) {
  return db_.Run<OrganisationDetail>(TxMode::kRead, [&](Tx& tx) -> Result<OrganisationDetail> {
    auto o = repos_.organisations->Find(tx, id);
    if (!o) return OrganisationNotFound(id);
    OrganisationDetail d;
    d.organisation = *o;
    // Ancestors: walk up the parents (an organisation tree is shallow: a handful of steps).
    for (auto parent = o->parent_id; parent && d.ancestors.size() < 8;) {
      auto p = repos_.organisations->Find(tx, *parent);
      if (!p) break;
      d.ancestors.push_back(*p);
      parent = p->parent_id;
    }
    if (o->successor_id) d.successor = repos_.organisations->Find(tx, *o->successor_id);
    if (caller && Has(tx, *caller, Permission::kViewUnitPrivate, o->unit_id)) {
      d.members_visible = true;
      d.members = repos_.people->MembersOf(tx, id);
      std::set<int64_t> ids;
      for (const auto& m : d.members) ids.insert(m.person_id);
      for (auto pid : ids)
        if (auto p = repos_.people->Find(tx, pid)) {
          p->birth_year.reset();
          p->phone.reset();
          p->email.reset();
          p->address.reset();
          d.people.push_back(*p);
        }
    }
    return d;
  });
}

Result<Page<Organisation>> CommunityService::ListOrganisations(const OrganisationQuery& query) {
  return db_.Run<Page<Organisation>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<Organisation>> {
    return repos_.organisations->List(tx, query);
  });
}

Result<Organisation> CommunityService::EndOrganisation(const Caller& caller, int64_t id, const OrganisationEnd& end) {
  auto status = ParseOrganisationStatus(end.status);
  if (!status)
    return MakeError(ErrorKind::kInvalidInput, "invalid_status", "Trạng thái mới phải là closed, moved hoặc merged.",
                     "The new status must be closed, moved or merged.")
        .WithDetail("field", "status");
  const Date date = DANVAN_TRY(Date::Parse(end.date, "date"));
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Organisation>(TxMode::kWrite, [&](Tx& tx) -> Result<Organisation> {
    auto o = repos_.organisations->Find(tx, id);
    if (!o) return OrganisationNotFound(id);
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, o->unit_id));
    const std::string chain = "unit:" + std::to_string(o->unit_id);
    std::optional<Organisation> successor;
    if (*status == OrganisationStatus::kMoved) {
      // Moving makes a new record in the new unit from that day; the old one keeps its history.
      if (!end.to_unit_id)
        return MakeError(ErrorKind::kInvalidInput, "to_unit_required", "Cần chọn đơn vị chuyển đến.",
                         "A move needs the unit it moves to.")
            .WithDetail("field", "to_unit_id");
      auto unit = repos_.territory->Find(tx, *end.to_unit_id);
      if (!unit) return UnitNotFound(*end.to_unit_id).WithDetail("field", "to_unit_id");
      DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, unit->id));
      if (!unit->ValidOn(date))
        return MakeError(ErrorKind::kInvalidInput, "invalid_successor", "Đơn vị chuyển đến chưa có hiệu lực vào ngày đó.",
                         "The unit moved to is not valid on that date.")
            .WithDetail("field", "to_unit_id");
      Organisation moved = *o;
      moved.id = 0;
      moved.unit_id = unit->id;
      moved.parent_id = end.to_parent_id;
      moved.valid_from = date;
      moved.valid_to.reset();
      moved.status = OrganisationStatus::kActive;
      moved.created_at = moved.updated_at = now;
      std::optional<Organisation> parent;
      if (end.to_parent_id) {
        parent = repos_.organisations->Find(tx, *end.to_parent_id);
        if (!parent) return OrganisationNotFound(*end.to_parent_id).WithDetail("field", "to_parent_id");
      }
      DANVAN_TRY(ValidateOrganisationEnd(*o, *status, date, nullptr));
      if (auto fits = ValidateNewOrganisation(moved, parent ? &*parent : nullptr); !fits)
        return Error(fits.error()).WithDetail("field", "to_parent_id");
      moved.id = repos_.organisations->Insert(tx, moved);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(moved.unit_id), "organisation", std::to_string(moved.id),
                               "create_by_move", std::nullopt, OrganisationJson(moved)});
      successor = moved;
    } else if (*status == OrganisationStatus::kMerged) {
      if (end.successor_id) successor = repos_.organisations->Find(tx, *end.successor_id);
      if (end.successor_id && !successor) return OrganisationNotFound(*end.successor_id).WithDetail("field", "successor_id");
    }
    DANVAN_TRY(ValidateOrganisationEnd(*o, *status, date, successor ? &*successor : nullptr));
    // Children are not ended along with their parent: what becomes of each (closed, moved, merged) is the staff's
    // decision, recorded one by one (docs/decisions.md).
    if (auto children = repos_.organisations->OpenChildren(tx, id, date); !children.empty()) {
      boost::json::array list;
      std::string names;
      for (const auto& c : children) {
        list.push_back({{"id", c.id}, {"name", c.name}});
        names += (names.empty() ? "" : ", ") + c.name;
      }
      return MakeError(ErrorKind::kInvalidTransition, "organisation_has_open_children",
                       fmt::format("Tổ chức \"{}\" còn {} tổ chức trực thuộc hoạt động sau ngày {}: {}. Hãy giải thể, "
                                   "chuyển hoặc sáp nhập từng tổ chức này trước.",
                                   o->name, children.size(), date.Vietnamese(), names),
                       fmt::format("\"{}\" still has {} child organisation(s) active after {}: {}. Close, move or "
                                   "merge each of them first.",
                                   o->name, children.size(), date.Vietnamese(), names))
          .WithDetail("children", std::move(list));
    }
    // Open memberships end that day; on a move the people carry on in the new record from the same day.
    const auto members = repos_.people->MembersOf(tx, id);
    for (const auto& m : members)
      if (m.valid_from >= date)
        return MakeError(ErrorKind::kInvalidTransition, "membership_after_end",
                         fmt::format("Tổ chức \"{}\" có chức danh \"{}\" bắt đầu từ ngày {}, không sớm hơn ngày kết "
                                     "thúc {}.",
                                     o->name, m.title, m.valid_from.Vietnamese(), date.Vietnamese()),
                         fmt::format("\"{}\" has a membership (\"{}\") starting on {}, not before the end on {}.", o->name,
                                     m.title, m.valid_from.Vietnamese(), date.Vietnamese()))
            .WithDetail("membership_id", m.id);
    for (const auto& m : members) {
      if (m.valid_to && *m.valid_to <= date) continue;
      repos_.people->EndMembership(tx, m.id, date);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{chain, "membership", std::to_string(m.id), "end_with_organisation", std::nullopt,
                               boost::json::serialize(boost::json::object{{"valid_to", date.Iso()},
                                                                          {"organisation_id", id}})});
      if (*status != OrganisationStatus::kMoved) continue;
      Membership carried = m;
      carried.organisation_id = successor->id;
      carried.valid_from = date;
      carried.id = repos_.people->InsertMembership(tx, carried, now);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(successor->unit_id), "membership", std::to_string(carried.id),
                               "create_by_move", std::nullopt,
                               boost::json::serialize(boost::json::object{{"person_id", m.person_id},
                                                                          {"organisation_id", successor->id},
                                                                          {"title", m.title},
                                                                          {"valid_from", date.Iso()},
                                                                          {"moved_from_membership_id", m.id}})});
    }
    const Organisation before = *o;
    o->status = *status;
    o->valid_to = date;
    if (successor) o->successor_id = successor->id;
    o->updated_at = now;
    repos_.organisations->End(tx, o->id, *status, date, o->successor_id, now);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{chain, "organisation", std::to_string(o->id), std::string(ToString(*status)),
                             OrganisationJson(before), OrganisationJson(*o)});
    return *o;
  });
}

Result<PersonView> CommunityService::View(Tx& tx, const Caller& caller, Person person) {
  PersonView v;
  v.personal_data_visible = Has(tx, caller, Permission::kViewPersonalData, person.unit_id);
  if (!v.personal_data_visible) {
    person.birth_year.reset();
    person.phone.reset();
    person.email.reset();
    person.address.reset();
  }
  v.memberships = repos_.people->MembershipsOf(tx, {person.id});
  std::vector<int64_t> org_ids;
  for (const auto& m : v.memberships) org_ids.push_back(m.organisation_id);
  v.organisations = repos_.organisations->FindMany(tx, org_ids);
  v.person = std::move(person);
  return v;
}

Result<PersonView> CommunityService::CreatePerson(const Caller& caller, int64_t unit_id, const PersonInput& input,
                                                  bool is_demo) {
  const TimePoint now = clock_.Now();
  Person p = DANVAN_TRY(PersonFrom(input, unit_id, Date::TodayInVietnam(now).year()));
  p.is_demo = is_demo;
  p.created_at = p.updated_at = FormatUtc(now);
  return db_.Run<PersonView>(TxMode::kWrite, [&](Tx& tx) -> Result<PersonView> {
    if (!repos_.territory->Find(tx, unit_id)) return UnitNotFound(unit_id).WithDetail("field", "unit_id");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, unit_id));
    p.id = repos_.people->Insert(tx, p);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(unit_id), "person", std::to_string(p.id), "create", std::nullopt,
                             PersonAuditJson(p)});
    return View(tx, caller, p);
  });
}

Result<PersonView> CommunityService::UpdatePerson(const Caller& caller, int64_t id, const PersonInput& input,
                                                  std::optional<int64_t> unit_id) {
  return ChangePerson(caller, id, unit_id, [&](const Person&) { return input; });
}

Result<PersonView> CommunityService::PatchPerson(const Caller& caller, int64_t id, const PersonPatch& patch) {
  return ChangePerson(caller, id, std::nullopt, [&](const Person& p) {
    PersonInput in{p.full_name, p.birth_year, p.gender ? std::string(ToString(*p.gender)) : "",
                   p.phone.value_or(""), p.email.value_or(""), p.address.value_or("")};
    if (patch.full_name) in.full_name = *patch.full_name;
    if (patch.birth_year) in.birth_year = *patch.birth_year;
    if (patch.gender) in.gender = *patch.gender;
    if (patch.phone) in.phone = *patch.phone;
    if (patch.email) in.email = *patch.email;
    if (patch.address) in.address = *patch.address;
    return in;
  });
}

Result<PersonView> CommunityService::ChangePerson(const Caller& caller, int64_t id, std::optional<int64_t> unit_id,
                                                  const std::function<PersonInput(const Person&)>& input_of) {
  const TimePoint now = clock_.Now();
  return db_.Run<PersonView>(TxMode::kWrite, [&](Tx& tx) -> Result<PersonView> {
    auto existing = repos_.people->Find(tx, id);
    if (!existing || !Has(tx, caller, Permission::kViewUnitPrivate, existing->unit_id)) return PersonNotFound();
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, existing->unit_id));
    if (unit_id && *unit_id != existing->unit_id)
      return MakeError(ErrorKind::kConflict, "person_unit_differs",
                       "Người này thuộc đơn vị khác; sửa thông tin không chuyển người sang đơn vị khác.",
                       "This person belongs to another unit; an edit does not move a person between units.")
          .WithDetail("field", "unit_id");
    Person p = DANVAN_TRY(PersonFrom(input_of(*existing), existing->unit_id, Date::TodayInVietnam(now).year()));
    p.id = id;
    p.is_demo = existing->is_demo;
    p.created_at = existing->created_at;
    // Nothing changed: nothing to write or audit.
    if (std::tie(p.full_name, p.birth_year, p.gender, p.phone, p.email, p.address) ==
        std::tie(existing->full_name, existing->birth_year, existing->gender, existing->phone, existing->email,
                 existing->address))
      return View(tx, caller, *existing);
    p.updated_at = FormatUtc(now);
    repos_.people->Update(tx, p);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(p.unit_id), "person", std::to_string(id), "update",
                             PersonAuditJson(*existing), PersonAuditJson(p)});
    return View(tx, caller, p);
  });
}

Result<PersonView> CommunityService::GetPerson(const Caller& caller, int64_t id) {
  return db_.Run<PersonView>(TxMode::kRead, [&](Tx& tx) -> Result<PersonView> {
    auto p = repos_.people->Find(tx, id);
    // Someone without rights on the person's unit learns nothing, not even that the person exists.
    if (!p || !Has(tx, caller, Permission::kViewUnitPrivate, p->unit_id)) return PersonNotFound();
    return View(tx, caller, *p);
  });
}

Result<Page<PersonView>> CommunityService::ListPeople(const Caller& caller, const PersonQuery& query) {
  return db_.Run<Page<PersonView>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<PersonView>> {
    if (!repos_.territory->Find(tx, query.unit_id)) return UnitNotFound(query.unit_id);
    DANVAN_TRY(Require(tx, caller, Permission::kViewUnitPrivate, query.unit_id));
    const bool personal = Has(tx, caller, Permission::kViewPersonalData, query.unit_id);
    auto page = repos_.people->List(tx, query);
    std::vector<int64_t> ids;
    for (const auto& p : page.items) ids.push_back(p.id);
    // Memberships and their organisations for the whole page in two queries, not two per person.
    auto memberships = repos_.people->MembershipsOf(tx, ids);
    std::vector<int64_t> org_ids;
    for (const auto& m : memberships) org_ids.push_back(m.organisation_id);
    auto organisations = repos_.organisations->FindMany(tx, org_ids);
    Page<PersonView> out;
    out.total = page.total;
    for (auto& p : page.items) {
      PersonView v;
      v.personal_data_visible = personal;
      if (!personal) {
        p.birth_year.reset();
        p.phone.reset();
        p.email.reset();
        p.address.reset();
      }
      std::set<int64_t> mine;
      for (const auto& m : memberships)
        if (m.person_id == p.id) {
          v.memberships.push_back(m);
          mine.insert(m.organisation_id);
        }
      for (const auto& o : organisations)
        if (mine.count(o.id)) v.organisations.push_back(o);
      v.person = std::move(p);
      out.items.push_back(std::move(v));
    }
    return out;
  });
}

Result<Membership> CommunityService::AddMembership(const Caller& caller, int64_t person_id, const NewMembership& in) {
  Membership m;
  m.person_id = person_id;
  m.organisation_id = in.organisation_id;
  m.title = Trim(in.title);
  m.valid_from = DANVAN_TRY(Date::Parse(in.valid_from, "valid_from"));
  if (!in.valid_to.empty()) m.valid_to = DANVAN_TRY(Date::Parse(in.valid_to, "valid_to"));
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Membership>(TxMode::kWrite, [&](Tx& tx) -> Result<Membership> {
    auto p = repos_.people->Find(tx, person_id);
    if (!p || !Has(tx, caller, Permission::kViewUnitPrivate, p->unit_id)) return PersonNotFound();
    auto o = repos_.organisations->Find(tx, m.organisation_id);
    if (!o) return OrganisationNotFound(m.organisation_id).WithDetail("field", "organisation_id");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, o->unit_id));
    DANVAN_TRY(ValidateMembership(m, *o));
    m.id = repos_.people->InsertMembership(tx, m, now);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(o->unit_id), "membership", std::to_string(m.id), "create",
                             std::nullopt,
                             boost::json::serialize(boost::json::object{{"person_id", person_id},
                                                                        {"organisation_id", o->id},
                                                                        {"title", m.title},
                                                                        {"valid_from", m.valid_from.Iso()}})});
    return m;
  });
}

Result<Membership> CommunityService::EndMembership(const Caller& caller, int64_t membership_id, const std::string& date) {
  const Date to = DANVAN_TRY(Date::Parse(date, "valid_to"));
  return db_.Run<Membership>(TxMode::kWrite, [&](Tx& tx) -> Result<Membership> {
    auto m = repos_.people->FindMembership(tx, membership_id);
    auto o = m ? repos_.organisations->Find(tx, m->organisation_id) : std::nullopt;
    if (!m || !o || !Has(tx, caller, Permission::kViewUnitPrivate, o->unit_id))
      return MakeError(ErrorKind::kNotFound, "membership_not_found", "Không tìm thấy thông tin thành viên.",
                       "No such membership.");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, o->unit_id));
    if (m->valid_to)
      return MakeError(ErrorKind::kInvalidTransition, "membership_ended", "Người này đã thôi giữ chức danh đó.",
                       "This membership has already ended.");
    if (to <= m->valid_from)
      return MakeError(ErrorKind::kInvalidInput, "invalid_period", "Ngày kết thúc phải sau ngày bắt đầu.",
                       "valid_to must come after valid_from.")
          .WithDetail("field", "valid_to");
    repos_.people->EndMembership(tx, membership_id, to);
    m->valid_to = to;
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(o->unit_id), "membership", std::to_string(m->id), "end",
                             std::nullopt,
                             boost::json::serialize(boost::json::object{{"valid_to", to.Iso()}})});
    return *m;
  });
}

namespace {

// ---- what the two imports share: reading the file, its header, its cells

//! A column of an import: its key (the English header, what issues name) and the headings that mean it, folded.
struct ImportColumn {
  std::string key;
  std::vector<std::string> headings;
};

//! Headings that number the rows ("STT", số thứ tự): every office sheet has one; its cells are not read.
bool IsRowNumberHeading(const std::string& folded) {
  return folded == "stt" || folded == "tt" || folded == "so tt" || folded == "so thu tu";
}

//! The file's rows, header first, and where each column is; issues on the header row when a heading is unknown,
//! given twice or a required column is missing (then the caller stops there).
struct ImportSheet {
  std::vector<CsvRow> rows;
  std::map<std::string, size_t> at;
};

//! Office sheets often open with a title above the table ("ỦY BAN NHÂN DÂN PHƯỜNG …", "DANH SÁCH ĐOÀN VIÊN"): the
//! header is the first of the first kTitleRows + 1 rows that names a required column, when every row above it holds
//! at most kTitleCells cells (a title, the two halves of a state header); otherwise the first row, as in a CSV file.
constexpr size_t kTitleRows = 10;
constexpr size_t kTitleCells = 3;
size_t HeaderRowIndex(const std::vector<CsvRow>& rows, const std::vector<ImportColumn>& columns,
                      const std::vector<std::string>& required) {
  for (size_t r = 0; r < rows.size() && r <= kTitleRows; ++r) {
    size_t filled = 0;
    for (const auto& field : rows[r].fields) {
      const std::string folded = FoldForSearch(Trim(field));
      if (folded.empty()) continue;
      ++filled;
      for (const auto& c : columns)
        if (std::find(required.begin(), required.end(), c.key) != required.end() &&
            std::find(c.headings.begin(), c.headings.end(), folded) != c.headings.end())
          return r;
    }
    if (filled > kTitleCells) return 0;  // a row of data or a header with typos: the first row is the header
  }
  return 0;
}

Result<ImportSheet> ReadImportSheet(const std::string& file, ImportFormat format, const std::vector<ImportColumn>& columns,
                                    const std::vector<std::string>& required, RowImportReport& report) {
  ImportSheet sheet;
  if (format == ImportFormat::kXlsx || documents::LooksLikeZip(file))
    sheet.rows = DANVAN_TRY(documents::ReadXlsx(file));
  else
    sheet.rows = DANVAN_TRY(ParseCsv(file));
  if (sheet.rows.empty())
    return MakeError(ErrorKind::kInvalidInput, "import_empty", "Tệp không có dòng nào.", "The file has no rows.");
  if (const size_t h = HeaderRowIndex(sheet.rows, columns, required); h > 0)
    sheet.rows.erase(sheet.rows.begin(), sheet.rows.begin() + static_cast<std::ptrdiff_t>(h));
  const auto& header = sheet.rows[0];
  // Columns are found by their header, in any order; unknown headers are an error so that typos show.
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = Trim(header.fields[i]);
    const std::string folded = FoldForSearch(name);
    if (name.empty() || IsRowNumberHeading(folded)) continue;
    const ImportColumn* column = nullptr;
    for (const auto& c : columns)
      if (std::find(c.headings.begin(), c.headings.end(), folded) != c.headings.end()) column = &c;
    if (!column) {
      report.issues.push_back({header.line, name, fmt::format("Cột không được hỗ trợ: \"{}\"", name),
                               fmt::format("Unknown column: \"{}\"", name)});
    } else if (sheet.at.count(column->key)) {
      report.issues.push_back({header.line, column->key,
                               fmt::format("Cột \"{}\" trùng với một cột trước đó ({}).", name, column->key),
                               fmt::format("The column \"{}\" repeats an earlier one ({}).", name, column->key)});
    } else {
      sheet.at[column->key] = i;
    }
  }
  for (const auto& key : required)
    if (!sheet.at.count(key))
      report.issues.push_back({header.line, key, fmt::format("Thiếu cột bắt buộc {}.", key),
                               fmt::format("The column {} is required.", key)});
  return sheet;
}

//! The headings a column is known by, folded as FoldForSearch does.
ImportColumn Column(std::string key, std::initializer_list<std::string_view> headings) {
  ImportColumn c{key, {FoldForSearch(key)}};
  for (auto h : headings) c.headings.push_back(FoldForSearch(h));
  return c;
}

//! One data row as the checks read it.
class ImportRow {
 public:
  ImportRow(const CsvRow& row, const std::map<std::string, size_t>& at, RowImportReport& report)
      : row_(row), at_(at), report_(report), issues_before_(report.issues.size()) {}

  std::string Cell(const std::string& col) const {
    auto it = at_.find(col);
    return it == at_.end() || it->second >= row_.fields.size() ? std::string() : Trim(row_.fields[it->second]);
  }
  void Issue(const std::string& col, std::string vi, std::string en) {
    report_.issues.push_back({row_.line, col, std::move(vi), std::move(en)});
  }
  bool Ok() const { return report_.issues.size() == issues_before_; }
  int line() const { return row_.line; }

  //! The same reading rules as a JSON body: a cell is one line of text without control characters (NUL included).
  bool CellsAreText() {
    for (const auto& [col, index] : at_) {
      if (index >= row_.fields.size()) continue;
      if (HasControlCharacter(row_.fields[index]))
        Issue(col,
              fmt::format("Ô ở dòng {}, cột \"{}\" (cột {}) chứa ký tự điều khiển hoặc xuống dòng.", row_.line, col,
                          index + 1),
              fmt::format("The cell on line {}, column \"{}\" (column {}) holds a control character or a line break.",
                          row_.line, col, index + 1));
    }
    return Ok();
  }

 private:
  const CsvRow& row_;
  const std::map<std::string, size_t>& at_;
  RowImportReport& report_;
  size_t issues_before_;
};

//! A date as offices write it: dd/mm/yyyy, d/m/yyyy, with '-' or '.' too, ISO, or a workbook's date (its time of day
//! dropped).
Result<Date> ImportDate(const std::string& text, std::string_view field) {
  std::string t = text;
  if (t.size() > 10 && t[4] == '-' && t[7] == '-' && t[10] == ' ') t.resize(10);
  if (!(t.size() == 10 && t[4] == '-')) {
    std::vector<std::string> parts(1);
    for (char c : t) {
      if (c == '/' || c == '-' || c == '.') parts.emplace_back();
      else parts.back().push_back(c);
    }
    if (parts.size() == 3 && parts[0].size() >= 1 && parts[0].size() <= 2 && parts[1].size() >= 1 &&
        parts[1].size() <= 2 && parts[2].size() == 4)
      t = fmt::format("{:0>2}/{:0>2}/{}", parts[0], parts[1], parts[2]);
    else
      t = text;
  }
  auto d = Date::Parse(t, field);
  if (!d) return Date::Parse(text, field);  // the message quotes the cell as written
  return d;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

//! The unit's organisations by folded name: what a cell naming one is matched against.
std::map<std::string, std::vector<Organisation>> OrganisationsByName(Tx& tx, Repositories& repos, int64_t unit_id) {
  OrganisationQuery q;
  q.unit_id = unit_id;
  q.limit = 100'000;
  std::map<std::string, std::vector<Organisation>> out;
  for (auto& o : repos.organisations->List(tx, q).items) out[FoldForSearch(o.name)].push_back(std::move(o));
  return out;
}

//! An organisation of the unit by id or by name (an active one when ended ones share the name); the problem
//! otherwise, in both languages.
struct OrganisationRef {
  std::optional<Organisation> found;
  std::string vi, en;
};

OrganisationRef FindOrganisation(Tx& tx, Repositories& repos, int64_t unit_id,
                                 const std::map<std::string, std::vector<Organisation>>& by_name, const std::string& cell) {
  if (AllDigits(cell)) {
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), id);
    auto o = ec == std::errc() && ptr == cell.data() + cell.size() ? repos.organisations->Find(tx, id) : std::nullopt;
    if (o && o->unit_id == unit_id) return {o, "", ""};
    return {std::nullopt, fmt::format("Không có tổ chức số {} trong đơn vị này.", cell),
            fmt::format("No organisation {} in this unit.", cell)};
  }
  auto it = by_name.find(FoldForSearch(cell));
  if (it == by_name.end())
    return {std::nullopt, fmt::format("Không có tổ chức tên \"{}\" trong đơn vị này.", cell),
            fmt::format("No organisation named \"{}\" in this unit.", cell)};
  std::vector<const Organisation*> active;
  for (const auto& o : it->second)
    if (!o.valid_to) active.push_back(&o);
  if (it->second.size() == 1) return {it->second[0], "", ""};
  if (active.size() == 1) return {*active[0], "", ""};
  return {std::nullopt,
          fmt::format("Có {} tổ chức tên \"{}\" trong đơn vị này: hãy ghi số (mã) của tổ chức.", it->second.size(), cell),
          fmt::format("{} organisations in this unit are named \"{}\": write the organisation's id.", it->second.size(),
                      cell)};
}

std::string FieldOf(const Error& e, const std::string& fallback) {
  const auto* field = e.details.if_contains("field");
  return field && field->is_string() ? std::string(field->as_string()) : fallback;
}

}  // namespace

Result<RowImportReport> CommunityService::ImportPeople(const Caller& caller, int64_t unit_id, const std::string& file,
                                                    ImportMode mode, ImportFormat format) {
  static const std::vector<ImportColumn> kColumns = {
      Column("full_name", {"Họ và tên", "Họ tên", "Tên", "Họ và tên đệm"}),
      Column("birth_year", {"Năm sinh", "Ngày sinh", "Ngày tháng năm sinh"}),
      Column("gender", {"Giới tính"}),
      Column("phone", {"Điện thoại", "Số điện thoại", "SĐT", "Số ĐT"}),
      Column("email", {"E-mail", "Thư điện tử"}),
      Column("address", {"Địa chỉ", "Nơi ở", "Chỗ ở hiện nay"}),
      Column("organisation_id", {"organisation", "Mã tổ chức", "Tổ chức"}),
      Column("title", {"Chức danh", "Chức vụ"}),
      Column("from", {"Từ ngày", "Ngày bắt đầu"}),
  };
  RowImportReport report;
  report.dry_run = mode == ImportMode::kDryRun;
  auto sheet = DANVAN_TRY(ReadImportSheet(file, format, kColumns, {"full_name"}, report));
  if (!report.issues.empty()) return report;
  const auto& rows = sheet.rows;

  const TimePoint now = clock_.Now();
  const int year = Date::TodayInVietnam(now).year();
  struct Parsed {
    int line;
    Person person;
    std::optional<Membership> membership;
  };
  auto status = db_.Run(mode == ImportMode::kDryRun ? TxMode::kDryRun : TxMode::kWrite, [&](Tx& tx) -> Status {
    if (!repos_.territory->Find(tx, unit_id)) return UnitNotFound(unit_id).WithDetail("field", "unit_id");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, unit_id));
    std::optional<std::map<std::string, std::vector<Organisation>>> by_name;  // read once, when a row names one
    std::vector<Parsed> good;
    for (size_t r = 1; r < rows.size(); ++r) {
      ++report.rows;
      ImportRow row(rows[r], sheet.at, report);
      if (!row.CellsAreText()) continue;
      PersonInput in;
      in.full_name = row.Cell("full_name");
      if (const auto y = row.Cell("birth_year"); !y.empty()) {
        int v = 0;
        auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), v);
        if (ec == std::errc() && ptr == y.data() + y.size()) {
          in.birth_year = v;
        } else if (auto born = ImportDate(y, "birth_year"); born && !AllDigits(y)) {
          in.birth_year = born->year();  // a date of birth: its year
        } else {
          row.Issue("birth_year", fmt::format("Năm sinh phải là số: \"{}\"", y),
                    fmt::format("The birth year must be a number: \"{}\"", y));
        }
      }
      // The codes, or the words a Vietnamese sheet uses.
      in.gender = row.Cell("gender");
      if (const auto g = FoldForSearch(in.gender); g == "nu") in.gender = "female";
      else if (g == "nam") in.gender = "male";
      else if (g == "khac") in.gender = "other";
      in.phone = row.Cell("phone");
      in.email = row.Cell("email");
      in.address = row.Cell("address");
      Parsed parsed{row.line(), {}, std::nullopt};
      if (row.Ok()) {
        auto person = PersonFrom(in, unit_id, year);
        if (!person)
          row.Issue(FieldOf(person.error(), "full_name"), person.error().message_vi, person.error().message_en);
        else
          parsed.person = std::move(person).value();
      }
      if (const auto org = row.Cell("organisation_id"); !org.empty() && row.Ok()) {
        if (!by_name && !AllDigits(org)) by_name = OrganisationsByName(tx, repos_, unit_id);
        static const std::map<std::string, std::vector<Organisation>> kNone;
        auto ref = FindOrganisation(tx, repos_, unit_id, by_name ? *by_name : kNone, org);
        if (!ref.found) {
          row.Issue("organisation_id", ref.vi, ref.en);
        } else {
          Membership m;
          m.organisation_id = ref.found->id;
          m.title = row.Cell("title").empty() ? "Thành viên" : row.Cell("title");
          const auto from_cell = row.Cell("from");
          auto from = from_cell.empty() ? Result<Date>(Date::TodayInVietnam(now)) : ImportDate(from_cell, "from");
          if (!from) {
            row.Issue("from", from.error().message_vi, from.error().message_en);
          } else {
            m.valid_from = from.value();
            if (auto valid = ValidateMembership(m, *ref.found); !valid)
              row.Issue("title", valid.error().message_vi, valid.error().message_en);
            else
              parsed.membership = m;
          }
        }
      }
      if (row.Ok()) good.push_back(std::move(parsed));
    }
    report.valid_rows = static_cast<int>(good.size());
    for (const auto& g : good) report.names.push_back(g.person.full_name);
    if (mode == ImportMode::kAllOrNothing && !report.issues.empty()) return OkStatus();  // nothing written
    const std::string at_s = FormatUtc(now);
    for (auto& g : good) {
      g.person.created_at = g.person.updated_at = at_s;
      g.person.id = repos_.people->Insert(tx, g.person);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(unit_id), "person", std::to_string(g.person.id), "import",
                               std::nullopt, PersonAuditJson(g.person)});
      if (g.membership) {
        g.membership->person_id = g.person.id;
        g.membership->id = repos_.people->InsertMembership(tx, *g.membership, at_s);
      }
      ++report.written;
    }
    if (mode == ImportMode::kDryRun) report.written = 0;
    return OkStatus();
  });
  if (!status) return std::move(status).error();
  return report;
}

Result<RowImportReport> CommunityService::ImportOrganisations(const Caller& caller, int64_t unit_id,
                                                           const std::string& file, ImportMode mode,
                                                           ImportFormat format) {
  static const std::vector<ImportColumn> kColumns = {
      Column("name", {"Tên", "Tên tổ chức"}),
      Column("kind", {"Loại", "Loại tổ chức"}),
      Column("parent", {"parent_id", "Tổ chức cấp trên", "Cấp trên", "Trực thuộc"}),
      Column("valid_from", {"Từ ngày", "Ngày thành lập", "Ngày bắt đầu", "Hiệu lực từ"}),
  };
  RowImportReport report;
  report.dry_run = mode == ImportMode::kDryRun;
  auto sheet = DANVAN_TRY(ReadImportSheet(file, format, kColumns, {"name", "kind", "valid_from"}, report));
  if (!report.issues.empty()) return report;
  const auto& rows = sheet.rows;
  const std::string now = FormatUtc(clock_.Now());
  struct Parsed {
    Organisation organisation;
    std::optional<size_t> parent_row;  //!< an earlier good row of the file, by its index in `good`
  };
  auto status = db_.Run(mode == ImportMode::kDryRun ? TxMode::kDryRun : TxMode::kWrite, [&](Tx& tx) -> Status {
    if (!repos_.territory->Find(tx, unit_id)) return UnitNotFound(unit_id).WithDetail("field", "unit_id");
    DANVAN_TRY(Require(tx, caller, Permission::kManageOrganisations, unit_id));
    const auto kinds = repos_.organisations->Kinds(tx);
    const auto existing = OrganisationsByName(tx, repos_, unit_id);
    std::vector<Parsed> good;
    // The file's rows by folded name: a later row's parent may be one of them (-1: a row with problems).
    std::map<std::string, std::vector<std::pair<int, std::optional<size_t>>>> in_file;
    for (size_t r = 1; r < rows.size(); ++r) {
      ++report.rows;
      ImportRow row(rows[r], sheet.at, report);
      Organisation o;
      o.unit_id = unit_id;
      o.name = row.Cell("name");
      const std::string folded = FoldForSearch(o.name);
      auto remember = [&](std::optional<size_t> index) {
        if (!folded.empty()) in_file[folded].emplace_back(row.line(), index);
      };
      if (!row.CellsAreText()) {
        remember(std::nullopt);
        continue;
      }
      const auto kind = row.Cell("kind");
      const auto fk = FoldForSearch(kind);
      for (const auto& k : kinds)
        if (k.code == kind || FoldForSearch(k.name_vi) == fk || FoldForSearch(k.name_en) == fk) o.kind = k.code;
      if (o.kind.empty()) {
        std::string known;
        for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + k.name_vi;
        row.Issue("kind",
                  kind.empty() ? std::string("Thiếu loại tổ chức.")
                               : fmt::format("Loại tổ chức \"{}\" không có trong danh mục ({}).", kind, known),
                  kind.empty() ? std::string("The organisation's kind is missing.")
                               : fmt::format("Unknown organisation kind \"{}\".", kind));
      }
      if (auto from = ImportDate(row.Cell("valid_from"), "valid_from"); !from)
        row.Issue("valid_from", from.error().message_vi, from.error().message_en);
      else
        o.valid_from = from.value();
      // The parent: an earlier row of the file first (the file makes it), else the unit's organisation.
      std::optional<Organisation> parent;
      std::optional<size_t> parent_row;
      if (const auto p = row.Cell("parent"); !p.empty()) {
        auto earlier = AllDigits(p) ? in_file.end() : in_file.find(FoldForSearch(p));
        if (earlier != in_file.end()) {
          if (earlier->second.size() > 1)
            row.Issue("parent", fmt::format("Có {} dòng trước tên \"{}\": không biết đâu là tổ chức cấp trên.",
                                            earlier->second.size(), p),
                      fmt::format("{} earlier rows are named \"{}\": which one is the parent is unclear.",
                                  earlier->second.size(), p));
          else if (!earlier->second[0].second)
            row.Issue("parent", fmt::format("Tổ chức cấp trên \"{}\" ở dòng {} có lỗi.", p, earlier->second[0].first),
                      fmt::format("The parent \"{}\" on line {} has problems.", p, earlier->second[0].first));
          else {
            parent_row = earlier->second[0].second;
            parent = good[*parent_row].organisation;
          }
        } else {
          auto ref = FindOrganisation(tx, repos_, unit_id, existing, p);
          if (!ref.found) row.Issue("parent", ref.vi, ref.en);
          else {
            parent = ref.found;
            o.parent_id = ref.found->id;
          }
        }
      }
      if (row.Ok()) {
        if (auto valid = ValidateNewOrganisation(o, parent ? &*parent : nullptr); !valid) {
          const auto field = FieldOf(valid.error(), "name");
          row.Issue(field == "parent_id" ? "parent" : field == "valid_to" ? "valid_from" : field,
                    valid.error().message_vi, valid.error().message_en);
        }
      }
      // The same name under the same parent, still active: most likely the file was imported already.
      if (row.Ok() && !parent_row) {
        if (auto same = existing.find(folded); same != existing.end())
          for (const auto& e : same->second)
            if (!e.valid_to && e.parent_id == o.parent_id) {
              row.Issue("name", fmt::format("Đã có tổ chức \"{}\" (số {}) ở cùng cấp trong đơn vị này.", e.name, e.id),
                        fmt::format("\"{}\" (id {}) already exists under the same parent in this unit.", e.name, e.id));
              break;
            }
      }
      if (row.Ok()) {
        remember(good.size());
        good.push_back({std::move(o), parent_row});
      } else {
        remember(std::nullopt);
      }
    }
    report.valid_rows = static_cast<int>(good.size());
    for (const auto& g : good) report.names.push_back(g.organisation.name);
    if (mode == ImportMode::kAllOrNothing && !report.issues.empty()) return OkStatus();  // nothing written
    for (auto& g : good) {
      if (g.parent_row) g.organisation.parent_id = good[*g.parent_row].organisation.id;  // written before it
      g.organisation.created_at = g.organisation.updated_at = now;
      g.organisation.id = repos_.organisations->Insert(tx, g.organisation);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(unit_id), "organisation", std::to_string(g.organisation.id),
                               "import", std::nullopt, OrganisationJson(g.organisation)});
      ++report.written;
    }
    if (mode == ImportMode::kDryRun) report.written = 0;
    return OkStatus();
  });
  if (!status) return std::move(status).error();
  return report;
}

Result<std::vector<SearchHit>> CommunityService::Search(const std::optional<Caller>& caller, const std::string& text,
                                                        int limit) {
  const std::string q = FoldForSearch(text);
  if (q.size() < 2)
    return MakeError(ErrorKind::kInvalidInput, "query_too_short", "Hãy nhập ít nhất 2 ký tự để tìm.",
                     "Type at least 2 characters to search.")
        .WithDetail("parameter", "q");
  return db_.Run<std::vector<SearchHit>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<SearchHit>> {
    std::vector<SearchHit> hits;
    UnitQuery uq;
    uq.folded_text = q;
    uq.limit = limit;
    for (const auto& u : repos_.territory->List(tx, uq).items)
      hits.push_back({"unit", u.id, u.name,
                      u.valid_from.Vietnamese() + (u.valid_to ? " – " + u.valid_to->Vietnamese() : ""),
                      RankOf(FoldForSearch(u.name), q)});
    OrganisationQuery oq;
    oq.folded_text = q;
    oq.limit = limit;
    auto orgs = repos_.organisations->List(tx, oq).items;
    // People: in each unit the caller holds a grant on (the whole country for a system admin).
    std::vector<Person> people;
    if (caller) {
      std::set<int64_t> roots;
      if (caller->principal.IsSystemAdmin()) {
        UnitQuery top;
        top.roots_only = true;
        top.limit = 200;
        for (const auto& u : repos_.territory->List(tx, top).items) roots.insert(u.id);
      } else {
        for (const auto& g : caller->principal.grants)
          if (g.unit_id) roots.insert(*g.unit_id);
      }
      std::set<int64_t> found;  // grants on nested units find a person twice
      for (auto root : roots) {
        PersonQuery pq;
        pq.unit_id = root;
        pq.folded_text = q;
        pq.limit = limit;
        for (auto& p : repos_.people->List(tx, pq).items)
          if (found.insert(p.id).second) people.push_back(std::move(p));
      }
    }
    // Subtitles: an organisation's unit; a person's current titles and unit, never personal data (whoever finds a
    // person may see their memberships). Three queries for every hit together.
    std::vector<int64_t> person_ids, unit_ids, member_org_ids;
    for (const auto& p : people) {
      person_ids.push_back(p.id);
      unit_ids.push_back(p.unit_id);
    }
    for (const auto& o : orgs) unit_ids.push_back(o.unit_id);
    const Date today = Date::TodayInVietnam(clock_.Now());
    std::vector<Membership> current;
    for (auto& m : repos_.people->MembershipsOf(tx, person_ids))
      if (m.valid_from <= today && (!m.valid_to || today < *m.valid_to)) {
        member_org_ids.push_back(m.organisation_id);
        current.push_back(std::move(m));
      }
    std::map<int64_t, std::string> unit_names, org_names;
    for (const auto& u : repos_.territory->FindMany(tx, unit_ids)) unit_names[u.id] = u.name;
    for (const auto& o : repos_.organisations->FindMany(tx, member_org_ids)) org_names[o.id] = o.name;
    for (const auto& o : orgs) hits.push_back({"organisation", o.id, o.name, unit_names[o.unit_id], RankOf(FoldForSearch(o.name), q)});
    for (const auto& p : people) {
      std::string roles;
      for (const auto& m : current)
        if (m.person_id == p.id) roles += (roles.empty() ? "" : "; ") + m.title + ", " + org_names[m.organisation_id];
      const std::string& unit = unit_names[p.unit_id];
      hits.push_back({"person", p.id, p.full_name, roles.empty() ? unit : roles + " · " + unit,
                      RankOf(FoldForSearch(p.full_name), q)});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.rank < b.rank; });
    if (static_cast<int>(hits.size()) > limit) hits.resize(static_cast<size_t>(limit));
    return hits;
  });
}

}  // namespace danvan
