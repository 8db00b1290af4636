#include "documents/pdf/minutes.hpp"

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/parts.hpp"

#include <fmt/format.h>

namespace danvan::documents {

using namespace pdf;

namespace {

std::string Score(double v) { return FormatDecimal(v, 2); }
std::string Plain(double v) { return v == static_cast<int64_t>(v) ? std::to_string(static_cast<int64_t>(v)) : FormatDecimal(v, 2); }

void Section(Canvas& canvas, const DocumentFormat& format, const std::string& title) {
  TextStyle s{format.sizes.body, true};
  s.space_before = 10;
  s.space_after = 2;
  canvas.KeepTogether(format.sizes.body * 4);  // a heading is never the last line of a page
  canvas.Flow(Escape(title), s);
}

}  // namespace

Result<std::string> RenderMinutesPdf(const MinutesDocument& m) { return RenderMinutesPdf(m, FormatFor(m.system)); }

Result<std::string> RenderMinutesPdf(const MinutesDocument& m, const DocumentFormat& format) {
  DANVAN_TRY(CheckFont(format.font_family));
  Canvas canvas(PortraitA4(format), format.font_family, "Biên bản họp " + m.council_name);
  NumberPages(canvas, format);
  const auto& sz = format.sizes;
  const TextStyle body = Body(format);
  TextStyle item = body;
  item.space_before = 2;

  DrawHeader(canvas, format, m.issuer, m.number, PlaceAndDate(m.place, m.held_on));
  DrawTitle(canvas, format, m.final ? "Biên bản" : "Biên bản (dự thảo)", m.summary);

  Section(canvas, format, "I. THỜI GIAN, ĐỊA ĐIỂM");
  canvas.Flow(Escape(fmt::format("Vào ngày {:02d} tháng {:02d} năm {}, tại {}, {} họp xét kết quả {}.", m.held_on.day(),
                                 m.held_on.month(), m.held_on.year(), m.place, m.council_name, m.campaign_title)),
              body);

  Section(canvas, format, "II. THÀNH PHẦN");
  int present = 0;
  for (const auto& member : m.members) present += member.present ? 1 : 0;
  canvas.Flow(Escape(fmt::format("Tổng số thành viên Hội đồng: {}; có mặt: {}; vắng mặt: {}.", m.members.size(), present,
                                 m.members.size() - static_cast<size_t>(present))),
              body);
  Table attendance;
  attendance.font_size = sz.table;
  attendance.columns = {{0.08, Align::kCenter}, {0.42, Align::kLeft}, {0.30, Align::kLeft}, {0.20, Align::kCenter}};
  attendance.header = {"STT", "Họ và tên", "Chức danh", "Tham dự"};
  for (size_t i = 0; i < m.members.size(); ++i)
    attendance.rows.push_back({{std::to_string(i + 1), Escape(m.members[i].name), Escape(m.members[i].role),
                                m.members[i].present ? "Có mặt" : "Vắng mặt"}});
  canvas.Advance(4);
  DrawTable(canvas, attendance);
  canvas.Flow(Escape(fmt::format("Số thành viên phải có mặt: {}. {}", m.quorum_needed,
                                 m.quorum_met ? "Phiên họp đủ số thành viên theo quy định (đạt tỷ lệ có mặt)."
                                              : "Phiên họp không đủ số thành viên theo quy định (chưa đạt tỷ lệ có mặt).")),
              body);

  Section(canvas, format, "III. KẾT QUẢ CHẤM ĐIỂM");
  canvas.Flow(Escape(fmt::format("Mỗi thành viên có mặt chấm điểm từng tiêu chí; tổng điểm có trọng số tính trên thang "
                                 "100, mức đạt {} điểm. Độ lệch là độ lệch chuẩn giữa các thành viên.",
                                 Plain(m.pass_score))),
              body);
  for (size_t i = 0; i < m.models.size(); ++i) {
    const auto& model = m.models[i];
    canvas.KeepTogether(sz.body * 6);
    std::string line = fmt::format("<b>{}. {}</b>", i + 1, Escape(model.title));
    if (!model.owner.empty() || !model.field.empty())
      line += Escape(fmt::format(" ({}{}{})", model.owner, model.owner.empty() || model.field.empty() ? "" : "; lĩnh vực ",
                                 model.field));
    line += Escape(fmt::format(": tổng điểm có trọng số {}/100{}.", Score(model.total),
                               model.complete ? "" : " (chưa đủ điểm của mọi thành viên)"));
    canvas.Flow(line, item);
    Table scores;
    scores.font_size = sz.table;
    scores.columns = {{0.36, Align::kLeft}, {0.10, Align::kCenter}, {0.10, Align::kCenter}, {0.11, Align::kCenter},
                      {0.10, Align::kCenter}, {0.13, Align::kCenter}, {0.10, Align::kCenter}};
    scores.header = {"Tiêu chí", "Trọng số", "Điểm tối đa", "Điểm trung bình", "Độ lệch", "Thấp nhất – cao nhất",
                     "Số người chấm"};
    for (const auto& c : model.criteria)
      scores.rows.push_back({{Escape(c.name), Plain(c.weight), Plain(c.max_score), Score(c.mean), Score(c.stddev),
                              Plain(c.min) + " – " + Plain(c.max), std::to_string(c.scored_by)}});
    canvas.Advance(4);
    DrawTable(canvas, scores);
  }

  Section(canvas, format, "IV. KẾT QUẢ BỎ PHIẾU KÍN");
  canvas.Flow(Escape(fmt::format("Mỗi thành viên có mặt bỏ một phiếu kín cho từng mô hình; phiếu không ghi tên người bỏ. "
                                 "Mô hình được thông qua khi số phiếu đồng ý {}.",
                                 m.threshold)),
              body);
  Table ballots;
  ballots.font_size = sz.table;
  ballots.columns = {{0.07, Align::kCenter}, {0.27, Align::kLeft}, {0.10, Align::kCenter}, {0.17, Align::kCenter},
                     {0.13, Align::kCenter}, {0.09, Align::kCenter}, {0.17, Align::kCenter}};
  ballots.header = {"STT", "Mô hình, điển hình", "Đồng ý", "Không đồng ý", "Không biểu quyết", "Cần đạt", "Kết quả"};
  for (size_t i = 0; i < m.models.size(); ++i) {
    const auto& model = m.models[i];
    ballots.rows.push_back({{std::to_string(i + 1), Escape(model.title), std::to_string(model.agree),
                             std::to_string(model.disagree), std::to_string(model.abstain), std::to_string(model.needed),
                             model.passed ? "Đạt" : "Không đạt"}});
  }
  canvas.Advance(4);
  DrawTable(canvas, ballots);

  Section(canvas, format, "V. KẾT LUẬN");
  for (size_t i = 0; i < m.models.size(); ++i)
    canvas.Flow(fmt::format("{}. <b>{}</b>: {}", i + 1, Escape(m.models[i].title), Escape(m.models[i].result)), item);
  canvas.Flow(Escape(fmt::format("Biên bản được lập vào ngày {:02d} tháng {:02d} năm {}, đã được đọc lại trước Hội đồng "
                                 "và các thành viên có mặt thống nhất thông qua.",
                                 m.held_on.day(), m.held_on.month(), m.held_on.year())),
              body);

  std::vector<SignatureColumn> columns;
  if (!m.secretary.empty()) columns.push_back({{"Thư ký"}, m.secretary});
  columns.push_back({{"Chủ tịch Hội đồng"}, m.chair});
  DrawSignatures(canvas, format, {}, columns);
  return canvas.Finish();
}

}  // namespace danvan::documents
