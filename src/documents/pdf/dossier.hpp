#pragma once
//! The generated parts of a proposal's dossier (hồ sơ đề nghị khen thưởng) as A4 portrait PDFs, in the state or the
//! Party format: the cover submission (tờ trình) and the achievement report (báo cáo thành tích). The council's
//! minutes are RenderMinutesPdf's. Pure functions of the structs; services/awards_documents.cpp fills them.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <string>
#include <utility>
#include <vector>

namespace danvan::documents {

//! One collective or individual proposed, as the submission lists it.
struct NomineeLine {
  std::string name;         //!< "Tổ dân vận số 3"
  std::string subject;      //!< "Tập thể" | "Cá nhân"
  std::string award;        //!< the award type: "Giấy khen của Chủ tịch UBND cấp xã (tập thể)"
  std::string achievement;  //!< the summary of the achievement
};

//! Tờ trình: who proposes, to whom ("Kính gửi"), on what grounds, whom, with what enclosed.
struct SubmissionDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;       //!< the proposing body
  std::string number;  //!< may be blank ("     /TTr-HĐTĐKT"): the proposer's own series
  std::string place;
  Date date;
  std::string summary;    //!< "Về việc đề nghị khen thưởng …"
  std::string addressee;  //!< printed after "Kính gửi: "
  std::vector<std::string> grounds;     //!< "Căn cứ …" paragraphs, punctuated like legal bases
  std::vector<std::string> paragraphs;  //!< the request, before the list
  std::vector<NomineeLine> nominees;    //!< the table: STT, name, subject, award, achievement
  std::vector<std::string> enclosures;  //!< "Hồ sơ kèm theo" items
  std::string closing;                  //!< "Kính trình … xem xét, quyết định./."
  std::vector<std::string> recipients;
  Signer signer;
};

//! One nominee's achievement in the report: a heading, the facts as "label: value" lines, then the text.
struct AchievementEntry {
  std::string name;
  std::string subject;  //!< "Tập thể" | "Cá nhân"
  std::string award;
  std::vector<std::pair<std::string, std::string>> facts;  //!< "Mô hình", "Lĩnh vực", "Địa chỉ", …; empty values skipped
  std::string achievement;  //!< '\n' starts a new paragraph
};

//! Báo cáo thành tích: an introduction, then each nominee's achievement in order.
struct AchievementReportDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;
  std::string number;
  std::string place;
  Date date;
  std::string summary;  //!< "Thành tích của các tập thể, cá nhân đề nghị khen thưởng …"
  std::vector<std::string> introduction;
  std::vector<AchievementEntry> entries;
  std::vector<std::string> recipients;
  Signer signer;
};

//! Errors: "font_unavailable", "pdf_render_failed".
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission, const DocumentFormat& format);
Result<std::string> RenderSubmissionPdf(const SubmissionDocument& submission);
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report, const DocumentFormat& format);
Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& report);

}  // namespace danvan::documents
