#include "documents/pdf/parts.hpp"

#include <algorithm>

namespace danvan::documents::pdf {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

constexpr double kRuleGap = 3;  // points between a line of text and the rule under it

// A centred line in a column; returns the box drawn. `rule` > 0 draws a rule under it of that share of its width.
Box CentredLine(Canvas& canvas, double x, double& y, double width, const std::string& text, const TextStyle& style,
                double rule = 0) {
  const Box box = canvas.Draw(x, y, width, Escape(text), style);
  y += box.height;
  if (rule > 0) {
    const double length = box.line_width * rule;
    const double centre = box.line_left + box.line_width / 2;
    canvas.Rule(centre - length / 2, y + kRuleGap - 1.5, centre + length / 2, y + kRuleGap - 1.5);
    y += kRuleGap;
  }
  return box;
}

}  // namespace

PageSetup PortraitA4(const DocumentFormat& format) {
  PageSetup page;
  page.top = Mm(format.margins.top_mm);
  page.bottom = Mm(format.margins.bottom_mm);
  page.left = Mm(format.margins.left_mm);
  page.right = Mm(format.margins.right_mm);
  return page;
}

TextStyle Body(const DocumentFormat& format) {
  TextStyle s{format.sizes.body};
  s.align = Align::kJustify;
  s.indent = Mm(format.first_line_indent_mm);
  s.line_spacing = format.line_spacing;
  s.space_before = format.paragraph_spacing_pt;
  return s;
}

TextStyle Centred(double size, bool bold, bool italic) {
  TextStyle s{size, bold, italic};
  s.align = Align::kCenter;
  return s;
}

void NumberPages(Canvas& canvas, const DocumentFormat& format) {
  if (!format.number_pages) return;
  const double size = format.sizes.page_number;
  canvas.OnNewPage([size](Canvas& c) {
    const TextStyle style = Centred(size, false);
    const double h = c.Measure("0", style, c.width()).height;
    c.Draw(c.left(), std::max(0.0, (c.top() - h) / 2), c.width(), std::to_string(c.page()), style);
  });
}

void DrawHeader(Canvas& canvas, const DocumentFormat& format, const Issuer& issuer, const std::string& number,
                const std::string& place_date) {
  const bool party = format.system == DocumentSystem::kParty;
  const auto& sz = format.sizes;
  const TextStyle national = Centred(sz.national_title, true);
  const TextStyle motto = Centred(sz.motto, true);
  const TextStyle date_style = Centred(sz.place_date, false, true);
  const std::string national_text = party ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

  // The right column is as wide as the national title needs; the issuer gets the rest. A place and date wider
  // than the column keeps its right edge on the margin rather than narrowing the issuer's column.
  double right_width = canvas.Measure(Escape(national_text), national, 1e6).line_width;
  if (!party) right_width = std::max(right_width, canvas.Measure("Độc lập - Tự do - Hạnh phúc", motto, 1e6).line_width);
  right_width = std::min(right_width + Mm(4), canvas.width() * 0.6);
  const double date_width =
      std::min(std::max(right_width, canvas.Measure(Escape(place_date), date_style, 1e6).line_width + Mm(2)),
               canvas.width() * 0.7);
  const double left_width = canvas.width() - right_width;
  const double left_x = canvas.left();
  const double right_x = canvas.right() - right_width;
  const double top = canvas.y();

  double ly = top;
  if (!issuer.superior.empty())
    for (const auto& line : Lines(issuer.superior))
      CentredLine(canvas, left_x, ly, left_width, UpperVietnamese(line), Centred(sz.superior, false));
  const auto name_lines = Lines(issuer.name);
  for (size_t i = 0; i < name_lines.size(); ++i)
    CentredLine(canvas, left_x, ly, left_width, UpperVietnamese(name_lines[i]), Centred(sz.issuer, true),
                !party && i + 1 == name_lines.size() ? 0.45 : 0);
  if (!format.issuer_mark.empty()) CentredLine(canvas, left_x, ly, left_width, format.issuer_mark, Centred(sz.issuer, false));

  double ry = top;
  CentredLine(canvas, right_x, ry, right_width, national_text, national, party && format.national_title_underlined ? 1 : 0);
  if (!party) CentredLine(canvas, right_x, ry, right_width, "Độc lập - Tự do - Hạnh phúc", motto, 1);

  double row = std::max(ly, ry) + 6;
  double ny = row, dy = row;
  if (!number.empty()) CentredLine(canvas, left_x, ny, left_width, format.number_label + number, Centred(sz.number, false));
  CentredLine(canvas, canvas.right() - date_width, dy, date_width, place_date, date_style);
  canvas.set_y(std::max(ny, dy) + 14);
}

