#pragma once
// SQL of the home page (GET /api/v1/home) that no other area asks: the same text on SQLite and PostgreSQL.

#include <string_view>

namespace danvan::sql {

//! The sessions not yet closed of the councils a user sits on, newest first, with the council and its campaign.
inline constexpr std::string_view kHomeOpenSessionsOfMember =
    "SELECT s.id, s.council_id, k.name, k.campaign_id, s.held_on, s.status, c.unit_id"
    " FROM council_sessions s JOIN councils k ON k.id = s.council_id"
    " JOIN council_members cm ON cm.council_id = k.id JOIN campaigns c ON c.id = k.campaign_id"
    " WHERE cm.user_id = :user AND s.status <> 'closed'"
    " ORDER BY s.held_on DESC, s.id DESC LIMIT :limit";

}  // namespace danvan::sql
