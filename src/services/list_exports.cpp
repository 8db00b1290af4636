// The list pages' exports (list_export.hpp): for each list, its columns as the page shows them, in Vietnamese, and
// the service's own list function as the page reader. Nothing else: paging, the row cap and the writing are shared.
#include "services/accounts.hpp"
#include "services/awards.hpp"
#include "services/community.hpp"
#include "services/concerns.hpp"
#include "services/list_export.hpp"
#include "services/movement.hpp"
#include "services/plans.hpp"
#include "services/territory.hpp"

#include <atomic>
#include <map>

namespace danvan {
namespace {

using documents::XlsxCell;
using documents::XlsxKind;

std::atomic<int64_t> row_limit{100'000};

XlsxCell Text(std::string_view s) { return documents::TextCell(s); }
XlsxCell Integer(int64_t n) { return documents::IntegerCell(n); }
XlsxCell Day(const Date& d) { return documents::DateCell(d); }
XlsxCell Day(const std::optional<Date>& d) { return documents::DateCell(d); }
// A unit's or organisation's start: 01/01/1900 stands for "not known" (the web app shows "Không rõ"), an empty cell.
XlsxCell Start(const Date& d) { return d == Date::FromYmd(1900, 1, 1) ? XlsxCell() : Day(d); }
XlsxCell OptText(const std::optional<std::string>& s) { return s ? Text(*s) : XlsxCell(); }

// A code's Vietnamese label, as the web app shows it (web/src/i18n); the code itself when none is known.
std::string Label(const std::map<std::string_view, std::string_view>& labels, std::string_view code) {
  const auto it = labels.find(code);
  return std::string(it == labels.end() ? code : it->second);
}

const std::map<std::string_view, std::string_view> kRoles = {
    {"system_admin", "Quản trị hệ thống"}, {"unit_admin", "Cán bộ dân vận (quản trị đơn vị)"},
    {"unit_member", "Thành viên đơn vị"},  {"council_member", "Thành viên Hội đồng Thi đua – Khen thưởng"},
    {"signer", "Lãnh đạo ký"},             {"viewer", "Người xem"}};
const std::map<std::string_view, std::string_view> kLevels = {
    {"province", "Tỉnh / thành phố"}, {"district", "Quận / huyện"}, {"commune", "Xã / phường"}};
const std::map<std::string_view, std::string_view> kOrganisationStatuses = {
    {"active", "Đang hoạt động"}, {"closed", "Đã giải thể"}, {"moved", "Đã chuyển"}, {"merged", "Đã sáp nhập"}};
const std::map<std::string_view, std::string_view> kGenders = {{"female", "Nữ"}, {"male", "Nam"}, {"other", "Khác"}};
const std::map<std::string_view, std::string_view> kModelStatuses = {
    {"draft", "Bản nháp"},           {"registered", "Đã đăng ký"},
    {"active", "Đang thực hiện"},     {"proposed", "Đề nghị công nhận"},
    {"recognised", "Được công nhận"}, {"not_recognised", "Không được công nhận"},
    {"carried_over", "Chuyển sang năm sau"}, {"stopped", "Đã dừng"}};
const std::map<std::string_view, std::string_view> kModelKinds = {{"model", "Mô hình"}, {"exemplar", "Điển hình"}};
const std::map<std::string_view, std::string_view> kSubjects = {{"collective", "Tập thể"}, {"individual", "Cá nhân"}};
const std::map<std::string_view, std::string_view> kProposalStatuses = {
    {"draft", "Bản nháp"},          {"submitted", "Đã gửi"},           {"in_review", "Đang thẩm định"},
    {"voted", "Đã bỏ phiếu"},       {"awaiting_signature", "Chờ ký"}, {"decided", "Đã có quyết định"},
    {"returned", "Bị trả lại"},     {"revoked", "Đã thu hồi"}};
const std::map<std::string_view, std::string_view> kDecisionStatuses = {{"issued", "Đã ban hành"}, {"revoked", "Đã thu hồi"}};
const std::map<std::string_view, std::string_view> kCertificateStatuses = {{"valid", "Còn hiệu lực"},
                                                                           {"revoked", "Đã thu hồi"}};

const ExportSpec<UserView> kUsers{
    "Người dùng",
    "nguoi-dung",
    {{{"Tên đăng nhập", XlsxKind::kText, 20}, [](const UserView& v) { return Text(v.user.username); }, {}},
     {{"Họ và tên", XlsxKind::kText, 28}, [](const UserView& v) { return Text(v.user.display_name); }, {}},
     {{"Vai trò", XlsxKind::kText, 40},
      [](const UserView& v) {
        std::string roles;
        for (const auto& g : v.grants) {
          if (!roles.empty()) roles += "; ";
          roles += Label(kRoles, ToString(g.role));
        }
        return Text(roles);
      },
      {}},
     {{"Trạng thái", XlsxKind::kText, 16},
      [](const UserView& v) { return Text(v.user.active ? "Đang hoạt động" : "Đã khóa"); }, {}},
     {{"Ngày tạo", XlsxKind::kDate, 12}, [](const UserView& v) { return VietnamDateCell(v.user.created_at); }, {}}}};

const ExportSpec<AdminUnit> kUnits{
    "Đơn vị hành chính",
    "don-vi-hanh-chinh",
    {{{"Mã", XlsxKind::kText, 10}, [](const AdminUnit& u) { return Text(u.code); }, {}},
     {{"Tên đơn vị", XlsxKind::kText, 32}, [](const AdminUnit& u) { return Text(u.name); }, {}},
     {{"Cấp", XlsxKind::kText, 16}, [](const AdminUnit& u) { return Text(Label(kLevels, ToString(u.level))); }, {}},
     {{"Hiệu lực từ ngày", XlsxKind::kDate, 14}, [](const AdminUnit& u) { return Start(u.valid_from); }, {}},
     {{"Hết hiệu lực từ ngày", XlsxKind::kDate, 14}, [](const AdminUnit& u) { return Day(u.valid_to); }, {}}}};

// The kind's name is filled in by ExportOrganisations, from the organisation kinds (kKindColumn).
constexpr std::size_t kKindColumn = 1;
const ExportSpec<Organisation> kOrganisations{
    "Tổ chức",
    "to-chuc",
    {{{"Tên tổ chức", XlsxKind::kText, 40}, [](const Organisation& o) { return Text(o.name); }, {}},
     {{"Loại tổ chức", XlsxKind::kText, 28}, [](const Organisation& o) { return Text(o.kind); }, {}},
     {{"Trạng thái", XlsxKind::kText, 16},
      [](const Organisation& o) { return Text(Label(kOrganisationStatuses, ToString(o.status))); }, {}},
     {{"Hiệu lực từ ngày", XlsxKind::kDate, 14}, [](const Organisation& o) { return Start(o.valid_from); }, {}},
     {{"Hết hiệu lực từ ngày", XlsxKind::kDate, 14}, [](const Organisation& o) { return Day(o.valid_to); }, {}}}};

// Personal data (Nghị định 13/2023/NĐ-CP) only for a caller the list shows it to: otherwise not even the column.
const auto kPersonal = [](const PersonView& v) { return v.personal_data_visible; };
const ExportSpec<PersonView> kPeople{
    "Cá nhân",
    "ca-nhan",
    {{{"Họ và tên", XlsxKind::kText, 28}, [](const PersonView& v) { return Text(v.person.full_name); }, {}},
     {{"Giới tính", XlsxKind::kText, 10},
      [](const PersonView& v) { return v.person.gender ? Text(Label(kGenders, ToString(*v.person.gender))) : XlsxCell(); },
      {}},
     {{"Năm sinh", XlsxKind::kYear, 10},
      [](const PersonView& v) { return v.person.birth_year ? Integer(*v.person.birth_year) : XlsxCell(); }, kPersonal},
     {{"Điện thoại", XlsxKind::kText, 14}, [](const PersonView& v) { return OptText(v.person.phone); }, kPersonal},
     {{"Thư điện tử", XlsxKind::kText, 24}, [](const PersonView& v) { return OptText(v.person.email); }, kPersonal},
     {{"Địa chỉ", XlsxKind::kText, 32}, [](const PersonView& v) { return OptText(v.person.address); }, kPersonal},
     {{"Chức danh", XlsxKind::kText, 48},
      [](const PersonView& v) {
        std::string roles;
        for (const auto& m : v.memberships) {
          std::string org;
          for (const auto& o : v.organisations)
            if (o.id == m.organisation_id) org = o.name;
          if (!roles.empty()) roles += "; ";
          roles += m.title.empty() ? org : fmt::format("{}, {}", m.title, org);
        }
        return Text(roles);
      },
      {}}}};

const ExportSpec<Model> kModels{
    "Mô hình, điển hình",
    "mo-hinh",
    {{{"Tên mô hình, điển hình", XlsxKind::kText, 40}, [](const Model& m) { return Text(m.title); }, {}},
     {{"Loại", XlsxKind::kText, 12}, [](const Model& m) { return Text(Label(kModelKinds, ToString(m.kind))); }, {}},
     {{"Tập thể, cá nhân", XlsxKind::kText, 12}, [](const Model& m) { return Text(Label(kSubjects, ToString(m.subject))); }, {}},
     {{"Lĩnh vực", XlsxKind::kText, 20}, [](const Model& m) { return Text(m.field); }, {}},
     {{"Trạng thái", XlsxKind::kText, 18}, [](const Model& m) { return Text(Label(kModelStatuses, ToString(m.status))); }, {}},
     {{"Cấp công nhận", XlsxKind::kText, 14}, [](const Model& m) { return OptText(m.recognition_level); }, {}},
     {{"Ngày bắt đầu", XlsxKind::kDate, 12}, [](const Model& m) { return Day(m.started_on); }, {}},
     {{"Địa chỉ", XlsxKind::kText, 32}, [](const Model& m) { return Text(m.address); }, {}}}};

// The unit's own activities have no organiser of their own: the column says so, as the page does.
const ExportSpec<ActivityView> kActivities{
    "Hoạt động dân vận",
    "hoat-dong-dan-van",
    {{{"Ngày", XlsxKind::kDate, 12}, [](const ActivityView& a) { return Day(a.activity.held_on); }, {}},
     {{"Loại hoạt động", XlsxKind::kText, 28}, [](const ActivityView& a) { return Text(a.activity.kind_name); }, {}},
     {{"Chủ đề", XlsxKind::kText, 44}, [](const ActivityView& a) { return Text(a.activity.topic); }, {}},
     {{"Địa điểm", XlsxKind::kText, 28}, [](const ActivityView& a) { return Text(a.activity.place); }, {}},
     {{"Đơn vị tổ chức", XlsxKind::kText, 32},
      [](const ActivityView& a) { return Text(a.activity.organisation_name.value_or("Đơn vị")); }, {}},
     {{"Số người dự", XlsxKind::kInteger, 12}, [](const ActivityView& a) { return Integer(a.activity.attendance); }, {}},
     {{"Tệp đính kèm", XlsxKind::kInteger, 12}, [](const ActivityView& a) { return Integer(a.activity.file_count); }, {}},
     {{"Ghi chú", XlsxKind::kText, 32}, [](const ActivityView& a) { return Text(a.activity.notes); }, {}}}};

// The issuer's name is filled in by ExportProposals, from the unit's issuers (kIssuerColumn).
constexpr std::size_t kIssuerColumn = 2;
const ExportSpec<Proposal> kProposals{
    "Đề nghị khen thưởng",
    "de-nghi-khen-thuong",
    {{{"Hồ sơ đề nghị", XlsxKind::kText, 40}, [](const Proposal& p) { return Text(p.title); }, {}},
     {{"Năm", XlsxKind::kYear, 8}, [](const Proposal& p) { return Integer(p.year); }, {}},
     {{"Cấp khen thưởng", XlsxKind::kText, 32}, [](const Proposal&) { return XlsxCell(); }, {}},
     {{"Số đối tượng đề nghị", XlsxKind::kInteger, 12},
      [](const Proposal& p) { return Integer(static_cast<int64_t>(p.nominees.size())); }, {}},
     {{"Trạng thái", XlsxKind::kText, 18},
      [](const Proposal& p) { return Text(Label(kProposalStatuses, ToString(p.status))); }, {}},
     {{"Cập nhật", XlsxKind::kDate, 12}, [](const Proposal& p) { return VietnamDateCell(p.updated_at); }, {}}}};

const ExportSpec<Decision> kDecisions{
    "Quyết định khen thưởng",
    "quyet-dinh-khen-thuong",
    {{{"Số, ký hiệu", XlsxKind::kText, 18}, [](const Decision& d) { return Text(d.symbol); }, {}},
     {{"Ngày quyết định", XlsxKind::kDate, 14}, [](const Decision& d) { return Day(d.decided_on); }, {}},
     {{"Trích yếu", XlsxKind::kText, 48}, [](const Decision& d) { return Text(d.summary); }, {}},
     {{"Số được khen thưởng", XlsxKind::kInteger, 12},
      [](const Decision& d) { return Integer(static_cast<int64_t>(d.beneficiaries.size())); }, {}},
     {{"Tổng tiền thưởng", XlsxKind::kMoney, 18}, [](const Decision& d) { return Integer(d.total_amount()); }, {}},
     {{"Người ký", XlsxKind::kText, 24}, [](const Decision& d) { return Text(d.signer_name); }, {}},
     {{"Trạng thái", XlsxKind::kText, 14},
      [](const Decision& d) { return Text(Label(kDecisionStatuses, ToString(d.status))); }, {}}}};

const ExportSpec<CertificateRow> kCertificates{
    "Giấy khen",
    "giay-khen",
    {{{"Tập thể, cá nhân", XlsxKind::kText, 32}, [](const CertificateRow& r) { return Text(r.beneficiary_name); }, {}},
     {{"Thành tích", XlsxKind::kText, 40}, [](const CertificateRow& r) { return Text(r.achievement); }, {}},
     {{"Hình thức khen thưởng", XlsxKind::kText, 32}, [](const CertificateRow& r) { return Text(r.award_type_name); }, {}},
     {{"Quyết định", XlsxKind::kText, 18}, [](const CertificateRow& r) { return Text(r.decision_symbol); }, {}},
     {{"Ngày quyết định", XlsxKind::kDate, 14}, [](const CertificateRow& r) { return Day(r.decided_on); }, {}},
     {{"Cơ quan ban hành", XlsxKind::kText, 32}, [](const CertificateRow& r) { return Text(r.issuer_name); }, {}},
     {{"Trạng thái", XlsxKind::kText, 14},
      [](const CertificateRow& r) { return Text(Label(kCertificateStatuses, ToString(r.certificate.status))); }, {}},
     {{"Mã tra cứu", XlsxKind::kText, 24}, [](const CertificateRow& r) { return Text(r.certificate.public_id); }, {}}}};

// The queue's due date: to receive, then to resolve (the web queue's `due`).
XlsxCell ConcernDue(const StaffConcern& s) {
  const auto& c = s.concern;
  return c.received_at ? VietnamDateCell(c.resolve_due_at) : VietnamDateCell(c.received_due_at);
}

const ExportSpec<StaffConcern> kConcerns{
    "Phản ánh, kiến nghị",
    "phan-anh-kien-nghi",
    {{{"Mã", XlsxKind::kText, 16}, [](const StaffConcern& s) { return Text(s.concern.code); }, {}},
     {{"Lĩnh vực", XlsxKind::kText, 24}, [](const StaffConcern& s) { return Text(s.category.name); }, {}},
     {{"Địa bàn", XlsxKind::kText, 24}, [](const StaffConcern& s) { return Text(s.unit_name); }, {}},
     {{"Đơn vị xử lý", XlsxKind::kText, 28}, [](const StaffConcern& s) { return OptText(s.organisation_name); }, {}},
     {{"Trạng thái", XlsxKind::kText, 20}, [](const StaffConcern& s) { return Text(PublicStatusOf(s.concern.status).label_vi); }, {}},
     {{"Hạn", XlsxKind::kDate, 12}, ConcernDue, {}},
     {{"Ngày gửi", XlsxKind::kDate, 12}, [](const StaffConcern& s) { return VietnamDateCell(s.concern.created_at); }, {}}}};

Date Today(const Clock& clock) { return Date::TodayInVietnam(clock.Now()); }

}  // namespace

void SetExportRowLimit(int64_t rows) { row_limit = rows; }
int64_t ExportRowLimit() { return row_limit; }

Error ExportTooLarge(int64_t rows, int64_t limit) {
  return MakeError(ErrorKind::kInvalidInput, "export_too_large",
                   fmt::format("Danh sách có từ {} dòng trở lên, vượt giới hạn {} dòng của một lần xuất Excel; hãy "
                               "lọc bớt rồi xuất lại.", rows, limit),
                   fmt::format("The list has {} rows or more, over the {} rows one Excel export may hold; narrow the "
                               "filters and export again.", rows, limit))
      .WithDetail("limit", limit);
}

XlsxCell VietnamDateCell(const std::string& instant) {
  const auto t = ParseInstant(instant);
  return t ? Day(Date::TodayInVietnam(*t)) : XlsxCell();
}
XlsxCell VietnamDateCell(const std::optional<std::string>& instant) {
  return instant ? VietnamDateCell(*instant) : XlsxCell();
}

Result<ExportFile> AccountService::ExportUsers(const Caller& caller) {
  return ExportList<UserView>(kUsers, [&](int64_t limit, int64_t offset) { return ListUsers(caller, limit, offset); },
                              Today(clock_));
}

Result<ExportFile> TerritoryService::ExportUnits(UnitQuery query) {
  return ExportList<AdminUnit>(kUnits, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListUnits(query);
  }, Today(clock_));
}

Result<ExportFile> CommunityService::ExportOrganisations(OrganisationQuery query) {
  std::map<std::string, std::string> kinds;
  for (auto& k : DANVAN_TRY(Kinds())) kinds.emplace(k.code, k.name_vi);
  auto spec = kOrganisations;
  spec.columns[kKindColumn].cell = [kinds = std::move(kinds)](const Organisation& o) {
    const auto it = kinds.find(o.kind);
    return Text(it == kinds.end() ? o.kind : it->second);
  };
  return ExportList<Organisation>(spec, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListOrganisations(query);
  }, Today(clock_));
}

