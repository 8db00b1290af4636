#pragma once
//! The program of a ceremony (chương trình Ngày hội) as an A4 portrait PDF: the event's time and place, the
//! anniversaries it marks, then its segments in order, each with its presenter and, for award segments, the
//! decision and the recipients in their order on stage. A pure function of the struct.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <string>
#include <vector>

namespace danvan::documents {

struct ProgramItem {
  std::string time;             //!< "08:00"; may be empty
  std::string title;            //!< "Trao Quyết định số 1-QĐ/ĐU …"
  std::string presenter;        //!< who speaks or hands out: "Nguyễn Văn Dũng"
  std::string presenter_title;  //!< "Bí thư Đảng ủy phường Lý Thái Tổ"
  std::string decision;         //!< "Quyết định số 1-QĐ/ĐU ngày 12/10/2022 của Đảng ủy phường Lý Thái Tổ"; may be empty
  std::vector<std::string> recipients;  //!< in stage order
};

struct ProgramDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;  //!< the organiser, as the header prints it
  std::string place;  //!< in the date line
  Date date;
  std::string title;  //!< the event's
  std::string time;   //!< "08:00 – 11:00"
  std::string venue;
  std::vector<std::string> anniversaries;  //!< "Kỷ niệm 92 năm Ngày truyền thống …"
  std::vector<ProgramItem> items;
};

//! Errors: "font_unavailable", "pdf_render_failed".
Result<std::string> RenderProgramPdf(const ProgramDocument& program, const DocumentFormat& format);
Result<std::string> RenderProgramPdf(const ProgramDocument& program);

}  // namespace danvan::documents
