#pragma once
//! Files people upload as evidence: limits checked, types decided by content, photos re-encoded without their
//! metadata (the location included) and given thumbnails — before any transaction, as that is CPU work.

#include "core/error.hpp"
#include "services/movement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace danvan {

struct PreparedFile {
  std::string file_name;  //!< as sent, or "tep.jpg" when none was given
  std::string media_type;
  std::string bytes;
  std::optional<std::string> thumbnail;  //!< photos only
  std::optional<int> width, height;      //!< photos only
  bool is_public = false;
};

//! Each file checked (MediaLimits), its type detected, photos cleaned; `photos_only` refuses anything else.
Result<std::vector<PreparedFile>> PrepareUploads(const std::vector<UploadedFile>& files, bool photos_only = false);

}  // namespace danvan