Result<ExportFile> CommunityService::ExportPeople(const Caller& caller, PersonQuery query) {
  return ExportList<PersonView>(kPeople, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListPeople(caller, query);
  }, Today(clock_));
}

Result<ExportFile> MovementService::ExportModels(const Caller& caller, ModelQuery query) {
  return ExportList<Model>(kModels, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListModels(caller, query);
  }, Today(clock_));
}

Result<ExportFile> AwardService::ExportProposals(const Caller& caller, ProposalQuery query) {
  std::map<int64_t, std::string> issuers;
  for (auto& i : DANVAN_TRY(Issuers(query.unit_id))) issuers.emplace(i.id, i.name);
  auto spec = kProposals;
  spec.columns[kIssuerColumn].cell = [issuers = std::move(issuers)](const Proposal& p) {
    const auto it = issuers.find(p.issuer_id);
    return it == issuers.end() ? XlsxCell() : Text(it->second);
  };
  return ExportList<Proposal>(spec, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListProposals(caller, query);
  }, Today(clock_));
}

Result<ExportFile> AwardService::ExportDecisions(const Caller& caller, DecisionQuery query) {
  return ExportList<Decision>(kDecisions, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return ListDecisions(caller, query);
  }, Today(clock_));
}

Result<ExportFile> AwardService::ExportCertificates(const Caller& caller, std::optional<int64_t> decision_id,
                                                    std::optional<int64_t> unit_id) {
  return ExportList<CertificateRow>(kCertificates, [&](int64_t limit, int64_t offset) -> Result<Page<CertificateRow>> {
    Page<CertificateRow> page;
    page.items = DANVAN_TRY(ListCertificates(caller, decision_id, unit_id, limit, offset));
    page.total = -1;  // the list does not count them
    return page;
  }, Today(clock_));
}

Result<ExportFile> ConcernService::ExportQueue(const Caller& caller, StaffConcernQuery query) {
  return ExportList<StaffConcern>(kConcerns, [&](int64_t limit, int64_t offset) {
    query.limit = limit;
    query.offset = offset;
    return List(caller, query);
  }, Today(clock_));
}

Result<ExportFile> PlanService::ExportActivities(const Caller& caller, ActivityQueryInput query) {
  return ExportList<ActivityView>(kActivities, [&](int64_t limit, int64_t offset) {
    query.page_size = limit;
    query.page = offset / limit + 1;  // ExportList reads whole batches of `limit`
    return ListActivities(caller, query);
  }, Today(clock_));
}

}  // namespace danvan
