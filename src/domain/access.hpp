#pragma once
//! Who may do what: roles granted over a unit subtree (or an organisation), and the permission rules.
//! Services ask these questions; handlers never do.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

enum class Role {
  kSystemAdmin,    //!< everything, everywhere
  kUnitAdmin,      //!< cán bộ dân vận: runs the work of a unit and its subtree
  kUnitMember,     //!< speaks for one organisation inside a unit
  kCouncilMember,  //!< scores and votes in councils of the unit
  kSigner,         //!< approves and signs decisions of the unit
  kViewer,         //!< reads everything of the unit, changes nothing
};

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view s);

struct RoleGrant {
  int64_t id = 0;
  Role role = Role::kViewer;
  std::optional<int64_t> unit_id;          //!< the subtree's root; absent only for system admins
  std::optional<int64_t> organisation_id;  //!< for unit members: the organisation they speak for
};

enum class AuthMethod { kSession, kApiToken, kCommandLine };

//! The authenticated caller of a service.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::vector<RoleGrant> grants;
  AuthMethod method = AuthMethod::kSession;
  int64_t credential_id = 0;  //!< the session's or token's id
  std::string csrf_token;     //!< the session's, for the web app to send back; empty for tokens

  //! "user:42" — how the audit log names the actor.
  std::string ActorId() const;
  bool IsSystemAdmin() const;
};

//! What can be done; each maps to the roles allowed to do it.
enum class Permission {
  kManageTerritory,       //!< create units and successions (system admins only: the map is national)
  kManageUsers,           //!< create users and grant roles within one's subtree
  kManageTokens,          //!< issue and revoke API tokens
  kManageOrganisations,   //!< organisations and people of a unit
  kViewPersonalData,      //!< contact details and birth years (Nghị định 13/2023/NĐ-CP)
  kViewUnitPrivate,       //!< anything of a unit that is not public
  kManageMovement,        //!< campaigns, councils, sessions, model lifecycle decisions
  kSignDecisions,         //!< sign commendation decisions and revoke them (leaders: Bí thư, Chủ tịch UBND)
  kManageConcerns,        //!< residents' concerns of a unit: categories, routing, intake, triage, any step of any concern
  kHandleConcerns,        //!< work on concerns: unit admins on any, unit members on those their organisation owns
};

//! True when one of the principal's grants allows `permission` on a unit whose ancestry (the unit
//! itself first, then its parent, … up to the province) is `unit_ancestry`. An empty ancestry asks
//! about the system as a whole.
bool Allows(const Principal& principal, Permission permission, const std::vector<int64_t>& unit_ancestry);

//! The roots of the unit subtrees where the principal's grants allow `permission`, for queries that filter in SQL.
//! A system admin's scope is everything: ask IsSystemAdmin() first.
std::vector<int64_t> ScopeRoots(const Principal& principal, Permission permission);

}  // namespace danvan
