// The document functions for the server: each loads libdanvan_documents.so on first use and calls into it
// (module.hpp says why). Linked instead of danvan_documents, never beside it.
#include "documents/module.hpp"

#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

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

// The bounded pool of renders: a slot count and a deadline. Each render gets a thread of its own (a PDF takes tens
// of milliseconds to seconds, far more than a thread costs), holds its slot until it really ends, and hands its result
// over if anyone is still waiting for it.
class RenderGate {
 public:
  void Configure(int slots, std::chrono::milliseconds timeout) {
    std::lock_guard lock(mutex_);
    slots_ = slots;
    timeout_ = timeout;
  }
  int running() {
    std::lock_guard lock(mutex_);
    return busy_;
  }

  template <class Render>
  Result<std::string> Run(Render render) {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    if (!freed_.wait_until(lock, deadline, [&] { return busy_ < slots_; }))
      return MakeError(ErrorKind::kUnavailable, "documents_busy",
                       "Máy chủ đang bận tạo các văn bản khác; hãy thử lại sau ít phút.",
                       "The server is busy rendering other documents; try again in a moment.");
    ++busy_;
    lock.unlock();
    struct Handoff {
      std::mutex mutex;
      std::condition_variable done;
      std::optional<Result<std::string>> result;
    };
    auto handoff = std::make_shared<Handoff>();
    std::thread([this, handoff, render = std::move(render)]() mutable {
      Result<std::string> result = [&]() -> Result<std::string> {
        try {
          return render();
        } catch (const std::exception& e) {
          return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo văn bản.",
                           std::string("Internal error while rendering a document: ") + e.what());
        }
      }();
      {
        std::lock_guard l(handoff->mutex);
        handoff->result.emplace(std::move(result));
      }
      handoff->done.notify_one();
      {
        std::lock_guard l(mutex_);
        --busy_;
      }
      freed_.notify_one();
    }).detach();
    std::unique_lock wait(handoff->mutex);
    if (!handoff->done.wait_until(wait, deadline, [&] { return handoff->result.has_value(); })) {
      spdlog::warn("a document render passed its time limit of {} ms; the request gets 503", timeout_.count());
      return MakeError(ErrorKind::kUnavailable, "document_render_timeout",
                       "Văn bản này mất quá nhiều thời gian để tạo nên đã bị dừng chờ; hãy rút gọn nội dung hoặc thử lại.",
                       "This document took too long to render and was given up; shorten its text or try again.")
          .WithDetail("limit_ms", static_cast<int64_t>(timeout_.count()));
    }
    return std::move(*handoff->result);
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  int slots_ = 2;
  int busy_ = 0;
  std::chrono::milliseconds timeout_{10'000};
};

RenderGate& Gate() {
  // Never destroyed: a render abandoned at shutdown may still end after main returns.
  static auto* gate = new RenderGate();
  return *gate;
}

}  // namespace

void SetRenderLimits(int slots, std::chrono::milliseconds timeout) { Gate().Configure(slots, timeout); }
int RendersRunning() { return Gate().running(); }

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
// Each render copies its document: an abandoned render outlives the request that asked for it.
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision, const DocumentFormat& format) {
  return Gate().Run([decision, format] { return Module().render_decision(decision, format); });
}
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision) {
  return RenderDecisionPdf(decision, FormatFor(decision.system));
}
Result<std::string> RenderCertificatePdf(const CertificateDocument& certificate, const CertificateFormat& format) {
  return Gate().Run([certificate, format] { return Module().render_certificate(certificate, format); });
}
Result<std::string> RenderCertificatesPdf(const std::vector<CertificateDocument>& certificates,
                                          const CertificateFormat& format, const Progress& progress) {
  return Module().render_certificates(certificates, format, progress);
}
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes, const DocumentFormat& format) {
  return Gate().Run([minutes, format] { return Module().render_minutes(minutes, format); });
}
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes) {
  return RenderMinutesPdf(minutes, FormatFor(minutes.system));
}
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission, const DocumentFormat& format) {
  return Gate().Run([submission, format] { return Module().render_submission(submission, format); });
}
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission) {
  return RenderSubmissionPdf(submission, FormatFor(submission.system));
}
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report, const DocumentFormat& format) {
  return Gate().Run([report, format] { return Module().render_achievement_report(report, format); });
}
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report) {
  return RenderAchievementReportPdf(report, FormatFor(report.system));
}
Result<std::string> RenderProgramPdf(const ProgramDocument& program, const DocumentFormat& format) {
  return Gate().Run([program, format] { return Module().render_program(program, format); });
}
Result<std::string> RenderProgramPdf(const ProgramDocument& program) {
  return RenderProgramPdf(program, FormatFor(program.system));
}
Result<std::string> RenderReportPdf(const ReportDocument& report, const DocumentFormat& format) {
  return Gate().Run([report, format] { return Module().render_report(report, format); });
}
Result<std::string> RenderReportPdf(const ReportDocument& report) { return RenderReportPdf(report, FormatFor(report.system)); }
// A spreadsheet takes milliseconds: written on the request's thread, outside the render slots.
Result<std::string> WriteXlsx(const std::vector<XlsxTable>& tables) { return Module().write_xlsx(tables); }
Result<std::vector<CsvRow>> ReadXlsx(std::string_view bytes, const XlsxReadOptions& options) {
  return Module().read_xlsx(bytes, options);
}
// An export of a long list takes longer, but its rows come from the database as it goes: the request's thread too.
Result<std::string> WriteXlsxStream(const XlsxStream& sheet) { return Module().write_xlsx_stream(sheet); }

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
