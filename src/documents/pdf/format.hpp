#pragma once
//! What every generated document shares: the two formats (state and Party), their fonts, sizes and margins as
//! data, the issuer and signer blocks, and Vietnamese number and date wording. Plain structs: no Cairo or Pango
//! here, so services and tests include this without the rendering libraries.

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace danvan::documents {

//! Which rules a document follows: the state's (Nghị định 30/2020/NĐ-CP, Phụ lục I: People's Committees, their
//! councils) or the Party's (Hướng dẫn 36-HD/VPTW, 2018: Party committees).
enum class DocumentSystem { kState, kParty };

//! Font sizes in points of each part of a document. The decrees give ranges; the defaults pick one value in each.
struct FontSizes {
  double national_title = 13;    //!< "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "ĐẢNG CỘNG SẢN VIỆT NAM", bold caps
  double motto = 14;             //!< "Độc lập - Tự do - Hạnh phúc", bold (state only)
  double superior = 13;          //!< the body above the issuer, regular caps
  double issuer = 13;            //!< bold caps
  double number = 13;            //!< "Số: 12/QĐ-UBND"
  double place_date = 14;        //!< italic
  double type = 14;              //!< "QUYẾT ĐỊNH", bold caps
  double summary = 14;           //!< "Về việc …", bold
  double body = 14;              //!< legal bases, articles, minutes text
  double signer = 14;            //!< capacity and title, bold caps
  double signer_name = 14;       //!< bold
  double recipients_label = 12;  //!< "Nơi nhận:"
  double recipients = 11;        //!< the list under it
  double table = 12;             //!< annex and minutes tables
  double page_number = 13;       //!< from the second page, centred in the top margin
};

struct Margins {
  double top_mm = 20;
  double bottom_mm = 20;
  double left_mm = 30;
  double right_mm = 15;
};

//! The format of an A4 portrait document. StateFormat() and PartyFormat() are the defaults; a unit may keep its
//! own values as settings (the sources give ranges, and the Party's values are read with medium confidence).
struct DocumentFormat {
  DocumentSystem system = DocumentSystem::kState;
  std::string font_family = "Liberation Serif";  //!< metric-compatible with Times New Roman; found by fontconfig
  FontSizes sizes;
  Margins margins;
  double first_line_indent_mm = 12.7;  //!< 1–1.27 cm
  double line_spacing = 1.08;          //!< single to 1.5 lines
  double paragraph_spacing_pt = 6;     //!< at least 6 pt between paragraphs
  double signature_space_mm = 24;      //!< room for the hand signature and the seal
  std::string number_label = "Số: ";   //!< Party documents write "Số 12-QĐ/ĐU", without the colon
  std::string issuer_mark;             //!< Party documents put "*" under the issuer's name
  bool national_title_underlined = false;    //!< Party: "ĐẢNG CỘNG SẢN VIỆT NAM" is underlined
  bool recipients_label_bold_italic = true;  //!< state: bold italic; Party: regular, underlined
  bool legal_bases_italic = true;            //!< state: italic; Party: upright, each after a dash
  bool number_pages = true;                  //!< Arabic page numbers from the second page
};

//! Nghị định 30/2020/NĐ-CP, Phụ lục I, as summarised in docs/architecture.md (documents).
DocumentFormat StateFormat();
//! Hướng dẫn 36-HD/VPTW (2018): "ĐẢNG CỘNG SẢN VIỆT NAM" 15 bold underlined, type 15, "Nơi nhận" 14
//! underlined with the list at 12, "Số" without a colon, "*" under the issuer.
DocumentFormat PartyFormat();
DocumentFormat FormatFor(DocumentSystem system);

//! Who issues a document, as its header prints it.
struct Issuer {
  std::string superior;  //!< the body directly above, may be empty: "UBND QUẬN HOÀN KIẾM", "ĐẢNG BỘ QUẬN HOÀN KIẾM"
  std::string name;      //!< may hold '\n': "ỦY BAN NHÂN DÂN\nPHƯỜNG LÝ THÁI TỔ", "ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ"
};

//! The signature block. Printed in capitals except the name; the renderer upper-cases.
struct Signer {
  std::string capacity;  //!< "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M ĐẢNG ỦY"; empty when signing in one's own right
  std::string title;     //!< "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ"
  std::string name;      //!< "Nguyễn Văn An"
};

//! "Hoàn Kiếm, ngày 13 tháng 10 năm 2022"; days below 10 and months 1 and 2 get a leading zero (Nghị định 30).
std::string PlaceAndDate(std::string_view place, const Date& date);
//! 1800000 → "1.800.000" (đồng, no decimals).
std::string FormatMoney(int64_t amount);
//! 82.5, 2 → "82,50": the Vietnamese decimal comma.
std::string FormatDecimal(double value, int decimals);
//! Upper case by Vietnamese rules (ICU): "phường Lý Thái Tổ" → "PHƯỜNG LÝ THÁI TỔ".
std::string UpperVietnamese(std::string_view text);

//! Checks once per family that fontconfig resolves `family` to that very family (not a fallback): documents
//! promise Liberation Serif embedded. Error "font_unavailable" names the Debian package to install.
Status CheckFont(const std::string& family);

}  // namespace danvan::documents
