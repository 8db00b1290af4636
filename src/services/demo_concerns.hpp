#pragma once
//! The demo's residents' concerns: the working calendar with the 2022 and 2026 holidays, categories and routing
//! rules of phường Lý Thái Tổ (2022) and phường Hoàn Kiếm (since the 2025 merger), and concerns sent, handled,
//! rated and reopened through the concerns service on their dates (services/demo.cpp loads them last).

#include "core/error.hpp"
#include "services/services.hpp"

#include <map>
#include <string>

namespace danvan {

//! `orgs` are the demo organisations by key (services/demo.cpp): "ubnd" and "mttq" of Lý Thái Tổ are used.
Status SeedConcerns(Services& services, int64_t ly_thai_to, int64_t hoan_kiem,
                    const std::map<std::string, int64_t>& orgs);

}  // namespace danvan
