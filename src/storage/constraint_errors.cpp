#include "storage/constraint_errors.hpp"

#include <array>

namespace danvan {
namespace {

struct ConstraintError {
  std::string_view postgres_name;  // named in PostgreSQL's message
  std::string_view sqlite_text;    // SQLite names columns instead: "UNIQUE constraint failed: t.c"
  std::string_view code;
  std::string_view vi;
  std::string_view en;
};

// Later migrations add their constraints here.
constexpr std::array<ConstraintError, 8> kConstraints = {{
    {"admin_units_code_valid_from_key", "admin_units.code, admin_units.valid_from", "unit_code_taken",
     "Đã có đơn vị mang mã này với cùng ngày bắt đầu hiệu lực.",
     "A unit with this code and the same start date already exists."},
    {"users_username_key", "users.username", "username_taken", "Tên đăng nhập này đã có người dùng.",
     "This username is taken."},
    {"unit_successions_pair_key", "unit_successions.from_unit_id, unit_successions.to_unit_id",
     "succession_exists", "Việc sáp nhập giữa hai đơn vị này đã được ghi nhận.",
     "This succession between the two units is already recorded."},
    {"audit_log_chain_seq_key", "audit_log.chain, audit_log.seq", "audit_conflict",
     "Nhật ký kiểm toán đang được ghi đồng thời, vui lòng thử lại.",
     "The audit log was written concurrently; please try again."},
    {"award_types_code_key", "award_types.code", "award_type_code_taken", "Đã có loại khen thưởng mang mã này.",
     "An award type with this code already exists."},
    {"issuers_unit_name_key", "issuers.unit_id, issuers.name", "issuer_name_taken",
     "Đơn vị đã có cơ quan ban hành mang tên này.", "The unit already has an issuer of this name."},
    {"decisions_issuer_number_key", "decisions.issuer_id, decisions.year, decisions.number", "decision_number_taken",
     "Số quyết định này đã được cấp, vui lòng thử lại.", "This decision number is taken; please try again."},
    {"award_claims_pkey", "award_claims.model_id", "achievement_already_rewarded",
     "Mỗi thành tích chỉ được khen thưởng một lần: mô hình này đã được đề nghị hoặc khen thưởng.",
     "One achievement is rewarded once: this model is already proposed or rewarded."},
}};

}  // namespace

std::optional<Error> ErrorForConstraint(std::string_view message) {
  for (const auto& c : kConstraints) {
    if (message.find(c.postgres_name) != std::string_view::npos ||
        message.find(c.sqlite_text) != std::string_view::npos)
      return MakeError(ErrorKind::kConflict, std::string(c.code), std::string(c.vi), std::string(c.en));
  }
  if (message.find("UNIQUE constraint failed") != std::string_view::npos ||
      message.find("duplicate key value") != std::string_view::npos)
    return MakeError(ErrorKind::kConflict, "already_exists", "Bản ghi này đã tồn tại.", "This record already exists.");
  if (message.find("FOREIGN KEY constraint failed") != std::string_view::npos ||
      message.find("violates foreign key constraint") != std::string_view::npos)
    return MakeError(ErrorKind::kConflict, "referenced_record_missing",
                     "Bản ghi được tham chiếu không tồn tại hoặc vẫn đang được sử dụng.",
                     "A referenced record does not exist or is still in use.");
  return std::nullopt;
}

}  // namespace danvan
