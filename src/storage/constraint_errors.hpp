#pragma once
//! Maps a database's constraint violations to the API's errors, one table for both dialects.

#include "core/error.hpp"

#include <optional>
#include <string_view>

namespace danvan {

//! The error for a driver message that names a known constraint, or nullopt.
std::optional<Error> ErrorForConstraint(std::string_view driver_message);

}  // namespace danvan
