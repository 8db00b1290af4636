#pragma once
//! Operational checks and commands: readiness, backup and restore.

#include "core/error.hpp"
#include "storage/database.hpp"

#include <string>

namespace danvan {

//! Ready when the database answers and every shipped migration is applied unchanged.
Status CheckReady(Database& db);

}  // namespace danvan
