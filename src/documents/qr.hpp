#pragma once
//! QR codes (libqrencode) as a matrix of modules, for certificates' verification links.

#include "core/error.hpp"

#include <string_view>
#include <vector>

namespace danvan::documents {

struct QrCode {
  int size = 0;                //!< modules per side, without the quiet zone
  std::vector<bool> modules;   //!< row by row; true is dark
  bool Dark(int x, int y) const { return modules[static_cast<size_t>(y * size + x)]; }
};

//! Encodes `text` (8-bit mode, error correction level M: readable with a fold or a stain).
//! Error "qr_encode_failed" when the text is too long for any QR version.
Result<QrCode> EncodeQr(std::string_view text);

}  // namespace danvan::documents
