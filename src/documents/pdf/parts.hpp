#pragma once
// Internal to danvan_documents: the parts that decisions and minutes share (header with the national title or
// the Party's, type and summary, signature blocks, recipients, page numbers), drawn in the chosen format.

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/format.hpp"

#include <string>
#include <vector>

namespace danvan::documents::pdf {

PageSetup PortraitA4(const DocumentFormat& format);
// Body text: justified, first line indented, paragraph spacing.
TextStyle Body(const DocumentFormat& format);
TextStyle Centred(double size, bool bold, bool italic = false);

// Arabic page numbers centred in the top margin from the second page.
void NumberPages(Canvas& canvas, const DocumentFormat& format);

// The two columns at the top: issuer and number on the left; national title and motto (or "ĐẢNG CỘNG SẢN VIỆT
// NAM") and place and date on the right. `number` is printed after the format's label ("Số: ").
void DrawHeader(Canvas& canvas, const DocumentFormat& format, const Issuer& issuer, const std::string& number,
                const std::string& place_date);

// "QUYẾT ĐỊNH" / "BIÊN BẢN" and its summary, with the short rule under it.
void DrawTitle(Canvas& canvas, const DocumentFormat& format, const std::string& type, const std::string& summary);

// Items joined the way lists end in Vietnamese documents: each but the last with ";", the last with ".".
std::string Punctuate(const std::string& item, bool last);

//! The paragraphs of a text typed one per line; empty lines are dropped.
std::vector<std::string> Paragraphs(const std::string& text);

// One column of the signature area: capacity, title (caps, bold), room to sign, name.
struct SignatureColumn {
  std::vector<std::string> heading;  // plain text, upper-cased here
  std::string name;
};

// Recipients ("Nơi nhận:") on the left when given, signature columns on the right (one) or across (two), kept on
// one page.
void DrawSignatures(Canvas& canvas, const DocumentFormat& format, const std::vector<std::string>& recipients,
                    const std::vector<SignatureColumn>& columns);

SignatureColumn ColumnFor(const Signer& signer);

}  // namespace danvan::documents::pdf
