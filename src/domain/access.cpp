#include "domain/access.hpp"

#include <algorithm>

namespace danvan {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kSystemAdmin: return "system_admin";
    case Role::kUnitAdmin: return "unit_admin";
    case Role::kUnitMember: return "unit_member";
    case Role::kCouncilMember: return "council_member";
    case Role::kSigner: return "signer";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view s) {
  for (Role r : {Role::kSystemAdmin, Role::kUnitAdmin, Role::kUnitMember, Role::kCouncilMember, Role::kSigner,
                 Role::kViewer})
    if (ToString(r) == s) return r;
  return std::nullopt;
}

std::string Principal::ActorId() const {
  return method == AuthMethod::kCommandLine ? "cli" : "user:" + std::to_string(user_id);
}

bool Principal::IsSystemAdmin() const {
  return std::any_of(grants.begin(), grants.end(), [](const RoleGrant& g) { return g.role == Role::kSystemAdmin; });
}

namespace {

bool RoleAllows(Role role, Permission p) {
  switch (p) {
    case Permission::kManageTerritory:
      return false;  // system admins only, handled before
    case Permission::kManageUsers:
    case Permission::kManageTokens:
    case Permission::kManageOrganisations:
    case Permission::kViewPersonalData:
    case Permission::kManageMovement:
    case Permission::kManageConcerns:
      return role == Role::kUnitAdmin;
    case Permission::kHandleConcerns:
      return role == Role::kUnitAdmin || role == Role::kUnitMember;
    case Permission::kSignDecisions:
      return role == Role::kSigner;
    case Permission::kViewUnitPrivate:
      return true;  // every role granted on the unit reads its private data
  }
  return false;
}

}  // namespace

bool Allows(const Principal& principal, Permission permission, const std::vector<int64_t>& unit_ancestry) {
  if (principal.IsSystemAdmin()) return true;
  if (unit_ancestry.empty()) return false;
  for (const auto& g : principal.grants) {
    if (!g.unit_id || !RoleAllows(g.role, permission)) continue;
    if (std::find(unit_ancestry.begin(), unit_ancestry.end(), *g.unit_id) != unit_ancestry.end()) return true;
  }
  return false;
}

std::vector<int64_t> ScopeRoots(const Principal& principal, Permission permission) {
  std::vector<int64_t> roots;
  for (const auto& g : principal.grants)
    if (g.unit_id && RoleAllows(g.role, permission)) roots.push_back(*g.unit_id);
  return roots;
}

}  // namespace danvan
