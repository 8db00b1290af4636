#include "documents/pdf/canvas.hpp"

#include <cairo-pdf.h>

#include <algorithm>

namespace danvan::documents::pdf {
namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment PangoAlign(Align a) {
  switch (a) {
    case Align::kCenter: return PANGO_ALIGN_CENTER;
    case Align::kRight: return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
    case Align::kJustify: return PANGO_ALIGN_LEFT;
  }
  return PANGO_ALIGN_LEFT;
}

constexpr double kUnit = PANGO_SCALE;

}  // namespace

std::string Escape(std::string_view text) {
  // Pango's line breaking slows down badly inside one very long word (a 60,000-character word took 9 s): after
  // kLongestRun characters without a space, a zero-width space offers a break, so such a word wraps by characters
  // at the cost of an ordinary paragraph. No real word, number or link in a document is that long.
  constexpr size_t kLongestRun = 80;
  std::string out;
  out.reserve(text.size());
  size_t run = 0;
  for (char c : text) {
    const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (c == ' ' || c == '\n' || c == '\t') {
      run = 0;
    } else if (starts_character && ++run > kLongestRun) {
      out += "\u200B";
      run = 1;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Canvas::Canvas(const PageSetup& page, std::string font_family, const std::string& title)
    : page_(page), font_family_(std::move(font_family)) {
  surface_ = cairo_pdf_surface_create_for_stream(Append, &out_, page_.width, page_.height);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "danvan");
  cr_ = cairo_create(surface_);
  // Pango's default font map is one per thread: documents rendered on one worker share its glyph caches, and
  // no two threads share a map (Pango's maps are not thread-safe).
  context_ = pango_font_map_create_context(pango_cairo_font_map_get_default());
  // Sizes are in points and the PDF's user space is in points: one unit each, no hinting to distort metrics.
  pango_cairo_context_set_resolution(context_, 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_cairo_update_context(cr_, context_);
  layout_ = pango_layout_new(context_);
  y_ = page_.top;
}

Canvas::~Canvas() {
  if (layout_) g_object_unref(layout_);
  if (context_) g_object_unref(context_);
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

PangoLayout* Canvas::Layout(std::string_view markup, const TextStyle& style, double width) {
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, font_family_.c_str());
  pango_font_description_set_size(font, static_cast<int>(style.size * kUnit));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout_, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout_, static_cast<int>(width * kUnit));
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout_, PangoAlign(style.align));
  pango_layout_set_justify(layout_, style.align == Align::kJustify);
  pango_layout_set_indent(layout_, static_cast<int>(style.indent * kUnit));
  pango_layout_set_line_spacing(layout_, static_cast<float>(style.line_spacing));
  if (style.underline) {
    const std::string wrapped = "<u>" + std::string(markup) + "</u>";
    pango_layout_set_markup(layout_, wrapped.c_str(), static_cast<int>(wrapped.size()));
  } else {
    pango_layout_set_markup(layout_, markup.data(), static_cast<int>(markup.size()));
  }
  return layout_;
}

Box Canvas::Measure(std::string_view markup, const TextStyle& style, double width) {
  PangoLayout* layout = Layout(markup, style, width);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return Box{logical.height / kUnit, logical.x / kUnit, logical.width / kUnit};
}

Box Canvas::Draw(double x, double y, double width, std::string_view markup, const TextStyle& style) {
  PangoLayout* layout = Layout(markup, style, width);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  page_started_ = true;
  return Box{logical.height / kUnit, x + logical.x / kUnit, logical.width / kUnit};
}

void Canvas::Flow(std::string_view markup, const TextStyle& style) { Flow(left(), width(), markup, style); }

void Canvas::Flow(double x, double width, std::string_view markup, const TextStyle& style) {
  if (page_started_) y_ += style.space_before;
  // A copy of its own: a new page draws its decoration with the shared layout, which would invalidate the iterator.
  PangoLayout* layout = pango_layout_copy(Layout(markup, style, width));
  cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);
  // `origin` is where the layout's top would be on the current page: it moves up when a line goes to the next page.
  double origin = y_;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle line;
    pango_layout_iter_get_line_extents(iter, nullptr, &line);
    const double line_top = line.y / kUnit;
    const double line_bottom = (line.y + line.height) / kUnit;
    if (origin + line_bottom > bottom() + 0.01 && page_started_) {
      NewPage();
      origin = y_ - line_top;
    }
    cairo_move_to(cr_, x + line.x / kUnit, origin + pango_layout_iter_get_baseline(iter) / kUnit);
    pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
    page_started_ = true;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  g_object_unref(layout);
  y_ = origin + (logical.y + logical.height) / kUnit + style.space_after;
}

