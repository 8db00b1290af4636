// The document functions for the server: each loads libdanvan_documents.so on first use and calls into it
// (module.hpp says why). Linked instead of danvan_documents, never beside it.
#include "documents/module.hpp"

#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace danvan::documents {
namespace {

std::string ModulePath() {
  if (const char* path = std::getenv("DANVAN_DOCUMENTS_MODULE"); path && *path) return path;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : exe.parent_path()) / "libdanvan_documents.so";
}

const ModuleTable& Module() {
  static const ModuleTable* table = nullptr;
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    const std::string path = ModulePath();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      failure = "cannot load the documents module " + path + ": " + dlerror();
    } else if (auto* entry = reinterpret_cast<const ModuleTable* (*)()>(dlsym(handle, "danvan_documents_module"));
               !entry) {
      failure = "the documents module " + path + " has no entry point";
    } else if (entry()->size != sizeof(ModuleTable)) {
      failure = "the documents module " + path + " is from another build";
    } else {
      table = entry();
      spdlog::debug("documents module loaded from {}", path);
    }
    if (!table) spdlog::error("{}", failure);
  });
  // A broken installation: the request fails with a logged internal error, the server goes on.
  if (!table) throw std::runtime_error(failure);
  return *table;
}

}  // namespace

Status CheckModule() {
  const std::string path = ModulePath();
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return OkStatus();
  return MakeError(ErrorKind::kUnavailable, "documents_unavailable",
                   "Không tìm thấy thư viện tạo văn bản (PDF, ảnh) của danvan: " + path,
                   "The danvan documents library (PDF, photos) is missing: " + path)
      .WithDetail("path", boost::json::string(path));
}

Result<QrCode> EncodeQr(std::string_view text) { return Module().encode_qr(text); }
DocumentFormat StateFormat() { return Module().state_format(); }
DocumentFormat PartyFormat() { return Module().party_format(); }
DocumentFormat FormatFor(DocumentSystem system) { return Module().format_for(system); }
std::string PlaceAndDate(std::string_view place, const Date& date) { return Module().place_and_date(place, date); }
std::string FormatMoney(int64_t amount) { return Module().format_money(amount); }
std::string FormatDecimal(double value, int decimals) { return Module().format_decimal(value, decimals); }
std::string UpperVietnamese(std::string_view text) { return Module().upper_vietnamese(text); }
Status CheckFont(const std::string& family) { return Module().check_font(family); }
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision, const DocumentFormat& format) {
  return Module().render_decision(decision, format);
}
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision) {
  return Module().render_decision(decision, FormatFor(decision.system));
}
Result<std::string> RenderCertificatePdf(const CertificateDocument& certificate, const CertificateFormat& format) {
  return Module().render_certificate(certificate, format);
}
Result<std::string> RenderCertificatesPdf(const std::vector<CertificateDocument>& certificates,
                                          const CertificateFormat& format, const Progress& progress) {
  return Module().render_certificates(certificates, format, progress);
}
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes, const DocumentFormat& format) {
  return Module().render_minutes(minutes, format);
}
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes) {
  return Module().render_minutes(minutes, FormatFor(minutes.system));
}
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission, const DocumentFormat& format) {
  return Module().render_submission(submission, format);
}
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission) {
  return Module().render_submission(submission, FormatFor(submission.system));
}
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report, const DocumentFormat& format) {
  return Module().render_achievement_report(report, format);
}
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report) {
  return Module().render_achievement_report(report, FormatFor(report.system));
}
Result<std::string> RenderProgramPdf(const ProgramDocument& program, const DocumentFormat& format) {
  return Module().render_program(program, format);
}
Result<std::string> RenderProgramPdf(const ProgramDocument& program) {
  return Module().render_program(program, FormatFor(program.system));
}

}  // namespace danvan::documents

namespace danvan {

std::string_view MimeType(MediaKind kind) { return documents::Module().mime_type(kind); }
std::string_view Extension(MediaKind kind) { return documents::Module().extension(kind); }
bool IsPhoto(MediaKind kind) { return documents::Module().is_photo(kind); }
Result<MediaKind> DetectMediaKind(std::string_view bytes) { return documents::Module().detect_media_kind(bytes); }
Result<ProcessedPhoto> ProcessPhoto(std::string_view bytes, MediaKind kind, int max_side) {
  return documents::Module().process_photo(bytes, kind, max_side);
}
Status CheckLimits(const std::vector<std::pair<std::string, std::size_t>>& files, const MediaLimits& limits) {
  return documents::Module().check_limits(files, limits);
}

}  // namespace danvan
