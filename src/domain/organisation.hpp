#pragma once
//! Organisations (Đảng ủy, chi bộ, MTTQ, đoàn thể, tổ dân phố, tổ dân vận, …) as a tree inside a unit,
//! people, and their memberships over time.

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace danvan {

//! What has become of an organisation; anything but active ends its validity.
enum class OrganisationStatus { kActive, kClosed, kMoved, kMerged };
std::string_view ToString(OrganisationStatus s);
std::optional<OrganisationStatus> ParseOrganisationStatus(std::string_view s);

struct Organisation {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> parent_id;
  std::string kind;  //!< a code of organisation_kinds
  std::string name;
  Date valid_from;
  std::optional<Date> valid_to;
  OrganisationStatus status = OrganisationStatus::kActive;
  std::optional<int64_t> successor_id;  //!< for moved and merged
  std::string created_at;
  std::string updated_at;

  bool ValidOn(const Date& d) const { return valid_from <= d && (!valid_to || d < *valid_to); }
};

struct OrganisationKind {
  std::string code;
  std::string name_vi;
  std::string name_en;
};

enum class Gender { kFemale, kMale, kOther };
std::string_view ToString(Gender g);
std::optional<Gender> ParseGender(std::string_view s);

struct Person {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string full_name;
  std::optional<int> birth_year;  //!< personal data: shown only to roles that need it
  std::optional<Gender> gender;
  std::optional<std::string> phone;    //!< personal data
  std::optional<std::string> email;    //!< personal data
  std::optional<std::string> address;  //!< personal data
  bool is_demo = false;                //!< made up for the demo: not a real person
  std::string created_at;
  std::string updated_at;
};

struct Membership {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t organisation_id = 0;
  std::string title;  //!< "Bí thư", "Phó Bí thư", "Chủ tịch", "Tổ trưởng", "Thành viên", …
  Date valid_from;
  std::optional<Date> valid_to;
};

//! A new organisation: a name, a kind, a parent in the same unit that is valid when it starts.
Status ValidateNewOrganisation(const Organisation& org, const Organisation* parent);

//! Closing, moving or merging an active organisation on `date`; a successor is needed for move/merge.
Status ValidateOrganisationEnd(const Organisation& org, OrganisationStatus to, const Date& date,
                               const Organisation* successor);

//! A person's name (1–200 characters), a plausible birth year, well-formed contact details.
Status ValidatePerson(const Person& p, int current_year);

Status ValidateMembership(const Membership& m, const Organisation& org);

}  // namespace danvan
