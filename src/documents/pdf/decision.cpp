#include "documents/pdf/decision.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"

#include <fmt/format.h>

namespace danvan::documents {

using namespace pdf;

namespace {

void DrawAnnex(Canvas& canvas, const DocumentFormat& format, const DecisionDocument& d, const Annex& annex) {
  canvas.NewPage();
  const auto& sz = format.sizes;
  canvas.Flow("PHỤ LỤC", Centred(sz.type, true));
  canvas.Flow(Escape(UpperVietnamese(annex.title)), Centred(sz.summary, true));
  TextStyle note = Centred(sz.body, false, true);
  note.space_after = 10;
  canvas.Flow(Escape(fmt::format("(Kèm theo {} số {} ngày {:02d} tháng {:02d} năm {})", "Quyết định", d.number,
                                 d.date.day(), d.date.month(), d.date.year())),
              note);

  Table table;
  table.font_size = sz.table;
  table.columns = {{0.08, Align::kCenter}, {0.36, Align::kLeft}, {0.36, Align::kLeft}, {0.20, Align::kRight}};
  table.header = {"STT", Escape(annex.name_header), Escape(annex.description_header), "Số tiền (đồng)"};
  int64_t total = 0;
  for (size_t i = 0; i < annex.rows.size(); ++i) {
    const auto& b = annex.rows[i];
    total += b.amount;
    table.rows.push_back({{std::to_string(i + 1), Escape(b.name), Escape(b.description),
                           b.amount ? FormatMoney(b.amount) : ""}});
  }
  if (annex.show_total) table.rows.push_back({{"", "Tổng cộng", "", FormatMoney(total)}, true});
  DrawTable(canvas, table);
}

}  // namespace

Result<std::string> RenderDecisionPdf(const DecisionDocument& d) { return RenderDecisionPdf(d, FormatFor(d.system)); }

Result<std::string> RenderDecisionPdf(const DecisionDocument& d, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, fmt::format("Quyết định số {}", d.number));
  NumberPages(canvas, format);
  const auto& sz = format.sizes;

  DrawHeader(canvas, format, d.issuer, d.number, PlaceAndDate(d.place, d.date));
  DrawTitle(canvas, format, "Quyết định", d.summary);

  if (!d.authority.empty()) {
    TextStyle s = Centred(sz.type, true);
    s.space_after = 6;
    canvas.Flow(Escape(UpperVietnamese(d.authority)), s);
  }
  TextStyle basis = Body(format);
  basis.italic = format.legal_bases_italic;
  for (size_t i = 0; i < d.legal_bases.size(); ++i) {
    const std::string text = Punctuate(d.legal_bases[i], i + 1 == d.legal_bases.size());
    canvas.Flow(Escape(format.legal_bases_italic ? text : "- " + text), basis);
  }
  TextStyle decides = Centred(sz.type, true);
  decides.space_before = 12;
  decides.space_after = 6;
  canvas.Flow("QUYẾT ĐỊNH:", decides);

  const TextStyle body = Body(format);
  for (size_t i = 0; i < d.articles.size(); ++i) {
    const auto paragraphs = Paragraphs(d.articles[i]);
    for (size_t p = 0; p < paragraphs.size(); ++p)
      canvas.Flow((p == 0 ? fmt::format("<b>Điều {}.</b> ", i + 1) : "") + Escape(paragraphs[p]), body);
  }

  DrawSignatures(canvas, format, d.recipients, {ColumnFor(d.signer)});
  if (d.annex) DrawAnnex(canvas, format, d, *d.annex);
  return canvas.Finish();
}

}  // namespace danvan::documents
