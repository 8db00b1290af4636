#pragma once
//! The demo's plan: phường Hoàn Kiếm's 2026 plan of the mass-mobilisation work with targets in the five tasks, and
//! the outreach activities of 2026 that its counted targets come from (services/demo.cpp loads them after the
//! concerns, which the concern targets count).

#include "core/error.hpp"
#include "services/services.hpp"

namespace danvan {

Status SeedPlans(Services& services, int64_t hoan_kiem);

}  // namespace danvan
