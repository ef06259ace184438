#pragma once
/// @file explain.hpp
/// @brief `smesim explain [INSTRUMENT]` and docs/instruments.md: readable
/// explanations of every policy instrument and shock, generated from their
/// declarations (what it does, the steps it enters, its parameters with
/// units, defaults and ranges) with an example TOML block that validates.
#include <iosfwd>
#include <string>

namespace models {

/// @brief One line per policy instrument and per shock.
std::string explain_list();

/// @brief Whole explanation of one instrument or shock type; throws
/// std::invalid_argument (with a suggestion when one is close) for an unknown type.
std::string explain_kind(const std::string& type);

/// @brief Example `[[policy]]` or `[[shock]]` block for a type, valid in a
/// scenario that extends scenarios/default/baseline.toml.
std::string example_toml(const std::string& type);

/// @brief docs/instruments.md: every instrument and shock, with examples.
std::string instruments_markdown();

/// @brief The `smesim explain` command: the list for "", else one type.
/// Returns the exit status (1 for an unknown type, with a message on `err`).
int explain_command(const std::string& type, std::ostream& out, std::ostream& err);

}  // namespace models
