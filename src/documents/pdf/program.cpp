#include "documents/pdf/program.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"

#include <fmt/format.h>

namespace danvan::documents {

using namespace pdf;

Result<std::string> RenderProgramPdf(const ProgramDocument& p) { return RenderProgramPdf(p, FormatFor(p.system)); }

Result<std::string> RenderProgramPdf(const ProgramDocument& p, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, "Chương trình " + p.title);
  NumberPages(canvas, format);
  DrawHeader(canvas, format, p.issuer, "", PlaceAndDate(p.place, p.date));
  DrawTitle(canvas, format, "Chương trình", p.title);

  TextStyle line = Body(format);
  line.indent = 0;
  line.space_before = 2;
  if (!p.time.empty())
    canvas.Flow(fmt::format("<b>Thời gian:</b> {}, ngày {:02d} tháng {:02d} năm {}", Escape(p.time), p.date.day(),
                            p.date.month(), p.date.year()),
                line);
  if (!p.venue.empty()) canvas.Flow("<b>Địa điểm:</b> " + Escape(p.venue), line);
  for (const auto& a : p.anniversaries) canvas.Flow(Escape(a), Centred(format.sizes.body, false, true));

  TextStyle heading = Body(format);
  heading.indent = 0;
  heading.space_before = 12;
  TextStyle detail = Body(format);
  detail.indent = Mm(8);
  detail.align = Align::kLeft;
  detail.space_before = 2;
  TextStyle recipient = detail;
  recipient.indent = Mm(14);
  recipient.space_before = 0;
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& item = p.items[i];
    canvas.KeepTogether(format.sizes.body * 5);
    canvas.Flow(fmt::format("<b>{}. {}{}</b>", i + 1, item.time.empty() ? "" : Escape(item.time) + " – ", Escape(item.title)),
                heading);
    if (!item.presenter.empty())
      canvas.Flow("Người thực hiện: <b>" + Escape(item.presenter) + "</b>" +
                      (item.presenter_title.empty() ? "" : ", <i>" + Escape(item.presenter_title) + "</i>"),
                  detail);
    if (!item.decision.empty()) canvas.Flow("Theo " + Escape(item.decision), detail);
    if (!item.recipients.empty()) {
      canvas.Flow(fmt::format("Nhận khen thưởng (theo thứ tự lên sân khấu, {} tập thể, cá nhân):", item.recipients.size()),
                  detail);
      for (size_t r = 0; r < item.recipients.size(); ++r)
        canvas.Flow(Escape(fmt::format("{}) {}", r + 1, item.recipients[r])), recipient);
    }
  }
  return canvas.Finish();
}

}  // namespace danvan::documents
