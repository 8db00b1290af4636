#pragma once
//! The blocks every generated document of an issuer shares, filled from the records: the header (the issuer and the
//! body above it), the signature block, and lists typed one per line. Decisions, dossiers and the year report use
//! them (services/awards_documents.cpp defines them).

#include "documents/pdf/format.hpp"
#include "domain/awards.hpp"
#include "domain/territory.hpp"

#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! The header block of the issuer (Nghị định 30/2020: the body and, for bodies that have one, the body above it;
//! Hướng dẫn 36: "ĐẢNG BỘ …" above the Party committee). A People's Committee prints on two lines.
documents::Issuer HeaderOf(const Issuer& issuer, const std::optional<AdminUnit>& parent);

//! "TM. ỦY BAN NHÂN DÂN" / "T/M ĐẢNG ỦY" for the collective, "KT. CHỦ TỊCH" for a deputy; `capacity` is one of
//! "", "TM.", "KT.", "Q.", "TL.", "TUQ.".
documents::Signer SignerBlock(const Issuer& issuer, const std::string& capacity, const std::string& title,
                              const std::string& name);

//! "Như Điều 3; Lưu VT." → {"Như Điều 3", "Lưu VT"}: items split at ';' or a new line, trimmed, the dots dropped.
std::vector<std::string> SplitList(const std::string& text);

}  // namespace danvan
