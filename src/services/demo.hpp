#pragma once
//! The demo ward: the Lý Thái Tổ story of 2022 (reference/ly-thai-to-2022.txt) and the 2025 merger into
//! phường Hoàn Kiếm, loaded through the services like any other data, so it is audited and valid.

#include "core/error.hpp"
#include "services/services.hpp"

namespace danvan {

//! The password of every demo login; demo databases are for trying danvan out, never for real work.
inline constexpr const char* kDemoPassword = "danvan-demo-2022";

struct DemoLogin {
  std::string username;
  std::string role_vi;
  std::string role_en;
};

//! The demo logins, one per role.
const std::vector<DemoLogin>& DemoLogins();

//! Loads the demo. Refuses a database that already has users, unless it is the demo already (then ok, false).
Result<bool> SeedDemo(Services& services);

//! True when the database holds the demo logins.
Result<bool> HasDemo(Services& services);

}  // namespace danvan