void DrawTitle(Canvas& canvas, const DocumentFormat& format, const std::string& type, const std::string& summary) {
  double y = canvas.y();
  CentredLine(canvas, canvas.left(), y, canvas.width(), UpperVietnamese(type), Centred(format.sizes.type, true));
  if (!summary.empty()) {
    TextStyle s = Centred(format.sizes.summary, true);
    s.line_spacing = format.line_spacing;
    const Box box = canvas.Draw(canvas.left() + Mm(10), y, canvas.width() - Mm(20), Escape(summary), s);
    y += box.height + kRuleGap + 1;
    const double centre = canvas.left() + canvas.width() / 2;
    const double length = std::min(box.line_width, canvas.width()) * 0.4;
    canvas.Rule(centre - length / 2, y, centre + length / 2, y);
  }
  canvas.set_y(y + 10);
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find('\n', start);
    std::string p = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!p.empty()) out.push_back(std::move(p));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string Punctuate(const std::string& item, bool last) {
  std::string s = item;
  while (!s.empty() && (s.back() == ' ' || s.back() == ';' || s.back() == '.' || s.back() == ',')) s.pop_back();
  return s + (last ? "." : ";");
}

SignatureColumn ColumnFor(const Signer& signer) {
  SignatureColumn c;
  if (!signer.capacity.empty()) c.heading.push_back(signer.capacity);
  if (!signer.title.empty()) c.heading.push_back(signer.title);
  c.name = signer.name;
  return c;
}

void DrawSignatures(Canvas& canvas, const DocumentFormat& format, const std::vector<std::string>& recipients,
                    const std::vector<SignatureColumn>& columns) {
  const auto& sz = format.sizes;
  const double gap = Mm(format.signature_space_mm);
  const TextStyle heading = Centred(sz.signer, true);
  const TextStyle name = Centred(sz.signer_name, true);
  TextStyle label{sz.recipients_label, format.recipients_label_bold_italic, format.recipients_label_bold_italic,
                  !format.recipients_label_bold_italic};
  TextStyle item{sz.recipients};

  // Where each block goes: recipients and one signer share the row 45/55; two signers split it in halves.
  struct Slot {
    double x, width;
  };
  std::vector<Slot> slots;
  const double w = canvas.width();
  Slot recipients_slot{canvas.left(), w * 0.45};
  if (columns.size() == 1) {
    slots.push_back({canvas.left() + w * 0.45, w * 0.55});
  } else {
    for (size_t i = 0; i < columns.size(); ++i)
      slots.push_back({canvas.left() + w * static_cast<double>(i) / static_cast<double>(columns.size()),
                       w / static_cast<double>(columns.size())});
  }

  std::string recipient_markup;
  for (size_t i = 0; i < recipients.size(); ++i) {
    if (i) recipient_markup += '\n';
    recipient_markup += Escape("- " + Punctuate(recipients[i], i + 1 == recipients.size()));
  }

  // Measure first: the block never splits across pages.
  double height = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    double h = 0;
    for (const auto& line : columns[i].heading) h += canvas.Measure(Escape(UpperVietnamese(line)), heading, slots[i].width).height;
    h += gap + canvas.Measure(Escape(columns[i].name), name, slots[i].width).height;
    height = std::max(height, h);
  }
  if (!recipients.empty() && columns.size() <= 1)
    height = std::max(height, canvas.Measure("Nơi nhận:", label, recipients_slot.width).height +
                                  canvas.Measure(recipient_markup, item, recipients_slot.width).height);
  canvas.Advance(format.paragraph_spacing_pt * 2);
  canvas.KeepTogether(height);

  const double top = canvas.y();
  double bottom = top;
  if (!recipients.empty() && columns.size() <= 1) {
    double y = top;
    y += canvas.Draw(recipients_slot.x, y, recipients_slot.width, "Nơi nhận:", label).height;
    y += canvas.Draw(recipients_slot.x, y, recipients_slot.width, recipient_markup, item).height;
    bottom = std::max(bottom, y);
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    double y = top;
    for (const auto& line : columns[i].heading)
      y += canvas.Draw(slots[i].x, y, slots[i].width, Escape(UpperVietnamese(line)), heading).height;
    y += gap;
    y += canvas.Draw(slots[i].x, y, slots[i].width, Escape(columns[i].name), name).height;
    bottom = std::max(bottom, y);
  }
  canvas.set_y(bottom);
}

}  // namespace danvan::documents::pdf
