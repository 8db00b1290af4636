#include "documents/pdf/dossier.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"

#include <fmt/format.h>

namespace danvan::documents {

using namespace pdf;

namespace {

// "Kính gửi: …" centred under the title, as both formats place it.
void DrawAddressee(Canvas& canvas, const DocumentFormat& format, const std::string& addressee) {
  if (addressee.empty()) return;
  TextStyle s = Centred(format.sizes.body, false);
  s.space_after = 6;
  canvas.Flow("Kính gửi: " + Escape(addressee), s);
}

}  // namespace

Result<std::string> RenderSubmissionPdf(const SubmissionDocument& s) { return RenderSubmissionPdf(s, FormatFor(s.system)); }

Result<std::string> RenderSubmissionPdf(const SubmissionDocument& s, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, "Tờ trình " + s.summary);
  NumberPages(canvas, format);
  DrawHeader(canvas, format, s.issuer, s.number, PlaceAndDate(s.place, s.date));
  DrawTitle(canvas, format, "Tờ trình", s.summary);
  DrawAddressee(canvas, format, s.addressee);

  TextStyle basis = Body(format);
  basis.italic = format.legal_bases_italic;
  for (size_t i = 0; i < s.grounds.size(); ++i) {
    // Grounds end with "," before the request that follows them.
    std::string text = s.grounds[i];
    while (!text.empty() && (text.back() == ' ' || text.back() == ';' || text.back() == '.' || text.back() == ','))
      text.pop_back();
    text += i + 1 == s.grounds.size() ? "," : ";";
    canvas.Flow(Escape(format.legal_bases_italic ? text : "- " + text), basis);
  }
  const TextStyle body = Body(format);
  for (const auto& p : s.paragraphs) canvas.Flow(Escape(p), body);

  if (!s.nominees.empty()) {
    Table table;
    table.font_size = format.sizes.table;
    table.columns = {{0.07, Align::kCenter}, {0.27, Align::kLeft}, {0.12, Align::kCenter}, {0.24, Align::kLeft},
                     {0.30, Align::kLeft}};
    table.header = {"STT", "Tên tập thể, cá nhân", "Đối tượng", "Hình thức khen thưởng", "Tóm tắt thành tích"};
    for (size_t i = 0; i < s.nominees.size(); ++i) {
      const auto& n = s.nominees[i];
      table.rows.push_back({{std::to_string(i + 1), Escape(n.name), Escape(n.subject), Escape(n.award), Escape(n.achievement)}});
    }
    canvas.Advance(6);
    DrawTable(canvas, table);
  }
  if (!s.enclosures.empty()) {
    TextStyle label = Body(format);
    label.bold = true;
    canvas.Flow("Hồ sơ kèm theo:", label);
    for (size_t i = 0; i < s.enclosures.size(); ++i)
      canvas.Flow(Escape("- " + Punctuate(s.enclosures[i], i + 1 == s.enclosures.size())), body);
  }
  if (!s.closing.empty()) canvas.Flow(Escape(s.closing), body);
  DrawSignatures(canvas, format, s.recipients, {ColumnFor(s.signer)});
  return canvas.Finish();
}

Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& r) {
  return RenderAchievementReportPdf(r, FormatFor(r.system));
}

Result<std::string> RenderAchievementReportPdf(const AchievementReportDocument& r, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, "Báo cáo thành tích " + r.summary);
  NumberPages(canvas, format);
  DrawHeader(canvas, format, r.issuer, r.number, PlaceAndDate(r.place, r.date));
  DrawTitle(canvas, format, "Báo cáo thành tích", r.summary);

  const TextStyle body = Body(format);
  for (const auto& p : r.introduction) canvas.Flow(Escape(p), body);
  TextStyle heading = Body(format);
  heading.indent = 0;
  heading.space_before = 12;
  TextStyle fact = Body(format);
  fact.space_before = 2;
  for (size_t i = 0; i < r.entries.size(); ++i) {
    const auto& e = r.entries[i];
    canvas.KeepTogether(format.sizes.body * 6);  // a heading is never the last line of a page
    canvas.Flow(fmt::format("<b>{}. {}</b>", i + 1, Escape(e.name)) + (e.subject.empty() ? "" : " (" + Escape(e.subject) + ")"),
                heading);
    if (!e.award.empty()) canvas.Flow("<i>Hình thức đề nghị:</i> " + Escape(e.award), fact);
    for (const auto& [label, value] : e.facts)
      if (!value.empty()) canvas.Flow("<i>" + Escape(label) + ":</i> " + Escape(value), fact);
    const auto paragraphs = Paragraphs(e.achievement);
    for (size_t p = 0; p < paragraphs.size(); ++p)
      canvas.Flow((p == 0 ? std::string("<i>Thành tích:</i> ") : std::string()) + Escape(paragraphs[p]), body);
  }
  DrawSignatures(canvas, format, r.recipients, {ColumnFor(r.signer)});
  return canvas.Finish();
}

}  // namespace danvan::documents
