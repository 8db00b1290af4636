#include "domain/organisation.hpp"
#include "domain/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace danvan {

std::string_view ToString(OrganisationStatus s) {
  switch (s) {
    case OrganisationStatus::kActive: return "active";
    case OrganisationStatus::kClosed: return "closed";
    case OrganisationStatus::kMoved: return "moved";
    case OrganisationStatus::kMerged: return "merged";
  }
  return "active";
}

std::optional<OrganisationStatus> ParseOrganisationStatus(std::string_view s) {
  for (auto v : {OrganisationStatus::kActive, OrganisationStatus::kClosed, OrganisationStatus::kMoved,
                 OrganisationStatus::kMerged})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

std::string_view ToString(Gender g) {
  switch (g) {
    case Gender::kFemale: return "female";
    case Gender::kMale: return "male";
    case Gender::kOther: return "other";
  }
  return "other";
}

std::optional<Gender> ParseGender(std::string_view s) {
  for (auto v : {Gender::kFemale, Gender::kMale, Gender::kOther})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

namespace {

// Why an organisation is not active on a day: it has not started yet, or it has ended. `what_vi`/`what_en` name it
// ("Tổ chức cấp trên" / "The parent").
std::pair<std::string, std::string> NotActiveOn(const Organisation& o, const Date& d, std::string_view what_vi,
                                                std::string_view what_en) {
  if (d < o.valid_from)
    return {fmt::format("{} \"{}\" chưa bắt đầu hoạt động vào ngày {} (bắt đầu từ ngày {}).", what_vi, o.name,
                        d.Vietnamese(), o.valid_from.Vietnamese()),
            fmt::format("{} \"{}\" has not started yet on {} (it starts on {}).", what_en, o.name, d.Vietnamese(),
                        o.valid_from.Vietnamese())};
  const std::string ended = o.valid_to ? o.valid_to->Vietnamese() : d.Vietnamese();
  return {fmt::format("{} \"{}\" không còn hoạt động vào ngày {} (đã ngừng hoạt động từ ngày {}).", what_vi, o.name,
                      d.Vietnamese(), ended),
          fmt::format("{} \"{}\" is no longer active on {} (it ended on {}).", what_en, o.name, d.Vietnamese(), ended)};
}

}  // namespace

Status ValidateNewOrganisation(const Organisation& o, const Organisation* parent) {
  if (o.name.empty() || CountChars(o.name) > 200)
    return InvalidField("invalid_organisation_name", "Tên tổ chức phải có từ 1 đến 200 ký tự.",
                   "An organisation's name must have 1 to 200 characters.", "name");
  if (o.valid_to && *o.valid_to <= o.valid_from)
    return InvalidField("invalid_period", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
                   "valid_to must come after valid_from.", "valid_to");
  if (parent) {
    if (parent->unit_id != o.unit_id)
      return InvalidField("invalid_parent", "Tổ chức cấp trên phải thuộc cùng đơn vị hành chính.",
                     "The parent organisation must belong to the same unit.", "parent_id");
    if (!parent->ValidOn(o.valid_from)) {
      auto [vi, en] = NotActiveOn(*parent, o.valid_from, "Tổ chức cấp trên", "The parent");
      return InvalidField("invalid_parent", std::move(vi), std::move(en), "parent_id");
    }
  }
  return OkStatus();
}

Status ValidateOrganisationEnd(const Organisation& o, OrganisationStatus to, const Date& date,
                               const Organisation* successor) {
  if (o.status != OrganisationStatus::kActive || o.valid_to)
    return MakeError(ErrorKind::kInvalidTransition, "organisation_not_active",
                     fmt::format("Tổ chức \"{}\" đã ngừng hoạt động.", o.name),
                     fmt::format("The organisation \"{}\" is no longer active.", o.name));
  if (to == OrganisationStatus::kActive)
    return InvalidField("invalid_status", "Trạng thái mới phải là closed, moved hoặc merged.",
                   "The new status must be closed, moved or merged.", "status");
  if (date <= o.valid_from)
    return InvalidField("invalid_date", "Ngày kết thúc phải sau ngày bắt đầu hoạt động.",
                   "The end date must come after the start.", "date");
  if (to == OrganisationStatus::kMerged && !successor)
    return InvalidField("successor_required", "Cần chọn tổ chức được sáp nhập vào.",
                   "A merge needs the organisation it merges into.", "successor_id");
  if (successor && (successor->id == o.id || !successor->ValidOn(date)))
    return InvalidField("invalid_successor", "Tổ chức kế thừa phải khác và đang hoạt động vào ngày đó.",
                   "The successor must be another organisation active on that date.", "successor_id");
  return OkStatus();
}

Status ValidatePerson(const Person& p, int current_year) {
  if (p.full_name.empty() || CountChars(p.full_name) > 200)
    return InvalidField("invalid_person_name", "Họ tên phải có từ 1 đến 200 ký tự.",
                   "A person's name must have 1 to 200 characters.", "full_name");
  if (p.birth_year && (*p.birth_year < 1900 || *p.birth_year > current_year))
    return InvalidField("invalid_birth_year", fmt::format("Năm sinh phải từ 1900 đến {}.", current_year),
                   fmt::format("The birth year must be between 1900 and {}.", current_year), "birth_year");
  if (p.phone) {
    const auto& ph = *p.phone;
    const bool ok = ph.size() >= 8 && ph.size() <= 20 && std::all_of(ph.begin(), ph.end(), [](char c) {
                      return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '.' || c == '-';
                    });
    if (!ok)
      return InvalidField("invalid_phone", "Số điện thoại không hợp lệ.", "The phone number is not valid.", "phone");
  }
  if (p.email) {
    const auto& e = *p.email;
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || e.find('.', at) == std::string::npos || e.size() > 254 ||
        e.find(' ') != std::string::npos)
      return InvalidField("invalid_email", "Địa chỉ email không hợp lệ.", "The email address is not valid.", "email");
  }
  if (p.address && CountChars(*p.address) > 300)
    return InvalidField("invalid_address", "Địa chỉ dài quá 300 ký tự.", "The address is longer than 300 characters.",
                   "address");
  return OkStatus();
}

Status ValidateMembership(const Membership& m, const Organisation& org) {
  if (m.title.empty() || CountChars(m.title) > 100)
    return InvalidField("invalid_title", "Chức danh phải có từ 1 đến 100 ký tự.", "A title must have 1 to 100 characters.",
                   "title");
  if (m.valid_to && *m.valid_to <= m.valid_from)
    return InvalidField("invalid_period", "Ngày kết thúc phải sau ngày bắt đầu.", "valid_to must come after valid_from.",
                   "valid_to");
  if (!org.ValidOn(m.valid_from)) {
    auto [vi, en] = NotActiveOn(org, m.valid_from, "Tổ chức", "The organisation");
    return InvalidField("organisation_not_active", std::move(vi), std::move(en), "organisation_id");
  }
  return OkStatus();
}

}  // namespace danvan
