#include "domain/territory.hpp"
#include "domain/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace danvan {

std::string_view ToString(UnitLevel level) {
  switch (level) {
    case UnitLevel::kProvince: return "province";
    case UnitLevel::kDistrict: return "district";
    case UnitLevel::kCommune: return "commune";
  }
  return "commune";
}

std::optional<UnitLevel> ParseUnitLevel(std::string_view s) {
  if (s == "province") return UnitLevel::kProvince;
  if (s == "district") return UnitLevel::kDistrict;
  if (s == "commune") return UnitLevel::kCommune;
  return std::nullopt;
}

bool KindFitsLevel(std::string_view kind, UnitLevel level) {
  static constexpr std::array<std::string_view, 2> kProvince = {"thanh_pho", "tinh"};
  static constexpr std::array<std::string_view, 4> kDistrict = {"quan", "huyen", "thi_xa", "thanh_pho_thuoc_tinh"};
  static constexpr std::array<std::string_view, 4> kCommune = {"phuong", "xa", "thi_tran", "dac_khu"};
  auto in = [kind](const auto& list) { return std::find(list.begin(), list.end(), kind) != list.end(); };
  switch (level) {
    case UnitLevel::kProvince: return in(kProvince);
    case UnitLevel::kDistrict: return in(kDistrict);
    case UnitLevel::kCommune: return in(kCommune);
  }
  return false;
}

UnitName ReadUnitName(std::string_view name) {
  static constexpr std::array<UnitKindWord, 9> kWords = {{
      {"Phường", "phường", UnitLevel::kCommune},
      {"Xã", "xã", UnitLevel::kCommune},
      {"Thị trấn", "thị trấn", UnitLevel::kCommune},
      {"Đặc khu", "đặc khu", UnitLevel::kCommune},  // since 2025 (kind dac_khu), e.g. Đặc khu Phú Quốc
      {"Quận", "quận", UnitLevel::kDistrict},
      {"Huyện", "huyện", UnitLevel::kDistrict},
      {"Thị xã", "thị xã", UnitLevel::kDistrict},
      {"Thành phố", "thành phố", UnitLevel::kProvince},
      {"Tỉnh", "tỉnh", UnitLevel::kProvince},
  }};
  for (const auto& k : kWords)
    for (std::string_view word : {k.word, k.in_sentence})
      if (name.size() > word.size() && name.starts_with(word) && name[word.size()] == ' ')
        return UnitName{k, name.substr(word.size() + 1)};
  return UnitName{std::nullopt, name};
}

std::string UnitName::InSentence() const {
  if (!kind) return std::string(proper);
  return std::string(kind->in_sentence) + " " + std::string(proper);
}

std::string_view ToString(Share share) { return share == Share::kWhole ? "whole" : "part"; }

std::optional<Share> ParseShare(std::string_view s) {
  if (s == "whole") return Share::kWhole;
  if (s == "part") return Share::kPart;
  return std::nullopt;
}

Status ValidateNewUnit(const AdminUnit& u, const AdminUnit* parent) {
  if (u.name.empty() || CountChars(u.name) > 200)
    return InvalidField("invalid_unit_name", "Tên đơn vị phải có từ 1 đến 200 ký tự.",
                   "A unit's name must have 1 to 200 characters.", "name");
  const bool code_ok = !u.code.empty() && u.code.size() <= 32 &&
                       std::all_of(u.code.begin(), u.code.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                       });
  if (!code_ok)
    return InvalidField("invalid_unit_code", "Mã đơn vị chỉ gồm chữ, số, '-', '_' hoặc '.', tối đa 32 ký tự.",
                   "A unit's code has letters, digits, '-', '_' or '.', at most 32 characters.", "code");
  if (!KindFitsLevel(u.kind, u.level))
    return InvalidField("invalid_unit_kind",
                   fmt::format("Loại đơn vị \"{}\" không thuộc cấp \"{}\".", u.kind, ToString(u.level)),
                   fmt::format("The kind \"{}\" does not belong to the level \"{}\".", u.kind, ToString(u.level)),
                   "kind");
  if (u.valid_to && *u.valid_to <= u.valid_from)
    return InvalidField("invalid_period", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
                   "valid_to must come after valid_from.", "valid_to");
  if (u.level == UnitLevel::kProvince && parent)
    return InvalidField("invalid_parent", "Tỉnh/thành phố không có đơn vị cấp trên.", "A province has no parent unit.",
                   "parent_id");
  if (u.level != UnitLevel::kProvince) {
    if (!parent)
      return InvalidField("invalid_parent", "Đơn vị cấp dưới phải có đơn vị cấp trên.",
                     "A district or commune needs a parent unit.", "parent_id");
    if (static_cast<int>(parent->level) >= static_cast<int>(u.level))
      return InvalidField("invalid_parent", "Đơn vị cấp trên phải ở cấp cao hơn.",
                     "The parent must be at a higher level.", "parent_id");
    if (!parent->ValidOn(u.valid_from))
      return InvalidField("invalid_parent",
                     fmt::format("Đơn vị cấp trên \"{}\" không còn hiệu lực vào ngày {}.", parent->name,
                                 u.valid_from.Vietnamese()),
                     fmt::format("The parent \"{}\" is not valid on {}.", parent->name, u.valid_from.Vietnamese()),
                     "parent_id");
  }
  return OkStatus();
}

Status ValidateSuccession(const Succession& s, const AdminUnit& from, const AdminUnit& to) {
  if (s.from_unit_id == s.to_unit_id)
    return InvalidField("invalid_succession", "Một đơn vị không thể kế thừa chính nó.", "A unit cannot succeed itself.",
                   "to_unit_id");
  if (s.legal_basis.empty() || CountChars(s.legal_basis) > 300)
    return InvalidField("invalid_legal_basis", "Cần ghi căn cứ pháp lý (tối đa 300 ký tự).",
                   "The legal basis is required (at most 300 characters).", "legal_basis");
  if (!to.ValidOn(s.effective_date))
    return InvalidField("invalid_succession",
                   fmt::format("\"{}\" chưa có hiệu lực vào ngày {}.", to.name, s.effective_date.Vietnamese()),
                   fmt::format("\"{}\" is not valid on {}.", to.name, s.effective_date.Vietnamese()), "to_unit_id");
  if (from.valid_from >= s.effective_date)
    return InvalidField("invalid_succession",
                   fmt::format("\"{}\" chưa tồn tại trước ngày {}.", from.name, s.effective_date.Vietnamese()),
                   fmt::format("\"{}\" did not exist before {}.", from.name, s.effective_date.Vietnamese()),
                   "from_unit_id");
  return OkStatus();
}

RolledUp RollUp(int64_t unit_id, const std::vector<Succession>& successions, const Date& as_of) {
  RolledUp out{unit_id, {}};
  // Successions cannot form a cycle in time (each goes forward to a unit valid on its date), but a bad import
  // could: 16 steps are far more than Vietnam's reorganisations ever chained.
  for (int step = 0; step < 16; ++step) {
    std::vector<const Succession*> next;
    for (const auto& s : successions)
      if (s.from_unit_id == out.unit_id && s.effective_date <= as_of) next.push_back(&s);
    if (next.empty()) return out;
    if (next.size() > 1) {
      for (const auto* s : next) out.split_into.push_back(s->to_unit_id);
      return out;
    }
    out.unit_id = next.front()->to_unit_id;
  }
  return out;
}

}  // namespace danvan
