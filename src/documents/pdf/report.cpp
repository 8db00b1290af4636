#include "documents/pdf/report.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"

namespace danvan::documents {

using namespace pdf;

Result<std::string> RenderReportPdf(const ReportDocument& r) { return RenderReportPdf(r, FormatFor(r.system)); }

Result<std::string> RenderReportPdf(const ReportDocument& r, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, "Báo cáo " + r.summary);
  NumberPages(canvas, format);
  DrawHeader(canvas, format, r.issuer, r.number, PlaceAndDate(r.place, r.date));
  DrawTitle(canvas, format, "Báo cáo", r.summary);

  const TextStyle body = Body(format);
  TextStyle heading = Body(format);
  heading.indent = 0;
  heading.bold = true;
  heading.space_before = 10;
  TextStyle caption = Body(format);
  caption.bold = true;
  caption.space_before = 6;
  for (const auto& section : r.sections) {
    canvas.KeepTogether(format.sizes.body * 6);  // a heading is never the last line of a page
    canvas.Flow(Escape(section.heading), heading);
    for (const auto& block : section.blocks) {
      for (const auto& p : Paragraphs(block.text)) canvas.Flow(Escape(p), body);
      for (const auto& t : block.tables) {
        canvas.KeepTogether(format.sizes.body * 8);  // the caption stays with the table's first rows
        if (!t.caption.empty()) canvas.Flow(Escape(t.caption), caption);
        if (t.rows.empty()) {
          if (!t.empty.empty()) canvas.Flow(Escape(t.empty), body);
          continue;
        }
        Table table;
        table.font_size = format.sizes.table;
        // The label column (after "STT", when there is one) reads from the left; numbers are centred.
        const size_t label = !t.header.empty() && t.header[0] == "STT" ? 1 : 0;
        for (size_t i = 0; i < t.header.size(); ++i) {
          const double share = i < t.shares.size() ? t.shares[i] : 1.0 / static_cast<double>(t.header.size());
          table.columns.push_back({share, i == label ? Align::kLeft : Align::kCenter});
          table.header.push_back(Escape(t.header[i]));
        }
        for (const auto& row : t.rows) {
          TableRow out;
          out.bold = row.bold;
          for (const auto& c : row.cells) out.cells.push_back(Escape(c));
          table.rows.push_back(std::move(out));
        }
        canvas.Advance(4);
        DrawTable(canvas, table);
        canvas.Advance(4);
      }
    }
  }
  DrawSignatures(canvas, format, r.recipients, {ColumnFor(r.signer)});
  return canvas.Finish();
}

}  // namespace danvan::documents
