#pragma once
//! Administrative units (tỉnh/thành phố, quận/huyện, phường/xã) with validity periods, and successions
//! that say what became of a unit when units were merged or split (Nghị quyết 1656/NQ-UBTVQH15).

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

//! The tier of a unit. Districts exist only in history since 01/07/2025.
enum class UnitLevel { kProvince, kDistrict, kCommune };

std::string_view ToString(UnitLevel level);
std::optional<UnitLevel> ParseUnitLevel(std::string_view s);

//! Kinds of unit within a level, as reference data in code: the list is fixed by law.
//! province: thanh_pho, tinh; district: quan, huyen, thi_xa, thanh_pho_thuoc_tinh; commune: phuong, xa, thi_tran, dac_khu.
bool KindFitsLevel(std::string_view kind, UnitLevel level);

//! The word a unit's name starts with to say its kind: "Phường" in "Phường Lý Thái Tổ".
struct UnitKindWord {
  std::string_view word;         //!< "Phường": at the start of a name or a title
  std::string_view in_sentence;  //!< "phường": inside a sentence ("Đảng ủy phường Lý Thái Tổ")
  UnitLevel level;               //!< the level of the units it names ("Thành phố": the province; a city in a province is a district)
};

//! A unit's name split into its kind word and its proper name: "Phường Lý Thái Tổ" → "Phường" and "Lý Thái Tổ".
//! `proper` views into the name given, which must outlive it.
struct UnitName {
  std::optional<UnitKindWord> kind;  //!< absent when the name starts with no kind word ("Tổ dân phố số 1")
  std::string_view proper;           //!< the whole name when there is no kind word
  //! "phường Lý Thái Tổ": the name inside a sentence; a name without a kind word as it is.
  std::string InSentence() const;
};

//! A kind word counts when it is followed by a space, written with a capital or not ("Phường …", "phường …").
UnitName ReadUnitName(std::string_view name);

struct AdminUnit {
  int64_t id = 0;
  std::string code;  //!< official code where known
  std::string name;  //!< "Phường Lý Thái Tổ"
  UnitLevel level = UnitLevel::kCommune;
  std::string kind;
  std::optional<int64_t> parent_id;
  Date valid_from;
  std::optional<Date> valid_to;  //!< exclusive; absent while the unit exists
  std::string created_at;
  std::string updated_at;

  bool ValidOn(const Date& d) const { return valid_from <= d && (!valid_to || d < *valid_to); }
};

enum class Share { kWhole, kPart };
std::string_view ToString(Share share);
std::optional<Share> ParseShare(std::string_view s);

struct Succession {
  int64_t id = 0;
  int64_t from_unit_id = 0;
  int64_t to_unit_id = 0;
  Share share = Share::kWhole;
  std::string legal_basis;  //!< "Nghị quyết 1656/NQ-UBTVQH15"
  Date effective_date;
  std::optional<std::string> note;
  std::string created_at;
};

//! Where a record of `unit_id` counts on `as_of` once rolled up through the successions (docs/decisions.md):
//! a unit with exactly one succession in force (whole or part) hands its records on, again and again; a unit
//! with several (split between successors) keeps them, and `split_into` names where its parts went.
struct RolledUp {
  int64_t unit_id = 0;
  std::vector<int64_t> split_into;
};
RolledUp RollUp(int64_t unit_id, const std::vector<Succession>& successions, const Date& as_of);

//! What a new unit must satisfy, given its parent (if any).
Status ValidateNewUnit(const AdminUnit& unit, const AdminUnit* parent);

//! A succession must go from a unit that ends to one that exists on the effective date.
Status ValidateSuccession(const Succession& s, const AdminUnit& from, const AdminUnit& to);

}  // namespace danvan
