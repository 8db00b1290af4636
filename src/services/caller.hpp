#pragma once
//! Who calls a service, from where: the authenticated principal and the request that carries the call.

#include "domain/access.hpp"
#include "services/audit.hpp"

namespace danvan {

struct Caller {
  Principal principal;
  std::string request_id;
  std::string remote;

  Actor actor() const { return Actor{principal.ActorId(), request_id}; }
};

//! The command line acts as the system administrator of the machine it runs on.
inline Caller CommandLineCaller() {
  Caller c;
  c.principal.username = "cli";
  c.principal.display_name = "Dòng lệnh / command line";
  c.principal.method = AuthMethod::kCommandLine;
  c.principal.grants.push_back(RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt});
  return c;
}

//! The name a record keeps of who made it: the display name, else the username.
inline std::string ActorName(const Caller& c) {
  return c.principal.display_name.empty() ? c.principal.username : c.principal.display_name;
}

Error Forbidden();
Error Unauthenticated();

}  // namespace danvan
