#pragma once
//! A decision (Quyết định) as an A4 portrait PDF: the state format (Nghị định 30/2020/NĐ-CP) for People's
//! Committee decisions, the Party format (Hướng dẫn 36-HD/VPTW) for Party committee decisions, with the annex
//! table of beneficiaries and their amounts. A pure function of the struct: no database, no clock.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan::documents {

//! One row of the annex: a collective or an individual and the money they receive.
struct Beneficiary {
  std::string name;         //!< "Tổ dân vận số 3", "Ông Nguyễn Văn An"
  std::string description;  //!< unit, position or achievement: "Tổ dân phố số 5, phường Lý Thái Tổ"
  int64_t amount = 0;       //!< đồng; 0 prints an empty cell
};

//! The annex (phụ lục) after the signature, on a new page; its table header repeats on every page.
struct Annex {
  std::string title = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG";
  std::string name_header = "Tên tập thể, cá nhân";
  std::string description_header = "Đơn vị, thành tích";
  std::vector<Beneficiary> rows;
  bool show_total = true;  //!< a "Tổng cộng" row with the sum of the amounts
};

struct DecisionDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;
  std::string number;  //!< "12/QĐ-UBND", "12-QĐ/ĐU"
  std::string place;   //!< the place in the date line: "Hoàn Kiếm"
  Date date;
  std::string summary;  //!< "Về việc công nhận mô hình "Dân vận khéo" năm 2022"
  //! Who decides, in capitals above the legal bases: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÝ THÁI TỔ",
  //! "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ"; may be empty.
  std::string authority;
  //! "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Xét đề nghị của …"; the ";" and the final "."
  //! are added.
  std::vector<std::string> legal_bases;
  //! The articles' text in order, without "Điều N." (added); '\n' starts a new paragraph inside an article.
  std::vector<std::string> articles;
  //! "Như Điều 3", "Lưu: VT"; the dashes and punctuation are added.
  std::vector<std::string> recipients;
  Signer signer;
  std::optional<Annex> annex;
};

//! The decision in `format` (usually FormatFor(decision.system)). Errors: "font_unavailable", "pdf_render_failed".
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision, const DocumentFormat& format);
Result<std::string> RenderDecisionPdf(const DecisionDocument& decision);

}  // namespace danvan::documents
