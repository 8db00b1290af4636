#pragma once
// Reading generated PDFs the way a person would: poppler-utils' pdftotext (layout kept), pdffonts and pdfinfo.

#include "support/command.hpp"
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace danvan::testing {

//! A PDF written to a temporary file for the poppler tools; removed when it goes out of scope.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("danvan-test-" + std::to_string(rd()) + ".pdf");
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() { std::filesystem::remove(path_); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  //! `pdftotext -layout`, of pages first…last (0: from the start / to the end).
  std::string Text(int first = 0, int last = 0) const {
    std::string cmd = "pdftotext -layout -enc UTF-8";
    if (first) cmd += " -f " + std::to_string(first);
    if (last) cmd += " -l " + std::to_string(last);
    return Run(cmd + " '" + path_.string() + "' -");
  }
  //! `pdffonts`: one line per font with its name, type, embedded and subset flags.
  std::string Fonts() const { return Run("pdffonts '" + path_.string() + "'"); }
  //! The value of one `pdfinfo` field ("Pages", "Page size", "Title").
  std::string Info(const std::string& field) const {
    const std::string info = Run("pdfinfo '" + path_.string() + "'");
    const auto at = info.find(field + ":");
    if (at == std::string::npos) return "";
    auto start = info.find_first_not_of(' ', at + field.size() + 1);
    return info.substr(start, info.find('\n', start) - start);
  }
  int Pages() const { return std::atoi(Info("Pages").c_str()); }

 private:
  static std::string Run(const std::string& cmd) { return RunCommand(cmd); }

  std::filesystem::path path_;
};

//! Every part appears in `text`, each after the one before. Whitespace is ignored on both sides: pdftotext's
//! layout mode wraps and pads as the page does, and the tests are about words and their order.
inline ::testing::AssertionResult InOrder(const std::string& text, const std::vector<std::string>& parts) {
  auto squeeze = [](const std::string& s) {
    std::string out;
    for (char c : s)
      if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out.push_back(c);
    return out;
  };
  const std::string flat = squeeze(text);
  size_t at = 0;
  for (const auto& part : parts) {
    const std::string needle = squeeze(part);
    const auto found = flat.find(needle, at);
    if (found == std::string::npos) {
      const bool anywhere = flat.find(needle) != std::string::npos;
      return ::testing::AssertionFailure() << "\"" << part << "\" " << (anywhere ? "is out of order" : "is missing")
                                           << " in:\n" << text;
    }
    at = found + needle.size();
  }
  return ::testing::AssertionSuccess();
}

//! pdffonts lists Liberation Serif (every style used) as embedded; and no font that is not embedded.
inline ::testing::AssertionResult EmbedsLiberationSerif(const std::string& fonts) {
  bool found = false;
  std::istringstream lines(fonts);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    if (++n <= 2 || line.empty()) continue;  // the two header lines
    // name type encoding emb sub uni object ID: "emb" is the fourth column from the end but three.
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string w; cols >> w;) c.push_back(w);
    if (c.size() < 7) continue;
    const std::string emb = c[c.size() - 5];
    if (emb != "yes") return ::testing::AssertionFailure() << "a font is not embedded:\n" << fonts;
    if (line.find("LiberationSerif") != std::string::npos) found = true;
  }
  if (!found) return ::testing::AssertionFailure() << "Liberation Serif is not among the fonts:\n" << fonts;
  return ::testing::AssertionSuccess();
}

}  // namespace danvan::testing
