#pragma once
//! A report (báo cáo) as an A4 portrait PDF in the state or the Party format: the header, "BÁO CÁO" and its summary,
//! then numbered sections of paragraphs and tables, the recipients and the signature. The year report of the
//! movement (services/year_report.cpp) fills it. A pure function of the struct.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <string>
#include <vector>

namespace danvan::documents {

//! A table of figures: a caption, the column headings and widths, the rows; a row may be bold (a total, a group).
struct ReportTable {
  std::string caption;               //!< "1. Mô hình, điển hình theo lĩnh vực"; printed bold above the table
  std::vector<std::string> header;
  std::vector<double> shares;        //!< each column's share of the width; the label column (the first, or the one after "STT") is left-aligned, the others centred
  struct Row {
    std::vector<std::string> cells;
    bool bold = false;
  };
  std::vector<Row> rows;
  std::string empty;  //!< printed instead of the table when it has no rows: "Chưa có số liệu."
};

//! A block of a section, in order: paragraphs (one per line of the text) or a table.
struct ReportBlock {
  std::string text;  //!< '\n' starts a new paragraph
  std::vector<ReportTable> tables;
};

struct ReportSection {
  std::string heading;  //!< "I. ĐẶC ĐIỂM TÌNH HÌNH": printed bold as given
  std::vector<ReportBlock> blocks;
};

struct ReportDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;
  std::string number;  //!< "15/BC-UBND"; may be blank in its number ("     /BC-UBND")
  std::string place;
  Date date;
  std::string summary;  //!< "Tổng kết phong trào thi đua “Dân vận khéo” năm 2022"
  std::vector<ReportSection> sections;
  std::vector<std::string> recipients;
  Signer signer;
};

//! Errors: "font_unavailable", "pdf_render_failed".
Result<std::string> RenderReportPdf(const ReportDocument& report, const DocumentFormat& format);
Result<std::string> RenderReportPdf(const ReportDocument& report);

}  // namespace danvan::documents
