#pragma once
// Reading a workbook back the way a user's office suite does: LibreOffice converts its first sheet to CSV.

#include "core/csv.hpp"
#include "support/command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace danvan::testing {

//! The first sheet's cells as LibreOffice shows them (UTF-8, comma-separated), a row per vector; empty when
//! LibreOffice could not read the file. A private profile, so that parallel runs do not share one.
inline std::vector<std::vector<std::string>> XlsxAsShown(const std::string& bytes) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("danvan-xlsx-test-{}", getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "out");
  const auto file = dir / "book.xlsx";
  std::ofstream(file, std::ios::binary) << bytes;
  RunCommand(fmt::format("libreoffice -env:UserInstallation=file://{}/profile --headless --convert-to "
                         "'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir {}/out {} >/dev/null 2>&1",
                         dir.string(), dir.string(), file.string()));
  std::ifstream in(dir / "out" / "book.csv", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  std::vector<std::vector<std::string>> cells;
  auto rows = ParseCsv(text);
  if (!rows) return cells;
  for (auto& row : *rows) cells.push_back(std::move(row.fields));
  return cells;
}

}  // namespace danvan::testing

namespace danvan::testing {

//! The workbook LibreOffice makes of a CSV (UTF-8, comma-separated, '"' quotes), as an office saves its sheet as
//! .xlsx: what the imports are tested with besides our own writer. Empty when LibreOffice failed.
inline std::string XlsxFromCsv(const std::string& csv) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("danvan-csv-xlsx-{}", getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "out");
  const auto file = dir / "sheet.csv";
  std::ofstream(file, std::ios::binary) << csv;
  RunCommand(fmt::format("libreoffice -env:UserInstallation=file://{}/profile --headless --infilter=CSV:44,34,76,1,,1033,false,true "
                         "--convert-to xlsx --outdir {}/out {} >/dev/null 2>&1",
                         dir.string(), dir.string(), file.string()));
  std::ifstream in(dir / "out" / "sheet.xlsx", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  return bytes;
}

}  // namespace danvan::testing
