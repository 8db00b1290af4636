#pragma once
// Running a shell command from a test and reading what it prints.

#include <cstdio>
#include <string>

namespace danvan::testing {

//! The command's standard output, whole; empty when it could not be started.
inline std::string RunCommand(const std::string& cmd) {
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

}  // namespace danvan::testing
