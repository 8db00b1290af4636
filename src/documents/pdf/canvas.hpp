#pragma once
// Internal to danvan_documents: Cairo's PDF surface and Pango's text layout behind a small flow-layout API
// (paragraphs that break across pages, fixed blocks, rules, tables whose header repeats on every page).
// Nothing outside src/documents includes this header, so Cairo and Pango stay out of the other layers.

#include "core/error.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::documents::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double Mm(double mm) { return mm * kPointsPerMm; }

inline constexpr double kA4Short = 210 * kPointsPerMm;
inline constexpr double kA4Long = 297 * kPointsPerMm;

enum class Align { kLeft, kCenter, kRight, kJustify };

struct Rgb {
  double r = 0, g = 0, b = 0;
};

struct TextStyle {
  double size = 14;  // points
  bool bold = false;
  bool italic = false;
  bool underline = false;
  Align align = Align::kLeft;
  double indent = 0;  // first line, points
  double line_spacing = 1.0;
  double space_before = 0;  // points, skipped at the top of a page
  double space_after = 0;
  Rgb color;
};

// Page size and margins, in points.
struct PageSetup {
  double width = kA4Short;
  double height = kA4Long;
  double top = Mm(20), bottom = Mm(20), left = Mm(30), right = Mm(15);
};

// A laid-out block's size: `line_left`/`line_width` are those of its widest line, for rules under text.
struct Box {
  double height = 0;
  double line_left = 0;
  double line_width = 0;
};

// Escapes text for Pango markup. Every value that comes from data goes through it.
std::string Escape(std::string_view text);

class Canvas {
 public:
  Canvas(const PageSetup& page, std::string font_family, const std::string& title);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  double left() const { return page_.left; }
  double right() const { return page_.width - page_.right; }
  double width() const { return right() - left(); }
  double top() const { return page_.top; }
  double bottom() const { return page_.height - page_.bottom; }
  double page_width() const { return page_.width; }
  double page_height() const { return page_.height; }
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }
  void Advance(double dy) { y_ += dy; }
  int page() const { return page_number_; }
  cairo_t* cr() { return cr_; }

  // Size of `markup` laid out `width` wide, without drawing.
  Box Measure(std::string_view markup, const TextStyle& style, double width);
  // Draws at (x, y) without page breaks.
  Box Draw(double x, double y, double width, std::string_view markup, const TextStyle& style);
  // A paragraph at the cursor, the full content width (or from `x`, `width` wide), breaking across pages.
  void Flow(std::string_view markup, const TextStyle& style);
  void Flow(double x, double width, std::string_view markup, const TextStyle& style);
  void Rule(double x1, double y1, double x2, double y2, double line_width = 0.6);
  // Starts a new page when less than `height` is left below the cursor.
  void KeepTogether(double height);
  void NewPage();
  // Called on every page after the first, before anything is drawn on it (page numbers).
  void OnNewPage(std::function<void(Canvas&)> callback) { on_new_page_ = std::move(callback); }
  // A link over a rectangle (the QR code), for PDF viewers.
  void Link(double x, double y, double w, double h, const std::string& uri);

  // Ends the document; its bytes, or the error Cairo reported.
  Result<std::string> Finish();

 private:
  PangoLayout* Layout(std::string_view markup, const TextStyle& style, double width);

  PageSetup page_;
  std::string font_family_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;  // reused: re-laying out is cheaper than creating
  double y_ = 0;
  int page_number_ = 1;
  bool page_started_ = false;  // something was drawn on the current page
  std::function<void(Canvas&)> on_new_page_;
};

// Tables: column widths as fractions of the table's width; the header repeats on every page.
struct Column {
  double share = 1;
  Align align = Align::kLeft;
};

struct TableRow {
  std::vector<std::string> cells;  // markup
  bool bold = false;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::string> header;  // markup; bold and centred
  std::vector<TableRow> rows;
  double font_size = 12;
  double padding = 3;  // points
};

void DrawTable(Canvas& canvas, const Table& table);

}  // namespace danvan::documents::pdf
