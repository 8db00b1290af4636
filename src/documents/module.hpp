#pragma once
//! The document functions as one table, exported by the loadable module libdanvan_documents.so.
//!
//! libvips, Cairo, Pango, fontconfig, libmagic, libqrencode and libxlsxwriter bring in about 70 shared libraries: mapped at
//! start-up they were more than 10 MB of an idle server's memory (docs/performance.md). So the server links
//! documents/lazy.cpp instead of the library: the same functions, which load the module on first use and call
//! through this table. Tests and benchmarks link the library itself (danvan_documents).

#include "documents/media.hpp"
#include "documents/pdf/certificate.hpp"
#include "documents/pdf/decision.hpp"
#include "documents/pdf/dossier.hpp"
#include "documents/pdf/format.hpp"
#include "documents/pdf/minutes.hpp"
#include "documents/pdf/program.hpp"
#include "documents/pdf/report.hpp"
#include "documents/qr.hpp"
#include "documents/xlsx/reader.hpp"
#include "documents/xlsx/workbook.hpp"

#include <chrono>

namespace danvan::documents {

struct ModuleTable {
  //! sizeof(ModuleTable) of the build that made the module: a module of another build is refused.
  std::size_t size = sizeof(ModuleTable);
  std::string_view (*mime_type)(MediaKind);
  std::string_view (*extension)(MediaKind);
  bool (*is_photo)(MediaKind);
  Result<MediaKind> (*detect_media_kind)(std::string_view);
  Result<ProcessedPhoto> (*process_photo)(std::string_view, MediaKind, int);
  Status (*check_limits)(const std::vector<std::pair<std::string, std::size_t>>&, const MediaLimits&);
  Result<QrCode> (*encode_qr)(std::string_view);
  DocumentFormat (*state_format)();
  DocumentFormat (*party_format)();
  DocumentFormat (*format_for)(DocumentSystem);
  std::string (*place_and_date)(std::string_view, const Date&);
  std::string (*format_money)(int64_t);
  std::string (*format_decimal)(double, int);
  std::string (*upper_vietnamese)(std::string_view);
  Status (*check_font)(const std::string&);
  Result<std::string> (*render_decision)(const DecisionDocument&, const DocumentFormat&);
  Result<std::string> (*render_certificate)(const CertificateDocument&, const CertificateFormat&);
  Result<std::string> (*render_certificates)(const std::vector<CertificateDocument>&, const CertificateFormat&,
                                             const Progress&);
  Result<std::string> (*render_minutes)(const MinutesDocument&, const DocumentFormat&);
  Result<std::string> (*render_submission)(const SubmissionDocument&, const DocumentFormat&);
  Result<std::string> (*render_achievement_report)(const AchievementReportDocument&, const DocumentFormat&);
  Result<std::string> (*render_program)(const ProgramDocument&, const DocumentFormat&);
  Result<std::string> (*render_report)(const ReportDocument&, const DocumentFormat&);
  Result<std::string> (*write_xlsx)(const std::vector<XlsxTable>&);
  Result<std::vector<CsvRow>> (*read_xlsx)(std::string_view, const XlsxReadOptions&);
  Result<std::string> (*write_xlsx_stream)(const XlsxStream&);
};

//! Checks that the module is where it will be loaded from, without loading it: the server calls it at start-up,
//! so that a broken installation is said at once and not at the first upload. Defined by lazy.cpp only.
//! Error: "documents_unavailable".
Status CheckModule();

//! Documents render on threads of their own: at most `slots` at once, and a request waits at most `timeout` for its
//! document (for a free slot and the render together). Past it the request hears 503 `document_render_timeout` (or
//! `documents_busy` when no slot came free) and the render is abandoned: it ends on its thread, still counted in its
//! slot, so abandoned renders cannot pile up. The certificate batches of print jobs are not limited here (they run
//! on the print job's thread and report progress). Defined by lazy.cpp only; the defaults are the settings'.
void SetRenderLimits(int slots, std::chrono::milliseconds timeout);

//! Renders still running, abandoned ones included: the server says so when it stops with some left.
int RendersRunning();

}  // namespace danvan::documents

//! The module's one exported symbol.
extern "C" const danvan::documents::ModuleTable* danvan_documents_module();
