#pragma once
//! Certificates of merit (giấy khen) as landscape A4 PDF pages, each with a QR code of its verification URL;
//! one certificate, or many in one PDF (one page each) for printing all the certificates of a decision.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace danvan::documents {

struct CertificateDocument {
  DocumentSystem system = DocumentSystem::kState;  //!< national title and motto, or "ĐẢNG CỘNG SẢN VIỆT NAM"
  std::string issuer;       //!< who awards, printed in capitals: "Chủ tịch Ủy ban nhân dân phường Lý Thái Tổ"
  std::string award = "GIẤY KHEN";
  std::string beneficiary;         //!< "Tổ dân vận số 3", "Ông Nguyễn Văn An"
  std::string beneficiary_detail;  //!< optional second line: "Phường Lý Thái Tổ, quận Hoàn Kiếm"
  std::string reason;              //!< "Đã có thành tích xuất sắc trong phong trào thi đua "Dân vận khéo" năm 2022"
  std::string decision_number;     //!< "12/QĐ-UBND"
  Date decision_date;
  std::string register_number;  //!< optional entry in the register: "Số sổ: 15/GK"
  std::string place;            //!< the place in the date line: "Hoàn Kiếm"
  Date date;                    //!< usually the decision's date
  Signer signer;
  std::string verify_url;  //!< encoded in the QR code and printed under it: "https://…/verify/3f9c…"
};

//! Sizes in points and the look of the page; the defaults suit landscape A4.
struct CertificateFormat {
  std::string font_family = "Liberation Serif";
  double national_title = 13;
  double motto = 14;
  double issuer = 17;
  double award = 48;
  double beneficiary = 28;
  double detail = 15;
  double reason = 18;
  double decision = 12;
  double signer = 14;
  double margin_mm = 10;    //!< from the paper's edge to the frame
  double qr_side_mm = 28;
  bool frame = true;        //!< the double frame in the accent colour
  double accent[3] = {0.70, 0.07, 0.07};  //!< red, for the frame and the award's name (RGB 0–1)
};

//! Called after each page of a batch: pages done, pages in all. Long runs report progress through it.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

//! One certificate. Errors: "font_unavailable", "qr_encode_failed", "pdf_render_failed".
Result<std::string> RenderCertificatePdf(const CertificateDocument& certificate, const CertificateFormat& format = {});
//! Every certificate in one PDF, one page each, in order. Errors as above, and "no_certificates" for none.
Result<std::string> RenderCertificatesPdf(const std::vector<CertificateDocument>& certificates,
                                          const CertificateFormat& format = {}, const Progress& progress = {});

}  // namespace danvan::documents
