#include "documents/qr.hpp"

#include <qrencode.h>

#include <string>

namespace danvan::documents {

Result<QrCode> EncodeQr(std::string_view text) {
  const std::string data(text);
  // QRcode_encodeData takes the bytes as they are: a URL with a NUL or non-ASCII bytes stays intact.
  QRcode* qr = QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0,
                                 QR_ECLEVEL_M);
  if (!qr)
    return MakeError(ErrorKind::kInvalidInput, "qr_encode_failed", "Không tạo được mã QR cho nội dung này (quá dài?).",
                     "Could not encode this text as a QR code (too long?).")
        .WithDetail("length", static_cast<int64_t>(data.size()));
  QrCode code;
  code.size = qr->width;
  code.modules.resize(static_cast<size_t>(qr->width) * static_cast<size_t>(qr->width));
  for (size_t i = 0; i < code.modules.size(); ++i) code.modules[i] = (qr->data[i] & 1) != 0;
  QRcode_free(qr);
  return code;
}

}  // namespace danvan::documents
