#pragma once
//! Organisations and people of a unit: the tree of organisations, what became of them, people and their
//! memberships, the imports of people and organisations (CSV, TSV, XLSX), and the one search box over units,
//! organisations and people.

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <functional>

namespace danvan {

struct NewOrganisation {
  int64_t unit_id = 0;
  std::optional<int64_t> parent_id;
  std::string kind;
  std::string name;
  std::string valid_from;  //!< dd/mm/yyyy or yyyy-mm-dd
};

//! Closing an organisation, moving it to another unit (a merger), or merging it into another.
struct OrganisationEnd {
  std::string status;  //!< closed | moved | merged
  std::string date;
  std::optional<int64_t> to_unit_id;    //!< moved: the unit it moves to (a new record is made there)
  std::optional<int64_t> successor_id;  //!< merged: the organisation it merges into
  std::optional<int64_t> to_parent_id;  //!< moved: the new record's parent, in the unit it moves to
};

struct OrganisationDetail {
  Organisation organisation;
  std::vector<Organisation> ancestors;      //!< parent first
  std::optional<Organisation> successor;    //!< what it became
  std::vector<Membership> members;          //!< only for callers who may see the unit's private data
  std::vector<Person> people;               //!< the members' names (no personal data)
  bool members_visible = false;
};

struct PersonInput {
  std::string full_name;
  std::optional<int> birth_year;
  std::string gender;  //!< female | male | other | empty
  std::string phone, email, address;
};

//! A partial change of a person (JSON merge patch, RFC 7396): an absent field stays as it is, a cleared one
//! ("" here, null in JSON) is emptied.
struct PersonPatch {
  std::optional<std::string> full_name;
  std::optional<std::optional<int>> birth_year;
  std::optional<std::string> gender, phone, email, address;
};

struct PersonView {
  Person person;  //!< personal fields emptied unless personal_data_visible
  std::vector<Membership> memberships;
  std::vector<Organisation> organisations;  //!< those the memberships name
  bool personal_data_visible = false;
};

struct NewMembership {
  int64_t organisation_id = 0;
  std::string title;
  std::string valid_from;
  std::string valid_to;
};

//! One row's problem in an import: where and why, in both languages.
struct ImportIssue {
  int line = 0;
  std::string column;
  std::string message_vi;
  std::string message_en;
};

//! What an import found and did; the same for people and organisations.
struct RowImportReport {
  bool dry_run = true;
  int rows = 0;
  int valid_rows = 0;
  int written = 0;
  std::vector<ImportIssue> issues;
  std::vector<std::string> names;  //!< the valid rows' names, in the file's order (written unless dry run or refused)
};
using PeopleImportReport = RowImportReport;

enum class ImportMode { kDryRun, kAllOrNothing, kSkipBadRows };

//! The file of an import: CSV/TSV text or an .xlsx workbook (its first sheet). The request's media type decides;
//! bytes that are a zip are read as a workbook whatever they were called (the command line has only a file name).
enum class ImportFormat { kCsv, kXlsx };

struct SearchHit {
  std::string type;  //!< unit | organisation | person
  int64_t id = 0;
  std::string title;
  std::string subtitle;
  int rank = 0;  //!< lower is better: 0 exact, 1 prefix, 2 word start, 3 anywhere
};

class CommunityService {
 public:
  CommunityService(Database& db, Repositories& repos, AuditLog& audit, const Clock& clock)
      : db_(db), repos_(repos), audit_(audit), clock_(clock) {}

  Result<std::vector<OrganisationKind>> Kinds();
  Result<Organisation> CreateOrganisation(const Caller& caller, const NewOrganisation& input);
  //! Public: organisations are public bodies; members only for those who may see them.
  Result<OrganisationDetail> GetOrganisation(const std::optional<Caller>& caller, int64_t id);
  Result<Page<Organisation>> ListOrganisations(const OrganisationQuery& query);
  //! Every organisation the query matches (its limit and offset aside), as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportOrganisations(OrganisationQuery query);
  //! Refused while a child organisation is still active then (each child's fate is a staff decision); the open
  //! memberships end on the same day, and on a move continue in the new record. One transaction, all audited.
  Result<Organisation> EndOrganisation(const Caller& caller, int64_t id, const OrganisationEnd& end);

  Result<PersonView> CreatePerson(const Caller& caller, int64_t unit_id, const PersonInput& input, bool is_demo = false);
  //! Replaces every field.
  //! Replaces the person's fields. `unit_id`, when given, must be the person's unit (a person does not move
  //! between units by an edit): otherwise person_unit_differs.
  Result<PersonView> UpdatePerson(const Caller& caller, int64_t id, const PersonInput& input,
                                  std::optional<int64_t> unit_id = std::nullopt);
  //! Changes only the fields the patch names.
  Result<PersonView> PatchPerson(const Caller& caller, int64_t id, const PersonPatch& patch);
  Result<PersonView> GetPerson(const Caller& caller, int64_t id);
  Result<Page<PersonView>> ListPeople(const Caller& caller, const PersonQuery& query);
  //! Every person the query matches, as a spreadsheet; personal data only as ListPeople shows it.
  Result<ExportFile> ExportPeople(const Caller& caller, PersonQuery query);
  Result<Membership> AddMembership(const Caller& caller, int64_t person_id, const NewMembership& input);
  Result<Membership> EndMembership(const Caller& caller, int64_t membership_id, const std::string& date);

  //! A header row, then a person a row: full_name, birth_year, gender, phone, email, address, organisation_id, title,
  //! from, or the Vietnamese headings offices use ("Họ và tên", "Năm sinh", …; docs/api.md lists them), matched
  //! without regard to case or diacritics. Lines are the file's (a sheet's row numbers). Needs kManageOrganisations.
  Result<RowImportReport> ImportPeople(const Caller& caller, int64_t unit_id, const std::string& file, ImportMode mode,
                                    ImportFormat format = ImportFormat::kCsv);
  //! A header row, then an organisation a row: name, kind (a code or the kind's name), parent (an id or the name of an
  //! organisation of the unit or of an earlier row), valid_from. One transaction; each one audited as created.
  Result<RowImportReport> ImportOrganisations(const Caller& caller, int64_t unit_id, const std::string& file,
                                           ImportMode mode, ImportFormat format = ImportFormat::kCsv);

  //! Units and organisations for everyone; people only within the caller's units.
  Result<std::vector<SearchHit>> Search(const std::optional<Caller>& caller, const std::string& text, int limit);

 private:
  Status Require(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id);
  bool Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id);
  Result<PersonView> View(Tx& tx, const Caller& caller, Person person);
  //! Writes the input made from the stored person: the one path of PUT and PATCH.
  Result<PersonView> ChangePerson(const Caller& caller, int64_t id, std::optional<int64_t> unit_id,
                                  const std::function<PersonInput(const Person&)>& input_of);

  Database& db_;
  Repositories& repos_;
  AuditLog& audit_;
  const Clock& clock_;
};

Error OrganisationNotFound(int64_t id);
Error PersonNotFound();

}  // namespace danvan
