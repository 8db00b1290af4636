#pragma once
//! Logging through spdlog: one line per event, key=value fields, to stderr.

#include <string>

namespace danvan {

//! Sets the default logger's level and pattern; call once at start-up.
void SetUpLogging(const std::string& level);

}  // namespace danvan
