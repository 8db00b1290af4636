#pragma once
//! The demo's commendation: the four award groups of Lý Thái Tổ's "Dân vận khéo" day (13/10/2022) and the
//! ceremony's program, loaded through the services after the movement (services/demo.cpp).

#include "core/error.hpp"
#include "services/services.hpp"

#include <map>
#include <string>

namespace danvan {

//! `orgs` are the demo organisations by key (services/demo.cpp), "district_ban_dan_van" included.
Status SeedAwards(Services& services, int64_t ly_thai_to, int64_t district, const std::map<std::string, int64_t>& orgs);

}  // namespace danvan
