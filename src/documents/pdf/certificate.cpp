#include "documents/pdf/certificate.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"
#include "documents/qr.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace danvan::documents {

using namespace pdf;

namespace {

double DrawCentred(Canvas& canvas, double y, const std::string& markup, const TextStyle& style, double rule = 0) {
  const double width = canvas.page_width() * 0.8;
  const double x = (canvas.page_width() - width) / 2;
  const Box box = canvas.Draw(x, y, width, markup, style);
  y += box.height;
  if (rule > 0) {
    const double length = box.line_width * rule;
    const double centre = box.line_left + box.line_width / 2;
    canvas.Rule(centre - length / 2, y + 1, centre + length / 2, y + 1);
    y += 3;
  }
  return y;
}

void DrawQr(Canvas& canvas, const QrCode& qr, double x, double y, double side) {
  const double module = side / qr.size;
  cairo_t* cr = canvas.cr();
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One path for the whole code, each run of dark modules in a row as one rectangle: small and fast to fill.
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size;) {
      if (!qr.Dark(col, row)) {
        ++col;
        continue;
      }
      int end = col;
      while (end < qr.size && qr.Dark(end, row)) ++end;
      cairo_rectangle(cr, x + col * module, y + row * module, (end - col) * module, module);
      col = end;
    }
  }
  cairo_fill(cr);
}

Status DrawCertificate(Canvas& canvas, const CertificateDocument& c, const CertificateFormat& f) {
  const QrCode qr = DANVAN_TRY(EncodeQr(c.verify_url));
  const double w = canvas.page_width(), h = canvas.page_height();
  const Rgb accent{f.accent[0], f.accent[1], f.accent[2]};
  cairo_t* cr = canvas.cr();
  if (f.frame) {
    const double m = Mm(f.margin_mm);
    cairo_set_source_rgb(cr, accent.r, accent.g, accent.b);
    cairo_set_line_width(cr, 2.4);
    cairo_rectangle(cr, m, m, w - 2 * m, h - 2 * m);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.7);
    cairo_rectangle(cr, m + Mm(2), m + Mm(2), w - 2 * m - Mm(4), h - 2 * m - Mm(4));
    cairo_stroke(cr);
  }

  double y = Mm(f.margin_mm + 8);
  if (c.system == DocumentSystem::kParty) {
    y = DrawCentred(canvas, y, "ĐẢNG CỘNG SẢN VIỆT NAM", Centred(f.national_title + 2, true), 1);
  } else {
    y = DrawCentred(canvas, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Centred(f.national_title, true));
    y = DrawCentred(canvas, y, "Độc lập - Tự do - Hạnh phúc", Centred(f.motto, true), 1);
  }
  // The body (issuer to reason) sits in the middle of the space between the title and the bottom row; a long
  // reason gets a smaller size rather than overlapping the signature.
  const double bottom_row = h - Mm(f.margin_mm + 6) - Mm(f.qr_side_mm) - 30;
  TextStyle award = Centred(f.award, true);
  award.color = accent;
  TextStyle reason = Centred(f.reason, false);
  reason.line_spacing = 1.15;
  struct Block {
    std::string markup;
    TextStyle style;
    double space_before;
  };
  std::vector<Block> blocks = {{Escape(UpperVietnamese(c.issuer)), Centred(f.issuer, true), 0},
                               {Escape(UpperVietnamese(c.award)), award, 8},
                               {"Tặng", Centred(f.reason, false, true), 6},
                               {Escape(c.beneficiary), Centred(f.beneficiary, true), 2}};
  if (!c.beneficiary_detail.empty()) blocks.push_back({Escape(c.beneficiary_detail), Centred(f.detail, false, true), 2});
  blocks.push_back({Escape(c.reason), reason, 14});
  const double block_width = w * 0.8;
  auto body_height = [&] {
    double total = 0;
    for (const auto& b : blocks) total += b.space_before + canvas.Measure(b.markup, b.style, block_width).height;
    return total;
  };
  double total = body_height();
  while (blocks.back().style.size > 10 && y + total > bottom_row) {
    blocks.back().style.size -= 1;
    total = body_height();
  }
  y += std::max(8.0, (bottom_row - y - total) / 2);
  for (const auto& b : blocks) y = DrawCentred(canvas, y + b.space_before, b.markup, b.style);

  // Bottom row: QR code and decision on the left, place, date and signer on the right.
  const double qr_side = Mm(f.qr_side_mm);
  const double qr_x = Mm(f.margin_mm + 8);
  const double qr_y = h - Mm(f.margin_mm + 6) - qr_side - 22;
  DrawQr(canvas, qr, qr_x, qr_y, qr_side);
  canvas.Link(qr_x, qr_y, qr_side, qr_side, c.verify_url);
  TextStyle small{8};
  small.align = Align::kLeft;
  const double caption_width = w * 0.42;
  double cy = qr_y + qr_side + 2;
  cy += canvas.Draw(qr_x, cy, caption_width, "Quét mã để xác minh / Scan to verify", small).height;
  canvas.Draw(qr_x, cy, caption_width, Escape(c.verify_url), small);

  const double sig_width = w * 0.4;
  const double sig_x = w - Mm(f.margin_mm + 8) - sig_width;
  TextStyle decision{f.decision};
  double dy = qr_y;
  const double dx = qr_x + qr_side + Mm(6);
  const double decision_width = sig_x - dx - Mm(4);
  dy += canvas.Draw(dx, dy, decision_width,
                    Escape(fmt::format("Quyết định số {} ngày {}", c.decision_number, c.decision_date.Vietnamese())),
                    decision).height;
  if (!c.register_number.empty()) canvas.Draw(dx, dy, decision_width, Escape(c.register_number), decision);

  double sy = bottom_row - 4;
  sy += canvas.Draw(sig_x, sy, sig_width, Escape(PlaceAndDate(c.place, c.date)), Centred(f.signer, false, true)).height;
  for (const auto& line : ColumnFor(c.signer).heading)
    sy += canvas.Draw(sig_x, sy, sig_width, Escape(UpperVietnamese(line)), Centred(f.signer, true)).height;
  const double name_y = h - Mm(f.margin_mm + 6) - 22;
  canvas.Draw(sig_x, std::max(sy + Mm(16), name_y), sig_width, Escape(c.signer.name), Centred(f.signer + 1, true));
  return OkStatus();
}

PageSetup Landscape(const CertificateFormat& f) {
  PageSetup page;
  page.width = kA4Long;
  page.height = kA4Short;
  page.top = page.bottom = page.left = page.right = Mm(f.margin_mm);
  return page;
}

}  // namespace

Result<std::string> RenderCertificatePdf(const CertificateDocument& certificate, const CertificateFormat& format) {
  return RenderCertificatesPdf({certificate}, format);
}

Result<std::string> RenderCertificatesPdf(const std::vector<CertificateDocument>& certificates,
                                          const CertificateFormat& format, const Progress& progress) {
  if (certificates.empty())
    return MakeError(ErrorKind::kInvalidInput, "no_certificates", "Không có giấy khen nào để in.", "There are no certificates to print.");
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(Landscape(format), format.font_family,
                certificates.size() == 1 ? "Giấy khen: " + certificates.front().beneficiary
                                         : fmt::format("{} giấy khen", certificates.size()));
  for (size_t i = 0; i < certificates.size(); ++i) {
    if (i > 0) canvas.NewPage();
    DANVAN_TRY(DrawCertificate(canvas, certificates[i], format));
    if (progress) progress(i + 1, certificates.size());
  }
  return canvas.Finish();
}

}  // namespace danvan::documents
