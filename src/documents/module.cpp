// The entry point of libdanvan_documents.so (see module.hpp).
#include "documents/module.hpp"

namespace danvan::documents {
namespace {

const ModuleTable kTable{
    sizeof(ModuleTable),
    &danvan::MimeType,
    &danvan::Extension,
    &danvan::IsPhoto,
    &danvan::DetectMediaKind,
    &danvan::ProcessPhoto,
    &danvan::CheckLimits,
    &EncodeQr,
    &StateFormat,
    &PartyFormat,
    &FormatFor,
    &PlaceAndDate,
    &FormatMoney,
    &FormatDecimal,
    &UpperVietnamese,
    &CheckFont,
    static_cast<Result<std::string> (*)(const DecisionDocument&, const DocumentFormat&)>(&RenderDecisionPdf),
    &RenderCertificatePdf,
    &RenderCertificatesPdf,
    static_cast<Result<std::string> (*)(const MinutesDocument&, const DocumentFormat&)>(&RenderMinutesPdf),
    static_cast<Result<std::string> (*)(const SubmissionDocument&, const DocumentFormat&)>(&RenderSubmissionPdf),
    static_cast<Result<std::string> (*)(const AchievementReportDocument&, const DocumentFormat&)>(
        &RenderAchievementReportPdf),
    static_cast<Result<std::string> (*)(const ProgramDocument&, const DocumentFormat&)>(&RenderProgramPdf),
    static_cast<Result<std::string> (*)(const ReportDocument&, const DocumentFormat&)>(&RenderReportPdf),
    &WriteXlsx,
    &ReadXlsx,
    &WriteXlsxStream,
};

}  // namespace
}  // namespace danvan::documents

extern "C" __attribute__((visibility("default"))) const danvan::documents::ModuleTable* danvan_documents_module() {
  return &danvan::documents::kTable;
}