void Canvas::Rule(double x1, double y1, double x2, double y2, double line_width) {
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_set_line_width(cr_, line_width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
  page_started_ = true;
}

void Canvas::KeepTogether(double height) {
  if (y_ + height > bottom() && page_started_) NewPage();
}

void Canvas::NewPage() {
  cairo_show_page(cr_);
  ++page_number_;
  y_ = page_.top;
  page_started_ = false;
  if (on_new_page_) {
    on_new_page_(*this);
    page_started_ = false;  // decoration in the margin does not count as content
  }
}

void Canvas::Link(double x, double y, double w, double h, const std::string& uri) {
  std::string escaped;
  for (char c : uri) {
    if (c == '\'' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  const std::string attributes =
      "rect=[" + std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(w) + " " + std::to_string(h) +
      "] uri='" + escaped + "'";
  cairo_tag_begin(cr_, CAIRO_TAG_LINK, attributes.c_str());
  cairo_tag_end(cr_, CAIRO_TAG_LINK);
}

Result<std::string> Canvas::Finish() {
  cairo_show_page(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  if (status != CAIRO_STATUS_SUCCESS)
    return MakeError(ErrorKind::kInternal, "pdf_render_failed", "Không tạo được tệp PDF.", "The PDF could not be made.")
        .WithDetail("cairo", boost::json::string(cairo_status_to_string(status)));
  return std::move(out_);
}

void DrawTable(Canvas& canvas, const Table& table) {
  const double pad = table.padding;
  double total_share = 0;
  for (const auto& c : table.columns) total_share += c.share;
  std::vector<double> widths;
  for (const auto& c : table.columns) widths.push_back(canvas.width() * c.share / total_share);

  TextStyle head{table.font_size, true};
  head.align = Align::kCenter;
  auto cell_style = [&](size_t col, bool bold) {
    TextStyle s{table.font_size, bold};
    s.align = table.columns[col].align;
    return s;
  };
  auto row_height = [&](const std::vector<std::string>& cells, auto style_of) {
    double h = 0;
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i)
      h = std::max(h, canvas.Measure(cells[i], style_of(i), widths[i] - 2 * pad).height);
    return h + 2 * pad;
  };
  auto draw_row = [&](const std::vector<std::string>& cells, auto style_of, double h) {
    double x = canvas.left();
    const double y = canvas.y();
    for (size_t i = 0; i < widths.size(); ++i) {
      if (i < cells.size()) canvas.Draw(x + pad, y + pad, widths[i] - 2 * pad, cells[i], style_of(i));
      cairo_rectangle(canvas.cr(), x, y, widths[i], h);
      x += widths[i];
    }
    cairo_set_source_rgb(canvas.cr(), 0, 0, 0);
    cairo_set_line_width(canvas.cr(), 0.5);
    cairo_stroke(canvas.cr());
    canvas.Advance(h);
  };
  auto head_style = [&](size_t) { return head; };
  const double head_height = row_height(table.header, head_style);

  bool header_on_page = false;
  for (const auto& row : table.rows) {
    auto body_style = [&](size_t i) { return cell_style(i, row.bold); };
    const double h = row_height(row.cells, body_style);
    const double need = h + (header_on_page ? 0 : head_height);
    if (canvas.y() + need > canvas.bottom()) {
      canvas.NewPage();
      header_on_page = false;
    }
    if (!header_on_page) {
      draw_row(table.header, head_style, head_height);
      header_on_page = true;
    }
    draw_row(row.cells, body_style, h);
  }
  if (table.rows.empty()) draw_row(table.header, head_style, head_height);
}

}  // namespace danvan::documents::pdf
