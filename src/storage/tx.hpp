#pragma once
//! A transaction in progress; only storage/ code includes this (it brings SOCI).

#include "storage/database.hpp"

#include <soci/soci.h>

namespace danvan {

class Tx {
 public:
  Tx(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}
  soci::session& session() { return session_; }
  Dialect dialect() const { return dialect_; }

  //! Runs a script of several statements (migrations) through the driver's own API.
  void ExecuteScript(const std::string& sql);

 private:
  soci::session& session_;
  Dialect dialect_;
};

}  // namespace danvan
